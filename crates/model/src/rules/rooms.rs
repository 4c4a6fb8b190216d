//! The rules of room attributes: what a new room may be, and what an update may change.
//!
//! Sources: `update-room-v3.md` (v3, the current API) and `update-room-legacy.md` (the v1/v2 update
//! endpoints, where `readOnly` is also fixed and public rooms keep `membersCanInvite` and
//! `discoverable` as they are). Every refusal names the attribute and the rule it broke.

use crate::catalogue::{CAN_CREATE_PUBLIC_ROOM, CAN_UPDATE_ROOM_HISTORY_PROPERTY};
use crate::stream::{Keyword, RoomAttributes};
use crate::user::User;
use crate::{MessageId, RuleError};

mod update;

pub use update::{UpdateApi, Updater, apply_room_update};

/// Entitlement needed to create a cross-pod room.
pub const IS_EXTERNAL_ROOM_ENABLED: &str = "isExternalRoomEnabled";
/// Entitlement needed to create a multi-lateral room.
pub const CAN_CREATE_MULTI_LATERAL_ROOM: &str = "canCreateMultiLateralRoom";

/// Room attributes as a create or update request carries them: `None` is "not given".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RoomPatch {
    pub name: Option<String>,
    pub description: Option<String>,
    pub keywords: Option<Vec<Keyword>>,
    pub members_can_invite: Option<bool>,
    pub discoverable: Option<bool>,
    pub public: Option<bool>,
    pub read_only: Option<bool>,
    pub copy_protected: Option<bool>,
    pub cross_pod: Option<bool>,
    pub view_history: Option<bool>,
    pub multi_lateral: Option<bool>,
    pub scheduled_meeting: Option<bool>,
    pub group_chat: Option<bool>,
    pub sub_type: Option<String>,
    /// `Some(None)` is the empty string: unpin.
    pub pinned_message: Option<Option<MessageId>>,
}

pub(crate) fn attr(name: &str, rule: &str) -> RuleError {
    RuleError::invalid(format!("Attribute \"{name}\" {rule}"))
}

fn entitled(user: &User, feature: &str, what: &str) -> Result<(), RuleError> {
    if user.entitled(feature) {
        Ok(())
    } else {
        Err(RuleError::forbidden(format!(
            "The user lacks the {feature} entitlement required to create {what}"
        )))
    }
}

/// The attributes of a new room created by `creator`. A public room is discoverable and lets members
/// invite; a cross-pod room is not discoverable; a multi-lateral room is cross-pod. Defaults: members
/// can invite, discoverable unless cross-pod, everything else off. `subType` and `groupChat` are
/// ignored at creation, as the spec says.
pub fn new_room(patch: &RoomPatch, creator: &User) -> Result<RoomAttributes, RuleError> {
    let name = patch.name.as_deref().map(str::trim).unwrap_or_default();
    if name.is_empty() {
        return Err(attr("name", "is required and cannot be empty"));
    }
    let public = patch.public.unwrap_or(false);
    let multi_lateral = patch.multi_lateral.unwrap_or(false);
    if multi_lateral && patch.cross_pod == Some(false) {
        return Err(attr("multiLateralRoom", "requires a cross-pod room"));
    }
    let cross_pod = patch.cross_pod.unwrap_or(false) || multi_lateral;
    if public {
        entitled(creator, CAN_CREATE_PUBLIC_ROOM, "a public room")?;
    }
    if cross_pod {
        entitled(creator, IS_EXTERNAL_ROOM_ENABLED, "a cross-pod room")?;
    }
    if multi_lateral {
        entitled(creator, CAN_CREATE_MULTI_LATERAL_ROOM, "a multi-lateral room")?;
    }
    if public && cross_pod {
        return Err(attr("public", "cannot be true for a cross-pod room"));
    }
    let discoverable = patch.discoverable.unwrap_or(!cross_pod);
    if public && !discoverable {
        return Err(attr("discoverable", "cannot be false for a public room"));
    }
    if cross_pod && discoverable {
        return Err(attr("discoverable", "cannot be true for a cross-pod room"));
    }
    let members_can_invite = patch.members_can_invite.unwrap_or(true);
    if public && !members_can_invite {
        return Err(attr("membersCanInvite", "cannot be false for a public room"));
    }
    if let Some(Some(_)) = &patch.pinned_message {
        return Err(attr("pinnedMessageId", "must name a message of this room, and a new room has none"));
    }
    Ok(RoomAttributes {
        name: name.to_owned(),
        description: patch.description.clone().unwrap_or_default(),
        keywords: patch.keywords.clone().unwrap_or_default(),
        members_can_invite,
        discoverable,
        public,
        read_only: patch.read_only.unwrap_or(false),
        copy_protected: patch.copy_protected.unwrap_or(false),
        cross_pod,
        view_history: patch.view_history.unwrap_or(false),
        multi_lateral,
        scheduled_meeting: patch.scheduled_meeting.unwrap_or(false),
        group_chat: false,
        sub_type: None,
    })
}

/// Whether `user` may toggle `viewHistory` without owning the room.
pub fn can_toggle_history(user: &User) -> bool {
    user.entitled(CAN_UPDATE_ROOM_HISTORY_PROPERTY)
}

#[cfg(test)]
mod tests;
