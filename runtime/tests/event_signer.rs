//! SigV4 event signing against a published vector: the string to sign of the AWS SDK for
//! Rust's `aws-sigv4` 1.6.4 (`src/event_stream.rs`, test `string_to_sign`): credentials
//! `ANOTREAL` / `notrealrnrELgWzOk3IfjzDKtFBhDby` (`Credentials::for_tests`), region
//! `us-east-1`, service `testservice`, time 123,456,789 s (and 1,234 ns, which signing drops),
//! previous signature the hex SHA-256 of `last message sts`, and as message a header
//! `some-header: value` (string) with payload `test payload`.
//!
//! The published string to sign's last two lines are the SHA-256 of the encoded `:date`
//! header and of the encoded message; both were reproduced by hand-encoding in Python
//! (`hashlib`, `zlib.crc32`, `struct`), independently of this runtime. The expected signature
//! is HMAC-SHA256 of that string under the documented key derivation, computed with Python's
//! `hmac` (`aws-sigv4` publishes no signature value for it).

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use awsgen_runtime::DateTime;
use awsgen_runtime::credentials::Credentials;
use awsgen_runtime::event_signer::EventSigner;
use awsgen_runtime::event_stream::{Header, HeaderValue, Message, decode_all, encode};

const STRING_TO_SIGN: &str = "AWS4-HMAC-SHA256-PAYLOAD\n\
    19731129T213309Z\n\
    19731129/us-east-1/testservice/aws4_request\n\
    be1f8c7d79ef8e1abc5254a2c70e4da3bfaf4f07328f527444e1fc6ea67273e2\n\
    0c0e3b3bf66b59b976181bd7d401927bbd624107303c713fd1e5f3d3c8dd1b1e\n\
    f2eba0f2e95967ee9fbc6db5e678d2fd599229c0d04b11e4fc8e0f2a02a806c6";

const SIGNATURE: &str = "08fed460df836999e1c4137962a3d6ad66a9e8c1bf8e8888e3cbeee26bbf774d";

/// hex(SHA-256("last message sts")).
const PREVIOUS: &str = "be1f8c7d79ef8e1abc5254a2c70e4da3bfaf4f07328f527444e1fc6ea67273e2";

fn signer() -> EventSigner {
    EventSigner::new(
        Credentials::new("ANOTREAL", "notrealrnrELgWzOk3IfjzDKtFBhDby", None),
        "us-east-1",
        "testservice",
        PREVIOUS,
    )
}

fn message() -> Message {
    Message {
        headers: vec![Header::new(
            "some-header",
            HeaderValue::String("value".to_owned()),
        )],
        payload: b"test payload".to_vec(),
    }
}

fn time() -> SystemTime {
    UNIX_EPOCH + Duration::new(123_456_789, 1234)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn string_to_sign_matches_the_published_one() {
    let payload = encode(&message()).unwrap();
    let sts = signer()
        .string_to_sign(&payload, DateTime::from_secs(123_456_789))
        .unwrap();
    assert_eq!(sts, STRING_TO_SIGN);
}

#[test]
fn signed_message_carries_signature_date_and_the_encoded_original() {
    let mut signer = signer();
    let signed = signer.sign(&message(), time()).unwrap();
    assert_eq!(signed.headers[0].name, ":chunk-signature");
    let HeaderValue::ByteArray(sig) = &signed.headers[0].value else {
        panic!("{:?}", signed.headers[0])
    };
    assert_eq!(hex(sig), SIGNATURE);
    assert_eq!(signer.previous_signature(), SIGNATURE);
    assert_eq!(
        signed.headers[1],
        Header::new(
            ":date",
            HeaderValue::Timestamp(DateTime::from_secs(123_456_789))
        )
    );
    // The payload is the original message, encoded; it decodes back to it.
    assert_eq!(decode_all(&signed.payload).unwrap(), [message()]);
}

#[test]
fn signatures_chain() {
    let mut chained = signer();
    let first = chained.sign(&message(), time()).unwrap();
    let second = chained.sign(&message(), time()).unwrap();
    let end = chained.sign_end(time()).unwrap();
    // The second message's string to sign names the first's signature.
    let mut from_first = EventSigner::new(
        Credentials::new("ANOTREAL", "notrealrnrELgWzOk3IfjzDKtFBhDby", None),
        "us-east-1",
        "testservice",
        SIGNATURE,
    );
    assert_eq!(from_first.sign(&message(), time()).unwrap(), second);
    assert_ne!(first.headers[0], second.headers[0]);
    assert!(end.payload.is_empty());
    assert_ne!(end.headers[0], second.headers[0]);
}
