//! Hygiene of generated code: nothing in it may panic on what comes off the wire. The test
//! parses the generated sources of the whole ElastiCache and MemoryDB crates (MemoryDB in
//! both awsJson and RPC v2 CBOR), every fixture model, and the conformance package (every protocol suite's model plus `CopySnapshot` of both
//! services) and the runtime crate they depend on (`runtime/src`, unit tests left out), and
//! walks their syntax trees for the constructs that
//! can panic: `.unwrap()`, `.expect(…)`, `panic!`, `unreachable!`, `todo!`, `unimplemented!`,
//! `assert!`-family macros, indexing and slicing (`a[i]`, `a[i..j]`), and numeric `as` casts
//! (which truncate or saturate silently). Each use found must be on the allow-list below, which
//! says why it cannot fail (or why it does not touch wire data); an allow-list entry nothing
//! matches any more fails the test too, so the list stays exact.
//!
//! What a syntax scan cannot see (arithmetic overflow, division by zero, panics inside
//! dependencies) is the fuzz targets' and property tests' job: they run with overflow checks
//! on (`fuzz/`, `parser_properties.rs`).

use std::collections::{BTreeMap, BTreeSet};

use awsgen_codegen::ir::{Protocol, Selection};
use awsgen_codegen::{CrateInput, ServiceInput};
use quote::ToTokens;
use syn::visit::Visit;

