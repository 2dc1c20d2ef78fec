//! A small, forgiving HTML tokenizer for model documentation: splits a fragment into text,
//! start tags and end tags, decodes character references, and removes characters that must not
//! reach a doc comment. It never fails: anything that is not a well-formed tag is text.

use std::borrow::Cow;

/// One token of an HTML fragment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Token<'a> {
    /// Character data with references decoded and forbidden characters removed.
    Text(Cow<'a, str>),
    /// `<name attr="value" …>` or `<name … />`.
    Start {
        /// The tag name in ASCII lowercase.
        name: String,
        /// Attribute names (ASCII lowercase) with decoded values, in source order.
        attrs: Vec<(String, String)>,
        /// Whether the tag ended with `/>`.
        self_closing: bool,
        /// The tag exactly as written, for callers that show unknown tags literally.
        raw: &'a str,
    },
    /// `</name …>`.
    End {
        /// The tag name in ASCII lowercase.
        name: String,
        /// The tag exactly as written.
        raw: &'a str,
    },
}

/// Iterator over the [`Token`]s of a fragment. Comments, doctypes and processing instructions
/// are skipped; a `<` that does not start a complete tag is kept as text.
pub(crate) struct Tokenizer<'a> {
    src: &'a str,
    pos: usize,
    ends: Ends,
    /// Markup found while scanning text, returned after that text.
    pending: Option<(Markup<'a>, usize)>,
}

impl<'a> Tokenizer<'a> {
    /// Tokenizes `src` from the beginning.
    pub(crate) fn new(src: &'a str) -> Self {
        Tokenizer {
            src,
            pos: 0,
            ends: Ends::of(src),
            pending: None,
        }
    }
}

/// The last positions of the characters that end markup. A `<` after the last `>` cannot start
/// a tag, so it is text at once: without this, `<a <a <a …` would be rescanned to the end of the
/// input from every `<`.
struct Ends {
    gt: Option<usize>,
    double_quote: Option<usize>,
    single_quote: Option<usize>,
}

impl Ends {
    fn of(src: &str) -> Self {
        Ends {
            gt: src.rfind('>'),
            double_quote: src.rfind('"'),
            single_quote: src.rfind('\''),
        }
    }

    /// Whether `c` occurs at or after `pos`.
    fn has_after(&self, c: char, pos: usize) -> bool {
        let last = match c {
            '>' => self.gt,
            '"' => self.double_quote,
            _ => self.single_quote,
        };
        last.is_some_and(|last| last >= pos)
    }
}

/// What a `<` at some position turned out to start.
enum Markup<'a> {
    Token(Token<'a>),
    Skip,
}

impl<'a> Iterator for Tokenizer<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        loop {
            if let Some((markup, end)) = self.pending.take() {
                self.pos = end;
                match markup {
                    Markup::Token(token) => return Some(token),
                    Markup::Skip => continue,
                }
            }
            if self.pos >= self.src.len() {
                return None;
            }
            // Find the first `<` that really starts markup; everything before it is text.
            let mut search = self.pos;
            let at = loop {
                match self.src[search..].find('<') {
                    None => break self.src.len(),
                    Some(i) => {
                        let at = search + i;
                        if let Some(found) = parse_markup(self.src, at, &self.ends) {
                            self.pending = Some(found);
                            break at;
                        }
                        search = at + 1;
                    }
                }
            };
            if at > self.pos {
                let text = &self.src[self.pos..at];
                self.pos = at;
                return Some(Token::Text(clean_text(text)));
            }
        }
    }
}

fn is_html_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c')
}

/// Parses the markup starting at `src[at] == '<'`; returns it and the byte offset after it, or
/// `None` when the `<` is plain text (including a tag truncated by the end of the input).
fn parse_markup<'a>(src: &'a str, at: usize, ends: &Ends) -> Option<(Markup<'a>, usize)> {
    let bytes = src.as_bytes();
    let next = *bytes.get(at + 1)?;
    if next != b'!' && !ends.has_after('>', at) {
        return None;
    }
    match next {
        b'!' if src[at..].starts_with("<!--") => {
            // A comment runs to `-->` (`<!-->` and `<!--->` are empty comments); an
            // unterminated one swallows the rest of the input, as in browsers.
            let body = at + 4;
            let end = if src[body..].starts_with('>') {
                body + 1
            } else if src[body..].starts_with("->") {
                body + 2
            } else {
                src[body..].find("-->").map_or(src.len(), |i| body + i + 3)
            };
            Some((Markup::Skip, end))
        }
        b'!' | b'?' => {
            // Doctype, CDATA, processing instruction: skipped up to the next `>`.
            let end = src[at..].find('>')? + at + 1;
            Some((Markup::Skip, end))
        }
        b'/' => {
            let first = *bytes.get(at + 2)?;
            if !first.is_ascii_alphabetic() {
                return None;
            }
            let name_end = scan_name(src, at + 2);
            let end = src[name_end..].find('>')? + name_end + 1;
            let name = src[at + 2..name_end].to_ascii_lowercase();
            let raw = &src[at..end];
            Some((Markup::Token(Token::End { name, raw }), end))
        }
        c if c.is_ascii_alphabetic() => parse_start_tag(src, at, ends),
        _ => None,
    }
}

/// The end of a tag or attribute name starting at `start`. Unlike HTML, a name stops at `<`,
/// so that text such as `a<b<c` cannot make the tokenizer rescan it over and over.
fn scan_name(src: &str, start: usize) -> usize {
    src[start..]
        .find(|c: char| is_html_space(c) || matches!(c, '/' | '>' | '=' | '<'))
        .map_or(src.len(), |i| start + i)
}

