//! The [`Store`] trait on PostgreSQL: each method hands its work to the module of its rows, and
//! wakes this instance's datafeed reads once a commit appended events.

use async_trait::async_trait;
use sympod_model::app::App;
use sympod_model::dlp::{DlpDictionary, DlpPolicy, DlpViolation};
use sympod_model::event::{Event, NewEvent};
use sympod_model::feed::Feed;
use sympod_model::message::Message;
use sympod_model::stream::StreamState;
use sympod_model::user::User;
use sympod_model::{MessageId, Millis, PodId, StreamId, UserId};
use sympod_store::record::unique_key;
use sympod_store::{
    ChainMutation, EventSink, FileBody, MessageCheck, MessagePage, Mutation, Pod, Store, StoreError,
    StoreResult, StreamMutation, UserFilter, ViolationPage, audience,
};

use crate::{PgStore, apps, blobs, classify, dlp, feeds, messages, streams, users};

#[async_trait]
impl Store for PgStore {
    fn set_event_sink(&self, sink: EventSink) {
        *self.shared.sink.write().unwrap_or_else(|e| e.into_inner()) = Some(sink);
    }

    async fn secret(&self, name: &str, candidate: &[u8]) -> StoreResult<Vec<u8>> {
        // Concurrent first callers: the unique key makes the later insert wait, then do nothing.
        sqlx::query("INSERT INTO secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING")
            .bind(name)
            .bind(candidate)
            .execute(&self.pool)
            .await
            .map_err(classify)?;
        sqlx::query_scalar("SELECT value FROM secrets WHERE name = $1")
            .bind(name)
            .fetch_one(&self.pool)
            .await
            .map_err(classify)
    }

    async fn ensure_pod(&self, company: &str, home_id: PodId) -> StoreResult<Pod> {
        users::ensure_pod(&self.pool, company, home_id).await
    }

    async fn home_pod(&self) -> StoreResult<Option<Pod>> {
        let row: Option<(i64, String)> = sqlx::query_as("SELECT id, company FROM pods WHERE home")
            .fetch_optional(&self.pool)
            .await
            .map_err(classify)?;
        Ok(row.map(|(id, company)| Pod { id: PodId(id), company, home: true }))
    }

    async fn allocate_user_id(&self, pod: PodId) -> StoreResult<UserId> {
        // One statement, committed at once: the row lock orders concurrent allocations, and a
        // number handed out is never handed out again, whatever becomes of the insert.
        let local: i64 = sqlx::query_scalar(
            "UPDATE pods SET next_local_id = next_local_id + 1 WHERE id = $1 RETURNING next_local_id - 1",
        )
        .bind(pod.0)
        .fetch_optional(&self.pool)
        .await
        .map_err(classify)?
        .ok_or(StoreError::NotFound)?;
        Ok(UserId::compose(pod, local))
    }

    async fn insert_user(&self, user: &User) -> StoreResult<()> {
        users::insert(&self.pool, user).await
    }

    async fn modify_user(&self, id: UserId, change: Mutation<'_, User>) -> StoreResult<User> {
        users::modify(&self.pool, id, change).await
    }

    async fn user(&self, id: UserId) -> StoreResult<Option<User>> {
        users::one(&self.pool, "u.id = $1", id.0).await
    }

    async fn user_by_username(&self, username: &str) -> StoreResult<Option<User>> {
        users::one(&self.pool, "u.username_key = $1", unique_key(username)).await
    }

    async fn user_by_email(&self, email: &str) -> StoreResult<Option<User>> {
        users::one(&self.pool, "u.email_key = $1", unique_key(email)).await
    }

    async fn users_by_ids(&self, ids: &[UserId]) -> StoreResult<Vec<User>> {
        users::by_ids(&self.pool, ids).await
    }

    async fn count_users(&self) -> StoreResult<i64> {
        sqlx::query_scalar("SELECT COUNT(*) FROM users").fetch_one(&self.pool).await.map_err(classify)
    }

    async fn list_users(&self, skip: i64, limit: i64) -> StoreResult<Vec<User>> {
        users::find(&self.pool, &UserFilter::default(), skip, limit).await
    }

    async fn find_users(&self, filter: &UserFilter, skip: i64, limit: i64) -> StoreResult<Vec<User>> {
        users::find(&self.pool, filter, skip, limit).await
    }

