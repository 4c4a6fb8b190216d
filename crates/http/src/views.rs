//! Symphony's wire types ("views"), kept apart from the domain model: what goes over HTTP, in the
//! spec's field names, converted from and to domain types at the edge.

pub mod apps;
pub mod dlp;
pub mod events;
pub mod messages;
pub mod streams;
pub mod users;

use serde::Serialize;

/// `SuccessResponse`: what many pod write endpoints answer.
#[derive(Debug, Serialize)]
pub struct SuccessResponse {
    pub format: &'static str,
    pub message: String,
}

impl SuccessResponse {
    pub fn text(message: impl Into<String>) -> Self {
        Self { format: "TEXT", message: message.into() }
    }
}
