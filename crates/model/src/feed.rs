//! Datafeeds: a user's durable cursor into the event log.
//!
//! A feed has delivered and acknowledged every event up to `acked_seq`. A read delivers the events
//! after it, with an ack id that names this feed and the last event of the batch
//! ([`Feed::ack_id`]). The next read that carries that ack id acknowledges the batch: the cursor
//! moves to its end. A read without it (or with an older one) gets the same events again: delivery
//! is at least once, and nothing acknowledged is delivered twice. Because the ack id carries what it
//! acknowledges, a read writes nothing unless the cursor moves, and two readers of one feed cannot
//! undo each other's acknowledgements. Datafeed v1 has no ack ids: its feed remembers the batch
//! it delivered last (`pending`), which the next v1 read acknowledges.

use crate::{Millis, RuleError, UserId};

/// A feed not read for this long expires (by default; the server can set another lifetime)...
pub const FEED_TTL_MS: Millis = 30 * 60 * 1000;
/// ... give or take a thirtieth of it: a read that moves nothing records the time of the read at
/// most that often, so by default a feed expires between 30 and 31 minutes after its last read.
pub const READ_REFRESH_PARTS: Millis = 30;
/// A user holds at most this many feeds.
pub const MAX_FEEDS_PER_USER: usize = 20;
/// Most events one read delivers.
pub const MAX_BATCH: i64 = 100;

/// The batch a datafeed v1 read delivered, which the next v1 read acknowledges.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pending {
    pub ack_id: String,
    /// The last event sequence number of the batch.
    pub up_to: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Feed {
    /// `<hex>_f`, the shape the SDK recognises.
    pub id: String,
    pub owner: UserId,
    pub tag: Option<String>,
    pub include_invisible: bool,
    /// A datahose feed reads every event of the pod; a datafeed, its owner's.
    pub hose: bool,
    pub created_at: Millis,
    pub last_read_at: Millis,
    pub acked_seq: i64,
    pub pending: Option<Pending>,
}

/// How often a read that moves nothing records its time, for feeds that live `ttl` unread.
fn read_refresh(ttl: Millis) -> Millis {
    (ttl / READ_REFRESH_PARTS).max(1)
}

/// How long after its last recorded read a feed of lifetime `ttl` expires.
pub fn expires_after(ttl: Millis) -> Millis {
    ttl + read_refresh(ttl)
}

impl Feed {
    /// Whether the feed, with a lifetime of `ttl` unread, has expired at `now`.
    pub fn expired(&self, now: Millis, ttl: Millis) -> bool {
        now.saturating_sub(self.last_read_at) >= expires_after(ttl)
    }

    /// Whether a read at `now` must record itself: the time it last did is getting old.
    pub fn read_is_stale(&self, now: Millis, ttl: Millis) -> bool {
        now.saturating_sub(self.last_read_at) >= read_refresh(ttl)
    }

    /// The ack id that acknowledges this feed's events up to `up_to`: `<check>-<up_to>`, where the
    /// check is a fixed hash of the feed id, so that another feed's ack id acknowledges nothing here.
    pub fn ack_id(&self, up_to: i64) -> String {
        format!("{:016x}-{up_to:x}", fnv1a(&self.id))
    }

    /// What `ack_id` acknowledges in this feed, if it is one of this feed's ack ids and moves the
    /// cursor. Anything else (empty, garbage, another feed's, older) acknowledges nothing.
    pub fn acknowledged_by(&self, ack_id: Option<&str>) -> Option<i64> {
        let (check, up_to) = ack_id?.split_once('-')?;
        let up_to = i64::from_str_radix(up_to, 16).ok()?;
        let ours = u64::from_str_radix(check, 16).ok()? == fnv1a(&self.id);
        (ours && up_to > self.acked_seq).then_some(up_to)
    }

    /// Moves the cursor to what `ack_id` acknowledges; answers whether it moved.
    pub fn acknowledge(&mut self, ack_id: Option<&str>) -> bool {
        match self.acknowledged_by(ack_id) {
            Some(up_to) => {
                self.acked_seq = up_to;
                true
            }
            None => false,
        }
    }
}

/// FNV-1a, 64 bits: a hash that stays the same across builds and versions (ack ids outlive them).
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// A tag: at most 100 characters, as the spec says.
pub fn validate_tag(tag: &str) -> Result<(), RuleError> {
    if tag.chars().count() > 100 {
        return Err(RuleError::invalid("tag must have at most 100 characters"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn feed() -> Feed {
        Feed {
            id: "a_f".into(),
            owner: UserId(1),
            tag: None,
            include_invisible: false,
            hose: false,
            created_at: 0,
            last_read_at: 0,
            acked_seq: 5,
            pending: None,
        }
    }

    #[test]
    fn an_ack_id_of_the_feed_moves_its_cursor_forward_only() {
        let mut f = feed();
        let ack = f.ack_id(9);
        assert!(!f.acknowledge(None));
        assert!(!f.acknowledge(Some("")), "the first read sends an empty ack id");
        assert!(!f.acknowledge(Some("garbage")));
        assert!(!f.acknowledge(Some("x-9")));
        assert_eq!(f.acked_seq, 5);
        assert!(f.acknowledge(Some(&ack)));
        assert_eq!(f.acked_seq, 9);
        assert!(!f.acknowledge(Some(&f.ack_id(7))), "an older ack id changes nothing");
        assert_eq!(f.acked_seq, 9);
    }

    #[test]
    fn another_feeds_ack_id_acknowledges_nothing() {
        let mut f = feed();
        let other = Feed { id: "b_f".into(), ..feed() };
        assert!(!f.acknowledge(Some(&other.ack_id(50))));
        assert_eq!(f.acked_seq, 5);
    }

    #[test]
    fn a_feed_expires_between_30_and_31_minutes_unread() {
        let f = feed();
        let minute = 60 * 1000;
        assert!(!f.expired(FEED_TTL_MS, FEED_TTL_MS));
        assert!(f.expired(FEED_TTL_MS + minute, FEED_TTL_MS));
        assert!(!f.read_is_stale(minute - 1, FEED_TTL_MS));
        assert!(f.read_is_stale(minute, FEED_TTL_MS));
    }

    #[test]
    fn a_shorter_lifetime_shortens_expiry_and_the_read_refresh_alike() {
        let f = feed();
        assert!(!f.expired(2_999, 3_000));
        assert!(f.expired(3_100, 3_000));
        assert!(f.read_is_stale(100, 3_000));
        assert!(!f.read_is_stale(99, 3_000));
    }
}
