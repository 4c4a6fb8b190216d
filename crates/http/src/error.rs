//! The one error of the HTTP layer, rendered as Symphony's error body.
//!
//! Pod and login endpoints declare `Error` (`{"code", "message"}`), agent endpoints `V2Error`, which
//! adds an optional `details` object; both come from [`ApiError`]. One `match` maps every core error
//! to its status. A 5xx says nothing internal: its cause is logged once, here.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use sympod_core::CoreError;
use sympod_model::RuleError;

#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
    pub details: Option<serde_json::Value>,
}

#[derive(Serialize)]
struct Body<'a> {
    code: u16,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    details: Option<&'a serde_json::Value>,
}

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        Self { status, message: message.into(), details: None }
    }
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, message)
    }
    pub fn unauthorized(message: impl Into<String>) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, message)
    }
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, message)
    }
}

impl From<CoreError> for ApiError {
    fn from(err: CoreError) -> Self {
        match err {
            CoreError::Rule(RuleError::Invalid(m)) => Self::bad_request(m),
            CoreError::Rule(RuleError::Forbidden(m)) => Self::new(StatusCode::FORBIDDEN, m),
            // Almost no endpoint of the spec declares a 404: a missing user, app or stream is a
            // client error there, and a real pod's SDK raises BadRequestException. Handlers whose
            // endpoint declares a 404 use `ApiError::declaring_404`.
            CoreError::Rule(RuleError::NotFound(m)) => Self::bad_request(m),
            CoreError::Unauthorized(m) => Self::unauthorized(m),
            // Symphony answers duplicates as client errors; none of these endpoints declares a 409.
            CoreError::Conflict(m) => Self::bad_request(m),
            CoreError::Compliance(m) => Self::new(StatusCode::UNAVAILABLE_FOR_LEGAL_REASONS, m),
            CoreError::TooLarge(m) => Self::new(StatusCode::PAYLOAD_TOO_LARGE, m),
            CoreError::Internal(cause) => {
                tracing::error!(error = %format!("{cause:#}"), "request failed");
                Self::new(StatusCode::INTERNAL_SERVER_ERROR, "Internal server error")
            }
        }
    }
}

impl ApiError {
    /// The error of an endpoint whose spec declares a 404: a missing record is a 404 there.
    pub fn declaring_404(err: CoreError) -> Self {
        match err {
            CoreError::Rule(RuleError::NotFound(m)) => Self::not_found(m),
            other => other.into(),
        }
    }
}

impl From<RuleError> for ApiError {
    fn from(err: RuleError) -> Self {
        CoreError::Rule(err).into()
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body =
            Body { code: self.status.as_u16(), message: &self.message, details: self.details.as_ref() };
        (self.status, Json(body)).into_response()
    }
}

pub type ApiResult<T> = Result<T, ApiError>;
