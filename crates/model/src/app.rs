//! Apps: extension applications and the identities through which on-behalf-of (OBO) sessions act.

use serde::{Deserialize, Serialize};

use crate::RuleError;
use crate::user::UserKeys;

/// The app permission that lets an OBO session send (and update) messages for its user.
pub const SEND_MESSAGES: &str = "SEND_MESSAGES";
/// The app permission that lets an app act as a user at all.
pub const ACT_AS_USER: &str = "ACT_AS_USER";

/// The descriptive attributes of an app, served as they were given.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AppProfile {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub app_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub icon_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allow_origins: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cert: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notification: Option<AppNotification>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub properties: Option<Vec<AppProperty>>,
}

/// `AppNotification`: where and how to call the app back.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AppNotification {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub api_key: Option<String>,
}

/// `AppProperty`: a configuration value shared with the app, client side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppProperty {
    pub key: String,
    pub value: String,
}

/// The spec's rules for `properties`: keys unique, 1 to 1024 characters; values at most 4096.
pub fn validate_properties(properties: &[AppProperty]) -> Result<(), RuleError> {
    let mut seen = std::collections::BTreeSet::new();
    for p in properties {
        if p.key.trim().is_empty() || p.key.len() > 1024 {
            return Err(RuleError::invalid("properties: each key must have 1 to 1024 characters"));
        }
        if p.value.len() > 4096 {
            return Err(RuleError::invalid(format!(
                "properties: the value of {} exceeds 4096 characters",
                p.key
            )));
        }
        if !seen.insert(p.key.as_str()) {
            return Err(RuleError::invalid(format!("properties: the key {} appears twice", p.key)));
        }
    }
    Ok(())
}

#[derive(Debug, Clone, PartialEq)]
pub struct App {
    pub app_id: String,
    pub profile: AppProfile,
    pub permissions: Vec<String>,
    pub keys: UserKeys,
    /// The generation of the app's sessions: app and on-behalf-of tokens carry it, and changing the
    /// app's keys or permissions (or deleting and recreating it) moves it on, voiding them.
    pub session_epoch: i64,
}

impl App {
    pub fn has_permission(&self, permission: &str) -> bool {
        self.permissions.iter().any(|p| p == permission)
    }
}

/// An app id: 1 to 256 characters, none of them white space or `/`.
pub fn validate_app_id(app_id: &str) -> Result<(), RuleError> {
    if app_id.is_empty() || app_id.len() > 256 || app_id.chars().any(|c| c.is_whitespace() || c == '/') {
        return Err(RuleError::invalid(
            "applicationInfo.appId must be 1 to 256 characters, without spaces or '/'",
        ));
    }
    Ok(())
}

/// A permission, known or custom: upper-case letters, digits and `_`, at most 64 characters.
pub fn validate_permission(permission: &str) -> Result<(), RuleError> {
    let ok = !permission.is_empty()
        && permission.len() <= 64
        && permission.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
    if ok {
        Ok(())
    } else {
        Err(RuleError::invalid(format!(
            "Invalid permission \"{permission}\": use 1 to 64 upper-case letters, digits or underscores"
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn custom_permissions_are_upper_case_words() {
        assert!(validate_permission("SEND_MESSAGES").is_ok());
        assert!(validate_permission("MY_PERM_2").is_ok());
        assert!(validate_permission("lower").is_err());
        assert!(validate_permission("").is_err());
        assert!(validate_permission(&"A".repeat(65)).is_err());
    }

    #[test]
    fn app_ids_have_no_spaces() {
        assert!(validate_app_id("my-app").is_ok());
        assert!(validate_app_id("my app").is_err());
        assert!(validate_app_id("").is_err());
    }
}
