//! Host prefixes: an operation whose model has an `endpoint` trait (`hostPrefix: "data-"`, or
//! `"{Label}."` with a member's value) is sent to `<prefix><host>`. A sans-IO request has no
//! host, so `build_request` stores the prefix, labels already filled in, as a [`HostPrefix`] in
//! the request's extensions; whoever resolves the endpoint prepends it.
//!
//! ```
//! # use awsgen_runtime::HostPrefix;
//! let mut request = http::Request::new(Vec::<u8>::new());
//! request.extensions_mut().insert(HostPrefix::new("foo.bar."));
//! let prefix = request.extensions().get::<HostPrefix>().unwrap();
//! assert_eq!(prefix.apply("example.com"), "foo.bar.example.com");
//! ```

/// The host prefix of one request. See the [module docs](self).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct HostPrefix(String);

impl HostPrefix {
    /// A prefix, with any labels filled in.
    pub fn new(prefix: impl Into<String>) -> Self {
        Self(prefix.into())
    }

    /// The prefix.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `host` with the prefix in front.
    pub fn apply(&self, host: &str) -> String {
        format!("{}{host}", self.0)
    }

    /// Whether every dot-separated label of the prefix is a valid host label (1–63 letters,
    /// digits and hyphens, not starting or ending with a hyphen), as botocore checks the
    /// member values it fills in. The prefix may end with a dot, or with a hyphen that joins it
    /// to the host's first label (`data-`).
    pub fn is_valid(&self) -> bool {
        let trimmed = self.0.strip_suffix('.').unwrap_or(&self.0);
        let trimmed = trimmed.strip_suffix('-').unwrap_or(trimmed);
        !trimmed.is_empty()
            && trimmed.split('.').all(|label| {
                !label.is_empty()
                    && label.len() <= 63
                    && !label.starts_with('-')
                    && !label.ends_with('-')
                    && label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            })
    }
}
