//! Shared test helpers: a fixed user directory and short conversion wrappers.
#![allow(dead_code)]

use sympod_messageml::{Input, MessageMlError, Options, Output, ResolvedUser, UserResolver, convert_with};

/// Two known users: 123 "Jane Doe" (jane@example.com) and 456 "Bob <Admin>".
pub struct Users;

impl UserResolver for Users {
    fn by_uid(&self, uid: i64) -> Option<ResolvedUser> {
        match uid {
            123 => Some(jane()),
            456 => Some(ResolvedUser { id: 456, display_name: "Bob <Admin>".into(), email: None }),
            _ => None,
        }
    }
    fn by_email(&self, email: &str) -> Option<ResolvedUser> {
        (email == "jane@example.com").then(jane)
    }
}

fn jane() -> ResolvedUser {
    ResolvedUser { id: 123, display_name: "Jane Doe".into(), email: Some("jane@example.com".into()) }
}

pub const ROOT: &str = r#"<div data-format="PresentationML" data-version="2.0">"#;

/// Converts with a fixed id seed.
pub fn run(message: &str, data: Option<&str>) -> Result<Output, MessageMlError> {
    convert_with(&Input { message, data, version: None }, &Users, &Options { id_seed: Some(7) })
}

/// Converts `<messageML>BODY</messageML>` and returns the PresentationML body (without root).
pub fn pml(body: &str) -> String {
    let out = run(&format!("<messageML>{body}</messageML>"), None).unwrap_or_else(|e| panic!("{body}: {e}"));
    strip_root(&out.presentation_ml)
}

/// The root-less PresentationML.
pub fn strip_root(p: &str) -> String {
    p.strip_prefix(ROOT).and_then(|s| s.strip_suffix("</div>")).unwrap_or(p).to_owned()
}

/// Converts `<messageML>BODY</messageML>` and returns the error text.
pub fn err(body: &str) -> String {
    match run(&format!("<messageML>{body}</messageML>"), None) {
        Ok(out) => panic!("{body} was accepted: {}", out.presentation_ml),
        Err(e) => e.to_string(),
    }
}

/// Converts a whole message (any root) and returns the error text.
pub fn err_raw(message: &str, data: Option<&str>) -> String {
    match run(message, data) {
        Ok(out) => panic!("{message} was accepted: {}", out.presentation_ml),
        Err(e) => e.to_string(),
    }
}
