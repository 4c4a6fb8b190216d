//! DLP dictionaries: `/agent/v1/dlp/dictionaries`, with their content's upload and download.

use axum::extract::{DefaultBodyLimit, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json as JsonOut, Router};
use base64::Engine as _;
use serde::Deserialize;
use serde_json::{Value, json};
use sympod_core::dlp::MAX_CONTENT_BYTES;

use crate::AppState;
use crate::error::{ApiError, ApiResult};
use crate::extract::{Form, Json, Path, Query, Session};
use crate::views::dlp::dictionary_meta;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/agent/v1/dlp/dictionaries", get(list).post(create))
        .route("/agent/v1/dlp/dictionaries/{id}", get(one).put(rename).delete(delete))
        .route("/agent/v1/dlp/dictionaries/{id}/data/download", get(download))
        .route(
            "/agent/v1/dlp/dictionaries/{id}/data/upload",
            // Room for the largest content plus the multipart framing.
            post(upload).layer(DefaultBodyLimit::max(MAX_CONTENT_BYTES + 64 * 1024)),
        )
}

/// `page` and `limit` of the DLP listings.
#[derive(Debug, Default, Deserialize)]
pub struct PageQuery {
    pub page: Option<i64>,
    pub limit: Option<i64>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct VersionQuery {
    dict_version: Option<String>,
}

/// `V1DLPDictionaryMetadataCreateRequest`.
#[derive(Debug, Deserialize)]
struct CreateRequest {
    name: String,
    #[serde(rename = "type")]
    kind: Option<String>,
}

/// `V1DLPDictionaryMetadataUpdateRequest`.
#[derive(Debug, Deserialize)]
struct UpdateRequest {
    name: String,
}

fn data(value: Value) -> JsonOut<Value> {
    JsonOut(json!({ "data": value }))
}

/// `GET /agent/v1/dlp/dictionaries`: `V1DLPDictionaryMetadataCollectionResponse`, oldest first.
async fn list(
    State(state): State<AppState>,
    Session(caller): Session,
    Query(q): Query<PageQuery>,
) -> ApiResult<JsonOut<Value>> {
    let page = state.core.dlp_dictionaries(&caller, q.page, q.limit).await?;
    Ok(JsonOut(json!({
        "items": page.items.iter().map(dictionary_meta).collect::<Vec<_>>(),
        "page": page.page,
        "pageCount": page.page_count,
    })))
}

/// `POST /agent/v1/dlp/dictionaries`: a dictionary (`Word` by default) with no content.
async fn create(
    State(state): State<AppState>,
    Session(caller): Session,
    Json(body): Json<CreateRequest>,
) -> ApiResult<JsonOut<Value>> {
    let d = state.core.create_dlp_dictionary(&caller, &body.name, body.kind.as_deref()).await?;
    Ok(data(dictionary_meta(&d)))
}

/// `GET /agent/v1/dlp/dictionaries/{id}?dictVersion=`.
async fn one(
    State(state): State<AppState>,
    Session(caller): Session,
    Path(id): Path<String>,
    Query(q): Query<VersionQuery>,
) -> ApiResult<JsonOut<Value>> {
    let d = state.core.dlp_dictionary(&caller, &id, q.dict_version.as_deref()).await?;
    Ok(data(dictionary_meta(&d)))
}

/// `PUT /agent/v1/dlp/dictionaries/{id}`: only the name changes.
async fn rename(
    State(state): State<AppState>,
    Session(caller): Session,
    Path(id): Path<String>,
    Json(body): Json<UpdateRequest>,
) -> ApiResult<JsonOut<Value>> {
    let d = state.core.rename_dlp_dictionary(&caller, &id, &body.name).await?;
    Ok(data(dictionary_meta(&d)))
}

/// `DELETE /agent/v1/dlp/dictionaries/{id}`: answers the dictionary as it was.
async fn delete(
    State(state): State<AppState>,
    Session(caller): Session,
    Path(id): Path<String>,
) -> ApiResult<JsonOut<Value>> {
    let d = state.core.delete_dlp_dictionary(&caller, &id).await?;
    Ok(data(dictionary_meta(&d)))
}

/// `GET /agent/v1/dlp/dictionaries/{id}/data/download`: the content, base64-encoded, as
/// `application/octet-stream`.
async fn download(
    State(state): State<AppState>,
    Session(caller): Session,
    Path(id): Path<String>,
    Query(q): Query<VersionQuery>,
) -> ApiResult<Response> {
    let (_, content) = state.core.download_dlp_dictionary(&caller, &id, q.dict_version.as_deref()).await?;
    let encoded = base64::engine::general_purpose::STANDARD.encode(content.as_bytes());
    Ok(([(header::CONTENT_TYPE, "application/octet-stream")], encoded).into_response())
}

/// `POST /agent/v1/dlp/dictionaries/{id}/data/upload` (multipart, part `data`): replaces the content.
async fn upload(
    State(state): State<AppState>,
    Session(caller): Session,
    Path(id): Path<String>,
    Form(mut form): Form,
) -> ApiResult<JsonOut<Value>> {
    let bad = |e: axum::extract::multipart::MultipartError| {
        ApiError::new(e.status(), format!("Invalid multipart body: {}", e.body_text()))
    };
    let mut file = None;
    while let Some(field) = form.next_field().await.map_err(bad)? {
        if field.name() == Some("data") {
            file = Some(field.bytes().await.map_err(bad)?.to_vec());
        }
    }
    let file = file.ok_or_else(|| ApiError::bad_request("The multipart part data is required"))?;
    let d = state.core.upload_dlp_dictionary(&caller, &id, file).await?;
    Ok(data(dictionary_meta(&d)))
}
