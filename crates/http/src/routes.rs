//! Route handlers, one module per family of endpoints.

pub mod admin_users;
pub mod apps;
pub mod datafeed;
pub mod dlp_dictionaries;
pub mod dlp_policies;
pub mod dlp_violations;
pub mod ims;
pub mod login;
pub mod membership;
pub mod message_oversight;
pub mod message_search;
pub mod messages;
pub mod rooms;
pub mod share;
pub mod streams;
pub mod system;
pub mod users;

use serde::Deserialize;
use sympod_model::StreamId;

use crate::error::ApiError;

/// A stream id from a path, in either base64 form; a malformed one is a 400.
pub fn stream_id(raw: &str) -> Result<StreamId, ApiError> {
    Ok(StreamId::parse(raw)?)
}

/// `skip` and `limit` query parameters.
#[derive(Debug, Default, Deserialize)]
pub struct Paging {
    pub skip: Option<i64>,
    pub limit: Option<i64>,
}

impl Paging {
    /// The page asked for: `skip` defaults to 0, `limit` to `default` and is capped at `max`.
    pub fn resolve(&self, default: i64, max: i64) -> Result<(i64, i64), ApiError> {
        let skip = self.skip.unwrap_or(0);
        let limit = self.limit.unwrap_or(default);
        if skip < 0 || limit < 0 {
            return Err(ApiError::bad_request("skip and limit must not be negative"));
        }
        Ok((skip, limit.min(max)))
    }
}
