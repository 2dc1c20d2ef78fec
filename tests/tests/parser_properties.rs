//! Property: no response makes a generated response parser panic, in any protocol (ec2 and
//! restXml included; the REST protocols' headers and status code too: `*_mutated_headers_*`
//! edit them). Every
//! property runs 10,000 cases against the operations the conformance package generates (every
//! output suite's operations and `CopySnapshot` of ElastiCache and MemoryDB): arbitrary bytes
//! with any status and error-type header, and real responses (`parser_corpus`: the suites'
//! response cases and the golden responses), successes and errors, mutated: bits flipped,
//! bytes set, inserted and deleted, cut short, ranges and whole elements / members / map
//! entries duplicated, deep nesting inserted, huge numbers, invalid UTF-8 and protocol tokens
//! spliced in, the status changed. Any result (output, service error, invalid response) is
//! fine; a panic fails. The outcomes of the hostile classes themselves (depth, huge numbers,
//! bad UTF-8, duplicates) are pinned down in `parser_bounds.rs`.

mod parser_corpus;

use std::sync::LazyLock;

use awsgen_conformance::harness::Entry;
use parser_corpus::{Op, Protocol, Sample};
use proptest::prelude::*;
use proptest::sample::Index;

const CASES: u32 = 10_000;

static SAMPLES: LazyLock<Vec<Sample>> = LazyLock::new(parser_corpus::samples);

fn samples(protocol: Protocol, errors: bool) -> Vec<&'static Sample> {
    SAMPLES
        .iter()
        .filter(|s| s.protocol == protocol && s.is_error() == errors)
        .collect()
}

/// Runs one response; the result does not matter.
fn parse(entry: &Entry, status: u16, headers: &http::HeaderMap, body: &[u8]) {
    let _ = (entry.parse)(status, headers, body);
}

fn status() -> impl Strategy<Value = u16> {
    prop_oneof![
        3 => Just(200u16),
        1 => Just(400u16),
        1 => Just(404u16),
        1 => Just(500u16),
        1 => 0u16..1000,
    ]
}

/// Pieces of each protocol's syntax, hostile values and invalid UTF-8.
fn pieces(protocol: Protocol) -> &'static [&'static [u8]] {
    match protocol {
        Protocol::RestJson => pieces(Protocol::Json),
        Protocol::Ec2 | Protocol::RestXml => pieces(Protocol::Query),
        Protocol::Query => &[
            b"<",
            b">",
            b"</",
            b"/>",
            b"&",
            b"&amp;",
            b"&#x0;",
            b"&#xD800;",
            b"&#99999999;",
            b"&unknown;",
            b"<![CDATA[",
            b"]]>",
            b"<!--",
            b"-->",
            b"<?pi?>",
            b"<!DOCTYPE x>",
            b"<a>",
            b"</a>",
            b"<member>",
            b"</member>",
            b"<entry>",
            b"<key>",
            b"<value>",
            b"<Error>",
            b"<Code>",
            b"x:",
            b"xmlns=\"u\"",
            b"\"",
            b"=",
            b"\xff",
            b"\xc3",
            b"\xed\xa0\x80",
            b"\0",
            b"NaN",
            b"-Infinity",
            b"99999999999999999999999999",
            b"1e999999",
            b"-0",
            b"true",
            b"2016-12-21T22:24:04.955Z",
            b"9999999999999999999",
            b"\r\n",
        ],
        Protocol::Json => &[
            b"{",
            b"}",
            b"[",
            b"]",
            b",",
            b":",
            b"\"",
            b"\\",
            b"\\u",
            b"\\ud800",
            b"\\udc00",
            b"null",
            b"true",
            b"false",
            b"\"NaN\"",
            b"\"Infinity\"",
            b"-",
            b"0",
            b"1e400",
            b"-1e400",
            b"99999999999999999999999999",
            b"1.7976931348623157e309",
            b"123456789012345678901234567890e-10",
            b"\"__type\":",
            b"\"message\":",
            b"\xff",
            b"\xc3",
            b"\xed\xa0\x80",
            b"\xef\xbb\xbf",
            b"\0",
            b"\x1f",
            b"{\"a\":",
            b"[[[[",
        ],
        Protocol::Cbor => &[
            b"\xa0",
            b"\xbf",
            b"\xff",
            b"\x80",
            b"\x9f",
            b"\xf6",
            b"\xf7",
            b"\xf4",
            b"\xf5",
            b"\x60",
            b"\x7f",
            b"\x40",
            b"\x5f",
            b"\xc1",
            b"\xc0",
            b"\xd8\x2a",
            b"\x1b\xff\xff\xff\xff\xff\xff\xff\xff",
            b"\x3b\xff\xff\xff\xff\xff\xff\xff\xff",
            b"\xfb\x7f\xf0\x00\x00\x00\x00\x00\x00",
            b"\xfb\x7f\xf8\x00\x00\x00\x00\x00\x00",
            b"\xf9\x7c\x00",
            b"\xfa\x7f\x80\x00\x00",
            b"\x61\xff",
            b"\x62\xc3\x28",
            b"\x9b\xff\xff\xff\xff\xff\xff\xff\xff",
            b"\xbb\xff\xff\xff\xff\xff\xff\xff\xff",
            b"\x7b\xff\xff\xff\xff\xff\xff\xff\xff",
            b"\x66__type",
            b"\x67message",
            b"\x1c",
            b"\xf8\x10",
        ],
    }
}

