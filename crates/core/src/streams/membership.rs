//! Room membership: add, remove, promote, demote, and the member lists.

use sympod_model::event::EventKind;
use sympod_model::rules::streams::{
    can_administer_streams, can_invite, can_join, can_read_stream, can_remove, keeps_an_owner,
    require_active, require_owner,
};
use sympod_model::stream::{Member, StreamState};
use sympod_model::{RuleError, StreamId, UserId};

use super::event;
use crate::{Caller, Core, CoreError, CoreResult};

/// What a membership call did: changed something, or found it already so.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Done,
    AlreadySo,
}

impl Core {
    /// `POST /pod/v1/room/{id}/membership/add` (owners, or members when `membersCanInvite`) and the
    /// admin variant (`admin`). Adding a current member changes nothing.
    pub async fn add_member(
        &self,
        caller: &Caller,
        id: &StreamId,
        user: UserId,
        admin: bool,
    ) -> CoreResult<Outcome> {
        self.load_room(id).await?;
        if admin {
            can_administer_streams(&caller.user)?;
        }
        let target = self.active_users(&[user]).await?.remove(0);
        let (now, me) = (self.now(), caller.user.id);
        let mut outcome = Outcome::Done;
        let mut apply = |s: &mut StreamState| {
            require_active(s)?;
            if !admin {
                can_invite(s, me)?;
            }
            if s.is_member(user) {
                outcome = Outcome::AlreadySo;
                return Ok(Vec::new());
            }
            can_join(s, &target)?;
            // After every message already in the stream, whatever the clocks of the instances that
            // timestamped them: a room without `viewHistory` shows the newcomer none of them.
            let joined_at = s.stream.last_message_at.map_or(now, |last| now.max(last + 1));
            let joined = Member { user, pod: target.pod, owner: false, joined_at, left_at: None };
            match s.members.iter_mut().find(|m| m.user == user) {
                Some(past) => *past = joined,
                None => s.members.push(joined),
            }
            Ok(vec![event(s, now, me, EventKind::UserJoinedRoom { affected: user }, None)])
        };
        self.change_stream(id, &mut apply).await?;
        Ok(outcome)
    }

    /// `POST /pod/v1/room/{id}/membership/remove` (owners remove anyone, members themselves) and the
    /// admin variant. Removing someone who is not a member changes nothing.
    pub async fn remove_member(
        &self,
        caller: &Caller,
        id: &StreamId,
        user: UserId,
        admin: bool,
    ) -> CoreResult<Outcome> {
        self.load_room(id).await?;
        if admin {
            can_administer_streams(&caller.user)?;
        }
        let (now, me) = (self.now(), caller.user.id);
        let mut outcome = Outcome::Done;
        let mut apply = |s: &mut StreamState| {
            require_active(s)?;
            if !admin {
                can_remove(s, me, user)?;
            }
            let Some(member) = s.member(user).cloned() else {
                outcome = Outcome::AlreadySo;
                return Ok(Vec::new());
            };
            if member.owner {
                keeps_an_owner(s, user)?;
            }
            if let Some(m) = s.members.iter_mut().find(|m| m.user == user) {
                m.left_at = Some(now);
                m.owner = false;
            }
            Ok(vec![event(s, now, me, EventKind::UserLeftRoom { affected: user }, Some(user))])
        };
        self.change_stream(id, &mut apply).await?;
        Ok(outcome)
    }

    /// `POST /pod/v1/room/{id}/membership/promoteOwner` and `demoteOwner`: owners only; the target
    /// must be a member, and a room keeps at least one owner.
    pub async fn set_owner(
        &self,
        caller: &Caller,
        id: &StreamId,
        user: UserId,
        owner: bool,
    ) -> CoreResult<Outcome> {
        self.load_room(id).await?;
        let (now, me) = (self.now(), caller.user.id);
        let mut outcome = Outcome::Done;
        let mut apply = |s: &mut StreamState| {
            require_active(s)?;
            require_owner(s, me)?;
            let Some(member) = s.member(user).cloned() else {
                return Err(RuleError::invalid(format!("User {user} is not a member of this room")));
            };
            if member.owner == owner {
                outcome = Outcome::AlreadySo;
                return Ok(Vec::new());
            }
            if !owner {
                keeps_an_owner(s, user)?;
            }
            if let Some(m) = s.members.iter_mut().find(|m| m.user == user && m.is_current()) {
                m.owner = owner;
            }
            let kind = if owner {
                EventKind::RoomMemberPromotedToOwner { affected: user }
            } else {
                EventKind::RoomMemberDemotedFromOwner { affected: user }
            };
            Ok(vec![event(s, now, me, kind, None)])
        };
        self.change_stream(id, &mut apply).await?;
        Ok(outcome)
    }

    /// `GET /pod/v2/room/{id}/membership/list`: the current members, for those who may read the room.
    pub async fn room_members(&self, caller: &Caller, id: &StreamId) -> CoreResult<Vec<Member>> {
        let state = self.load_room(id).await?;
        can_read_stream(&state, &caller.user)?;
        Ok(state.current_members().cloned().collect())
    }

    /// `GET /pod/v1/admin/room/{id}/membership/list`: current members, and past ones on request.
    pub async fn admin_room_members(
        &self,
        caller: &Caller,
        id: &StreamId,
        include_past: bool,
    ) -> CoreResult<Vec<Member>> {
        can_administer_streams(&caller.user)?;
        let members = self.load_room(id).await?.members;
        Ok(members.into_iter().filter(|m| include_past || m.is_current()).collect())
    }

    /// `GET /pod/v1/admin/stream/{id}/membership/list`: the current members of any stream.
    pub async fn admin_stream_members(&self, caller: &Caller, id: &StreamId) -> CoreResult<StreamState> {
        can_administer_streams(&caller.user)?;
        let state = self.load_stream(id).await?;
        if state.members.is_empty() {
            return Err(CoreError::not_found(format!("Stream {id} has no members")));
        }
        Ok(state)
    }
}
