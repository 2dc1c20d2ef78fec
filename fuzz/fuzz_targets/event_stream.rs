//! Fuzz target: the runtime's event-stream framing (`awsgen_runtime::event_stream`). The first
//! input byte picks the chunk size (1–256 bytes) and the decoder's length bound (16 bytes to
//! 64 KiB); the rest is the stream, fed chunk by chunk. Checked, besides "no panic": the decoder
//! never buffers more than its bound, the messages it yields re-encode to exactly the input's
//! bytes, and the whole input decoded in one piece gives the same messages and
//! the same result (the same error, at the same frame) as chunk by chunk. The input is also
//! parsed as the headers section of a frame with valid CRCs (random bytes seldom pass them).

#![no_main]

use awsgen_runtime::event_stream::{Decoder, MIN_MESSAGE_LEN, crc32, decode_all, encode};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&knob, stream)) = data.split_first() else {
        return;
    };
    let chunk = usize::from(knob & 0x0f) * 16 + 1;
    let max = (MIN_MESSAGE_LEN << (knob >> 4)).min(64 * 1024);
    let mut decoder = Decoder::with_max_message_len(max);
    let mut messages = Vec::new();
    let mut result = Ok(());
    for piece in stream.chunks(chunk) {
        result = decoder.push(piece, &mut messages);
        assert!(decoder.buffered() <= max, "buffered {} > {max}", decoder.buffered());
        if result.is_err() {
            break;
        }
    }
    if result.is_ok() {
        result = decoder.finish();
    }
    // The format leaves no choice: the messages re-encode to exactly the bytes they came from.
    let mut reencoded = Vec::new();
    for m in &messages {
        reencoded.extend(encode(m).expect("a decoded message encodes"));
    }
    assert!(stream.starts_with(&reencoded), "re-encoded messages differ from the input");
    if result.is_ok() {
        assert_eq!(reencoded.len(), stream.len());
    }
    // In one piece, with the same bound: the same messages, and the same result (the same
    // error, at the same frame).
    let mut whole = Decoder::with_max_message_len(max);
    let mut all = Vec::new();
    let whole_result = whole.push(stream, &mut all).and_then(|()| whole.finish());
    assert_eq!(all, messages);
    assert_eq!(whole_result, result);

    // Random bytes seldom get past the CRCs, so the header parser is also fed directly: the
    // input as the headers section of a frame with correct lengths and CRCs. What decodes
    // re-encodes to the same frame.
    let frame = frame_around_headers(stream);
    if let Ok(decoded) = decode_all(&frame) {
        assert_eq!(decoded.len(), 1);
        assert_eq!(encode(&decoded[0]).expect("a decoded message encodes"), frame);
    }
});

fn frame_around_headers(headers: &[u8]) -> Vec<u8> {
    let headers_len = u32::try_from(headers.len()).expect("inputs are at most 16 KiB");
    let mut frame = Vec::new();
    frame.extend_from_slice(&(headers_len + 16).to_be_bytes());
    frame.extend_from_slice(&headers_len.to_be_bytes());
    frame.extend_from_slice(&crc32(&frame).to_be_bytes());
    frame.extend_from_slice(headers);
    frame.extend_from_slice(&crc32(&frame).to_be_bytes());
    frame
}
