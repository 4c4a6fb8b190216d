use super::*;
use crate::RuleError;
use crate::testing::user_with_roles;

fn patch() -> RoomPatch {
    RoomPatch { name: Some("Desk".into()), ..RoomPatch::default() }
}

fn public_room() -> RoomAttributes {
    RoomAttributes {
        name: "Pub".into(),
        public: true,
        discoverable: true,
        members_can_invite: true,
        ..Default::default()
    }
}

fn cross_pod_room() -> RoomAttributes {
    RoomAttributes {
        name: "X".into(),
        cross_pod: true,
        discoverable: false,
        members_can_invite: true,
        ..Default::default()
    }
}

const OWNER: Updater = Updater { is_owner: true, is_member: true, can_toggle_history: false };
const MEMBER: Updater = Updater { is_owner: false, is_member: true, can_toggle_history: false };
const ENTITLED_MEMBER: Updater = Updater { is_owner: false, is_member: true, can_toggle_history: true };
const OUTSIDER: Updater = Updater { is_owner: false, is_member: false, can_toggle_history: true };

fn v3(current: &RoomAttributes, p: RoomPatch, who: Updater) -> Result<RoomAttributes, RuleError> {
    apply_room_update(current, None, &p, who, UpdateApi::V3).map(|(a, _)| a)
}

fn legacy(current: &RoomAttributes, p: RoomPatch) -> Result<RoomAttributes, RuleError> {
    apply_room_update(current, None, &p, OWNER, UpdateApi::Legacy).map(|(a, _)| a)
}

fn message(err: Result<RoomAttributes, RuleError>) -> String {
    err.unwrap_err().to_string()
}

#[test]
fn a_new_room_needs_a_name_and_gets_the_defaults() {
    let user = user_with_roles(&[]);
    assert!(new_room(&RoomPatch::default(), &user).is_err());
    let room = new_room(&patch(), &user).unwrap();
    assert!(room.members_can_invite && room.discoverable);
    assert!(!room.public && !room.read_only && !room.copy_protected && !room.cross_pod && !room.view_history);
}

#[test]
fn a_public_room_needs_the_create_public_room_entitlement() {
    let mut user = user_with_roles(&[]);
    user.features.insert("canCreatePublicRoom".into(), false);
    let p = RoomPatch { public: Some(true), ..patch() };
    assert!(matches!(new_room(&p, &user), Err(RuleError::Forbidden(_))));
    user.features.insert("canCreatePublicRoom".into(), true);
    assert!(new_room(&p, &user).unwrap().public);
}

#[test]
fn a_public_room_is_created_discoverable_and_open_to_invites() {
    let user = user_with_roles(&[]);
    let undiscoverable = RoomPatch { public: Some(true), discoverable: Some(false), ..patch() };
    assert!(
        message(new_room(&undiscoverable, &user))
            .contains("\"discoverable\" cannot be false for a public room")
    );
    let closed = RoomPatch { public: Some(true), members_can_invite: Some(false), ..patch() };
    assert!(
        message(new_room(&closed, &user)).contains("\"membersCanInvite\" cannot be false for a public room")
    );
}

#[test]
fn a_cross_pod_room_is_created_undiscoverable() {
    let user = user_with_roles(&[]);
    let room = new_room(&RoomPatch { cross_pod: Some(true), ..patch() }, &user).unwrap();
    assert!(room.cross_pod && !room.discoverable);
    let discoverable = RoomPatch { cross_pod: Some(true), discoverable: Some(true), ..patch() };
    assert!(message(new_room(&discoverable, &user)).contains("cannot be true for a cross-pod room"));
    let public = RoomPatch { cross_pod: Some(true), public: Some(true), ..patch() };
    assert!(new_room(&public, &user).is_err());
}

#[test]
fn a_multi_lateral_room_is_cross_pod() {
    let user = user_with_roles(&[]);
    let room = new_room(&RoomPatch { multi_lateral: Some(true), ..patch() }, &user).unwrap();
    assert!(room.multi_lateral && room.cross_pod);
    assert!(
        new_room(&RoomPatch { multi_lateral: Some(true), cross_pod: Some(false), ..patch() }, &user).is_err()
    );
}

