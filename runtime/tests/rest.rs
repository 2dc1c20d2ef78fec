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
