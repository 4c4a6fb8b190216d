//! Who may send, read and update messages (seed `update-message.md` and the Messages issue).

use crate::app::{App, SEND_MESSAGES};
use crate::catalogue::CAN_UPDATE_MESSAGE;
use crate::message::{Message, MessageState};
use crate::rules::streams::{is_compliance_officer, require_active};
use crate::stream::{StreamState, StreamType};
use crate::user::User;
use crate::{Millis, RuleError};

/// Sending: members of an active stream; in a read-only room, owners only. Through an app (on
/// behalf of), the app must hold `SEND_MESSAGES`.
pub fn can_send(state: &StreamState, sender: &User, app: Option<&App>) -> Result<(), RuleError> {
    require_send_messages(app)?;
    if !state.is_member(sender.id) {
        return Err(RuleError::forbidden("The user is not a member of this stream"));
    }
    require_active(state)?;
    if state.room().is_some_and(|r| r.read_only) && !state.is_owner(sender.id) {
        return Err(RuleError::forbidden("Only owners can send messages in this read-only room"));
    }
    Ok(())
}

/// Reading a stream's messages: its current members and compliance officers. Answers the instant
/// from which the reader sees messages: a member of a room without `viewHistory` sees only what was
/// sent after they joined.
pub fn readable_since(state: &StreamState, reader: &User) -> Result<Millis, RuleError> {
    if let Some(member) = state.member(reader.id) {
        let hides_history = state.room().is_some_and(|r| !r.view_history);
        return Ok(if hides_history { member.joined_at } else { Millis::MIN });
    }
    if is_compliance_officer(reader) {
        return Ok(Millis::MIN);
    }
    Err(RuleError::forbidden("The user may not read this stream"))
}

/// The rules of `update-message.md`: the entitlement, the stream type, the author, the message's
/// state, and that only the newest version of a chain is updated. `app` is the app of an
/// on-behalf-of session.
pub fn can_update(
    state: &StreamState,
    message: &Message,
    caller: &User,
    app: Option<&App>,
) -> Result<(), RuleError> {
    if !caller.entitled(CAN_UPDATE_MESSAGE) {
        return Err(RuleError::forbidden("The user lacks the canUpdateMessage entitlement"));
    }
    require_send_messages(app)?;
    if !state.is_member(caller.id) {
        return Err(RuleError::forbidden("The user is not a member of this stream"));
    }
    if state.stream.kind == StreamType::Post {
        return Err(RuleError::invalid("Wall posts cannot be updated"));
    }
    if message.author != caller.id {
        return Err(RuleError::forbidden("Messages sent by other users cannot be updated"));
    }
    match message.state {
        MessageState::Active => {}
        MessageState::Suppressed => return Err(RuleError::invalid("A suppressed message cannot be updated")),
        MessageState::Deleted => return Err(RuleError::invalid("A deleted message cannot be updated")),
    }
    if let Some(newer) = &message.replaced_by {
        return Err(RuleError::invalid(format!(
            "Only the newest version of a message can be updated: {} is replaced by {newer}",
            message.id
        )));
    }
    can_send(state, caller, app)
}

