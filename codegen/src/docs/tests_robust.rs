//! Robustness tests: malformed input, deep nesting, every prefix of a document, and generated
//! tag soup. The conversion must never panic and must always produce clean lines.

use super::*;

/// Properties every conversion result has, whatever the input.
#[track_caller]
fn assert_clean(html: &str, md: &str) {
    let context = || format!("input {html:?}\noutput {md:?}");
    assert!(
        !md.starts_with('\n') && !md.ends_with('\n'),
        "{}",
        context()
    );
    // Outside fenced blocks no line starts with a tab; every fence is tagged `text`.
    let mut fence: Option<&str> = None;
    for line in md.split('\n') {
        assert_eq!(line, line.trim_end(), "trailing whitespace; {}", context());
        let content = strip_containers(line);
        match fence {
            Some(f) if content == f => fence = None,
            Some(_) => {}
            None if content.starts_with("```") => {
                let ticks = content.trim_end_matches("text");
                assert!(ticks.len() < content.len(), "untagged fence; {}", context());
                fence = Some(ticks);
            }
            None => assert!(!line.starts_with('\t'), "leading tab; {}", context()),
        }
    }
    assert!(fence.is_none(), "unclosed fence; {}", context());
    let forbidden = |c: char| {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}')
    };
    assert!(
        !md.chars().any(forbidden),
        "forbidden character; {}",
        context()
    );
}

/// A line without its container prefixes (quote markers, list markers, indentation).
fn strip_containers(mut line: &str) -> &str {
    loop {
        let rest = line.trim_start_matches(' ');
        let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let next = if let Some(r) = rest.strip_prefix('>') {
            r
        } else if let Some(r) = rest.strip_prefix("- ") {
            r
        } else if digits > 0 && rest[digits..].starts_with(". ") {
            &rest[digits + 2..]
        } else {
            return rest;
        };
        line = next;
    }
}

/// Runs `f` on a thread with a small stack, so that recursion over the input depth would fail.
fn with_small_stack(f: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(f)
        .expect("spawn")
        .join()
        .expect("conversion panicked or overflowed the stack");
}

#[test]
fn malformed_input() {
    let cases = [
        ("<p>foo <b>bar", "foo **bar**"),
        ("<a href=\"https://x", "\\<a href=\"<https://x>"),
        (
            "<a href=\"https://x.com\">unclosed",
            "[unclosed](https://x.com)",
        ),
        ("<code>unclosed", "`unclosed`"),
        ("<pre>unclosed", "```text\nunclosed\n```"),
        ("<<<", "\\<\\<\\<"),
        ("<", "\\<"),
        ("<p", "\\<p"),
        ("</", "\\</"),
        ("</p", "\\</p"),
        ("<p class=\"x>y", "\\<p class=\"x>y"),
        ("a <b and c", "a \\<b and c"),
        ("< p>x</ p>", "\\< p>x\\</ p>"),
        ("</p></p>stray</li></ul></note>", "stray"),
        ("<p>a</b></i></code></a>b</p>", "ab"),
        ("<p>a<b>b<i>c</p>d</i>e</b>f", "a**b*c***\n\ndef"),
        // Text directly in a list becomes an item.
        ("<ul><li>a</ol></li>b", "- a\n- b"),
        (
            "<ul><li>a<ul><li>b</li></li></ul>c</ul>",
            "- a\n  - b\n\n  c",
        ),
        ("<!-- never closed <p>text</p>", ""),
        ("x<!--", "x"),
        ("<!x", "\\<!x"),
        ("<p =\"a\" b c=d e='f' g=>x</p>", "x"),
        ("<p/>a<p />b", "a\n\nb"),
        ("<br/>a<br>", "a"),
        ("&", "&"),
        ("&#", "\\&#"),
        ("&#x", "\\&#x"),
        ("&;", "&;"),
        ("&#99999999999999999999;", "\u{fffd}"),
        ("<\u{e9}>x", "\\<\u{e9}>x"),
        ("<p>\u{1F600}</p>", "\u{1F600}"),
        // An `a` closes the open one, which is empty and so shown as its URL.
        (
            "<a href=\"https://x.com\"><a href=\"https://y.com\">y</a>",
            "<https://x.com>[y](https://y.com)",
        ),
        ("</br>", ""),
        ("<li>", ""),
        ("<dl><dt>", ""),
        ("<note>", ""),
    ];
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|(html, want)| {
            let got = html_to_markdown(html);
            assert_clean(html, &got);
            (got != *want).then(|| format!("input {html:?}\nwant  {want:?}\ngot   {got:?}"))
        })
        .collect();
    assert!(failures.is_empty(), "\n{}", failures.join("\n\n"));
}

