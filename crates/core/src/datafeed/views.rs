//! What a delivered event shows: its users, stream and message, loaded in a few queries per batch.

use sympod_model::event::{Event, EventKind};
use sympod_model::stream::StreamState;
use sympod_model::user::User;
use sympod_model::{MessageId, StreamId, UserId};

use crate::messages::MessageView;
use crate::{Core, CoreResult};

/// An event with everything its `V4Event` shows.
#[derive(Debug, Clone)]
pub struct EventView {
    pub event: Event,
    pub initiator: Option<User>,
    pub stream: Option<StreamState>,
    pub message: Option<MessageView>,
    pub affected: Option<User>,
    /// For `INSTANTMESSAGECREATED`: the conversation's members.
    pub members: Vec<User>,
    /// For room events: the room's creator (`creatorUser` of its properties).
    pub creator: Option<User>,
}

/// The user an event is about, besides its initiator.
fn affected_id(kind: &EventKind) -> Option<UserId> {
    match kind {
        EventKind::UserJoinedRoom { affected }
        | EventKind::UserLeftRoom { affected }
        | EventKind::RoomMemberPromotedToOwner { affected }
        | EventKind::RoomMemberDemotedFromOwner { affected } => Some(*affected),
        _ => None,
    }
}

impl Core {
    /// Loads what each event's view shows.
    pub(crate) async fn event_views(&self, events: Vec<Event>) -> CoreResult<Vec<EventView>> {
        let mut streams: Vec<StreamState> = Vec::new();
        for e in &events {
            let sid: &StreamId = &e.event.stream;
            if !streams.iter().any(|s| &s.stream.id == sid)
                && let Some(s) = self.store.stream(sid).await?
            {
                streams.push(s);
            }
        }
        let mut ids: Vec<UserId> = streams.iter().map(|s| s.stream.created_by).collect();
        for e in &events {
            ids.push(e.event.initiator);
            ids.extend(affected_id(&e.event.kind));
            if let EventKind::InstantMessageCreated { members } = &e.event.kind {
                ids.extend(members);
            }
        }
        ids.sort_unstable();
        ids.dedup();
        let users = self.store.users_by_ids(&ids).await?;
        let user = |id: UserId| users.iter().find(|u| u.id == id).cloned();
        let mut views = Vec::with_capacity(events.len());
        for event in events {
            let stream = streams.iter().find(|s| s.stream.id == event.event.stream).cloned();
            let message = match &event.event.kind {
                EventKind::MessageSent { message } | EventKind::SharedPost { message } => {
                    self.message_view(message, stream.clone()).await?
                }
                _ => None,
            };
            let members = match &event.event.kind {
                EventKind::InstantMessageCreated { members } => {
                    members.iter().filter_map(|m| user(*m)).collect()
                }
                _ => Vec::new(),
            };
            views.push(EventView {
                initiator: user(event.event.initiator),
                creator: stream.as_ref().and_then(|s| user(s.stream.created_by)),
                affected: affected_id(&event.event.kind).and_then(user),
                stream,
                message,
                members,
                event,
            });
        }
        Ok(views)
    }

    async fn message_view(
        &self,
        id: &MessageId,
        stream: Option<StreamState>,
    ) -> CoreResult<Option<MessageView>> {
        let (Some(message), Some(stream)) = (self.store.message(id).await?, stream) else {
            return Ok(None);
        };
        let author = self.store.user(message.author).await?;
        Ok(Some(MessageView { message, stream, author }))
    }
}
