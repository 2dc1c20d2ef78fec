//! Turns the token stream into well-nested element events: classifies tag names, drops unknown
//! tags, closes elements left open, ignores stray end tags, and repairs list structure (an `li`
//! outside a list, text directly inside a `ul`, …) so that consumers can rely on nesting.
//! Iterative: nesting depth only grows a `Vec`, never the call stack.

use super::html::{Token, Tokenizer, sanitize};
use std::collections::HashMap;

/// An element as the Markdown writer sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Tag {
    /// `p`.
    Paragraph,
    /// `p class="title"`: a paragraph shown as a bold heading line.
    Title,
    /// `h1`–`h6`.
    Heading(u8),
    /// `pre`.
    Pre,
    /// `note`, `important`, `warning` (with their label) and `blockquote` (without).
    Callout(Option<&'static str>),
    /// Other block elements (`div`, `section`, `table` rows, …): paragraph boundaries.
    Block,
    /// `ul` (not ordered) or `ol`, with its first number.
    List {
        /// Whether this is an `ol`.
        ordered: bool,
        /// The `start` attribute of an `ol`, else 1.
        start: u64,
    },
    /// `li`.
    Item,
    /// `dl`.
    DefList,
    /// `dt`.
    Term,
    /// `dd`.
    Definition,
    /// `code`, `tt`, `kbd`, `samp`.
    Code,
    /// `a`, with its `href` if it has one.
    Link(Option<String>),
    /// `b`, `strong`.
    Bold,
    /// `i`, `em`, `cite`, `var`, `dfn`.
    Italic,
    /// Inline elements whose markup is dropped and whose text is kept (`u`, `fullname`, `span`).
    Plain,
    /// Table cells: text kept, separated from neighbouring cells by a space.
    Spaced,
    /// `script`, `style`, `head`, `template`: dropped with their content.
    Hidden,
}

impl Tag {
    /// Whether the element starts a new block (ends the current paragraph).
    pub(crate) fn is_block(&self) -> bool {
        !matches!(
            self,
            Tag::Code
                | Tag::Link(_)
                | Tag::Bold
                | Tag::Italic
                | Tag::Plain
                | Tag::Spaced
                | Tag::Hidden
        )
    }
}

/// The receiver of the normalized events. Every [`Sink::start`] is matched by exactly one
/// [`Sink::end`], properly nested.
pub(crate) trait Sink {
    /// An element starts.
    fn start(&mut self, tag: Tag);
    /// The innermost open element ends.
    fn end(&mut self);
    /// Character data (decoded).
    fn text(&mut self, text: &str);
    /// A `br`.
    fn line_break(&mut self);
}

/// How a tag name is handled.
enum Class {
    /// An element and its structural role.
    Element(Tag, Role),
    /// `br` (also `</br>`).
    Break,
    /// `hr`: a block boundary without content.
    Rule,
    /// Known HTML that is dropped, keeping its content (`html`, `body`, `img`, …).
    Ignore,
}

/// What the structural repairs need to know about an open element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    List,
    DefList,
    Item,
    DefItem,
    Link,
    Literal,
    Other,
}

