//! Streams: IMs and MIMs (ims.rs), rooms (rooms.rs), membership (membership.rs), listings
//! (listing.rs). Every change goes through the store as one unit with the event it causes.

mod ims;
mod listing;
mod membership;
mod rooms;
mod screening;

use sympod_model::event::{EventKind, NewEvent};
use sympod_model::stream::{StreamState, StreamType};
use sympod_model::user::{User, UserStatus};
use sympod_model::{MessageId, RuleError, StreamId, UserId};
use sympod_store::StoreError;

pub use listing::{AdminStreamFilter, StreamFilter};
pub use membership::Outcome;
pub use rooms::RoomSearchResult;
pub use screening::{ROOM_CREATE_BLOCKED, ROOM_UPDATE_BLOCKED};
pub use sympod_model::rules::room_search::RoomSearch;

use crate::{Core, CoreError, CoreResult, random_id};

/// A fresh stream id: 25 random bytes, like Symphony's.
fn new_stream_id() -> StreamId {
    StreamId::parse(&random_id(sympod_model::ids::OPAQUE_ID_BYTES)).expect("random ids are valid base64")
}

fn stream_not_found(id: &StreamId) -> CoreError {
    CoreError::not_found(format!("Stream {id} not found"))
}

impl Core {
    /// The stream, or a 404.
    pub(crate) async fn load_stream(&self, id: &StreamId) -> CoreResult<StreamState> {
        self.store.stream(id).await?.ok_or_else(|| stream_not_found(id))
    }

    /// The room, or a 404 (unknown) or 400 (not a room).
    pub(crate) async fn load_room(&self, id: &StreamId) -> CoreResult<StreamState> {
        let state = self.load_stream(id).await?;
        if state.stream.kind != StreamType::Room {
            return Err(CoreError::invalid(format!("Stream {id} is not a room")));
        }
        Ok(state)
    }

    /// Applies a change to a stream; an unknown stream is a 404.
    pub(crate) async fn change_stream(
        &self,
        id: &StreamId,
        change: sympod_store::StreamMutation<'_>,
    ) -> CoreResult<StreamState> {
        let changed = self.store.modify_stream(id, change).await.map_err(|e| match e {
            StoreError::NotFound => stream_not_found(id),
            other => other.into(),
        })?;
        Ok(changed)
    }

    /// Enabled users with these ids, or a 400 naming the first that is unknown or disabled.
    pub(crate) async fn active_users(&self, ids: &[UserId]) -> CoreResult<Vec<User>> {
        let found = self.store.users_by_ids(ids).await?;
        for id in ids {
            match found.iter().find(|u| u.id == *id) {
                None => return Err(CoreError::invalid(format!("User {id} not found"))),
                Some(u) if u.status == UserStatus::Disabled => {
                    return Err(CoreError::invalid(format!("User {id} is disabled")));
                }
                Some(_) => {}
            }
        }
        Ok(ids.iter().filter_map(|id| found.iter().find(|u| u.id == *id).cloned()).collect())
    }

    /// The pin a request asks for, checked and resolved: the message must be of `stream`, and a
    /// replaced version stands for the newest version of its chain (a pin always shows the newest
    /// text). `Some(None)` (unpin) and `None` (no pin asked) pass through.
    pub(crate) async fn resolve_pin(
        &self,
        stream: &StreamId,
        pin: Option<Option<MessageId>>,
    ) -> CoreResult<Option<Option<MessageId>>> {
        let Some(Some(mid)) = pin else { return Ok(pin) };
        let not_here =
            || RuleError::invalid(format!("pinnedMessageId {mid} is not a message of stream {stream}"));
        let mut current =
            self.store.message(&mid).await?.filter(|m| &m.stream == stream).ok_or_else(not_here)?;
        while let Some(next) = current.replaced_by.clone() {
            current = self.store.message(&next).await?.ok_or_else(not_here)?;
        }
        Ok(Some(Some(current.id)))
    }
}

/// An event about `state`, for its current members and `affected`.
pub(crate) fn event(
    state: &StreamState,
    at: i64,
    initiator: UserId,
    kind: EventKind,
    affected: Option<UserId>,
) -> NewEvent {
    let mut audience = state.current_ids();
    if let Some(user) = affected.filter(|u| !audience.contains(u)) {
        audience.push(user);
    }
    NewEvent {
        at,
        initiator,
        stream: state.stream.id.clone(),
        stream_type: state.stream.kind,
        kind,
        audience,
    }
}
