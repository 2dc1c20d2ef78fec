//! Golden wire tests of the ElastiCache `CopySnapshot` errors (awsQuery): each of the seven
//! modeled errors and an unknown code, in the `<ErrorResponse>` form of
//! `shared/wire-facts.md` §6.1 with the status the model gives each error. Wire codes and
//! statuses are the model's (`error.code`, `httpStatusCode`), checked in wire-facts §3.1.

use awsgen_generated::elasticache::operation::copy_snapshot::{CopySnapshot, CopySnapshotError};
use awsgen_generated::runtime::Operation as _;
use awsgen_generated::runtime::ProvideErrorMetadata as _;
use awsgen_generated::runtime::ResponseError;

fn error_body(code: &str, message: &str) -> String {
    format!(
        r#"<ErrorResponse xmlns="http://elasticache.amazonaws.com/doc/2015-02-02/">
  <Error>
    <Type>Sender</Type>
    <Code>{code}</Code>
    <Message>{message}</Message>
  </Error>
  <RequestId>req-2</RequestId>
</ErrorResponse>
"#
    )
}

fn parse_error(status: u16, body: &str) -> CopySnapshotError {
    match CopySnapshot::parse_response(status, &http::HeaderMap::new(), body.as_bytes()) {
        Err(ResponseError::Service(e)) => e,
        other => panic!("expected a service error, got {other:?}"),
    }
}

/// (wire code, HTTP status, variant name) for every modeled error, in model order.
const MODELED: &[(&str, u16, &str)] = &[
    (
        "SnapshotAlreadyExistsFault",
        400,
        "SnapshotAlreadyExistsFault",
    ),
    ("SnapshotNotFoundFault", 404, "SnapshotNotFoundFault"),
    (
        "SnapshotQuotaExceededFault",
        400,
        "SnapshotQuotaExceededFault",
    ),
    ("InvalidSnapshotState", 400, "InvalidSnapshotStateFault"),
    (
        "TagQuotaPerResourceExceeded",
        400,
        "TagQuotaPerResourceExceeded",
    ),
    (
        "InvalidParameterValue",
        400,
        "InvalidParameterValueException",
    ),
    (
        "InvalidParameterCombination",
        400,
        "InvalidParameterCombinationException",
    ),
];

fn variant(error: &CopySnapshotError) -> &'static str {
    match error {
        CopySnapshotError::SnapshotAlreadyExistsFault(_) => "SnapshotAlreadyExistsFault",
        CopySnapshotError::SnapshotNotFoundFault(_) => "SnapshotNotFoundFault",
        CopySnapshotError::SnapshotQuotaExceededFault(_) => "SnapshotQuotaExceededFault",
        CopySnapshotError::InvalidSnapshotStateFault(_) => "InvalidSnapshotStateFault",
        CopySnapshotError::TagQuotaPerResourceExceeded(_) => "TagQuotaPerResourceExceeded",
        CopySnapshotError::InvalidParameterValueException(_) => "InvalidParameterValueException",
        CopySnapshotError::InvalidParameterCombinationException(_) => {
            "InvalidParameterCombinationException"
        }
        CopySnapshotError::Unhandled(_) => "Unhandled",
        _ => "unexpected variant",
    }
}

#[test]
fn each_modeled_error_maps_through_its_wire_code() {
    let mut shown = String::new();
    for &(code, status, expected_variant) in MODELED {
        let message = format!("{code} happened: a < b & c");
        let body = error_body(code, &format!("{code} happened: a &lt; b &amp; c"));
        let error = parse_error(status, &body);
        assert_eq!(variant(&error), expected_variant, "{code}");
        assert_eq!(error.code(), code);
        assert_eq!(error.message(), Some(message.as_str()));
        assert_eq!(error.request_id(), Some("req-2"));
        assert_eq!(error.meta().status(), status);
        assert_eq!(error.meta().error_type(), Some("Sender"));
        assert_eq!(
            error.to_string(),
            format!("{code}: {message} (request id: req-2, HTTP status {status})")
        );
        shown.push_str(&format!("{expected_variant}: {error}\n{error:?}\n\n"));
    }
    insta::assert_snapshot!("elasticache_copy_snapshot_errors", shown);
}

