//! Unit tests for the HTML → Markdown conversion: one table of input → expected Markdown per
//! construct, then the public helpers. Robustness tests are in `tests_robust.rs`.

use super::*;

/// Converts every input and reports all mismatches at once.
#[track_caller]
fn check(cases: &[(&str, &str)]) {
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|(html, want)| {
            let got = html_to_markdown(html);
            (got != *want)
                .then(|| format!("input:    {html:?}\nexpected: {want:?}\ngot:      {got:?}"))
        })
        .collect();
    assert!(failures.is_empty(), "\n{}", failures.join("\n\n"));
}

#[test]
fn paragraphs_and_whitespace() {
    check(&[
        ("", ""),
        ("plain text", "plain text"),
        ("<p>a</p><p>b</p>", "a\n\nb"),
        ("<p>  a \n\t b  </p>", "a b"),
        ("\n   <p>a</p>\n\n   <p>\n      b\n   </p>\n", "a\n\nb"),
        ("<p></p><p> </p><p><b> </b></p>", ""),
        ("a<p>b</p>c", "a\n\nb\n\nc"),
        ("<p>a<p>b</p>c</p>", "a\n\nb\n\nc"),
        ("<div>a</div><section>b</section>", "a\n\nb"),
        ("<p>a<hr>b</p>", "a\n\nb"),
        (
            "<fullname>Amazon X</fullname> <p>Text.</p>",
            "Amazon X\n\nText.",
        ),
    ]);
}

#[test]
fn smithy_and_botocore_whitespace_agree() {
    // The same documentation as found in the two model formats.
    let botocore = "<p>Lists tags. For more information, see <a href=\"https://docs.aws.amazon.com/x.html\">Using Tags in Amazon ElastiCache</a> in the <i>ElastiCache User Guide</i>.</p> <note> <p>Valid for <code>Redis</code> only.</p> </note> <ul> <li> <p>One</p> </li> <li> <p>Two <code>a</code> | <code>b</code> </p> </li> </ul>";
    let smithy = "<p>Lists tags. For more information, see <a href=\"https://docs.aws.amazon.com/x.html\">Using Tags in\n                Amazon ElastiCache</a> in the <i>ElastiCache User\n            Guide</i>.</p>\n         <note>\n            <p>Valid for <code>Redis</code> only.</p>\n         </note>\n         <ul>\n            <li>\n               <p>One</p>\n            </li>\n            <li>\n               <p>Two <code>a</code> | <code>b</code>\n               </p>\n            </li>\n         </ul>";
    let want = "Lists tags. For more information, see [Using Tags in Amazon ElastiCache](https://docs.aws.amazon.com/x.html) in the *ElastiCache User Guide*.\n\n> **Note:** Valid for `Redis` only.\n\n- One\n- Two `a` \\| `b`";
    assert_eq!(html_to_markdown(botocore), want);
    assert_eq!(html_to_markdown(smithy), want);
}

#[test]
fn emphasis() {
    check(&[
        (
            "<b>bold</b>, <strong>strong</strong>",
            "**bold**, **strong**",
        ),
        ("<i>it</i>, <em>em</em>, <cite>c</cite>", "*it*, *em*, *c*"),
        // Neighbouring spans of the same style merge (the space between them is invisible).
        ("<b>a</b> <strong>b</strong>", "**a b**"),
        ("a<b> b </b>c", "a **b** c"),
        ("<b></b>x<i> </i>y", "x y"),
        ("<b>a<b>b</b>c</b>", "**abc**"),
        ("<b>a</b><b>b</b> <i>c</i> <i>d</i>", "**ab** *c d*"),
        ("<b><i>x</i></b>", "***x***"),
        ("<b>a <i>b</i> c</b>", "**a *b* c**"),
        ("<i>foo<b>bar</b>baz</i>", "*foo**bar**baz*"),
        // Markers CommonMark would not accept are dropped rather than shown as asterisks.
        ("a<b>(b)</b>c", "a(b)c"),
        ("<b>a.</b>b", "a.b"),
        ("<b>x</b>: y", "**x**: y"),
        ("<b>bold<i>both</i></b><i>it</i>", "**bold*both***it"),
        ("<b>Note:</b> text", "**Note:** text"),
        ("<b>*</b>", "**\\***"),
        ("<u>under</u> <span>s</span> <sup>2</sup>", "under s 2"),
    ]);
}

