//! The body of a streamed upload as the transport sends it: the chunks of a
//! [`ByteStream`](super::byte_stream::ByteStream)'s source, read as the connection takes them
//! (never more than a chunk or two in memory), either as they come or, with chunked signing
//! ([`aws_chunked`](super::aws_chunked)), regrouped into chunks of
//! [`CHUNK_SIZE`] and framed with their signatures, or framed and ended by a trailer holding
//! the checksum of the bytes (computed as they pass). A source
//! that gives more or fewer bytes than the length it declared is an error, not a short or
//! overlong request.

use std::collections::VecDeque;
use std::future::Future;
use std::io::Cursor;
use std::pin::Pin;
use std::task::{Context, Poll};

use super::aws_chunked::{CHUNK_SIZE, ChunkSigner};
#[cfg(feature = "checksum")]
use super::checksum::Hasher;
use super::operation::{BodyError, BodySource};

/// The next chunk of a source that the future owns, and the source back.
type Pending =
    Pin<Box<dyn Future<Output = (Box<dyn BodySource>, Result<Option<Vec<u8>>, BodyError>)> + Send>>;

/// A streamed request body: see the module docs. An [`http_body::Body`].
pub struct UploadBody {
    source: Option<Box<dyn BodySource>>,
    pending: Option<Pending>,
    /// The source's declared length, and how much it gave so far.
    declared: Option<u64>,
    read: u64,
    /// The length on the wire (the framed length when signing chunks).
    wire_length: Option<u64>,
    framing: Framing,
    /// When framing: bytes not yet framed (less than a chunk).
    buffer: Vec<u8>,
    ready: VecDeque<Vec<u8>>,
    done: bool,
}

/// How the source's bytes go on the wire. One per upload, so its size does not matter.
#[allow(clippy::large_enum_variant)]
enum Framing {
    /// As they come.
    Plain,
    /// In signed chunks of [`CHUNK_SIZE`], ended by the signed empty chunk.
    Signed(ChunkSigner),
    /// In chunks of [`CHUNK_SIZE`] (signed when there is a signer), then the trailer: the
    /// checksum of the bytes, computed as they pass.
    #[cfg(feature = "checksum")]
    Trailer {
        signer: Option<ChunkSigner>,
        hasher: Option<Hasher>,
    },
}

impl std::fmt::Debug for UploadBody {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let framing = match &self.framing {
            Framing::Plain => "plain",
            Framing::Signed(_) => "signed chunks",
            #[cfg(feature = "checksum")]
            Framing::Trailer {
                signer: Some(_), ..
            } => "signed chunks and trailer",
            #[cfg(feature = "checksum")]
            Framing::Trailer { signer: None, .. } => "chunks and trailer",
        };
        f.debug_struct("UploadBody")
            .field("declared", &self.declared)
            .field("read", &self.read)
            .field("framing", &framing)
            .finish_non_exhaustive()
    }
}

impl UploadBody {
    /// The chunks of `source` as they come; `length` is what the source declared.
    pub fn new(source: Box<dyn BodySource>, length: Option<u64>) -> Self {
        Self {
            source: Some(source),
            pending: None,
            declared: length,
            read: 0,
            wire_length: length,
            framing: Framing::Plain,
            buffer: Vec::new(),
            ready: VecDeque::new(),
            done: false,
        }
    }

    /// The `length` bytes of `source` in signed chunks (`aws-chunked`); `wire_length` is the
    /// framed length (the request's `Content-Length`).
    pub fn chunk_signed(
        source: Box<dyn BodySource>,
        length: u64,
        wire_length: u64,
        signer: ChunkSigner,
    ) -> Self {
        Self {
            wire_length: Some(wire_length),
            framing: Framing::Signed(signer),
            ..Self::new(source, Some(length))
        }
    }

    /// The `length` bytes of `source` in chunks (`aws-chunked`), signed with `signer` if
    /// given, then the trailer `x-amz-checksum-<algorithm>` with `hasher`'s checksum of them;
    /// `wire_length` is the framed length.
    #[cfg(feature = "checksum")]
    pub fn with_trailer(
        source: Box<dyn BodySource>,
        length: u64,
        wire_length: u64,
        signer: Option<ChunkSigner>,
        hasher: Hasher,
    ) -> Self {
        Self {
            wire_length: Some(wire_length),
            framing: Framing::Trailer {
                signer,
                hasher: Some(hasher),
            },
            ..Self::new(source, Some(length))
        }
    }

    /// Reads the whole body into memory (for transports that cannot stream).
    pub async fn collect(mut self) -> Result<Vec<u8>, BodyError> {
        let mut all = Vec::new();
        while let Some(frame) = std::future::poll_fn(|cx| self.poll_next(cx)).await {
            all.extend_from_slice(&frame?);
        }
        Ok(all)
    }

