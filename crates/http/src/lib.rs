//! sympod's HTTP face, on axum.
//!
//! [`router`] lists every route. Handlers are thin: extract, call one use case of
//! [`sympod_core::Core`], map the answer to a Symphony wire type. Every error, including a bad body,
//! query, path, an unknown route or method, is a Symphony error body ([`error::ApiError`]).

mod drain;
pub mod error;
pub mod extract;
mod routes;
pub mod views;

use std::sync::Arc;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use sympod_core::Core;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::trace::TraceLayer;

use crate::error::ApiError;

/// The agent version `GET /agent/v1/info` reports. The SDK parses `Agent-<major>.<minor>.` and needs
/// 25.8 or later for the features sympod serves.
pub const AGENT_VERSION: &str = "Agent-25.8.1-sympod";

/// The largest multipart body of a message create or update: room for several attachments at the
/// default 25 MB file limit, which is enforced per file as the bytes arrive. A larger configured
/// file limit raises it, so that one file of that size always fits.
const MESSAGE_BODY_LIMIT: usize = 128 * 1024 * 1024;

/// The body limit of message writes for a file limit of `max_attachment` bytes.
fn message_body_limit(max_attachment: usize) -> usize {
    MESSAGE_BODY_LIMIT.max(max_attachment.saturating_add(1024 * 1024))
}

/// What the routes share.
#[derive(Clone)]
pub struct AppState {
    pub core: Arc<Core>,
    /// The URL this server answers on, as `/agent/v1/info` reports it.
    pub public_url: Arc<str>,
}

/// Every route of sympod, under `/login`, `/relay`, `/pod` and `/agent`.
pub fn router(state: AppState) -> Router {
    let message_body = message_body_limit(state.core.config().max_attachment_bytes);
    Router::new()
        .merge(routes::login::routes())
        .merge(routes::system::routes())
        .merge(routes::admin_users::routes())
        .merge(routes::users::routes())
        .merge(routes::apps::routes())
        .merge(routes::ims::routes())
        .merge(routes::rooms::routes())
        .merge(routes::membership::routes())
        .merge(routes::streams::routes())
        .merge(
            routes::messages::routes()
                .layer(DefaultBodyLimit::max(message_body))
                .layer(axum::middleware::from_fn_with_state(message_body, drain::on_refusal)),
        )
        .merge(routes::message_oversight::routes())
        .merge(routes::message_search::routes())
        .merge(routes::share::routes())
        .merge(routes::datafeed::routes())
        .merge(routes::dlp_dictionaries::routes())
        .merge(routes::dlp_policies::routes())
        .merge(routes::dlp_violations::routes())
        .fallback(unknown_route)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(DefaultBodyLimit::max(2 * 1024 * 1024))
        .layer(CatchPanicLayer::custom(|_| {
            tracing::error!("a request handler panicked");
            ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "Internal server error").into_response_owned()
        }))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

async fn unknown_route() -> ApiError {
    ApiError::not_found("Resource not found")
}

async fn method_not_allowed() -> ApiError {
    ApiError::new(StatusCode::METHOD_NOT_ALLOWED, "Method not allowed")
}

impl ApiError {
    fn into_response_owned(self) -> axum::response::Response {
        axum::response::IntoResponse::into_response(self)
    }
}
