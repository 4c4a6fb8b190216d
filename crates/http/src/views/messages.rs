//! `V4Message`, the agent's message view.

use serde_json::{Value, json};
use sympod_core::messages::MessageView;
use sympod_model::stream::StreamType;
use sympod_model::user::User;

/// `V4User`.
pub fn v4_user(user: &User) -> Value {
    let mut v = json!({ "userId": user.id.0, "displayName": user.display_name, "username": user.username });
    for (key, value) in [
        ("firstName", &user.profile.first_name),
        ("lastName", &user.profile.last_name),
        ("email", &user.email),
    ] {
        if let Some(value) = value {
            v[key] = json!(value);
        }
    }
    v
}

/// `V4Message`: the fields that apply; the chain's fields only on versions of an updated message.
pub fn v4_message(view: &MessageView) -> Value {
    let m = &view.message;
    let state = &view.stream;
    let cross_pod = crate::views::streams::cross_pod(state);
    let mut stream = json!({
        "streamId": state.stream.id.as_str(),
        "streamType": state.stream.kind.as_str(),
        "external": state.company_count() > 1,
        "crossPod": cross_pod,
    });
    if state.stream.kind == StreamType::Room {
        stream["roomName"] = json!(state.room().map(|r| r.name.as_str()).unwrap_or_default());
    }
    let user = view.author.as_ref().map_or_else(|| json!({ "userId": m.author.0 }), v4_user);
    let mut v = json!({
        "messageId": m.id.as_str(),
        "timestamp": m.created_at,
        "message": m.content.presentation_ml,
        "data": m.content.data,
        "attachments": m.attachments.iter().map(|a| json!({ "id": a.id, "name": a.name, "size": a.size, "images": [] })).collect::<Vec<_>>(),
        "user": user,
        "stream": stream,
        "externalRecipients": state.company_count() > 1,
        "originalFormat": m.content.original_format,
        "userAgent": "sympod",
    });
    let in_chain = m.replaces.is_some() || m.replaced_by.is_some();
    if let Some(replaces) = &m.replaces {
        v["replacing"] = json!(replaces.as_str());
    }
    if let Some(by) = &m.replaced_by {
        v["replacedBy"] = json!(by.as_str());
    }
    if in_chain {
        v["initialMessageId"] = json!(m.initial_id.as_str());
        v["initialTimestamp"] = json!(m.initial_at);
    }
    if let Some(silent) = m.silent {
        v["silent"] = json!(silent);
    }
    v
}
