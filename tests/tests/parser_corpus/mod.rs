//! Real responses for the parser property tests (`parser_properties.rs`) and the fuzz targets'
//! seeds (`fuzz/`, which includes this file by path): every response case of the output
//! conformance suites, run against the operation the conformance package generated for it,
//! plus the golden `CopySnapshot` responses of ElastiCache (query) and MemoryDB (json and
//! cbor), successes and errors. Also the generated operations of each protocol that responses
//! can be fed to.

#![allow(dead_code)]

use awsgen_conformance::dispatch::ENTRIES;
use awsgen_conformance::harness::Entry;
use base64::Engine as _;
use serde_json::Value;

/// The wire protocols whose response parsers are exercised.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Protocol {
    /// awsQuery (XML responses).
    Query,
    /// awsJson 1.0 / 1.1.
    Json,
    /// Smithy RPC v2 CBOR.
    Cbor,
    /// restJson1 (JSON bodies, and status code and headers bound into outputs and errors).
    RestJson,
    /// ec2 (XML responses without a result wrapper, `<Response><Errors>` errors).
    Ec2,
    /// restXml (XML bodies, and status code and headers bound into outputs and errors).
    RestXml,
}

impl Protocol {
    /// All of them.
    pub const ALL: [Protocol; 6] = [
        Protocol::Query,
        Protocol::Json,
        Protocol::Cbor,
        Protocol::RestJson,
        Protocol::Ec2,
        Protocol::RestXml,
    ];

    /// Whether responses are XML.
    pub fn is_xml(self) -> bool {
        matches!(self, Protocol::Query | Protocol::Ec2 | Protocol::RestXml)
    }

    fn prefix(self) -> &'static str {
        match self {
            Protocol::Query => "query_",
            Protocol::Json => "json_",
            Protocol::Cbor => "cbor_",
            Protocol::RestJson => "rest_json_",
            Protocol::Ec2 => "ec2_",
            Protocol::RestXml => "rest_xml_",
        }
    }

    fn extras(self) -> &'static [&'static str] {
        match self {
            Protocol::Query => &["elasticache"],
            Protocol::Json => &["memorydb_json"],
            Protocol::Cbor => &["memorydb_cbor"],
            Protocol::RestJson | Protocol::Ec2 | Protocol::RestXml => &[],
        }
    }
}

/// One real response and the generated operation that reads it.
#[derive(Clone)]
pub struct Sample {
    /// `output/query.json:QueryXmlLists` or `golden:elasticache-success`.
    pub name: String,
    /// Whether the conformance runner skips the case (its expectation is not met, for a
    /// reason `awsgen_conformance::skips` gives); still a real response to mutate.
    pub skipped: bool,
    /// The protocol.
    pub protocol: Protocol,
    /// The generated operation.
    pub entry: &'static Entry,
    /// HTTP status.
    pub status: u16,
    /// Response headers (name, value).
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
}

impl std::fmt::Debug for Sample {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} (status {})", self.name, self.status)
    }
}

/// A generated operation, printable (in failure reports).
#[derive(Clone, Copy)]
pub struct Op(pub &'static Entry);

impl std::fmt::Debug for Op {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}::{}", self.0.module, self.0.operation)
    }
}

impl Sample {
    /// Whether this is an error response.
    pub fn is_error(&self) -> bool {
        !(200..300).contains(&self.status)
    }
}

/// The generated operations of `protocol` that output suites (and the golden tests) use, in
/// dispatch-table order.
pub fn entries(protocol: Protocol) -> Vec<&'static Entry> {
    ENTRIES
        .iter()
        .filter(|e| {
            (e.module.starts_with(protocol.prefix()) && e.module.contains("output_"))
                || protocol.extras().contains(&e.module)
        })
        .collect()
}

/// Builds a header map, leaving out pairs that are not valid header names or values.
pub fn header_map(headers: &[(String, String)]) -> http::HeaderMap {
    let mut map = http::HeaderMap::new();
    for (name, value) in headers {
        if let (Ok(name), Ok(value)) = (
            http::HeaderName::from_bytes(name.as_bytes()),
            http::HeaderValue::from_bytes(value.as_bytes()),
        ) {
            map.append(name, value);
        }
    }
    map
}

macro_rules! suite {
    ($file:literal) => {
        (
            $file,
            include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../tests/protocol-tests/botocore/",
                $file
            )),
        )
    };
}

/// The output suite files.
const SUITES: &[(&str, &str)] = &[
    suite!("output/query.json"),
    suite!("legacy/output/query.json"),
    suite!("output/json.json"),
    suite!("legacy/output/json.json"),
    suite!("output/smithy-rpc-v2-cbor.json"),
    suite!("output/rest-json.json"),
    suite!("legacy/output/rest-json.json"),
    suite!("output/ec2.json"),
    suite!("legacy/output/ec2.json"),
    suite!("output/rest-xml.json"),
    suite!("legacy/output/rest-xml.json"),
];

