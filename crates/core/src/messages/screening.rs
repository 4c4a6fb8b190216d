//! DLP on messages: a create, update or blast is screened after conversion (the text rendering,
//! templates expanded, and each attachment's name, each scanned alone) and before its files are
//! stored. A blocking verdict in the scope of any target stream refuses the whole request with 451:
//! nothing is stored, no event is emitted, and a violation is recorded per blocked stream. A warning
//! or log-only verdict lets the message through and records a violation against it once stored.

use sympod_model::dlp::{DlpContentType, ViolationKind, ViolationSubject};
use sympod_model::message::{Attachment, Content, Message};
use sympod_model::stream::StreamState;
use sympod_model::{MessageId, UserId};

use super::{MessageView, Upload};
use crate::dlp::{Found, Screening};
use crate::{Core, CoreError, CoreResult, random_id};

/// The 451 message of a message create, update or blast.
pub const MESSAGE_BLOCKED: &str = "Compliance issues found in message";

fn found(requester: UserId, entity_id: String, state: &StreamState, core: &Core) -> Found {
    Found {
        kind: ViolationKind::Message,
        entity_id,
        requester,
        content_type: DlpContentType::Messages,
        scope: core.dlp_scope(state),
    }
}

fn subject(message: &Message) -> ViolationSubject {
    ViolationSubject::Message {
        stream: message.stream.clone(),
        created_at: message.created_at,
        replaces: message.replaces.clone(),
        content: Box::new(message.content.clone()),
        attachments: message.attachments.clone(),
    }
}

impl Core {
    /// Screens converted content bound for `targets`; refuses it (and records why) if a policy
    /// blocks it in any of their scopes.
    pub(super) async fn screen_message(
        &self,
        sender: UserId,
        content: &Content,
        uploads: &[Upload],
        targets: &[&StreamState],
        replaces: Option<&MessageId>,
    ) -> CoreResult<Screening> {
        let mut texts = vec![content.text.as_str()];
        texts.extend(uploads.iter().map(|u| u.name.as_str()));
        let scopes: Vec<_> = targets.iter().map(|s| self.dlp_scope(s)).collect();
        let screening = self.screen(DlpContentType::Messages, &scopes, &texts).await?;
        let mut blocked = false;
        for (state, &scope) in targets.iter().zip(&scopes) {
            let Some(verdict) = screening.verdict(scope).filter(|v| v.blocks()) else {
                continue;
            };
            blocked = true;
            // The id the message would have had: it names the refused message in the violation.
            let id = random_id(sympod_model::ids::OPAQUE_ID_BYTES);
            let attachments = uploads
                .iter()
                // Ids of their own, as if stored: the violation lists them, and asking for one
                // answers that the file was not kept.
                .map(|u| Attachment {
                    id: random_id(16),
                    name: u.name.clone(),
                    size: i64::try_from(u.body.len()).unwrap_or(i64::MAX),
                    content_type: u.content_type.clone(),
                })
                .collect();
            let subject = ViolationSubject::Message {
                stream: state.stream.id.clone(),
                created_at: self.now(),
                replaces: replaces.cloned(),
                content: Box::new(content.clone()),
                attachments,
            };
            self.record_violation(verdict, found(sender, id, state, self), subject).await;
        }
        if blocked {
            return Err(CoreError::Compliance(MESSAGE_BLOCKED.into()));
        }
        Ok(screening)
    }

    /// Records a warning or log-only verdict against a message that was stored.
    pub(super) async fn record_sent(&self, screening: &Screening, view: &MessageView) {
        if let Some(verdict) = screening.verdict(self.dlp_scope(&view.stream)) {
            let found = found(view.message.author, view.message.id.to_string(), &view.stream, self);
            self.record_violation(verdict, found, subject(&view.message)).await;
        }
    }
}
