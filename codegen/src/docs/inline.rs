//! Inline Markdown: collects the words, code spans, links and emphasis of one paragraph, then
//! renders them with the escaping rustdoc needs.
//!
//! Text is kept raw until the paragraph is rendered, because whether a character needs escaping
//! depends on where it ends up (at the start of a line, next to a link, …). Emphasis markers are
//! placed around content only (never around whitespace) and are dropped again if CommonMark's
//! flanking rules would leave them as literal asterisks.

use super::escape::{code_span_into, escape_into, find_url, url_into};

/// An inline style opened by an element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Style {
    /// `**…**`.
    Bold,
    /// `*…*`.
    Italic,
    /// `[…](url)`.
    Link(String),
}

impl Style {
    fn same_kind(&self, other: &Style) -> bool {
        std::mem::discriminant(self) == std::mem::discriminant(other)
    }
}

/// How a paragraph is rendered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Line breaks become hard breaks (`\` at the end of the line).
    Paragraph,
    /// One line; `#` and `{` are escaped (closing sequences and heading attributes).
    Heading,
    /// One line.
    Line,
}

/// A style on the element stack.
struct Entry {
    style: Style,
    id: u64,
    /// False for a style already in effect (`<b><b>`) or inside a code span.
    active: bool,
    /// Whether any content was written while this entry was in effect.
    used: bool,
}

/// A style whose opening marker has been written in the current paragraph.
struct Emitted {
    style: Style,
    id: u64,
    pair: usize,
}

/// One unit of a paragraph, before rendering.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    /// Raw text without whitespace.
    Text(String),
    Space,
    Break,
    /// The raw content of a code span (whitespace collapsed, not empty).
    Code(String),
    Autolink(String),
    LinkOpen,
    LinkClose(String),
    /// An emphasis marker; `pair` links an opening marker to its closing one.
    Emph {
        pair: usize,
        open: bool,
        strong: bool,
    },
}

/// The separator waiting to be written before the next content.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
enum Sep {
    #[default]
    None,
    Space,
    Break,
}

/// Inline state: the styles in effect (which outlive paragraphs, like the elements that opened
/// them) and the pieces of the current paragraph.
#[derive(Default)]
pub(crate) struct Inline {
    desired: Vec<Entry>,
    emitted: Vec<Emitted>,
    pieces: Vec<Piece>,
    /// Per emphasis pair: false once dropped.
    alive: Vec<bool>,
    pending: Sep,
    code_depth: usize,
    code: String,
    next_id: u64,
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\x0c')
}

impl Inline {
    /// An element opening `style` starts.
    pub(crate) fn push_style(&mut self, style: Style) {
        let active = self.code_depth == 0
            && !self
                .desired
                .iter()
                .any(|e| e.active && e.style.same_kind(&style));
        self.next_id += 1;
        self.desired.push(Entry {
            style,
            id: self.next_id,
            active,
            used: false,
        });
    }

    /// The innermost style element ends. Returns the style if it was in effect but never
    /// applied to any content (an empty link, which the caller shows as its URL).
    pub(crate) fn pop_style(&mut self) -> Option<Style> {
        let entry = self.desired.pop()?;
        (entry.active && !entry.used).then_some(entry.style)
    }

    /// A code element starts.
    pub(crate) fn enter_code(&mut self) {
        self.code_depth += 1;
    }

    /// A code element ends.
    pub(crate) fn leave_code(&mut self) {
        self.code_depth = self.code_depth.saturating_sub(1);
        if self.code_depth == 0 {
            self.finish_code();
        }
    }

    /// Collapsible whitespace.
    pub(crate) fn space(&mut self) {
        if self.code_depth > 0 {
            self.code.push(' ');
        } else {
            self.pending = self.pending.max(Sep::Space);
        }
    }

    /// A `br`.
    pub(crate) fn line_break(&mut self) {
        if self.code_depth > 0 {
            self.code.push(' ');
        } else {
            self.pending = Sep::Break;
        }
    }

    /// Character data: whitespace collapses, words are kept, bare URLs become autolinks.
    pub(crate) fn text(&mut self, text: &str) {
        if self.code_depth > 0 {
            self.code.push_str(text);
            return;
        }
        let mut rest = text;
        while !rest.is_empty() {
            let word_start = rest.len() - rest.trim_start_matches(is_space).len();
            if word_start > 0 {
                self.space();
                rest = &rest[word_start..];
                continue;
            }
            let end = rest.find(is_space).unwrap_or(rest.len());
            self.word(&rest[..end]);
            rest = &rest[end..];
        }
    }

    fn word(&mut self, mut word: &str) {
        let in_link = self
            .desired
            .iter()
            .any(|e| e.active && matches!(e.style, Style::Link(_)));
        while !in_link && let Some((start, end)) = find_url(word) {
            if start > 0 {
                self.reconcile();
                self.push_text(&word[..start]);
            }
            self.autolink(&word[start..end]);
            word = &word[end..];
        }
        if !word.is_empty() {
            self.reconcile();
            self.push_text(word);
        }
    }