/// `(function, construct, why it cannot panic on wire data)`. `function` is the innermost
/// named function (`module::function` for runtime modules, by file: `runtime::json` is
/// `runtime/src/json.rs` or `runtime/src/json/mod.rs`); `construct` is the
/// finding as tokens, spaces removed.
///
/// Only the hand-written runtime modules have any: the per-shape generated code has none at
/// all. Most are in writers (request side: the input is the caller's typed value, not wire
/// data); the ones on the read side are bounded by a check on the line before or by
/// construction, as each reason says.
const ALLOWED: &[(&str, &str, &str)] = &[
    // streaming bodies and aws-chunked uploads (request side)
    (
        "runtime::aws_chunked::encoded_length",
        "\";chunk-signature=\".len()asu64",
        "writer; a 17-byte literal's length",
    ),
    (
        "runtime::aws_chunked::encoded_length",
        "format!(\"{n:x}\").len()asu64",
        "writer; the hex digits of a u64, at most 16",
    ),
    (
        "runtime::aws_chunked::encoded_length_with_trailer",
        "\";chunk-signature=\".len()asu64",
        "writer; a 17-byte literal's length",
    ),
    (
        "runtime::aws_chunked::encoded_length_with_trailer",
        "\"x-amz-trailer-signature:\".len()asu64",
        "writer; a 24-byte literal's length",
    ),
    (
        "runtime::aws_chunked::encoded_length_with_trailer",
        "format!(\"{n:x}\").len()asu64",
        "writer; the hex digits of a u64, at most 16",
    ),
    (
        "runtime::aws_chunked::encoded_length_with_trailer",
        "name.len()asu64",
        "writer; a header name's length (usize fits u64 on every supported target)",
    ),
    (
        "runtime::byte_stream::length",
        "b.len()asu64",
        "usize fits u64 on every supported target",
    ),
    (
        "runtime::byte_stream::next_chunk",
        "unreachable!",
        "self.0 is made Inner::Source on the lines just above when it was not one",
    ),
    (
        "runtime::byte_stream::read_chunk",
        "chunk[filled..]",
        "filled < CHUNK_SIZE = chunk.len() (the loop's condition)",
    ),
    (
        "runtime::upload_body::poll_next",
        "chunk.len()asu64",
        "usize fits u64 on every supported target",
    ),
    (
        "runtime::upload_body::push",
        "CHUNK_SIZEasusize",
        "writer; a 64 KiB constant",
    ),
    // checksums
    (
        "runtime::checksum::crc64",
        "iasu64",
        "const table construction; i < 256",
    ),
    (
        "runtime::checksum::crc64",
        "table[i]",
        "const table construction; i < 256 = table.len() (the loop's condition)",
    ),
    (
        "runtime::checksum::crc64::update",
        "TABLE[index]",
        "index is a usize from a u8, < 256 = TABLE.len()",
    ),
    (
        "runtime::checksum::crc64::update",
        "crc.to_le_bytes()[0]",
        "a u64's bytes are an array of 8",
    ),
    // cbor
    (
        "runtime::cbor::writer::begin_array",
        "lenasu64",
        "writer; usize fits u64 on every supported target",
    ),
    (
        "runtime::cbor::writer::begin_map",
        "lenasu64",
        "writer; usize fits u64 on every supported target",
    ),
    (
        "runtime::cbor::reader::f32",
        "valueasf32",
        "rounds f64 to f32 (the documented conversion); a finite value that overflows is rejected right after",
    ),
    (
        "runtime::cbor::reader::f64",
        "i128::from(int)asf64",
        "an integer read for a double rounds to nearest; |int| < 2^65, far inside f64's range",
    ),
    // document
    (
        "runtime::document::as_f64",
        "vasf64",
        "a document number as f64 on request of the caller; rounds to nearest",
    ),
    // json
    (
        "runtime::json::reader::f32",
        "specialasf32",
        "NaN and the infinities convert exactly",
    ),
    (
        "runtime::json::reader::plain_run_end",
        "(hits.trailing_zeros()/8)asusize",
        "trailing_zeros of a u64 is at most 64, so the value is at most 8",
    ),
    (
        "runtime::json::writer::push_string",
        "HEX[usize::from(b>>4)]",
        "writer; b < 0x20 here, so b >> 4 < 16 = HEX.len()",
    ),
    (
        "runtime::json::writer::push_string",
        "HEX[usize::from(b&0xf)]",
        "writer; a nibble is < 16 = HEX.len()",
    ),
    (
        "runtime::json::writer::push_uint",
        "(value%10)asu8",
        "writer; a decimal digit",
    ),
    (
        "runtime::json::writer::push_uint",
        "digits[start]",
        "writer; start counts down from 20 and a u64 has at most 20 digits",
    ),
    (
        "runtime::json::writer::push_uint",
        "digits[start..]",
        "writer; start <= 20 = digits.len()",
    ),
    // query (all request side)
    (
        "runtime::query::writer::index",
        "positionasu64",
        "writer; usize fits u64 on every supported target",
    ),
    (
        "runtime::query::encode::push_decimal",
        "(value%10)asu8",
        "writer; a decimal digit",
    ),
    (
        "runtime::query::encode::push_decimal",
        "digits[start]",
        "writer; start counts down from 20 and a u64 has at most 20 digits",
    ),
    (
        "runtime::query::encode::push_decimal",
        "digits[start..]",
        "writer; start <= 20 = digits.len()",
    ),
    (
        "runtime::query::encode::push_encoded",
        "UNRESERVED[usize::from(b)]",
        "writer; a byte indexes a 256-entry table",
    ),
    (
        "runtime::query::encode::push_encoded",
        "HEX[usize::from(b>>4)]",
        "writer; b >> 4 < 16 = HEX.len()",
    ),
    (
        "runtime::query::encode::push_encoded",
        "HEX[usize::from(b&0xf)]",
        "writer; a nibble is < 16 = HEX.len()",
    ),
    (
        "runtime::query::encode::push_encoded",
        "bytes[run..i]",
        "writer; run <= i < bytes.len() (i enumerates bytes, run is a previous i + 1)",
    ),
    (
        "runtime::query::encode::push_encoded",
        "bytes[run..]",
        "writer; run <= bytes.len()",
    ),
    (
        "runtime::query::encode::push_python_float",
        "[][..]",
        "an empty slice",
    ),
    (
        "runtime::query::encode::push_python_float",
        "point.unsigned_abs()asusize",
        "writer; point is in -3..=0 here",
    ),
    (
        "runtime::query::encode::push_python_float",
        "pointasusize",
        "writer; point is in 1..=16 here",
    ),
    (
        "runtime::query::encode::push_python_float",
        "digits[..point]",
        "writer; point < digits.len() is checked just before",
    ),
    (
        "runtime::query::encode::push_python_float",
        "digits[point..]",
        "writer; point < digits.len() is checked just before",
    ),
    (
        "runtime::query::encode::unreserved_table",
        "basu8",
        "const table construction; b < 256",
    ),
    (
        "runtime::query::encode::unreserved_table",
        "table[b]",
        "const table construction; b < 256 = table.len()",
    ),
    // serde_support (the optional serde feature: the user's own (de)serialization, not the wire)
    (
        "runtime::serde_support::from_f64",
        "valueasf32",
        "serde feature, not the wire path; rounds as serde_json's own f32 does",
    ),
    (
        "runtime::serde_support::visit_i64",
        "vasf64",
        "serde feature, not the wire path; rounds to nearest",
    ),
    (
        "runtime::serde_support::visit_u64",
        "vasf64",
        "serde feature, not the wire path; rounds to nearest",
    ),
    // sigv4 (the optional client's signer: request side only)
    (
        "runtime::event_stream::signer::sign_payload",
        "unreachable!",
        "HMAC takes keys of any length, so `new_from_slice` cannot fail; the key is derived from the caller's secret, never wire data (scanned since the runtime is scanned as a crate: no generated crate carried this module)",
    ),
    (
        "runtime::sigv4::key::new_mac",
        "unreachable!",
        "HMAC takes keys of any length, so `new_from_slice` cannot fail; the key is ours (the secret or a previous HMAC), never wire data",
    ),
    (
        "runtime::sigv4::canonical::hex_into",
        "DIGITS[usize::from(byte>>4)]",
        "signer (request side); byte >> 4 < 16 = DIGITS.len()",
    ),
    (
        "runtime::sigv4::canonical::hex_into",
        "DIGITS[usize::from(byte&0xf)]",
        "signer (request side); a nibble is < 16 = DIGITS.len()",
    ),
    (
        "runtime::sigv4::canonical::encode_into",
        "DIGITS[usize::from(b>>4)]",
        "signer (request side); b >> 4 < 16 = DIGITS.len()",
    ),
    (
        "runtime::sigv4::canonical::encode_into",
        "DIGITS[usize::from(b&0xf)]",
        "signer (request side); a nibble is < 16 = DIGITS.len()",
    ),
    (
        "runtime::sigv4::canonical::encode_into",
        "bytes[start..i]",
        "signer (request side); start <= i < bytes.len() (i enumerates bytes, start is a previous i + 1)",
    ),
    (
        "runtime::sigv4::canonical::encode_into",
        "bytes[start..]",
        "signer (request side); start <= bytes.len()",
    ),
    // timestamp
    (
        "runtime::timestamp::parse::parse_any",
        "b[..4]",
        "b.len() > 4 is checked first in the same condition",
    ),
    (
        "runtime::timestamp::parse::parse_any",
        "b[4]",
        "b.len() > 4 is checked first in the same condition",
    ),
    (
        "runtime::timestamp::parse::parse_any",
        "b[0]",
        "b is not empty (the first branch)",
    ),
    (
        "runtime::timestamp::epoch::parse_decimal_seconds",
        "b[int]",
        "a range the cursor produced over b",
    ),
    (
        "runtime::timestamp::epoch::parse_decimal_seconds",
        "b[frac]",
        "a range the cursor produced over b",
    ),
    (
        "runtime::timestamp::epoch::parse_decimal_seconds",
        "b[digits]",
        "a range the cursor produced over b",
    ),
    (
        "runtime::timestamp::epoch::parse_decimal_seconds",
        "int[i]",
        "guarded by i < int.len()",
    ),
    (
        "runtime::timestamp::epoch::parse_decimal_seconds",
        "frac[i-int.len()]",
        "guarded by int.len() <= i < int.len() + frac.len()",
    ),
    (
        "runtime::timestamp::epoch::parse_decimal_seconds",
        "int.len()asi64",
        "a slice length is at most isize::MAX",
    ),
    (
        "runtime::timestamp::epoch::parse_decimal_seconds",
        "nasi64",
        "a sum of two slice lengths of one body, at most isize::MAX",
    ),
    (
        "runtime::timestamp::epoch::parse_decimal_seconds",
        "zerosasu32",
        "0 < zeros <= 19 is checked just before",
    ),
    (
        "runtime::timestamp::epoch::parse_decimal_seconds",
        "total.rem_euclid(i128::from(NANOS_PER_SEC))asu32",
        "rem_euclid gives 0..1e9",
    ),
    (
        "runtime::timestamp::parse::parse_http_date",
        "names[weekday(secs.div_euclid(SECS_PER_DAY))]",
        "weekday is in 0..7 and names has 7 entries",
    ),
    (
        "runtime::timestamp::parse::parse_month",
        "iasu32",
        "a position in the 12-entry month table",
    ),
    (
        "runtime::timestamp::calendar::civil_from_days",
        "(doy-(153*mp+2)/5+1)asu32",
        "the civil-from-days algorithm gives a day in 1..=31",
    ),
    (
        "runtime::timestamp::calendar::civil_from_days",
        "ifmp<10{mp+3}else{mp-9}asu32",
        "the civil-from-days algorithm gives a month in 1..=12",
    ),
    (
        "runtime::timestamp::calendar::weekday",
        "((days.rem_euclid(7)+4)%7)asusize",
        "in 0..7",
    ),
    (
        "runtime::timestamp::to_ymd_hms",
        "self.secs.rem_euclid(SECS_PER_DAY)asu32",
        "rem_euclid gives 0..86400",
    ),
    (
        "runtime::timestamp::from_millis",
        "millis.rem_euclid(1000)asu32",
        "rem_euclid gives 0..1000",
    ),
    (
        "runtime::waiter::count",
        "nasf64",
        "a count as a JMESPath number for waiter acceptors; exact below 2^53, which no count reaches",
    ),
    (
        "runtime::waiter::long",
        "vasf64",
        "a long as a JMESPath number for waiter acceptors; rounds to nearest (documented)",
    ),
    (
        "runtime::timestamp::as_secs_f64",
        "self.secsasf64",
        "rounds to nearest (documented); cannot fail",
    ),
    (
        "runtime::timestamp::format::as_bytes",
        "self.buf[..self.len]",
        "formatting buffer; its writer never lets len exceed the buffer",
    ),
    (
        "runtime::timestamp::format::write_year",
        "yearasu32",
        "writer; 0 <= year <= 9999 is checked just before",
    ),
    (
        "runtime::timestamp::format::write_digit",
        "(d%10)asu8",
        "writer; a decimal digit",
    ),
    (
        "runtime::timestamp::format::write_epoch_seconds",
        "digits[1]",
        "writer; a 3-entry array",
    ),
    (
        "runtime::timestamp::format::write_epoch_seconds",
        "digits[2]",
        "writer; a 3-entry array",
    ),
    (
        "runtime::timestamp::format::write_epoch_seconds",
        "digits[..len]",
        "writer; len is 1, 2 or 3",
    ),
    (
        "runtime::timestamp::format::write_http_date",
        "(month-1)asusize",
        "writer; month is in 1..=12",
    ),
    (
        "runtime::timestamp::format::write_http_date",
        "MONTHS[(month-1)asusize]",
        "writer; month is in 1..=12 and MONTHS has 12 entries",
    ),
    (
        "runtime::timestamp::format::write_http_date",
        "WEEKDAYS[weekday(self.secs.div_euclid(SECS_PER_DAY))]",
        "writer; weekday is in 0..7 and WEEKDAYS has 7 entries",
    ),
];

