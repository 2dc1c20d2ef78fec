//! The block-level Markdown writer: receives normalized element events and lays out paragraphs,
//! quotes, lists, headings and fenced blocks, each line prefixed by its containers (`> `, list
//! markers and their continuation indentation).

use super::escape::longest_backtick_run;
use super::inline::{Inline, Mode, Style};
use super::tree::{Sink, Tag};

/// Containers nested deeper than this are flattened (their content becomes plain paragraphs),
/// so pathological nesting cannot make every line hundreds of characters of indentation.
const MAX_DEPTH: usize = 24;

enum Kind {
    Root,
    Quote,
    List {
        ordered: bool,
        /// The number of the next item.
        next: u64,
        /// A `dl`, whose items are started by `dt`.
        definitions: bool,
    },
    /// A list item; `width` is the width of its marker once the marker has been written.
    Item {
        width: Option<usize>,
    },
}

/// Text that introduces a container's first paragraph: `**Note:**` or a `dt`'s `**Term:**`.
struct Label {
    text: String,
    /// Whether the label is written even if the container stays empty.
    keep_if_empty: bool,
}

struct Container {
    kind: Kind,
    has_content: bool,
    label: Option<Label>,
}

/// What an element's end has to undo.
enum Frame {
    Nothing,
    Boundary,
    Title,
    Heading(Option<u8>),
    Pre,
    /// Containers were pushed; the end truncates the container stack to this height.
    Containers(usize),
    Term,
    Code,
    Style,
    Link,
    Spaced,
    Hidden,
}

/// Builds the Markdown text from normalized events.
pub(crate) struct Writer {
    lines: Vec<String>,
    containers: Vec<Container>,
    frames: Vec<Frame>,
    inline: Inline,
    heading: Option<u8>,
    pre: String,
    pre_depth: usize,
    hidden: usize,
}

impl Writer {
    /// An empty document.
    pub(crate) fn new() -> Self {
        Writer {
            lines: Vec::new(),
            containers: vec![Container {
                kind: Kind::Root,
                has_content: false,
                label: None,
            }],
            frames: Vec::new(),
            inline: Inline::default(),
            heading: None,
            pre: String::new(),
            pre_depth: 0,
            hidden: 0,
        }
    }

    /// Closes everything still open and returns the Markdown (no trailing newline).
    pub(crate) fn finish(mut self) -> String {
        while !self.frames.is_empty() {
            self.end();
        }
        self.flush();
        while self.containers.len() > 1 {
            self.pop_container();
        }
        while self.lines.last().is_some_and(|l| l.is_empty()) {
            self.lines.pop();
        }
        self.lines.join("\n")
    }

    /// Ends the current paragraph (or heading) and writes it.
    fn flush(&mut self) {
        let mode = if self.heading.is_some() {
            Mode::Heading
        } else {
            Mode::Paragraph
        };
        let lines = self.inline.take_lines(mode);
        if lines.is_empty() {
            return;
        }
        match self.heading {
            Some(level) => {
                let hashes = "#".repeat(usize::from(level));
                self.emit(vec![format!("{hashes} {}", lines.join(" "))], false);
            }
            None => self.emit(lines, true),
        }
    }

    /// Writes a block into the innermost container, after its pending label.
    fn emit(&mut self, mut block: Vec<String>, paragraph: bool) {
        if block.is_empty() {
            return;
        }
        if let Some(label) = self.take_label() {
            if !paragraph {
                self.emit_lines(vec![label.text]);
            } else if !starts_with_label(&block[0], &label.text) {
                block[0] = format!("{} {}", label.text, block[0]);
            }
        }
        self.emit_lines(block);
    }

    /// The innermost container's label, if nothing has been written into it yet.
    fn take_label(&mut self) -> Option<Label> {
        let top = self.containers.last_mut()?;
        if top.has_content {
            return None;
        }
        top.label.take()
    }

    /// Writes lines with their container prefixes, separated from the previous block by a
    /// blank line, except between the items of a list and before a list nested in an item
    /// (keeping lists tight).
    fn emit_lines(&mut self, block: Vec<String>) {
        if let Some(level) = self.containers.iter().rposition(|c| c.has_content) {
            let tight = match self.containers[level].kind {
                Kind::List { .. } => true,
                Kind::Item { .. } => matches!(
                    self.containers.get(level + 1).map(|c| &c.kind),
                    Some(Kind::List { ordered, next, .. }) if !ordered || *next == 1
                ),
                _ => false,
            };
            if !tight {
                let blank = self.prefix(level + 1);
                self.lines.push(blank.trim_end().to_owned());
            }
        }
        let depth = self.containers.len();
        for line in block {
            let mut full = self.prefix(depth);
            full.push_str(&line);
            full.truncate(full.trim_end().len());
            self.lines.push(full);
        }
        for container in &mut self.containers {
            container.has_content = true;
        }
    }

