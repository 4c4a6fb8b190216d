//! How streams, memberships and events are laid out in rows, shared by every backend.

use sympod_model::event::{Event, EventKind, NewEvent};
use sympod_model::stream::{Member, RoomAttributes, Stream, StreamType};
use sympod_model::{MessageId, PodId, StreamId, UserId};

/// The columns of a stream row.
#[derive(Debug)]
pub struct StreamRow {
    pub id: String,
    pub kind: String,
    pub created_at: i64,
    pub created_by: i64,
    pub active: bool,
    pub conversation_key: Option<String>,
    pub pinned_message: Option<String>,
    pub last_message_at: Option<i64>,
    /// The room's attributes as JSON (rooms only).
    pub room: Option<String>,
    /// Lower-cased name, description and keyword values: what room search matches.
    pub search_text: String,
}

impl StreamRow {
    pub fn of(stream: &Stream) -> Self {
        Self {
            id: stream.id.to_string(),
            kind: stream.kind.as_str().to_owned(),
            created_at: stream.created_at,
            created_by: stream.created_by.0,
            active: stream.active,
            conversation_key: stream.conversation_key.clone(),
            pinned_message: stream.pinned_message.as_ref().map(ToString::to_string),
            last_message_at: stream.last_message_at,
            room: stream.room.as_ref().map(|r| serde_json::to_string(r).expect("room attributes serialise")),
            search_text: stream.room.as_ref().map(search_text).unwrap_or_default(),
        }
    }

    pub fn into_stream(self) -> anyhow::Result<Stream> {
        Ok(Stream {
            id: StreamId::parse(&self.id)?,
            kind: StreamType::parse(&self.kind)
                .ok_or_else(|| anyhow::anyhow!("unknown stream type {}", self.kind))?,
            created_at: self.created_at,
            created_by: UserId(self.created_by),
            active: self.active,
            room: self.room.as_deref().map(serde_json::from_str::<RoomAttributes>).transpose()?,
            pinned_message: self.pinned_message.as_deref().map(MessageId::parse).transpose()?,
            last_message_at: self.last_message_at,
            conversation_key: self.conversation_key,
        })
    }
}

fn search_text(room: &RoomAttributes) -> String {
    let mut text = format!("{}\n{}", room.name, room.description);
    for k in &room.keywords {
        text.push('\n');
        text.push_str(&k.value);
    }
    text.to_lowercase()
}

/// The columns of a membership row.
#[derive(Debug)]
pub struct MemberRow {
    pub user_id: i64,
    pub pod_id: i64,
    pub owner: bool,
    pub joined_at: i64,
    pub left_at: Option<i64>,
}

impl MemberRow {
    pub fn into_member(self) -> Member {
        Member {
            user: UserId(self.user_id),
            pod: PodId(self.pod_id),
            owner: self.owner,
            joined_at: self.joined_at,
            left_at: self.left_at,
        }
    }
}

/// The columns of an event row (its `seq` is the backend's).
#[derive(Debug)]
pub struct EventRow {
    pub seq: i64,
    pub at: i64,
    pub initiator: i64,
    pub stream_id: String,
    pub stream_type: String,
    /// The `EventKind` as JSON, tagged with the spec's type name.
    pub kind: String,
    /// The audience's user ids as a JSON array.
    pub audience: String,
}

impl EventRow {
    pub fn of(event: &NewEvent) -> Self {
        Self {
            seq: 0,
            at: event.at,
            initiator: event.initiator.0,
            stream_id: event.stream.to_string(),
            stream_type: event.stream_type.as_str().to_owned(),
            kind: serde_json::to_string(&event.kind).expect("events serialise"),
            audience: serde_json::to_string(&event.audience).expect("ids serialise"),
        }
    }

    pub fn into_event(self) -> anyhow::Result<Event> {
        Ok(Event {
            seq: self.seq,
            event: NewEvent {
                at: self.at,
                initiator: UserId(self.initiator),
                stream: StreamId::parse(&self.stream_id)?,
                stream_type: StreamType::parse(&self.stream_type)
                    .ok_or_else(|| anyhow::anyhow!("unknown stream type {}", self.stream_type))?,
                kind: serde_json::from_str::<EventKind>(&self.kind)?,
                audience: serde_json::from_str(&self.audience)?,
            },
        })
    }
}