fn classify(name: &str, attrs: &[(String, String)]) -> Option<Class> {
    let attr = |key: &str| {
        attrs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    };
    let element = |tag, role| Some(Class::Element(tag, role));
    match name {
        "p" => {
            let title = attr("class").is_some_and(|c| c.split_whitespace().any(|c| c == "title"));
            element(if title { Tag::Title } else { Tag::Paragraph }, Role::Other)
        }
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
            let level = name.as_bytes()[1] - b'0';
            element(Tag::Heading(level), Role::Other)
        }
        "pre" => element(Tag::Pre, Role::Literal),
        "note" => element(Tag::Callout(Some("Note")), Role::Other),
        "important" => element(Tag::Callout(Some("Important")), Role::Other),
        "warning" => element(Tag::Callout(Some("Warning")), Role::Other),
        "blockquote" => element(Tag::Callout(None), Role::Other),
        "ul" => element(
            Tag::List {
                ordered: false,
                start: 1,
            },
            Role::List,
        ),
        "ol" => {
            let start = attr("start")
                .and_then(|s| s.trim().parse::<u64>().ok())
                .unwrap_or(1)
                .min(999_999_999);
            element(
                Tag::List {
                    ordered: true,
                    start,
                },
                Role::List,
            )
        }
        "li" => element(Tag::Item, Role::Item),
        "dl" => element(Tag::DefList, Role::DefList),
        "dt" => element(Tag::Term, Role::DefItem),
        "dd" => element(Tag::Definition, Role::DefItem),
        "code" => element(Tag::Code, Role::Literal),
        "tt" => element(Tag::Code, Role::Literal),
        "kbd" => element(Tag::Code, Role::Literal),
        "samp" => element(Tag::Code, Role::Literal),
        "a" => {
            let href = attr("href").map(str::to_owned);
            element(Tag::Link(href), Role::Link)
        }
        "b" => element(Tag::Bold, Role::Other),
        "strong" => element(Tag::Bold, Role::Other),
        "i" => element(Tag::Italic, Role::Other),
        "em" => element(Tag::Italic, Role::Other),
        "cite" => element(Tag::Italic, Role::Other),
        "var" => element(Tag::Italic, Role::Other),
        "dfn" => element(Tag::Italic, Role::Other),
        "td" => element(Tag::Spaced, Role::Other),
        "th" => element(Tag::Spaced, Role::Other),
        "script" => element(Tag::Hidden, Role::Other),
        "style" => element(Tag::Hidden, Role::Other),
        "head" => element(Tag::Hidden, Role::Other),
        "template" => element(Tag::Hidden, Role::Other),
        "br" => Some(Class::Break),
        "hr" => Some(Class::Rule),
        "div" | "section" | "article" | "header" | "footer" | "main" | "aside" | "nav"
        | "figure" | "figcaption" | "address" | "details" | "summary" | "center" | "table"
        | "thead" | "tbody" | "tfoot" | "tr" | "caption" | "fieldset" | "legend" | "hgroup" => {
            element(Tag::Block, Role::Other)
        }
        "u" | "fullname" | "span" | "sup" | "sub" | "small" | "big" | "s" | "strike" | "del"
        | "ins" | "mark" | "abbr" | "q" | "font" | "label" | "time" | "data" | "bdi" | "bdo" => {
            element(Tag::Plain, Role::Other)
        }
        "html" | "body" | "title" | "meta" | "link" | "base" | "img" | "wbr" | "input" | "col"
        | "colgroup" | "area" | "map" | "embed" | "param" | "source" | "track" | "picture"
        | "video" | "audio" | "object" | "iframe" | "canvas" | "svg" | "math" | "button"
        | "form" | "select" | "option" | "textarea" | "noscript" | "slot" => Some(Class::Ignore),
        _ => None,
    }
}

/// The name end tags match an element by: any heading end tag closes any heading.
fn match_key(name: &str) -> &str {
    match name {
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => "h",
        _ => name,
    }
}

/// One open element.
struct Open {
    key: String,
    role: Role,
    /// Opened by a repair rather than by a tag (e.g. the `ul` around a stray `li`).
    implicit: bool,
}

/// The stack of open elements, forwarding repaired events to a [`Sink`].
struct Builder<'s, S: Sink> {
    sink: &'s mut S,
    stack: Vec<Open>,
    /// How many elements with each key are open, so stray end tags are rejected quickly.
    open_keys: HashMap<String, usize>,
    /// How many `code`/`pre` elements are open; inside them unknown tags are shown literally.
    literal: usize,
}

/// Parses `html` and feeds the normalized events to `sink`.
pub(crate) fn parse(html: &str, sink: &mut impl Sink) {
    let mut builder = Builder {
        sink,
        stack: Vec::new(),
        open_keys: HashMap::new(),
        literal: 0,
    };
    for token in Tokenizer::new(html) {
        match token {
            Token::Text(text) => builder.text(&text),
            Token::Start {
                name,
                attrs,
                self_closing,
                raw,
            } => match classify(&name, &attrs) {
                Some(Class::Element(tag, role)) => {
                    builder.open(tag, match_key(&name), role, false);
                    if self_closing {
                        builder.pop();
                    }
                }
                Some(Class::Break) => builder.sink.line_break(),
                Some(Class::Rule) => {
                    builder.open(Tag::Block, "hr", Role::Other, false);
                    builder.pop();
                }
                Some(Class::Ignore) => {}
                None => builder.unknown(raw),
            },
            Token::End { name, raw } => match classify(&name, &[]) {
                Some(Class::Element(_, role)) => builder.close(match_key(&name), role),
                Some(Class::Break) => builder.sink.line_break(),
                Some(Class::Rule | Class::Ignore) => {}
                None => builder.unknown(raw),
            },
        }
    }
    while !builder.stack.is_empty() {
        builder.pop();
    }
}

