//! Counting generated lines: every line, and code lines (neither blank nor a comment, so that
//! documentation is never traded for a smaller number), per part of the crate (`types/`,
//! `operation/`, `protocol/`, `client.rs`, …).

use std::collections::BTreeMap;

/// Lines of one file or a sum of files.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Lines {
    /// Every line.
    pub total: usize,
    /// Lines that are neither blank nor a comment (`//`, `///`, `//!`).
    pub code: usize,
}

impl Lines {
    /// Counts the lines of one Rust file (prettyplease output: doc attributes are `///` lines and
    /// there are no block comments).
    pub fn of(contents: &str) -> Lines {
        let mut lines = Lines::default();
        for line in contents.lines() {
            lines.total += 1;
            let line = line.trim_start();
            if !line.is_empty() && !line.starts_with("//") {
                lines.code += 1;
            }
        }
        lines
    }

    /// Adds `other` to these counts.
    pub fn add(&mut self, other: Lines) {
        self.total += other.total;
        self.code += other.code;
    }
}

/// The part of a generated crate a file belongs to: its first folder under `src/` (or under the
/// service's module folder, `src/<service>/`) with a trailing `/`, else its file name
/// (`src/types/tag.rs` → `types/`, `src/ddb/operation/get.rs` → `operation/`, `src/client.rs` →
/// `client.rs`).
pub fn part(path: &str, service_module: Option<&str>) -> String {
    let mut rest = path.strip_prefix("src/").unwrap_or(path);
    if let Some(module) = service_module
        && let Some(inner) = rest.strip_prefix(module).and_then(|r| r.strip_prefix('/'))
    {
        rest = inner;
    }
    match rest.split_once('/') {
        Some((folder, _)) => format!("{folder}/"),
        None => rest.to_owned(),
    }
}

/// Lines per part, summed.
pub type Parts = BTreeMap<String, Lines>;

/// The per-part table: lines and code lines per part, largest code first, with the share of
/// code and the lines per operation.
pub fn parts_table(parts: &Parts, operations: usize) -> String {
    let mut rows: Vec<(&String, &Lines)> = parts.iter().collect();
    rows.sort_by(|a, b| b.1.code.cmp(&a.1.code).then(a.0.cmp(b.0)));
    let total_code: usize = parts.values().map(|l| l.code).sum();
    let per_op = |n: usize| {
        n.checked_div(operations)
            .map_or_else(|| "-".to_owned(), |n| n.to_string())
    };
    let mut out = String::from(
        "| part | lines | code lines | share of code | code lines per operation |\n\
         |---|---:|---:|---:|---:|\n",
    );
    for (name, lines) in rows {
        out.push_str(&format!(
            "| {name} | {} | {} | {:.1} % | {} |\n",
            lines.total,
            lines.code,
            100.0 * lines.code as f64 / total_code.max(1) as f64,
            per_op(lines.code)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_and_blank_lines_are_not_code() {
        let text = "//! Crate docs.\n\n/// A type.\n#[derive(Clone)]\npub struct A {\n    // why\n    pub x: u8,\n}\n";
        assert_eq!(Lines::of(text), Lines { total: 8, code: 4 });
    }

    #[test]
    fn parts_are_the_first_folder_below_the_service() {
        assert_eq!(part("src/types/tag.rs", None), "types/");
        assert_eq!(part("src/client.rs", None), "client.rs");
        assert_eq!(part("src/ddb/operation/get.rs", Some("ddb")), "operation/");
        assert_eq!(part("src/ddb/mod.rs", Some("ddb")), "mod.rs");
        assert_eq!(part("src/lib.rs", Some("ddb")), "lib.rs");
    }
}