/// What one nesting level opens and closes, per protocol.
fn nest(protocol: Protocol, depth: usize) -> Vec<u8> {
    match protocol {
        Protocol::Query | Protocol::Ec2 | Protocol::RestXml => {
            ["<a>".repeat(depth), "</a>".repeat(depth)]
                .concat()
                .into_bytes()
        }
        Protocol::Json | Protocol::RestJson => {
            ["[".repeat(depth), "]".repeat(depth)].concat().into_bytes()
        }
        Protocol::Cbor => {
            let mut out = vec![0x81; depth];
            out.push(0xf6);
            out
        }
    }
}

/// One edit of a body.
#[derive(Clone, Debug)]
enum Edit {
    FlipBit(Index, u8),
    Set(Index, u8),
    InsertPiece(Index, Index),
    InsertBytes(Index, Vec<u8>),
    Delete(Index, usize),
    Truncate(Index),
    DuplicateRange(Index, usize),
    DuplicateUnit(Index),
    Nest(Index, usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        1 => (any::<Index>(), 0u8..8).prop_map(|(i, b)| Edit::FlipBit(i, b)),
        1 => (any::<Index>(), any::<u8>()).prop_map(|(i, b)| Edit::Set(i, b)),
        2 => (any::<Index>(), any::<Index>()).prop_map(|(i, p)| Edit::InsertPiece(i, p)),
        1 => (any::<Index>(), prop::collection::vec(any::<u8>(), 1..8))
            .prop_map(|(i, b)| Edit::InsertBytes(i, b)),
        1 => (any::<Index>(), 1usize..32).prop_map(|(i, n)| Edit::Delete(i, n)),
        1 => any::<Index>().prop_map(Edit::Truncate),
        1 => (any::<Index>(), 1usize..64).prop_map(|(i, n)| Edit::DuplicateRange(i, n)),
        2 => any::<Index>().prop_map(Edit::DuplicateUnit),
        1 => (any::<Index>(), prop_oneof![1usize..8, 60usize..70, 120usize..140, 200usize..400])
            .prop_map(|(i, d)| Edit::Nest(i, d)),
    ]
}

