//! The datahose (`POST /agent/v5/events/read`): every event of the pod, filtered by type and scope,
//! from a feed that the caller's readers share by giving the same tag and filters.

use std::time::Duration;

use sympod_model::RuleError;
use sympod_model::feed::{Feed, MAX_BATCH};

use super::{Batch, EventView};
use crate::{Caller, Core, CoreError, CoreResult};

/// The entitlement that opens the datahose.
const CAN_USE_FIREHOSE: &str = "canUseFirehose";

/// The real-time event types a datahose may ask for (`V5EventsReadBody.eventTypes`).
const EVENT_TYPES: [&str; 16] = [
    "MESSAGESENT",
    "MESSAGESUPPRESSED",
    "SYMPHONYELEMENTSACTION",
    "SHAREDPOST",
    "INSTANTMESSAGECREATED",
    "ROOMCREATED",
    "ROOMUPDATED",
    "ROOMDEACTIVATED",
    "ROOMREACTIVATED",
    "USERREQUESTEDTOJOINROOM",
    "USERJOINEDROOM",
    "USERLEFTROOM",
    "ROOMMEMBERPROMOTEDTOOWNER",
    "ROOMMEMBERDEMOTEDFROMOWNER",
    "CONNECTIONREQUESTED",
    "CONNECTIONACCEPTED",
];

/// The scopes of `V5EventsReadBody.scopes`. sympod has no federation, so `FEDERATED` matches none.
const SCOPES: [&str; 3] = ["INTERNAL", "EXTERNAL", "FEDERATED"];

/// What a datahose feed delivers: events of these types, in streams of these scopes (all when none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HoseFilter {
    types: Vec<String>,
    scopes: Vec<String>,
}

impl HoseFilter {
    /// Checks `eventTypes` (at least one, each a real-time event type) and `scopes`.
    pub fn parse(types: &[String], scopes: &[String]) -> CoreResult<Self> {
        if types.is_empty() {
            return Err(CoreError::invalid("eventTypes must name at least one event type"));
        }
        let check = |values: &[String], known: &[&str], what: &str| -> CoreResult<Vec<String>> {
            let mut out = Vec::with_capacity(values.len());
            for v in values {
                if !known.contains(&v.as_str()) {
                    return Err(CoreError::invalid(format!(
                        "{what} has an unknown value {v}: use {}",
                        known.join(", ")
                    )));
                }
                out.push(v.clone());
            }
            out.sort();
            out.dedup();
            Ok(out)
        };
        Ok(Self {
            types: check(types, &EVENT_TYPES, "eventTypes")?,
            scopes: check(scopes, &SCOPES, "scopes")?,
        })
    }

    /// The key of the feed readers share: their tag and these filters (a tag has no line breaks).
    fn key(&self, tag: &str) -> String {
        format!("{tag}\n{}\n{}", self.types.join(","), self.scopes.join(","))
    }

    fn keeps(&self, view: &EventView) -> bool {
        if !self.types.iter().any(|t| t == view.event.event.kind.type_name()) {
            return false;
        }
        let external = view.stream.as_ref().is_some_and(|s| s.company_count() > 1);
        self.scopes.is_empty()
            || self.scopes.iter().any(|s| match s.as_str() {
                "INTERNAL" => !external,
                "EXTERNAL" => external,
                _ => false,
            })
    }
}

impl Core {
    /// `POST /agent/v5/events/read` (datahose): the events of the pod that `filter` keeps, from the
    /// caller's feed of this tag and filter (made on first use, and made anew once expired). Needs
    /// the `canUseFirehose` entitlement.
    pub async fn read_hose(
        &self,
        caller: &Caller,
        tag: &str,
        filter: &HoseFilter,
        ack_id: Option<&str>,
        wait: Duration,
    ) -> CoreResult<Batch> {
        if !caller.user.entitled(CAN_USE_FIREHOSE) {
            return Err(RuleError::forbidden(
                "The user lacks the canUseFirehose entitlement needed to read the datahose",
            )
            .into());
        }
        if tag.is_empty() || tag.chars().count() > 80 || tag.chars().any(char::is_control) {
            return Err(CoreError::invalid(
                "tag must have 1 to 80 characters, none of them a control character",
            ));
        }
        let key = filter.key(tag);
        let now = self.now();
        let mut found: Option<Feed> = None;
        for feed in self.store.feeds_of(caller.user.id).await? {
            if !feed.hose || feed.tag.as_deref() != Some(key.as_str()) {
                continue;
            }
            if feed.expired(now, self.config.datafeed_expiry_ms) {
                let _ = self.store.delete_feed(&feed.id).await;
            } else {
                found = Some(feed);
            }
        }
        let feed = match found {
            Some(feed) => feed,
            None => {
                let feed = self.new_feed(caller.user.id, Some(key), true, true).await?;
                self.store.create_feed(&feed).await?;
                feed
            }
        };
        self.read_batch(feed, ack_id, Some(filter), MAX_BATCH, wait).await
    }

    /// The events after `cursor` that `filter` keeps, and how far the scan went.
    pub(super) async fn scan_hose(
        &self,
        filter: &HoseFilter,
        cursor: i64,
        limit: i64,
    ) -> CoreResult<(Vec<EventView>, i64)> {
        let raw = self.store.events_after(cursor, limit).await?;
        let last = raw.last().map_or(cursor, |e| e.seq);
        let typed = raw.into_iter().filter(|e| filter.types.iter().any(|t| t == e.event.kind.type_name()));
        let views = self.event_views(typed.collect()).await?;
        Ok((views.into_iter().filter(|v| filter.keeps(v)).collect(), last))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_datahose_filter_names_known_types_and_scopes_only() {
        let types = |t: &[&str]| t.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(HoseFilter::parse(&types(&["MESSAGE_SENT"]), &[]).is_err(), "the spec example's typo");
        assert!(HoseFilter::parse(&[], &[]).is_err());
        assert!(HoseFilter::parse(&types(&["MESSAGESENT"]), &types(&["WORLDWIDE"])).is_err());
        let a = HoseFilter::parse(&types(&["ROOMCREATED", "MESSAGESENT"]), &types(&["INTERNAL"])).unwrap();
        let b =
            HoseFilter::parse(&types(&["MESSAGESENT", "ROOMCREATED", "MESSAGESENT"]), &types(&["INTERNAL"]));
        assert_eq!(a.key("t"), b.unwrap().key("t"), "the same filters in any order share a feed");
    }
}