fn parse_start_tag<'a>(src: &'a str, at: usize, ends: &Ends) -> Option<(Markup<'a>, usize)> {
    let name_end = scan_name(src, at + 1);
    let name = src[at + 1..name_end].to_ascii_lowercase();
    let mut attrs = Vec::new();
    let mut pos = name_end;
    let mut self_closing = false;
    loop {
        let rest = &src[pos..];
        let c = rest.chars().next()?;
        if is_html_space(c) {
            pos += 1;
            continue;
        }
        match c {
            '>' => {
                let end = pos + 1;
                let raw = &src[at..end];
                let token = Token::Start {
                    name,
                    attrs,
                    self_closing,
                    raw,
                };
                return Some((Markup::Token(token), end));
            }
            '/' => {
                self_closing = true;
                pos += 1;
                continue;
            }
            _ => {}
        }
        self_closing = false;
        // An attribute name (its first character may be anything, even `=`), then an
        // optional value.
        let attr_end = scan_name(src, pos + c.len_utf8());
        let attr_name = src[pos..attr_end].to_ascii_lowercase();
        pos = attr_end;
        let after_space =
            pos + src[pos..].len() - src[pos..].trim_start_matches(is_html_space).len();
        let mut value = String::new();
        if src[after_space..].starts_with('=') {
            pos = after_space + 1;
            pos += src[pos..].len() - src[pos..].trim_start_matches(is_html_space).len();
            let quote = src[pos..].chars().next()?;
            if quote == '"' || quote == '\'' {
                if !ends.has_after(quote, pos + 1) {
                    return None;
                }
                let close = src[pos + 1..].find(quote)? + pos + 1;
                value = decode(&src[pos + 1..close]).into_owned();
                pos = close + 1;
            } else {
                let end = src[pos..]
                    .find(|c: char| is_html_space(c) || c == '>')
                    .map_or(src.len(), |i| pos + i);
                value = decode(&src[pos..end]).into_owned();
                pos = end;
            }
        }
        attrs.push((attr_name, value));
    }
}

/// Decodes character references and removes forbidden characters (see [`sanitize`]).
pub(crate) fn clean_text(text: &str) -> Cow<'_, str> {
    match decode(text) {
        Cow::Borrowed(b) => sanitize(b),
        Cow::Owned(o) => Cow::Owned(sanitize(&o).into_owned()),
    }
}

/// Decodes `&name;`, `&#NNN;` and `&#xHH;`. Unknown or malformed references stay as written.
pub(crate) fn decode(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        match reference(rest) {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Parses the reference at the start of `s` (which starts with `&`): the character and the
/// length of the reference including its `;`.
fn reference(s: &str) -> Option<(char, usize)> {
    let semi = s[1..].find(';')? + 1;
    let body = &s[1..semi];
    if body.is_empty() || body.len() > 32 {
        return None;
    }
    let c = if let Some(num) = body.strip_prefix('#') {
        let value = if let Some(hex) = num.strip_prefix(['x', 'X']) {
            if hex.is_empty() || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                return None;
            }
            u32::from_str_radix(hex, 16).ok()
        } else {
            if num.is_empty() || !num.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            num.parse::<u32>().ok()
        };
        // Out-of-range, surrogate and NUL references become U+FFFD, as browsers do.
        value
            .filter(|&v| v != 0)
            .and_then(char::from_u32)
            .unwrap_or('\u{fffd}')
    } else {
        named(body)?
    };
    Some((c, semi + 1))
}

/// The named references the models use, plus common typographic ones.
fn named(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "ensp" => '\u{2002}',
        "emsp" => '\u{2003}',
        "thinsp" => '\u{2009}',
        "ndash" => '–',
        "mdash" => '—',
        "lsquo" => '‘',
        "rsquo" => '’',
        "sbquo" => '‚',
        "ldquo" => '“',
        "rdquo" => '”',
        "bdquo" => '„',
        "hellip" => '…',
        "bull" => '•',
        "middot" => '·',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "deg" => '°',
        "plusmn" => '±',
        "times" => '×',
        "divide" => '÷',
        "laquo" => '«',
        "raquo" => '»',
        "para" => '¶',
        "sect" => '§',
        "cent" => '¢',
        "pound" => '£',
        "euro" => '€',
        "yen" => '¥',
        "larr" => '←',
        "rarr" => '→',
        "uarr" => '↑',
        "darr" => '↓',
        "harr" => '↔',
        "le" => '≤',
        "ge" => '≥',
        "ne" => '≠',
        "minus" => '−',
        "shy" => '\u{ad}',
        _ => return None,
    })
}

/// Removes characters that must not reach a doc comment: control characters other than HTML
/// whitespace (a bare CR is even a compile error in a doc comment, so CR becomes LF), and the
/// bidirectional-override characters that rustc's `text_direction_codepoint_in_comment` lint
/// rejects. Line and paragraph separators (U+2028, U+2029, U+0085) become spaces.
pub(crate) fn sanitize(text: &str) -> Cow<'_, str> {
    fn keep(c: char) -> bool {
        matches!(c, ' ' | '\t' | '\n' | '\x0c')
            || !(c.is_control() || is_bidi_control(c) || matches!(c, '\u{2028}' | '\u{2029}'))
    }
    if text.chars().all(keep) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            // CRLF becomes LF; a lone CR becomes LF.
            '\r' if chars.peek() == Some(&'\n') => {}
            '\r' => out.push('\n'),
            '\u{85}' | '\u{2028}' | '\u{2029}' => out.push(' '),
            c if keep(c) => out.push(c),
            _ => {}
        }
    }
    Cow::Owned(out)
}

/// The characters rustc's `text_direction_codepoint_in_comment` and
/// `text_direction_codepoint_in_literal` lints deny.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}