fn apply(protocol: Protocol, body: &mut Vec<u8>, edit: &Edit) {
    let at = |i: &Index, len: usize| i.index(len + 1);
    match edit {
        Edit::FlipBit(i, bit) => {
            if !body.is_empty() {
                let j = i.index(body.len());
                body[j] ^= 1 << bit;
            }
        }
        Edit::Set(i, b) => {
            if !body.is_empty() {
                let j = i.index(body.len());
                body[j] = *b;
            }
        }
        Edit::InsertPiece(i, p) => {
            let pieces = pieces(protocol);
            let piece = pieces[p.index(pieces.len())];
            let j = at(i, body.len());
            body.splice(j..j, piece.iter().copied());
        }
        Edit::InsertBytes(i, bytes) => {
            let j = at(i, body.len());
            body.splice(j..j, bytes.iter().copied());
        }
        Edit::Delete(i, n) => {
            let j = at(i, body.len());
            let end = (j + n).min(body.len());
            body.drain(j..end);
        }
        Edit::Truncate(i) => body.truncate(at(i, body.len())),
        Edit::DuplicateRange(i, n) => {
            let j = at(i, body.len());
            let end = (j + n).min(body.len());
            let copy = body[j..end].to_vec();
            body.splice(end..end, copy);
        }
        Edit::DuplicateUnit(i) => {
            let units = units(protocol, body);
            if !units.is_empty() {
                let (start, end, header) = units[i.index(units.len())];
                let copy = body[start..end].to_vec();
                body.splice(end..end, copy);
                // A definite-length CBOR map with a count in its head byte gets one more entry.
                if let Some(h) = header {
                    body[h] += 1;
                }
            }
        }
        Edit::Nest(i, depth) => {
            let j = at(i, body.len());
            body.splice(j..j, nest(protocol, *depth));
        }
    }
}

/// Spans that can be duplicated in place and still make a well-formed body (if the body was):
/// XML elements, JSON object members (with their comma), CBOR map entries (with the position
/// of a definite map's head byte to bump, when it has room).
fn units(protocol: Protocol, body: &[u8]) -> Vec<(usize, usize, Option<usize>)> {
    match protocol {
        Protocol::Query | Protocol::Ec2 | Protocol::RestXml => xml_elements(body),
        Protocol::Json | Protocol::RestJson => json_members(body),
        Protocol::Cbor => cbor_entries(body),
    }
}

fn xml_elements(body: &[u8]) -> Vec<(usize, usize, Option<usize>)> {
    let mut out = Vec::new();
    for start in 0..body.len() {
        if body[start] != b'<' || !body.get(start + 1).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        let name_end = body[start + 1..]
            .iter()
            .position(|b| matches!(b, b'>' | b' ' | b'/'))
            .map_or(body.len(), |p| start + 1 + p);
        let close = [b"</", &body[start + 1..name_end], b">".as_slice()].concat();
        if let Some(p) = body[name_end..]
            .windows(close.len())
            .position(|w| w == close)
        {
            out.push((start, name_end + p + close.len(), None));
        }
    }
    out
}

fn json_members(body: &[u8]) -> Vec<(usize, usize, Option<usize>)> {
    // Members that a comma follows: `"key": value,` duplicated stays valid JSON.
    let mut out = Vec::new();
    let Ok(text) = std::str::from_utf8(body) else {
        return out;
    };
    // A plain scan is enough for the samples: a key starts at a quote after `{` or `,`.
    let bytes = text.as_bytes();
    for start in 0..bytes.len() {
        if bytes[start] != b'"' {
            continue;
        }
        let before = bytes[..start]
            .iter()
            .rev()
            .find(|b| !b.is_ascii_whitespace());
        if !matches!(before, Some(b'{' | b',')) {
            continue;
        }
        let rest = &text[start..];
        let mut stream = serde_json::Deserializer::from_str(rest).into_iter::<String>();
        if stream.next().and_then(Result::ok).is_none() {
            continue;
        }
        let after_key = start + stream.byte_offset();
        let colon = bytes[after_key..]
            .iter()
            .position(|b| !b.is_ascii_whitespace());
        let Some(colon) = colon.map(|c| after_key + c) else {
            continue;
        };
        if bytes[colon] != b':' {
            continue;
        }
        let mut values =
            serde_json::Deserializer::from_str(&text[colon + 1..]).into_iter::<serde_json::Value>();
        if values.next().and_then(Result::ok).is_none() {
            continue;
        }
        let end = colon + 1 + values.byte_offset();
        let comma = bytes[end..].iter().position(|b| !b.is_ascii_whitespace());
        if let Some(c) = comma.map(|c| end + c)
            && bytes[c] == b','
        {
            out.push((start, c + 1, None));
        }
    }
    out
}

