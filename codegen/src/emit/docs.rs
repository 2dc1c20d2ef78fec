//! Doc attributes for emitted items: model HTML converted to rustdoc Markdown, one `#[doc]`
//! attribute per line, and generated one-liners where the model has nothing, so that every
//! item is documented.

use proc_macro2::TokenStream;
use quote::quote;

/// A block of documentation being assembled for one item.
#[derive(Default)]
pub struct Doc {
    lines: Vec<String>,
}

impl Doc {
    /// Documentation from model HTML, or `fallback` (Markdown) when the model has none.
    pub fn from_html(html: Option<&str>, fallback: impl FnOnce() -> String) -> Self {
        let mut doc = Doc::default();
        let lines = html.map(crate::docs::rustdoc_lines).unwrap_or_default();
        if lines.iter().all(|l| l.trim().is_empty()) {
            doc.paragraph(&fallback());
        } else {
            doc.lines = lines;
        }
        doc
    }

    /// Documentation from Markdown text.
    pub fn text(markdown: &str) -> Self {
        let mut doc = Doc::default();
        doc.paragraph(markdown);
        doc
    }

    /// Appends a Markdown paragraph (separated from what precedes it by a blank line).
    pub fn paragraph(&mut self, markdown: &str) -> &mut Self {
        if !self.lines.is_empty() {
            self.lines.push(String::new());
        }
        self.lines.extend(markdown.lines().map(|l| {
            if l.is_empty() {
                String::new()
            } else {
                format!(" {l}")
            }
        }));
        self
    }

    /// Appends another block as a new paragraph.
    pub fn append(&mut self, other: Doc) -> &mut Self {
        if other.lines.is_empty() {
            return self;
        }
        if !self.lines.is_empty() {
            self.lines.push(String::new());
        }
        self.lines.extend(other.lines);
        self
    }

    /// The `#[doc = "…"]` attributes.
    pub fn attrs(&self) -> TokenStream {
        let lines = &self.lines;
        quote!(#(#[doc = #lines])*)
    }

    /// The `//!`-style inner attributes (`#![doc = "…"]`).
    pub fn inner_attrs(&self) -> TokenStream {
        let lines = &self.lines;
        quote!(#(#![doc = #lines])*)
    }
}

/// Escapes text for inline Markdown (identifiers and values from the model that are shown
/// inside backticks need no escaping beyond backticks themselves).
pub fn code(text: &str) -> String {
    if text.is_empty() {
        return "(the empty string)".to_owned();
    }
    let text: String = text
        .chars()
        .flat_map(|c| {
            let escaped: Vec<char> = if c.is_control() {
                c.escape_unicode().collect()
            } else {
                vec![c]
            };
            escaped
        })
        .collect();
    let text = text.as_str();
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    if text.starts_with('`') || text.ends_with('`') {
        format!("{fence} {text} {fence}")
    } else {
        format!("{fence}{text}{fence}")
    }
}

/// A doctest code block (Markdown) from a `fn main() -> Result<…> { … }`: prettyplease formats
/// it, and the `fn main` wrapper and its `Ok(())` are hidden lines (`# …`), so the reader sees
/// the body as if it stood alone.
pub fn doctest_block(file: &syn::File) -> String {
    let text = prettyplease::unparse(file);
    let mut lines = vec!["```".to_owned()];
    for line in text.lines() {
        let hidden = line.starts_with("fn main") || line == "}" || line.trim() == "Ok(())";
        let body = line.strip_prefix("    ").unwrap_or(line);
        lines.push(if hidden {
            format!("# {}", line.trim())
        } else {
            body.to_owned()
        });
    }
    lines.push("```".to_owned());
    lines.join("\n")
}
