//! `ByteStream`: the value of a streaming blob member (`streaming: true`, Smithy `@streaming`),
//! S3's `PutObject` and `GetObject` bodies. A body that need not be in memory: bytes, a file,
//! or any source of chunks (a [`BodySource`]; with `client`, any tokio `AsyncRead`) on the way
//! out, and the response body read at the caller's pace on the way in ([`ByteStream::next_chunk`],
//! [`ByteStream::collect`]).
//!
//! Sans-IO: an operation's `build_request` puts an in-memory body in the request as any blob;
//! for a file or a source it returns the request with an empty body and the stream's length as
//! `Content-Length`, and the caller sends the body itself (take it from the input with
//! [`ByteStream::take_source`]). `parse_response` given a whole body gives a `ByteStream` of
//! those bytes; the client hands the output the live response body instead.
//!
//! Cloning shares a source: clones of a stream read from one source, and the first to take it
//! has it (bytes and files are copied and reopened, as often as asked).

use std::fmt;
use std::sync::{Arc, Mutex};

use super::blob::Blob;
use super::operation::{BodyError, BodySource, ChunkFuture};

/// The size of the chunks a file or an async reader is read in: 64 KiB.
pub const CHUNK_SIZE: usize = 64 * 1024;

/// A body of bytes that need not be in memory: see the module docs.
#[derive(Clone, Default)]
pub struct ByteStream(Inner);

#[derive(Clone)]
enum Inner {
    Bytes(Vec<u8>),
    Source {
        source: Arc<Mutex<Option<Box<dyn BodySource>>>>,
        length: Option<u64>,
    },
    #[cfg(feature = "client")]
    File {
        path: std::path::PathBuf,
        length: u64,
    },
}

impl Default for Inner {
    fn default() -> Self {
        Inner::Bytes(Vec::new())
    }
}

impl ByteStream {
    /// A stream of these bytes (in memory).
    pub fn new(bytes: impl Into<Vec<u8>>) -> Self {
        Self(Inner::Bytes(bytes.into()))
    }

    /// A stream read from `source`, chunk by chunk, once. `length` is its length in bytes when
    /// known (S3 uploads need it: it becomes `Content-Length`, or with chunked signing
    /// `x-amz-decoded-content-length`); the source must then give exactly that many bytes.
    pub fn from_source(source: impl BodySource + 'static, length: Option<u64>) -> Self {
        Self::from_boxed(Box::new(source), length)
    }

    /// As [`ByteStream::from_source`], with the source boxed already (what the client hands a
    /// streaming output).
    pub fn from_boxed(source: Box<dyn BodySource>, length: Option<u64>) -> Self {
        Self(Inner::Source {
            source: Arc::new(Mutex::new(Some(source))),
            length,
        })
    }

    /// A stream of the file at `path`, read in [`CHUNK_SIZE`] chunks when sent; its length is
    /// the file's now. The file is opened again for each attempt, so an upload of it can be
    /// retried.
    #[cfg(feature = "client")]
    pub fn from_path(path: impl Into<std::path::PathBuf>) -> std::io::Result<Self> {
        let path = path.into();
        let length = std::fs::metadata(&path)?.len();
        Ok(Self(Inner::File { path, length }))
    }

    /// A stream read from a tokio `AsyncRead` (a file, a socket, a pipe, a decompressor, …) in
    /// [`CHUNK_SIZE`] chunks, once; `length` as for [`ByteStream::from_source`].
    #[cfg(feature = "client")]
    pub fn from_reader(
        reader: impl tokio::io::AsyncRead + Send + Unpin + 'static,
        length: Option<u64>,
    ) -> Self {
        Self::from_source(ReaderSource::new(reader), length)
    }

    /// The length in bytes, when known.
    pub fn length(&self) -> Option<u64> {
        match &self.0 {
            Inner::Bytes(b) => Some(b.len() as u64),
            Inner::Source { length, .. } => *length,
            #[cfg(feature = "client")]
            Inner::File { length, .. } => Some(*length),
        }
    }