impl<S: Sink> Builder<'_, S> {
    fn top_role(&self) -> Option<(Role, bool)> {
        self.stack.last().map(|o| (o.role, o.implicit))
    }

    /// An unknown tag: dropped, except inside `code`/`pre`, where it is almost certainly a
    /// placeholder such as `<node-id>` that lost its escaping, and is shown as written.
    fn unknown(&mut self, raw: &str) {
        if self.literal > 0 {
            self.sink.text(&sanitize(raw));
        }
    }

    fn text(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        if matches!(self.top_role(), Some((Role::List | Role::DefList, _))) {
            if text
                .chars()
                .all(|c| matches!(c, ' ' | '\t' | '\n' | '\x0c'))
            {
                return;
            }
            self.repair_parent(Role::Other);
        }
        self.sink.text(text);
    }

    fn open(&mut self, tag: Tag, key: &str, role: Role, implicit: bool) {
        match role {
            Role::Item => self.close_in_scope(&["li"], Some(Role::List)),
            Role::DefItem => self.close_in_scope(&["dt", "dd"], Some(Role::DefList)),
            Role::Link => self.close_in_scope(&["a"], None),
            _ => {}
        }
        self.repair_parent(role);
        self.push(tag, key, role, implicit);
    }

    fn push(&mut self, tag: Tag, key: &str, role: Role, implicit: bool) {
        *self.open_keys.entry(key.to_owned()).or_default() += 1;
        if role == Role::Literal {
            self.literal += 1;
        }
        self.stack.push(Open {
            key: key.to_owned(),
            role,
            implicit,
        });
        self.sink.start(tag);
    }

    fn pop(&mut self) {
        if let Some(open) = self.stack.pop() {
            if let Some(n) = self.open_keys.get_mut(&open.key) {
                *n -= 1;
            }
            if open.role == Role::Literal {
                self.literal -= 1;
            }
            self.sink.end();
        }
    }

    /// Makes the top of the stack a valid parent for an element (or text) of `role`: items
    /// only in lists, and lists only containing items.
    fn repair_parent(&mut self, role: Role) {
        loop {
            match (self.top_role(), role) {
                (Some((Role::List, _)), Role::Item) | (Some((Role::DefList, _)), Role::DefItem) => {
                    return;
                }
                (Some((Role::List | Role::DefList, true)), _) => self.pop(),
                (Some((Role::List, false)), _) => self.push(Tag::Item, "li", Role::Item, true),
                (Some((Role::DefList, false)), _) => {
                    self.push(Tag::Definition, "dd", Role::DefItem, true)
                }
                (_, Role::Item) => {
                    let list = Tag::List {
                        ordered: false,
                        start: 1,
                    };
                    self.push(list, "ul", Role::List, true);
                }
                (_, Role::DefItem) => self.push(Tag::DefList, "dl", Role::DefList, true),
                _ => return,
            }
        }
    }

    /// Closes the innermost open element whose key is in `keys`, and everything above it, unless
    /// an element with role `boundary` is found first.
    fn close_in_scope(&mut self, keys: &[&str], boundary: Option<Role>) {
        if keys
            .iter()
            .all(|k| self.open_keys.get(*k).is_none_or(|&n| n == 0))
        {
            return;
        }
        let found = self
            .stack
            .iter()
            .rev()
            .take_while(|o| Some(o.role) != boundary)
            .position(|o| keys.contains(&o.key.as_str()));
        if let Some(depth) = found {
            for _ in 0..=depth {
                self.pop();
            }
        }
    }

    /// An end tag: closes the matching element and everything opened after it; ignored if no
    /// such element is open. End tags of items stop at their list, so a stray `</li>` in a
    /// nested list cannot end the outer item.
    fn close(&mut self, key: &str, role: Role) {
        let boundary = match role {
            Role::Item => Some(Role::List),
            Role::DefItem => Some(Role::DefList),
            _ => None,
        };
        self.close_in_scope(&[key], boundary);
    }
}
