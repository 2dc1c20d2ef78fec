//! The body of a streamed upload as the transport sends it: the chunks of a
//! [`ByteStream`](super::byte_stream::ByteStream)'s source, read as the connection takes them
//! (never more than a chunk or two in memory), either as they come or, with chunked signing
//! ([`aws_chunked`](super::aws_chunked)), regrouped into chunks of
//! [`CHUNK_SIZE`] and framed with their signatures. A source
//! that gives more or fewer bytes than the length it declared is an error, not a short or
//! overlong request.

use std::collections::VecDeque;
use std::future::Future;
use std::io::Cursor;
use std::pin::Pin;
use std::task::{Context, Poll};

use super::aws_chunked::{CHUNK_SIZE, ChunkSigner};
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
    signer: Option<ChunkSigner>,
    /// With a signer: bytes not yet framed (less than a chunk).
    buffer: Vec<u8>,
    ready: VecDeque<Vec<u8>>,
    done: bool,
}

impl std::fmt::Debug for UploadBody {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UploadBody")
            .field("declared", &self.declared)
            .field("read", &self.read)
            .field("chunk_signed", &self.signer.is_some())
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
            signer: None,
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
            signer: Some(signer),
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
        let Some(signer) = &mut self.signer else {
            self.ready.push_back(chunk);
            return;
        };
        self.buffer.extend_from_slice(&chunk);
        let size = CHUNK_SIZE as usize;
        while self.buffer.len() >= size {
            let rest = self.buffer.split_off(size);
            let full = std::mem::replace(&mut self.buffer, rest);
            self.ready.push_back(signer.frame(&full));
        }
    }

    fn finish(&mut self) {
        if let Some(signer) = &mut self.signer {
            if !self.buffer.is_empty() {
                let last = std::mem::take(&mut self.buffer);
                self.ready.push_back(signer.frame(&last));
            }
            self.ready.push_back(signer.frame(&[]));
        }
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
