//! Keeping the event log bounded: events every live feed has acknowledged are deleted once they are
//! old enough that no feed made meanwhile can still be waiting for them.

use sympod_model::Millis;
use sympod_model::feed::expires_after;

use crate::{Core, CoreResult};

/// Events stay in the log at least this long, whatever the feeds have acknowledged: a feed made
/// while pruning runs starts after the newest event, which is far younger.
pub const EVENT_RETENTION_MS: Millis = 60 * 60 * 1000;

/// Events deleted per store transaction, so that other writes interleave with a large prune.
const PRUNE_STEP: i64 = 5_000;

impl Core {
    /// Deletes the events that no live feed can deliver any more (acknowledged by all of them, or
    /// with no feed alive to read them) and that are older than [`EVENT_RETENTION_MS`]. Expired
    /// feeds hold nothing back. Answers how many events it deleted.
    pub async fn prune_event_log(&self) -> CoreResult<u64> {
        let now = self.now();
        let live_since = now - expires_after(self.config.datafeed_expiry_ms);
        let before = now - EVENT_RETENTION_MS;
        let mut deleted = 0;
        loop {
            let step = self.store.prune_events(live_since, before, PRUNE_STEP).await?;
            deleted += step;
            if step < PRUNE_STEP as u64 {
                return Ok(deleted);
            }
            tokio::task::yield_now().await;
        }
    }
}
