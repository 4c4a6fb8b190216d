//! Streams: IMs, multi-party IMs (MIMs), rooms and walls, with their members.

use serde::{Deserialize, Serialize};

use crate::{MessageId, Millis, PodId, StreamId, UserId};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum StreamType {
    Im,
    Mim,
    Room,
    Post,
}

impl StreamType {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Im => "IM",
            Self::Mim => "MIM",
            Self::Room => "ROOM",
            Self::Post => "POST",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text.to_ascii_uppercase().as_str() {
            "IM" => Some(Self::Im),
            "MIM" => Some(Self::Mim),
            "ROOM" => Some(Self::Room),
            "POST" => Some(Self::Post),
            _ => None,
        }
    }

    /// IMs and MIMs: conversations without a name or owners.
    pub fn is_conversation(self) -> bool {
        matches!(self, Self::Im | Self::Mim)
    }
}

/// A room keyword (`RoomTag`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Keyword {
    pub key: String,
    pub value: String,
}

/// Everything a room has that an IM has not.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RoomAttributes {
    pub name: String,
    pub description: String,
    pub keywords: Vec<Keyword>,
    pub members_can_invite: bool,
    pub discoverable: bool,
    pub public: bool,
    pub read_only: bool,
    pub copy_protected: bool,
    pub cross_pod: bool,
    pub view_history: bool,
    pub multi_lateral: bool,
    pub scheduled_meeting: bool,
    pub group_chat: bool,
    pub sub_type: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stream {
    pub id: StreamId,
    pub kind: StreamType,
    pub created_at: Millis,
    pub created_by: UserId,
    pub active: bool,
    /// Rooms only.
    pub room: Option<RoomAttributes>,
    pub pinned_message: Option<MessageId>,
    pub last_message_at: Option<Millis>,
    /// For IMs and MIMs: the sorted member ids, which make a conversation unique.
    pub conversation_key: Option<String>,
}

/// A user's membership of a stream, current or past.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    pub user: UserId,
    /// The member's pod, so that cross-pod rules need no user lookups.
    pub pod: PodId,
    pub owner: bool,
    pub joined_at: Millis,
    /// Set once the user has left; a past member.
    pub left_at: Option<Millis>,
}

impl Member {
    pub fn is_current(&self) -> bool {
        self.left_at.is_none()
    }
}

/// A stream with every membership it has had.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StreamState {
    pub stream: Stream,
    pub members: Vec<Member>,
}

impl StreamState {
    /// The current membership of `user`.
    pub fn member(&self, user: UserId) -> Option<&Member> {
        self.members.iter().find(|m| m.user == user && m.is_current())
    }

    pub fn is_member(&self, user: UserId) -> bool {
        self.member(user).is_some()
    }

    pub fn is_owner(&self, user: UserId) -> bool {
        self.member(user).is_some_and(|m| m.owner)
    }

    pub fn current_members(&self) -> impl Iterator<Item = &Member> {
        self.members.iter().filter(|m| m.is_current())
    }

    pub fn current_ids(&self) -> Vec<UserId> {
        self.current_members().map(|m| m.user).collect()
    }

    /// How many companies the current members come from.
    pub fn company_count(&self) -> usize {
        let mut pods: Vec<PodId> = self.current_members().map(|m| m.pod).collect();
        pods.sort_unstable();
        pods.dedup();
        pods.len()
    }

    pub fn room(&self) -> Option<&RoomAttributes> {
        self.stream.room.as_ref()
    }
}

/// The key that makes an IM or MIM unique: its sorted member ids.
pub fn conversation_key(members: &[UserId]) -> String {
    let mut ids: Vec<i64> = members.iter().map(|u| u.0).collect();
    ids.sort_unstable();
    ids.dedup();
    ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
}
