//! The types the server sees: input, output, options, and the user-lookup seam.

/// Looks users up for `<mention>` and mention entities. The server implements this against
/// its user store; lookups must be cheap and side-effect free.
pub trait UserResolver {
    /// The user with this id, if any.
    fn by_uid(&self, uid: i64) -> Option<ResolvedUser>;
    /// The user with this email address, if any.
    fn by_email(&self, email: &str) -> Option<ResolvedUser>;
}

/// A user as a mention shows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedUser {
    pub id: i64,
    /// Shown after the `@` of a mention.
    pub display_name: String,
    pub email: Option<String>,
}

/// One message to convert, as the Agent API receives it.
#[derive(Debug, Clone, Copy, Default)]
pub struct Input<'a> {
    /// MessageML or PresentationML.
    pub message: &'a str,
    /// EntityJSON: a JSON object, or a JSON string holding one.
    pub data: Option<&'a str>,
    /// The MessageML version; the output's `data-version` for MessageML input (default "2.0").
    pub version: Option<&'a str>,
}

/// Knobs that callers other than the server rarely need.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Seed for generated element ids (label, checkbox-group and dialog ids). `None` draws a
    /// random seed per message, as the reference does; tests fix it for stable output.
    pub id_seed: Option<u64>,
}

/// An Elements form found in the message, so the server can accept its submissions later.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormInfo {
    /// The form's `id` (what a submission names as `formId`).
    pub id: String,
    /// Names of its action buttons (a submission's `action`).
    pub action_buttons: Vec<String>,
    /// Names of its fields, in document order.
    pub fields: Vec<String>,
    /// The form sits in a dialog.
    pub in_dialog: bool,
}

/// A converted message.
#[derive(Debug, Clone, PartialEq)]
pub struct Output {
    /// The PresentationML to store and serve.
    pub presentation_ml: String,
    /// The EntityJSON to serve as `data`: the caller's, plus generated entities (the caller's
    /// keys win on a clash). Always an object: `to_string()` writes its compact JSON,
    /// `to_value()` gives the `serde_json` tree.
    pub entity_json: crate::EntityJson,
    /// Plain text (the PresentationML's text content), for search.
    pub text: String,
    /// Legacy markdown.
    pub markdown: String,
    /// Mentioned user ids, once each, in order of appearance.
    pub mentions: Vec<i64>,
    /// Hashtags, once each, without `#`.
    pub hashtags: Vec<String>,
    /// Cashtags, once each, without `$`.
    pub cashtags: Vec<String>,
    /// Always `"com.symphony.messageml.v2"`.
    pub original_format: &'static str,
    /// Elements forms in the message.
    pub forms: Vec<FormInfo>,
}
