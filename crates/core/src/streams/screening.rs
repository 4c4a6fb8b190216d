//! DLP on rooms: a create or update is screened (content type `RoomMeta`) once the rules have
//! accepted it, on the texts it sets: the name, the description, and each keyword's key and value,
//! each scanned alone. A blocking verdict refuses it with 451 and records a violation of kind
//! stream; a warning or log-only verdict lets it through and records one once it is stored. IMs and
//! MIMs have no text of their own (an IM update only pins), so nothing of theirs is screened.

use sympod_model::UserId;
use sympod_model::dlp::{DlpContentType, DlpScope, ViolationKind, ViolationSubject};
use sympod_model::rules::rooms::RoomPatch;
use sympod_model::stream::Stream;

use crate::dlp::{Found, Screening};
use crate::{Core, CoreError, CoreResult};

/// The 451 message of a room creation.
pub const ROOM_CREATE_BLOCKED: &str = "Compliance issues found in room creation";
/// The 451 message of a room update.
pub const ROOM_UPDATE_BLOCKED: &str = "Compliance issues found in room update";

/// The texts a patch sets, each alone.
pub(super) fn patch_texts(patch: &RoomPatch) -> Vec<&str> {
    let mut texts: Vec<&str> = Vec::new();
    texts.extend(patch.name.as_deref());
    texts.extend(patch.description.as_deref());
    for keyword in patch.keywords.iter().flatten() {
        texts.push(&keyword.key);
        texts.push(&keyword.value);
    }
    texts.retain(|t| !t.is_empty());
    texts
}

/// What a room screening is about: the stream as it is (or would be) after the change.
pub(super) struct RoomScreening {
    screening: Screening,
    found: Found,
    subject: ViolationSubject,
}

impl Core {
    /// Screens the texts `patch` sets on `stream` (as it would be after the change) in `scope`;
    /// refuses with `blocked` (and records why) if a policy blocks them.
    pub(super) async fn screen_room(
        &self,
        requester: UserId,
        patch: &RoomPatch,
        stream: Stream,
        scope: DlpScope,
        blocked: &str,
    ) -> CoreResult<RoomScreening> {
        let texts = patch_texts(patch);
        let screening = if texts.is_empty() {
            Screening::default()
        } else {
            self.screen(DlpContentType::RoomMeta, &[scope], &texts).await?
        };
        let found = Found {
            kind: ViolationKind::Stream,
            entity_id: stream.id.to_string(),
            requester,
            content_type: DlpContentType::RoomMeta,
            scope,
        };
        let subject = ViolationSubject::Stream(Box::new(stream));
        if let Some(verdict) = screening.verdict(scope).filter(|v| v.blocks()) {
            self.record_violation(verdict, found, subject).await;
            return Err(CoreError::Compliance(blocked.to_owned()));
        }
        Ok(RoomScreening { screening, found, subject })
    }

    /// Records a warning or log-only verdict once the room change is stored.
    pub(super) async fn record_room(&self, screened: RoomScreening) {
        let RoomScreening { screening, found, subject } = screened;
        if let Some(verdict) = screening.verdict(found.scope) {
            self.record_violation(verdict, found, subject).await;
        }
    }
}
