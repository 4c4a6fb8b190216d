//! Datafeed v2 (and v1): create, list, delete, and the long-polling read with acknowledgement.
//!
//! Readers wait on an in-memory [`tokio::sync::Notify`] of their user, which the store wakes after
//! appending events that user may see (see `wakeups.rs`); a waiting feed costs no CPU and never
//! polls the database. The wake-up is armed before the events are queried, so an event committed in
//! between is never missed; the event log stays the source of truth. A read writes to the store
//! only when it moves the cursor, or to record that the feed is alive (at most once a minute).

mod hose;
mod prune;
mod views;

use std::time::Duration;

pub use hose::HoseFilter;
pub use prune::EVENT_RETENTION_MS;
pub use views::EventView;

use sympod_model::feed::{Feed, MAX_BATCH, MAX_FEEDS_PER_USER, Pending, validate_tag};
use sympod_model::{RuleError, UserId};

use crate::{Caller, Core, CoreError, CoreResult};

/// A feed id in the shape the SDK recognises: `<32 hex>_f`.
fn new_feed_id() -> String {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).expect("the OS has no randomness");
    format!("{}_f", bytes.iter().map(|b| format!("{b:02x}")).collect::<String>())
}

fn no_feed(id: &str) -> CoreError {
    CoreError::invalid(format!("The datafeed {id} does not exist or has expired: create a new one"))
}

/// What one read delivered: the events, and the sequence number its ack id acknowledges up to.
pub struct Batch {
    pub events: Vec<EventView>,
    pub up_to: i64,
    /// The feed as the read found it (after acknowledging).
    pub feed: Feed,
}

impl Batch {
    /// The ack id that acknowledges this batch.
    pub fn ack_id(&self) -> String {
        self.feed.ack_id(self.up_to)
    }
}

impl Core {
    /// `POST /agent/v5/datafeeds`: a new feed of the caller, or the caller's feed with the same tag.
    /// A new feed receives the events that happen after it was created. At most 20 live feeds
    /// (expired ones are removed first); the 21st is refused as forbidden, as the spec says.
    pub async fn create_feed(
        &self,
        caller: &Caller,
        tag: Option<String>,
        include_invisible: bool,
    ) -> CoreResult<Feed> {
        if let Some(tag) = &tag {
            validate_tag(tag)?;
        }
        let now = self.now();
        let mut live = Vec::new();
        for feed in self.store.feeds_of(caller.user.id).await?.into_iter().filter(|f| !f.hose) {
            if feed.expired(now, self.config.datafeed_expiry_ms) {
                let _ = self.store.delete_feed(&feed.id).await;
            } else {
                live.push(feed);
            }
        }
        if let Some(existing) = live.iter().find(|f| tag.is_some() && f.tag == tag) {
            return Ok(existing.clone());
        }
        if live.len() >= MAX_FEEDS_PER_USER {
            return Err(RuleError::forbidden(format!(
                "Too many feeds created: a user holds at most {MAX_FEEDS_PER_USER} active datafeeds"
            ))
            .into());
        }
        let feed = self.new_feed(caller.user.id, tag, include_invisible, false).await?;
        self.store.create_feed(&feed).await?;
        Ok(feed)
    }

    /// A feed of `owner` that starts after the newest event.
    async fn new_feed(
        &self,
        owner: UserId,
        tag: Option<String>,
        include_invisible: bool,
        hose: bool,
    ) -> CoreResult<Feed> {
        let now = self.now();
        Ok(Feed {
            id: new_feed_id(),
            owner,
            tag,
            include_invisible,
            hose,
            created_at: now,
            last_read_at: now,
            acked_seq: self.store.last_event_seq().await?,
            pending: None,
        })
    }

    /// `GET /agent/v5/datafeeds`: the caller's live feeds, with `tag` if given.
    pub async fn list_feeds(&self, caller: &Caller, tag: Option<&str>) -> CoreResult<Vec<Feed>> {
        let now = self.now();
        let feeds = self.store.feeds_of(caller.user.id).await?;
        Ok(feeds
            .into_iter()
            .filter(|f| {
                !f.hose
                    && !f.expired(now, self.config.datafeed_expiry_ms)
                    && tag.is_none_or(|t| f.tag.as_deref() == Some(t))
            })
            .collect())
    }

