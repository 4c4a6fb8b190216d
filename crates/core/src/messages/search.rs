//! `GET|POST /agent/v1/message/search`: messages of the streams the caller may read.
//!
//! Each candidate stream's newest versions are read (within what the caller may see) and filtered
//! here: a stand-in pod holds far fewer messages than a search index would need to matter.

use sympod_model::message::{Message, MessageState};
use sympod_model::rules::messages::readable_since;
use sympod_model::rules::streams::is_compliance_officer;
use sympod_model::stream::{StreamState, StreamType};
use sympod_model::{Millis, StreamId, UserId};
use sympod_store::MessagePage;

use super::MessageView;
use crate::{Caller, Core, CoreError, CoreResult};

/// `MessageSearchQuery`, parsed. Every criterion given must hold.
#[derive(Debug, Clone, Default)]
pub struct MessageSearch {
    /// Words the message's text contains, without case. Needs `stream`.
    pub text: Option<String>,
    pub stream: Option<StreamId>,
    /// `CHAT` means IMs, MIMs and rooms.
    pub stream_types: Vec<StreamType>,
    pub author: Option<UserId>,
    pub hashtag: Option<String>,
    pub cashtag: Option<String>,
    pub mention: Option<i64>,
    pub from: Option<Millis>,
    pub to: Option<Millis>,
}

impl MessageSearch {
    fn matches(&self, m: &Message) -> bool {
        let tag = |wanted: &Option<String>, tags: &[String]| {
            wanted.as_ref().is_none_or(|w| {
                let w = w.trim_start_matches(['#', '$']);
                tags.iter().any(|t| t.trim_start_matches(['#', '$']).eq_ignore_ascii_case(w))
            })
        };
        m.state == MessageState::Active
            && self.text.as_ref().is_none_or(|t| m.content.text.to_lowercase().contains(&t.to_lowercase()))
            && self.author.is_none_or(|a| m.author == a)
            && tag(&self.hashtag, &m.content.hashtags)
            && tag(&self.cashtag, &m.content.cashtags)
            && self.mention.is_none_or(|u| m.content.mentions.contains(&u))
            && self.from.is_none_or(|f| m.created_at >= f)
            && self.to.is_none_or(|t| m.created_at < t)
    }
}

impl Core {
    /// Searches messages; newest first unless `ascending`. Answers the page.
    pub async fn search_messages(
        &self,
        caller: &Caller,
        search: &MessageSearch,
        skip: usize,
        limit: usize,
        ascending: bool,
    ) -> CoreResult<Vec<MessageView>> {
        if search.text.is_some() && search.stream.is_none() {
            return Err(CoreError::invalid("A text search requires streamId"));
        }
        let streams: Vec<StreamState> = match &search.stream {
            Some(id) => vec![self.load_stream(id).await?],
            None if is_compliance_officer(&caller.user) => self.store.all_streams().await?,
            None => self.store.streams_of(caller.user.id).await?,
        };
        let mut found = Vec::new();
        for state in streams {
            if !search.stream_types.is_empty() && !search.stream_types.contains(&state.stream.kind) {
                continue;
            }
            let visible_from = match readable_since(&state, &caller.user) {
                Ok(since) => since,
                Err(e) if search.stream.is_some() => return Err(e.into()),
                Err(_) => continue,
            };
            let page =
                MessagePage { since: Millis::MIN, until: None, visible_from, skip: 0, limit: i64::MAX };
            for message in self.store.stream_messages(&state.stream.id, page).await? {
                if search.matches(&message) {
                    found.push(MessageView { message, stream: state.clone(), author: None });
                }
            }
        }
        found.sort_by_key(|v| v.message.created_at);
        if !ascending {
            found.reverse();
        }
        let mut page: Vec<MessageView> = found.into_iter().skip(skip).take(limit).collect();
        let mut authors: Vec<UserId> = page.iter().map(|v| v.message.author).collect();
        authors.sort_unstable();
        authors.dedup();
        let users = self.store.users_by_ids(&authors).await?;
        for view in &mut page {
            view.author = users.iter().find(|u| u.id == view.message.author).cloned();
        }
        Ok(page)
    }
}
