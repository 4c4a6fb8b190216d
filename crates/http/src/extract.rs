//! Extractors whose rejections are Symphony error bodies, and the session extractor.
//!
//! axum's own extractors answer bad input with plain-text bodies; these wrap them so that a malformed
//! body, query or path gets a 400 in Symphony's shape that names the offending field.

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use serde::de::DeserializeOwned;
use sympod_core::Caller;

use crate::AppState;
use crate::error::ApiError;

/// A JSON body. Any content type is read as JSON (the SDK always sends `application/json`).
pub struct Json<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Json<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        let bytes = Bytes::from_request(req, state)
            .await
            .map_err(|e| ApiError::new(e.status(), format!("Cannot read the request body: {e}")))?;
        parse_json(&bytes).map(Json)
    }
}

/// Parses a JSON document, naming the failing field in the error.
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        // An optional body (`Option<T>`) may be left out; anything else needs one.
        return serde_json::from_str("null")
            .map_err(|_| ApiError::bad_request("A JSON request body is required"));
    }
    let mut de = serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        if path == "." || path.is_empty() {
            ApiError::bad_request(format!("Invalid JSON body: {inner}"))
        } else {
            ApiError::bad_request(format!("Invalid JSON body at {path}: {inner}"))
        }
    })
}

/// Reads a JSON value already parsed as a typed request, naming the failing field in the error.
pub fn parse_value<T: DeserializeOwned>(value: serde_json::Value) -> Result<T, ApiError> {
    parse_value_at(value, "")
}

/// Like [`parse_value`], for a value found at `at` in the request (`userAttributes`, say), so that
/// the error names the field from the body's root.
pub fn parse_value_at<T: DeserializeOwned>(value: serde_json::Value, at: &str) -> Result<T, ApiError> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let inner = e.path().to_string();
        let path = match (at.is_empty(), inner == ".") {
            (true, true) => return ApiError::bad_request(format!("Invalid JSON body: {}", e.into_inner())),
            (true, false) => inner,
            (false, true) => at.to_owned(),
            (false, false) => format!("{at}.{inner}"),
        };
        ApiError::bad_request(format!("Invalid JSON body at {path}: {}", e.into_inner()))
    })
}

/// A multipart body; a body that is not one is a 400 in Symphony's shape.
pub struct Form(pub axum::extract::Multipart);

impl<S: Send + Sync> FromRequest<S> for Form {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        axum::extract::Multipart::from_request(req, state)
            .await
            .map(Form)
            .map_err(|e| ApiError::new(e.status(), format!("Invalid multipart body: {}", e.body_text())))
    }
}

/// Query parameters; a malformed one is a 400 naming it.
pub struct Query<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for Query<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, ApiError> {
        let query = parts.uri.query().unwrap_or_default();
        serde_urlencoded::from_str(query)
            .map(Query)
            .map_err(|e| ApiError::bad_request(format!("Invalid query parameter: {e}")))
    }
}

/// Path parameters; a malformed one (a non-numeric user id, say) is a 400.
pub struct Path<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for Path<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|p| Path(p.0))
            .map_err(|e| ApiError::bad_request(format!("Invalid path parameter: {}", e.body_text())))
    }
}

/// The calling user, from the `sessionToken` header. A missing, forged, expired or revoked token is
/// a 401, which is what makes the SDK log in again.
pub struct Session(pub Caller);

impl FromRequestParts<AppState> for Session {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let token = parts
            .headers
            .get("sessionToken")
            .and_then(|v| v.to_str().ok())
            .filter(|t| !t.is_empty())
            .ok_or_else(|| ApiError::unauthorized("Invalid session"))?;
        Ok(Session(state.core.session(token).await?))
    }
}
