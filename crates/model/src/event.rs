//! Events: what happened, recorded in the durable log in the same transaction as the change.
//!
//! The log keeps domain facts (ids and snapshots), not wire payloads: the datafeed renders them as the
//! spec's `V4Event`s when it delivers them. Each event names its audience, the users who could see it
//! when it happened, so that delivery never has to reconstruct past membership.

use serde::{Deserialize, Serialize};

use crate::stream::{RoomAttributes, StreamType};
use crate::{MessageId, Millis, StreamId, UserId};

/// The spec's event types that streams cause.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "SCREAMING_SNAKE_CASE")]
pub enum EventKind {
    #[serde(rename = "INSTANTMESSAGECREATED")]
    InstantMessageCreated { members: Vec<UserId> },
    #[serde(rename = "ROOMCREATED")]
    RoomCreated { room: RoomAttributes },
    #[serde(rename = "ROOMUPDATED")]
    RoomUpdated { room: RoomAttributes },
    #[serde(rename = "ROOMDEACTIVATED")]
    RoomDeactivated,
    #[serde(rename = "ROOMREACTIVATED")]
    RoomReactivated { room: RoomAttributes },
    #[serde(rename = "USERJOINEDROOM")]
    UserJoinedRoom { affected: UserId },
    #[serde(rename = "USERLEFTROOM")]
    UserLeftRoom { affected: UserId },
    #[serde(rename = "ROOMMEMBERPROMOTEDTOOWNER")]
    RoomMemberPromotedToOwner { affected: UserId },
    #[serde(rename = "ROOMMEMBERDEMOTEDFROMOWNER")]
    RoomMemberDemotedFromOwner { affected: UserId },
    /// A message, or a new version of one (which `replaces` the previous).
    #[serde(rename = "MESSAGESENT")]
    MessageSent { message: MessageId },
    #[serde(rename = "MESSAGESUPPRESSED")]
    MessageSuppressed { message: MessageId },
    /// An article shared into a stream (`POST /agent/v3/stream/{sid}/share`).
    #[serde(rename = "SHAREDPOST")]
    SharedPost { message: MessageId },
    /// A user submitted a Symphony Elements form of `message`.
    #[serde(rename = "SYMPHONYELEMENTSACTION")]
    ElementsAction { message: MessageId, form_id: String, values: serde_json::Value },
}

impl EventKind {
    /// The spec's name of the event type.
    pub fn type_name(&self) -> &'static str {
        match self {
            Self::InstantMessageCreated { .. } => "INSTANTMESSAGECREATED",
            Self::RoomCreated { .. } => "ROOMCREATED",
            Self::RoomUpdated { .. } => "ROOMUPDATED",
            Self::RoomDeactivated => "ROOMDEACTIVATED",
            Self::RoomReactivated { .. } => "ROOMREACTIVATED",
            Self::UserJoinedRoom { .. } => "USERJOINEDROOM",
            Self::UserLeftRoom { .. } => "USERLEFTROOM",
            Self::RoomMemberPromotedToOwner { .. } => "ROOMMEMBERPROMOTEDTOOWNER",
            Self::RoomMemberDemotedFromOwner { .. } => "ROOMMEMBERDEMOTEDFROMOWNER",
            Self::MessageSent { .. } => "MESSAGESENT",
            Self::MessageSuppressed { .. } => "MESSAGESUPPRESSED",
            Self::SharedPost { .. } => "SHAREDPOST",
            Self::ElementsAction { .. } => "SYMPHONYELEMENTSACTION",
        }
    }
}

/// An event about to be appended; the store gives it its sequence number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEvent {
    pub at: Millis,
    pub initiator: UserId,
    pub stream: StreamId,
    pub stream_type: StreamType,
    pub kind: EventKind,
    /// Who may receive it: the members when it happened, and the user a membership change affects.
    pub audience: Vec<UserId>,
}

/// An event of the log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// Position in the log: strictly increasing, never reused.
    pub seq: i64,
    pub event: NewEvent,
}
