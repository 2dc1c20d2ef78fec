//! Client-side validation of the constraints a service model puts on inputs: required members,
//! string and blob lengths, numeric ranges, list and map sizes (and, in the sibling `pattern`
//! module, regular expressions). Generated `validate()` functions walk an input and record every
//! violation here, so one [`ValidationError`] names all of them at once, each with its member
//! path (`Tags[3].Key`), the constraint (`length <= 255`) and what was found (`length 300`).
//!
//! Validating a valid input allocates nothing: the path of the value being checked is a chain of
//! [`Path`] segments on the stack, turned into text only when a violation is recorded. The walk
//! follows the data, so it ends on recursive shapes (the data is a finite tree).
//!
//! Sensitive values are never shown: a violation reports a string's length, not its text, and a
//! number's value only when the member is not sensitive.
//!
//! This module, like every generated `validate()`, exists only with the generated crate's
//! `validate` cargo feature, off by default: the `regex` crate that pattern checks need adds
//! about 40 % to the CPU time of a cold build of a generated crate even with only its `std`
//! and `unicode` features (14.8 s → 20.3 s on the 2-core development machine; 25.0 s with its
//! default features). Request building never validates by default: `build_request_checked`
//! does.
//!
//! Enum membership is not checked: AWS enums are open (a service may add values at any time and
//! clients must accept them), and no model this crate is generated from marks one closed.

use std::fmt;

/// Where a value sits inside the input being validated: the model's member names, list indexes
/// and map keys (`Tags[3].Key`, `Labels["env"]`). Built on the stack while walking the input.
#[derive(Clone, Copy, Debug)]
pub struct Path<'a> {
    parent: Option<&'a Path<'a>>,
    segment: Segment<'a>,
}

#[derive(Clone, Copy, Debug)]
enum Segment<'a> {
    Root,
    Member(&'static str),
    Index(usize),
    Key(&'a str),
    SensitiveKey,
    KeyItself,
}

impl Path<'static> {
    /// The input itself.
    pub const ROOT: Path<'static> = Path {
        parent: None,
        segment: Segment::Root,
    };
}

impl<'a> Path<'a> {
    /// The member `name` (the model's member name) of the structure at this path.
    pub fn member(&'a self, name: &'static str) -> Path<'a> {
        self.child(Segment::Member(name))
    }

    /// Item `index` (from 0) of the list at this path.
    pub fn index(&'a self, index: usize) -> Path<'a> {
        self.child(Segment::Index(index))
    }

    /// The value under `key` in the map at this path.
    pub fn key(&'a self, key: &'a str) -> Path<'a> {
        self.child(Segment::Key(key))
    }

    /// The value under a key of the map at this path whose keys are sensitive (the key is not
    /// shown).
    pub fn sensitive_key(&'a self) -> Path<'a> {
        self.child(Segment::SensitiveKey)
    }

    /// The key itself of the map entry at this path (a path made by [`key`](Self::key) or
    /// [`sensitive_key`](Self::sensitive_key)): shown as `Labels["env"] (key)`.
    pub fn key_itself(&'a self) -> Path<'a> {
        self.child(Segment::KeyItself)
    }

    fn child(&'a self, segment: Segment<'a>) -> Path<'a> {
        Path {
            parent: Some(self),
            segment,
        }
    }

    fn is_root(&self) -> bool {
        matches!(self.segment, Segment::Root)
    }
}

/// `Tags[3].Key`, `Labels["env"]`; the root alone is the empty string.
impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(parent) = self.parent {
            parent.fmt(f)?;
        }
        match self.segment {
            Segment::Root => Ok(()),
            Segment::Member(name) => match self.parent {
                Some(parent) if !parent.is_root() => write!(f, ".{name}"),
                _ => f.write_str(name),
            },
            Segment::Index(index) => write!(f, "[{index}]"),
            Segment::Key(key) => write!(f, "[{key:?}]"),
            Segment::SensitiveKey => f.write_str("[<sensitive key>]"),
            Segment::KeyItself => f.write_str(" (key)"),
        }
    }
}

