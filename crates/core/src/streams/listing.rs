//! Listing streams: the caller's (`/pod/v1/streams/list`), one stream's attributes
//! (`/pod/v2/streams/{sid}/info`), and the administrators' views.

use sympod_model::rules::streams::{can_administer_streams, can_read_stream};
use sympod_model::stream::{StreamState, StreamType};
use sympod_model::{Millis, StreamId, UserId};

use crate::{Caller, Core, CoreResult};

/// `StreamFilter`.
#[derive(Debug, Clone, Default)]
pub struct StreamFilter {
    /// Empty: every type.
    pub types: Vec<StreamType>,
    pub include_inactive: bool,
}

impl StreamFilter {
    fn matches(&self, s: &StreamState) -> bool {
        (self.types.is_empty() || self.types.contains(&s.stream.kind))
            && (self.include_inactive || s.stream.active)
    }
}

/// `V2AdminStreamFilter`: each criterion, when given, must hold.
#[derive(Debug, Clone, Default)]
pub struct AdminStreamFilter {
    pub types: Vec<StreamType>,
    /// `EXTERNAL` (true): members of more than one company; `INTERNAL` (false).
    pub external: Option<bool>,
    /// `EXTERNAL` (true): created by a user of another pod.
    pub external_origin: Option<bool>,
    pub active: Option<bool>,
    pub public: Option<bool>,
    pub start: Option<Millis>,
    pub end: Option<Millis>,
}

impl Core {
    /// Streams the caller is a member of, filtered, in creation order.
    pub async fn list_streams(&self, caller: &Caller, filter: &StreamFilter) -> CoreResult<Vec<StreamState>> {
        self.member_streams(caller.user.id, filter).await
    }

    /// `POST /pod/v1/admin/user/{uid}/streams/list`.
    pub async fn admin_user_streams(
        &self,
        caller: &Caller,
        user: UserId,
        filter: &StreamFilter,
    ) -> CoreResult<Vec<StreamState>> {
        can_administer_streams(&caller.user)?;
        if self.store.user(user).await?.is_none() {
            return Err(crate::CoreError::not_found(format!("User {user} not found")));
        }
        self.member_streams(user, filter).await
    }

    async fn member_streams(&self, user: UserId, filter: &StreamFilter) -> CoreResult<Vec<StreamState>> {
        Ok(self.store.streams_of(user).await?.into_iter().filter(|s| filter.matches(s)).collect())
    }

    /// `GET /pod/v2/streams/{sid}/info`.
    pub async fn stream_info(&self, caller: &Caller, id: &StreamId) -> CoreResult<StreamState> {
        let state = self.load_stream(id).await?;
        can_read_stream(&state, &caller.user)?;
        Ok(state)
    }

    /// `POST /pod/v2/admin/streams/list`: every stream of the pod matching `filter`.
    pub async fn admin_list_streams(
        &self,
        caller: &Caller,
        filter: &AdminStreamFilter,
    ) -> CoreResult<Vec<StreamState>> {
        can_administer_streams(&caller.user)?;
        let home = self.home.id;
        Ok(self
            .store
            .all_streams()
            .await?
            .into_iter()
            .filter(|s| {
                (filter.types.is_empty() || filter.types.contains(&s.stream.kind))
                    && filter.external.is_none_or(|e| e == (s.company_count() > 1))
                    && filter.external_origin.is_none_or(|e| e == (s.stream.created_by.pod() != home))
                    && filter.active.is_none_or(|a| a == s.stream.active)
                    && filter.public.is_none_or(|p| p == s.room().is_some_and(|r| r.public))
                    && filter.start.is_none_or(|t| s.stream.created_at >= t)
                    && filter.end.is_none_or(|t| s.stream.created_at <= t)
            })
            .collect())
    }
}