#[test]
fn sub_type_and_group_chat_are_ignored_at_creation() {
    let user = user_with_roles(&[]);
    let room =
        new_room(&RoomPatch { sub_type: Some("EMAIL".into()), group_chat: Some(true), ..patch() }, &user)
            .unwrap();
    assert_eq!((room.sub_type, room.group_chat), (None, false));
}

#[test]
fn only_owners_may_update_a_room() {
    let room = new_room(&patch(), &user_with_roles(&[])).unwrap();
    let rename = RoomPatch { name: Some("New".into()), ..RoomPatch::default() };
    assert!(matches!(v3(&room, rename.clone(), MEMBER), Err(RuleError::Forbidden(_))));
    assert!(matches!(v3(&room, rename.clone(), OUTSIDER), Err(RuleError::Forbidden(_))));
    assert_eq!(v3(&room, rename, OWNER).unwrap().name, "New");
}

#[test]
fn public_cross_pod_and_multi_lateral_are_read_only() {
    let room = new_room(&patch(), &user_with_roles(&[])).unwrap();
    for (p, name) in [
        (RoomPatch { public: Some(true), ..RoomPatch::default() }, "public"),
        (RoomPatch { cross_pod: Some(true), ..RoomPatch::default() }, "crossPod"),
        (RoomPatch { multi_lateral: Some(true), ..RoomPatch::default() }, "multiLateralRoom"),
    ] {
        assert_eq!(
            message(v3(&room, p, OWNER)),
            format!("Attribute \"{name}\" is read-only and cannot be changed")
        );
    }
}

#[test]
fn copy_protection_can_be_added_but_never_removed() {
    let room = new_room(&patch(), &user_with_roles(&[])).unwrap();
    let on = v3(&room, RoomPatch { copy_protected: Some(true), ..RoomPatch::default() }, OWNER).unwrap();
    assert!(on.copy_protected);
    let off = RoomPatch { copy_protected: Some(false), ..RoomPatch::default() };
    assert!(message(v3(&on, off.clone(), OWNER)).contains("\"copyProtected\" cannot be set to false"));
    assert!(legacy(&on, off).is_err());
}

#[test]
fn a_public_room_cannot_become_undiscoverable() {
    let p = RoomPatch { discoverable: Some(false), ..RoomPatch::default() };
    assert_eq!(
        message(v3(&public_room(), p, OWNER)),
        "Attribute \"discoverable\" cannot be false for a public room"
    );
}

#[test]
fn a_cross_pod_room_cannot_become_discoverable() {
    let p = RoomPatch { discoverable: Some(true), ..RoomPatch::default() };
    assert_eq!(
        message(v3(&cross_pod_room(), p, OWNER)),
        "Attribute \"discoverable\" cannot be true for a cross-pod room"
    );
}

#[test]
fn a_public_room_always_lets_members_invite() {
    let p = RoomPatch { members_can_invite: Some(false), ..RoomPatch::default() };
    assert_eq!(
        message(v3(&public_room(), p, OWNER)),
        "Attribute \"membersCanInvite\" cannot be false for a public room"
    );
}

