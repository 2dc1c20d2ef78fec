//! Recursion pass: marks the structure and union members that must be boxed so that recursive
//! types have a finite size.
//!
//! Lists and maps already put their elements behind a heap pointer, so only *direct* member
//! edges between structures and unions count. A member is boxed when its holder and its target
//! lie in the same strongly connected component of that graph, which covers self-references
//! and every longer cycle. The rule depends only on the graph, never on traversal order, so the
//! result is deterministic. Both depth-first passes are iterative: a 1,000-deep chain of shapes
//! must not overflow the stack.

use std::collections::BTreeMap;

use super::{Model, ShapeId, ShapeKind};

/// Sets [`super::Member::boxed`] on every member that closes a cycle of direct structure/union
/// references.
pub fn box_recursive_members(model: &mut Model) {
    let component = components(model);
    for (holder, shape) in model.shapes.iter_mut() {
        if let ShapeKind::Structure(s) | ShapeKind::Union(s) = &mut shape.kind {
            for member in &mut s.members {
                if let (Some(a), Some(b)) = (component.get(holder), component.get(&member.target)) {
                    member.boxed = a == b;
                }
            }
        }
    }
}

/// Kosaraju's algorithm over direct structure/union member edges; returns a component number
/// per structure/union.
fn components(model: &Model) -> BTreeMap<ShapeId, usize> {
    let nodes: Vec<&ShapeId> = model
        .shapes
        .iter()
        .filter(|(_, s)| matches!(s.kind, ShapeKind::Structure(_) | ShapeKind::Union(_)))
        .map(|(id, _)| id)
        .collect();
    let index: BTreeMap<&ShapeId, usize> =
        nodes.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    let mut forward: Vec<Vec<usize>> = vec![Vec::new(); nodes.len()];
    let mut backward: Vec<Vec<usize>> = vec![Vec::new(); nodes.len()];
    for (i, id) in nodes.iter().enumerate() {
        if let ShapeKind::Structure(s) | ShapeKind::Union(s) = &model.shape(id).kind {
            for m in &s.members {
                if let Some(&j) = index.get(&m.target) {
                    forward[i].push(j);
                    backward[j].push(i);
                }
            }
        }
    }

    // Pass 1: finish order on the forward graph.
    let mut visited = vec![false; nodes.len()];
    let mut order = Vec::with_capacity(nodes.len());
    for start in 0..nodes.len() {
        if visited[start] {
            continue;
        }
        visited[start] = true;
        let mut stack = vec![(start, 0usize)];
        while let Some((node, next)) = stack.last_mut() {
            if let Some(&succ) = forward[*node].get(*next) {
                *next += 1;
                if !visited[succ] {
                    visited[succ] = true;
                    stack.push((succ, 0));
                }
            } else {
                order.push(*node);
                stack.pop();
            }
        }
    }

    // Pass 2: components on the backward graph, in reverse finish order.
    let mut component = vec![usize::MAX; nodes.len()];
    let mut count = 0;
    for &start in order.iter().rev() {
        if component[start] != usize::MAX {
            continue;
        }
        component[start] = count;
        let mut stack = vec![start];
        while let Some(node) = stack.pop() {
            for &pred in &backward[node] {
                if component[pred] == usize::MAX {
                    component[pred] = count;
                    stack.push(pred);
                }
            }
        }
        count += 1;
    }

    nodes
        .into_iter()
        .zip(component)
        .map(|(id, c)| (id.clone(), c))
        .collect()
}

/// The length of the longest chain of types nested in one another (structure members, list
/// items, map values), counting each recursive cycle once. rustc walks such chains when it
/// checks drops and derives; beyond its default recursion limit (128) the crate must raise it.
pub fn max_nesting_depth(model: &Model) -> usize {
    let ids: Vec<&ShapeId> = model.shapes.keys().collect();
    let index: BTreeMap<&ShapeId, usize> = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    let edges: Vec<Vec<usize>> = ids
        .iter()
        .map(|id| {
            crate::ir::targets(&model.shape(id).kind)
                .filter_map(|t| index.get(t).copied())
                .collect()
        })
        .collect();
    // Iterative depth-first search with memoized depths; an edge back onto the current path
    // (a cycle) contributes nothing, since rustc stops at recursion it has already seen.
    const UNSEEN: usize = usize::MAX;
    const ON_PATH: usize = usize::MAX - 1;
    let mut depth = vec![UNSEEN; ids.len()];
    let mut deepest = 0;
    for start in 0..ids.len() {
        if depth[start] != UNSEEN {
            continue;
        }
        depth[start] = ON_PATH;
        let mut stack = vec![(start, 0usize, 1usize)];
        while let Some((node, next, best)) = stack.last_mut() {
            if let Some(&succ) = edges[*node].get(*next) {
                *next += 1;
                match depth[succ] {
                    UNSEEN => {
                        depth[succ] = ON_PATH;
                        stack.push((succ, 0, 1));
                    }
                    ON_PATH => {}
                    d => *best = (*best).max(d + 1),
                }
            } else {
                let (node, _, best) = (*node, *next, *best);
                depth[node] = best;
                deepest = deepest.max(best);
                stack.pop();
                if let Some((_, _, parent_best)) = stack.last_mut() {
                    *parent_best = (*parent_best).max(best + 1);
                }
            }
        }
    }
    deepest
}