    /// Writes `url` as an autolink (`<url>`).
    pub(crate) fn autolink(&mut self, url: &str) {
        self.reconcile();
        self.pieces.push(Piece::Autolink(url.to_owned()));
    }

    /// Appends `suffix` right after the last content unless the content already ends with
    /// sentence punctuation (used for `**Term:**`).
    pub(crate) fn punctuate(&mut self, suffix: char) {
        self.finish_code();
        let ends_with_punctuation = match self.pieces.last() {
            Some(Piece::Text(t)) => t.ends_with([':', '.', '?', '!']),
            Some(_) => false,
            None => return,
        };
        if !ends_with_punctuation {
            self.pending = Sep::None;
            self.reconcile();
            self.push_text(suffix.encode_utf8(&mut [0; 4]));
        }
    }

    fn push_text(&mut self, text: &str) {
        match self.pieces.last_mut() {
            Some(Piece::Text(t)) => t.push_str(text),
            _ => self.pieces.push(Piece::Text(text.to_owned())),
        }
    }

    /// Ends the code span being collected (if any) and adds it as a piece.
    fn finish_code(&mut self) {
        let code = std::mem::take(&mut self.code);
        let trimmed = code.trim_matches(is_space);
        // Whitespace at the edges of the code goes outside the span (set directly: `space`
        // would add it to the code buffer while a code element is still open).
        if code.starts_with(is_space) {
            self.pending = self.pending.max(Sep::Space);
        }
        if !trimmed.is_empty() {
            let collapsed = trimmed.split(is_space).filter(|w| !w.is_empty());
            let collapsed = collapsed.collect::<Vec<_>>().join(" ");
            self.reconcile();
            match self.pieces.last_mut() {
                // Adjacent code spans merge: `a``b` would not parse as two spans.
                Some(Piece::Code(c)) => c.push_str(&collapsed),
                _ => self.pieces.push(Piece::Code(collapsed)),
            }
        }
        if code.ends_with(is_space) && !trimmed.is_empty() {
            self.pending = self.pending.max(Sep::Space);
        }
    }

    /// Before content: closes the markers of styles no longer in effect, writes the pending
    /// separator, and opens the markers of styles newly in effect. Closing before and opening
    /// after the separator keeps whitespace outside emphasis, as CommonMark requires.
    fn reconcile(&mut self) {
        let want: Vec<usize> = (0..self.desired.len())
            .filter(|&i| self.desired[i].active)
            .collect();
        let mut common = 0;
        while common < self.emitted.len() && common < want.len() {
            let (have, wanted) = (&self.emitted[common], &self.desired[want[common]]);
            let same = match have.style {
                Style::Link(_) => have.id == wanted.id,
                _ => have.style.same_kind(&wanted.style),
            };
            if !same {
                break;
            }
            common += 1;
        }
        while self.emitted.len() > common {
            self.close_last();
        }
        if !self.pieces.is_empty() {
            match self.pending {
                Sep::Space => self.pieces.push(Piece::Space),
                Sep::Break => self.pieces.push(Piece::Break),
                Sep::None => {}
            }
        }
        self.pending = Sep::None;
        for &i in &want[common..] {
            let entry = &self.desired[i];
            let pair = self.alive.len();
            let piece = match &entry.style {
                Style::Link(_) => Piece::LinkOpen,
                style => {
                    self.alive.push(true);
                    Piece::Emph {
                        pair,
                        open: true,
                        strong: *style == Style::Bold,
                    }
                }
            };
            self.pieces.push(piece);
            self.emitted.push(Emitted {
                style: entry.style.clone(),
                id: entry.id,
                pair,
            });
        }
        for &i in &want {
            self.desired[i].used = true;
        }
    }

    fn close_last(&mut self) {
        if let Some(e) = self.emitted.pop() {
            self.pieces.push(match e.style {
                Style::Link(url) => Piece::LinkClose(url),
                style => Piece::Emph {
                    pair: e.pair,
                    open: false,
                    strong: style == Style::Bold,
                },
            });
        }
    }

    /// Ends the current paragraph and renders it; the styles in effect carry over to the next.
    pub(crate) fn take_lines(&mut self, mode: Mode) -> Vec<String> {
        self.finish_code();
        self.pending = Sep::None;
        while !self.emitted.is_empty() {
            self.close_last();
        }
        let pieces = std::mem::take(&mut self.pieces);
        let mut alive = std::mem::take(&mut self.alive);
        if pieces.is_empty() {
            return Vec::new();
        }
        fix_flanking(&pieces, &mut alive);
        let mut kept: Vec<Piece> = Vec::with_capacity(pieces.len());
        for piece in pieces {
            match (kept.last_mut(), piece) {
                (_, Piece::Emph { pair, .. }) if !alive[pair] => {}
                (Some(Piece::Text(a)), Piece::Text(b)) => a.push_str(&b),
                (Some(Piece::Code(a)), Piece::Code(b)) => a.push_str(&b),
                (_, piece) => kept.push(piece),
            }
        }
        render(&kept, mode)
    }
}

