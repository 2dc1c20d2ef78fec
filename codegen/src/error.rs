//! Errors of the generator library. Every error names the model file, and model problems name
//! the shape and member at fault.

use std::fmt;

/// Where in a model a problem is.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Location {
    /// The model as a whole (metadata, top-level keys).
    Model,
    /// An operation.
    Operation(String),
    /// A shape.
    Shape(String),
    /// A member of a shape.
    Member {
        /// The shape holding the member.
        shape: String,
        /// The member name.
        member: String,
    },
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Model => f.write_str("model"),
            Location::Operation(op) => write!(f, "operation `{op}`"),
            Location::Shape(shape) => write!(f, "shape `{shape}`"),
            Location::Member { shape, member } => write!(f, "shape `{shape}`, member `{member}`"),
        }
    }
}

/// One problem found in a model.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    /// Where.
    pub location: Location,
    /// What is wrong.
    pub message: String,
}

impl Problem {
    /// A problem at `location`.
    pub fn new(location: Location, message: impl Into<String>) -> Self {
        Self {
            location,
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.message)
    }
}

/// Errors of the generator.
#[derive(Debug, thiserror::Error)]
pub enum CodegenError {
    /// The model file is not valid JSON, or a key has the wrong JSON type.
    #[error("{file}: {message}")]
    Json {
        /// Model file.
        file: String,
        /// What serde reported, with the JSON path (`shapes.Foo.members`).
        message: String,
    },
    /// The model is well-formed JSON but describes something the generator cannot generate.
    /// All problems are collected and sorted before reporting.
    #[error("{file}: {} problem(s):{}", problems.len(), ProblemList(problems))]
    Model {
        /// Model file.
        file: String,
        /// Every problem found.
        problems: Vec<Problem>,
    },
    /// The configuration is wrong (unknown operation, unsupported protocol, …).
    #[error("{file}: {message}")]
    Config {
        /// Config or model file the setting refers to.
        file: String,
        /// What is wrong.
        message: String,
    },
    /// A model file or one of its companion files exists but cannot be read.
    #[error("{file}: cannot read the file: {source}")]
    Read {
        /// The file, as the model is named (`models/…/paginators-1.json`).
        file: String,
        /// What the OS reported.
        source: std::io::Error,
    },
    /// Generated tokens did not parse as Rust: a generator bug, reported with the file.
    #[error("internal error: generated `{path}` is not valid Rust: {message}")]
    InvalidOutput {
        /// Output file.
        path: String,
        /// syn's message.
        message: String,
    },
}

impl CodegenError {
    /// A model error with one problem.
    pub fn model(file: &str, location: Location, message: impl Into<String>) -> Self {
        CodegenError::Model {
            file: file.to_owned(),
            problems: vec![Problem::new(location, message)],
        }
    }
}

struct ProblemList<'a>(&'a [Problem]);

impl fmt::Display for ProblemList<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for p in self.0 {
            write!(f, "\n  - {p}")?;
        }
        Ok(())
    }
}

/// The generator's result type.
pub type Result<T, E = CodegenError> = std::result::Result<T, E>;
