//! Messages and their edit chains.
//!
//! An update never changes a message: it adds a new version with a new id that `replaces` the old
//! one, and the old one gets `replaced_by`. Every version of a chain knows the chain's first id and
//! timestamp (`initial_id`, `initial_at`), so any version leads to the start, and `replaced_by` leads
//! to the newest.

use serde::{Deserialize, Serialize};

use crate::{MessageId, Millis, StreamId, UserId};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum MessageState {
    Active,
    /// Replaced by a compliance officer's suppression marker.
    Suppressed,
    Deleted,
}

/// A file attached to a message; its bytes are stored apart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Attachment {
    pub id: String,
    pub name: String,
    pub size: i64,
    pub content_type: String,
}

/// What a message says, converted: PresentationML, EntityJSON, and renderings for search.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Content {
    pub presentation_ml: String,
    /// EntityJSON, serialised.
    pub data: String,
    pub text: String,
    pub original_format: String,
    pub hashtags: Vec<String>,
    pub cashtags: Vec<String>,
    pub mentions: Vec<i64>,
    /// The Symphony Elements forms of the message, which users may submit.
    #[serde(default)]
    pub forms: Vec<FormRef>,
}

/// A form of a message: its id and the names of its action buttons.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormRef {
    pub id: String,
    pub buttons: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub id: MessageId,
    pub stream: StreamId,
    pub author: UserId,
    /// Assigned by the store: strictly increasing within a stream.
    pub created_at: Millis,
    pub initial_id: MessageId,
    pub initial_at: Millis,
    pub replaces: Option<MessageId>,
    pub replaced_by: Option<MessageId>,
    pub state: MessageState,
    pub content: Content,
    pub attachments: Vec<Attachment>,
    /// The app an on-behalf-of session sent it through.
    pub via_app: Option<String>,
    /// For updates: false makes recipients see the update as unread.
    pub silent: Option<bool>,
    pub suppressed_at: Option<Millis>,
}

impl Message {
    pub fn is_newest(&self) -> bool {
        self.replaced_by.is_none()
    }
}