    /// The bytes, when the stream is in memory (made from bytes, or parsed from a whole
    /// response body).
    pub fn as_bytes(&self) -> Option<&[u8]> {
        match &self.0 {
            Inner::Bytes(b) => Some(b),
            _ => None,
        }
    }

    /// Whether the body can be sent again (bytes and files can; a source is read once).
    pub fn is_replayable(&self) -> bool {
        !matches!(self.0, Inner::Source { .. })
    }

    /// The body's chunks, to send or read: bytes as one chunk (a copy), a file opened anew, a
    /// source taken (later calls, on this stream or its clones, fail).
    pub fn take_source(&self) -> Result<Box<dyn BodySource>, BodyError> {
        match &self.0 {
            Inner::Bytes(b) => Ok(Box::new(Once(Some(b.clone())))),
            Inner::Source { source, .. } => source
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .take()
                .ok_or_else(|| BodyError::new("the stream was read already")),
            #[cfg(feature = "client")]
            Inner::File { path, .. } => Ok(Box::new(FileSource {
                path: path.clone(),
                reader: None,
            })),
        }
    }

    /// The next chunk; `Ok(None)` at the end. Reading moves through the stream: bytes are
    /// given once, a file is opened on the first call.
    pub async fn next_chunk(&mut self) -> Result<Option<Vec<u8>>, BodyError> {
        if let Inner::Bytes(b) = &mut self.0 {
            return Ok((!b.is_empty()).then(|| std::mem::take(b)));
        }
        if !matches!(self.0, Inner::Source { .. }) {
            let source = self.take_source()?;
            self.0 = Inner::Source {
                source: Arc::new(Mutex::new(Some(source))),
                length: self.length(),
            };
        }
        let Inner::Source { source, .. } = &self.0 else {
            unreachable!("made a source above")
        };
        let taken = source
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .take();
        let Some(mut taken) = taken else {
            return Err(BodyError::new("the stream was read already"));
        };
        let chunk = taken.next_chunk().await;
        *source
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(taken);
        chunk
    }

    /// Reads the rest of the stream into memory.
    pub async fn collect(self) -> Result<Vec<u8>, BodyError> {
        if let Inner::Bytes(b) = self.0 {
            return Ok(b);
        }
        let mut source = self.take_source()?;
        let mut all = Vec::new();
        while let Some(chunk) = source.next_chunk().await? {
            all.extend_from_slice(&chunk);
        }
        Ok(all)
    }

    /// Reads the rest of the stream into a [`Blob`].
    pub async fn into_blob(self) -> Result<Blob, BodyError> {
        self.collect().await.map(Blob::new)
    }
}

impl fmt::Debug for ByteStream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Inner::Bytes(b) => write!(f, "ByteStream({} bytes in memory)", b.len()),
            Inner::Source { length, .. } => write!(f, "ByteStream(source, length {length:?})"),
            #[cfg(feature = "client")]
            Inner::File { path, length } => {
                write!(f, "ByteStream(file {}, {length} bytes)", path.display())
            }
        }
    }
}

/// Bytes compare by value; a source is equal only to itself (or its clones); a file by path.
impl PartialEq for ByteStream {
    fn eq(&self, other: &Self) -> bool {
        match (&self.0, &other.0) {
            (Inner::Bytes(a), Inner::Bytes(b)) => a == b,
            (Inner::Source { source: a, .. }, Inner::Source { source: b, .. }) => Arc::ptr_eq(a, b),
            #[cfg(feature = "client")]
            (Inner::File { path: a, .. }, Inner::File { path: b, .. }) => a == b,
            _ => false,
        }
    }
}

impl From<Vec<u8>> for ByteStream {
    fn from(bytes: Vec<u8>) -> Self {
        Self::new(bytes)
    }
}

