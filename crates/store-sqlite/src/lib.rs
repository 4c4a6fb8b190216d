//! sympod's embedded store: SQLite, through sqlx.
//!
//! Writes go through a pool of exactly one connection, so transactions never contend for SQLite's
//! single write lock (no `SQLITE_BUSY` upgrades, no retry loops); reads use a separate pool and, in WAL
//! mode, never wait for writers. An in-memory database lives in one connection, shared by both roles.
//!
//! Durability: WAL journal with `synchronous = FULL`, so a transaction is fsynced before the request
//! that made it is answered (see ARCHITECTURE.md).

mod apps;
mod blobs;
mod connect;
mod dlp;
mod feeds;
mod messages;
mod streams;
mod users;

use std::sync::{Arc, RwLock};

use async_trait::async_trait;
use sqlx::SqlitePool;
use sympod_model::app::App;
use sympod_model::dlp::{DlpDictionary, DlpPolicy, DlpViolation};
use sympod_model::event::{Event, NewEvent};
use sympod_model::feed::Feed;
use sympod_model::message::Message;
use sympod_model::stream::StreamState;
use sympod_model::user::User;
use sympod_model::{MessageId, Millis, PodId, StreamId, UserId};
use sympod_store::{
    ChainMutation, EventSink, FileBody, MessageCheck, MessagePage, Mutation, Pod, Store, StoreError,
    StoreResult, StreamMutation, UserFilter, ViolationPage, Wake, audience,
};

pub use connect::open;

/// The SQLite implementation of [`Store`].
#[derive(Clone)]
pub struct SqliteStore {
    writer: SqlitePool,
    reader: SqlitePool,
    /// Told of the events each commit appended (one instance: there is nobody else to hear from).
    sink: Arc<RwLock<Option<EventSink>>>,
}

impl SqliteStore {
    /// Tells the sink who may have new events, once their transaction has committed.
    fn wake(&self, users: &[UserId]) {
        let sink = self.sink.read().unwrap_or_else(|e| e.into_inner()).clone();
        if let Some(sink) = sink
            && !users.is_empty()
        {
            sink(Wake::Users(users));
        }
    }
}

/// Classifies an sqlx error: unique violations name the column they hit, the rest is unavailability.
pub(crate) fn classify(err: sqlx::Error) -> StoreError {
    if let Some(db) = err.as_database_error()
        && db.is_unique_violation()
    {
        let msg = db.message();
        let what = ["username", "email", "app_id", "company", "replaces", "name_key"]
            .into_iter()
            .find(|c| msg.contains(c))
            .map(|c| match c {
                "app_id" => "appId",
                "replaces" => "successor",
                "name_key" => "name",
                other => other,
            })
            .unwrap_or("record");
        return StoreError::Conflict(what.to_owned());
    }
    StoreError::Unavailable(err.into())
}

pub(crate) fn corrupt(err: anyhow::Error) -> StoreError {
    StoreError::Unavailable(err.context("a stored record could not be decoded"))
}

#[async_trait]
impl Store for SqliteStore {
    fn set_event_sink(&self, sink: EventSink) {
        *self.sink.write().unwrap_or_else(|e| e.into_inner()) = Some(sink);
    }

    async fn secret(&self, name: &str, candidate: &[u8]) -> StoreResult<Vec<u8>> {
        sqlx::query("INSERT INTO secrets (name, value) VALUES (?1, ?2) ON CONFLICT (name) DO NOTHING")
            .bind(name)
            .bind(candidate)
            .execute(&self.writer)
            .await
            .map_err(classify)?;
        sqlx::query_scalar("SELECT value FROM secrets WHERE name = ?1")
            .bind(name)
            .fetch_one(&self.writer)
            .await
            .map_err(classify)
    }

    async fn ensure_pod(&self, company: &str, home_id: PodId) -> StoreResult<Pod> {
        users::ensure_pod(&self.writer, company, home_id).await
    }

    async fn home_pod(&self) -> StoreResult<Option<Pod>> {
        let row: Option<(i64, String)> = sqlx::query_as("SELECT id, company FROM pods WHERE home = 1")
            .fetch_optional(&self.reader)
            .await
            .map_err(classify)?;
        Ok(row.map(|(id, company)| Pod { id: PodId(id), company, home: true }))
    }

    async fn allocate_user_id(&self, pod: PodId) -> StoreResult<UserId> {
        let local: i64 = sqlx::query_scalar(
            "UPDATE pods SET next_local_id = next_local_id + 1 WHERE id = ?1 RETURNING next_local_id - 1",
        )
        .bind(pod.0)
        .fetch_optional(&self.writer)
        .await
        .map_err(classify)?
        .ok_or(StoreError::NotFound)?;
        Ok(UserId::compose(pod, local))
    }

    async fn insert_user(&self, user: &User) -> StoreResult<()> {
        users::insert(&self.writer, user).await
    }

