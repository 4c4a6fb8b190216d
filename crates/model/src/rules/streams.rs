//! Who may see a stream, and who may change its membership or state.
//!
//! Sources: `im-info.md` (who may read an IM's info), the Pod API's membership endpoints, and the
//! Streams issue (cross-pod and multi-lateral membership, deactivated rooms).

use crate::catalogue::{COMPLIANCE_OFFICER, SUPER_COMPLIANCE_OFFICER, USER_PROVISIONING};
use crate::rules::admin::LACKS_ENTITLEMENT;
use crate::stream::{StreamState, StreamType};
use crate::user::{AccountType, User, UserStatus};
use crate::{PodId, RuleError, UserId};

fn forbidden(message: &str) -> RuleError {
    RuleError::forbidden(message)
}

/// Compliance officers (and super compliance officers) may read streams they are not members of.
pub fn is_compliance_officer(user: &User) -> bool {
    user.has_any_role(&[COMPLIANCE_OFFICER, SUPER_COMPLIANCE_OFFICER])
}

/// A service account with the User Provisioning role.
pub fn is_provisioning_service(user: &User) -> bool {
    user.account_type == AccountType::System && user.has_role(USER_PROVISIONING)
}

/// `GET /pod/v1/im/{id}/info`: members of the IM; compliance officers and super compliance officers
/// who are not members; service users with the User Provisioning role, members or not.
pub fn can_read_im_info(state: &StreamState, caller: &User) -> Result<(), RuleError> {
    if state.is_member(caller.id) || is_compliance_officer(caller) || is_provisioning_service(caller) {
        Ok(())
    } else {
        Err(forbidden("The user is not a member of this IM and lacks the role to read it"))
    }
}

/// A room belongs to the company of the user who created it (user ids carry their pod).
pub fn room_company(state: &StreamState) -> PodId {
    state.stream.created_by.pod()
}

/// Whether `user` finds the room without being a member: it is discoverable, and `user` belongs to
/// the room's company (discoverability never reaches other companies).
pub fn discoverable_to(state: &StreamState, user: &User) -> bool {
    state.room().is_some_and(|r| r.discoverable) && user.pod == room_company(state)
}

/// Reading a room's details: its members, its company's users while it is discoverable, compliance
/// officers and provisioning services.
pub fn can_read_room(state: &StreamState, caller: &User) -> Result<(), RuleError> {
    if state.is_member(caller.id)
        || discoverable_to(state, caller)
        || is_compliance_officer(caller)
        || is_provisioning_service(caller)
    {
        Ok(())
    } else {
        Err(forbidden("The room is not discoverable and the user is not a member of it"))
    }
}

/// Reading a stream's attributes or member list: members, compliance officers, provisioning
/// services, and anyone for a discoverable room.
pub fn can_read_stream(state: &StreamState, caller: &User) -> Result<(), RuleError> {
    if state.stream.kind == StreamType::Room {
        can_read_room(state, caller)
    } else {
        can_read_im_info(state, caller)
    }
}

/// The room must be active for its membership to change or for messages to be sent.
pub fn require_active(state: &StreamState) -> Result<(), RuleError> {
    if state.stream.active {
        Ok(())
    } else {
        Err(RuleError::invalid(
            "The room is deactivated: its membership is locked and it accepts no messages",
        ))
    }
}

/// Adding someone: owners, or any member when `membersCanInvite`.
pub fn can_invite(state: &StreamState, caller: UserId) -> Result<(), RuleError> {
    let room_allows = state.room().is_some_and(|r| r.members_can_invite);
    if state.is_owner(caller) || (state.is_member(caller) && room_allows) {
        Ok(())
    } else {
        Err(forbidden("Only owners can add members to this room"))
    }
}

/// Whether `user` may join: users of another company than the room's only join a room created
/// cross-pod, and a third company only a multi-lateral one. Disabled users join nothing.
pub fn can_join(state: &StreamState, user: &User) -> Result<(), RuleError> {
    let room = state.room().ok_or_else(|| RuleError::invalid("Only rooms have a membership to change"))?;
    if user.status == UserStatus::Disabled {
        return Err(RuleError::invalid(format!("User {} is disabled", user.id)));
    }
    if user.pod != room_company(state) && !room.cross_pod {
        return Err(forbidden("Users of another company can only join a room created cross-pod"));
    }
    let mut pods: Vec<PodId> = state.current_members().map(|m| m.pod).chain([user.pod]).collect();
    pods.sort_unstable();
    pods.dedup();
    if pods.len() > 2 && !room.multi_lateral {
        return Err(forbidden("Only a multi-lateral room can hold users of more than two companies"));
    }
    Ok(())
}

/// Removing someone: owners remove anyone; a member may remove themselves (leave).
pub fn can_remove(state: &StreamState, caller: UserId, target: UserId) -> Result<(), RuleError> {
    if state.is_owner(caller) || (caller == target && state.is_member(caller)) {
        Ok(())
    } else {
        Err(forbidden("Only owners can remove other members from this room"))
    }
}

/// Promoting, demoting, (de)activating: owners only.
pub fn require_owner(state: &StreamState, caller: UserId) -> Result<(), RuleError> {
    if state.is_owner(caller) { Ok(()) } else { Err(forbidden("Only owners of the room can do this")) }
}

/// The admin variants of the room endpoints.
pub fn can_administer_streams(caller: &User) -> Result<(), RuleError> {
    crate::rules::admin::can_manage_users(caller).map_err(|_| forbidden(LACKS_ENTITLEMENT))
}

