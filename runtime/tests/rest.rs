//! The REST binding helpers of `runtime::rest`: encoding, header lists, bad values.

use awsgen_runtime::rest::*;
#[test]
fn labels_and_query_are_percent_encoded() {
    let mut uri = "/a/".to_owned();
    push_label(&mut uri, " %:/?#[]@!$&'()*+,;=😹", false, "M").unwrap();
    assert_eq!(
        uri,
        "/a/%20%25%3A%2F%3F%23%5B%5D%40%21%24%26%27%28%29%2A%2B%2C%3B%3D%F0%9F%98%B9"
    );
    let mut uri = "/".to_owned();
    push_label(&mut uri, "there/guy", true, "M").unwrap();
    assert_eq!(uri, "/there/guy");
    assert_eq!(
        push_label(&mut uri, "", false, "Bucket")
            .unwrap_err()
            .member(),
        "Bucket"
    );
    let mut uri = "/p?foo=bar".to_owned();
    push_query(&mut uri, "String", "Hello there");
    assert_eq!(uri, "/p?foo=bar&String=Hello%20there");
}

#[test]
fn header_lists_quote_and_split() {
    let mut out = String::new();
    for item in ["b,c", "\"def\"", "a"] {
        push_header_item(&mut out, item, true);
    }
    assert_eq!(out, r#""b,c", "\"def\"", a"#);
    assert_eq!(split_list(&out, false), ["b,c", "\"def\"", "a"]);
    assert_eq!(split_list("a, b,c", false), ["a", "b", "c"]);
    assert_eq!(
        split_list(
            "Mon, 16 Dec 2019 23:48:18 GMT, Mon, 16 Dec 2019 23:48:18 GMT",
            true
        ),
        [
            "Mon, 16 Dec 2019 23:48:18 GMT",
            "Mon, 16 Dec 2019 23:48:18 GMT"
        ]
    );
    assert!(split_list("", false).is_empty());
}

#[test]
fn bad_header_values_are_errors() {
    let mut headers = http::HeaderMap::new();
    let err = set_header(&mut headers, "x-a", "a\nb", "A").unwrap_err();
    assert_eq!(err.member(), "A");
    assert!(set_prefixed_header(&mut headers, "x-", "b c", "v", "P").is_err());
    assert!(parse_f64("1.1").is_ok() && parse_f64("x").is_err() && parse_f64("NaN").is_ok());
}

#[test]
fn s3_error_documents_in_200_responses_are_recognized() {
    use awsgen_runtime::rest::is_error_document;
    // S3's documented CopyObject failure with status 200.
    assert!(is_error_document(
        b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>InternalError</Code>\
          <Message>We encountered an internal error. Please try again.</Message></Error>"
    ));
    assert!(is_error_document(b"  <Error >x</Error>"));
    assert!(!is_error_document(
        b"<?xml version=\"1.0\"?><CopyObjectResult><ETag>\"e\"</ETag></CopyObjectResult>"
    ));
    assert!(!is_error_document(b"<ErrorDocument/>"));
    assert!(!is_error_document(b""));
    assert!(!is_error_document(b"<?xml version=\"1.0\""));
}

#[test]
fn a_bare_element_is_wrapped_as_a_document() {
    use awsgen_runtime::rest::wrap_document;
    assert_eq!(
        wrap_document(b"<?xml version=\"1.0\"?>\n<LocationConstraint>EU</LocationConstraint>"),
        b"<Document><LocationConstraint>EU</LocationConstraint></Document>"
    );
    assert_eq!(wrap_document(b""), b"<Document></Document>");
    assert_eq!(wrap_document(b"<L xmlns=\"x\"/>"), b"<Document></Document>");
    assert_eq!(
        wrap_document(b"<L xmlns=\"x\"> </L>"),
        b"<Document></Document>"
    );
}
