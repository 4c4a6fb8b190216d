//! Room search (`POST /pod/v3/room/search`): which rooms a caller finds, and in what order.

use crate::UserId;
use crate::rules::streams::discoverable_to;
use crate::stream::{RoomAttributes, StreamState};
use crate::user::User;

/// `V2RoomSearchCriteria`, parsed.
#[derive(Debug, Clone, Default)]
pub struct RoomSearch {
    pub query: String,
    /// Keyword keys whose values the query matches; empty: name, description and every keyword.
    pub labels: Vec<String>,
    pub active: Option<bool>,
    pub private: Option<bool>,
    pub owner: Option<UserId>,
    pub creator: Option<UserId>,
    pub member: Option<UserId>,
    /// `BASIC` (creation order) or `RELEVANCE` (name matches first).
    pub relevance: bool,
    pub include_non_discoverable: bool,
}

#[derive(Debug, Clone)]
pub struct RoomSearchResult {
    pub count: usize,
    pub rooms: Vec<StreamState>,
}

impl RoomSearch {
    /// Whether `caller` finds the room: it is visible to them (discoverable to their company, or
    /// they are a member who asked for `include_non_discoverable`) and matches text and filters.
    pub fn finds(&self, state: &StreamState, caller: &User) -> bool {
        let Some(room) = state.room() else { return false };
        let visible =
            discoverable_to(state, caller) || (self.include_non_discoverable && state.is_member(caller.id));
        visible && self.text_matches(room) && self.filters_match(state, room)
    }

    fn text_matches(&self, room: &RoomAttributes) -> bool {
        let q = self.query.to_lowercase();
        let contains = |t: &str| t.to_lowercase().contains(&q);
        if self.labels.is_empty() {
            contains(&room.name)
                || contains(&room.description)
                || room.keywords.iter().any(|k| contains(&k.value))
        } else {
            room.keywords.iter().any(|k| self.labels.contains(&k.key) && contains(&k.value))
        }
    }

    fn filters_match(&self, state: &StreamState, room: &RoomAttributes) -> bool {
        self.active.is_none_or(|a| a == state.stream.active)
            && self.private.is_none_or(|private| private != room.public)
            && self.owner.is_none_or(|u| state.is_owner(u))
            && self.creator.is_none_or(|u| state.stream.created_by == u)
            && self.member.is_none_or(|u| state.is_member(u))
    }

    /// 0 for an exact name, 1 a name prefix, 2 a name match, 3 anything else.
    pub fn rank(&self, room: &RoomAttributes) -> u8 {
        let (name, q) = (room.name.to_lowercase(), self.query.to_lowercase());
        if name == q {
            0
        } else if name.starts_with(&q) {
            1
        } else if name.contains(&q) {
            2
        } else {
            3
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stream::{Keyword, Member, Stream, StreamType};
    use crate::testing::user_with_roles;
    use crate::{PodId, StreamId};

    fn room(name: &str, discoverable: bool, keywords: &[(&str, &str)]) -> StreamState {
        let attrs = RoomAttributes {
            name: name.into(),
            description: "a desk".into(),
            discoverable,
            keywords: keywords
                .iter()
                .map(|(k, v)| Keyword { key: (*k).into(), value: (*v).into() })
                .collect(),
            ..Default::default()
        };
        StreamState {
            stream: Stream {
                id: StreamId::from_bytes(&[1]),
                kind: StreamType::Room,
                created_at: 0,
                created_by: UserId::compose(PodId(1), 1),
                active: true,
                room: Some(attrs),
                pinned_message: None,
                last_message_at: None,
                conversation_key: None,
            },
            members: vec![Member {
                user: UserId::compose(PodId(1), 1),
                pod: PodId(1),
                owner: true,
                joined_at: 0,
                left_at: None,
            }],
        }
    }

    fn user(pod: i64, local: i64) -> User {
        User { id: UserId::compose(PodId(pod), local), pod: PodId(pod), ..user_with_roles(&[]) }
    }

    fn search(query: &str) -> RoomSearch {
        RoomSearch { query: query.into(), relevance: true, ..RoomSearch::default() }
    }

    #[test]
    fn text_matches_name_description_and_keyword_values_without_case() {
        let r = room("FX Desk", true, &[("asset", "Rates")]);
        for q in ["fx", "DESK", "rates", ""] {
            assert!(search(q).finds(&r, &user(1, 2)), "{q}");
        }
        assert!(!search("equities").finds(&r, &user(1, 2)));
    }

    #[test]
    fn labels_narrow_the_text_to_those_keywords() {
        let r = room("FX Desk", true, &[("asset", "Rates"), ("region", "EMEA")]);
        let by_label = |q: &str, label: &str| {
            RoomSearch { labels: vec![label.into()], ..search(q) }.finds(&r, &user(1, 2))
        };
        assert!(by_label("rates", "asset"));
        assert!(!by_label("rates", "region"));
        assert!(!by_label("fx", "asset"), "with labels the name is not searched");
    }

    #[test]
    fn a_non_discoverable_room_is_found_only_by_members_who_ask() {
        let r = room("Secret", false, &[]);
        let member = user(1, 1);
        assert!(!search("secret").finds(&r, &member));
        assert!(RoomSearch { include_non_discoverable: true, ..search("secret") }.finds(&r, &member));
        assert!(!RoomSearch { include_non_discoverable: true, ..search("secret") }.finds(&r, &user(1, 2)));
    }

    #[test]
    fn another_company_does_not_find_a_discoverable_room() {
        assert!(!search("fx").finds(&room("FX", true, &[]), &user(2, 5)));
    }

    #[test]
    fn relevance_ranks_exact_then_prefix_then_other_name_matches() {
        let s = search("fx");
        let rank = |name: &str| s.rank(room(name, true, &[]).room().unwrap());
        assert!(
            rank("FX") < rank("FX Desk")
                && rank("FX Desk") < rank("Spot FX")
                && rank("Spot FX") < rank("Rates")
        );
    }
}
