//! Refusals that reach the client. A request refused before its body was read (a 401 for an
//! expired session, a 403, a 413 part-way through a file) would otherwise be answered and the
//! connection closed with the body still arriving: the kernel then resets the connection, and a
//! client that writes its whole body before reading the answer (aiohttp, under the official Python
//! SDK) sees a broken pipe instead of the 401 it would have logged in again on. So the body of a
//! refused request is read to its end and dropped before the answer goes out, within bounds.

use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use bytes::Bytes;
use http_body::{Frame, SizeHint};
use http_body_util::BodyExt;

/// How long a refusal waits for the rest of a body before closing anyway.
const DRAIN_TIME: Duration = Duration::from_secs(30);

/// The request body, shared between the handler and this layer, so that what the handler left
/// unread can still be read once it has answered.
#[derive(Clone)]
struct Shared(Arc<Mutex<Body>>);

impl Shared {
    fn body(&self) -> MutexGuard<'_, Body> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn is_end_stream_now(&self) -> bool {
        http_body::Body::is_end_stream(self)
    }
}

impl http_body::Body for Shared {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
        Pin::new(&mut *self.body()).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.body().is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.body().size_hint()
    }
}

/// Middleware: when the answer is an error, reads what is left of the request body (at most
/// `limit` bytes, for at most [`DRAIN_TIME`]) and drops it, then answers.
pub async fn on_refusal(State(limit): State<usize>, request: Request, next: Next) -> Response {
    let (parts, body) = request.into_parts();
    let shared = Shared(Arc::new(Mutex::new(body)));
    let response = next.run(Request::from_parts(parts, Body::new(shared.clone()))).await;
    let status = response.status();
    if (status.is_client_error() || status.is_server_error()) && !shared.is_end_stream_now() {
        let _ = tokio::time::timeout(DRAIN_TIME, drain(shared, limit)).await;
    }
    response
}

/// Reads frames until the body ends, fails, or passes `limit` bytes.
async fn drain(mut body: Shared, limit: usize) {
    let mut read = 0usize;
    while let Some(Ok(frame)) = body.frame().await {
        read = read.saturating_add(frame.data_ref().map_or(0, Bytes::len));
        if read > limit {
            return;
        }
    }
}
