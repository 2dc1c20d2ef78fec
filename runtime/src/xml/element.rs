//! An element's start tag: its local name, whether it is empty, and its attributes.

use std::fmt;

use super::text::attribute_value;
use super::{Element, SPACE, XmlError, shown};

impl<'a> Element<'a> {
    /// The local name (without any namespace prefix).
    pub fn local_name(&self) -> &str {
        self.name
    }

    /// Whether the element was written as an empty-element tag (`<a/>`).
    pub fn is_empty(&self) -> bool {
        self.empty
    }

    /// The value of the attribute with this local name, unescaped and normalized as XML
    /// attribute values are (each white space character becomes a space), if the element has
    /// it; an attribute given twice is an error.
    pub fn attribute(&self, local_name: &str) -> Result<Option<String>, XmlError> {
        let malformed = || XmlError::new(format!("malformed attribute in <{}>", self.name));
        let mut found = None;
        let mut rest = self.attributes;
        loop {
            rest = rest.trim_start_matches(SPACE);
            if rest.is_empty() {
                return Ok(found);
            }
            let (key, after) = rest.split_once('=').ok_or_else(malformed)?;
            let key = key.trim_end_matches(SPACE);
            if key.is_empty() || key.contains(SPACE) {
                return Err(malformed());
            }
            let after = after.trim_start_matches(SPACE);
            let (value, after) = match after.strip_prefix('"') {
                Some(quoted) => quoted.split_once('"'),
                None => after
                    .strip_prefix('\'')
                    .and_then(|quoted| quoted.split_once('\'')),
            }
            .ok_or_else(malformed)?;
            rest = after;
            let key = key.rsplit_once(':').map_or(key, |(_, local)| local);
            if key == local_name {
                if found.is_some() {
                    return Err(XmlError::new(format!(
                        "attribute `{local_name}` given twice in <{}>",
                        self.name
                    )));
                }
                found = Some(attribute_value(value).map_err(|e| {
                    XmlError::new(format!(
                        "invalid attribute `{local_name}` in <{}>: {e}",
                        self.name
                    ))
                })?);
            }
        }
    }

    /// The attribute with this local name parsed with `parse`, if the element has it; a failure
    /// becomes an error naming the attribute, `what` was expected, and why.
    pub fn parse_attribute<T, E: fmt::Display>(
        &self,
        local_name: &str,
        what: &str,
        parse: impl FnOnce(&str) -> Result<T, E>,
    ) -> Result<Option<T>, XmlError> {
        let Some(value) = self.attribute(local_name)? else {
            return Ok(None);
        };
        let trimmed = value.trim_ascii();
        parse(trimmed).map(Some).map_err(|e| {
            XmlError::new(format!(
                "attribute `{local_name}` of <{}> should hold {what}, but holds \"{}\": {e}",
                self.name,
                shown(trimmed)
            ))
        })
    }
}