    /// The prefix of a line inside the first `depth` containers. Writes pending list markers.
    fn prefix(&mut self, depth: usize) -> String {
        let mut prefix = String::new();
        for i in 0..depth {
            match self.containers[i].kind {
                Kind::Root | Kind::List { .. } => {}
                Kind::Quote => prefix.push_str("> "),
                Kind::Item { width: Some(w) } => prefix.extend(std::iter::repeat_n(' ', w)),
                Kind::Item { width: None } => {
                    let marker = match &mut self.containers[i - 1].kind {
                        Kind::List {
                            ordered: true,
                            next,
                            ..
                        } => {
                            let n = *next;
                            *next += 1;
                            format!("{n}. ")
                        }
                        _ => "- ".to_owned(),
                    };
                    prefix.push_str(&marker);
                    self.containers[i].kind = Kind::Item {
                        width: Some(marker.len()),
                    };
                }
            }
        }
        prefix
    }

    /// Before a container is pushed: writes the current container's label on its own, since the
    /// first block will not be one of its paragraphs.
    fn settle_label(&mut self) {
        if let Some(label) = self.take_label() {
            self.emit_lines(vec![label.text]);
        }
    }

    fn push_container(&mut self, kind: Kind, label: Option<Label>) -> Frame {
        let height = self.containers.len();
        if height >= MAX_DEPTH {
            return Frame::Boundary;
        }
        self.settle_label();
        self.containers.push(Container {
            kind,
            has_content: false,
            label,
        });
        Frame::Containers(height)
    }

    fn pop_container(&mut self) {
        if let Some(label) = self.take_label()
            && label.keep_if_empty
        {
            self.emit_lines(vec![label.text]);
        }
        self.containers.pop();
    }

    /// Whether the innermost container is a list (of the given kind).
    fn top_is_list(&self, want_definitions: bool) -> bool {
        matches!(
            self.containers.last().map(|c| &c.kind),
            Some(Kind::List { definitions, .. }) if *definitions == want_definitions
        )
    }

    /// Whether the innermost container is an item of a definition list.
    fn top_is_definition_item(&self) -> bool {
        let n = self.containers.len();
        n >= 2
            && matches!(self.containers[n - 1].kind, Kind::Item { .. })
            && matches!(
                self.containers[n - 2].kind,
                Kind::List {
                    definitions: true,
                    ..
                }
            )
    }

    /// Ends a `pre`: writes its text as a fenced block, dedented, tagged `text` so that rustdoc
    /// never runs it as a doctest.
    fn emit_pre(&mut self) {
        let text = std::mem::take(&mut self.pre).replace('\x0c', " ");
        let text = text.strip_prefix('\n').unwrap_or(&text);
        let mut lines: Vec<&str> = text.split('\n').map(str::trim_end).collect();
        while lines.last().is_some_and(|l| l.is_empty()) {
            lines.pop();
        }
        let first = lines
            .iter()
            .position(|l| !l.is_empty())
            .unwrap_or(lines.len());
        lines.drain(..first);
        if lines.is_empty() {
            return;
        }
        let indent = common_indent(&lines);
        let fence = "`".repeat(3.max(longest_backtick_run(text) + 1));
        let mut block = vec![format!("{fence}text")];
        block.extend(
            lines
                .iter()
                .map(|l| l.get(indent..).unwrap_or("").to_owned()),
        );
        block.push(fence);
        self.emit(block, false);
    }
}

/// Whether a paragraph already starts with the label (`<note><p><b>Note:</b> …`).
fn starts_with_label(line: &str, label: &str) -> bool {
    let word = label.trim_start_matches('*').trim_end_matches(['*', ':']);
    let line = line.to_lowercase();
    let word = word.to_lowercase();
    [
        format!("**{word}:**"),
        format!("**{word}**:"),
        format!("**{word}**"),
    ]
    .iter()
    .any(|l| line.starts_with(l.as_str()))
}

/// The length in bytes of the leading whitespace shared by all non-empty lines.
fn common_indent(lines: &[&str]) -> usize {
    let mut common: Option<&str> = None;
    for line in lines.iter().filter(|l| !l.is_empty()) {
        let indent = &line[..line.len() - line.trim_start_matches([' ', '\t']).len()];
        common = Some(match common {
            None => indent,
            Some(c) => {
                let shared = c
                    .bytes()
                    .zip(indent.bytes())
                    .take_while(|(a, b)| a == b)
                    .count();
                &c[..shared]
            }
        });
    }
    common.map_or(0, str::len)
}

/// The destination kept for a link: absolute `http(s)`/`mailto` URLs (protocol-relative ones
/// get `https:`). Relative links point into the AWS documentation site and cannot resolve from
/// rustdoc (rustdoc would even try some as intra-doc links), so they are dropped.
fn absolute_url(href: &str) -> Option<String> {
    let href: String = href
        .trim()
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let lower = href.to_ascii_lowercase();
    if lower.starts_with("//") && href.len() > 2 {
        return Some(format!("https:{href}"));
    }
    let scheme_ok = ["http://", "https://", "mailto:"]
        .iter()
        .any(|s| lower.starts_with(s) && lower.len() > s.len());
    scheme_ok.then_some(href)
}