/// One construct that can panic.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Finding {
    function: String,
    construct: String,
}

struct Scanner<'a> {
    scope: &'a str,
    modules: Vec<String>,
    function: Vec<String>,
    found: Vec<Finding>,
}

impl Scanner<'_> {
    fn push(&mut self, construct: String) {
        // Runtime modules inlined in one file (the conformance package's) are named as the
        // runtime files of a generated crate are.
        let scope = match self.modules.iter().position(|m| m == "runtime") {
            Some(i) if i + 1 < self.modules.len() => format!("runtime::{}", self.modules[i + 1]),
            _ => self.scope.to_owned(),
        };
        let function = match self.function.last() {
            Some(f) => format!("{scope}::{f}"),
            None => scope,
        };
        self.found.push(Finding {
            function,
            construct: construct.replace(' ', ""),
        });
    }
}

const PANICKING_MACROS: &[&str] = &[
    "panic",
    "unreachable",
    "todo",
    "unimplemented",
    "assert",
    "assert_eq",
    "assert_ne",
    "debug_assert",
    "debug_assert_eq",
    "debug_assert_ne",
];

const NUMERIC: &[&str] = &[
    "u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16", "i32", "i64", "i128", "isize", "f32",
    "f64",
];

impl<'ast> Visit<'ast> for Scanner<'_> {
    fn visit_item_mod(&mut self, m: &'ast syn::ItemMod) {
        // Unit tests (`#[cfg(test)] mod tests` in the runtime) may panic: that is how they fail.
        let test_only = m.attrs.iter().any(|a| {
            a.path().is_ident("cfg") && a.parse_args::<syn::Ident>().is_ok_and(|i| i == "test")
        });
        if test_only {
            return;
        }
        self.modules.push(m.ident.to_string());
        syn::visit::visit_item_mod(self, m);
        self.modules.pop();
    }

    fn visit_item_fn(&mut self, f: &'ast syn::ItemFn) {
        self.function.push(f.sig.ident.to_string());
        syn::visit::visit_item_fn(self, f);
        self.function.pop();
    }

    fn visit_impl_item_fn(&mut self, f: &'ast syn::ImplItemFn) {
        self.function.push(f.sig.ident.to_string());
        syn::visit::visit_impl_item_fn(self, f);
        self.function.pop();
    }

    fn visit_expr_method_call(&mut self, call: &'ast syn::ExprMethodCall) {
        let method = call.method.to_string();
        // `Option::expect`/`Result::expect` take one argument; the timestamp cursor's own
        // `expect(byte, message)` returns a `Result` and takes two.
        let panicking = match method.as_str() {
            "unwrap" | "unwrap_err" | "unwrap_unchecked" => call.args.is_empty(),
            "expect" | "expect_err" => call.args.len() == 1,
            _ => false,
        };
        if panicking {
            self.push(format!(".{method}({})", call.args.to_token_stream()));
        }
        syn::visit::visit_expr_method_call(self, call);
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        if let Some(last) = mac.path.segments.last()
            && PANICKING_MACROS.contains(&last.ident.to_string().as_str())
        {
            self.push(format!("{}!", last.ident));
        }
        syn::visit::visit_macro(self, mac);
    }

    fn visit_expr_index(&mut self, index: &'ast syn::ExprIndex) {
        self.push(index.to_token_stream().to_string());
        syn::visit::visit_expr_index(self, index);
    }

    fn visit_expr_cast(&mut self, cast: &'ast syn::ExprCast) {
        let target = cast.ty.to_token_stream().to_string();
        if NUMERIC.contains(&target.as_str()) {
            self.push(cast.to_token_stream().to_string());
        }
        syn::visit::visit_expr_cast(self, cast);
    }
}

