//! DLP violations: `/agent/v{1,3}/dlp/violations/{message,stream,signal}`.

use std::collections::HashMap;

use sympod_model::dlp::{DlpViolation, ViolationKind, ViolationSubject, can_manage_dlp};
use sympod_model::message::{Message, MessageState};
use sympod_model::stream::StreamState;
use sympod_model::user::User;
use sympod_model::{MessageId, Millis, StreamId, UserId};
use sympod_store::ViolationPage;

use crate::messages::MessageView;
use crate::messages::files::FileReader;
use crate::{Caller, Core, CoreError, CoreResult};

/// Most violations one page holds.
pub const MAX_VIOLATIONS: i64 = 500;
/// Violations in a page when the caller does not say.
pub const DEFAULT_VIOLATIONS: i64 = 50;

/// What a violation listing asks for, as sent.
#[derive(Debug, Clone, Default)]
pub struct ViolationQuery {
    pub start: Option<Millis>,
    /// Now when absent.
    pub end: Option<Millis>,
    /// The offset a previous page answered as `nextOffset`.
    pub next: Option<String>,
    pub limit: Option<i64>,
}

/// A violation with what its views show: the requester, and the stream it happened in.
#[derive(Debug, Clone)]
pub struct ViolationView {
    pub violation: DlpViolation,
    pub requester: Option<User>,
    /// For messages: the message as it was sent (or would have been), with its stream.
    pub message: Option<MessageView>,
}

/// A page of violations, and the offset of the next one if there is more.
#[derive(Debug, Clone)]
pub struct ViolationList {
    pub violations: Vec<ViolationView>,
    pub next_offset: Option<String>,
}

impl Core {
    /// Violations of `kind` created from `start` to `end` (inclusive, milliseconds), oldest first.
    pub async fn dlp_violations(
        &self,
        caller: &Caller,
        kind: ViolationKind,
        query: &ViolationQuery,
    ) -> CoreResult<ViolationList> {
        can_manage_dlp(&caller.user)?;
        let start = query.start.ok_or_else(|| CoreError::invalid("startTime is required"))?;
        let end = query.end.unwrap_or_else(|| self.now());
        if start < 0 || end < start {
            return Err(CoreError::invalid("startTime must not be negative nor after endTime"));
        }
        let limit = query.limit.unwrap_or(DEFAULT_VIOLATIONS);
        if !(1..=MAX_VIOLATIONS).contains(&limit) {
            return Err(CoreError::invalid(format!("limit must be 1 to {MAX_VIOLATIONS}")));
        }
        let skip = match query.next.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
            None => 0,
            Some(n) => n
                .parse::<i64>()
                .ok()
                .filter(|v| *v >= 0)
                .ok_or_else(|| CoreError::invalid(format!("Invalid next offset {n:?}")))?,
        };
        let page = ViolationPage { kind, from: start, to: end, skip, limit: limit + 1 };
        let mut found = self.store.dlp_violations(page).await?;
        let more = found.len() as i64 > limit;
        found.truncate(limit as usize);
        let next_offset = more.then(|| (skip + limit).to_string());
        let mut requesters: Vec<UserId> = found.iter().map(|v| v.requester).collect();
        requesters.sort_unstable();
        requesters.dedup();
        let users = self.store.users_by_ids(&requesters).await?;
        // Many violations of a page come from a few streams: each is read once.
        let mut streams: HashMap<StreamId, Option<StreamState>> = HashMap::new();
        let mut violations = Vec::with_capacity(found.len());
        for violation in found {
            let requester = users.iter().find(|u| u.id == violation.requester).cloned();
            let message = match &violation.subject {
                ViolationSubject::Message { stream, .. } => {
                    if !streams.contains_key(stream) {
                        streams.insert(stream.clone(), self.store.stream(stream).await?);
                    }
                    streams[stream]
                        .clone()
                        .and_then(|state| message_view(&violation, state, requester.clone()))
                }
                ViolationSubject::Stream(_) => None,
            };
            violations.push(ViolationView { violation, requester, message });
        }
        Ok(ViolationList { violations, next_offset })
    }
}

impl Core {
    /// `GET /agent/v3/dlp/violation/attachment?fileId=&violationId=`: a file of a message that
    /// matched a policy. A message let through (warned or logged) keeps its files; a blocked one
    /// stored none, and a suppressed one lost them, so their files are not found.
    pub async fn dlp_violation_attachment(
        &self,
        caller: &Caller,
        violation: &str,
        file: &str,
    ) -> CoreResult<FileReader> {
        can_manage_dlp(&caller.user)?;
        let found = self
            .store
            .dlp_violation(violation)
            .await?
            .ok_or_else(|| CoreError::not_found(format!("Violation {violation} not found")))?;
        let ViolationSubject::Message { attachments, .. } = &found.subject else {
            return Err(CoreError::not_found(format!("Violation {violation} is not about a message")));
        };
        let attachment = attachments
            .iter()
            .find(|a| a.id == file)
            .ok_or_else(|| CoreError::not_found(format!("Violation {violation} has no attachment {file}")))?;
        if attachment.size > 0 && self.store.blob_chunk(&attachment.id, 0).await?.is_none() {
            return Err(CoreError::not_found(format!(
                "The attachment {file} was not kept: its message was blocked or suppressed"
            )));
        }
        Ok(FileReader::new(self.store.clone(), attachment.id.clone(), attachment.size))
    }
}

/// The message a violation records, as a message view.
fn message_view(v: &DlpViolation, stream: StreamState, author: Option<User>) -> Option<MessageView> {
    let ViolationSubject::Message { created_at, replaces, content, attachments, .. } = &v.subject else {
        return None;
    };
    let id = MessageId::parse(&v.entity_id).ok()?;
    let message = Message {
        id: id.clone(),
        stream: stream.stream.id.clone(),
        author: v.requester,
        created_at: *created_at,
        initial_id: id,
        initial_at: *created_at,
        replaces: replaces.clone(),
        replaced_by: None,
        state: MessageState::Active,
        content: (**content).clone(),
        attachments: attachments.clone(),
        via_app: None,
        silent: None,
        suppressed_at: None,
    };
    Some(MessageView { message, stream, author })
}
