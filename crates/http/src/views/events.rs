//! `V4Event`: what a datafeed read delivers.

use serde_json::{Value, json};
use sympod_core::datafeed::EventView;
use sympod_model::event::EventKind;
use sympod_model::rules::conversations::is_cross_pod;
use sympod_model::stream::{RoomAttributes, StreamType};

use super::messages::{v4_message, v4_user};

/// `V4Stream` as events show it; `members` only for a new IM.
fn v4_stream(view: &EventView) -> Value {
    let e = &view.event.event;
    let mut v = json!({ "streamId": e.stream.as_str(), "streamType": e.stream_type.as_str() });
    if let Some(state) = &view.stream {
        v["external"] = json!(state.company_count() > 1);
        v["crossPod"] = json!(is_cross_pod(state));
        if state.stream.kind == StreamType::Room {
            v["roomName"] = json!(state.room().map(|r| r.name.as_str()).unwrap_or_default());
        }
    }
    if !view.members.is_empty() {
        v["members"] = json!(view.members.iter().map(v4_user).collect::<Vec<_>>());
    }
    v
}

/// `V4RoomProperties`, from the room's attributes as the event recorded them.
fn room_properties(view: &EventView, room: &RoomAttributes) -> Value {
    let mut v = json!({
        "name": room.name, "description": room.description, "external": view.stream.as_ref().is_some_and(|s| s.company_count() > 1),
        "crossPod": room.cross_pod, "public": room.public, "copyProtected": room.copy_protected, "readOnly": room.read_only,
        "discoverable": room.discoverable, "membersCanInvite": room.members_can_invite, "canViewHistory": room.view_history,
        "keywords": room.keywords.iter().map(|k| json!({ "key": k.key, "value": k.value })).collect::<Vec<_>>(),
    });
    if let Some(state) = &view.stream {
        v["createdDate"] = json!(state.stream.created_at);
    }
    if let Some(creator) = &view.creator {
        v["creatorUser"] = v4_user(creator);
    }
    v
}

/// The `V4Event` of one logged event.
pub fn v4_event(view: &EventView) -> Value {
    let e = &view.event.event;
    let stream = v4_stream(view);
    let affected = view.affected.as_ref().map(v4_user);
    let message = view.message.as_ref().map(v4_message);
    let payload = match &e.kind {
        EventKind::MessageSent { .. } => json!({ "messageSent": { "message": message } }),
        EventKind::SharedPost { .. } => json!({ "sharedPost": { "message": message } }),
        EventKind::ElementsAction { message: id, form_id, values } => json!({ "symphonyElementsAction": {
            "stream": stream, "formMessageId": id.as_str(), "formId": form_id, "formValues": values,
        } }),
        EventKind::MessageSuppressed { message: id } => {
            json!({ "messageSuppressed": { "messageId": id.as_str(), "stream": stream } })
        }
        EventKind::InstantMessageCreated { .. } => json!({ "instantMessageCreated": { "stream": stream } }),
        EventKind::RoomCreated { room } => {
            json!({ "roomCreated": { "stream": stream, "roomProperties": room_properties(view, room) } })
        }
        EventKind::RoomUpdated { room } => {
            json!({ "roomUpdated": { "stream": stream, "newRoomProperties": room_properties(view, room) } })
        }
        EventKind::RoomDeactivated => json!({ "roomDeactivated": { "stream": stream } }),
        EventKind::RoomReactivated { .. } => json!({ "roomReactivated": { "stream": stream } }),
        EventKind::UserJoinedRoom { .. } => {
            json!({ "userJoinedRoom": { "stream": stream, "affectedUser": affected } })
        }
        EventKind::UserLeftRoom { .. } => {
            json!({ "userLeftRoom": { "stream": stream, "affectedUser": affected } })
        }
        EventKind::RoomMemberPromotedToOwner { .. } => {
            json!({ "roomMemberPromotedToOwner": { "stream": stream, "affectedUser": affected } })
        }
        EventKind::RoomMemberDemotedFromOwner { .. } => {
            json!({ "roomMemberDemotedFromOwner": { "stream": stream, "affectedUser": affected } })
        }
    };
    let mut v = json!({
        "id": view.event.seq.to_string(),
        "timestamp": e.at,
        "type": e.kind.type_name(),
        "initiator": { "user": view.initiator.as_ref().map(v4_user) },
        "payload": payload,
    });
    if let EventKind::MessageSent { message: id } | EventKind::SharedPost { message: id } = &e.kind {
        v["messageId"] = json!(id.as_str());
    }
    v
}
