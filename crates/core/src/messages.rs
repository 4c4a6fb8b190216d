//! Messages: send, update (the edit chain of `update-message.md`), read, list, attachments.

mod convert;
mod elements;
pub(crate) mod files;
mod oversight;
mod screening;
mod search;
mod share;

pub use files::{FileReader, ORPHAN_FILE_AGE_MS, Upload};
pub use oversight::{MessageStatus, SUPPRESSED_PRESENTATION_ML};
pub use screening::MESSAGE_BLOCKED;
pub use search::MessageSearch;
pub use share::SharedArticle;

use sympod_model::event::{EventKind, NewEvent};
use sympod_model::message::{Attachment, Message, MessageState};
use sympod_model::rules::messages::{can_send, can_update, readable_since};
use sympod_model::stream::StreamState;
use sympod_model::user::User;
use sympod_model::{MessageId, Millis, RuleError, StreamId, UserId};
use sympod_store::{MessagePage, StoreError};

use crate::{Caller, Core, CoreError, CoreResult, random_id};

/// Most messages one list answers.
pub const MAX_LIST_LIMIT: i64 = 500;

/// What a create or update request carries.
#[derive(Debug, Clone, Default)]
pub struct MessageInput {
    pub message: String,
    pub data: Option<String>,
    pub version: Option<String>,
    pub attachments: Vec<Upload>,
    /// Updates only: false shows the update as unread (true by default).
    pub silent: Option<bool>,
}

/// Most streams one blast reaches.
pub const MAX_BLAST_STREAMS: usize = 100;

/// Content checked and converted, ready to post to one or more streams; its files are stored
/// (as blobs named by the attachments' ids) once, whatever the number of streams.
struct Prepared {
    content: sympod_model::message::Content,
    files: Vec<Attachment>,
    /// What the DLP policies said (nothing that blocks).
    screening: crate::dlp::Screening,
}

/// What a blast did: the messages sent, and each stream that refused, with why.
#[derive(Debug, Default)]
pub struct Blast {
    pub sent: Vec<MessageView>,
    pub failed: Vec<(StreamId, CoreError)>,
}

/// A message with the stream and author its views need.
#[derive(Debug, Clone)]
pub struct MessageView {
    pub message: Message,
    pub stream: StreamState,
    pub author: Option<User>,
}

fn sent(state: &StreamState, message: &Message) -> NewEvent {
    event(state, message, EventKind::MessageSent { message: message.id.clone() })
}

fn event(state: &StreamState, message: &Message, kind: EventKind) -> NewEvent {
    NewEvent {
        at: message.created_at,
        initiator: message.author,
        stream: state.stream.id.clone(),
        stream_type: state.stream.kind,
        kind,
        audience: state.current_ids(),
    }
}

pub(crate) fn message_not_found(mid: &MessageId) -> CoreError {
    CoreError::not_found(format!("Message {mid} not found"))
}

impl Core {
    /// Checks, converts and screens (DLP) what a caller sends to `targets`, once, whatever the
    /// number of streams it goes to; the files are stored last, when nothing else can refuse the
    /// content.
    async fn prepare(
        &self,
        caller: &Caller,
        input: MessageInput,
        targets: &[&StreamState],
        replaces: Option<&MessageId>,
    ) -> CoreResult<Prepared> {
        self.check_uploads(&caller.user, &input.attachments)?;
        let content =
            self.convert_message(&input.message, input.data.as_deref(), input.version.as_deref()).await?;
        let screening =
            self.screen_message(caller.user.id, &content, &input.attachments, targets, replaces).await?;
        let files = self.store_uploads(input.attachments).await?;
        Ok(Prepared { content, files, screening })
    }

    /// A new message of `stream` from prepared content, with a fresh id.
    fn message_for(&self, caller: &Caller, stream: &StreamId, prepared: &Prepared) -> Message {
        let id =
            MessageId::parse(&random_id(sympod_model::ids::OPAQUE_ID_BYTES)).expect("random ids are valid");
        let now = self.now();
        Message {
            id: id.clone(),
            stream: stream.clone(),
            author: caller.user.id,
            created_at: now,
            initial_id: id,
            initial_at: now,
            replaces: None,
            replaced_by: None,
            state: MessageState::Active,
            content: prepared.content.clone(),
            attachments: prepared.files.clone(),
            via_app: caller.app.as_ref().map(|a| a.app_id.clone()),
            silent: None,
            suppressed_at: None,
        }
    }

