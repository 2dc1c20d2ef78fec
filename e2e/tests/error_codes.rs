//! Error codes are looked up in the whole service, as botocore does (its parsers find the error
//! shape for a code among every shape of the model): on CloudWatch's real model (botocore
//! 1.44.5, awsJson1_0 with `awsQueryCompatible`), an error another operation lists is read with
//! its members, and one wire code that two error shapes share (`ResourceNotFound`: the shape of
//! that name, and `DashboardNotFoundError`, whose `error.code` it is) goes to the one the
//! operation lists.

use awsgen_e2e::cloudwatch::Error;
use awsgen_e2e::cloudwatch::operation::delete_alarms::{DeleteAlarms, DeleteAlarmsError};
use awsgen_e2e::cloudwatch::operation::get_dashboard::{GetDashboard, GetDashboardError};
use awsgen_e2e::runtime::ProvideErrorMetadata as _;
use awsgen_e2e::runtime::{Operation, ResponseError};

/// An awsQuery-compatible error response: the query code in `x-amzn-query-error`, the Smithy
/// shape id in the body's `__type`.
fn response(query_code: &str, shape: &str, message: &str) -> (http::HeaderMap, Vec<u8>) {
    let mut headers = http::HeaderMap::new();
    headers.insert("x-amzn-requestid", "req-9".parse().unwrap());
    headers.insert(
        "x-amzn-query-error",
        format!("{query_code};Sender").parse().unwrap(),
    );
    let body = format!(r#"{{"__type":"com.amazonaws.cloudwatch#{shape}","message":"{message}"}}"#);
    (headers, body.into_bytes())
}

fn service_error<O: Operation>(status: u16, (headers, body): (http::HeaderMap, Vec<u8>)) -> O::Error
where
    O::Error: std::fmt::Debug,
    O::Output: std::fmt::Debug,
{
    match O::parse_response(status, &headers, &body) {
        Err(ResponseError::Service(error)) => error,
        other => panic!("expected a service error, got {other:?}"),
    }
}

#[test]
fn a_shared_code_is_the_error_the_operation_lists() {
    // GetDashboard lists DashboardNotFoundError (wire code `ResourceNotFound`), not the
    // `ResourceNotFound` shape: the code is its own error.
    let error = service_error::<GetDashboard>(
        404,
        response("ResourceNotFound", "ResourceNotFound", "no dashboard"),
    );
    let GetDashboardError::DashboardNotFoundError(e) = &error else {
        panic!("{error:?}");
    };
    assert_eq!(e.message.as_deref(), Some("no dashboard"));
    assert_eq!(error.code(), "ResourceNotFound");
    assert_eq!(error.request_id(), Some("req-9"));

    // DeleteAlarms lists the `ResourceNotFound` shape: the same code is that one.
    let error = service_error::<DeleteAlarms>(
        404,
        response("ResourceNotFound", "ResourceNotFound", "no alarm"),
    );
    let DeleteAlarmsError::ResourceNotFound(e) = &error else {
        panic!("{error:?}");
    };
    assert_eq!(e.message.as_deref(), Some("no alarm"));
}

#[test]
fn an_error_another_operation_lists_is_read_with_its_members() {
    // `InvalidParameterValue` is GetDashboard's error, not DeleteAlarms': `Unhandled` holding
    // the service's `InvalidParameterValueException`, its message member read.
    let error = service_error::<DeleteAlarms>(
        400,
        response(
            "InvalidParameterValue",
            "InvalidParameterValueException",
            "bad name",
        ),
    );
    let DeleteAlarmsError::Unhandled(Error::InvalidParameterValueException(e)) = &error else {
        panic!("{error:?}");
    };
    assert_eq!(e.message.as_deref(), Some("bad name"));
    assert_eq!(error.code(), "InvalidParameterValue");
    assert_eq!(error.meta().status(), 400);

    // A code the service does not have: the service's `Unhandled`, code and message kept.
    let error =
        service_error::<DeleteAlarms>(503, response("Throttling", "Throttling", "slow down"));
    let DeleteAlarmsError::Unhandled(Error::Unhandled(meta)) = &error else {
        panic!("{error:?}");
    };
    assert_eq!(meta.code(), "Throttling");
    assert_eq!(meta.message(), Some("slow down"));
}