fn cbor_entries(body: &[u8]) -> Vec<(usize, usize, Option<usize>)> {
    fn walk(
        d: &mut minicbor::Decoder<'_>,
        out: &mut Vec<(usize, usize, Option<usize>)>,
        depth: usize,
    ) -> Option<()> {
        use minicbor::data::Type;
        if depth > 64 {
            return None;
        }
        match d.datatype().ok()? {
            Type::Map | Type::MapIndef => {
                let head = d.position();
                let len = d.map().ok()?;
                let bump = match len {
                    Some(n) if n < 23 => Some(head),
                    _ => None,
                };
                let mut remaining = len;
                loop {
                    match remaining {
                        Some(0) => break,
                        Some(ref mut n) => *n -= 1,
                        None => {
                            if d.datatype().ok()? == Type::Break {
                                d.skip().ok()?;
                                break;
                            }
                        }
                    }
                    let start = d.position();
                    d.skip().ok()?;
                    walk(d, out, depth + 1)?;
                    if len.is_none() || bump.is_some() {
                        out.push((start, d.position(), bump));
                    }
                }
            }
            Type::Array | Type::ArrayIndef => {
                let mut remaining = d.array().ok()?;
                loop {
                    match remaining {
                        Some(0) => break,
                        Some(ref mut n) => *n -= 1,
                        None => {
                            if d.datatype().ok()? == Type::Break {
                                d.skip().ok()?;
                                break;
                            }
                        }
                    }
                    walk(d, out, depth + 1)?;
                }
            }
            Type::Tag => {
                d.tag().ok()?;
                walk(d, out, depth + 1)?;
            }
            _ => d.skip().ok()?,
        }
        Some(())
    }
    let mut out = Vec::new();
    let _ = walk(&mut minicbor::Decoder::new(body), &mut out, 0);
    out
}

/// A real response of `protocol` (an error response when `errors`), edited.
fn mutated(
    protocol: Protocol,
    errors: bool,
) -> impl Strategy<Value = (&'static Sample, u16, Vec<u8>)> {
    let samples = samples(protocol, errors);
    assert!(!samples.is_empty(), "no {protocol:?} samples");
    (
        prop::sample::select(samples),
        prop::option::weighted(0.1, status()),
        prop::collection::vec(edit(), 1..6),
    )
        .prop_map(move |(sample, status, edits)| {
            let mut body = sample.body.clone();
            for edit in &edits {
                apply(protocol, &mut body, edit);
            }
            (sample, status.unwrap_or(sample.status), body)
        })
}

/// Header values that REST bindings must read without panicking: numbers out of range, bad
/// floats and booleans, broken quoting and HTTP dates, base64 that is not, empty values.
const HEADER_VALUES: &[&str] = &[
    "",
    " ",
    ",",
    ",,,",
    "\"",
    "\"a,",
    "\"\\",
    "a, \"b\\\"c\", d",
    "99999999999999999999999",
    "-1",
    "1e400",
    "NaN",
    "-Infinity",
    "nan",
    "tru",
    "Mon, 16 Dec 2019 23:48:18 GMT",
    "Mon, 99 Foo 2019 99:99:99 GMT",
    "Mon,",
    "2019-12-16T23:48:18Z",
    "not base64 ===",
    "dHJ1ZQ",
    "\u{1F600}",
];

