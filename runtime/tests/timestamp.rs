//! Tests of `awsgen_runtime::timestamp`: the AWS protocol-suite vectors, each parser and
//! formatter, error cases, and properties (no panics, round trips).
//!
//! Expected values come from the botocore protocol suites in
//! `../shared/protocol-tests/botocore/` (file and case named beside each vector), from the Smithy
//! `timestampFormat` specification's examples, or were computed independently (Python's
//! `calendar.timegm`), never from this crate's own output.

use awsgen_runtime::timestamp::{DateTime, TimestampError};
use proptest::prelude::*;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

fn dt(secs: i64, nanos: u32) -> DateTime {
    DateTime::from_secs_and_nanos(secs, nanos).expect("nanos < 1e9")
}

/// 0000-01-01T00:00:00Z: 719,528 days before the epoch (0000 is a leap year).
const YEAR_0000: i64 = -62_167_219_200;
/// 0001-01-01T00:00:00Z.
const YEAR_0001: i64 = -62_135_596_800;
/// 9999-12-31T23:59:59Z.
const YEAR_9999_END: i64 = 253_402_300_799;

// ---------------------------------------------------------------------------------------------
// Protocol-suite vectors: serialization (input suites). Timestamps in `params` are epoch seconds.

/// (where, epoch seconds from `params`, expected serialized text)
const SUITE_DATE_TIME_OUT: &[(&str, i64, &str)] = &[
    (
        "input/query.json QueryTimestampsInput normalFormat (URL-decoded)",
        1_422_172_800,
        "2015-01-25T08:00:00Z",
    ),
    (
        "legacy/input/query.json 'Timestamp values' TimeArg (URL-decoded)",
        1_422_172_800,
        "2015-01-25T08:00:00Z",
    ),
    (
        "input/json.json serializes_timestamp_shapes_with_iso8601_timestampformat",
        946_845_296,
        "2000-01-02T20:34:56Z",
    ),
];

const SUITE_HTTP_DATE_OUT: &[(&str, i64, &str)] = &[
    (
        "input/json.json serializes_timestamp_shapes_with_httpdate_timestampformat",
        946_845_296,
        "Sun, 02 Jan 2000 20:34:56 GMT",
    ),
    (
        "legacy/input/json.json 'Timestamp values' TimeCustom and TimeFormat",
        1_422_172_800,
        "Sun, 25 Jan 2015 08:00:00 GMT",
    ),
];

const SUITE_EPOCH_SECONDS_OUT: &[(&str, i64, &str)] = &[
    (
        "input/query.json QueryTimestampsInput epochMember and epochTarget",
        1_422_172_800,
        "1422172800",
    ),
    (
        "legacy/input/query.json 'Timestamp values' TimeCustom and TimeFormat",
        1_422_172_800,
        "1422172800",
    ),
    (
        "input/json.json serializes_timestamp_shapes (body {\"Timestamp\":946845296})",
        946_845_296,
        "946845296",
    ),
    (
        "input/json.json serializes_timestamp_shapes_with_unixtimestamp_timestampformat",
        946_845_296,
        "946845296",
    ),
    (
        "input/json.json AwsJson11SerializeTimestampUnionValue",
        1_398_796_238,
        "1398796238",
    ),
    (
        "legacy/input/json.json 'Timestamp values' TimeArg",
        1_422_172_800,
        "1422172800",
    ),
];

