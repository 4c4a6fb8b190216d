//! Submitting a Symphony Elements form: what a client does when a user clicks a form's button.
//!
//! The submission reaches the form's author (the bot that sent it) as `SYMPHONYELEMENTSACTION` on
//! its datafeed, with the values the user entered and, under `action`, the button clicked.

use serde_json::{Map, Value};
use sympod_model::event::{EventKind, NewEvent};
use sympod_model::message::MessageState;
use sympod_model::rules::messages::readable_since;
use sympod_model::rules::streams::require_active;
use sympod_model::stream::StreamState;
use sympod_model::{MessageId, RuleError, StreamId};

use super::message_not_found;
use crate::{Caller, Core, CoreError, CoreResult};

impl Core {
    /// Submits form `form_id` of message `mid` in stream `sid` with `values` (which may name the
    /// clicked button under `action`). Members of the (active) stream who may read the message.
    pub async fn submit_form(
        &self,
        caller: &Caller,
        sid: &StreamId,
        mid: &MessageId,
        form_id: &str,
        values: Map<String, Value>,
    ) -> CoreResult<()> {
        let state = self.load_stream(sid).await?;
        if !state.is_member(caller.user.id) {
            return Err(RuleError::forbidden("The user is not a member of this stream").into());
        }
        let message = self
            .store
            .message(mid)
            .await?
            .filter(|m| &m.stream == sid)
            .ok_or_else(|| message_not_found(mid))?;
        if message.initial_at < readable_since(&state, &caller.user)? || message.state != MessageState::Active
        {
            return Err(message_not_found(mid));
        }
        let form = message.content.forms.iter().find(|f| f.id == form_id);
        let form = form.ok_or_else(|| CoreError::invalid(format!("Message {mid} has no form {form_id}")))?;
        // A form is submitted by one of its buttons, whose name the values carry as `action`.
        match values.get("action") {
            None => {
                return Err(CoreError::invalid(
                    "action is required: the name of the button that submits the form",
                ));
            }
            Some(action) if !action.as_str().is_some_and(|a| form.buttons.iter().any(|b| b == a)) => {
                return Err(CoreError::invalid(format!("action {action} is not a button of form {form_id}")));
            }
            Some(_) => {}
        }
        let (now, me, author) = (self.now(), caller.user.id, message.author);
        let kind = EventKind::ElementsAction {
            message: mid.clone(),
            form_id: form_id.to_owned(),
            values: Value::Object(values),
        };
        let mut apply = |s: &mut StreamState| {
            require_active(s)?;
            Ok(vec![NewEvent {
                at: now,
                initiator: me,
                stream: s.stream.id.clone(),
                stream_type: s.stream.kind,
                kind: kind.clone(),
                audience: vec![author],
            }])
        };
        self.change_stream(sid, &mut apply).await?;
        Ok(())
    }
}
