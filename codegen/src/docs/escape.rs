//! Escaping for rustdoc Markdown: plain text, code spans, URLs, and finding bare URLs.

/// Finds the first `http://` or `https://` URL in a word: its byte range, without trailing
/// punctuation (or an unbalanced closing parenthesis) that most likely ends the sentence.
pub(crate) fn find_url(word: &str) -> Option<(usize, usize)> {
    let lower = word.to_ascii_lowercase();
    let start = [lower.find("https://"), lower.find("http://")]
        .into_iter()
        .flatten()
        .min()?;
    let body = start + lower[start..].find("://")? + 3;
    if !word[body..].starts_with(|c: char| c.is_alphanumeric()) {
        return None;
    }
    let mut end = word[body..]
        .find(['<', '>', '"', '`'])
        .map_or(word.len(), |i| body + i);
    loop {
        let url = &word[start..end];
        let unbalanced = |open, close| url.matches(open).count() < url.matches(close).count();
        match url.chars().last() {
            Some(c @ ('.' | ',' | ':' | ';' | '!' | '?' | '\'' | '"' | '*' | '_' | '~')) => {
                end -= c.len_utf8();
            }
            Some(')') if unbalanced('(', ')') => end -= 1,
            Some(']') if unbalanced('[', ']') => end -= 1,
            _ => break,
        }
    }
    (end > body).then_some((start, end))
}

/// Appends `text` with every character that could be read as Markdown escaped.
///
/// Always escaped: `\` `` ` `` `*` `[` `]` `<` `|` `~`; `_` unless between two alphanumerics
/// (where it cannot delimit emphasis); `&` before what could be a character reference. At the
/// start of a line: `#` `>` `-` `+` `=` and the `.`/`)` of `1.`/`1)`. In headings: `#` `{`.
/// Before a link: a final `!` (else `![…](…)` is an image).
pub(crate) fn escape_into(
    out: &mut String,
    text: &str,
    line_start: bool,
    heading: bool,
    before_link: bool,
) {
    let chars: Vec<char> = text.chars().collect();
    let n = chars.len();
    let digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
    let list_number_end = (line_start && (1..=9).contains(&digits))
        .then_some(digits)
        .filter(|&d| matches!(chars.get(d), Some('.' | ')')));
    for (i, &c) in chars.iter().enumerate() {
        let escape = match c {
            '\\' | '`' | '*' | '[' | ']' | '<' | '|' | '~' => true,
            '_' => {
                !(i > 0
                    && i + 1 < n
                    && chars[i - 1].is_alphanumeric()
                    && chars[i + 1].is_alphanumeric())
            }
            '&' => chars
                .get(i + 1)
                .is_some_and(|&d| d == '#' || d.is_ascii_alphanumeric()),
            '#' | '{' if heading => true,
            '#' | '>' | '-' | '+' | '=' => line_start && i == 0,
            '.' | ')' => list_number_end == Some(i),
            '!' => before_link && i + 1 == n,
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
}

/// Appends a code span. The backtick fence is longer than any backtick run inside; content
/// starting or ending with a backtick is padded with a space (which CommonMark strips). A fence
/// of three or more backticks at the start of a line would open a code block, so such code is
/// written as escaped text instead.
pub(crate) fn code_span_into(out: &mut String, code: &str, line_start: bool) {
    let fence = longest_backtick_run(code) + 1;
    if line_start && fence >= 3 {
        escape_into(out, code, true, false, false);
        return;
    }
    let fence = "`".repeat(fence);
    let pad = if code.starts_with('`') || code.ends_with('`') {
        " "
    } else {
        ""
    };
    out.push_str(&fence);
    out.push_str(pad);
    out.push_str(code);
    out.push_str(pad);
    out.push_str(&fence);
}

/// The length of the longest run of backticks in `text`.
pub(crate) fn longest_backtick_run(text: &str) -> usize {
    text.split(|c| c != '`').map(str::len).max().unwrap_or(0)
}

/// Appends a URL for a link destination (`destination`) or an autolink, percent-encoding the
/// characters that would end or break it: whitespace and `<` `>` in both; parentheses,
/// backslashes and backticks only in destinations (an autolink shows its URL as written).
pub(crate) fn url_into(out: &mut String, url: &str, destination: bool) {
    for c in url.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            '(' if destination => out.push_str("%28"),
            ')' if destination => out.push_str("%29"),
            '\\' if destination => out.push_str("%5C"),
            '`' if destination => out.push_str("%60"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
}
