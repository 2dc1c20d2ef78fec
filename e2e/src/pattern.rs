//! A body of any length generated on the fly (never held whole in memory), and the check of a
//! downloaded body against it chunk by chunk: what the streaming S3 tests and the throughput
//! command upload and download.

use crate::runtime::operation::{BodySource, ChunkFuture};

/// Byte `i` of every pattern body: not periodic at any chunk size the client or a server
/// uses, so a chunk sent twice, dropped or reordered shows.
pub fn byte(i: u64) -> u8 {
    (i.wrapping_mul(2_654_435_761) >> 13) as u8 ^ (i >> 16) as u8
}

/// The pattern's bytes `[start, start + len)`, as a [`BodySource`] of chunks of `chunk` bytes.
#[derive(Debug)]
pub struct Pattern {
    next: u64,
    end: u64,
    chunk: u64,
}

impl Pattern {
    /// The first `len` bytes of the pattern.
    pub fn new(len: u64) -> Self {
        Self::range(0, len)
    }

    /// Bytes `[start, start + len)` of the pattern, in 64 KiB chunks.
    pub fn range(start: u64, len: u64) -> Self {
        Self {
            next: start,
            end: start + len,
            chunk: 64 * 1024,
        }
    }

    /// The same bytes in chunks of `chunk` bytes.
    pub fn with_chunk(mut self, chunk: u64) -> Self {
        self.chunk = chunk.max(1);
        self
    }
}

impl BodySource for Pattern {
    fn next_chunk(&mut self) -> ChunkFuture<'_> {
        let len = self.chunk.min(self.end - self.next);
        let chunk = (len > 0).then(|| (self.next..self.next + len).map(byte).collect());
        self.next += len;
        Box::pin(async move { Ok(chunk) })
    }
}

/// Checks a body against the pattern as it arrives: feed it every chunk in order.
#[derive(Debug, Default)]
pub struct Checker {
    seen: u64,
    first_difference: Option<u64>,
}

impl Checker {
    /// Checks the next `chunk` of the body.
    pub fn feed(&mut self, chunk: &[u8]) {
        if self.first_difference.is_none()
            && let Some(at) = chunk
                .iter()
                .zip(self.seen..)
                .position(|(b, i)| *b != byte(i))
        {
            self.first_difference = Some(self.seen + at as u64);
        }
        self.seen += chunk.len() as u64;
    }

    /// Bytes seen so far.
    pub fn seen(&self) -> u64 {
        self.seen
    }

    /// The offset of the first byte that differs from the pattern, if any.
    pub fn first_difference(&self) -> Option<u64> {
        self.first_difference
    }
}
