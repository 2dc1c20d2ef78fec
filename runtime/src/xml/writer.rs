//! Writes the XML documents of restXml requests: what generated serializers call, one element
//! at a time. Element and attribute names come from the model (the generator passes them as
//! literals, valid XML names); text and attribute values are escaped here (`&`, `<`, `>`, and in
//! attributes `"`; carriage returns and line feeds as character references, so that a reader's
//! line-end normalization gives back the same text).
//!
//! An element is [`XmlWriter::start`] (`<name`), any [`XmlWriter::attribute`]s (namespace
//! declarations are attributes: `xmlns`, `xmlns:prefix`, written by [`XmlWriter::namespaces`]),
//! then [`XmlWriter::close_start`], the content, and [`XmlWriter::end`]; [`XmlWriter::open`]
//! writes a start tag without attributes at once.

use crate::timestamp::DateTime;

/// Builds an XML document. See the [module docs](self).
#[derive(Debug, Default)]
pub struct XmlWriter {
    out: Vec<u8>,
    scratch: String,
}

impl XmlWriter {
    /// An empty document.
    pub fn new() -> Self {
        Self::default()
    }

    /// The document's bytes.
    pub fn into_bytes(self) -> Vec<u8> {
        self.out
    }

    /// Opens the start tag `<name`.
    pub fn start(&mut self, name: &str) {
        self.out.push(b'<');
        self.out.extend_from_slice(name.as_bytes());
    }

    /// Writes ` name="value"` into the open start tag, the value escaped.
    pub fn attribute(&mut self, name: &str, value: &str) {
        self.out.push(b' ');
        self.out.extend_from_slice(name.as_bytes());
        self.out.extend_from_slice(b"=\"");
        escape(&mut self.out, value, true);
        self.out.push(b'"');
    }

    /// Writes namespace declarations (`(attribute, uri)` pairs) into the open start tag.
    pub fn namespaces(&mut self, namespaces: &[(&str, &str)]) {
        for (name, uri) in namespaces {
            self.attribute(name, uri);
        }
    }

    /// Writes the whole start tag `<name …>` with these namespace declarations.
    pub fn open(&mut self, name: &str, namespaces: &[(&str, &str)]) {
        self.start(name);
        self.namespaces(namespaces);
        self.close_start();
    }

    /// Closes the open start tag (`>`).
    pub fn close_start(&mut self) {
        self.out.push(b'>');
    }

    /// Writes the end tag `</name>`.
    pub fn end(&mut self, name: &str) {
        self.out.extend_from_slice(b"</");
        self.out.extend_from_slice(name.as_bytes());
        self.out.push(b'>');
    }

    /// Writes escaped text.
    pub fn text(&mut self, value: &str) {
        escape(&mut self.out, value, false);
    }

    /// Writes text given as [`std::fmt::Display`] (numbers), escaped.
    fn display(&mut self, value: impl std::fmt::Display) {
        use std::fmt::Write as _;
        self.scratch.clear();
        let _ = write!(self.scratch, "{value}");
        escape(&mut self.out, &self.scratch, false);
    }

    /// Writes `true` or `false`.
    pub fn boolean(&mut self, value: bool) {
        self.out
            .extend_from_slice(if value { b"true" } else { b"false" });
    }

    /// Writes an integer of any width.
    pub fn integer(&mut self, value: impl Into<i64>) {
        self.display(value.into());
    }

    /// Writes a double: `NaN`, `Infinity`, `-Infinity`, else the shortest decimal that reads
    /// back as the same value.
    pub fn double(&mut self, value: f64) {
        self.text(&crate::rest::float(value));
    }

    /// Writes a float like [`double`](Self::double), with the `f32`'s shortest digits.
    pub fn float(&mut self, value: f32) {
        self.text(&crate::rest::float32(value));
    }

    /// Writes a timestamp as an RFC 3339 date-time (the restXml default).
    pub fn date_time(&mut self, value: DateTime) {
        self.scratch.clear();
        value.fmt_date_time(&mut self.scratch);
        self.out.extend_from_slice(self.scratch.as_bytes());
    }

    /// Writes a timestamp as an HTTP date (`timestampFormat: rfc822`).
    pub fn http_date(&mut self, value: DateTime) {
        self.scratch.clear();
        value.fmt_http_date(&mut self.scratch);
        self.out.extend_from_slice(self.scratch.as_bytes());
    }

    /// Writes a timestamp as epoch seconds (`timestampFormat: unixTimestamp`).
    pub fn epoch_seconds(&mut self, value: DateTime) {
        self.scratch.clear();
        value.fmt_epoch_seconds(&mut self.scratch);
        self.out.extend_from_slice(self.scratch.as_bytes());
    }
}

/// Appends `value` escaped for element text, or for a double-quoted attribute value.
fn escape(out: &mut Vec<u8>, value: &str, attribute: bool) {
    let bytes = value.as_bytes();
    let mut run = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let replacement: &[u8] = match b {
            b'&' => b"&amp;",
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'"' if attribute => b"&quot;",
            b'\r' => b"&#xD;",
            b'\n' if attribute => b"&#xA;",
            _ => continue,
        };
        // `run <= i < len` always holds; `get` keeps the writer free of indexing that could panic.
        out.extend_from_slice(bytes.get(run..i).unwrap_or_default());
        out.extend_from_slice(replacement);
        run = i + 1;
    }
    out.extend_from_slice(bytes.get(run..).unwrap_or_default());
}