    async fn search_users(&self, text: &str) -> StoreResult<Vec<User>> {
        users::search(&self.pool, text).await
    }

    async fn insert_app(&self, app: &App) -> StoreResult<()> {
        apps::insert(&self.pool, app).await
    }

    async fn modify_app(&self, app_id: &str, change: Mutation<'_, App>) -> StoreResult<App> {
        apps::modify(&self.pool, app_id, change).await
    }

    async fn delete_app(&self, app_id: &str) -> StoreResult<()> {
        apps::delete(&self.pool, app_id).await
    }

    async fn app(&self, app_id: &str) -> StoreResult<Option<App>> {
        apps::one(&self.pool, app_id).await
    }

    async fn create_stream(&self, state: &StreamState, event: &NewEvent) -> StoreResult<()> {
        streams::create(&self.pool, &self.shared.notice, state, event).await?;
        self.wake(&audience(std::slice::from_ref(event)));
        Ok(())
    }

    async fn stream(&self, id: &StreamId) -> StoreResult<Option<StreamState>> {
        streams::one(&self.pool, "s.id = $1", id.as_str()).await
    }

    async fn conversation(&self, key: &str) -> StoreResult<Option<StreamState>> {
        streams::one(&self.pool, "s.conversation_key = $1", key).await
    }

    async fn modify_stream(&self, id: &StreamId, change: StreamMutation<'_>) -> StoreResult<StreamState> {
        let mut heard = Vec::new();
        let mut listen = |s: &mut StreamState| {
            let events = change(s)?;
            heard = audience(&events);
            Ok(events)
        };
        let changed = streams::modify(&self.pool, &self.shared.notice, id, &mut listen).await?;
        self.wake(&heard);
        Ok(changed)
    }

    async fn streams_of(&self, user: UserId) -> StoreResult<Vec<StreamState>> {
        streams::streams_of(&self.pool, user).await
    }

    async fn all_streams(&self) -> StoreResult<Vec<StreamState>> {
        // `many` always binds one value; a NULL one selects everything here.
        streams::many(&self.pool, "$1::text IS NULL", None).await
    }

    async fn search_rooms(&self, text: &str) -> StoreResult<Vec<StreamState>> {
        let pattern = format!("%{}%", crate::like_escape(&text.to_lowercase()));
        streams::many(&self.pool, "s.kind = 'ROOM' AND s.search_text LIKE $1 ESCAPE '\\'", Some(pattern))
            .await
    }

    async fn message_stream(&self, id: &MessageId) -> StoreResult<Option<StreamId>> {
        streams::message_stream(&self.pool, id).await
    }

    async fn put_blob(&self, id: &str, body: &FileBody, at: Millis) -> StoreResult<()> {
        blobs::put(&self.pool, id, body, at).await
    }

    async fn blob_chunk(&self, id: &str, seq: i64) -> StoreResult<Option<Vec<u8>>> {
        blobs::chunk(&self.pool, id, seq).await
    }

    async fn sweep_blobs(&self, before: Millis) -> StoreResult<u64> {
        blobs::sweep(&self.pool, before).await
    }

    async fn post_message(&self, message: &Message, check: MessageCheck<'_>) -> StoreResult<Message> {
        let mut heard = Vec::new();
        let mut listen = |s: &StreamState, old: Option<&Message>, m: &Message| {
            let events = check(s, old, m)?;
            heard = audience(&events);
            Ok(events)
        };
        let posted = messages::post(&self.pool, &self.shared.notice, message, &mut listen).await?;
        self.wake(&heard);
        Ok(posted)
    }

    async fn message(&self, id: &MessageId) -> StoreResult<Option<Message>> {
        messages::one(&self.pool, id).await
    }

    async fn modify_chain(&self, id: &MessageId, change: ChainMutation<'_>) -> StoreResult<Vec<Message>> {
        let mut heard = Vec::new();
        let mut listen = |s: &StreamState, chain: &mut [Message]| {
            let events = change(s, chain)?;
            heard = audience(&events);
            Ok(events)
        };
        let chain = messages::modify_chain(&self.pool, &self.shared.notice, id, &mut listen).await?;
        self.wake(&heard);
        Ok(chain)
    }