/// The findings in one source file; `scope` names it in the findings.
fn scan(scope: &str, source: &str) -> Vec<Finding> {
    let file = syn::parse_file(source).unwrap_or_else(|e| panic!("{scope}: {e}"));
    let mut scanner = Scanner {
        scope,
        modules: Vec::new(),
        function: Vec::new(),
        found: Vec::new(),
    };
    scanner.visit_file(&file);
    scanner.found
}

/// Every generated crate's files: (crate, path, text).
fn generated_sources() -> Vec<(String, String, String)> {
    let mut crates: Vec<(String, BTreeMap<String, String>)> = Vec::new();
    for (module, rel) in [
        (
            "elasticache",
            "models/botocore/elasticache/2015-02-02/service-2.json",
        ),
        (
            "memorydb",
            "models/botocore/memorydb/2021-01-01/service-2.json",
        ),
    ] {
        crates.push((
            module.to_owned(),
            awsgen_tests::generate_all(rel, module, module),
        ));
    }
    let memorydb_cbor = awsgen_codegen::generate(&CrateInput {
        name: "memorydb-cbor".to_owned(),
        services: vec![ServiceInput {
            module: "memorydb".to_owned(),
            model: awsgen_tests::load("models/botocore/memorydb/2021-01-01/service-2.json"),
            selection: Selection::All,
            protocol: Some(Protocol::RpcV2Cbor),
        }],
        command: String::new(),
        source: String::new(),
        standalone: false,
        runtime: awsgen_tests::runtime_dep(),
    })
    .expect("MemoryDB generates in CBOR");
    crates.push(("memorydb-cbor".to_owned(), memorydb_cbor));
    for rel in awsgen_tests::fixtures() {
        let stem = awsgen_tests::stem(&rel).replace('.', "_");
        crates.push((
            stem.clone(),
            awsgen_tests::generate_all(&rel, "fixture", &stem),
        ));
    }
    let mut out = Vec::new();
    for (name, files) in crates {
        for (path, text) in files {
            if path.ends_with(".rs") {
                out.push((name.clone(), path, text));
            }
        }
    }
    out.push((
        "conformance".to_owned(),
        "generated.rs".to_owned(),
        awsgen_conformance::GENERATED_SOURCE.to_owned(),
    ));
    out
}