    /// Posts prepared content to one stream, checking the sender against it in the transaction.
    /// A violation the content's screening found is recorded once the message is stored.
    async fn post_to(
        &self,
        caller: &Caller,
        state: StreamState,
        prepared: &Prepared,
    ) -> CoreResult<MessageView> {
        self.post_as(caller, state, prepared, |m| EventKind::MessageSent { message: m }).await
    }

    /// Posts prepared content to the stream of `state` (as the caller checked it, and as the answer
    /// shows it; the transaction checks the sender again against the stream as it is then), then
    /// records a violation its screening found. `kind` names the event it causes (`MESSAGESENT`,
    /// `SHAREDPOST`).
    async fn post_as(
        &self,
        caller: &Caller,
        state: StreamState,
        prepared: &Prepared,
        kind: fn(MessageId) -> EventKind,
    ) -> CoreResult<MessageView> {
        let message = self.message_for(caller, &state.stream.id, prepared);
        let (me, app) = (&caller.user, caller.app.as_ref());
        let mut check = |s: &StreamState, _: Option<&Message>, m: &Message| {
            can_send(s, me, app)?;
            Ok(vec![event(s, m, kind(m.id.clone()))])
        };
        let stored = self.store.post_message(&message, &mut check).await?;
        let view = MessageView { message: stored, stream: state, author: Some(caller.user.clone()) };
        self.record_sent(&prepared.screening, &view).await;
        Ok(view)
    }

    /// Whether the caller may post to `sid` at all: checked before a request's body is read, so that
    /// no one makes the server take in a large upload it will refuse.
    pub async fn may_post(&self, caller: &Caller, sid: &StreamId) -> CoreResult<()> {
        let state = self.load_stream(sid).await?;
        Ok(can_send(&state, &caller.user, caller.app.as_ref())?)
    }

    /// Whether the caller may update `mid` of `sid`, checked before the body is read.
    pub async fn may_update(&self, caller: &Caller, sid: &StreamId, mid: &MessageId) -> CoreResult<()> {
        let state = self.load_stream(sid).await?;
        if !state.is_member(caller.user.id) {
            return Err(RuleError::forbidden("The user is not a member of this stream").into());
        }
        let old = self.store.message(mid).await?.filter(|m| &m.stream == sid);
        let old =
            old.ok_or_else(|| CoreError::not_found(format!("Message {mid} not found in stream {sid}")))?;
        Ok(can_update(&state, &old, &caller.user, caller.app.as_ref())?)
    }

    /// `POST /agent/v4/stream/{sid}/message/create`: members of an active stream (owners only in a
    /// read-only room). The message, its files and its `MESSAGESENT` are written as one.
    pub async fn send_message(
        &self,
        caller: &Caller,
        sid: &StreamId,
        input: MessageInput,
    ) -> CoreResult<MessageView> {
        let state = self.load_stream(sid).await?;
        can_send(&state, &caller.user, caller.app.as_ref())?;
        let prepared = self.prepare(caller, input, &[&state], None).await?;
        self.post_to(caller, state, &prepared).await
    }

    /// `POST /agent/v4/message/blast`: the same message to at most 100 streams, each checked as a
    /// send. Answers what was sent, and the refusal of each stream it was not.
    pub async fn blast_message(
        &self,
        caller: &Caller,
        sids: &[StreamId],
        input: MessageInput,
    ) -> CoreResult<Blast> {
        if sids.len() > MAX_BLAST_STREAMS {
            return Err(CoreError::invalid(format!("sids must name 1 to {MAX_BLAST_STREAMS} streams")));
        }
        // Each stream is read and checked once; the content is screened for those the caller may
        // send to, and the others are reported with their refusal.
        let mut checked = Vec::with_capacity(sids.len());
        for sid in sids {
            let state = self.load_stream(sid).await.and_then(|state| {
                can_send(&state, &caller.user, caller.app.as_ref())?;
                Ok(state)
            });
            checked.push(state);
        }
        let targets: Vec<&StreamState> = checked.iter().filter_map(|c| c.as_ref().ok()).collect();
        let prepared = self.prepare(caller, input, &targets, None).await?;
        let mut blast = Blast::default();
        for (sid, state) in sids.iter().zip(checked) {
            match state {
                Ok(state) => match self.post_to(caller, state, &prepared).await {
                    Ok(view) => blast.sent.push(view),
                    Err(e) => blast.failed.push((sid.clone(), e)),
                },
                Err(e) => blast.failed.push((sid.clone(), e)),
            }
        }
        Ok(blast)
    }