/// A constraint of the model.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Constraint {
    /// The member must be set: `required`.
    Required,
    /// A string has at least this many characters (Unicode code points, as AWS counts):
    /// `length >= 1`.
    MinLength(u64),
    /// A string has at most this many characters: `length <= 255`.
    MaxLength(u64),
    /// A blob has at least this many bytes: `bytes >= 1`.
    MinBytes(u64),
    /// A blob has at most this many bytes: `bytes <= 1024`.
    MaxBytes(u64),
    /// A list has at least this many items: `items >= 1`.
    MinItems(u64),
    /// A list has at most this many items: `items <= 200`.
    MaxItems(u64),
    /// A map has at least this many entries: `entries >= 1`.
    MinEntries(u64),
    /// A map has at most this many entries: `entries <= 50`.
    MaxEntries(u64),
    /// A number is at least this value (the model's text): `value >= 0.5`.
    MinValue(&'static str),
    /// A number is at most this value (the model's text): `value <= 100`.
    MaxValue(&'static str),
    /// A string matches this regular expression somewhere (it is not implicitly anchored):
    /// `pattern ^[a-z]+$`.
    Pattern(&'static str),
    /// The value must fit into the HTTP request (a URI label that is not empty, a header value
    /// HTTP allows, a valid host label): `valid in the request`.
    Request,
}

impl fmt::Display for Constraint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Constraint::Required => f.write_str("required"),
            Constraint::MinLength(n) => write!(f, "length >= {n}"),
            Constraint::MaxLength(n) => write!(f, "length <= {n}"),
            Constraint::MinBytes(n) => write!(f, "bytes >= {n}"),
            Constraint::MaxBytes(n) => write!(f, "bytes <= {n}"),
            Constraint::MinItems(n) => write!(f, "items >= {n}"),
            Constraint::MaxItems(n) => write!(f, "items <= {n}"),
            Constraint::MinEntries(n) => write!(f, "entries >= {n}"),
            Constraint::MaxEntries(n) => write!(f, "entries <= {n}"),
            Constraint::MinValue(v) => write!(f, "value >= {v}"),
            Constraint::MaxValue(v) => write!(f, "value <= {v}"),
            Constraint::Pattern(p) => write!(f, "pattern {p}"),
            Constraint::Request => f.write_str("valid in the request"),
        }
    }
}

/// What the value had that broke a constraint.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Found {
    /// A required member is not set: `missing`.
    Missing,
    /// A string's length in characters: `length 300`.
    Length(u64),
    /// A blob's length in bytes: `2000 bytes`.
    Bytes(u64),
    /// A list's length: `201 items`.
    Items(u64),
    /// A map's size: `51 entries`.
    Entries(u64),
    /// A number, as text (`value 101`), or `None` for a sensitive member (`value <sensitive>`).
    Value(Option<String>),
    /// A string that does not match the pattern: `does not match`.
    NoMatch,
    /// Why the value does not fit into the request.
    Text(String),
}

impl fmt::Display for Found {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Found::Missing => f.write_str("missing"),
            Found::Length(n) => write!(f, "length {n}"),
            Found::Bytes(n) => write!(f, "{n} bytes"),
            Found::Items(n) => write!(f, "{n} items"),
            Found::Entries(n) => write!(f, "{n} entries"),
            Found::Value(Some(v)) => write!(f, "value {v}"),
            Found::Value(None) => f.write_str("value <sensitive>"),
            Found::NoMatch => f.write_str("does not match"),
            Found::Text(why) => f.write_str(why),
        }
    }
}

/// One broken constraint: where, which, and what was found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    path: String,
    constraint: Constraint,
    found: Found,
}

impl Violation {
    /// A violation at `path` (as [`Path`] displays it).
    pub fn new(path: impl Into<String>, constraint: Constraint, found: Found) -> Self {
        Self {
            path: path.into(),
            constraint,
            found,
        }
    }

    /// The member path, with the model's member names: `Tags[3].Key`, `Labels["env"]`.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The constraint that is broken.
    pub fn constraint(&self) -> &Constraint {
        &self.constraint
    }

    /// What the value had instead.
    pub fn found(&self) -> &Found {
        &self.found
    }
}

/// `TargetBucket: length <= 255, but length 300`.
impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = if self.path.is_empty() {
            "(input)"
        } else {
            &self.path
        };
        write!(f, "{path}: {}, but {}", self.constraint, self.found)
    }
}

/// An input breaks constraints of the model: every violation found, in the order of the
/// input's members.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidationError {
    type_name: &'static str,
    violations: Vec<Violation>,
}