impl From<&[u8]> for ByteStream {
    fn from(bytes: &[u8]) -> Self {
        Self::new(bytes)
    }
}

impl From<&str> for ByteStream {
    fn from(text: &str) -> Self {
        Self::new(text.as_bytes())
    }
}

impl From<String> for ByteStream {
    fn from(text: String) -> Self {
        Self::new(text.into_bytes())
    }
}

impl From<Blob> for ByteStream {
    fn from(blob: Blob) -> Self {
        Self::new(blob.into_inner())
    }
}

/// As a [`Blob`] (base64); a stream not in memory cannot be serialized.
#[cfg(feature = "serde")]
impl serde::Serialize for ByteStream {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.as_bytes() {
            Some(bytes) => serializer.serialize_str(&Blob::new(bytes).to_base64()),
            None => Err(serde::ser::Error::custom(
                "a ByteStream that is not in memory cannot be serialized",
            )),
        }
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for ByteStream {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Blob::deserialize(deserializer).map(Self::from)
    }
}

/// For generated `build_request`s: the body of a streaming payload, `(bytes, content type)`:
/// the bytes when in memory, else none (the caller sends the stream).
#[doc(hidden)]
pub fn payload(stream: &ByteStream, media: &'static str) -> (Vec<u8>, Option<&'static str>) {
    (stream.as_bytes().unwrap_or_default().to_vec(), Some(media))
}

/// For generated `build_request`s: a stream not in memory whose length is known sets
/// `Content-Length`.
#[doc(hidden)]
pub fn set_length<B>(request: &mut http::Request<B>, stream: Option<&ByteStream>) {
    if let Some(stream) = stream
        && stream.as_bytes().is_none()
        && let Some(length) = stream.length()
    {
        request.headers_mut().insert(
            http::header::CONTENT_LENGTH,
            http::HeaderValue::from(length),
        );
    }
}

/// Bytes given as one chunk.
struct Once(Option<Vec<u8>>);

impl BodySource for Once {
    fn next_chunk(&mut self) -> ChunkFuture<'_> {
        let chunk = self.0.take().filter(|b| !b.is_empty());
        Box::pin(async move { Ok(chunk) })
    }
}

/// A tokio reader read in [`CHUNK_SIZE`] chunks.
#[cfg(feature = "client")]
struct ReaderSource<R> {
    reader: R,
}

#[cfg(feature = "client")]
impl<R: tokio::io::AsyncRead + Send + Unpin> ReaderSource<R> {
    fn new(reader: R) -> Self {
        Self { reader }
    }

    /// Reads up to a chunk (less only at the end).
    async fn read_chunk(&mut self) -> Result<Option<Vec<u8>>, BodyError> {
        let mut chunk = vec![0; CHUNK_SIZE];
        let mut filled = 0;
        while filled < CHUNK_SIZE {
            let read = std::future::poll_fn(|cx| {
                let mut buf = tokio::io::ReadBuf::new(&mut chunk[filled..]);
                std::pin::Pin::new(&mut self.reader)
                    .poll_read(cx, &mut buf)
                    .map_ok(|()| buf.filled().len())
            })
            .await
            .map_err(|e| BodyError::new(format!("cannot read the body: {e}")))?;
            if read == 0 {
                break;
            }
            filled += read;
        }
        chunk.truncate(filled);
        Ok((filled > 0).then_some(chunk))
    }
}

#[cfg(feature = "client")]
impl<R: tokio::io::AsyncRead + Send + Unpin> BodySource for ReaderSource<R> {
    fn next_chunk(&mut self) -> ChunkFuture<'_> {
        Box::pin(self.read_chunk())
    }
}

/// A file, opened on the first read.
#[cfg(feature = "client")]
struct FileSource {
    path: std::path::PathBuf,
    reader: Option<ReaderSource<tokio::fs::File>>,
}

