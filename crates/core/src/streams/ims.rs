//! IMs and MIMs: `/pod/v1/im/create`, `/pod/v1/admin/im/create`, `/pod/v1/im/{id}/info` and
//! `/pod/v1/im/{id}/update`.

use sympod_model::event::EventKind;
use sympod_model::rules::conversations::{
    admin_conversation_members, apply_im_update, can_talk_to, conversation_others,
};
use sympod_model::rules::streams::{can_administer_streams, can_read_im_info};
use sympod_model::stream::{Member, Stream, StreamState, StreamType, conversation_key};
use sympod_model::user::User;
use sympod_model::{MessageId, StreamId, UserId};
use sympod_store::StoreError;

use super::{event, new_stream_id};
use crate::{Caller, Core, CoreError, CoreResult};

impl Core {
    /// Creates the IM (one other user) or MIM (several) of the caller and `others`, or answers the
    /// existing one with exactly the same members.
    pub async fn create_im(&self, caller: &Caller, others: &[i64]) -> CoreResult<StreamState> {
        let ids = conversation_others(caller.user.id, others)?;
        let users = self.active_users(&ids).await?;
        can_talk_to(&caller.user, &users)?;
        let mut members = vec![caller.user.clone()];
        members.extend(users);
        self.open_conversation(caller.user.id, &members).await
    }

    /// `POST /pod/v1/admin/im/create`: an IM or MIM between at least two users, without the caller.
    pub async fn admin_create_im(&self, caller: &Caller, ids: &[i64]) -> CoreResult<StreamState> {
        can_administer_streams(&caller.user)?;
        let ids = admin_conversation_members(ids)?;
        let users = self.active_users(&ids).await?;
        self.open_conversation(caller.user.id, &users).await
    }

    async fn open_conversation(&self, initiator: UserId, users: &[User]) -> CoreResult<StreamState> {
        let ids: Vec<UserId> = users.iter().map(|u| u.id).collect();
        let key = conversation_key(&ids);
        if let Some(existing) = self.store.conversation(&key).await? {
            return Ok(existing);
        }
        let now = self.now();
        let state = StreamState {
            stream: Stream {
                id: new_stream_id(),
                kind: if users.len() == 2 { StreamType::Im } else { StreamType::Mim },
                created_at: now,
                created_by: initiator,
                active: true,
                room: None,
                pinned_message: None,
                last_message_at: None,
                conversation_key: Some(key.clone()),
            },
            members: users
                .iter()
                .map(|u| Member { user: u.id, pod: u.pod, owner: false, joined_at: now, left_at: None })
                .collect(),
        };
        // Its creator hears of it too, even an administrator who is not one of its members.
        let kind = EventKind::InstantMessageCreated { members: ids };
        let created = event(&state, now, initiator, kind, Some(initiator));
        match self.store.create_stream(&state, &created).await {
            Ok(()) => Ok(state),
            // Someone opened the same conversation meanwhile: theirs is the one.
            Err(StoreError::Conflict(_)) => {
                self.store.conversation(&key).await?.ok_or_else(|| CoreError::Conflict(key))
            }
            Err(e) => Err(e.into()),
        }
    }

    async fn load_conversation(&self, id: &StreamId) -> CoreResult<StreamState> {
        let state = self.load_stream(id).await?;
        if !state.stream.kind.is_conversation() {
            return Err(CoreError::invalid(format!("Stream {id} is not an IM")));
        }
        Ok(state)
    }

    /// `GET /pod/v1/im/{id}/info`, as `im-info.md` allows it.
    pub async fn im_info(&self, caller: &Caller, id: &StreamId) -> CoreResult<StreamState> {
        let state = self.load_conversation(id).await?;
        can_read_im_info(&state, &caller.user)?;
        Ok(state)
    }

    /// `POST /pod/v1/im/{id}/update`: pins a message of the IM, or unpins (`Some(None)`). Members only;
    /// a request that changes nothing is refused.
    pub async fn update_im(
        &self,
        caller: &Caller,
        id: &StreamId,
        pinned: Option<Option<MessageId>>,
    ) -> CoreResult<StreamState> {
        let state = self.load_conversation(id).await?;
        apply_im_update(&state, caller.user.id, pinned.as_ref())?;
        let pinned = self.resolve_pin(id, pinned).await?;
        let me = caller.user.id;
        let mut apply = |s: &mut StreamState| {
            s.stream.pinned_message = apply_im_update(s, me, pinned.as_ref())?;
            Ok(Vec::new())
        };
        self.change_stream(id, &mut apply).await
    }
}
