//! The first step of Smithy lowering: turns the JSON AST's shapes into plain shapes that
//! lowering can read one at a time. `apply` entries are merged into the shapes and members they
//! name, mixins are flattened into the shapes that use them (members first from each mixin in
//! order, then the shape's own; traits inherited unless local), and mixin shapes are dropped.

use indexmap::IndexMap;

use super::super::{MemberDef, ShapeDef, SmithyModel, Traits};
use crate::error::{Location, Problem};

/// Trait id that marks a shape as a mixin.
const MIXIN: &str = "smithy.api#mixin";

/// Mixin chains longer than this are reported rather than followed (a hostile file cannot make
/// resolution recurse without bound).
const MAX_MIXIN_DEPTH: usize = 64;

/// Shapes with `apply` merged and mixins flattened, in file order; mixin shapes and `apply`
/// entries are gone. Also returns the ids of the mixin shapes, so that a member targeting one
/// can be reported.
pub struct Resolved {
    /// The shapes lowering reads.
    pub shapes: IndexMap<String, ShapeDef>,
    /// Ids of mixin shapes (not shapes of the model).
    pub mixins: Vec<String>,
}

/// Resolves `apply` and mixins, reporting problems (unknown targets, cycles) into `problems`.
pub fn resolve(model: &SmithyModel, problems: &mut Vec<Problem>) -> Resolved {
    let mut shapes: IndexMap<String, ShapeDef> = model
        .shapes
        .iter()
        .filter(|(_, s)| s.type_ != "apply")
        .map(|(id, s)| (id.clone(), s.clone()))
        .collect();

    // `apply` on what the file declares; what is left names members that only mixins give.
    let mut pending = Vec::new();
    for (id, s) in model.shapes.iter().filter(|(_, s)| s.type_ == "apply") {
        if !apply(&mut shapes, id, &s.traits) {
            pending.push((id, &s.traits));
        }
    }

    let mixin_ids: Vec<String> = shapes
        .iter()
        .filter(|(_, s)| s.traits.contains_key(MIXIN))
        .map(|(id, _)| id.clone())
        .collect();
    let mut done: IndexMap<String, ShapeDef> = IndexMap::new();
    let ids: Vec<String> = shapes.keys().cloned().collect();
    for id in &ids {
        flatten(&shapes, id, &mut done, &mut Vec::new(), problems);
    }
    for (id, shape) in done {
        shapes.insert(id, shape);
    }
    for (id, traits) in pending {
        if !apply(&mut shapes, id, traits) {
            problems.push(Problem::new(
                Location::Shape(id.clone()),
                "`apply` names a shape or member that does not exist",
            ));
        }
    }
    shapes.retain(|_, s| !s.traits.contains_key(MIXIN));
    Resolved {
        shapes,
        mixins: mixin_ids,
    }
}

/// Merges `traits` into the shape or member `id` (`ns#Shape` or `ns#Shape$member`); false if
/// there is no such shape or member.
fn apply(shapes: &mut IndexMap<String, ShapeDef>, id: &str, traits: &Traits) -> bool {
    let (shape_id, member) = match id.split_once('$') {
        Some((shape, member)) => (shape, Some(member)),
        None => (id, None),
    };
    let Some(shape) = shapes.get_mut(shape_id) else {
        return false;
    };
    let target = match member {
        None => &mut shape.traits,
        Some(name) => match member_mut(shape, name) {
            Some(m) => &mut m.traits,
            None => return false,
        },
    };
    for (k, v) in traits {
        target.insert(k.clone(), v.clone());
    }
    true
}

fn member_mut<'a>(shape: &'a mut ShapeDef, name: &str) -> Option<&'a mut MemberDef> {
    match name {
        "member" if shape.member.is_some() => shape.member.as_mut(),
        "key" if shape.key.is_some() => shape.key.as_mut(),
        "value" if shape.value.is_some() => shape.value.as_mut(),
        _ => shape.members.as_mut()?.get_mut(name),
    }
}

