//! Cases the runner skips, each with the reason. A case is named `<file>:<id>` (legacy cases,
//! which have no id, `<file>:<suite>.<case>`). Every entry needs a reason a reviewer can check.

/// `(case, reason)`.
pub const SKIPS: &[(&str, &str)] = &[];
