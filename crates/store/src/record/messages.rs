//! How messages are laid out in rows: columns for what queries order and filter on, one JSON
//! document for the content.

use serde::{Deserialize, Serialize};
use sympod_model::message::{Attachment, Content, Message, MessageState};
use sympod_model::{MessageId, StreamId, UserId};

/// The JSON document of a message row.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct MessageDocument {
    content: Content,
    attachments: Vec<Attachment>,
    via_app: Option<String>,
    silent: Option<bool>,
    suppressed_at: Option<i64>,
}

/// The columns of a message row.
#[derive(Debug)]
pub struct MessageRow {
    pub id: String,
    pub stream_id: String,
    pub author_id: i64,
    pub created_at: i64,
    pub initial_id: String,
    pub initial_at: i64,
    pub replaces: Option<String>,
    pub replaced_by: Option<String>,
    pub state: String,
    pub document: String,
}

fn state_str(s: MessageState) -> &'static str {
    match s {
        MessageState::Active => "ACTIVE",
        MessageState::Suppressed => "SUPPRESSED",
        MessageState::Deleted => "DELETED",
    }
}

impl MessageRow {
    pub fn of(m: &Message) -> Self {
        let doc = MessageDocument {
            content: m.content.clone(),
            attachments: m.attachments.clone(),
            via_app: m.via_app.clone(),
            silent: m.silent,
            suppressed_at: m.suppressed_at,
        };
        Self {
            id: m.id.to_string(),
            stream_id: m.stream.to_string(),
            author_id: m.author.0,
            created_at: m.created_at,
            initial_id: m.initial_id.to_string(),
            initial_at: m.initial_at,
            replaces: m.replaces.as_ref().map(ToString::to_string),
            replaced_by: m.replaced_by.as_ref().map(ToString::to_string),
            state: state_str(m.state).to_owned(),
            document: serde_json::to_string(&doc).expect("a message document serialises"),
        }
    }

    pub fn into_message(self) -> anyhow::Result<Message> {
        let doc: MessageDocument = serde_json::from_str(&self.document)?;
        let state = match self.state.as_str() {
            "SUPPRESSED" => MessageState::Suppressed,
            "DELETED" => MessageState::Deleted,
            _ => MessageState::Active,
        };
        Ok(Message {
            id: MessageId::parse(&self.id)?,
            stream: StreamId::parse(&self.stream_id)?,
            author: UserId(self.author_id),
            created_at: self.created_at,
            initial_id: MessageId::parse(&self.initial_id)?,
            initial_at: self.initial_at,
            replaces: self.replaces.as_deref().map(MessageId::parse).transpose()?,
            replaced_by: self.replaced_by.as_deref().map(MessageId::parse).transpose()?,
            state,
            content: doc.content,
            attachments: doc.attachments,
            via_app: doc.via_app,
            silent: doc.silent,
            suppressed_at: doc.suppressed_at,
        })
    }
}