#[test]
fn suite_serialization_vectors() {
    for &(case, secs, expected) in SUITE_DATE_TIME_OUT {
        assert_eq!(
            DateTime::from_secs(secs).to_date_time_string(),
            expected,
            "{case}"
        );
    }
    for &(case, secs, expected) in SUITE_HTTP_DATE_OUT {
        assert_eq!(
            DateTime::from_secs(secs).to_http_date_string(),
            expected,
            "{case}"
        );
    }
    for &(case, secs, expected) in SUITE_EPOCH_SECONDS_OUT {
        assert_eq!(
            DateTime::from_secs(secs).to_epoch_seconds_string(),
            expected,
            "{case}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Protocol-suite vectors: parsing (output suites). `result` gives epoch seconds, possibly as a
// float (946845296.123), written here as whole seconds + nanoseconds.

#[derive(Clone, Copy, Debug)]
enum Fmt {
    DateTime,
    HttpDate,
    EpochSeconds,
}

/// (where, response text, format, expected secs, expected nanos)
const SUITE_PARSE: &[(&str, &str, Fmt, i64, u32)] = &[
    (
        "output/json.json parses_iso8601_timestamps",
        "2000-01-02T20:34:56Z",
        Fmt::DateTime,
        946_845_296,
        0,
    ),
    (
        "output/json.json AwsJson11DateTimeWithFractionalSeconds; \
         output/query.json AwsQueryDateTimeWithFractionalSeconds (result 946845296.123)",
        "2000-01-02T20:34:56.123Z",
        Fmt::DateTime,
        946_845_296,
        123_000_000,
    ),
    (
        "output/json.json AwsJson11DateTimeWithNegativeOffset; \
         output/query.json AwsQueryDateTimeWithNegativeOffset",
        "2019-12-16T22:48:18-01:00",
        Fmt::DateTime,
        1_576_540_098,
        0,
    ),
    (
        "output/json.json AwsJson11DateTimeWithPositiveOffset; \
         output/query.json AwsQueryDateTimeWithPositiveOffset",
        "2019-12-17T00:48:18+01:00",
        Fmt::DateTime,
        1_576_540_098,
        0,
    ),
    (
        "output/query.json QueryXmlTimestamps, ...WithDateTimeFormat, \
         ...WithDateTimeOnTargetFormat, QueryXmlLists timestampList",
        "2014-04-29T18:30:38Z",
        Fmt::DateTime,
        1_398_796_238,
        0,
    ),
    (
        "legacy/output/query.json 'Timestamp members' TimeArg, StructMember.foo; \
         legacy/output/json.json 'Timestamp members' TimeFormat, StructMember.bar",
        "2014-04-29T18:30:38+00:00",
        Fmt::DateTime,
        1_398_796_238,
        0,
    ),
    (
        "legacy/output/query.json 'Scalar members' Timestamp",
        "2015-01-25T08:00:00Z",
        Fmt::DateTime,
        1_422_172_800,
        0,
    ),
    (
        "output/json.json parses_httpdate_timestamps",
        "Sun, 02 Jan 2000 20:34:56 GMT",
        Fmt::HttpDate,
        946_845_296,
        0,
    ),
    (
        "output/query.json QueryXmlTimestampsWithHttpDateFormat, ...OnTargetFormat; \
         legacy/output/{query,json}.json 'Timestamp members' TimeCustom",
        "Tue, 29 Apr 2014 18:30:38 GMT",
        Fmt::HttpDate,
        1_398_796_238,
        0,
    ),
    (
        "legacy/input/json.json 'Timestamp values' (serialized form, read back)",
        "Sun, 25 Jan 2015 08:00:00 GMT",
        Fmt::HttpDate,
        1_422_172_800,
        0,
    ),
    (
        "output/query.json QueryXmlTimestampsWithEpochSecondsFormat, ...OnTargetFormat; \
         legacy/output/query.json 'Timestamp members' TimeFormat, StructMember.bar",
        "1398796238",
        Fmt::EpochSeconds,
        1_398_796_238,
        0,
    ),
    (
        "output/json.json parses_timestamp_shapes (JSON number 946845296)",
        "946845296",
        Fmt::EpochSeconds,
        946_845_296,
        0,
    ),
    (
        "output/json.json AwsJson11DeserializeTimestampUnionValue; \
         legacy/output/json.json 'Timestamp members' TimeArg (JSON number 1398796238)",
        "1398796238",
        Fmt::EpochSeconds,
        1_398_796_238,
        0,
    ),
    (
        "output/*.json FractionalSeconds results, as the suites write them",
        "9.46845296123E8",
        Fmt::EpochSeconds,
        946_845_296,
        123_000_000,
    ),
    (
        "wire-facts.md: MemoryDB SnapshotCreationTime",
        "1.612345678123E9",
        Fmt::EpochSeconds,
        1_612_345_678,
        123_000_000,
    ),
];

fn parse_as(fmt: Fmt, s: &str) -> Result<DateTime, TimestampError> {
    match fmt {
        Fmt::DateTime => DateTime::parse_date_time(s),
        Fmt::HttpDate => DateTime::parse_http_date(s),
        Fmt::EpochSeconds => DateTime::parse_epoch_seconds(s),
    }
}

#[test]
fn suite_parse_vectors() {
    for &(case, text, fmt, secs, nanos) in SUITE_PARSE {
        let expected = dt(secs, nanos);
        assert_eq!(parse_as(fmt, text), Ok(expected), "{case}: {text}");
        // botocore's response parsers ignore timestampFormat; parse_any must cope with every one.
        assert_eq!(
            DateTime::parse_any(text),
            Ok(expected),
            "{case}: {text} (parse_any)"
        );
    }
}

/// The float results of the FractionalSeconds cases (`946845296.123`, also the CBOR float
/// `9.46845296123E8` of output/smithy-rpc-v2-cbor.json RpcV2CborDateTimeWithFractionalSeconds)
/// must read as exactly .123 s.
#[test]
fn suite_float_results() {
    assert_eq!(
        DateTime::from_secs_f64(946_845_296.123),
        Some(dt(946_845_296, 123_000_000))
    );
    assert_eq!(
        DateTime::from_secs_f64(9.46845296123E8),
        Some(dt(946_845_296, 123_000_000))
    );
    assert_eq!(
        DateTime::from_secs_f64(1.612345678123E9),
        Some(dt(1_612_345_678, 123_000_000))
    );
    assert_eq!(
        DateTime::from_secs_f64(1_398_796_238.0),
        Some(dt(1_398_796_238, 0))
    );
}

/// Every timestamp-looking string in the suites is in the tables above and parses. Skipped (with
/// a note) when `shared/` is not beside the checkout.
#[test]
fn suite_files_have_no_unlisted_timestamps() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/protocol-tests/botocore");
    if !root.is_dir() {
        eprintln!("note: {} not found; skipping", root.display());
        return;
    }
    let files = [
        "input/query.json",
        "input/json.json",
        "input/smithy-rpc-v2-cbor.json",
        "output/query.json",
        "output/json.json",
        "output/smithy-rpc-v2-cbor.json",
        "legacy/input/query.json",
        "legacy/input/json.json",
        "legacy/output/query.json",
        "legacy/output/json.json",
    ];
    let mut known: Vec<&str> = SUITE_PARSE.iter().map(|c| c.1).collect();
    known.extend(SUITE_DATE_TIME_OUT.iter().map(|c| c.2));
    known.extend(SUITE_HTTP_DATE_OUT.iter().map(|c| c.2));
    let mut found = std::collections::BTreeSet::new();
    for file in files {
        let text = std::fs::read_to_string(root.join(file)).expect("read suite file");
        let b = text.as_bytes();
        for i in 0..b.len() {
            let rest = &b[i..];
            // date-time: DDDD-DD-DDT…, up to the first character that can't be part of one.
            let is_date = rest.len() > 11
                && rest[..4].iter().all(u8::is_ascii_digit)
                && rest[4] == b'-'
                && rest[7] == b'-'
                && rest[10] == b'T'
                && (i == 0 || !b[i - 1].is_ascii_digit());
            if is_date {
                let end = rest
                    .iter()
                    .position(|c| !(c.is_ascii_alphanumeric() || b":.+-%".contains(c)))
                    .unwrap_or(rest.len());
                let raw = std::str::from_utf8(&rest[..end]).unwrap();
                found.insert(raw.replace("%3A", ":").replace("%2B", "+"));
            }
            // http-date: "Www, " and 24 more characters.
            let is_http = rest.len() >= 29
                && ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
                    .iter()
                    .any(|d| rest.starts_with(d.as_bytes()))
                && rest[3..5] == *b", ";
            if is_http {
                found.insert(std::str::from_utf8(&rest[..29]).unwrap().to_owned());
            }
        }
    }
    assert!(found.len() >= 10, "scanner found too little: {found:?}");
    for s in &found {
        assert!(
            known.contains(&s.as_str()),
            "suite timestamp {s:?} is not in the tables"
        );
        assert!(DateTime::parse_any(s).is_ok(), "{s:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// date-time

#[test]
fn date_time_parse_table() {
    let cases: &[(&str, i64, u32)] = &[
        ("1970-01-01T00:00:00Z", 0, 0),
        ("1985-04-12T23:20:50.520Z", 482_196_050, 520_000_000), // Smithy spec example
        ("1985-04-12T23:20:50.52Z", 482_196_050, 520_000_000),
        ("2016-12-21T22:24:04.955Z", 1_482_359_044, 955_000_000), // wire-facts.md
        ("2016-12-21T22:24:04.9Z", 1_482_359_044, 900_000_000),
        ("2016-12-21T22:24:04.123456Z", 1_482_359_044, 123_456_000),
        ("2016-12-21T22:24:04.123456789Z", 1_482_359_044, 123_456_789),
        // Digits beyond nanoseconds are truncated.
        (
            "2016-12-21T22:24:04.1234567899999Z",
            1_482_359_044,
            123_456_789,
        ),
        (
            "2016-12-21T22:24:04.000000000000000000001Z",
            1_482_359_044,
            0,
        ),
        ("2016-12-21t22:24:04z", 1_482_359_044, 0),
        ("2016-12-21 22:24:04Z", 1_482_359_044, 0),
        ("2016-12-21T23:24:04+0100", 1_482_359_044, 0),
        ("2016-12-21T14:24:04-0800", 1_482_359_044, 0),
        ("2016-12-21T14:24:04.5-08:00", 1_482_359_044, 500_000_000),
        ("2016-12-21T22:24:04-00:00", 1_482_359_044, 0),
        ("2016-12-22T04:09:04+05:45", 1_482_359_044, 0),
        // Offsets that cross a day and a year boundary.
        ("1969-12-31T23:00:00-01:00", 0, 0),
        ("1970-01-01T01:00:00+01:00", 0, 0),
        ("1969-12-31T23:59:59Z", -1, 0),
        ("1969-12-31T23:59:59.5Z", -1, 500_000_000),
        ("1994-11-06T08:49:37Z", 784_111_777, 0),
        ("2000-02-29T00:00:00Z", 951_782_400, 0),
        ("2024-02-29T12:00:00Z", 1_709_208_000, 0),
        // Leap second: the last representable instant of that minute.
        ("2016-12-31T23:59:60Z", 1_483_228_799, 999_999_999),
        ("2016-12-31T23:59:60.5Z", 1_483_228_799, 999_999_999),
        // Range of 4-digit years.
        ("0000-01-01T00:00:00Z", YEAR_0000, 0),
        ("0001-01-01T00:00:00Z", YEAR_0001, 0),
        ("9999-12-31T23:59:59Z", YEAR_9999_END, 0),
        ("9999-12-31T23:59:59.999999999Z", YEAR_9999_END, 999_999_999),
        // An offset can move the instant outside 0000-9999.
        ("9999-12-31T23:59:59-01:00", YEAR_9999_END + 3600, 0),
        ("0000-01-01T00:00:00+01:00", YEAR_0000 - 3600, 0),
    ];
    for &(text, secs, nanos) in cases {
        assert_eq!(
            DateTime::parse_date_time(text),
            Ok(dt(secs, nanos)),
            "{text}"
        );
        assert_eq!(
            text.parse::<DateTime>(),
            Ok(dt(secs, nanos)),
            "{text} (FromStr)"
        );
        assert_eq!(
            DateTime::parse_any(text),
            Ok(dt(secs, nanos)),
            "{text} (parse_any)"
        );
    }
}

#[test]
fn date_time_format_table() {
    let cases: &[(i64, u32, &str)] = &[
        (0, 0, "1970-01-01T00:00:00Z"),
        (482_196_050, 520_000_000, "1985-04-12T23:20:50.520Z"), // Smithy spec example
        (1_482_359_044, 955_000_000, "2016-12-21T22:24:04.955Z"),
        (1_482_359_044, 900_000_000, "2016-12-21T22:24:04.900Z"),
        (1_482_359_044, 1_000_000, "2016-12-21T22:24:04.001Z"),
        // Finer than milliseconds is truncated, and a zero millisecond part is omitted.
        (1_482_359_044, 123_456_789, "2016-12-21T22:24:04.123Z"),
        (1_482_359_044, 999_999_999, "2016-12-21T22:24:04.999Z"),
        (1_482_359_044, 999_999, "2016-12-21T22:24:04Z"),
        (1_482_359_044, 1, "2016-12-21T22:24:04Z"),
        (-1, 0, "1969-12-31T23:59:59Z"),
        (-1, 500_000_000, "1969-12-31T23:59:59.500Z"),
        (951_782_400, 0, "2000-02-29T00:00:00Z"),
        (YEAR_0000, 0, "0000-01-01T00:00:00Z"),
        (YEAR_0001, 0, "0001-01-01T00:00:00Z"),
        (YEAR_9999_END, 999_999_999, "9999-12-31T23:59:59.999Z"),
        // Outside 0000-9999: ISO 8601 expanded years.
        (YEAR_9999_END + 1, 0, "+10000-01-01T00:00:00Z"),
        (YEAR_0000 - 1, 0, "-0001-12-31T23:59:59Z"),
    ];
    for &(secs, nanos, expected) in cases {
        let t = dt(secs, nanos);
        assert_eq!(t.to_date_time_string(), expected);
        assert_eq!(t.to_string(), expected, "Display");
        let mut out = String::from("prefix=");
        t.fmt_date_time(&mut out);
        assert_eq!(out, format!("prefix={expected}"), "fmt_date_time appends");
    }
}

#[test]
fn date_time_errors() {
    let cases: &[(&str, &str)] = &[
        ("", "empty input"),
        ("2015", "expected '-' after the year"),
        ("2015-01-25", "expected 'T' between the date and the time"),
        ("2015-01-25T08:00", "expected ':' after the minute"),
        ("2015-01-25T08:00:00", "missing UTC offset"),
        ("2015-01-25T08:00:00.Z", "expected digits after '.'"),
        ("2015-13-25T08:00:00Z", "month is out of range"),
        ("2015-00-25T08:00:00Z", "month is out of range"),
        ("2015-02-30T08:00:00Z", "day is out of range for the month"),
        ("2015-02-29T08:00:00Z", "day is out of range for the month"),
        ("1900-02-29T08:00:00Z", "day is out of range for the month"),
        ("2015-04-31T08:00:00Z", "day is out of range for the month"),
        ("2015-01-00T08:00:00Z", "day is out of range for the month"),
        ("2015-01-32T08:00:00Z", "day is out of range for the month"),
        ("2015-01-25T24:00:00Z", "hour is out of range"),
        ("2015-01-25T25:00:00Z", "hour is out of range"),
        ("2015-01-25T08:60:00Z", "minute is out of range"),
        ("2015-01-25T08:00:61Z", "second is out of range (00-60)"),
        ("2015-01-25T08:00:00+24:00", "UTC offset is out of range"),
        ("2015-01-25T08:00:00+01:60", "UTC offset is out of range"),
        ("2015-01-25T08:00:00+1:00", "expected a 2-digit offset hour"),
        ("2015-01-25T08:00:00+01", "expected a 2-digit offset minute"),
        ("2015-01-25T08:00:00 Z", "expected 'Z' or a UTC offset"),
        (
            "2015-01-25T08:00:00ZZ",
            "unexpected characters after the timestamp",
        ),
        (
            "2015-01-25T08:00:00Z ",
            "unexpected characters after the timestamp",
        ),
        (" 2015-01-25T08:00:00Z", "expected a 4-digit year"),
        ("10000-01-25T08:00:00Z", "expected '-' after the year"),
        ("+2015-01-25T08:00:00Z", "expected a 4-digit year"),
        ("-2015-01-25T08:00:00Z", "expected a 4-digit year"),
        ("15-01-25T08:00:00Z", "expected a 4-digit year"),
        ("2015-1-25T08:00:00Z", "expected a 2-digit month"),
        ("2015/01/25T08:00:00Z", "expected '-' after the year"),
        ("2015-01-25T08:00:00,5Z", "expected 'Z' or a UTC offset"),
        (
            "2015-01-25X08:00:00Z",
            "expected 'T' between the date and the time",
        ),
        ("２０１５-01-25T08:00:00Z", "expected a 4-digit year"),
        (
            "2015-01-25T08:00:00Zé",
            "unexpected characters after the timestamp",
        ),
        ("garbage", "expected a 4-digit year"),
        ("1422172800", "expected '-' after the year"),
        ("Sun, 25 Jan 2015 08:00:00 GMT", "expected a 4-digit year"),
    ];
    for &(text, reason) in cases {
        let err = DateTime::parse_date_time(text).expect_err(text);
        let msg = err.to_string();
        assert!(
            msg.starts_with("invalid date-time timestamp: ") && msg.contains(reason),
            "{text:?}: got {msg:?}, expected it to mention {reason:?}"
        );
    }
}

#[test]
fn date_time_every_truncation_is_an_error() {
    let full = "2016-12-21T22:24:04.955+01:00";
    for end in 0..full.len() {
        let prefix = &full[..end];
        // A prefix that ends right after the fraction's first digit lacks only the offset.
        assert!(DateTime::parse_date_time(prefix).is_err(), "{prefix:?}");
    }
    assert!(DateTime::parse_date_time(full).is_ok());
}

#[test]
fn date_time_overlong_input() {
    // A very long fraction is fine: the digits past nanoseconds are truncated.
    let long_fraction = format!("2015-01-25T08:00:00.{}Z", "9".repeat(100_000));
    assert_eq!(
        DateTime::parse_date_time(&long_fraction),
        Ok(dt(1_422_172_800, 999_999_999))
    );
    // Trailing junk of any length is not.
    let junk = format!("2015-01-25T08:00:00Z{}", "x".repeat(100_000));
    assert!(DateTime::parse_date_time(&junk).is_err());
    let huge_year = format!("{}-01-25T08:00:00Z", "9".repeat(100_000));
    assert!(DateTime::parse_date_time(&huge_year).is_err());
}

#[test]
fn parse_any_reads_a_missing_offset_as_utc() {
    assert_eq!(
        DateTime::parse_any("2015-01-25T08:00:00"),
        Ok(dt(1_422_172_800, 0))
    );
    assert_eq!(
        DateTime::parse_any("2015-01-25T08:00:00.5"),
        Ok(dt(1_422_172_800, 500_000_000))
    );
    // And it ignores surrounding whitespace, as an XML text node may carry it.
    assert_eq!(
        DateTime::parse_any("\n  2015-01-25T08:00:00Z\n"),
        Ok(dt(1_422_172_800, 0))
    );
    assert_eq!(
        DateTime::parse_any(" Sun, 25 Jan 2015 08:00:00 GMT\t"),
        Ok(dt(1_422_172_800, 0))
    );
    assert_eq!(
        DateTime::parse_any(" 1422172800 "),
        Ok(dt(1_422_172_800, 0))
    );
}

#[test]
fn parse_any_errors_name_the_format_the_text_looked_like() {
    let cases: &[(&str, &str)] = &[
        ("", "invalid timestamp: empty input"),
        ("   ", "invalid timestamp: empty input"),
        ("2015-13-25T08:00:00Z", "invalid date-time timestamp: month"),
        (
            "Sun, 25 Jan 2015 08:00:00 UTC",
            "invalid http-date timestamp:",
        ),
        ("NaN", "invalid http-date timestamp:"),
        ("1422172800x", "invalid epoch-seconds timestamp:"),
        ("-", "invalid epoch-seconds timestamp:"),
        ("{}", "invalid epoch-seconds timestamp:"),
    ];
    for &(text, prefix) in cases {
        let msg = DateTime::parse_any(text).expect_err(text).to_string();
        assert!(msg.starts_with(prefix), "{text:?}: got {msg:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// http-date

#[test]
fn http_date_parse_table() {
    let cases: &[(&str, i64)] = &[
        // RFC 9110's examples of the three forms.
        ("Sun, 06 Nov 1994 08:49:37 GMT", 784_111_777),
        ("Sunday, 06-Nov-94 08:49:37 GMT", 784_111_777),
        ("Sun Nov  6 08:49:37 1994", 784_111_777),
        ("Sun Nov 06 08:49:37 1994", 784_111_777),
        ("Sun, 6 Nov 1994 08:49:37 GMT", 784_111_777),
        ("Thu, 01 Jan 1970 00:00:00 GMT", 0),
        ("Wed, 31 Dec 1969 23:59:59 GMT", -1),
        ("Tue, 29 Feb 2000 00:00:00 GMT", 951_782_400),
        ("Mon, 01 Jan 0001 00:00:00 GMT", YEAR_0001),
        ("Fri, 31 Dec 9999 23:59:59 GMT", YEAR_9999_END),
        // RFC 850 two-digit years: 00-49 are 20xx.
        ("Tuesday, 29-Feb-00 00:00:00 GMT", 951_782_400),
    ];
    for &(text, secs) in cases {
        assert_eq!(DateTime::parse_http_date(text), Ok(dt(secs, 0)), "{text}");
        assert_eq!(
            DateTime::parse_any(text),
            Ok(dt(secs, 0)),
            "{text} (parse_any)"
        );
    }
}

#[test]
fn http_date_format_table() {
    let cases: &[(i64, u32, &str)] = &[
        (1_398_796_238, 0, "Tue, 29 Apr 2014 18:30:38 GMT"), // Smithy spec example
        (784_111_777, 0, "Sun, 06 Nov 1994 08:49:37 GMT"),   // RFC 9110 example
        // The fraction is dropped: http-date has whole seconds.
        (784_111_777, 999_999_999, "Sun, 06 Nov 1994 08:49:37 GMT"),
        (0, 0, "Thu, 01 Jan 1970 00:00:00 GMT"),
        (-1, 500_000_000, "Wed, 31 Dec 1969 23:59:59 GMT"),
        (YEAR_0001, 0, "Mon, 01 Jan 0001 00:00:00 GMT"),
        (YEAR_9999_END, 0, "Fri, 31 Dec 9999 23:59:59 GMT"),
    ];
    for &(secs, nanos, expected) in cases {
        assert_eq!(dt(secs, nanos).to_http_date_string(), expected);
        let mut out = String::from("x");
        dt(secs, nanos).fmt_http_date(&mut out);
        assert_eq!(out, format!("x{expected}"));
    }
}

#[test]
fn http_date_errors() {
    let cases: &[(&str, &str)] = &[
        ("", "empty input"),
        ("Sun", "expected a day name followed by ',' or ' '"),
        ("Sun, 06 Nov 1994", "expected ' ' after the year"),
        (
            "Sun, 06 Nov 1994 08:49:37",
            "expected ' GMT' after the time",
        ),
        (
            "Sun, 06 Nov 1994 08:49:37 gmt",
            "expected ' GMT' after the time",
        ),
        (
            "Sun, 06 Nov 1994 08:49:37 UTC",
            "expected ' GMT' after the time",
        ),
        (
            "Sun, 06 Nov 1994 08:49:37 +0000",
            "expected ' GMT' after the time",
        ),
        (
            "Sun, 06 Nov 1994 08:49:37.123 GMT",
            "fractional seconds are not allowed",
        ),
        (
            "Sun, 06 Nov 1994 08:49:37 GMT ",
            "unexpected characters after the timestamp",
        ),
        (
            "Mon, 06 Nov 1994 08:49:37 GMT",
            "the day name does not match the date",
        ),
        (
            "Sunday, 06 Nov 1994 08:49:37 GMT",
            "expected a day name (Mon-Sun)",
        ),
        (
            "Sun, 06-Nov-94 08:49:37 GMT",
            "expected a day name (Monday-Sunday)",
        ),
        (
            "Monday, 06-Nov-94 08:49:37 GMT",
            "the day name does not match the date",
        ),
        (
            "sun, 06 Nov 1994 08:49:37 GMT",
            "expected a day name (Mon-Sun)",
        ),
        (
            "Foo, 06 Nov 1994 08:49:37 GMT",
            "expected a day name (Mon-Sun)",
        ),
        ("Sun, 06 Foo 1994 08:49:37 GMT", "expected a month name"),
        ("Sun, 06 nov 1994 08:49:37 GMT", "expected a month name"),
        (
            "Sun, 32 Nov 1994 08:49:37 GMT",
            "day is out of range for the month",
        ),
        (
            "Sun, 31 Nov 1994 08:49:37 GMT",
            "day is out of range for the month",
        ),
        (
            "Sun, 00 Nov 1994 08:49:37 GMT",
            "day is out of range for the month",
        ),
        (
            "Sun, 29 Feb 1900 08:49:37 GMT",
            "day is out of range for the month",
        ),
        ("Sun, 06 Nov 1994 24:49:37 GMT", "hour is out of range"),
        ("Sun, 06 Nov 1994 25:49:37 GMT", "hour is out of range"),
        ("Sun, 06 Nov 1994 08:60:37 GMT", "minute is out of range"),
        (
            "Sun, 06 Nov 1994 08:49:60 GMT",
            "second is out of range (00-59)",
        ),
        ("Sun, 06 Nov 94 08:49:37 GMT", "expected a 4-digit year"),
        (
            "Sun, 06 Nov 19945 08:49:37 GMT",
            "expected ' ' after the year",
        ),
        (
            "Sun, 006 Nov 1994 08:49:37 GMT",
            "expected ' ' or '-' after the day",
        ),
        (
            "Sunday, 06-Nov-1994 08:49:37 GMT",
            "expected ' ' after the year",
        ),
        (
            "Sun Nov  6 08:49:37 1994 GMT",
            "unexpected characters after the timestamp",
        ),
        (
            "Sun Nov  6 08:49:37.5 1994",
            "fractional seconds are not allowed",
        ),
        (
            "2015-01-25T08:00:00Z",
            "expected a day name followed by ',' or ' '",
        ),
        (
            "Ｓun, 06 Nov 1994 08:49:37 GMT",
            "expected a day name followed by",
        ),
    ];
    for &(text, reason) in cases {
        let msg = DateTime::parse_http_date(text).expect_err(text).to_string();
        assert!(
            msg.starts_with("invalid http-date timestamp: ") && msg.contains(reason),
            "{text:?}: got {msg:?}, expected it to mention {reason:?}"
        );
    }
}

#[test]
fn http_date_every_truncation_is_an_error() {
    for full in [
        "Sun, 06 Nov 1994 08:49:37 GMT",
        "Sunday, 06-Nov-94 08:49:37 GMT",
        "Sun Nov  6 08:49:37 1994",
    ] {
        assert!(DateTime::parse_http_date(full).is_ok());
        for end in 0..full.len() {
            assert!(
                DateTime::parse_http_date(&full[..end]).is_err(),
                "{:?}",
                &full[..end]
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// epoch-seconds

#[test]
fn epoch_seconds_parse_table() {
    let cases: &[(&str, i64, u32)] = &[
        ("0", 0, 0),
        ("-0", 0, 0),
        ("+0", 0, 0),
        ("1398796238", 1_398_796_238, 0),
        ("1398796238.123", 1_398_796_238, 123_000_000),
        ("1515531081.123", 1_515_531_081, 123_000_000), // Smithy spec example
        ("1398796238.000", 1_398_796_238, 0),
        ("001398796238", 1_398_796_238, 0),
        ("1.398796238E9", 1_398_796_238, 0),
        ("1.398796238e+9", 1_398_796_238, 0),
        ("1.4e9", 1_400_000_000, 0),
        ("14e8", 1_400_000_000, 0),
        ("14000000000e-1", 1_400_000_000, 0),
        ("1.5", 1, 500_000_000),
        ("-1.5", -2, 500_000_000),
        ("-1", -1, 0),
        ("-0.5", -1, 500_000_000),
        ("-0.000000001", -1, 999_999_999),
        ("1e-9", 0, 1),
        ("1E-9", 0, 1),
        ("5e-1", 0, 500_000_000),
        ("123456789e-9", 0, 123_456_789),
        ("0.123456789", 0, 123_456_789),
        // Digits beyond nanoseconds are truncated toward the past.
        ("0.1234567899", 0, 123_456_789),
        ("-0.1234567891", -1, 876_543_210),
        ("-0.1234567890000", -1, 876_543_211),
        ("1e-10", 0, 0),
        ("-1e-10", -1, 999_999_999),
        ("1e-1000000000000", 0, 0),
        ("0e1000000000000000000000", 0, 0),
        ("0.0e-99999999999999999999", 0, 0),
        // The whole i64 range.
        ("9223372036854775807", i64::MAX, 0),
        ("9223372036854775807.999999999", i64::MAX, 999_999_999),
        ("-9223372036854775808", i64::MIN, 0),
        ("-9223372036854775807.5", i64::MIN, 500_000_000),
        ("9.223372036854775807e18", i64::MAX, 0),
    ];
    for &(text, secs, nanos) in cases {
        assert_eq!(
            DateTime::parse_epoch_seconds(text),
            Ok(dt(secs, nanos)),
            "{text}"
        );
        assert_eq!(
            DateTime::parse_any(text),
            Ok(dt(secs, nanos)),
            "{text} (parse_any)"
        );
    }
}

#[test]
fn epoch_seconds_format_table() {
    let cases: &[(i64, u32, &str)] = &[
        (0, 0, "0"),
        (1_422_172_800, 0, "1422172800"),
        (1_515_531_081, 123_000_000, "1515531081.123"), // Smithy spec example
        (1_515_531_081, 120_000_000, "1515531081.12"),
        (1_515_531_081, 100_000_000, "1515531081.1"),
        (1_515_531_081, 1_000_000, "1515531081.001"),
        (1_718_451_000, 500_000_000, "1718451000.5"),
        // Finer than milliseconds is truncated toward the past.
        (1_515_531_081, 123_999_999, "1515531081.123"),
        (1_515_531_081, 999_999, "1515531081"),
        (-1, 0, "-1"),
        (-2, 500_000_000, "-1.5"),
        (-1, 500_000_000, "-0.5"),
        (-1, 750_000_000, "-0.25"),
        (-1, 999_000_000, "-0.001"),
        (-1, 999_999_999, "-0.001"),
        (-1, 1_000_000, "-0.999"),
        (-1, 999_999, "-1"),
        (i64::MAX, 0, "9223372036854775807"),
        (i64::MAX, 999_999_999, "9223372036854775807.999"),
        (i64::MIN, 0, "-9223372036854775808"),
        (i64::MIN, 500_000_000, "-9223372036854775807.5"),
    ];
    for &(secs, nanos, expected) in cases {
        assert_eq!(dt(secs, nanos).to_epoch_seconds_string(), expected);
        let mut out = String::from("x=");
        dt(secs, nanos).fmt_epoch_seconds(&mut out);
        assert_eq!(out, format!("x={expected}"));
    }
}

#[test]
fn epoch_seconds_errors() {
    let cases: &[(&str, &str)] = &[
        ("", "empty input"),
        ("-", "expected a digit"),
        ("+", "expected a digit"),
        ("--1", "expected a digit"),
        (".5", "expected a digit"),
        ("1.", "expected digits after '.'"),
        ("1.e5", "expected digits after '.'"),
        ("1e", "expected digits in the exponent"),
        ("1e+", "expected digits in the exponent"),
        ("1.5.5", "unexpected characters after the number"),
        (" 1", "expected a digit"),
        ("1 ", "unexpected characters after the number"),
        ("1_000", "unexpected characters after the number"),
        ("0x10", "unexpected characters after the number"),
        ("NaN", "expected a digit"),
        ("Infinity", "expected a digit"),
        ("-inf", "expected a digit"),
        ("1e5e5", "unexpected characters after the number"),
        ("١٢٣", "expected a digit"),
        ("9223372036854775808", "out of range"),
        ("-9223372036854775809", "out of range"),
        ("-9223372036854775808.5", "out of range"),
        ("99999999999999999999", "out of range"),
        ("1e19", "out of range"),
        ("1e1000000000000000000000", "out of range"),
    ];
    for &(text, reason) in cases {
        let msg = DateTime::parse_epoch_seconds(text)
            .expect_err(text)
            .to_string();
        assert!(
            msg.starts_with("invalid epoch-seconds timestamp: ") && msg.contains(reason),
            "{text:?}: got {msg:?}, expected it to mention {reason:?}"
        );
    }
}

#[test]
fn epoch_seconds_overlong_input() {
    let many_zeros = format!("0.{}1", "0".repeat(100_000));
    assert_eq!(DateTime::parse_epoch_seconds(&many_zeros), Ok(dt(0, 0)));
    let negative = format!("-{many_zeros}");
    assert_eq!(
        DateTime::parse_epoch_seconds(&negative),
        Ok(dt(-1, 999_999_999))
    );
    let leading = format!("{}1422172800", "0".repeat(100_000));
    assert_eq!(
        DateTime::parse_epoch_seconds(&leading),
        Ok(dt(1_422_172_800, 0))
    );
    let huge = "9".repeat(100_000);
    assert!(DateTime::parse_epoch_seconds(&huge).is_err());
}

// ---------------------------------------------------------------------------------------------
// Constructors, accessors, conversions

#[test]
fn constructors_and_accessors() {
    assert_eq!(DateTime::UNIX_EPOCH, DateTime::from_secs(0));
    assert_eq!(
        DateTime::from_secs_and_nanos(1, 999_999_999).map(|t| t.subsec_nanos()),
        Some(999_999_999)
    );
    assert_eq!(DateTime::from_secs_and_nanos(1, 1_000_000_000), None);
    assert_eq!(DateTime::from_secs(5).with_subsec_nanos(7), Some(dt(5, 7)));
    assert_eq!(DateTime::from_secs(5).with_subsec_nanos(u32::MAX), None);

    assert_eq!(DateTime::from_millis(1_500), dt(1, 500_000_000));
    assert_eq!(DateTime::from_millis(-1_500), dt(-2, 500_000_000));
    assert_eq!(DateTime::from_millis(-1), dt(-1, 999_000_000));
    assert_eq!(DateTime::from_millis(i64::MIN).secs(), i64::MIN / 1000 - 1);
    assert_eq!(DateTime::from_millis(i64::MAX).secs(), i64::MAX / 1000);

    assert_eq!(dt(-2, 500_000_000).as_secs_f64(), -1.5);
    assert_eq!(dt(946_845_296, 123_000_000).as_secs_f64(), 946_845_296.123);

    assert_eq!(DateTime::from_secs_f64(-1.5), Some(dt(-2, 500_000_000)));
    assert_eq!(DateTime::from_secs_f64(-0.0), Some(dt(0, 0)));
    assert_eq!(DateTime::from_secs_f64(5e-324), Some(dt(0, 0)));
    assert_eq!(DateTime::from_secs_f64(-5e-324), Some(dt(-1, 999_999_999)));
    assert_eq!(DateTime::from_secs_f64(f64::NAN), None);
    assert_eq!(DateTime::from_secs_f64(f64::INFINITY), None);
    assert_eq!(DateTime::from_secs_f64(f64::NEG_INFINITY), None);
    assert_eq!(DateTime::from_secs_f64(1e19), None);
    assert_eq!(DateTime::from_secs_f64(-1e19), None);
    assert_eq!(DateTime::from_secs_f64(f64::MAX), None);
    assert_eq!(
        DateTime::from_secs_f64(9e18),
        Some(dt(9_000_000_000_000_000_000, 0))
    );

    assert_eq!(
        DateTime::from_ymd_hms(2000, 1, 2, 20, 34, 56),
        Some(DateTime::from_secs(946_845_296))
    );
    assert_eq!(
        DateTime::from_ymd_hms(1, 1, 1, 0, 0, 0),
        Some(DateTime::from_secs(YEAR_0001))
    );
    assert_eq!(
        DateTime::from_ymd_hms(0, 1, 1, 0, 0, 0),
        Some(DateTime::from_secs(YEAR_0000))
    );
    assert_eq!(DateTime::from_ymd_hms(2015, 2, 29, 0, 0, 0), None);
    assert_eq!(DateTime::from_ymd_hms(2015, 13, 1, 0, 0, 0), None);
    assert_eq!(DateTime::from_ymd_hms(2015, 0, 1, 0, 0, 0), None);
    assert_eq!(DateTime::from_ymd_hms(2015, 1, 0, 0, 0, 0), None);
    assert_eq!(DateTime::from_ymd_hms(2015, 1, 1, 24, 0, 0), None);
    assert_eq!(DateTime::from_ymd_hms(2015, 1, 1, 0, 60, 0), None);
    assert_eq!(DateTime::from_ymd_hms(2015, 1, 1, 0, 0, 60), None);
    assert!(DateTime::from_ymd_hms(i32::MIN, 1, 1, 0, 0, 0).is_some());
    assert!(DateTime::from_ymd_hms(i32::MAX, 12, 31, 23, 59, 59).is_some());

    assert_eq!(
        DateTime::from_secs(946_845_296).to_ymd_hms(),
        (2000, 1, 2, 20, 34, 56)
    );
    assert_eq!(
        DateTime::from_secs(-1).to_ymd_hms(),
        (1969, 12, 31, 23, 59, 59)
    );
    assert_eq!(
        DateTime::from_secs(YEAR_0000 - 1).to_ymd_hms(),
        (-1, 12, 31, 23, 59, 59)
    );
}

#[test]
fn ordering_is_chronological() {
    let mut v = vec![
        dt(1, 0),
        dt(-1, 500_000_000),
        dt(-2, 999_999_999),
        dt(0, 1),
        dt(-1, 0),
    ];
    v.sort();
    assert_eq!(
        v,
        [
            dt(-2, 999_999_999),
            dt(-1, 0),
            dt(-1, 500_000_000),
            dt(0, 1),
            dt(1, 0)
        ]
    );
}

#[test]
fn system_time_conversions() {
    let cases = [
        (UNIX_EPOCH, dt(0, 0)),
        (
            UNIX_EPOCH + Duration::new(946_845_296, 123),
            dt(946_845_296, 123),
        ),
        (
            UNIX_EPOCH - Duration::new(1, 500_000_000),
            dt(-2, 500_000_000),
        ),
        (UNIX_EPOCH - Duration::new(1, 0), dt(-1, 0)),
        (UNIX_EPOCH - Duration::from_nanos(1), dt(-1, 999_999_999)),
    ];
    for (system, ours) in cases {
        assert_eq!(DateTime::try_from(system), Ok(ours));
        assert_eq!(SystemTime::try_from(ours), Ok(system));
    }
    let now = SystemTime::now();
    assert_eq!(
        SystemTime::try_from(DateTime::try_from(now).unwrap()),
        Ok(now)
    );
    // Extreme instants are either converted or rejected, never a panic.
    for secs in [i64::MIN, i64::MIN + 1, i64::MAX] {
        for nanos in [0, 999_999_999] {
            if let Ok(system) = SystemTime::try_from(dt(secs, nanos)) {
                assert_eq!(DateTime::try_from(system), Ok(dt(secs, nanos)));
            }
        }
    }
}

#[test]
fn error_is_a_std_error() {
    let err: Box<dyn std::error::Error + Send + Sync> =
        Box::new(DateTime::parse_date_time("2015-02-30T00:00:00Z").unwrap_err());
    assert_eq!(
        err.to_string(),
        "invalid date-time timestamp: day is out of range for the month"
    );
}

// ---------------------------------------------------------------------------------------------
// serde

#[cfg(feature = "serde")]
mod serde_impls {
    use super::dt;
    use awsgen_runtime::timestamp::DateTime;

    #[test]
    fn serializes_as_rfc3339_string() {
        assert_eq!(
            serde_json::to_string(&dt(946_845_296, 0)).unwrap(),
            r#""2000-01-02T20:34:56Z""#
        );
        assert_eq!(
            serde_json::to_string(&dt(1_482_359_044, 955_000_000)).unwrap(),
            r#""2016-12-21T22:24:04.955Z""#
        );
    }

    /// The serde form keeps every significant digit (the wire formats keep milliseconds):
    /// a parsed response serialized and read back is the same instant.
    #[test]
    fn serde_keeps_every_fraction_digit() {
        // 2007-01-01T09:27:08Z is 1,167,643,628 s after the epoch (Python's calendar.timegm).
        let t = DateTime::parse_date_time("2007-01-01T09:27:08.566973Z").unwrap();
        assert_eq!(t, dt(1_167_643_628, 566_973_000));
        let json = serde_json::to_string(&t).unwrap();
        assert_eq!(json, r#""2007-01-01T09:27:08.566973Z""#);
        assert_eq!(serde_json::from_str::<DateTime>(&json).unwrap(), t);
        assert_eq!(t.to_date_time_string(), "2007-01-01T09:27:08.566Z");
        for (secs, nanos, text) in [
            (0, 1, r#""1970-01-01T00:00:00.000000001Z""#),
            (0, 100_000_000, r#""1970-01-01T00:00:00.1Z""#),
            (0, 999_999_999, r#""1970-01-01T00:00:00.999999999Z""#),
            (-2, 500_000_000, r#""1969-12-31T23:59:58.5Z""#),
            (0, 0, r#""1970-01-01T00:00:00Z""#),
        ] {
            let t = dt(secs, nanos);
            assert_eq!(serde_json::to_string(&t).unwrap(), text);
            assert_eq!(serde_json::from_str::<DateTime>(text).unwrap(), t, "{text}");
        }
    }

    #[test]
    fn deserializes_botocore_style_params() {
        #[derive(serde::Deserialize, Debug, PartialEq)]
        #[serde(rename_all = "PascalCase")]
        struct Snapshot {
            cache_cluster_create_time: DateTime,
        }
        let s: Snapshot =
            serde_json::from_str(r#"{"CacheClusterCreateTime": "2016-12-21T22:24:04.955Z"}"#)
                .unwrap();
        assert_eq!(s.cache_cluster_create_time, dt(1_482_359_044, 955_000_000));
    }

    #[test]
    fn deserializes_numbers_and_strings() {
        let cases: &[(&str, i64, u32)] = &[
            ("946845296", 946_845_296, 0), // output/json.json parses_timestamp_shapes
            ("1398796238", 1_398_796_238, 0), // AwsJson11DeserializeTimestampUnionValue
            ("946845296.123", 946_845_296, 123_000_000), // FractionalSeconds results
            ("9.46845296123E8", 946_845_296, 123_000_000), // the same, as the suites write it
            ("1.612345678123E9", 1_612_345_678, 123_000_000), // wire-facts.md
            ("-1", -1, 0),
            ("-1.5", -2, 500_000_000),
            ("9223372036854775807", i64::MAX, 0),
            (r#""2000-01-02T20:34:56Z""#, 946_845_296, 0),
            (r#""2019-12-16T22:48:18-01:00""#, 1_576_540_098, 0),
            (r#""Tue, 29 Apr 2014 18:30:38 GMT""#, 1_398_796_238, 0),
            (r#""1398796238""#, 1_398_796_238, 0),
        ];
        for &(json, secs, nanos) in cases {
            assert_eq!(
                serde_json::from_str::<DateTime>(json).unwrap(),
                dt(secs, nanos),
                "{json}"
            );
        }
    }

    #[test]
    fn rejects_bad_values() {
        for json in [
            r#""2015-02-30T00:00:00Z""#,
            r#""""#,
            "18446744073709551615",
            "1e300",
            "true",
            "null",
            "[]",
            "{}",
        ] {
            let err = serde_json::from_str::<DateTime>(json).expect_err(json);
            assert!(!err.to_string().is_empty());
        }
        let err = serde_json::from_str::<DateTime>(r#""2015-02-30T00:00:00Z""#).unwrap_err();
        assert!(err.to_string().contains("day is out of range"), "{err}");
    }

    #[test]
    fn round_trips() {
        for t in [
            dt(0, 0),
            dt(-1, 500_000_000),
            dt(1_482_359_044, 955_000_000),
        ] {
            let json = serde_json::to_string(&t).unwrap();
            assert_eq!(serde_json::from_str::<DateTime>(&json).unwrap(), t);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Properties

fn truncate_to_millis(t: DateTime) -> DateTime {
    dt(t.secs(), t.subsec_nanos() / 1_000_000 * 1_000_000)
}

/// Instants in years 0000-9999 (UTC), the range of the text formats.
fn in_range() -> impl Strategy<Value = DateTime> {
    (YEAR_0000..=YEAR_9999_END, 0..1_000_000_000u32).prop_map(|(s, n)| dt(s, n))
}

fn any_instant() -> impl Strategy<Value = DateTime> {
    (any::<i64>(), 0..1_000_000_000u32).prop_map(|(s, n)| dt(s, n))
}

/// Strings built from the characters timestamps are made of, to get deep into the parsers.
fn timestamp_like() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9TtZz:.+\\- eE]{0,40}",
        "[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{0,12})?([Zz]|[+-][0-9]{2}:?[0-9]{2})?",
        "(Mon|Tue|Wed|Thu|Fri|Sat|Sun|Sunday|Monday)[, ]{1,2}[0-9]{1,3}[ -](Jan|Feb|Nov|Dec|Foo)[ -][0-9]{1,5} [0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9])?( GMT| [0-9]{4})?",
        "[+-]?[0-9]{0,25}(\\.[0-9]{0,25})?([eE][+-]?[0-9]{0,25})?",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn parsers_never_panic_on_arbitrary_strings(s in any::<String>()) {
        let _ = DateTime::parse_date_time(&s);
        let _ = DateTime::parse_http_date(&s);
        let _ = DateTime::parse_epoch_seconds(&s);
        let _ = DateTime::parse_any(&s);
    }

    #[test]
    fn parsers_never_panic_on_timestamp_like_strings(s in timestamp_like()) {
        let _ = DateTime::parse_date_time(&s);
        let _ = DateTime::parse_http_date(&s);
        let _ = DateTime::parse_epoch_seconds(&s);
        let _ = DateTime::parse_any(&s);
    }

    #[test]
    fn date_time_round_trip(t in in_range()) {
        let text = t.to_date_time_string();
        prop_assert_eq!(DateTime::parse_date_time(&text), Ok(truncate_to_millis(t)));
        prop_assert_eq!(DateTime::parse_any(&text), Ok(truncate_to_millis(t)));
    }

    #[test]
    fn http_date_round_trip(t in in_range()) {
        let text = t.to_http_date_string();
        prop_assert_eq!(DateTime::parse_http_date(&text), Ok(DateTime::from_secs(t.secs())));
        prop_assert_eq!(DateTime::parse_any(&text), Ok(DateTime::from_secs(t.secs())));
    }

    #[test]
    fn epoch_seconds_round_trip(t in any_instant()) {
        let text = t.to_epoch_seconds_string();
        prop_assert_eq!(DateTime::parse_epoch_seconds(&text), Ok(truncate_to_millis(t)));
        prop_assert_eq!(DateTime::parse_any(&text), Ok(truncate_to_millis(t)));
    }

    #[test]
    fn exact_epoch_seconds_round_trip_through_nanosecond_text(t in any_instant()) {
        // A nine-digit fraction is read exactly, whatever the sign.
        let v = i128::from(t.secs()) * 1_000_000_000 + i128::from(t.subsec_nanos());
        let text = format!(
            "{}{}.{:09}",
            if v < 0 { "-" } else { "" },
            v.unsigned_abs() / 1_000_000_000,
            v.unsigned_abs() % 1_000_000_000
        );
        prop_assert_eq!(DateTime::parse_epoch_seconds(&text), Ok(t));
    }

    #[test]
    fn formatters_never_panic(t in any_instant()) {
        let mut out = String::new();
        t.fmt_date_time(&mut out);
        t.fmt_http_date(&mut out);
        t.fmt_epoch_seconds(&mut out);
        let _ = t.to_ymd_hms();
        let _ = t.as_secs_f64();
        let _ = SystemTime::try_from(t);
    }

    #[test]
    fn from_secs_f64_never_panics_and_is_close(f in any::<f64>()) {
        if let Some(t) = DateTime::from_secs_f64(f) {
            prop_assert!(f.is_finite());
            let back = t.as_secs_f64();
            prop_assert!((back - f).abs() <= f.abs() * 1e-15 + 1e-9, "{} vs {}", f, back);
        }
    }

    #[test]
    fn ymd_hms_round_trip(t in in_range()) {
        let (y, mo, d, h, mi, s) = t.to_ymd_hms();
        let back = DateTime::from_ymd_hms(i32::try_from(y).unwrap(), mo, d, h, mi, s);
        prop_assert_eq!(back, Some(DateTime::from_secs(t.secs())));
    }

    #[test]
    fn consecutive_days_are_consecutive_dates(day in -4_000_000i64..4_000_000) {
        // Independent of the civil algorithm: walk one day forward by the calendar rules.
        let (y, m, d, ..) = DateTime::from_secs(day * 86_400).to_ymd_hms();
        let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
        let len = match m { 4 | 6 | 9 | 11 => 30, 2 if leap => 29, 2 => 28, _ => 31 };
        let expected = if d < len { (y, m, d + 1) } else if m < 12 { (y, m + 1, 1) } else { (y + 1, 1, 1) };
        let (y2, m2, d2, ..) = DateTime::from_secs((day + 1) * 86_400).to_ymd_hms();
        prop_assert_eq!((y2, m2, d2), expected);
    }
}
