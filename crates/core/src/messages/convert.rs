//! Turning what a caller sends into stored content, through the MessageML engine.
//!
//! The engine resolves `<mention>`s synchronously, but users live in the async store. So a message
//! with mentions is converted twice: first with a resolver that knows everyone and only records whom
//! it was asked for, then, once those users are loaded, for real. A message without mentions is
//! converted once.

use std::cell::RefCell;
use std::collections::HashMap;

use sympod_messageml::{Input, MessageMlError, Output, ResolvedUser, UserResolver, convert};
use sympod_model::message::{Content, FormRef};
use sympod_model::user::User;
use sympod_model::{RuleError, UserId};

use crate::{Core, CoreResult};

/// Records every lookup and answers each with a stand-in.
#[derive(Default)]
struct Recorder {
    uids: RefCell<Vec<i64>>,
    emails: RefCell<Vec<String>>,
}

impl UserResolver for Recorder {
    fn by_uid(&self, uid: i64) -> Option<ResolvedUser> {
        self.uids.borrow_mut().push(uid);
        Some(ResolvedUser { id: uid, display_name: String::new(), email: None })
    }
    fn by_email(&self, email: &str) -> Option<ResolvedUser> {
        self.emails.borrow_mut().push(email.to_owned());
        Some(ResolvedUser { id: 0, display_name: String::new(), email: Some(email.to_owned()) })
    }
}

/// Users loaded from the store.
struct Known {
    by_id: HashMap<i64, ResolvedUser>,
    by_email: HashMap<String, ResolvedUser>,
}

impl Known {
    fn new(users: Vec<User>) -> Self {
        let mut by_id = HashMap::new();
        let mut by_email = HashMap::new();
        for u in users {
            let resolved =
                ResolvedUser { id: u.id.0, display_name: u.display_name.clone(), email: u.email.clone() };
            if let Some(email) = &u.email {
                by_email.insert(email.to_lowercase(), resolved.clone());
            }
            by_id.insert(u.id.0, resolved);
        }
        Self { by_id, by_email }
    }
}

impl UserResolver for Known {
    fn by_uid(&self, uid: i64) -> Option<ResolvedUser> {
        self.by_id.get(&uid).cloned()
    }
    fn by_email(&self, email: &str) -> Option<ResolvedUser> {
        self.by_email.get(&email.to_lowercase()).cloned()
    }
}

fn invalid(err: MessageMlError) -> RuleError {
    RuleError::invalid(err.to_string())
}

fn content(out: Output) -> Content {
    Content {
        presentation_ml: out.presentation_ml,
        data: out.entity_json.to_string(),
        text: out.text,
        original_format: out.original_format.to_owned(),
        hashtags: out.hashtags,
        cashtags: out.cashtags,
        mentions: out.mentions,
        forms: out.forms.into_iter().map(|f| FormRef { id: f.id, buttons: f.action_buttons }).collect(),
    }
}

impl Core {
    /// Converts a message as sent (MessageML or PresentationML, with `data` and `version`) into the
    /// content to store; invalid MessageML is a 400 carrying the engine's message.
    pub(crate) async fn convert_message(
        &self,
        message: &str,
        data: Option<&str>,
        version: Option<&str>,
    ) -> CoreResult<Content> {
        if let Some(v) = version.filter(|v| !v.is_empty())
            && !is_major_minor(v)
        {
            return Err(RuleError::invalid(format!("version must be \"major.minor\", not \"{v}\"")).into());
        }
        let input = Input {
            message,
            data: data.filter(|d| !d.trim().is_empty()),
            version: version.filter(|v| !v.is_empty()),
        };
        let recorder = Recorder::default();
        let first = convert(&input, &recorder).map_err(invalid)?;
        let (uids, emails) = (recorder.uids.into_inner(), recorder.emails.into_inner());
        if uids.is_empty() && emails.is_empty() {
            return Ok(content(first));
        }
        let ids: Vec<UserId> = uids.into_iter().map(UserId).collect();
        let mut users = self.store.users_by_ids(&ids).await?;
        for email in emails {
            users.extend(self.store.user_by_email(&email).await?);
        }
        Ok(content(convert(&input, &Known::new(users)).map_err(invalid)?))
    }
}

/// `"2.0"`: digits, a dot, digits.
fn is_major_minor(version: &str) -> bool {
    let mut parts = version.splitn(2, '.');
    let digits = |p: Option<&str>| p.is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    digits(parts.next()) && digits(parts.next())
}