fn is_punctuation(c: char) -> bool {
    !c.is_alphanumeric() && !c.is_whitespace()
}

/// The character a piece shows first (`first`) or last, for the flanking rules.
fn edge_char(piece: &Piece, first: bool) -> char {
    match piece {
        Piece::Text(t) => {
            let c = if first {
                t.chars().next()
            } else {
                t.chars().last()
            };
            c.unwrap_or(' ')
        }
        Piece::Space | Piece::Break => ' ',
        Piece::Code(_) => '`',
        Piece::Autolink(_) => {
            if first {
                '<'
            } else {
                '>'
            }
        }
        Piece::LinkOpen => '[',
        Piece::LinkClose(_) => {
            if first {
                ']'
            } else {
                ')'
            }
        }
        Piece::Emph { .. } => '*',
    }
}

/// Drops emphasis pairs whose markers CommonMark would not accept: an opening run must be
/// left-flanking and a closing run right-flanking (e.g. `a**(b)**` cannot open), and a run must
/// not both close and open. Repeats until stable, since dropping a pair changes the neighbours
/// of other runs.
fn fix_flanking(pieces: &[Piece], alive: &mut [bool]) {
    let live = |p: &Piece, alive: &[bool]| matches!(p, Piece::Emph { pair, .. } if alive[*pair]);
    loop {
        let mut changed = false;
        let mut i = 0;
        while i < pieces.len() {
            if !matches!(pieces[i], Piece::Emph { .. }) {
                i += 1;
                continue;
            }
            let mut j = i;
            while j < pieces.len() && matches!(pieces[j], Piece::Emph { .. }) {
                j += 1;
            }
            let run = &pieces[i..j];
            let before = pieces[..i].last().map_or(' ', |p| edge_char(p, false));
            let after = pieces.get(j).map_or(' ', |p| edge_char(p, true));
            let left = !after.is_whitespace()
                && (!is_punctuation(after) || before.is_whitespace() || is_punctuation(before));
            let right = !before.is_whitespace()
                && (!is_punctuation(before) || after.is_whitespace() || is_punctuation(after));
            // A run that both closes and opens (`**a*b****c*`) is matched unpredictably
            // (CommonMark's "rule of three"), so its opening markers are dropped.
            let closes = run
                .iter()
                .any(|p| live(p, alive) && matches!(p, Piece::Emph { open: false, .. }));
            for piece in run {
                if let Piece::Emph { pair, open, .. } = *piece
                    && live(piece, alive)
                    && !(if open { left && !closes } else { right })
                {
                    alive[pair] = false;
                    changed = true;
                }
            }
            i = j;
        }
        if !changed {
            return;
        }
    }
}

/// Renders the pieces of a paragraph into lines. A hard break is written only once content
/// follows it, so a line left empty (e.g. holding only `&nbsp;`) never ends in a stray `\`.
fn render(pieces: &[Piece], mode: Mode) -> Vec<String> {
    let mut lines = vec![String::new()];
    let mut line_start = true;
    let mut pending_break = false;
    for (i, piece) in pieces.iter().enumerate() {
        let Some(line) = lines.last_mut() else {
            break;
        };
        let new_line = line.is_empty() || pending_break;
        // Non-collapsible whitespace (`&nbsp;`) starting a line is dropped before the
        // line-start escapes are decided.
        let text = match piece {
            Piece::Text(text) if new_line => text.trim_start(),
            Piece::Text(text) => text.as_str(),
            _ => "",
        };
        match piece {
            Piece::Break if mode == Mode::Paragraph => {
                pending_break |= !line.is_empty();
                continue;
            }
            Piece::Break | Piece::Space if new_line => continue,
            Piece::Text(_) if text.is_empty() => continue,
            _ => {}
        }
        if pending_break {
            line.push('\\');
            lines.push(String::new());
            pending_break = false;
            line_start = true;
        }
        let Some(line) = lines.last_mut() else {
            break;
        };
        match piece {
            Piece::Text(_) => {
                let before_link = matches!(pieces.get(i + 1), Some(Piece::LinkOpen));
                escape_into(line, text, line_start, mode == Mode::Heading, before_link);
                line_start = false;
            }
            Piece::Space | Piece::Break => line.push(' '),
            Piece::Code(code) => {
                code_span_into(line, code, line_start);
                line_start = false;
            }
            Piece::Autolink(url) => {
                line.push('<');
                url_into(line, url, false);
                line.push('>');
                line_start = false;
            }
            Piece::LinkOpen => line.push('['),
            Piece::LinkClose(url) => {
                line.push_str("](");
                url_into(line, url, true);
                line.push(')');
            }
            Piece::Emph { strong, .. } => line.push_str(if *strong { "**" } else { "*" }),
        }
    }
    // Only the first line can be empty: later ones are started by content.
    lines.retain(|l| !l.is_empty());
    lines
}
