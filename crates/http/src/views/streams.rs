//! Stream views: IM details, room attributes and details (v3 and legacy), stream attributes,
//! memberships.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use sympod_model::rules::rooms::RoomPatch;
use sympod_model::stream::{Keyword, Member, RoomAttributes, StreamState, StreamType};
use sympod_model::{MessageId, PodId, RuleError};

/// `RoomTag`, both ways.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RoomTag {
    pub key: String,
    pub value: String,
}

fn keywords_in(tags: Option<Vec<RoomTag>>) -> Option<Vec<Keyword>> {
    tags.map(|t| t.into_iter().map(|k| Keyword { key: k.key, value: k.value }).collect())
}

fn keywords_out(room: &RoomAttributes) -> Vec<RoomTag> {
    room.keywords.iter().map(|k| RoomTag { key: k.key.clone(), value: k.value.clone() }).collect()
}

/// `""` unpins; anything else must be a message id (URL-safe or standard base64).
pub fn pinned_in(value: Option<String>) -> Result<Option<Option<MessageId>>, RuleError> {
    match value {
        None => Ok(None),
        Some(v) if v.is_empty() => Ok(Some(None)),
        Some(v) => MessageId::parse(&v).map(|id| Some(Some(id))),
    }
}

/// `V3RoomAttributes` (and, through its optional fields, v1 `RoomAttributes` and `V2RoomAttributes`)
/// as a request carries them.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RoomAttributesIn {
    name: Option<String>,
    keywords: Option<Vec<RoomTag>>,
    description: Option<String>,
    members_can_invite: Option<bool>,
    discoverable: Option<bool>,
    public: Option<bool>,
    read_only: Option<bool>,
    copy_protected: Option<bool>,
    cross_pod: Option<bool>,
    view_history: Option<bool>,
    multi_lateral_room: Option<bool>,
    scheduled_meeting: Option<bool>,
    sub_type: Option<String>,
    pinned_message_id: Option<String>,
    group_chat: Option<bool>,
}

impl RoomAttributesIn {
    pub fn into_patch(self) -> Result<RoomPatch, RuleError> {
        Ok(RoomPatch {
            name: self.name,
            description: self.description,
            keywords: keywords_in(self.keywords),
            members_can_invite: self.members_can_invite,
            discoverable: self.discoverable,
            public: self.public,
            read_only: self.read_only,
            copy_protected: self.copy_protected,
            cross_pod: self.cross_pod,
            view_history: self.view_history,
            multi_lateral: self.multi_lateral_room,
            scheduled_meeting: self.scheduled_meeting,
            group_chat: self.group_chat,
            sub_type: self.sub_type,
            pinned_message: pinned_in(self.pinned_message_id)?,
        })
    }
}

/// `ImmutableRoomAttributes` of the v1 create.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ImmutableIn {
    public: Option<bool>,
    read_only: Option<bool>,
    copy_protected: Option<bool>,
}

/// `RoomCreate` (v1).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RoomCreateV1 {
    room_attributes: Option<RoomAttributesIn>,
    immutable_room_attributes: Option<ImmutableIn>,
}

impl RoomCreateV1 {
    pub fn into_patch(self) -> Result<RoomPatch, RuleError> {
        let mut patch = self.room_attributes.unwrap_or_default().into_patch()?;
        let fixed = self.immutable_room_attributes.unwrap_or_default();
        patch.public = fixed.public;
        patch.read_only = fixed.read_only;
        patch.copy_protected = fixed.copy_protected;
        Ok(patch)
    }
}

fn system_info(state: &StreamState) -> Value {
    json!({
        "id": state.stream.id.as_str(),
        "creationDate": state.stream.created_at,
        "createdByUserId": state.stream.created_by.0,
        "active": state.stream.active,
    })
}

fn room_of(state: &StreamState) -> RoomAttributes {
    state.stream.room.clone().unwrap_or_default()
}

/// `V3RoomDetail`. `groups` appears only when groups were added, which sympod does not do yet.
pub fn v3_room_detail(state: &StreamState) -> Value {
    let r = room_of(state);
    let mut attrs = json!({
        "name": r.name, "keywords": keywords_out(&r), "description": r.description,
        "membersCanInvite": r.members_can_invite, "discoverable": r.discoverable, "public": r.public,
        "readOnly": r.read_only, "copyProtected": r.copy_protected, "crossPod": r.cross_pod,
        "viewHistory": r.view_history, "multiLateralRoom": r.multi_lateral, "scheduledMeeting": r.scheduled_meeting,
        "groupChat": r.group_chat,
    });
    if let Some(sub) = &r.sub_type {
        attrs["subType"] = json!(sub);
    }
    if let Some(pinned) = &state.stream.pinned_message {
        attrs["pinnedMessageId"] = json!(pinned.as_str());
    }
    json!({ "roomAttributes": attrs, "roomSystemInfo": system_info(state) })
}

/// `RoomDetail` (v1): mutable attributes, system info, immutable attributes.
pub fn v1_room_detail(state: &StreamState) -> Value {
    let r = room_of(state);
    json!({
        "roomAttributes": { "name": r.name, "description": r.description, "membersCanInvite": r.members_can_invite, "discoverable": r.discoverable },
        "roomSystemInfo": system_info(state),
        "immutableRoomAttributes": { "public": r.public, "readOnly": r.read_only, "copyProtected": r.copy_protected },
    })
}

/// `V2RoomDetail`.
pub fn v2_room_detail(state: &StreamState) -> Value {
    let r = room_of(state);
    json!({
        "roomAttributes": {
            "name": r.name, "keywords": keywords_out(&r), "description": r.description,
            "membersCanInvite": r.members_can_invite, "discoverable": r.discoverable, "public": r.public,
            "readOnly": r.read_only, "copyProtected": r.copy_protected,
        },
        "roomSystemInfo": system_info(state),
    })
}

/// `V1IMDetail`; the spec capitalises its two keys.
pub fn im_detail(state: &StreamState) -> Value {
    let mut attrs = json!({});
    if let Some(pinned) = &state.stream.pinned_message {
        attrs["pinnedMessageId"] = json!(pinned.as_str());
    }
    json!({
        "V1IMAttributes": attrs,
        "IMSystemInfo": { "id": state.stream.id.as_str(), "creationDate": state.stream.created_at, "active": state.stream.active },
    })
}

pub use sympod_model::rules::conversations::is_cross_pod as cross_pod;

/// `StreamAttributes` (v1 list) and, with `origin`, `V2StreamAttributes`.
pub fn stream_attributes(state: &StreamState, home: Option<PodId>) -> Value {
    let mut v = json!({
        "id": state.stream.id.as_str(),
        "crossPod": cross_pod(state),
        "active": state.stream.active,
        "streamType": { "type": state.stream.kind.as_str() },
    });
    match state.stream.kind {
        StreamType::Room => v["roomAttributes"] = json!({ "name": room_of(state).name }),
        _ => v["streamAttributes"] = json!({ "members": state.current_ids() }),
    }
    if let Some(home) = home {
        let origin = state.stream.created_by.pod() != home;
        v["origin"] = json!(if origin { "EXTERNAL" } else { "INTERNAL" });
        if let Some(at) = state.stream.last_message_at {
            v["lastMessageDate"] = json!(at);
        }
    }
    v
}

/// `MemberInfo`.
pub fn member_info(m: &Member) -> Value {
    json!({ "id": m.user.0, "owner": m.owner, "joinDate": m.joined_at })
}