/// A room keeps at least one owner: the last owner can be neither demoted nor removed.
pub fn keeps_an_owner(state: &StreamState, leaving_owner: UserId) -> Result<(), RuleError> {
    let others = state.current_members().filter(|m| m.owner && m.user != leaving_owner).count();
    if others > 0 { Ok(()) } else { Err(RuleError::invalid("A room must keep at least one owner")) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stream::{Member, RoomAttributes, Stream};
    use crate::testing::user_with_roles;
    use crate::{PodId, StreamId};

    fn room(attrs: RoomAttributes, members: &[(i64, i64, bool)]) -> StreamState {
        StreamState {
            stream: Stream {
                id: StreamId::from_bytes(&[1]),
                kind: StreamType::Room,
                created_at: 0,
                created_by: UserId::compose(PodId(1), 1),
                active: true,
                room: Some(attrs),
                pinned_message: None,
                last_message_at: None,
                conversation_key: None,
            },
            members: members
                .iter()
                .map(|&(id, pod, owner)| Member {
                    user: UserId(id),
                    pod: PodId(pod),
                    owner,
                    joined_at: 0,
                    left_at: None,
                })
                .collect(),
        }
    }

    fn user(id: i64, pod: i64, roles: &[&str]) -> User {
        User { id: UserId(id), pod: PodId(pod), ..user_with_roles(roles) }
    }

    #[test]
    fn im_info_is_for_members_compliance_officers_and_provisioning_services() {
        let mut im = room(RoomAttributes::default(), &[(1, 1, false), (2, 1, false)]);
        im.stream.kind = StreamType::Im;
        im.stream.room = None;
        assert!(can_read_im_info(&im, &user(1, 1, &[])).is_ok());
        assert!(can_read_im_info(&im, &user(3, 1, &[])).is_err());
        assert!(can_read_im_info(&im, &user(3, 1, &["COMPLIANCE_OFFICER"])).is_ok());
        assert!(can_read_im_info(&im, &user(3, 1, &["SUPER_COMPLIANCE_OFFICER"])).is_ok());
        let mut person_up = user(3, 1, &["USER_PROVISIONING"]);
        assert!(can_read_im_info(&im, &person_up).is_err(), "only service users hold provisioning this way");
        person_up.account_type = AccountType::System;
        assert!(can_read_im_info(&im, &person_up).is_ok());
    }

    #[test]
    fn members_invite_only_when_the_room_lets_them() {
        let open = room(
            RoomAttributes { members_can_invite: true, ..Default::default() },
            &[(1, 1, true), (2, 1, false)],
        );
        assert!(can_invite(&open, UserId(2)).is_ok());
        assert!(can_invite(&open, UserId(3)).is_err());
        let closed = room(RoomAttributes::default(), &[(1, 1, true), (2, 1, false)]);
        assert!(can_invite(&closed, UserId(2)).is_err());
        assert!(can_invite(&closed, UserId(1)).is_ok());
    }

    #[test]
    fn an_external_user_joins_only_a_cross_pod_room_and_a_third_company_only_a_multi_lateral_one() {
        let internal = room(RoomAttributes::default(), &[(1, 1, true)]);
        assert!(can_join(&internal, &user(9, 2, &[])).is_err());
        let cross =
            room(RoomAttributes { cross_pod: true, ..Default::default() }, &[(1, 1, true), (9, 2, false)]);
        assert!(can_join(&cross, &user(10, 2, &[])).is_ok());
        assert!(can_join(&cross, &user(11, 3, &[])).is_err());
        let multi = room(
            RoomAttributes { cross_pod: true, multi_lateral: true, ..Default::default() },
            &[(1, 1, true), (9, 2, false)],
        );
        assert!(can_join(&multi, &user(11, 3, &[])).is_ok());
        // A room created by a user of another company belongs to that company.
        let mut theirs = room(RoomAttributes::default(), &[(9, 2, true)]);
        theirs.stream.created_by = UserId::compose(PodId(2), 9);
        assert!(can_join(&theirs, &user(1, 1, &[])).is_err());
    }

    #[test]
    fn a_member_may_leave_but_only_owners_remove_others() {
        let r = room(RoomAttributes::default(), &[(1, 1, true), (2, 1, false), (3, 1, false)]);
        assert!(can_remove(&r, UserId(2), UserId(2)).is_ok());
        assert!(can_remove(&r, UserId(2), UserId(3)).is_err());
        assert!(can_remove(&r, UserId(1), UserId(3)).is_ok());
    }

    #[test]
    fn the_last_owner_stays() {
        let r = room(RoomAttributes::default(), &[(1, 1, true), (2, 1, false)]);
        assert!(keeps_an_owner(&r, UserId(1)).is_err());
        let two = room(RoomAttributes::default(), &[(1, 1, true), (2, 1, true)]);
        assert!(keeps_an_owner(&two, UserId(1)).is_ok());
    }

    #[test]
    fn a_private_undiscoverable_room_is_hidden_from_outsiders() {
        let hidden = room(RoomAttributes::default(), &[(1, 1, true)]);
        assert!(can_read_room(&hidden, &user(2, 1, &[])).is_err());
        assert!(can_read_room(&hidden, &user(2, 1, &["COMPLIANCE_OFFICER"])).is_ok());
        let visible = room(RoomAttributes { discoverable: true, ..Default::default() }, &[(1, 1, true)]);
        assert!(can_read_room(&visible, &user(2, 1, &[])).is_ok());
        assert!(can_read_room(&visible, &user(3, 2, &[])).is_err(), "discoverable within its company only");
    }
}
