//! What an update may change, and who may change it.

use super::{RoomPatch, attr};
use crate::stream::RoomAttributes;
use crate::{MessageId, RuleError};

/// Which update endpoint applies its rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UpdateApi {
    /// `POST /pod/v3/room/{id}/update`.
    V3,
    /// `POST /pod/v1/room/{id}/update` and `/pod/v2/room/{id}/update`.
    Legacy,
}

/// Who is updating, as far as the rules care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Updater {
    pub is_owner: bool,
    pub is_member: bool,
    /// Holds "Can Toggle Room's Share History Property".
    pub can_toggle_history: bool,
}

const ONLY_OWNERS: &str = "Only owners of the room can update it";

/// Applies `patch` to a room and answers its new attributes and pinned message, or the first rule
/// the update breaks: permission first, then each attribute's rule, then "nothing changes".
pub fn apply_room_update(
    current: &RoomAttributes,
    pinned: Option<&MessageId>,
    patch: &RoomPatch,
    who: Updater,
    api: UpdateApi,
) -> Result<(RoomAttributes, Option<MessageId>), RuleError> {
    check_permission(current, pinned, patch, who)?;
    let next = |given: Option<bool>, now: bool| given.unwrap_or(now);
    let changes = |given: Option<bool>, now: bool| given.is_some_and(|g| g != now);

    for (name, given, now) in [
        ("public", patch.public, current.public),
        ("crossPod", patch.cross_pod, current.cross_pod),
        ("multiLateralRoom", patch.multi_lateral, current.multi_lateral),
    ] {
        if changes(given, now) {
            return Err(attr(name, "is read-only and cannot be changed"));
        }
    }
    if api == UpdateApi::Legacy && changes(patch.read_only, current.read_only) {
        return Err(attr("readOnly", "is read-only and cannot be changed"));
    }
    if current.copy_protected && patch.copy_protected == Some(false) {
        return Err(attr("copyProtected", "cannot be set to false once it is true"));
    }
    let discoverable = next(patch.discoverable, current.discoverable);
    let members_can_invite = next(patch.members_can_invite, current.members_can_invite);
    if current.public && api == UpdateApi::Legacy {
        if changes(patch.discoverable, current.discoverable) {
            return Err(attr("discoverable", "cannot be changed for a public room"));
        }
        if changes(patch.members_can_invite, current.members_can_invite) {
            return Err(attr("membersCanInvite", "cannot be changed for a public room"));
        }
    }
    if current.cross_pod && discoverable {
        return Err(attr("discoverable", "cannot be true for a cross-pod room"));
    }
    if current.public && !discoverable {
        return Err(attr("discoverable", "cannot be false for a public room"));
    }
    if current.public && !members_can_invite {
        return Err(attr("membersCanInvite", "cannot be false for a public room"));
    }
    if patch.sub_type.as_ref().is_some_and(|s| Some(s) != current.sub_type.as_ref()) {
        return Err(attr("subType", "is deprecated and cannot be changed"));
    }
    if patch.name.as_deref().is_some_and(|n| n.trim().is_empty()) {
        return Err(attr("name", "cannot be empty"));
    }

    let updated = RoomAttributes {
        name: patch.name.as_deref().map_or_else(|| current.name.clone(), |n| n.trim().to_owned()),
        description: patch.description.clone().unwrap_or_else(|| current.description.clone()),
        keywords: patch.keywords.clone().unwrap_or_else(|| current.keywords.clone()),
        members_can_invite,
        discoverable,
        read_only: next(patch.read_only, current.read_only),
        copy_protected: next(patch.copy_protected, current.copy_protected),
        view_history: next(patch.view_history, current.view_history),
        scheduled_meeting: next(patch.scheduled_meeting, current.scheduled_meeting),
        group_chat: next(patch.group_chat, current.group_chat),
        ..current.clone()
    };
    let new_pinned = match &patch.pinned_message {
        Some(p) => p.clone(),
        None => pinned.cloned(),
    };
    if updated == *current && new_pinned.as_ref() == pinned {
        return Err(RuleError::invalid("The update request does not change any attribute of the room"));
    }
    Ok((updated, new_pinned))
}

/// Owners may change anything. Another member may change `viewHistory` alone, and only with the
/// entitlement to toggle it (in v3 and the legacy updates alike); non-members nothing. What counts is
/// what the request would change, not what it repeats.
fn check_permission(
    current: &RoomAttributes,
    pinned: Option<&MessageId>,
    patch: &RoomPatch,
    who: Updater,
) -> Result<(), RuleError> {
    if who.is_owner {
        return Ok(());
    }
    if !who.is_member {
        return Err(RuleError::forbidden(ONLY_OWNERS));
    }
    let differs = |given: Option<bool>, now: bool| given.is_some_and(|g| g != now);
    let other_changes = patch.name.as_deref().is_some_and(|n| n.trim() != current.name)
        || patch.description.as_ref().is_some_and(|d| *d != current.description)
        || patch.keywords.as_ref().is_some_and(|k| *k != current.keywords)
        || patch.sub_type.as_ref().is_some_and(|s| Some(s) != current.sub_type.as_ref())
        || patch.pinned_message.as_ref().is_some_and(|p| p.as_ref() != pinned)
        || [
            (patch.members_can_invite, current.members_can_invite),
            (patch.discoverable, current.discoverable),
            (patch.public, current.public),
            (patch.read_only, current.read_only),
            (patch.copy_protected, current.copy_protected),
            (patch.cross_pod, current.cross_pod),
            (patch.multi_lateral, current.multi_lateral),
            (patch.scheduled_meeting, current.scheduled_meeting),
            (patch.group_chat, current.group_chat),
        ]
        .into_iter()
        .any(|(given, now)| differs(given, now));
    if other_changes {
        return Err(RuleError::forbidden(ONLY_OWNERS));
    }
    if differs(patch.view_history, current.view_history) && !who.can_toggle_history {
        return Err(RuleError::forbidden(
            "Attribute \"viewHistory\" can be changed only by a room owner or by a user entitled to toggle the room's share history property",
        ));
    }
    Ok(())
}
