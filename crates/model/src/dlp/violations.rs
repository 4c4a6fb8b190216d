//! DLP violations: what enforcement records when content matches an enabled policy.

use serde::{Deserialize, Serialize};

use super::{DlpAction, DlpContentType, DlpScope};
use crate::message::{Attachment, Content};
use crate::stream::Stream;
use crate::{MessageId, Millis, StreamId, UserId};

/// The listing a violation belongs to: `/dlp/violations/{message,stream,signal}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ViolationKind {
    Message,
    Stream,
    Signal,
}

impl ViolationKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Message => "message",
            Self::Stream => "stream",
            Self::Signal => "signal",
        }
    }
}

/// What became of the content: refused, delivered (a warning an API caller cannot see), logged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DlpOutcome {
    Blocked,
    Warned,
    Logged,
}

impl DlpOutcome {
    pub fn of(action: DlpAction) -> Self {
        match action {
            DlpAction::Block => Self::Blocked,
            DlpAction::Warn => Self::Warned,
            DlpAction::LogOnly => Self::Logged,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Blocked => "BLOCKED",
            Self::Warned => "WARNED",
            Self::Logged => "LOGGED",
        }
    }
}

/// A policy that matched, as the violation records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MatchedPolicy {
    pub id: String,
    pub name: String,
    pub version: String,
    pub action: DlpAction,
    pub terms: Vec<MatchedTerm>,
}

/// A term that matched, and where it comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MatchedTerm {
    pub rule: String,
    pub dictionary_id: String,
    pub dictionary_name: String,
    pub dictionary_version: String,
    pub term: String,
}

/// What a violation is about, as it was (or would have been) written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ViolationSubject {
    /// A message (its id is the violation's entity id), stored or refused.
    Message {
        stream: StreamId,
        created_at: Millis,
        replaces: Option<MessageId>,
        content: Box<Content>,
        attachments: Vec<Attachment>,
    },
    /// A room as created or updated (or as it would have been).
    Stream(Box<Stream>),
}

/// One enforcement: content that matched at least one enabled policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DlpViolation {
    /// `enforcementEventID`.
    pub id: String,
    pub kind: ViolationKind,
    /// The message or stream id.
    pub entity_id: String,
    pub created_at: Millis,
    pub requester: UserId,
    pub content_type: DlpContentType,
    pub scope: DlpScope,
    /// The strongest action of the matched policies.
    pub action: DlpAction,
    pub outcome: DlpOutcome,
    pub policies: Vec<MatchedPolicy>,
    pub subject: ViolationSubject,
}