#[test]
fn the_synthetic_errors_fill_their_message_member() {
    let error = parse_error(400, &error_body("InvalidParameterValue", "bad value"));
    let CopySnapshotError::InvalidParameterValueException(e) = &error else {
        panic!("{error:?}");
    };
    assert_eq!(e.message.as_deref(), Some("bad value"));
    let error = parse_error(400, &error_body("InvalidParameterCombination", "bad mix"));
    let CopySnapshotError::InvalidParameterCombinationException(e) = &error else {
        panic!("{error:?}");
    };
    assert_eq!(e.message.as_deref(), Some("bad mix"));
}

#[test]
fn the_shape_name_is_not_a_code_when_the_model_gives_one() {
    // `InvalidSnapshotStateFault`'s wire code is `InvalidSnapshotState`; botocore does not map
    // the shape name either (wire-facts §6.1).
    let error = parse_error(400, &error_body("InvalidSnapshotStateFault", "m"));
    assert_eq!(variant(&error), "Unhandled");
    assert_eq!(error.code(), "InvalidSnapshotStateFault");
}

#[test]
fn an_unknown_code_is_unhandled_with_all_its_metadata() {
    let error = parse_error(503, &error_body("Throttling", "Rate exceeded"));
    assert_eq!(variant(&error), "Unhandled");
    assert_eq!(error.code(), "Throttling");
    assert_eq!(error.message(), Some("Rate exceeded"));
    assert_eq!(error.request_id(), Some("req-2"));
    assert_eq!(error.meta().status(), 503);
    assert_eq!(
        error.to_string(),
        "Throttling: Rate exceeded (request id: req-2, HTTP status 503)"
    );
    insta::assert_snapshot!(
        "elasticache_copy_snapshot_error_unknown",
        format!("{error}\n{error:?}")
    );
}

#[test]
fn the_errors_nesting_and_request_id_spellings() {
    let body = "<Response><Errors><Error><Code>SnapshotNotFoundFault</Code>\
                <Message>gone</Message></Error></Errors><RequestID>r-9</RequestID></Response>";
    let error = parse_error(404, body);
    assert_eq!(variant(&error), "SnapshotNotFoundFault");
    assert_eq!(error.request_id(), Some("r-9"));
    assert_eq!(error.message(), Some("gone"));
}

#[test]
fn unreadable_error_bodies() {
    // botocore's generic error: an HTML page from a 5xx, or an empty body.
    let error = parse_error(502, "<html><body>Bad Gateway</body></html>");
    assert_eq!(
        (error.code(), error.message()),
        ("502", Some("Bad Gateway"))
    );
    let error = parse_error(400, "");
    assert_eq!(
        (error.code(), error.message()),
        ("400", Some("Bad Request"))
    );
    // Anything else that is not XML says what was wrong.
    match CopySnapshot::parse_response(400, &http::HeaderMap::new(), b"<ErrorResponse><Error>") {
        Err(ResponseError::Invalid(e)) => {
            assert_eq!(e.status(), 400);
            assert!(e.message().contains("ends inside an element"), "{e}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn an_error_of_another_operation_is_unhandled_with_its_members_read() {
    // `CacheClusterNotFound` is `DescribeCacheClusters`'s error, not `CopySnapshot`'s: botocore
    // looks codes up in the whole service (legacy query suite 16.1), and so does the generated
    // code, so it is `Unhandled` holding the service's `CacheClusterNotFoundFault`.
    use awsgen_generated::elasticache::Error;
    let error = parse_error(404, &error_body("CacheClusterNotFound", "no such cluster"));
    let CopySnapshotError::Unhandled(Error::CacheClusterNotFoundFault(e)) = &error else {
        panic!("{error:?}");
    };
    assert_eq!(e.message.as_deref(), Some("no such cluster"));
    assert_eq!(error.code(), "CacheClusterNotFound");
    assert_eq!(error.request_id(), Some("req-2"));
    assert_eq!(error.meta().status(), 404);
}