#[test]
fn code() {
    check(&[
        ("<code>x</code>", "`x`"),
        ("x<code> a \n b </code>y", "x `a b` y"),
        ("<code>a`b</code>", "``a`b``"),
        ("x <code>`a</code>", "x `` `a ``"),
        ("x <code>a``b</code>", "x ```a``b```"),
        // A fence of three backticks at the start of a line would open a code block.
        ("<code>a``b</code>", "a\\`\\`b"),
        ("<code>a</code><code>b</code>", "`ab`"),
        ("<code>a<b>b</b><i>c</i></code>", "`abc`"),
        ("<code>[x] *y* _z_ |</code>", "`[x] *y* _z_ |`"),
        ("<code>&lt;T&gt; &amp;</code>", "`<T> &`"),
        ("<b><code>x</code></b> y", "**`x`** y"),
        ("<code> </code>x", "x"),
        ("<tt>t</tt> <kbd>k</kbd> <samp>s</samp>", "`t` `k` `s`"),
        // Smithy leaves `<node-id>` unescaped in code; botocore has `&lt;node-id&gt;`.
        ("<code>node <node-id></code>", "`node <node-id>`"),
        ("<code>node &lt;node-id&gt;</code>", "`node <node-id>`"),
        ("<code>a<u>.cfg</u>.b</code>", "`a.cfg.b`"),
        ("text <node-id> dropped", "text dropped"),
    ]);
}

#[test]
fn links() {
    check(&[
        ("<a href=\"https://e.com/x\">t</a>", "[t](https://e.com/x)"),
        ("<a href='http://e.com'>t</a>", "[t](http://e.com)"),
        (
            "<a href=\"https://e.com/a b(c)\">t</a>",
            "[t](https://e.com/a%20b%28c%29)",
        ),
        (
            "<a href=\"https://e.com?a=1&amp;b=2\">t</a>",
            "[t](https://e.com?a=1&b=2)",
        ),
        (
            "<a href=\"mailto:a@e.com\">mail</a>",
            "[mail](mailto:a@e.com)",
        ),
        ("<a href=\"//e.com/p\">t</a>", "[t](https://e.com/p)"),
        ("<a>no href</a>", "no href"),
        (
            "<a href=\"CreateCluster\">CreateCluster</a>",
            "CreateCluster",
        ),
        (
            "<a href=\"API_X.html#y\">rel</a> <a href=\"#f\">frag</a>",
            "rel frag",
        ),
        ("<a href=\"javascript:alert(1)\">js</a>", "js"),
        ("<a href=\"https://e.com\"></a>", "<https://e.com>"),
        (
            "<a href=\"https://e.com\"><code>C</code></a>",
            "[`C`](https://e.com)",
        ),
        (
            "<a href=\"https://e.com\">[x]</a>",
            "[\\[x\\]](https://e.com)",
        ),
        (
            "<a href=\"https://e.com\">https://e.com</a>",
            "[https://e.com](https://e.com)",
        ),
        (
            "<a href=\"https://e.com\"> see </a>x",
            " [see](https://e.com) x".trim_start(),
        ),
        (
            "<a href=\"https://a.com\">a<a href=\"https://b.com\">b</a></a>",
            "[a](https://a.com)[b](https://b.com)",
        ),
        (
            "Hi!<a href=\"https://e.com\">x</a>",
            "Hi\\![x](https://e.com)",
        ),
        (
            "<b><a href=\"https://e.com\">x</a></b>",
            "**[x](https://e.com)**",
        ),
    ]);
}

#[test]
fn line_breaks() {
    check(&[
        ("a<br>b", "a\\\nb"),
        ("a<br/><br />b", "a\\\nb"),
        ("<br>a<br>", "a"),
        ("a</br>b", "a\\\nb"),
        ("a <br> b", "a\\\nb"),
        ("<b>a<br>b</b>", "**a\\\nb**"),
        ("<b>a</b><br><i>b</i>", "**a**\\\n*b*"),
        (
            "a<br>- b<br>1. c<br># d<br>> e<br>    f",
            "a\\\n\\- b\\\n1\\. c\\\n\\# d\\\n\\> e\\\nf",
        ),
        ("<ul><li>a<br>b</li></ul>", "- a\\\n  b"),
        ("<note>a<br>b</note>", "> **Note:** a\\\n> b"),
    ]);
}

