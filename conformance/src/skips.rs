//! Cases the runner skips, each with the reason. A case is named `<file>:<id>` (legacy cases,
//! which have no id, `<file>:<suite>.<case>`). Every entry needs a reason a reviewer can check.

/// `(case, reason)`.
pub const SKIPS: &[(&str, &str)] = &[(
    "legacy/output/query.json:16.1",
    "the response's code `OtherExceptionShape` names an error shape that the operation does \
     not list (botocore looks codes up in the whole service). A generated operation error has \
     one variant per error the operation lists and `Unhandled` for every other code, so this \
     one is `Unhandled` with its code and message, and the unlisted shape's member \
     `BodyMember` is not read.",
)];