impl ValidationError {
    /// `type_name` (the input type) breaks `violations`.
    pub fn new(type_name: &'static str, violations: Vec<Violation>) -> Self {
        Self {
            type_name,
            violations,
        }
    }

    /// The type that was validated (`CopySnapshotInput`).
    pub fn type_name(&self) -> &'static str {
        self.type_name
    }

    /// Every violation, in the order of the input's members.
    pub fn violations(&self) -> &[Violation] {
        &self.violations
    }

    /// Every violation, owned.
    pub fn into_violations(self) -> Vec<Violation> {
        self.violations
    }
}

/// A heading line, then one violation per line.
impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.violations.len();
        write!(
            f,
            "invalid {}: {n} constraint violation{}",
            self.type_name,
            if n == 1 { "" } else { "s" }
        )?;
        for violation in &self.violations {
            write!(f, "\n  {violation}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationError {}

impl ValidationError {
    /// A valid input that still cannot be put into a request (a value HTTP does not allow in a
    /// header, …): one violation at the member, with the reason.
    pub fn from_request(type_name: &'static str, error: super::operation::InvalidRequest) -> Self {
        Self::new(
            type_name,
            vec![Violation::new(
                error.member(),
                Constraint::Request,
                Found::Text(error.message().to_owned()),
            )],
        )
    }
}

/// A value that can check itself against the constraints of the model: implemented by every
/// generated type an input reaches. Generated code writes only [`Validate::validate_into`] (and
/// nothing at all for a type the model puts no constraint in); [`Validate::validate`] is the
/// same for every type. Bring the trait into scope to call `input.validate()`.
pub trait Validate {
    /// The type's name, which [`ValidationError`] starts with (`CopySnapshotInput`).
    const NAME: &'static str;

    /// Records every violation inside this value at paths under `path` (by default none: a
    /// type whose members have no constraint, also inside).
    fn validate_into(&self, path: &Path<'_>, out: &mut Violations) {
        let _ = (path, out);
    }

    /// Checks this value against every constraint of the model (required members, lengths,
    /// ranges, patterns, also inside nested values) and returns every violation at once.
    /// `Ok` when there is none.
    fn validate(&self) -> Result<(), ValidationError> {
        let mut out = Violations::new();
        self.validate_into(&Path::ROOT, &mut out);
        out.finish(Self::NAME)
    }
}

/// A boxed member (a recursive shape) is checked as its value.
impl<T: Validate + ?Sized> Validate for Box<T> {
    const NAME: &'static str = T::NAME;

    fn validate_into(&self, path: &Path<'_>, out: &mut Violations) {
        (**self).validate_into(path, out);
    }
}

/// Records every violation inside `value` at paths under `path`: what generated code calls for
/// a member or item that is a structure or union (no trait to import).
#[inline]
pub fn nested<T: Validate + ?Sized>(value: &T, path: &Path<'_>, out: &mut Violations) {
    value.validate_into(path, out);
}

/// Validates `input`, then builds the request of operation `O`: what
/// [`Operation::build_request_checked`](super::operation::Operation::build_request_checked)
/// does, as a function.
pub fn build_request_checked<O>(input: &O::Input) -> Result<http::Request<Vec<u8>>, ValidationError>
where
    O: super::operation::Operation + ?Sized,
    O::Input: Validate,
{
    input.validate()?;
    O::build_request(input).map_err(|e| ValidationError::from_request(O::Input::NAME, e))
}

/// Collects violations while generated code walks an input. Each check records what it finds
/// and never stops the walk.
#[derive(Clone, Debug, Default)]
pub struct Violations {
    list: Vec<Violation>,
}

impl Violations {
    /// No violations yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records a violation at `path`.
    pub fn push(&mut self, path: &Path<'_>, constraint: Constraint, found: Found) {
        self.list
            .push(Violation::new(path.to_string(), constraint, found));
    }

    /// Whether nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// `Ok` if nothing was recorded, else every violation as the error of `type_name`.
    pub fn finish(self, type_name: &'static str) -> Result<(), ValidationError> {
        if self.list.is_empty() {
            Ok(())
        } else {
            Err(ValidationError::new(type_name, self.list))
        }
    }

    /// Records that the required member at `path` is not set.
    pub fn missing(&mut self, path: &Path<'_>) {
        self.push(path, Constraint::Required, Found::Missing);
    }

    /// The required member `member` of the structure at `path`: its value, or `None` after
    /// recording that it is missing. One call per required member of a generated structure.
    #[inline]
    pub fn required<'v, T>(
        &mut self,
        value: &'v Option<T>,
        path: &Path<'_>,
        member: &'static str,
    ) -> Option<&'v T> {
        if value.is_none() {
            self.missing(&path.member(member));
        }
        value.as_ref()
    }

    /// Checks a string's length in Unicode code points.
    pub fn length(&mut self, value: &str, min: Option<u64>, max: Option<u64>, path: &Path<'_>) {
        // A string has between len/4 and len code points: count them only when that range
        // does not settle it.
        let bytes = to_u64(value.len());
        let settled = min.is_none_or(|min| bytes / 4 >= min) && max.is_none_or(|max| bytes <= max);
        if settled {
            return;
        }
        let chars = to_u64(value.chars().count());
        if let Some(min) = min.filter(|min| chars < *min) {
            self.push(path, Constraint::MinLength(min), Found::Length(chars));
        }
        if let Some(max) = max.filter(|max| chars > *max) {
            self.push(path, Constraint::MaxLength(max), Found::Length(chars));
        }
    }

    /// Checks a blob's length in bytes.
    pub fn bytes(&mut self, len: usize, min: Option<u64>, max: Option<u64>, path: &Path<'_>) {
        let len = to_u64(len);
        if let Some(min) = min.filter(|min| len < *min) {
            self.push(path, Constraint::MinBytes(min), Found::Bytes(len));
        }
        if let Some(max) = max.filter(|max| len > *max) {
            self.push(path, Constraint::MaxBytes(max), Found::Bytes(len));
        }
    }

    /// Checks a list's length.
    pub fn items(&mut self, len: usize, min: Option<u64>, max: Option<u64>, path: &Path<'_>) {
        let len = to_u64(len);
        if let Some(min) = min.filter(|min| len < *min) {
            self.push(path, Constraint::MinItems(min), Found::Items(len));
        }
        if let Some(max) = max.filter(|max| len > *max) {
            self.push(path, Constraint::MaxItems(max), Found::Items(len));
        }
    }

    /// Checks a map's size.
    pub fn entries(&mut self, len: usize, min: Option<u64>, max: Option<u64>, path: &Path<'_>) {
        let len = to_u64(len);
        if let Some(min) = min.filter(|min| len < *min) {
            self.push(path, Constraint::MinEntries(min), Found::Entries(len));
        }
        if let Some(max) = max.filter(|max| len > *max) {
            self.push(path, Constraint::MaxEntries(max), Found::Entries(len));
        }
    }

    /// Checks an integer against bounds given as (value, the model's text). `sensitive` hides
    /// the value in the violation.
    pub fn int_range(
        &mut self,
        value: i128,
        min: Option<(i128, &'static str)>,
        max: Option<(i128, &'static str)>,
        sensitive: bool,
        path: &Path<'_>,
    ) {
        let found = || Found::Value((!sensitive).then(|| value.to_string()));
        if let Some((_, text)) = min.filter(|(min, _)| value < *min) {
            self.push(path, Constraint::MinValue(text), found());
        }
        if let Some((_, text)) = max.filter(|(max, _)| value > *max) {
            self.push(path, Constraint::MaxValue(text), found());
        }
    }

    /// Checks a floating-point number against bounds given as (value, the model's text). NaN is
    /// outside every range. `sensitive` hides the value in the violation.
    pub fn float_range(
        &mut self,
        value: f64,
        min: Option<(f64, &'static str)>,
        max: Option<(f64, &'static str)>,
        sensitive: bool,
        path: &Path<'_>,
    ) {
        let found = || Found::Value((!sensitive).then(|| value.to_string()));
        if let Some((_, text)) = min.filter(|(min, _)| value.is_nan() || value < *min) {
            self.push(path, Constraint::MinValue(text), found());
        }
        if let Some((_, text)) = max.filter(|(max, _)| value.is_nan() || value > *max) {
            self.push(path, Constraint::MaxValue(text), found());
        }
    }
}

fn to_u64(n: usize) -> u64 {
    u64::try_from(n).unwrap_or(u64::MAX)
}