#[test]
fn entities() {
    check(&[
        (
            "&amp; &lt; &gt; &quot; &apos; &#39; &#x41; &#X42;",
            "& \\< > \" ' ' A B",
        ),
        ("a&nbsp;b", "a\u{a0}b"),
        ("<p>&nbsp; - x&nbsp;</p>", "\\- x"),
        ("a<br>&nbsp;1. b", "a\\\n1\\. b"),
        ("a<br>&nbsp;<br>b<br>&nbsp;", "a\\\nb"),
        ("&nbsp;<br>a", "a"),
        ("<p>&nbsp;</p><p>x</p><p>&nbsp;<b>&nbsp;</b></p>", "x"),
        ("&ndash; &mdash; &hellip; &copy;", "– — … ©"),
        (
            "&foo; &amp &#; &#x; &#12a;",
            "\\&foo; \\&amp \\&#; \\&#x; \\&#12a;",
        ),
        ("&amp;amp; &amp;#38;", "\\&amp; \\&#38;"),
        ("AT&T R&amp;D", "AT\\&T R\\&D"),
        ("&#0; &#xD800; &#x110000;", "\u{fffd} \u{fffd} \u{fffd}"),
        ("&#7;bell&#x202E;bidi", "bellbidi"),
    ]);
}

#[test]
fn escaping() {
    check(&[
        ("[x] [^1] [a]: b", "\\[x\\] \\[^1\\] \\[a\\]: b"),
        ("a*b*c **d**", "a\\*b\\*c \\*\\*d\\*\\*"),
        (
            "snake_case _x_ __init__ a_",
            "snake_case \\_x\\_ \\_\\_init\\_\\_ a\\_",
        ),
        (
            "`t` ~x~ a|b back\\slash",
            "\\`t\\` \\~x\\~ a\\|b back\\\\slash",
        ),
        (
            "&lt;T&gt; &lt;script&gt;x&lt;/script&gt;",
            "\\<T> \\<script>x\\</script>",
        ),
        ("x < y > z", "x \\< y > z"),
        ("# h", "\\# h"),
        ("> q", "\\> q"),
        ("- l", "\\- l"),
        ("+ l", "\\+ l"),
        ("= x", "\\= x"),
        ("---", "\\---"),
        ("***", "\\*\\*\\*"),
        ("1. n", "1\\. n"),
        ("12) n", "12\\) n"),
        ("2024. n", "2024\\. n"),
        ("1234567890. n", "1234567890. n"),
        ("a # b - c + d 1. e > f = g", "a # b - c + d 1. e > f = g"),
        ("```rust", "\\`\\`\\`rust"),
        ("~~~", "\\~\\~\\~"),
        ("    four spaces", "four spaces"),
        ("*/ \"# /*", "\\*/ \"# /\\*"),
        ("$x$ {y} ^z^ 'q' \"r\" : ; @", "$x$ {y} ^z^ 'q' \"r\" : ; @"),
    ]);
}

#[test]
fn bare_urls() {
    check(&[
        ("see https://e.com/a.", "see <https://e.com/a>."),
        ("see http://e.com/a, and", "see <http://e.com/a>, and"),
        ("(https://e.com/a_(b))", "(<https://e.com/a_(b)>)"),
        ("(https://e.com/a)", "(<https://e.com/a>)"),
        ("x:https://e.com/*y*", "x:<https://e.com/*y>\\*"),
        ("HTTPS://E.COM", "<HTTPS://E.COM>"),
        ("http:// and https://", "http:// and https://"),
        ("www.e.com", "www.e.com"),
        ("<i>https://e.com</i>", "*<https://e.com>*"),
        ("&lt;https://e.com&gt;", "\\<<https://e.com>>"),
    ]);
}

#[test]
fn callouts() {
    check(&[
        ("<note><p>Valid.</p></note>", "> **Note:** Valid."),
        (
            "<important><p>Careful.</p></important>",
            "> **Important:** Careful.",
        ),
        (
            "<warning><p>Danger.</p></warning>",
            "> **Warning:** Danger.",
        ),
        ("<blockquote><p>Quoted.</p></blockquote>", "> Quoted."),
        ("<note><p>a</p><p>b</p></note>", "> **Note:** a\n>\n> b"),
        (
            "<important><p><b>Important:</b> x</p></important>",
            "> **Important:** x",
        ),
        ("<note><p><b>Note</b>: x</p></note>", "> **Note**: x"),
        ("<note><ul><li>a</li></ul></note>", "> **Note:**\n>\n> - a"),
        (
            "<note><pre>x</pre></note>",
            "> **Note:**\n>\n> ```text\n> x\n> ```",
        ),
        ("<note></note><note> </note>", ""),
        ("<p>a</p><note>b</note><p>c</p>", "a\n\n> **Note:** b\n\nc"),
        (
            "<note><note>x</note></note>",
            "> **Note:**\n>\n> > **Note:** x",
        ),
        ("<p>a <note>b</note> c</p>", "a\n\n> **Note:** b\n\nc"),
    ]);
}

