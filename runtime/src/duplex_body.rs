//! The request body of a bidirectional event stream as the transport sends it: the frames of
//! the input's events first, then each frame the caller sends through a channel
//! ([`client::duplex::EventSender`](crate::client::duplex::EventSender)), until the caller ends
//! the stream (the channel's sending half is dropped). An [`http_body::Body`] of unknown
//! length, which HTTP/2 sends as DATA frames while the response is read.

use std::collections::VecDeque;
use std::io::Cursor;
use std::pin::Pin;
use std::task::{Context, Poll};

use tokio::sync::mpsc;

use super::operation::BodyError;

/// A request body fed by a channel: see the module docs.
#[derive(Debug)]
pub struct DuplexBody {
    first: VecDeque<Vec<u8>>,
    frames: mpsc::Receiver<Vec<u8>>,
    done: bool,
}

impl DuplexBody {
    /// A body that sends `first` (each an encoded frame), then whatever comes through the
    /// channel, and ends when its sending half is dropped.
    pub fn new(first: Vec<Vec<u8>>, frames: mpsc::Receiver<Vec<u8>>) -> Self {
        Self {
            first: first.into(),
            frames,
            done: false,
        }
    }
}

impl http_body::Body for DuplexBody {
    type Data = Cursor<Vec<u8>>;
    type Error = BodyError;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Self::Data>, Self::Error>>> {
        let this = self.get_mut();
        if let Some(frame) = this.first.pop_front() {
            return Poll::Ready(Some(Ok(http_body::Frame::data(Cursor::new(frame)))));
        }
        if this.done {
            return Poll::Ready(None);
        }
        match this.frames.poll_recv(cx) {
            Poll::Pending => Poll::Pending,
            Poll::Ready(Some(frame)) => {
                Poll::Ready(Some(Ok(http_body::Frame::data(Cursor::new(frame)))))
            }
            Poll::Ready(None) => {
                this.done = true;
                Poll::Ready(None)
            }
        }
    }

    fn is_end_stream(&self) -> bool {
        self.done && self.first.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use http_body_util::BodyExt;

    use super::DuplexBody;

    #[test]
    fn the_first_frames_then_the_channel_until_it_closes() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        runtime.block_on(async {
            let (tx, rx) = tokio::sync::mpsc::channel(2);
            let mut body = DuplexBody::new(vec![b"a".to_vec(), b"b".to_vec()], rx);
            tx.send(b"c".to_vec()).await.unwrap();
            drop(tx);
            let mut seen = Vec::new();
            while let Some(frame) = body.frame().await {
                seen.push(frame.unwrap().into_data().unwrap().into_inner());
            }
            assert_eq!(seen, [b"a".to_vec(), b"b".to_vec(), b"c".to_vec()]);
            assert!(http_body::Body::is_end_stream(&body));
        });
    }
}