    fn push(&mut self, chunk: Vec<u8>) {
        match &mut self.framing {
            Framing::Plain => {
                self.ready.push_back(chunk);
                return;
            }
            Framing::Signed(_) => {}
            #[cfg(feature = "checksum")]
            Framing::Trailer { hasher, .. } => {
                if let Some(hasher) = hasher {
                    hasher.update(&chunk);
                }
            }
        }
        self.buffer.extend_from_slice(&chunk);
        let size = CHUNK_SIZE as usize;
        while self.buffer.len() >= size {
            let rest = self.buffer.split_off(size);
            let full = std::mem::replace(&mut self.buffer, rest);
            let framed = self.frame(&full);
            self.ready.push_back(framed);
        }
    }

    /// One chunk as the framing sends it.
    fn frame(&mut self, chunk: &[u8]) -> Vec<u8> {
        match &mut self.framing {
            Framing::Plain => chunk.to_vec(),
            Framing::Signed(signer) => signer.frame(chunk),
            #[cfg(feature = "checksum")]
            Framing::Trailer {
                signer: Some(signer),
                ..
            } => signer.frame(chunk),
            #[cfg(feature = "checksum")]
            Framing::Trailer { signer: None, .. } => super::aws_chunked::frame_unsigned(chunk),
        }
    }

    fn finish(&mut self) {
        if matches!(self.framing, Framing::Plain) {
            return;
        }
        if !self.buffer.is_empty() {
            let last = std::mem::take(&mut self.buffer);
            let framed = self.frame(&last);
            self.ready.push_back(framed);
        }
        let end = match &mut self.framing {
            Framing::Plain => return,
            Framing::Signed(signer) => signer.frame(&[]),
            #[cfg(feature = "checksum")]
            Framing::Trailer { signer, hasher } => {
                let Some(hasher) = hasher.take() else {
                    return;
                };
                let name = hasher.algorithm().header_name();
                let value = hasher.finalize_base64();
                match signer {
                    Some(signer) => signer.frame_end_with_trailer(name, &value),
                    None => super::aws_chunked::unsigned_end(name, &value),
                }
            }
        };
        self.ready.push_back(end);
    }

    /// The next piece of the wire body.
    fn poll_next(&mut self, cx: &mut Context<'_>) -> Poll<Option<Result<Vec<u8>, BodyError>>> {
        loop {
            if let Some(out) = self.ready.pop_front() {
                return Poll::Ready(Some(Ok(out)));
            }
            if self.done {
                return Poll::Ready(None);
            }
            let pending = match &mut self.pending {
                Some(pending) => pending,
                None => {
                    let Some(mut source) = self.source.take() else {
                        self.done = true;
                        continue;
                    };
                    self.pending.insert(Box::pin(async move {
                        let chunk = source.next_chunk().await;
                        (source, chunk)
                    }))
                }
            };
            let Poll::Ready((source, chunk)) = pending.as_mut().poll(cx) else {
                return Poll::Pending;
            };
            self.pending = None;
            self.source = Some(source);
            match chunk {
                Err(e) => {
                    self.done = true;
                    return Poll::Ready(Some(Err(e)));
                }
                Ok(Some(chunk)) => {
                    self.read += chunk.len() as u64;
                    if let Some(declared) = self.declared
                        && self.read > declared
                    {
                        self.done = true;
                        return Poll::Ready(Some(Err(BodyError::new(format!(
                            "the stream gave more than the {declared} bytes it declared"
                        )))));
                    }
                    self.push(chunk);
                }
                Ok(None) => {
                    self.done = true;
                    if let Some(declared) = self.declared
                        && self.read != declared
                    {
                        return Poll::Ready(Some(Err(BodyError::new(format!(
                            "the stream ended after {} of the {declared} bytes it declared",
                            self.read
                        )))));
                    }
                    self.finish();
                }
            }
        }
    }
}

impl http_body::Body for UploadBody {
    type Data = Cursor<Vec<u8>>;
    type Error = BodyError;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Self::Data>, Self::Error>>> {
        self.get_mut()
            .poll_next(cx)
            .map(|next| next.map(|piece| piece.map(|p| http_body::Frame::data(Cursor::new(p)))))
    }

    fn is_end_stream(&self) -> bool {
        self.done && self.ready.is_empty()
    }

    fn size_hint(&self) -> http_body::SizeHint {
        match self.wire_length {
            Some(length) => http_body::SizeHint::with_exact(length),
            None => http_body::SizeHint::default(),
        }
    }
}