#[test]
fn deep_nesting_does_not_use_the_stack() {
    with_small_stack(|| {
        const DEPTH: usize = 1000;
        for (open, close) in [
            ("<ul><li>", "</li></ul>"),
            ("<ol><li><p>", "</p></li></ol>"),
            ("<note>", "</note>"),
            ("<b>", "</b>"),
            ("<i><b>", "</b></i>"),
            ("<code>", "</code>"),
            ("<pre>", "</pre>"),
            ("<a href=\"https://e.com\">", "</a>"),
            ("<div>", "</div>"),
            ("<p>", "</p>"),
            ("<h2>", "</h2>"),
            ("<dl><dt>t</dt><dd>", "</dd></dl>"),
            ("<span>", "</span>"),
            ("<unknown>", "</unknown>"),
            ("<script>", "</script>"),
        ] {
            let html = format!("{}deep{}", open.repeat(DEPTH), close.repeat(DEPTH));
            let md = html_to_markdown(&html);
            assert_clean(open, &md);
            assert!(
                md.contains("deep") || open == "<script>",
                "{open}: {md:.200}"
            );
            // Unclosed, too.
            let md = html_to_markdown(&format!("{}deep", open.repeat(DEPTH)));
            assert_clean(open, &md);
            let _ = first_sentence(&html);
        }
    });
}

#[test]
fn deep_containers_are_flattened() {
    let html = format!(
        "{}deep{}",
        "<ul><li>".repeat(1000),
        "</li></ul>".repeat(1000)
    );
    let md = html_to_markdown(&html);
    // Past the depth limit, lists stop nesting: no line grows beyond a bounded indentation.
    assert!(md.lines().all(|l| l.len() < 100), "{md:.300}");
    assert!(md.ends_with("deep"));
}

#[test]
fn very_deep_and_wide_input_is_fast_enough() {
    // Linear behaviour: this would take minutes if any step were quadratic in the depth or in
    // the number of `<` (each `<a` below would rescan the rest of the input).
    let n = 30_000;
    let html = format!(
        "{}x{}",
        "<div><b><a href=\"https://e.com\">".repeat(n),
        "</a></b></div>".repeat(n)
    );
    let _ = html_to_markdown(&html);
    let html = "<p>a</b></li></ul>".repeat(n);
    let _ = html_to_markdown(&html);
    let html = "<a <a <a ".repeat(1000);
    let _ = html_to_markdown(&html);
}

/// A document using every construct, malformed in places.
const SAMPLE: &str = "<fullname>Svc</fullname><p>Intro <b>bold <i>both</i></b> and <code>co`de</code> \
    with <a href=\"https://e.com/a_(b)\">a link</a>, https://bare.example/x. &amp; &lt;x&gt; &#x41;</p>\
    <note><p>Note <u>this</u>.</p><ul><li>one</li><li><p>two</p><ol start=\"3\"><li>three<br>four</li></ol></li></ul></note>\
    <p class=\"title\">Title</p><h2>Head #</h2><dl><dt>Term</dt><dd>Def <node-id></dd></dl>\
    <pre>\n  pre ```\n    text\n</pre><important><p><b>Important:</b> x</p></important><p>1. - # end</p>";

#[test]
fn every_prefix_converts_cleanly() {
    let full = html_to_markdown(SAMPLE);
    assert!(full.contains("> **Note:** Note this."), "{full}");
    for (i, _) in SAMPLE.char_indices() {
        let prefix = &SAMPLE[..i];
        assert_clean(prefix, &html_to_markdown(prefix));
        let _ = first_sentence(prefix);
    }
}

/// A tiny deterministic generator (xorshift), so the soup test needs no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 16) as usize
    }
}

#[test]
fn tag_soup_converts_cleanly() {
    #[rustfmt::skip]
    const PIECES: &[&str] = &[
        "<p>", "</p>", "<b>", "</b>", "<i>", "</i>", "<code>", "</code>", "<ul>", "</ul>", "<ol>",
        "</ol>", "<li>", "</li>", "<note>", "</note>", "<important>", "</important>", "<pre>",
        "</pre>", "<dl>", "<dt>", "</dt>", "<dd>", "</dd>", "</dl>", "<br>", "<h3>", "</h3>",
        "<a href=\"https://e.com\">", "<a>", "</a>", "<p class=\"title\">", "<node-id>", "<",
        ">", "&", "&amp;", "&lt;", "&#", ";", " ", "\n", "    ", "\t", "x", "word", "1.", "-",
        "#", "*", "_", "`", "```", "[", "]", "|", "~", "!", "\\", "https://e.com/p", "\u{2028}",
        "\u{202e}", "\r", "\"", "'", "=", "/",
    ];
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    for _ in 0..3000 {
        let len = rng.next() % 40;
        let html: String = (0..len)
            .map(|_| PIECES[rng.next() % PIECES.len()])
            .collect();
        let md = html_to_markdown(&html);
        assert_clean(&html, &md);
        let _ = first_sentence(&html);
    }
}