/// Flattens the mixins of `id` into `done` (memoized), mixins first. `stack` holds the shapes
/// being flattened, to report cycles.
fn flatten(
    shapes: &IndexMap<String, ShapeDef>,
    id: &str,
    done: &mut IndexMap<String, ShapeDef>,
    stack: &mut Vec<String>,
    problems: &mut Vec<Problem>,
) {
    let Some(shape) = shapes.get(id) else { return };
    if shape.mixins.is_empty() || done.contains_key(id) {
        return;
    }
    if stack.iter().any(|s| s == id) || stack.len() >= MAX_MIXIN_DEPTH {
        problems.push(Problem::new(
            Location::Shape(id.to_owned()),
            if stack.len() >= MAX_MIXIN_DEPTH {
                format!("mixins nest deeper than {MAX_MIXIN_DEPTH} levels")
            } else {
                "mixins form a cycle".to_owned()
            },
        ));
        return;
    }
    stack.push(id.to_owned());
    let mut flat = shape.clone();
    flat.mixins.clear();
    let mut members: IndexMap<String, MemberDef> = IndexMap::new();
    let mut traits = Traits::new();
    for mixin_ref in &shape.mixins {
        let mixin_id = &mixin_ref.target;
        flatten(shapes, mixin_id, done, stack, problems);
        let Some(mixin) = done.get(mixin_id).or_else(|| shapes.get(mixin_id)) else {
            problems.push(Problem::new(
                Location::Shape(id.to_owned()),
                format!("mixin `{mixin_id}` does not exist"),
            ));
            continue;
        };
        if !mixin.traits.contains_key(MIXIN) {
            problems.push(Problem::new(
                Location::Shape(id.to_owned()),
                format!("`{mixin_id}` is used as a mixin but has no `{MIXIN}` trait"),
            ));
            continue;
        }
        let local: Vec<&str> = mixin
            .traits
            .get(MIXIN)
            .and_then(|v| v.get("localTraits"))
            .and_then(|v| v.as_array())
            .map(|a| a.iter().filter_map(|v| v.as_str()).collect())
            .unwrap_or_default();
        for (k, v) in &mixin.traits {
            if k != MIXIN && !local.contains(&k.as_str()) {
                traits.insert(k.clone(), v.clone());
            }
        }
        for (name, m) in mixin.members.iter().flatten() {
            members.insert(name.clone(), m.clone());
        }
        for (mine, theirs) in [
            (&mut flat.member, &mixin.member),
            (&mut flat.key, &mixin.key),
            (&mut flat.value, &mixin.value),
        ] {
            *mine = merge_member(theirs.as_ref(), mine.take());
        }
    }
    stack.pop();
    // The shape's own traits and members win; a member it redeclares keeps its mixin position.
    for (k, v) in &shape.traits {
        traits.insert(k.clone(), v.clone());
    }
    for (name, m) in shape.members.iter().flatten() {
        let merged = merge_member(members.get(name), Some(m.clone()));
        if let Some(merged) = merged {
            members.insert(name.clone(), merged);
        }
    }
    flat.traits = traits;
    if shape.members.is_some() || !members.is_empty() {
        flat.members = Some(members);
    }
    done.insert(id.to_owned(), flat);
}

/// A member inherited from a mixin (`inherited`) with the shape's own redeclaration (`local`)
/// merged over it: the local target, the inherited traits overridden by the local ones.
fn merge_member(inherited: Option<&MemberDef>, local: Option<MemberDef>) -> Option<MemberDef> {
    match (inherited, local) {
        (None, local) => local,
        (Some(inherited), None) => Some(inherited.clone()),
        (Some(inherited), Some(local)) => {
            let mut traits = inherited.traits.clone();
            for (k, v) in local.traits {
                traits.insert(k, v);
            }
            Some(MemberDef {
                target: local.target,
                traits,
            })
        }
    }
}