/// A real response of a REST protocol with its headers edited (values replaced, headers added
/// or removed), its body edited too, maybe another status.
fn mutated_headers(
    protocol: Protocol,
    errors: bool,
) -> impl Strategy<Value = (&'static Sample, u16, Vec<(String, String)>, Vec<u8>)> {
    let samples = samples(protocol, errors);
    (
        prop::sample::select(samples),
        prop::option::weighted(0.2, status()),
        prop::collection::vec((any::<Index>(), any::<Index>(), 0u8..3), 1..4),
        prop::collection::vec(edit(), 0..3),
    )
        .prop_map(move |(sample, status, header_edits, edits)| {
            let mut headers = sample.headers.clone();
            for (which, value, kind) in &header_edits {
                let value = HEADER_VALUES[value.index(HEADER_VALUES.len())].to_owned();
                match kind {
                    0 if !headers.is_empty() => {
                        let i = which.index(headers.len());
                        headers[i].1 = value;
                    }
                    1 if !headers.is_empty() => {
                        let i = which.index(headers.len());
                        let name = headers[i].0.clone();
                        headers.push((name, value));
                    }
                    _ if !headers.is_empty() => {
                        let i = which.index(headers.len());
                        headers.remove(i);
                    }
                    _ => headers.push(("x-amzn-errortype".to_owned(), value)),
                }
            }
            let mut body = sample.body.clone();
            for edit in &edits {
                apply(protocol, &mut body, edit);
            }
            (sample, status.unwrap_or(sample.status), headers, body)
        })
}

fn run_mutated(sample: &Sample, status: u16, body: &[u8]) {
    parse(
        sample.entry,
        status,
        &parser_corpus::header_map(&sample.headers),
        body,
    );
}

/// Arbitrary bytes to a random operation of `protocol`, with any status and maybe an
/// `X-Amzn-ErrorType` header.
fn arbitrary(protocol: Protocol) -> impl Strategy<Value = (Op, u16, Option<String>, Vec<u8>)> {
    let ops: Vec<Op> = parser_corpus::entries(protocol)
        .into_iter()
        .map(Op)
        .collect();
    (
        prop::sample::select(ops),
        status(),
        prop::option::of("[ -~]{0,40}"),
        prop::collection::vec(any::<u8>(), 0..512),
    )
}

