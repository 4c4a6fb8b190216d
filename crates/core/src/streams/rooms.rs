//! Rooms: create, read, update (v3 and legacy rules), (de)activate, search.

use sympod_model::StreamId;
use sympod_model::event::EventKind;
use sympod_model::rules::room_search::RoomSearch;
use sympod_model::rules::rooms::{
    RoomPatch, UpdateApi, Updater, apply_room_update, can_toggle_history, new_room,
};
use sympod_model::rules::streams::{can_administer_streams, can_read_room, require_owner};
use sympod_model::stream::{Member, Stream, StreamState, StreamType};

use super::screening::{ROOM_CREATE_BLOCKED, ROOM_UPDATE_BLOCKED};
use super::{event, new_stream_id};
use crate::{Caller, Core, CoreError, CoreResult};

/// Largest page of a room search.
pub const MAX_SEARCH_LIMIT: usize = 100;

#[derive(Debug, Clone)]
pub struct RoomSearchResult {
    pub count: usize,
    pub rooms: Vec<StreamState>,
}

impl Core {
    /// `POST /pod/v3/room/create` (and the legacy creates): the caller becomes the owner.
    pub async fn create_room(&self, caller: &Caller, patch: &RoomPatch) -> CoreResult<StreamState> {
        let room = new_room(patch, &caller.user)?;
        let now = self.now();
        let me = &caller.user;
        let state = StreamState {
            stream: Stream {
                id: new_stream_id(),
                kind: StreamType::Room,
                created_at: now,
                created_by: me.id,
                active: true,
                room: Some(room.clone()),
                pinned_message: None,
                last_message_at: None,
                conversation_key: None,
            },
            members: vec![Member { user: me.id, pod: me.pod, owner: true, joined_at: now, left_at: None }],
        };
        let scope = self.dlp_scope(&state);
        let screened =
            self.screen_room(me.id, patch, state.stream.clone(), scope, ROOM_CREATE_BLOCKED).await?;
        let created = event(&state, now, me.id, EventKind::RoomCreated { room }, None);
        self.store.create_stream(&state, &created).await?;
        self.record_room(screened).await;
        Ok(state)
    }

    /// `GET /pod/v3/room/{id}/info` (and legacy infos).
    pub async fn room_info(&self, caller: &Caller, id: &StreamId) -> CoreResult<StreamState> {
        let state = self.load_room(id).await?;
        can_read_room(&state, &caller.user)?;
        Ok(state)
    }

    /// `POST /pod/v3/room/{id}/update` (`UpdateApi::V3`) and the legacy updates.
    pub async fn update_room(
        &self,
        caller: &Caller,
        id: &StreamId,
        patch: &RoomPatch,
        api: UpdateApi,
    ) -> CoreResult<StreamState> {
        let state = self.load_room(id).await?;
        // Permission and rules first, so that a caller who may not pin learns nothing about ids, and
        // so that DLP screens only changes the caller may make.
        let who = Updater {
            is_owner: state.is_owner(caller.user.id),
            is_member: state.is_member(caller.user.id),
            can_toggle_history: can_toggle_history(&caller.user),
        };
        let current = state.stream.room.clone().unwrap_or_default();
        let (room, _) = apply_room_update(&current, state.stream.pinned_message.as_ref(), patch, who, api)?;
        let after = Stream { room: Some(room), ..state.stream.clone() };
        let scope = self.dlp_scope(&state);
        let screened = self.screen_room(caller.user.id, patch, after, scope, ROOM_UPDATE_BLOCKED).await?;
        let resolved = RoomPatch {
            pinned_message: self.resolve_pin(id, patch.pinned_message.clone()).await?,
            ..patch.clone()
        };
        let patch = &resolved;
        let now = self.now();
        let me = &caller.user;
        let mut apply = |s: &mut StreamState| {
            let who = Updater {
                is_owner: s.is_owner(me.id),
                is_member: s.is_member(me.id),
                can_toggle_history: can_toggle_history(me),
            };
            let current = s.stream.room.clone().unwrap_or_default();
            let (room, pinned) =
                apply_room_update(&current, s.stream.pinned_message.as_ref(), patch, who, api)?;
            s.stream.room = Some(room.clone());
            s.stream.pinned_message = pinned;
            Ok(vec![event(s, now, me.id, EventKind::RoomUpdated { room }, None)])
        };
        let updated = self.change_stream(id, &mut apply).await?;
        self.record_room(screened).await;
        Ok(updated)
    }

    /// `POST /pod/v1/room/{id}/setActive` (owners) and `/pod/v1/admin/room/{id}/setActive`
    /// (`admin`). Setting the state a room already has changes nothing and emits nothing.
    pub async fn set_room_active(
        &self,
        caller: &Caller,
        id: &StreamId,
        active: bool,
        admin: bool,
    ) -> CoreResult<StreamState> {
        self.load_room(id).await?;
        if admin {
            can_administer_streams(&caller.user)?;
        }
        let now = self.now();
        let me = caller.user.id;
        let mut apply = |s: &mut StreamState| {
            if !admin {
                require_owner(s, me)?;
            }
            if s.stream.active == active {
                return Ok(Vec::new());
            }
            s.stream.active = active;
            let kind = if active {
                EventKind::RoomReactivated { room: s.stream.room.clone().unwrap_or_default() }
            } else {
                EventKind::RoomDeactivated
            };
            Ok(vec![event(s, now, me, kind, None)])
        };
        self.change_stream(id, &mut apply).await
    }

    /// `POST /pod/v3/room/search`. A room that is not discoverable is found only by its members, and
    /// only when they ask for `includeNonDiscoverable`.
    pub async fn search_rooms(
        &self,
        caller: &Caller,
        search: &RoomSearch,
        skip: usize,
        limit: usize,
    ) -> CoreResult<RoomSearchResult> {
        if limit > MAX_SEARCH_LIMIT {
            return Err(CoreError::invalid(format!("limit must be at most {MAX_SEARCH_LIMIT}")));
        }
        let candidates =
            self.store.search_rooms(if search.labels.is_empty() { &search.query } else { "" }).await?;
        let mut found: Vec<StreamState> =
            candidates.into_iter().filter(|s| search.finds(s, &caller.user)).collect();
        if search.relevance {
            found.sort_by_key(|s| search.rank(s.room().expect("rooms only")));
        }
        let count = found.len();
        Ok(RoomSearchResult { count, rooms: found.into_iter().skip(skip).take(limit).collect() })
    }
}