    /// `POST /agent/v4/stream/{sid}/message/{mid}/update`: a new version of the newest message of a
    /// chain, by its author (or an on-behalf-of session for the author through an app with
    /// `SEND_MESSAGES`), who holds `canUpdateMessage`. A `mid` not of `sid` is not found.
    pub async fn update_message(
        &self,
        caller: &Caller,
        sid: &StreamId,
        mid: &MessageId,
        input: MessageInput,
    ) -> CoreResult<MessageView> {
        let state = self.load_stream(sid).await?;
        if !state.is_member(caller.user.id) {
            // Before the message is looked up: an outsider learns nothing about which ids exist.
            return Err(RuleError::forbidden("The user is not a member of this stream").into());
        }
        let old = self.store.message(mid).await?.filter(|m| &m.stream == sid);
        let old =
            old.ok_or_else(|| CoreError::not_found(format!("Message {mid} not found in stream {sid}")))?;
        can_update(&state, &old, &caller.user, caller.app.as_ref())?;
        let silent = input.silent.unwrap_or(true);
        let prepared = self.prepare(caller, input, &[&state], Some(mid)).await?;
        let mut message = self.message_for(caller, sid, &prepared);
        message.replaces = Some(mid.clone());
        message.silent = Some(silent);
        let (me, app) = (&caller.user, caller.app.as_ref());
        let mut check = |s: &StreamState, old: Option<&Message>, m: &Message| {
            let old = old.ok_or_else(|| RuleError::not_found(format!("Message {mid} not found")))?;
            can_update(s, old, me, app)?;
            Ok(vec![sent(s, m)])
        };
        let stored = self.store.post_message(&message, &mut check).await.map_err(|e| match e {
            StoreError::NotFound => message_not_found(mid),
            other => other.into(),
        })?;
        // The state read before the write serves the view: a failed read after the commit must not
        // turn a stored update into an error the SDK would retry.
        let view = MessageView { message: stored, stream: state, author: Some(caller.user.clone()) };
        self.record_sent(&prepared.screening, &view).await;
        Ok(view)
    }

    /// A message the caller may read, with its stream.
    pub(crate) async fn readable(
        &self,
        caller: &Caller,
        mid: &MessageId,
    ) -> CoreResult<(Message, StreamState)> {
        let message = self.store.message(mid).await?.ok_or_else(|| message_not_found(mid))?;
        let state = self.load_stream(&message.stream).await?;
        let since = readable_since(&state, &caller.user)?;
        if message.initial_at < since {
            return Err(RuleError::forbidden("The message was sent before the user joined this room").into());
        }
        Ok((message, state))
    }

    /// `GET /agent/v1/message/{id}`: any version of a message, for members of its stream (within
    /// what `viewHistory` lets them see) and compliance officers.
    pub async fn get_message(&self, caller: &Caller, mid: &MessageId) -> CoreResult<MessageView> {
        let (message, stream) = self.readable(caller, mid).await?;
        let author = self.store.user(message.author).await?;
        Ok(MessageView { message, stream, author })
    }

    /// `GET /agent/v4/stream/{sid}/message`: the newest versions, in conversation order.
    pub async fn list_messages(
        &self,
        caller: &Caller,
        sid: &StreamId,
        since: Millis,
        until: Option<Millis>,
        skip: i64,
        limit: i64,
    ) -> CoreResult<Vec<MessageView>> {
        if !(0..=MAX_LIST_LIMIT).contains(&limit) || skip < 0 {
            return Err(CoreError::invalid(format!(
                "limit must be 0 to {MAX_LIST_LIMIT} and skip not negative"
            )));
        }
        let state = self.load_stream(sid).await?;
        let visible_from = readable_since(&state, &caller.user)?;
        let page = MessagePage { since, until, visible_from, skip, limit };
        let messages = self.store.stream_messages(sid, page).await?;
        let mut authors: Vec<UserId> = messages.iter().map(|m| m.author).collect();
        authors.sort_unstable();
        authors.dedup();
        let users = self.store.users_by_ids(&authors).await?;
        Ok(messages
            .into_iter()
            .map(|message| {
                let author = users.iter().find(|u| u.id == message.author).cloned();
                MessageView { message, stream: state.clone(), author }
            })
            .collect())
    }
}