    async fn modify_user(&self, id: UserId, change: Mutation<'_, User>) -> StoreResult<User> {
        users::modify(&self.writer, id, change).await
    }

    async fn user(&self, id: UserId) -> StoreResult<Option<User>> {
        users::one(&self.reader, "u.id = ?1", id.0).await
    }

    async fn user_by_username(&self, username: &str) -> StoreResult<Option<User>> {
        users::one(&self.reader, "u.username_key = ?1", sympod_store::record::unique_key(username)).await
    }

    async fn user_by_email(&self, email: &str) -> StoreResult<Option<User>> {
        users::one(&self.reader, "u.email_key = ?1", sympod_store::record::unique_key(email)).await
    }

    async fn users_by_ids(&self, ids: &[UserId]) -> StoreResult<Vec<User>> {
        users::by_ids(&self.reader, ids).await
    }

    async fn count_users(&self) -> StoreResult<i64> {
        sqlx::query_scalar("SELECT COUNT(*) FROM users").fetch_one(&self.reader).await.map_err(classify)
    }

    async fn list_users(&self, skip: i64, limit: i64) -> StoreResult<Vec<User>> {
        users::find(&self.reader, &UserFilter::default(), skip, limit).await
    }

    async fn find_users(&self, filter: &UserFilter, skip: i64, limit: i64) -> StoreResult<Vec<User>> {
        users::find(&self.reader, filter, skip, limit).await
    }

    async fn search_users(&self, text: &str) -> StoreResult<Vec<User>> {
        users::search(&self.reader, text).await
    }

    async fn insert_app(&self, app: &App) -> StoreResult<()> {
        apps::insert(&self.writer, app).await
    }

    async fn modify_app(&self, app_id: &str, change: Mutation<'_, App>) -> StoreResult<App> {
        apps::modify(&self.writer, app_id, change).await
    }

    async fn delete_app(&self, app_id: &str) -> StoreResult<()> {
        apps::delete(&self.writer, app_id).await
    }

    async fn app(&self, app_id: &str) -> StoreResult<Option<App>> {
        apps::one(&self.reader, app_id).await
    }

    async fn create_stream(&self, state: &StreamState, event: &NewEvent) -> StoreResult<()> {
        streams::create(&self.writer, state, event).await?;
        self.wake(&event.audience);
        Ok(())
    }

    async fn stream(&self, id: &StreamId) -> StoreResult<Option<StreamState>> {
        streams::one(&self.reader, "s.id = ?1", id.as_str()).await
    }

    async fn conversation(&self, key: &str) -> StoreResult<Option<StreamState>> {
        streams::one(&self.reader, "s.conversation_key = ?1", key).await
    }

    async fn modify_stream(&self, id: &StreamId, change: StreamMutation<'_>) -> StoreResult<StreamState> {
        let mut heard = Vec::new();
        let mut listen = |s: &mut StreamState| {
            let events = change(s)?;
            heard = audience(&events);
            Ok(events)
        };
        let changed = streams::modify(&self.writer, id, &mut listen).await?;
        self.wake(&heard);
        Ok(changed)
    }

    async fn streams_of(&self, user: UserId) -> StoreResult<Vec<StreamState>> {
        streams::streams_of(&self.reader, user).await
    }

    async fn all_streams(&self) -> StoreResult<Vec<StreamState>> {
        // `many` always binds one value; a NULL one selects everything here.
        streams::many(&self.reader, "?1 IS NULL", None).await
    }

    async fn search_rooms(&self, text: &str) -> StoreResult<Vec<StreamState>> {
        let pattern = format!("%{}%", like_escape(&text.to_lowercase()));
        streams::many(&self.reader, "s.kind = 'ROOM' AND s.search_text LIKE ?1 ESCAPE '\\'", Some(pattern))
            .await
    }

    async fn message_stream(&self, id: &MessageId) -> StoreResult<Option<StreamId>> {
        streams::message_stream(&self.reader, id).await
    }

    async fn put_blob(&self, id: &str, body: &FileBody, at: Millis) -> StoreResult<()> {
        blobs::put(&self.writer, id, body, at).await
    }

    async fn blob_chunk(&self, id: &str, seq: i64) -> StoreResult<Option<Vec<u8>>> {
        blobs::chunk(&self.reader, id, seq).await
    }

    async fn sweep_blobs(&self, before: Millis) -> StoreResult<u64> {
        blobs::sweep(&self.writer, before).await
    }

    async fn post_message(&self, message: &Message, check: MessageCheck<'_>) -> StoreResult<Message> {
        let mut heard = Vec::new();
        let mut listen = |s: &StreamState, old: Option<&Message>, m: &Message| {
            let events = check(s, old, m)?;
            heard = audience(&events);
            Ok(events)
        };
        let posted = messages::post(&self.writer, message, &mut listen).await?;
        self.wake(&heard);
        Ok(posted)
    }

    async fn message(&self, id: &MessageId) -> StoreResult<Option<Message>> {
        messages::one(&self.reader, id).await
    }