#[test]
fn titles_and_headings() {
    check(&[
        (
            "<p class=\"title\"> <b>Error Messages</b> </p>",
            "**Error Messages**",
        ),
        ("<p class=\"x title\">T</p><p>body</p>", "**T**\n\nbody"),
        ("<p class=\"subtitle\">not a title</p>", "not a title"),
        (
            "<h1>A</h1><h2>B</h2><h3>C</h3><h4>D</h4><h5>E</h5><h6>F</h6>",
            "# A\n\n## B\n\n### C\n\n#### D\n\n##### E\n\n###### F",
        ),
        (
            "<h2>a <code>b</code> #1 {#id}</h2>",
            "## a `b` \\#1 \\{\\#id}",
        ),
        ("<h2>a<br>b</h2>text", "## a b\n\ntext"),
        ("<h2></h2>", ""),
        ("<h1>a</h2>b", "# a\n\nb"),
    ]);
}

#[test]
fn lists() {
    check(&[
        ("<ul><li>a</li><li>b</li></ul>", "- a\n- b"),
        ("<ol><li>a</li><li>b</li></ol>", "1. a\n2. b"),
        ("<p>x</p><ul><li>a</li></ul><p>y</p>", "x\n\n- a\n\ny"),
        (
            "<ul><li><p>a</p></li><li><p>b</p><p>c</p></li></ul>",
            "- a\n- b\n\n  c",
        ),
        (
            "<ul><li>a<ul><li>b<ul><li>c</li></ul></li></ul></li><li>d</li></ul>",
            "- a\n  - b\n    - c\n- d",
        ),
        ("<ol><li>a<ol><li>b</li></ol></li></ol>", "1. a\n   1. b"),
        (
            "<ul><li>a<ul><li>b</li></ul>c</li></ul>",
            "- a\n  - b\n\n  c",
        ),
        ("<ol start=\"9\"><li>a</li><li>b</li></ol>", "9. a\n10. b"),
        ("<ol start=\"0\"><li>a</li></ol>", "0. a"),
        ("<ol start=\"x\"><li>a</li></ol>", "1. a"),
        (
            "<ul><li>a<ol start=\"3\"><li>b</li></ol></li></ul>",
            "- a\n\n  3. b",
        ),
        ("<ul><li></li><li> </li><li>a</li></ul>", "- a"),
        ("<ol><li></li><li>a</li></ol>", "1. a"),
        ("<ul><li>a<li>b</ul>", "- a\n- b"),
        ("<li>a</li><li>b</li><p>c</p>", "- a\n- b\n\nc"),
        ("<ul>x<li>a</li>y</ul>", "- x\n- a\n- y"),
        ("<ul><ul><li>a</li></ul></ul>", "- - a"),
        (
            "<ul><li><pre>a\n  b</pre></li></ul>",
            "- ```text\n  a\n    b\n  ```",
        ),
        (
            "<ul><li><note>n</note></li><li><h2>h</h2></li></ul>",
            "- > **Note:** n\n- ## h",
        ),
        ("<ul><li>- x</li><li>1. y</li></ul>", "- \\- x\n- 1\\. y"),
        ("<ul><li><ul><li>a</li></ul></li></ul>", "- - a"),
    ]);
}

#[test]
fn definition_lists() {
    check(&[
        (
            "<dl><dt>Term</dt><dd>Definition.</dd></dl>",
            "- **Term:** Definition.",
        ),
        (
            "<dl><dt>A:</dt><dd>x</dd><dt>B?</dt><dd>y</dd></dl>",
            "- **A:** x\n- **B?** y",
        ),
        (
            "<dl><dt>T</dt><dd>a</dd><dd>b</dd></dl>",
            "- **T:** a\n\n  b",
        ),
        (
            "<dl><dt>a</dt><dt>b</dt><dd>c</dd></dl>",
            "- **a:**\n- **b:** c",
        ),
        (
            "<dl><dt>T</dt><dd><ul><li>x</li></ul></dd></dl>",
            "- **T:**\n  - x",
        ),
        ("<dl><dd>only</dd></dl>", "- only"),
        ("<dl><dt><code>c</code></dt><dd>d</dd></dl>", "- **`c`:** d"),
        ("<dt>stray</dt><dd>d</dd>", "- **stray:** d"),
        ("<dl><dt></dt><dd>d</dd></dl>", "- d"),
    ]);
}