/// The runtime crate's sources, which every generated crate depends on: (module path, text),
/// `runtime::json` for `runtime/src/json.rs` and `runtime/src/json/mod.rs`,
/// `runtime::json::read` for `runtime/src/json/read.rs`.
fn runtime_sources() -> Vec<(String, String)> {
    fn walk(dir: &std::path::Path, module: &str, out: &mut Vec<(String, String)>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.expect("a directory entry").path())
            .collect();
        entries.sort();
        for path in entries {
            let stem = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            if path.is_dir() {
                walk(&path, &format!("{module}::{stem}"), out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let scope = match stem.as_str() {
                    "lib" | "mod" => module.to_owned(),
                    _ => format!("{module}::{stem}"),
                };
                let text = std::fs::read_to_string(&path)
                    .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                out.push((scope, text));
            }
        }
    }
    let mut out = Vec::new();
    walk(
        &awsgen_tests::repo_root().join("runtime/src"),
        "runtime",
        &mut out,
    );
    out
}

#[test]
fn generated_code_has_no_unjustified_panics() {
    let mut findings: BTreeMap<Finding, BTreeSet<String>> = BTreeMap::new();
    let mut scanned = 0;
    let runtime = runtime_sources()
        .into_iter()
        .map(|(scope, text)| ("awsgen-runtime".to_owned(), scope.clone(), scope, text));
    let generated = generated_sources()
        .into_iter()
        .map(|(krate, path, text)| (krate, "generated".to_owned(), path, text));
    for (krate, scope, path, text) in runtime.chain(generated) {
        scanned += text.len();
        for finding in scan(&scope, &text) {
            findings
                .entry(finding)
                .or_default()
                .insert(format!("{krate}/{path}"));
        }
    }
    assert!(scanned > 5_000_000, "scanned only {scanned} bytes");

    let mut unjustified = Vec::new();
    let mut used = BTreeSet::new();
    for (finding, places) in &findings {
        match ALLOWED
            .iter()
            .position(|(f, c, _)| *f == finding.function && *c == finding.construct)
        {
            Some(i) => {
                used.insert(i);
            }
            None => unjustified.push(format!(
                "{} in {} ({})",
                finding.construct,
                finding.function,
                places
                    .iter()
                    .take(3)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        }
    }
    assert!(
        unjustified.is_empty(),
        "constructs that can panic, not on the allow-list:\n{}",
        unjustified.join("\n")
    );
    let unused: Vec<_> = ALLOWED
        .iter()
        .enumerate()
        .filter(|(i, _)| !used.contains(i))
        .map(|(_, (f, c, _))| format!("{c} in {f}"))
        .collect();
    assert!(
        unused.is_empty(),
        "allow-list entries nothing matches: {unused:?}"
    );
}

/// The scanner finds what it looks for (and not the look-alikes).
#[test]
fn the_scanner_finds_panicking_constructs() {
    let source = r#"
        fn f(v: &[u8], o: Option<u8>) -> u8 {
            let _ = o.unwrap();
            let _ = o.expect("x");
            let _ = cursor.expect(b':', "not a panic");
            let _ = o.unwrap_or(0);
            if v.is_empty() { unreachable!() }
            let _ = &v[1..];
            v[0] as u8 + (1u64 as f64) as u8
        }
        /// panic!("in docs") and v[0] are not code.
        fn g() { todo!() }
    "#;
    let found: Vec<_> = scan("t", source)
        .into_iter()
        .map(|f| format!("{} {}", f.function, f.construct))
        .collect();
    assert_eq!(
        found,
        [
            "t::f .unwrap()",
            "t::f .expect(\"x\")",
            "t::f unreachable!",
            "t::f v[1..]",
            "t::f v[0]asu8",
            "t::f v[0]",
            "t::f (1u64asf64)asu8",
            "t::f 1u64asf64",
            "t::g todo!",
        ]
    );
}