#[cfg(feature = "client")]
impl BodySource for FileSource {
    fn next_chunk(&mut self) -> ChunkFuture<'_> {
        Box::pin(async move {
            if self.reader.is_none() {
                let file = tokio::fs::File::open(&self.path).await.map_err(|e| {
                    BodyError::new(format!("cannot open {}: {e}", self.path.display()))
                })?;
                self.reader = Some(ReaderSource::new(file));
            }
            match &mut self.reader {
                Some(reader) => reader.read_chunk().await,
                None => Ok(None),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Chunks from a list.
    struct Chunks(Vec<Vec<u8>>);

    impl BodySource for Chunks {
        fn next_chunk(&mut self) -> ChunkFuture<'_> {
            let chunk = (!self.0.is_empty()).then(|| self.0.remove(0));
            Box::pin(async move { Ok(chunk) })
        }
    }

    fn block_on<F: std::future::Future>(f: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("runtime")
            .block_on(f)
    }

    #[test]
    fn bytes_are_in_memory_and_replayable() {
        let s = ByteStream::from("hello");
        assert_eq!(s.as_bytes(), Some(&b"hello"[..]));
        assert_eq!(s.length(), Some(5));
        assert!(s.is_replayable());
        let copy = s.clone();
        assert_eq!(block_on(s.collect()).unwrap(), b"hello");
        assert_eq!(copy.as_bytes(), Some(&b"hello"[..]));
    }

    #[test]
    fn a_source_is_read_once_and_in_order() {
        let s = ByteStream::from_source(Chunks(vec![b"ab".to_vec(), b"cd".to_vec()]), Some(4));
        assert_eq!(s.as_bytes(), None);
        assert_eq!(s.length(), Some(4));
        assert!(!s.is_replayable());
        let clone = s.clone();
        assert_eq!(s, clone);
        assert_eq!(block_on(s.collect()).unwrap(), b"abcd");
        assert!(clone.take_source().is_err(), "the clone shares the source");
    }

    #[test]
    fn next_chunk_reads_at_the_callers_pace() {
        let mut s = ByteStream::from_source(Chunks(vec![b"a".to_vec(), b"b".to_vec()]), None);
        block_on(async {
            assert_eq!(s.next_chunk().await.unwrap(), Some(b"a".to_vec()));
            assert_eq!(s.next_chunk().await.unwrap(), Some(b"b".to_vec()));
            assert_eq!(s.next_chunk().await.unwrap(), None);
        });
    }

    #[test]
    fn a_reader_is_read_in_chunks() {
        let data: Vec<u8> = (0..CHUNK_SIZE * 2 + 10).map(|i| i as u8).collect();
        let s = ByteStream::from_reader(std::io::Cursor::new(data.clone()), None);
        let mut source = s.take_source().unwrap();
        let sizes = block_on(async {
            let mut sizes = Vec::new();
            let mut all = Vec::new();
            while let Some(c) = source.next_chunk().await.unwrap() {
                sizes.push(c.len());
                all.extend(c);
            }
            assert_eq!(all, data);
            sizes
        });
        assert_eq!(sizes, [CHUNK_SIZE, CHUNK_SIZE, 10]);
    }

    #[test]
    fn build_request_helpers() {
        assert_eq!(
            payload(&ByteStream::from("x"), "a/b"),
            (b"x".to_vec(), Some("a/b"))
        );
        let stream = ByteStream::from_source(Chunks(Vec::new()), Some(7));
        assert_eq!(payload(&stream, "a/b"), (Vec::new(), Some("a/b")));
        let mut request = http::Request::new(Vec::<u8>::new());
        set_length(&mut request, Some(&stream));
        assert_eq!(request.headers()["content-length"], "7");
        let mut request = http::Request::new(b"x".to_vec());
        set_length(&mut request, Some(&ByteStream::from("x")));
        assert!(request.headers().get("content-length").is_none());
    }
}
