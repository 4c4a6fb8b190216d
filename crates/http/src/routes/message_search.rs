//! `GET|POST /agent/v1/message/search`.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json as JsonOut, Router};
use serde::Deserialize;
use serde_json::json;
use sympod_core::messages::MessageSearch;
use sympod_model::stream::StreamType;
use sympod_model::{StreamId, UserId};

use crate::AppState;
use crate::error::{ApiError, ApiResult};
use crate::extract::{Json, Query, Session};
use crate::views::messages::v4_message;

pub fn routes() -> Router<AppState> {
    Router::new().route("/agent/v1/message/search", get(search_get).post(search_post))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SearchParams {
    query: Option<String>,
    skip: Option<i64>,
    limit: Option<i64>,
    sort_dir: Option<String>,
}

/// `MessageSearchQuery`.
#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct SearchQuery {
    text: Option<String>,
    stream_id: Option<String>,
    stream_type: Option<String>,
    author: Option<i64>,
    hashtag: Option<String>,
    cashtag: Option<String>,
    mention: Option<i64>,
    from_date: Option<i64>,
    to_date: Option<i64>,
    signal: Option<String>,
}

impl SearchQuery {
    /// The GET form: `key:value` terms separated by spaces (`hashtag:fx author:123 text:spot`).
    fn parse(query: &str) -> ApiResult<Self> {
        let mut q = SearchQuery::default();
        for term in query.split_whitespace() {
            let (key, value) = term
                .split_once(':')
                .ok_or_else(|| ApiError::bad_request(format!("Invalid search term {term}: use key:value")))?;
            let number = |v: &str| {
                v.parse::<i64>().map_err(|_| ApiError::bad_request(format!("{key} must be a number")))
            };
            match key {
                "text" => q.text = Some(q.text.map_or(value.to_owned(), |t| format!("{t} {value}"))),
                "streamId" => q.stream_id = Some(value.to_owned()),
                "streamType" => q.stream_type = Some(value.to_owned()),
                "author" => q.author = Some(number(value)?),
                "hashtag" => q.hashtag = Some(value.to_owned()),
                "cashtag" => q.cashtag = Some(value.to_owned()),
                "mention" => q.mention = Some(number(value)?),
                "fromDate" => q.from_date = Some(number(value)?),
                "toDate" => q.to_date = Some(number(value)?),
                other => return Err(ApiError::bad_request(format!("Unknown search key {other}"))),
            }
        }
        Ok(q)
    }

    fn into_search(self) -> ApiResult<MessageSearch> {
        if self.signal.is_some() {
            return Err(ApiError::bad_request("Searching by signal is not supported"));
        }
        let stream_types = match self.stream_type.as_deref().map(str::to_ascii_uppercase).as_deref() {
            None => Vec::new(),
            Some("CHAT") => vec![StreamType::Im, StreamType::Mim, StreamType::Room],
            Some(t) => vec![
                StreamType::parse(t)
                    .ok_or_else(|| ApiError::bad_request(format!("Unknown streamType {t}")))?,
            ],
        };
        Ok(MessageSearch {
            text: self.text,
            stream: self.stream_id.as_deref().map(StreamId::parse).transpose()?,
            stream_types,
            author: self.author.map(UserId),
            hashtag: self.hashtag,
            cashtag: self.cashtag,
            mention: self.mention,
            from: self.from_date,
            to: self.to_date,
        })
    }
}

async fn run(
    state: &AppState,
    caller: &sympod_core::Caller,
    query: SearchQuery,
    params: &SearchParams,
) -> ApiResult<Response> {
    let (skip, limit) = (params.skip.unwrap_or(0), params.limit.unwrap_or(50));
    if skip < 0 || !(1..=500).contains(&limit) {
        return Err(ApiError::bad_request("skip must not be negative and limit must be 1 to 500"));
    }
    let ascending = match params.sort_dir.as_deref().map(str::to_ascii_uppercase).as_deref() {
        None | Some("DESC") => false,
        Some("ASC") => true,
        Some(other) => {
            return Err(ApiError::bad_request(format!("sortDir must be ASC or DESC, not {other}")));
        }
    };
    let found = state
        .core
        .search_messages(caller, &query.into_search()?, skip as usize, limit as usize, ascending)
        .await?;
    if found.is_empty() {
        return Ok(StatusCode::NO_CONTENT.into_response());
    }
    Ok(JsonOut(json!(found.iter().map(v4_message).collect::<Vec<_>>())).into_response())
}

/// `GET /agent/v1/message/search?query=&skip=&limit=&sortDir=`: `query` of `key:value` terms.
/// Messages of the streams the caller may read, newest first; 204 when none.
async fn search_get(
    State(state): State<AppState>,
    Session(caller): Session,
    Query(params): Query<SearchParams>,
) -> ApiResult<Response> {
    let query = params
        .query
        .as_deref()
        .ok_or_else(|| ApiError::bad_request("The query parameter query is required"))?;
    let query = SearchQuery::parse(query)?;
    run(&state, &caller, query, &params).await
}

/// `POST /agent/v1/message/search?skip=&limit=&sortDir=`: the same with a `MessageSearchQuery` body.
async fn search_post(
    State(state): State<AppState>,
    Session(caller): Session,
    Query(params): Query<SearchParams>,
    Json(query): Json<SearchQuery>,
) -> ApiResult<Response> {
    run(&state, &caller, query, &params).await
}