    async fn stream_messages(&self, stream: &StreamId, page: MessagePage) -> StoreResult<Vec<Message>> {
        messages::newest(&self.pool, stream, page).await
    }

    async fn create_feed(&self, feed: &Feed) -> StoreResult<()> {
        feeds::create(&self.pool, feed).await
    }

    async fn feed(&self, id: &str) -> StoreResult<Option<Feed>> {
        feeds::one(&self.pool, id).await
    }

    async fn feeds_of(&self, owner: UserId) -> StoreResult<Vec<Feed>> {
        feeds::of(&self.pool, owner).await
    }

    async fn modify_feed(&self, id: &str, change: Mutation<'_, Feed>) -> StoreResult<Feed> {
        feeds::modify(&self.pool, id, change).await
    }

    async fn delete_feed(&self, id: &str) -> StoreResult<()> {
        feeds::delete(&self.pool, id).await
    }

    async fn last_event_seq(&self) -> StoreResult<i64> {
        crate::events::last_seq(&self.pool).await
    }

    async fn events_for(&self, user: UserId, seq: i64, limit: i64) -> StoreResult<Vec<Event>> {
        crate::events::events_for(&self.pool, user, seq, limit).await
    }

    async fn events_after(&self, seq: i64, limit: i64) -> StoreResult<Vec<Event>> {
        crate::events::events_after(&self.pool, seq, limit).await
    }

    async fn prune_events(&self, live_since: Millis, before: Millis, limit: i64) -> StoreResult<u64> {
        crate::events::prune(&self.pool, live_since, before, limit).await
    }

    async fn dlp_generation(&self) -> StoreResult<i64> {
        dlp::generation(&self.pool).await
    }

    async fn insert_dlp_dictionary(&self, dictionary: &DlpDictionary, content: &str) -> StoreResult<()> {
        dlp::insert_dictionary(&self.pool, dictionary, content).await
    }

    async fn modify_dlp_dictionary(
        &self,
        id: &str,
        content: Option<&str>,
        change: Mutation<'_, DlpDictionary>,
        touch: Mutation<'_, DlpPolicy>,
    ) -> StoreResult<DlpDictionary> {
        dlp::modify_dictionary(&self.pool, id, content, change, touch).await
    }

    async fn delete_dlp_dictionary(
        &self,
        id: &str,
        touch: Mutation<'_, DlpPolicy>,
    ) -> StoreResult<DlpDictionary> {
        dlp::delete_dictionary(&self.pool, id, touch).await
    }

    async fn dlp_dictionary(&self, id: &str) -> StoreResult<Option<DlpDictionary>> {
        dlp::dictionary(&self.pool, id).await
    }

    async fn dlp_dictionary_content(&self, id: &str) -> StoreResult<Option<String>> {
        dlp::content(&self.pool, id).await
    }

    async fn dlp_dictionaries(&self) -> StoreResult<Vec<DlpDictionary>> {
        dlp::dictionaries(&self.pool).await
    }

    async fn insert_dlp_policy(&self, policy: &DlpPolicy) -> StoreResult<()> {
        dlp::insert_policy(&self.pool, policy).await
    }

    async fn modify_dlp_policy(&self, id: &str, change: Mutation<'_, DlpPolicy>) -> StoreResult<DlpPolicy> {
        dlp::modify_policy(&self.pool, id, change).await
    }

    async fn delete_dlp_policy(&self, id: &str, check: Mutation<'_, DlpPolicy>) -> StoreResult<DlpPolicy> {
        dlp::delete_policy(&self.pool, id, check).await
    }

    async fn dlp_policy(&self, id: &str) -> StoreResult<Option<DlpPolicy>> {
        dlp::policy(&self.pool, id).await
    }

    async fn dlp_policies(&self) -> StoreResult<Vec<DlpPolicy>> {
        dlp::policies(&self.pool).await
    }

    async fn insert_dlp_violation(&self, violation: &DlpViolation) -> StoreResult<()> {
        dlp::insert_violation(&self.pool, violation).await
    }

    async fn dlp_violations(&self, page: ViolationPage) -> StoreResult<Vec<DlpViolation>> {
        dlp::violations(&self.pool, page).await
    }

    async fn dlp_violation(&self, id: &str) -> StoreResult<Option<DlpViolation>> {
        dlp::violation(&self.pool, id).await
    }
}