impl Sink for Writer {
    fn start(&mut self, tag: Tag) {
        if self.hidden > 0 || tag == Tag::Hidden {
            self.hidden += 1;
            self.frames.push(Frame::Hidden);
            return;
        }
        if self.pre_depth > 0 {
            // Inside `pre` only text and line breaks count; blocks start a new line.
            let frame = if tag == Tag::Pre {
                self.pre_depth += 1;
                Frame::Pre
            } else {
                if tag.is_block() && !self.pre.is_empty() && !self.pre.ends_with('\n') {
                    self.pre.push('\n');
                }
                Frame::Nothing
            };
            self.frames.push(frame);
            return;
        }
        if tag.is_block() {
            self.flush();
        }
        let frame = match tag {
            Tag::Paragraph | Tag::Block => Frame::Boundary,
            Tag::Title => {
                self.inline.push_style(Style::Bold);
                Frame::Title
            }
            Tag::Heading(level) => Frame::Heading(self.heading.replace(level)),
            Tag::Pre => {
                self.pre_depth = 1;
                Frame::Pre
            }
            Tag::Callout(label) => {
                let label = label.map(|l| Label {
                    text: format!("**{l}:**"),
                    keep_if_empty: false,
                });
                self.push_container(Kind::Quote, label)
            }
            Tag::List { ordered, start } => {
                let list = Kind::List {
                    ordered,
                    next: start,
                    definitions: false,
                };
                self.push_container(list, None)
            }
            Tag::DefList => {
                let list = Kind::List {
                    ordered: false,
                    next: 1,
                    definitions: true,
                };
                self.push_container(list, None)
            }
            Tag::Item if self.top_is_list(false) => {
                self.push_container(Kind::Item { width: None }, None)
            }
            Tag::Item => Frame::Boundary,
            Tag::Term => {
                if self.top_is_definition_item() {
                    self.pop_container();
                }
                if self.top_is_list(true) {
                    // The item outlives the `dt`: its `dd`s follow in it.
                    let _ = self.push_container(Kind::Item { width: None }, None);
                }
                self.inline.push_style(Style::Bold);
                Frame::Term
            }
            Tag::Definition => {
                if self.top_is_list(true) {
                    let _ = self.push_container(Kind::Item { width: None }, None);
                }
                Frame::Boundary
            }
            Tag::Code => {
                self.inline.enter_code();
                Frame::Code
            }
            Tag::Link(href) => match href.as_deref().and_then(absolute_url) {
                Some(url) => {
                    self.inline.push_style(Style::Link(url));
                    Frame::Link
                }
                None => Frame::Nothing,
            },
            Tag::Bold => {
                self.inline.push_style(Style::Bold);
                Frame::Style
            }
            Tag::Italic => {
                self.inline.push_style(Style::Italic);
                Frame::Style
            }
            Tag::Spaced => {
                self.inline.space();
                Frame::Spaced
            }
            Tag::Plain | Tag::Hidden => Frame::Nothing,
        };
        self.frames.push(frame);
    }

    fn end(&mut self) {
        let Some(frame) = self.frames.pop() else {
            return;
        };
        match frame {
            Frame::Nothing => {}
            Frame::Hidden => self.hidden -= 1,
            Frame::Boundary => self.flush(),
            Frame::Title => {
                self.inline.pop_style();
                self.flush();
            }
            Frame::Heading(outer) => {
                self.flush();
                self.heading = outer;
            }
            Frame::Pre => {
                self.pre_depth -= 1;
                if self.pre_depth == 0 {
                    self.emit_pre();
                }
            }
            Frame::Containers(height) => {
                self.flush();
                while self.containers.len() > height {
                    self.pop_container();
                }
            }
            Frame::Term => {
                self.inline.punctuate(':');
                self.inline.pop_style();
                let label = self.inline.take_lines(Mode::Line).join(" ");
                if label.is_empty() {
                    return;
                }
                let in_item = self.top_is_definition_item();
                match self.containers.last_mut() {
                    Some(item) if in_item && !item.has_content => {
                        item.label = Some(Label {
                            text: label,
                            keep_if_empty: true,
                        });
                    }
                    _ => self.emit(vec![label], true),
                }
            }
            Frame::Code => self.inline.leave_code(),
            Frame::Style => {
                self.inline.pop_style();
            }
            Frame::Link => {
                if let Some(Style::Link(url)) = self.inline.pop_style() {
                    self.inline.autolink(&url);
                }
            }
            Frame::Spaced => self.inline.space(),
        }
    }

    fn text(&mut self, text: &str) {
        if self.hidden > 0 {
            return;
        }
        if self.pre_depth > 0 {
            self.pre.push_str(text);
        } else {
            self.inline.text(text);
        }
    }

    fn line_break(&mut self) {
        if self.hidden > 0 {
            return;
        }
        if self.pre_depth > 0 {
            self.pre.push('\n');
        } else if self.heading.is_some() {
            self.inline.space();
        } else {
            self.inline.line_break();
        }
    }
}