/// An on-behalf-of session sends only through an app holding `SEND_MESSAGES`.
fn require_send_messages(app: Option<&App>) -> Result<(), RuleError> {
    match app {
        Some(app) if !app.has_permission(SEND_MESSAGES) => {
            Err(RuleError::forbidden(format!("The app {} lacks the SEND_MESSAGES permission", app.app_id)))
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::App;
    use crate::message::Content;
    use crate::stream::{Member, RoomAttributes, Stream};
    use crate::testing::user_with_roles;
    use crate::user::UserKeys;
    use crate::{MessageId, PodId, StreamId, UserId};

    fn stream(kind: StreamType, attrs: RoomAttributes, members: &[(i64, bool, i64)]) -> StreamState {
        StreamState {
            stream: Stream {
                id: StreamId::from_bytes(&[1]),
                kind,
                created_at: 0,
                created_by: UserId(1),
                active: true,
                room: (kind == StreamType::Room).then_some(attrs),
                pinned_message: None,
                last_message_at: None,
                conversation_key: None,
            },
            members: members
                .iter()
                .map(|&(u, owner, joined)| Member {
                    user: UserId(u),
                    pod: PodId(0),
                    owner,
                    joined_at: joined,
                    left_at: None,
                })
                .collect(),
        }
    }

    fn user(id: i64) -> User {
        User { id: UserId(id), ..user_with_roles(&[]) }
    }

    fn message(author: i64) -> Message {
        let id = MessageId::from_bytes(&[9]);
        Message {
            id: id.clone(),
            stream: StreamId::from_bytes(&[1]),
            author: UserId(author),
            created_at: 5,
            initial_id: id,
            initial_at: 5,
            replaces: None,
            replaced_by: None,
            state: MessageState::Active,
            content: Content {
                presentation_ml: String::new(),
                data: "{}".into(),
                text: String::new(),
                original_format: String::new(),
                hashtags: vec![],
                cashtags: vec![],
                mentions: vec![],
                forms: vec![],
            },
            attachments: vec![],
            via_app: None,
            silent: None,
            suppressed_at: None,
        }
    }

    fn app(permissions: &[&str]) -> App {
        App {
            app_id: "a".into(),
            profile: Default::default(),
            permissions: permissions.iter().map(|p| (*p).to_owned()).collect(),
            keys: UserKeys::default(),
            session_epoch: 0,
        }
    }

    #[test]
    fn only_owners_send_in_a_read_only_room_and_nobody_in_a_deactivated_one() {
        let quiet = stream(
            StreamType::Room,
            RoomAttributes { read_only: true, ..Default::default() },
            &[(1, true, 0), (2, false, 0)],
        );
        assert!(can_send(&quiet, &user(1), None).is_ok());
        assert!(can_send(&quiet, &user(2), None).is_err());
        assert!(can_send(&quiet, &user(3), None).is_err(), "non-members never");
        let mut closed = stream(StreamType::Room, RoomAttributes::default(), &[(1, true, 0)]);
        closed.stream.active = false;
        assert!(matches!(can_send(&closed, &user(1), None), Err(RuleError::Invalid(_))));
    }

    #[test]
    fn without_view_history_a_member_reads_from_when_they_joined() {
        let hidden = stream(StreamType::Room, RoomAttributes::default(), &[(1, true, 0), (2, false, 50)]);
        assert_eq!(readable_since(&hidden, &user(2)), Ok(50));
        let open = stream(
            StreamType::Room,
            RoomAttributes { view_history: true, ..Default::default() },
            &[(2, false, 50)],
        );
        assert_eq!(readable_since(&open, &user(2)), Ok(Millis::MIN));
        let officer = User { id: UserId(9), ..user_with_roles(&["COMPLIANCE_OFFICER"]) };
        assert_eq!(readable_since(&hidden, &officer), Ok(Millis::MIN));
        assert!(readable_since(&hidden, &user(3)).is_err());
        let im = stream(StreamType::Im, RoomAttributes::default(), &[(1, false, 50), (2, false, 50)]);
        assert_eq!(readable_since(&im, &user(1)), Ok(Millis::MIN), "IMs show their whole history");
    }

    #[test]
    fn an_update_follows_every_rule_of_the_seed() {
        let room = stream(StreamType::Room, RoomAttributes::default(), &[(1, true, 0), (2, false, 0)]);
        assert!(can_update(&room, &message(1), &user(1), None).is_ok());
        let mut no_entitlement = user(1);
        no_entitlement.features.insert("canUpdateMessage".into(), false);
        assert!(matches!(
            can_update(&room, &message(1), &no_entitlement, None),
            Err(RuleError::Forbidden(_))
        ));
        assert!(
            matches!(can_update(&room, &message(1), &user(2), None), Err(RuleError::Forbidden(_))),
            "another user's"
        );
        let wall = stream(StreamType::Post, RoomAttributes::default(), &[(1, true, 0)]);
        assert_eq!(
            can_update(&wall, &message(1), &user(1), None),
            Err(RuleError::invalid("Wall posts cannot be updated"))
        );
        let mut suppressed = message(1);
        suppressed.state = MessageState::Suppressed;
        assert!(matches!(can_update(&room, &suppressed, &user(1), None), Err(RuleError::Invalid(_))));
        let mut deleted = message(1);
        deleted.state = MessageState::Deleted;
        assert!(matches!(can_update(&room, &deleted, &user(1), None), Err(RuleError::Invalid(_))));
        let mut replaced = message(1);
        replaced.replaced_by = Some(MessageId::from_bytes(&[8]));
        assert!(matches!(can_update(&room, &replaced, &user(1), None), Err(RuleError::Invalid(_))));
    }

    #[test]
    fn on_behalf_of_a_send_needs_the_apps_send_messages_permission() {
        let room = stream(StreamType::Room, RoomAttributes::default(), &[(1, true, 0)]);
        assert!(can_send(&room, &user(1), Some(&app(&["ACT_AS_USER", "SEND_MESSAGES"]))).is_ok());
        assert!(matches!(
            can_send(&room, &user(1), Some(&app(&["ACT_AS_USER"]))),
            Err(RuleError::Forbidden(_))
        ));
    }

    #[test]
    fn on_behalf_of_an_update_needs_the_apps_send_messages_permission() {
        let room = stream(StreamType::Room, RoomAttributes::default(), &[(1, true, 0)]);
        assert!(
            can_update(&room, &message(1), &user(1), Some(&app(&["ACT_AS_USER", "SEND_MESSAGES"]))).is_ok()
        );
        assert!(matches!(
            can_update(&room, &message(1), &user(1), Some(&app(&["ACT_AS_USER"]))),
            Err(RuleError::Forbidden(_))
        ));
    }
}