/// Every real response: the suites' and the golden ones.
pub fn samples() -> Vec<Sample> {
    let mut out = Vec::new();
    for (file, text) in SUITES {
        let suites: Vec<Value> = serde_json::from_str(text).expect("suite files are JSON");
        let (protocol, name) = if file.ends_with("query.json") {
            (Protocol::Query, "query")
        } else if file.ends_with("ec2.json") {
            (Protocol::Ec2, "ec2")
        } else if file.ends_with("rest-xml.json") {
            (Protocol::RestXml, "rest_xml")
        } else if file.ends_with("rest-json.json") {
            (Protocol::RestJson, "rest_json")
        } else if file.ends_with("json.json") {
            (Protocol::Json, "json")
        } else {
            (Protocol::Cbor, "cbor")
        };
        let legacy = if file.starts_with("legacy/") {
            "legacy_"
        } else {
            ""
        };
        for (i, suite) in suites.iter().enumerate() {
            let module = format!("{name}_{legacy}output_{i:02}");
            for (j, case) in suite["cases"].as_array().into_iter().flatten().enumerate() {
                let operation = case["given"]["name"].as_str().unwrap_or_default();
                let Some(entry) = ENTRIES
                    .iter()
                    .find(|e| e.module == module && e.operation == operation)
                else {
                    continue;
                };
                let response = &case["response"];
                let body_text = response["body"].as_str().unwrap_or_default();
                // An event stream's body is binary: the suites give it in base64, as CBOR's.
                let shapes = &suite["shapes"];
                let output = case["given"]["output"]["shape"]
                    .as_str()
                    .unwrap_or_default();
                let event_stream = shapes[output]["members"]
                    .as_object()
                    .into_iter()
                    .flatten()
                    .any(|(_, m)| {
                        shapes[m["shape"].as_str().unwrap_or_default()]["eventstream"]
                            == Value::Bool(true)
                    });
                let body = if protocol == Protocol::Cbor || event_stream {
                    base64::engine::general_purpose::STANDARD
                        .decode(body_text)
                        .expect("CBOR and event-stream suite bodies are base64")
                } else {
                    body_text.as_bytes().to_vec()
                };
                let headers = response["headers"]
                    .as_object()
                    .into_iter()
                    .flatten()
                    .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_owned()))
                    .collect();
                // Named as the conformance runner names cases.
                let name = match case["id"].as_str() {
                    Some(id) => format!("{file}:{id}"),
                    None => format!("{file}:{i}.{j}"),
                };
                let skipped = awsgen_conformance::skips::SKIPS
                    .iter()
                    .any(|(skip, _)| *skip == name);
                out.push(Sample {
                    name,
                    skipped,
                    protocol,
                    entry,
                    status: u16::try_from(response["status_code"].as_u64().unwrap_or(200))
                        .unwrap_or(200),
                    headers,
                    body,
                });
            }
        }
    }
    out.extend(golden());
    out
}

fn entry(module: &str) -> &'static Entry {
    ENTRIES
        .iter()
        .find(|e| e.module == module && e.operation == "CopySnapshot")
        .expect("the conformance package generates CopySnapshot")
}

fn request_id() -> Vec<(String, String)> {
    vec![("x-amzn-requestid".to_owned(), "req-1".to_owned())]
}

/// The golden `CopySnapshot` responses (as in `elasticache_response.rs`, `elasticache_errors.rs`
/// and `memorydb_golden`).
fn golden() -> Vec<Sample> {
    let mut out = vec![
        Sample {
            name: "golden:elasticache-success".to_owned(),
            skipped: false,
            protocol: Protocol::Query,
            entry: entry("elasticache"),
            status: 200,
            headers: request_id(),
            body: ELASTICACHE_SUCCESS.as_bytes().to_vec(),
        },
        Sample {
            name: "golden:elasticache-error".to_owned(),
            skipped: false,
            protocol: Protocol::Query,
            entry: entry("elasticache"),
            status: 400,
            headers: request_id(),
            body: ELASTICACHE_ERROR.as_bytes().to_vec(),
        },
    ];
    for (protocol, module) in [
        (Protocol::Json, "memorydb_json"),
        (Protocol::Cbor, "memorydb_cbor"),
    ] {
        let wire = |text: &str| match protocol {
            Protocol::Cbor => json_to_cbor(text),
            _ => text.as_bytes().to_vec(),
        };
        out.push(Sample {
            name: format!("golden:{module}-success"),
            skipped: false,
            protocol,
            entry: entry(module),
            status: 200,
            headers: request_id(),
            body: wire(MEMORYDB_SUCCESS),
        });
        for (code, status) in [
            ("SnapshotNotFoundFault", 404),
            ("InvalidParameterValueException", 400),
            ("SomethingUnmodeled", 500),
        ] {
            let body = format!(
                r#"{{"__type":"com.amazonaws.memorydb#{code}","message":"{code} happened"}}"#
            );
            out.push(Sample {
                name: format!("golden:{module}-{code}"),
                skipped: false,
                protocol,
                entry: entry(module),
                status,
                headers: request_id(),
                body: wire(&body),
            });
        }
    }
    out
}