#[test]
fn view_history_may_be_toggled_by_an_owner_or_an_entitled_member_only() {
    let room = new_room(&patch(), &user_with_roles(&[])).unwrap();
    let toggle = RoomPatch { view_history: Some(true), ..RoomPatch::default() };
    assert!(v3(&room, toggle.clone(), OWNER).unwrap().view_history);
    assert!(v3(&room, toggle.clone(), ENTITLED_MEMBER).unwrap().view_history);
    assert!(message(v3(&room, toggle.clone(), MEMBER)).contains("viewHistory"));
    assert!(matches!(v3(&room, toggle, OUTSIDER), Err(RuleError::Forbidden(_))));
    let more = RoomPatch { view_history: Some(true), name: Some("x".into()), ..RoomPatch::default() };
    assert!(matches!(v3(&room, more, ENTITLED_MEMBER), Err(RuleError::Forbidden(_))));
    let repeating =
        RoomPatch { view_history: Some(true), name: Some(room.name.clone()), ..RoomPatch::default() };
    assert!(
        v3(&room, repeating, ENTITLED_MEMBER).unwrap().view_history,
        "repeating current values is no change"
    );
    let same = RoomPatch { view_history: Some(false), ..RoomPatch::default() };
    assert!(matches!(v3(&room, same, ENTITLED_MEMBER), Err(RuleError::Invalid(_))), "no change is a 400");
    let legacy_toggle = RoomPatch { view_history: Some(true), ..RoomPatch::default() };
    let by_member = apply_room_update(&room, None, &legacy_toggle, ENTITLED_MEMBER, UpdateApi::Legacy);
    assert!(by_member.unwrap().0.view_history, "the legacy seed lets an entitled member toggle it too");
}

#[test]
fn sub_type_is_deprecated_and_cannot_be_changed() {
    let room = new_room(&patch(), &user_with_roles(&[])).unwrap();
    let p = RoomPatch { sub_type: Some("EMAIL".into()), ..RoomPatch::default() };
    assert_eq!(message(v3(&room, p, OWNER)), "Attribute \"subType\" is deprecated and cannot be changed");
}

#[test]
fn an_update_that_changes_nothing_is_refused() {
    let room = new_room(&patch(), &user_with_roles(&[])).unwrap();
    assert!(message(v3(&room, RoomPatch::default(), OWNER)).contains("does not change any attribute"));
    let same = RoomPatch { name: Some(room.name.clone()), discoverable: Some(true), ..RoomPatch::default() };
    assert!(message(v3(&room, same, OWNER)).contains("does not change any attribute"));
}

#[test]
fn read_only_may_change_in_v3_but_not_through_the_legacy_update() {
    let room = new_room(&patch(), &user_with_roles(&[])).unwrap();
    let p = RoomPatch { read_only: Some(true), ..RoomPatch::default() };
    assert!(v3(&room, p.clone(), OWNER).unwrap().read_only);
    assert_eq!(message(legacy(&room, p)), "Attribute \"readOnly\" is read-only and cannot be changed");
}

#[test]
fn the_legacy_update_keeps_a_public_rooms_invites_and_discoverability_as_they_are() {
    let closed = RoomPatch { members_can_invite: Some(false), ..RoomPatch::default() };
    assert_eq!(
        message(legacy(&public_room(), closed)),
        "Attribute \"membersCanInvite\" cannot be changed for a public room"
    );
    let hidden = RoomPatch { discoverable: Some(false), ..RoomPatch::default() };
    assert_eq!(
        message(legacy(&public_room(), hidden)),
        "Attribute \"discoverable\" cannot be changed for a public room"
    );
}

#[test]
fn pinning_and_unpinning_are_changes() {
    let room = new_room(&patch(), &user_with_roles(&[])).unwrap();
    let mid = MessageId::from_bytes(&[1, 2, 3]);
    let pin = RoomPatch { pinned_message: Some(Some(mid.clone())), ..RoomPatch::default() };
    let (_, pinned) = apply_room_update(&room, None, &pin, OWNER, UpdateApi::V3).unwrap();
    assert_eq!(pinned.as_ref(), Some(&mid));
    assert!(
        apply_room_update(&room, Some(&mid), &pin, OWNER, UpdateApi::V3).is_err(),
        "pinning it again changes nothing"
    );
    let unpin = RoomPatch { pinned_message: Some(None), ..RoomPatch::default() };
    assert_eq!(apply_room_update(&room, Some(&mid), &unpin, OWNER, UpdateApi::V3).unwrap().1, None);
    assert!(
        apply_room_update(&room, Some(&mid), &unpin, MEMBER, UpdateApi::V3).is_err(),
        "members cannot unpin"
    );
}