fn run_arbitrary(Op(entry): Op, status: u16, error_type: Option<String>, body: &[u8]) {
    let mut headers = vec![("x-amzn-requestid".to_owned(), "r".to_owned())];
    headers.extend(error_type.map(|t| ("x-amzn-errortype".to_owned(), t)));
    parse(entry, status, &parser_corpus::header_map(&headers), body);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: CASES, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn xml_arbitrary_bytes((entry, status, error_type, body) in arbitrary(Protocol::Query)) {
        run_arbitrary(entry, status, error_type, &body);
    }

    #[test]
    fn xml_mutated_responses((sample, status, body) in mutated(Protocol::Query, false)) {
        run_mutated(sample, status, &body);
    }

    #[test]
    fn xml_mutated_errors((sample, status, body) in mutated(Protocol::Query, true)) {
        run_mutated(sample, status, &body);
    }

    #[test]
    fn json_arbitrary_bytes((entry, status, error_type, body) in arbitrary(Protocol::Json)) {
        run_arbitrary(entry, status, error_type, &body);
    }

    #[test]
    fn json_mutated_responses((sample, status, body) in mutated(Protocol::Json, false)) {
        run_mutated(sample, status, &body);
    }

    #[test]
    fn json_mutated_errors((sample, status, body) in mutated(Protocol::Json, true)) {
        run_mutated(sample, status, &body);
    }

    #[test]
    fn cbor_arbitrary_bytes((entry, status, error_type, body) in arbitrary(Protocol::Cbor)) {
        run_arbitrary(entry, status, error_type, &body);
    }

    #[test]
    fn cbor_mutated_responses((sample, status, body) in mutated(Protocol::Cbor, false)) {
        run_mutated(sample, status, &body);
    }

    #[test]
    fn cbor_mutated_errors((sample, status, body) in mutated(Protocol::Cbor, true)) {
        run_mutated(sample, status, &body);
    }

    #[test]
    fn rest_json_arbitrary_bytes((entry, status, error_type, body) in arbitrary(Protocol::RestJson)) {
        run_arbitrary(entry, status, error_type, &body);
    }

    #[test]
    fn rest_json_mutated_responses((sample, status, body) in mutated(Protocol::RestJson, false)) {
        run_mutated(sample, status, &body);
    }

    #[test]
    fn rest_json_mutated_errors((sample, status, body) in mutated(Protocol::RestJson, true)) {
        run_mutated(sample, status, &body);
    }

    #[test]
    fn rest_json_mutated_headers_and_status((sample, status, headers, body) in mutated_headers(Protocol::RestJson, false)) {
        parse(sample.entry, status, &parser_corpus::header_map(&headers), &body);
    }

    #[test]
    fn rest_json_mutated_error_headers((sample, status, headers, body) in mutated_headers(Protocol::RestJson, true)) {
        parse(sample.entry, status, &parser_corpus::header_map(&headers), &body);
    }

    #[test]
    fn ec2_arbitrary_bytes((entry, status, error_type, body) in arbitrary(Protocol::Ec2)) {
        run_arbitrary(entry, status, error_type, &body);
    }

    #[test]
    fn ec2_mutated_responses((sample, status, body) in mutated(Protocol::Ec2, false)) {
        run_mutated(sample, status, &body);
    }

    #[test]
    fn ec2_mutated_errors((sample, status, body) in mutated(Protocol::Ec2, true)) {
        run_mutated(sample, status, &body);
    }

    #[test]
    fn rest_xml_arbitrary_bytes((entry, status, error_type, body) in arbitrary(Protocol::RestXml)) {
        run_arbitrary(entry, status, error_type, &body);
    }

    #[test]
    fn rest_xml_mutated_responses((sample, status, body) in mutated(Protocol::RestXml, false)) {
        run_mutated(sample, status, &body);
    }

    #[test]
    fn rest_xml_mutated_errors((sample, status, body) in mutated(Protocol::RestXml, true)) {
        run_mutated(sample, status, &body);
    }

    #[test]
    fn rest_xml_mutated_headers_and_status((sample, status, headers, body) in mutated_headers(Protocol::RestXml, false)) {
        parse(sample.entry, status, &parser_corpus::header_map(&headers), &body);
    }

    #[test]
    fn rest_xml_mutated_error_headers((sample, status, headers, body) in mutated_headers(Protocol::RestXml, true)) {
        parse(sample.entry, status, &parser_corpus::header_map(&headers), &body);
    }
}

/// The corpus is what the properties say it is: every protocol has successes and errors, and
/// the unedited samples parse the way their suites expect (outputs for 2xx, errors otherwise).
#[test]
fn the_corpus_covers_every_protocol_and_its_samples_parse() {
    use awsgen_conformance::harness::Outcome;
    for protocol in Protocol::ALL {
        for errors in [false, true] {
            let samples = samples(protocol, errors);
            assert!(
                samples.len() >= 3,
                "{protocol:?} errors={errors}: {}",
                samples.len()
            );
            for s in samples.into_iter().filter(|s| !s.skipped) {
                let outcome =
                    (s.entry.parse)(s.status, &parser_corpus::header_map(&s.headers), &s.body);
                match (&outcome, errors) {
                    (Outcome::Output(_), false) | (Outcome::Error { .. }, true) => {}
                    _ => panic!("{}: {outcome:?}", s.name),
                }
            }
        }
    }
}

/// The structure-aware duplication finds units in every protocol's samples, so the
/// duplicate-member edits do happen.
#[test]
fn duplicable_units_are_found() {
    for protocol in Protocol::ALL {
        let found: usize = samples(protocol, false)
            .iter()
            .map(|s| units(protocol, &s.body).len())
            .sum();
        assert!(found > 20, "{protocol:?}: {found} units");
    }
}
