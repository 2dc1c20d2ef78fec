//! Converts the HTML documentation of AWS models into rustdoc Markdown for `#[doc]` attributes.
//!
//! # Pipeline
//!
//! 1. `html`: a tokenizer for HTML fragments (text, start and end tags, character references).
//! 2. `tree`: classifies tags and repairs nesting (unclosed and stray tags, items outside
//!    lists), producing well-nested events.
//! 3. `markdown`, `inline` and `escape`: lay out blocks and inline content, escaping text for
//!    rustdoc.
//!
//! Everything is iterative, so deeply nested input cannot overflow the stack.
//!
//! The tokenizer is written here rather than taken from an HTML crate: model documentation is
//! a fragment of simple, mostly well-formed HTML using about twenty tags, and the parts of a
//! full HTML5 parser that `html5ever` (a large dependency tree) provides — tree construction
//! for tables and forms, foster parenting, the adoption agency algorithm, encoding sniffing —
//! do not matter for it. The rules that do (collapsing whitespace, closing elements left open,
//! ignoring stray end tags, tolerating a `<` that is not a tag) take a few hundred lines that
//! can follow exactly what rustdoc needs, e.g. keeping `<node-id>` inside `<code>` as text.
//!
//! # Conventions
//!
//! | HTML | Markdown |
//! |------|----------|
//! | `p`, `div`, … | paragraphs separated by a blank line |
//! | `p class="title"` | a paragraph in bold: `**Title**` |
//! | `h1`–`h6` | `#`–`######` headings |
//! | `b`, `strong` / `i`, `em` | `**bold**` / `*italic*` (whitespace kept outside the markers) |
//! | `code`, `tt` | a code span, with a longer backtick fence if the code has backticks |
//! | `a href="https://…"` | `[text](https://…)`; an empty link becomes `<https://…>` |
//! | `a` without an absolute URL | its text (relative AWS links cannot resolve from rustdoc) |
//! | `note` / `important` / `warning` | a quote starting `> **Note:**` / `> **Important:**` / `> **Warning:**` |
//! | `ul` / `ol`, `li` | `- ` / `1. ` items, continuation lines indented to the content |
//! | `dl`, `dt`, `dd` | a bullet list whose items start with the term in bold: `- **Term:** definition` |
//! | `pre` | a fenced block tagged `text` (never a doctest) |
//! | `br` | a hard line break (`\` at the end of the line) |
//! | `u`, `fullname`, `span`, unknown tags | their text only |
//!
//! The label of a note goes in front of its first paragraph (`> **Note:** text`) unless the
//! paragraph already starts with it, or stands alone if the note starts with a list. Lists are
//! tight: items follow each other directly, and a nested list directly follows its item's text.
//!
//! Whitespace collapses as in HTML, so Smithy's indented documentation and botocore's single
//! lines give the same Markdown. Inside `code` and `pre`, tags that are not HTML elements (such
//! as `<node-id>`, Smithy's unescaped form of botocore's `&lt;node-id&gt;`) are kept as text.
//!
//! # Escaping
//!
//! The output is written so that rustdoc with `-D warnings` accepts it and runs no doctest:
//! `[`/`]` are escaped (no intra-doc links), bare URLs become autolinks (`rustdoc::bare_urls`),
//! `<` is escaped (`rustdoc::invalid_html_tags`), no line is indented (no indented code block),
//! code blocks are fenced with `text`, and characters that Markdown would interpret (`*`, `_`,
//! `` ` ``, `|`, `~`, a `#`/`>`/`-`/`+`/`1.` at the start of a line, …) are escaped. Control and
//! bidirectional-override characters are removed: they are rejected in doc comments.

mod escape;
mod html;
mod inline;
mod markdown;
mod tree;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_robust;

use tree::{Sink, Tag};

/// Converts model documentation (an HTML fragment) to rustdoc Markdown: blocks separated by
/// blank lines, no trailing newline. Never fails; malformed HTML is converted as best it can.
pub fn html_to_markdown(html: &str) -> String {
    let mut writer = markdown::Writer::new();
    tree::parse(html, &mut writer);
    writer.finish()
}

/// Splits Markdown into the values of `#[doc = …]` attributes, one per line: each non-empty line
/// gets a leading space (so it prints as `/// text`), empty lines stay empty. Empty Markdown
/// gives no lines.
pub fn doc_lines(markdown: &str) -> Vec<String> {
    if markdown.is_empty() {
        return Vec::new();
    }
    markdown
        .split('\n')
        .map(|line| {
            let line = line.strip_suffix('\r').unwrap_or(line);
            if line.is_empty() {
                String::new()
            } else {
                format!(" {line}")
            }
        })
        .collect()
}

/// [`html_to_markdown`] followed by [`doc_lines`].
pub fn rustdoc_lines(html: &str) -> Vec<String> {
    doc_lines(&html_to_markdown(html))
}

/// The first sentence of the first paragraph of model documentation, as plain text (markup
/// removed, whitespace collapsed, not escaped), or `None` if there is no text. To use it in a
/// doc comment, pass it through [`escape_markdown`].
pub fn first_sentence(html: &str) -> Option<String> {
    let mut sink = PlainText::default();
    tree::parse(html, &mut sink);
    let text = sink.text.split_whitespace().collect::<Vec<_>>().join(" ");
    let sentence = cut_sentence(&text);
    (!sentence.is_empty()).then(|| sentence.to_owned())
}

/// Escapes plain text as one line of rustdoc Markdown: whitespace collapses, Markdown
/// characters are escaped and bare URLs become autolinks.
pub fn escape_markdown(text: &str) -> String {
    let mut inline = inline::Inline::default();
    inline.text(&html::sanitize(text));
    inline.take_lines(inline::Mode::Line).join(" ")
}

/// The prefix of `text` up to the first `.`, `!` or `?` followed by a space or the end, skipping
/// common abbreviations (`e.g.`, `i.e.`).
fn cut_sentence(text: &str) -> &str {
    for (i, c) in text.char_indices() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let end = i + c.len_utf8();
        if !(text[end..].is_empty() || text[end..].starts_with(' ')) {
            continue;
        }
        let word = text[..i]
            .rsplit(' ')
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        if ["e.g", "i.e", "vs", "cf"].contains(&word.trim_start_matches('(')) {
            continue;
        }
        return &text[..end];
    }
    text
}

/// Collects the text of the first block that has any.
#[derive(Default)]
struct PlainText {
    text: String,
    done: bool,
    /// Per open element: whether it is a block, or hidden.
    open: Vec<(bool, bool)>,
    hidden: usize,
}

impl PlainText {
    fn boundary(&mut self) {
        if !self.text.trim().is_empty() {
            self.done = true;
        }
    }
}

impl Sink for PlainText {
    fn start(&mut self, tag: Tag) {
        let hidden = self.hidden > 0 || tag == Tag::Hidden;
        if hidden {
            self.hidden += 1;
        } else if tag.is_block() {
            self.boundary();
        }
        self.open.push((tag.is_block(), hidden));
    }

    fn end(&mut self) {
        match self.open.pop() {
            Some((_, true)) => self.hidden -= 1,
            Some((true, false)) => self.boundary(),
            _ => {}
        }
    }

    fn text(&mut self, text: &str) {
        if !self.done && self.hidden == 0 {
            self.text.push_str(text);
        }
    }

    fn line_break(&mut self) {
        self.text(" ");
    }
}
