//! Error values shared by every generated service: the metadata of an error response (and the
//! trait of the errors that carry it), the error of a builder missing required members, and the
//! placeholder for redacted values.

use std::fmt;

/// What `Debug` prints instead of a sensitive value.
pub const REDACTED: &str = "*** Sensitive Data Redacted ***";

/// Code, message, request id and HTTP status of an error response.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ErrorMetadata {
    code: String,
    message: Option<String>,
    request_id: Option<String>,
    status: u16,
    error_type: Option<String>,
}

/// What every generated error type tells about the error response it was read from (an
/// operation's `<Op>Error` and the service's `Error`): code, message, request id and HTTP
/// status. Bring the trait into scope to call `error.code()` (the AWS SDK's errors have the
/// same trait); the client reads the code through it to decide whether to retry.
pub trait ProvideErrorMetadata {
    /// Code, message, request id and HTTP status of the error response.
    fn meta(&self) -> &ErrorMetadata;

    /// The error code from the response.
    fn code(&self) -> &str {
        self.meta().code()
    }

    /// The error message from the response, if any.
    fn message(&self) -> Option<&str> {
        self.meta().message()
    }

    /// The request id from the response, if any.
    fn request_id(&self) -> Option<&str> {
        self.meta().request_id()
    }
}

impl ErrorMetadata {
    /// Metadata for an error response with `code` and HTTP `status`.
    pub fn new(code: impl Into<String>, status: u16) -> Self {
        Self {
            code: code.into(),
            status,
            ..Self::default()
        }
    }

    /// Replaces the code.
    pub fn with_code(mut self, code: impl Into<String>) -> Self {
        self.code = code.into();
        self
    }

    /// Sets the message.
    pub fn with_message(mut self, message: Option<String>) -> Self {
        self.message = message;
        self
    }

    /// Sets the request id.
    pub fn with_request_id(mut self, request_id: Option<String>) -> Self {
        self.request_id = request_id;
        self
    }

    /// Sets the error type (awsQuery `Sender`/`Receiver`).
    pub fn with_error_type(mut self, error_type: Option<String>) -> Self {
        self.error_type = error_type;
        self
    }

    /// The error code (`InvalidSnapshotState`).
    pub fn code(&self) -> &str {
        &self.code
    }

    /// The error message, if the response had one.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// Gives an error structure's `message` member this metadata's message when the member is
    /// absent (the body spelt it differently, `Message` in awsJson). For generated parsers.
    #[doc(hidden)]
    pub fn fill_message(&self, member: &mut Option<String>) {
        if member.is_none() {
            member.clone_from(&self.message);
        }
    }

    /// The request id, if the response had one.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// The HTTP status code of the response.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The error type (awsQuery `Sender`/`Receiver`), if the response had one.
    pub fn error_type(&self) -> Option<&str> {
        self.error_type.as_deref()
    }
}

/// Shows `Code: message (request id: …, HTTP status …)`.
impl fmt::Display for ErrorMetadata {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.code.is_empty() {
            "unknown error"
        } else {
            &self.code
        })?;
        if let Some(message) = &self.message {
            write!(f, ": {message}")?;
        }
        match &self.request_id {
            Some(id) => write!(f, " (request id: {id}, HTTP status {})", self.status),
            None => write!(f, " (HTTP status {})", self.status),
        }
    }
}

/// A builder was asked to build a value whose required members are not all set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BuildError {
    type_name: &'static str,
    missing: Vec<&'static str>,
}

impl BuildError {
    /// `type_name` lacks the required members `missing` (model names).
    pub fn new(type_name: &'static str, missing: Vec<&'static str>) -> Self {
        Self { type_name, missing }
    }

    /// What a generated builder's `build()` checks: `Err` naming, in order, every member of
    /// `members` (`(model name, whether it is set)`) that is not set.
    pub fn check(type_name: &'static str, members: &[(&'static str, bool)]) -> Result<(), Self> {
        let missing: Vec<&'static str> = members
            .iter()
            .filter(|(_, set)| !set)
            .map(|(name, _)| *name)
            .collect();
        if missing.is_empty() {
            Ok(())
        } else {
            Err(Self::new(type_name, missing))
        }
    }

    /// The type that could not be built.
    pub fn type_name(&self) -> &'static str {
        self.type_name
    }

    /// The model names of the required members that were not set.
    pub fn missing(&self) -> &[&'static str] {
        &self.missing
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot build `{}`: required member", self.type_name)?;
        if self.missing.len() > 1 {
            f.write_str("s")?;
        }
        for (i, name) in self.missing.iter().enumerate() {
            f.write_str(if i == 0 { " " } else { ", " })?;
            write!(f, "`{name}`")?;
        }
        f.write_str(" not set")
    }
}

impl std::error::Error for BuildError {}

#[cfg(test)]
mod tests {
    use super::BuildError;

    #[test]
    fn check_names_every_member_not_set_in_order() {
        assert!(BuildError::check("T", &[("A", true), ("B", true)]).is_ok());
        assert!(BuildError::check("T", &[]).is_ok());
        let error = BuildError::check("T", &[("A", false), ("B", true), ("C", false)])
            .expect_err("two members are not set");
        assert_eq!(error.type_name(), "T");
        assert_eq!(error.missing(), ["A", "C"]);
        assert_eq!(
            error.to_string(),
            "cannot build `T`: required members `A`, `C` not set"
        );
    }
}
