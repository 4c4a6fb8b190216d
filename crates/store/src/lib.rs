//! The storage boundary of sympod.
//!
//! [`Store`] is the one trait every backend (SQLite now, PostgreSQL next) implements. Its methods are
//! whole units of work: each either happens completely or not at all, so use cases never hold a
//! transaction open across an `await` of their own. Changes that must check a rule against the
//! current state take a closure ([`Mutation`]) that the backend runs inside its transaction, after
//! reading the row and before writing it back: read-modify-write is atomic on every backend, with no
//! retry loops above.
//!
//! Backends classify their own errors into [`StoreError`]; the `conformance` feature exports the
//! suite of behaviours every backend must pass.

use std::sync::Arc;

use async_trait::async_trait;
use sympod_model::app::App;
use sympod_model::dlp::{DlpDictionary, DlpPolicy, DlpViolation, ViolationKind};
use sympod_model::event::{Event, NewEvent};
use sympod_model::feed::Feed;
use sympod_model::message::Message;
use sympod_model::stream::StreamState;
use sympod_model::user::{User, UserStatus};
use sympod_model::{MessageId, Millis, PodId, RuleError, StreamId, UserId};

pub mod blob;
pub mod record;

pub use blob::{BLOB_CHUNK, FileBody};

#[cfg(feature = "conformance")]
pub mod conformance;

/// What went wrong in the store, in the terms the layers above act on.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("not found")]
    NotFound,
    /// A uniqueness constraint: the payload names what is already taken (`username`, `email`, ...).
    #[error("{0} already exists")]
    Conflict(String),
    /// A [`Mutation`] refused the change; nothing was written.
    #[error(transparent)]
    Rejected(#[from] RuleError),
    /// The database could not do its job (I/O, corruption, pool exhausted). Logged, never shown.
    #[error("store unavailable: {0:#}")]
    Unavailable(anyhow::Error),
}

pub type StoreResult<T> = Result<T, StoreError>;

/// A change applied to a record inside the backend's transaction. Returning an error aborts it.
pub type Mutation<'a, T> = &'a mut (dyn FnMut(&mut T) -> Result<(), RuleError> + Send);

/// A change to a stream and its members, applied inside the backend's transaction; it answers the
/// events the change causes, which the backend appends in the same transaction.
pub type StreamMutation<'a> =
    &'a mut (dyn FnMut(&mut StreamState) -> Result<Vec<NewEvent>, RuleError> + Send);

/// The check of a new message (or new version) against its stream and, for an update, the version it
/// replaces; run inside the backend's transaction once the message has its timestamp. It answers the
/// events the message causes.
pub type MessageCheck<'a> =
    &'a mut (dyn FnMut(&StreamState, Option<&Message>, &Message) -> Result<Vec<NewEvent>, RuleError> + Send);

/// A change to every version of a message's edit chain (oldest first), made inside the backend's
/// transaction with their stream in view; it answers the events the change causes.
pub type ChainMutation<'a> =
    &'a mut (dyn FnMut(&StreamState, &mut [Message]) -> Result<Vec<NewEvent>, RuleError> + Send);

/// Whose datafeeds may have new events.
#[derive(Debug, Clone, Copy)]
pub enum Wake<'a> {
    /// The audience of the events just appended.
    Users(&'a [UserId]),
    /// Anyone: the backend cannot say whose (a notification from another instance was lost).
    Everyone,
}

/// What a backend tells of the events it appends: see [`Store::set_event_sink`].
pub type EventSink = Arc<dyn Fn(Wake<'_>) + Send + Sync>;

/// The users `events` reach, once each.
pub fn audience(events: &[NewEvent]) -> Vec<UserId> {
    let mut users: Vec<UserId> = events.iter().flat_map(|e| e.audience.iter().copied()).collect();
    users.sort_unstable();
    users.dedup();
    users
}

/// A page of a stream's messages: newest versions, in the order of their timestamps (the time of
/// their newest version), so that paging with `since` sees every message exactly once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MessagePage {
    /// Only messages whose newest version is at or after this instant...
    pub since: Millis,
    /// ... and at or before this one.
    pub until: Option<Millis>,
    /// Only chains that started at or after this instant (what a member without history sees).
    pub visible_from: Millis,
    pub skip: i64,
    pub limit: i64,
}