    /// `DELETE /agent/v5/datafeeds/{id}`: the caller's feed is gone afterwards, whether or not it
    /// was there (an expired or already deleted feed, another user's or an unknown id: nothing to
    /// do). Idempotent, because the SDK deletes a feed it was told had expired and stops if that
    /// fails.
    pub async fn delete_feed(&self, caller: &Caller, id: &str) -> CoreResult<()> {
        match self.store.feed(id).await? {
            Some(f) if f.owner == caller.user.id && !f.hose => match self.store.delete_feed(id).await {
                Ok(()) | Err(sympod_store::StoreError::NotFound) => Ok(()),
                Err(e) => Err(e.into()),
            },
            _ => Ok(()),
        }
    }

    /// The caller's live datafeed `id`.
    async fn live_feed(&self, caller: &Caller, id: &str) -> CoreResult<Feed> {
        let feed = self.store.feed(id).await?.filter(|f| f.owner == caller.user.id && !f.hose);
        feed.filter(|f| !f.expired(self.now(), self.config.datafeed_expiry_ms)).ok_or_else(|| no_feed(id))
    }

    /// `POST /agent/v5/datafeeds/{id}/read`: acknowledges what `ack_id` names, then answers the
    /// events after the cursor as soon as there are any, or none after `wait`.
    pub async fn read_feed(
        &self,
        caller: &Caller,
        id: &str,
        ack_id: Option<&str>,
        wait: Duration,
    ) -> CoreResult<Batch> {
        let feed = self.live_feed(caller, id).await?;
        self.read_batch(feed, ack_id, None, MAX_BATCH, wait).await
    }

    /// `GET /agent/v4/datafeed/{id}/read` (datafeed v1): the same feed, but each read acknowledges
    /// what the previous read delivered (v1 has no ack ids); at most `limit` events.
    pub async fn read_feed_v1(
        &self,
        caller: &Caller,
        id: &str,
        limit: Option<i64>,
        wait: Duration,
    ) -> CoreResult<Vec<EventView>> {
        let feed = self.live_feed(caller, id).await?;
        let previous = feed.pending.as_ref().map(|p| feed.ack_id(p.up_to));
        let limit = limit.filter(|l| *l > 0).map_or(MAX_BATCH, |l| l.min(MAX_BATCH));
        let batch = self.read_batch(feed, previous.as_deref(), None, limit, wait).await?;
        let pending = Pending { ack_id: batch.ack_id(), up_to: batch.up_to };
        self.store
            .modify_feed(id, &mut |f: &mut Feed| {
                f.pending = Some(pending.clone());
                Ok(())
            })
            .await
            .map_err(|_| no_feed(id))?;
        Ok(batch.events)
    }

    /// The read every kind of feed shares. `filter`: a datahose, reading the whole log filtered
    /// (events it filters out are stepped over); `None`: the owner's events.
    async fn read_batch(
        &self,
        mut feed: Feed,
        ack_id: Option<&str>,
        filter: Option<&HoseFilter>,
        limit: i64,
        wait: Duration,
    ) -> CoreResult<Batch> {
        let deadline = tokio::time::Instant::now() + wait;
        let (now, ttl) = (self.now(), self.config.datafeed_expiry_ms);
        if feed.acknowledged_by(ack_id).is_some() || feed.read_is_stale(now, ttl) {
            let id = feed.id.clone();
            feed = self
                .store
                .modify_feed(&id, &mut |f: &mut Feed| {
                    f.acknowledge(ack_id);
                    if f.read_is_stale(now, ttl) {
                        f.last_read_at = now;
                    }
                    Ok(())
                })
                .await
                .map_err(|_| no_feed(&id))?;
        }
        let mut cursor = feed.acked_seq;
        let mine = self.wakeups.of(feed.owner);
        let notify = if filter.is_some() { self.wakeups.everyone() } else { &mine };
        loop {
            let woken = notify.notified();
            tokio::pin!(woken);
            woken.as_mut().enable();
            let (events, scanned_to) = match filter {
                None => {
                    let events = self.store.events_for(feed.owner, cursor, limit).await?;
                    let last = events.last().map_or(cursor, |e| e.seq);
                    (self.event_views(events).await?, last)
                }
                Some(filter) => self.scan_hose(filter, cursor, limit).await?,
            };
            let timed_out = tokio::time::Instant::now() >= deadline;
            if !events.is_empty() || timed_out {
                return Ok(Batch { events, up_to: scanned_to, feed });
            }
            if scanned_to > cursor {
                // A datahose stepped over events it filters out: look further before waiting.
                cursor = scanned_to;
                continue;
            }
            let _ = tokio::time::timeout_at(deadline, woken).await;
        }
    }
}
