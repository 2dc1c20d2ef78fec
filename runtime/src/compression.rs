//! Request compression (the `requestcompression` trait): gzip a request body that is large
//! enough for it to pay off, and say so in `Content-Encoding`.

/// Bodies smaller than this many bytes are sent as they are: the default of botocore's
/// `request_min_compression_size_bytes` and of Smithy's `requestCompression` guidance.
pub const MIN_COMPRESSION_SIZE: usize = 10_240;

/// Gzips `request`'s body if it has at least [`MIN_COMPRESSION_SIZE`] bytes, and appends
/// `gzip` to its `Content-Encoding` (after any encoding already there) and updates
/// `Content-Length`.
pub fn gzip_request(request: &mut http::Request<Vec<u8>>) {
    use std::io::Write as _;
    if request.body().len() < MIN_COMPRESSION_SIZE {
        return;
    }
    let mut encoder = flate2::write::GzEncoder::new(
        Vec::with_capacity(request.body().len() / 2),
        flate2::Compression::default(),
    );
    // Writing into a `Vec` cannot fail.
    let compressed = match encoder
        .write_all(request.body())
        .and_then(|()| encoder.finish())
    {
        Ok(bytes) => bytes,
        Err(_) => return,
    };
    *request.body_mut() = compressed;
    let headers = request.headers_mut();
    let encoding = match headers
        .get(http::header::CONTENT_ENCODING)
        .and_then(|v| v.to_str().ok())
    {
        Some(existing) if !existing.is_empty() => format!("{existing}, gzip"),
        _ => "gzip".to_owned(),
    };
    if let Ok(value) = http::HeaderValue::from_str(&encoding) {
        headers.insert(http::header::CONTENT_ENCODING, value);
    }
    let length = request.body().len();
    request.headers_mut().insert(
        http::header::CONTENT_LENGTH,
        http::HeaderValue::from(length),
    );
}