/// A page of DLP violations of one kind, by creation time: `from` and `to` inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ViolationPage {
    pub kind: ViolationKind,
    pub from: Millis,
    pub to: Millis,
    pub skip: i64,
    pub limit: i64,
}

/// A pod (company) hosted by sympod: the home pod, or an external one whose users are cross-pod.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pod {
    pub id: PodId,
    pub company: String,
    pub home: bool,
}

/// The admin API's filter over users (`POST /pod/v1/admin/user/find`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UserFilter {
    pub role: Option<String>,
    pub feature: Option<String>,
    pub status: Option<UserStatus>,
}

#[async_trait]
pub trait Store: Send + Sync + 'static {
    /// Registers `sink`, which the backend calls after each commit that appended events, with their
    /// audience; a backend that several instances share also calls it for the events the other
    /// instances append. Datafeed reads wait on it. Called by the application at start; a later
    /// call replaces the sink.
    fn set_event_sink(&self, sink: EventSink);

    /// The secret called `name`. The first caller's `candidate` is stored and every later caller,
    /// on any instance, gets that same value back.
    async fn secret(&self, name: &str, candidate: &[u8]) -> StoreResult<Vec<u8>>;

    /// The pod of `company` (compared without case), created if it does not exist. Only the first pod
    /// ever created can be the home pod, and it takes `home_id` as its id.
    async fn ensure_pod(&self, company: &str, home_id: PodId) -> StoreResult<Pod>;
    async fn home_pod(&self) -> StoreResult<Option<Pod>>;

    /// Reserves the next user id of `pod`. Ids are never reused, even if the insert that follows fails.
    async fn allocate_user_id(&self, pod: PodId) -> StoreResult<UserId>;
    /// Inserts a new user; `Conflict("username" | "email")` if either is taken (without case).
    async fn insert_user(&self, user: &User) -> StoreResult<()>;
    /// Applies `change` to the user atomically and returns the user as stored. The version is bumped.
    async fn modify_user(&self, id: UserId, change: Mutation<'_, User>) -> StoreResult<User>;

    async fn user(&self, id: UserId) -> StoreResult<Option<User>>;
    async fn user_by_username(&self, username: &str) -> StoreResult<Option<User>>;
    async fn user_by_email(&self, email: &str) -> StoreResult<Option<User>>;
    /// The users among `ids` that exist, in id order.
    async fn users_by_ids(&self, ids: &[UserId]) -> StoreResult<Vec<User>>;
    async fn count_users(&self) -> StoreResult<i64>;
    /// Users in id order, `skip` then at most `limit`.
    async fn list_users(&self, skip: i64, limit: i64) -> StoreResult<Vec<User>>;
    /// Users matching every criterion of `filter`, in id order.
    async fn find_users(&self, filter: &UserFilter, skip: i64, limit: i64) -> StoreResult<Vec<User>>;
    /// Users whose username, email, display name, first or last name contains `text`, without case.
    async fn search_users(&self, text: &str) -> StoreResult<Vec<User>>;

    /// `Conflict("appId")` if the id is taken.
    async fn insert_app(&self, app: &App) -> StoreResult<()>;
    async fn modify_app(&self, app_id: &str, change: Mutation<'_, App>) -> StoreResult<App>;
    async fn delete_app(&self, app_id: &str) -> StoreResult<()>;
    async fn app(&self, app_id: &str) -> StoreResult<Option<App>>;

    /// Creates a stream with its members and appends `event`, atomically. An IM or MIM whose
    /// `conversation_key` exists already is not created again: `Conflict("conversation")`.
    async fn create_stream(&self, state: &StreamState, event: &NewEvent) -> StoreResult<()>;
    /// The stream with every membership it has had (current and past).
    async fn stream(&self, id: &StreamId) -> StoreResult<Option<StreamState>>;
    /// The IM or MIM of exactly these members (see `conversation_key`).
    async fn conversation(&self, key: &str) -> StoreResult<Option<StreamState>>;
    /// Applies `change` to a stream and its members atomically and appends the events it answers.
    /// Members are never deleted: leaving sets `left_at`.
    async fn modify_stream(&self, id: &StreamId, change: StreamMutation<'_>) -> StoreResult<StreamState>;
    /// Streams `user` is a current member of, oldest first.
    async fn streams_of(&self, user: UserId) -> StoreResult<Vec<StreamState>>;
    /// Every stream, oldest first (administration).
    async fn all_streams(&self) -> StoreResult<Vec<StreamState>>;
    /// Rooms whose name, description or keyword values contain `text`, without case; every room
    /// when `text` is empty. Oldest first.
    async fn search_rooms(&self, text: &str) -> StoreResult<Vec<StreamState>>;
    /// The stream a message belongs to.
    async fn message_stream(&self, id: &MessageId) -> StoreResult<Option<StreamId>>;

    /// Stores `body` as the blob `id`, in chunks of [`BLOB_CHUNK`] bytes. A blob is inert until an
    /// attachment of a posted message names it (an attachment's id is its blob's id); one that
    /// stays unnamed is removed by [`Store::sweep_blobs`]. `Conflict` if `id` is taken.
    async fn put_blob(&self, id: &str, body: &FileBody, at: Millis) -> StoreResult<()>;
    /// Chunk `seq` (from 0) of the blob `id`: [`BLOB_CHUNK`] bytes, fewer for the last one. `None`
    /// past the end or when the blob is gone.
    async fn blob_chunk(&self, id: &str, seq: i64) -> StoreResult<Option<Vec<u8>>>;
    /// Deletes the blobs stored before `before` that no message's attachment names; answers how many.
    async fn sweep_blobs(&self, before: Millis) -> StoreResult<u64>;

    /// Posts `message` to its stream, atomically: it gets a timestamp strictly after the stream's
    /// last one (at least its own `created_at`); an update (`replaces` set) takes the chain's initial
    /// id and timestamp, marks the old version `replaced_by`, and moves a pin of the old version to
    /// the new one; `check` approves and answers the events; each attachment refers to the blob of
    /// its id, which must have been put. Answers the message as stored. `NotFound` if the stream, or
    /// the replaced message in that stream, is missing; `Rejected` if a blob is missing.
    async fn post_message(&self, message: &Message, check: MessageCheck<'_>) -> StoreResult<Message>;
    async fn message(&self, id: &MessageId) -> StoreResult<Option<Message>>;
    /// Changes every version of the chain `id` belongs to, atomically (suppression), and appends the
    /// events `change` answers. A blob that no attachment names any more is deleted.
    async fn modify_chain(&self, id: &MessageId, change: ChainMutation<'_>) -> StoreResult<Vec<Message>>;
    /// The newest versions of a stream's messages, in timestamp order.
    async fn stream_messages(&self, stream: &StreamId, page: MessagePage) -> StoreResult<Vec<Message>>;

    async fn create_feed(&self, feed: &Feed) -> StoreResult<()>;
    async fn feed(&self, id: &str) -> StoreResult<Option<Feed>>;
    /// The feeds of `owner`, oldest first.
    async fn feeds_of(&self, owner: UserId) -> StoreResult<Vec<Feed>>;
    async fn modify_feed(&self, id: &str, change: Mutation<'_, Feed>) -> StoreResult<Feed>;
    async fn delete_feed(&self, id: &str) -> StoreResult<()>;
    /// The sequence number of the newest event (0 when there is none).
    async fn last_event_seq(&self) -> StoreResult<i64>;
    /// The events `user` may receive after `seq`, in order, at most `limit`.
    async fn events_for(&self, user: UserId, seq: i64, limit: i64) -> StoreResult<Vec<Event>>;

    /// Events after `seq`, in order, at most `limit`.
    async fn events_after(&self, seq: i64, limit: i64) -> StoreResult<Vec<Event>>;

    /// Deletes at most `limit` of the oldest events that no feed can deliver any more: those at or
    /// before the cursor of every live feed (one read at or after `live_since`; the others have
    /// expired), appended before `before`, and never the newest event, whose number new feeds start
    /// from. Answers how many it deleted.
    async fn prune_events(&self, live_since: Millis, before: Millis, limit: i64) -> StoreResult<u64>;

    /// The DLP generation: a counter that every change to a dictionary or policy bumps, in the same
    /// transaction. An instance rebuilds its matcher when the generation it read differs from the
    /// one it built for; it is one primary-key read.
    async fn dlp_generation(&self) -> StoreResult<i64>;
    /// Inserts a dictionary and its content (one entry per line). `Conflict("name")` if the name is
    /// taken (without case).
    async fn insert_dlp_dictionary(&self, dictionary: &DlpDictionary, content: &str) -> StoreResult<()>;
    /// Applies `change` to the dictionary and, when `content` is given, replaces its content;
    /// then applies `touch` to every policy that names it. Atomic; `NotFound` if it is missing,
    /// `Conflict("name")` if the new name is taken.
    async fn modify_dlp_dictionary(
        &self,
        id: &str,
        content: Option<&str>,
        change: Mutation<'_, DlpDictionary>,
        touch: Mutation<'_, DlpPolicy>,
    ) -> StoreResult<DlpDictionary>;
    /// Deletes the dictionary and applies `touch` to every policy that named it (which must stop
    /// naming it). Atomic; answers the dictionary as it was. `NotFound` if it is missing.
    async fn delete_dlp_dictionary(
        &self,
        id: &str,
        touch: Mutation<'_, DlpPolicy>,
    ) -> StoreResult<DlpDictionary>;
    async fn dlp_dictionary(&self, id: &str) -> StoreResult<Option<DlpDictionary>>;
    /// The dictionary's content, as stored.
    async fn dlp_dictionary_content(&self, id: &str) -> StoreResult<Option<String>>;
    /// Every dictionary, oldest first.
    async fn dlp_dictionaries(&self) -> StoreResult<Vec<DlpDictionary>>;
    /// Inserts a policy. `Conflict("name")` if the name is taken (without case); `Rejected` if a
    /// dictionary it names does not exist.
    async fn insert_dlp_policy(&self, policy: &DlpPolicy) -> StoreResult<()>;
    /// Applies `change` to the policy atomically; `Rejected` if the result names a dictionary that
    /// does not exist, `Conflict("name")` if its new name is taken.
    async fn modify_dlp_policy(&self, id: &str, change: Mutation<'_, DlpPolicy>) -> StoreResult<DlpPolicy>;
    /// Deletes the policy if `check` lets it, atomically; answers it as it was.
    async fn delete_dlp_policy(&self, id: &str, check: Mutation<'_, DlpPolicy>) -> StoreResult<DlpPolicy>;
    async fn dlp_policy(&self, id: &str) -> StoreResult<Option<DlpPolicy>>;
    /// Every policy, oldest first.
    async fn dlp_policies(&self) -> StoreResult<Vec<DlpPolicy>>;
    /// Records a violation, in a transaction of its own. `Conflict` if its id is taken.
    async fn insert_dlp_violation(&self, violation: &DlpViolation) -> StoreResult<()>;
    /// Violations of one kind created within the page's range, oldest first (ties in the order
    /// they were recorded), `skip` then at most `limit`.
    async fn dlp_violations(&self, page: ViolationPage) -> StoreResult<Vec<DlpViolation>>;
    /// The violation of this id (its `enforcementEventID`).
    async fn dlp_violation(&self, id: &str) -> StoreResult<Option<DlpViolation>>;
}