/// A JSON text as CBOR: objects as indefinite-length maps (as Smithy services send them),
/// numbers as integers or float64, and values under a key ending in `Time` with tag 1.
pub fn json_to_cbor(text: &str) -> Vec<u8> {
    fn encode(e: &mut minicbor::Encoder<Vec<u8>>, v: &Value, tagged: bool) {
        if tagged {
            let _ = e.tag(minicbor::data::Tag::new(1));
        }
        let _ = match v {
            Value::Null => e.null().map(drop),
            Value::Bool(b) => e.bool(*b).map(drop),
            Value::Number(n) => match (n.as_i64(), n.as_f64()) {
                (Some(i), _) => e.i64(i).map(drop),
                (None, Some(f)) => e.f64(f).map(drop),
                _ => Ok(()),
            },
            Value::String(s) => e.str(s).map(drop),
            Value::Array(items) => {
                let _ = e.array(items.len() as u64);
                for item in items {
                    encode(e, item, false);
                }
                Ok(())
            }
            Value::Object(members) => {
                let _ = e.begin_map();
                for (k, v) in members {
                    let _ = e.str(k);
                    encode(e, v, k.ends_with("Time"));
                }
                e.end().map(drop)
            }
        };
    }
    let value: Value = serde_json::from_str(text).expect("JSON text");
    let mut e = minicbor::Encoder::new(Vec::new());
    encode(&mut e, &value, false);
    e.into_writer()
}

/// ElastiCache `CopySnapshot` success (wire-facts §6.1).
pub const ELASTICACHE_SUCCESS: &str = r#"<?xml version="1.0"?>
<CopySnapshotResponse xmlns="http://elasticache.amazonaws.com/doc/2015-02-02/">
  <CopySnapshotResult>
    <Snapshot>
      <SnapshotName>copy1</SnapshotName>
      <NumCacheNodes>1</NumCacheNodes>
      <Port>6379</Port>
      <AutoMinorVersionUpgrade>true</AutoMinorVersionUpgrade>
      <CacheClusterCreateTime>2016-12-21T22:24:04.955Z</CacheClusterCreateTime>
      <AutomaticFailover>disabled</AutomaticFailover>
      <NodeSnapshots>
        <NodeSnapshot>
          <CacheNodeId>0001</CacheNodeId>
          <CacheSize><![CDATA[3 MB]]></CacheSize>
          <SnapshotCreateTime>2016-12-28T07:00:52Z</SnapshotCreateTime>
          <NodeGroupConfiguration>
            <ReplicaCount>2</ReplicaCount>
            <ReplicaAvailabilityZones><AvailabilityZone>us-east-1a</AvailabilityZone></ReplicaAvailabilityZones>
            <ReplicaOutpostArns><OutpostArn>arn&amp;x</OutpostArn></ReplicaOutpostArns>
          </NodeGroupConfiguration>
        </NodeSnapshot>
      </NodeSnapshots>
      <DataTiering>enabled</DataTiering>
    </Snapshot>
  </CopySnapshotResult>
  <ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata>
</CopySnapshotResponse>
"#;

/// ElastiCache `CopySnapshot` error.
pub const ELASTICACHE_ERROR: &str = r#"<ErrorResponse xmlns="http://elasticache.amazonaws.com/doc/2015-02-02/">
  <Error><Type>Sender</Type><Code>SnapshotNotFoundFault</Code><Message>bad &lt;x&gt;</Message></Error>
  <RequestId>req-2</RequestId>
</ErrorResponse>"#;

/// MemoryDB `CopySnapshot` success (as `memorydb_golden::RESPONSE`, shorter).
pub const MEMORYDB_SUCCESS: &str = r#"{"Snapshot":{"Name":"copy1","Status":"creating","Source":"manual","KmsKeyId":"arn:aws:kms:us-east-1:123:key/abc","ARN":"arn:aws:memorydb:us-east-1:123456789012:snapshot/copy1","ClusterConfiguration":{"Name":"my-cluster","Description":"a \"quoted\" description\nover two lines","NodeType":"db.r6g.large","Engine":"valkey","Port":6379,"SnapshotRetentionLimit":7,"NumShards":2,"Shards":[{"Name":"0001","Configuration":{"Slots":"0-8191","ReplicaCount":1},"Size":"11 MB","SnapshotCreationTime":1.612345678123E9},{"Name":"0002","Configuration":{"Slots":"8192-16383","ReplicaCount":2},"Size":"12 MB","SnapshotCreationTime":1612345679.5}],"SomethingNew":{"nested":[1,2,{"deep":true}]}},"DataTiering":"false","Unmodeled":null}}"#;