#[test]
fn preformatted() {
    check(&[
        ("<pre>a\n  b</pre>", "```text\na\n  b\n```"),
        ("<pre>\n    x\n      y\n</pre>", "```text\nx\n  y\n```"),
        (
            "<pre>a &lt;b&gt; <b>c</b><br>d</pre>",
            "```text\na <b> c\nd\n```",
        ),
        ("<pre>```\n````</pre>", "`````text\n```\n````\n`````"),
        (
            "<pre><code>fn main() {}</code></pre>",
            "```text\nfn main() {}\n```",
        ),
        ("<pre>  </pre><pre></pre>", ""),
        ("<p>a<pre>b</pre>c</p>", "a\n\n```text\nb\n```\n\nc"),
        ("<pre>x\r\ny\rz</pre>", "```text\nx\ny\nz\n```"),
        ("<pre>a <node-id> b</pre>", "```text\na <node-id> b\n```"),
        ("<pre><p>a</p><p>b</p></pre>", "```text\na\nb\n```"),
    ]);
}

#[test]
fn hidden_and_ignored() {
    check(&[
        ("a<script>alert(1)</script>b", "ab"),
        ("<style>p {}</style>x", "x"),
        ("<!-- c -->a<!---->b<!-->c", "abc"),
        (
            "<!DOCTYPE html><html><head><title>t</title></head><body><p>x</p></body></html>",
            "x",
        ),
        ("a<img src=\"x\">b<?pi?>c", "abc"),
        (
            "<table><tr><td>a</td><td>b</td></tr><tr><th>c</th></tr></table>",
            "a b\n\nc",
        ),
        (
            "<P CLASS=\"title\">Upper</P><BR><Code>c</CODE>",
            "**Upper**\n\n`c`",
        ),
        // Class names are case-sensitive in HTML.
        ("<p class=\"TITLE\">x</p>", "x"),
    ]);
}

#[test]
fn forbidden_characters_are_removed() {
    let md = html_to_markdown(
        "a\u{0}b\u{7}c\u{1b}d\u{7f}e\u{202e}f\u{2066}g\u{2069}h\r\ni\u{2028}j\u{2029}k\u{85}l",
    );
    assert_eq!(md, "abcdefgh i j k l");
    assert!(!md.chars().any(|c| c.is_control()));
}

#[test]
fn doc_lines_prefix_a_space() {
    assert_eq!(doc_lines(""), Vec::<String>::new());
    assert_eq!(doc_lines("a\n\n- b\n  c"), [" a", "", " - b", "   c"]);
    assert_eq!(doc_lines("a\r\nb"), [" a", " b"]);
    assert_eq!(rustdoc_lines("<p>a</p><p>b</p>"), [" a", "", " b"]);
    assert_eq!(rustdoc_lines(""), Vec::<String>::new());
}

#[test]
fn first_sentence_is_plain_text() {
    let cases = [
        (
            "<p>Creates a cluster. All nodes run.</p>",
            Some("Creates a cluster."),
        ),
        (
            "<p>Uses <code>x</code>, e.g. y. More.</p>",
            Some("Uses x, e.g. y."),
        ),
        ("<p>No period</p><p>Second.</p>", Some("No period")),
        (
            "<fullname>Amazon X</fullname><p>Text.</p>",
            Some("Amazon X"),
        ),
        (
            "<p>Version 1.2 is new. Yes.</p>",
            Some("Version 1.2 is new."),
        ),
        ("<p>Is it? Yes.</p>", Some("Is it?")),
        ("<p>a &lt;b&gt;\n  [c]</p>", Some("a <b> [c]")),
        (
            "<p> </p><ul><li>Item one. Two.</li></ul>",
            Some("Item one."),
        ),
        ("<script>x</script><p>y</p>", Some("y")),
        ("", None),
        ("<p> </p>", None),
    ];
    for (html, want) in cases {
        assert_eq!(first_sentence(html).as_deref(), want, "{html:?}");
    }
}

#[test]
fn escape_markdown_escapes_plain_text() {
    assert_eq!(escape_markdown("a [b] *c*\n  - d"), "a \\[b\\] \\*c\\* - d");
    assert_eq!(
        escape_markdown("# see https://e.com."),
        "\\# see <https://e.com>."
    );
    assert_eq!(escape_markdown(""), "");
}