    async fn modify_chain(&self, id: &MessageId, change: ChainMutation<'_>) -> StoreResult<Vec<Message>> {
        let mut heard = Vec::new();
        let mut listen = |s: &StreamState, chain: &mut [Message]| {
            let events = change(s, chain)?;
            heard = audience(&events);
            Ok(events)
        };
        let chain = messages::modify_chain(&self.writer, id, &mut listen).await?;
        self.wake(&heard);
        Ok(chain)
    }

    async fn stream_messages(&self, stream: &StreamId, page: MessagePage) -> StoreResult<Vec<Message>> {
        messages::newest(&self.reader, stream, page).await
    }

    async fn create_feed(&self, feed: &Feed) -> StoreResult<()> {
        feeds::create(&self.writer, feed).await
    }

    async fn feed(&self, id: &str) -> StoreResult<Option<Feed>> {
        feeds::one(&self.reader, id).await
    }

    async fn feeds_of(&self, owner: UserId) -> StoreResult<Vec<Feed>> {
        feeds::of(&self.reader, owner).await
    }

    async fn modify_feed(&self, id: &str, change: Mutation<'_, Feed>) -> StoreResult<Feed> {
        feeds::modify(&self.writer, id, change).await
    }

    async fn delete_feed(&self, id: &str) -> StoreResult<()> {
        feeds::delete(&self.writer, id).await
    }

    async fn last_event_seq(&self) -> StoreResult<i64> {
        feeds::last_seq(&self.reader).await
    }

    async fn events_for(&self, user: UserId, seq: i64, limit: i64) -> StoreResult<Vec<Event>> {
        feeds::events_for(&self.reader, user, seq, limit).await
    }

    async fn events_after(&self, seq: i64, limit: i64) -> StoreResult<Vec<Event>> {
        streams::events_after(&self.reader, seq, limit).await
    }

    async fn prune_events(&self, live_since: Millis, before: Millis, limit: i64) -> StoreResult<u64> {
        feeds::prune(&self.writer, live_since, before, limit).await
    }

    async fn dlp_generation(&self) -> StoreResult<i64> {
        dlp::generation(&self.reader).await
    }

    async fn insert_dlp_dictionary(&self, dictionary: &DlpDictionary, content: &str) -> StoreResult<()> {
        dlp::insert_dictionary(&self.writer, dictionary, content).await
    }

    async fn modify_dlp_dictionary(
        &self,
        id: &str,
        content: Option<&str>,
        change: Mutation<'_, DlpDictionary>,
        touch: Mutation<'_, DlpPolicy>,
    ) -> StoreResult<DlpDictionary> {
        dlp::modify_dictionary(&self.writer, id, content, change, touch).await
    }

    async fn delete_dlp_dictionary(
        &self,
        id: &str,
        touch: Mutation<'_, DlpPolicy>,
    ) -> StoreResult<DlpDictionary> {
        dlp::delete_dictionary(&self.writer, id, touch).await
    }

    async fn dlp_dictionary(&self, id: &str) -> StoreResult<Option<DlpDictionary>> {
        dlp::dictionary(&self.reader, id).await
    }

    async fn dlp_dictionary_content(&self, id: &str) -> StoreResult<Option<String>> {
        dlp::content(&self.reader, id).await
    }

    async fn dlp_dictionaries(&self) -> StoreResult<Vec<DlpDictionary>> {
        dlp::dictionaries(&self.reader).await
    }

    async fn insert_dlp_policy(&self, policy: &DlpPolicy) -> StoreResult<()> {
        dlp::insert_policy(&self.writer, policy).await
    }

    async fn modify_dlp_policy(&self, id: &str, change: Mutation<'_, DlpPolicy>) -> StoreResult<DlpPolicy> {
        dlp::modify_policy(&self.writer, id, change).await
    }

    async fn delete_dlp_policy(&self, id: &str, check: Mutation<'_, DlpPolicy>) -> StoreResult<DlpPolicy> {
        dlp::delete_policy(&self.writer, id, check).await
    }

    async fn dlp_policy(&self, id: &str) -> StoreResult<Option<DlpPolicy>> {
        dlp::policy(&self.reader, id).await
    }

    async fn dlp_policies(&self) -> StoreResult<Vec<DlpPolicy>> {
        dlp::policies(&self.reader).await
    }

    async fn insert_dlp_violation(&self, violation: &DlpViolation) -> StoreResult<()> {
        dlp::insert_violation(&self.writer, violation).await
    }

    async fn dlp_violations(&self, page: ViolationPage) -> StoreResult<Vec<DlpViolation>> {
        dlp::violations(&self.reader, page).await
    }

    async fn dlp_violation(&self, id: &str) -> StoreResult<Option<DlpViolation>> {
        dlp::violation(&self.reader, id).await
    }
}

/// Escapes `%`, `_` and the escape character itself for a `LIKE ... ESCAPE '\'` pattern.
pub(crate) fn like_escape(text: &str) -> String {
    text.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}
