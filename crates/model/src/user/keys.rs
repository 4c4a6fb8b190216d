//! A user's RSA public keys and the rotation rules of the admin API.
//!
//! A user holds a current key and, while a rotation is in progress, the previous key until it
//! expires. `V2UserKeyRequest` drives both: `SAVE` a new current key (the old one becomes the previous
//! key), `REVOKE` either key, `EXTEND` the previous key's life.

use serde::{Deserialize, Serialize};

use crate::{Millis, RuleError};

/// How long a rotated-out key keeps working when nobody says otherwise: 72 hours.
pub const ROTATED_KEY_LIFETIME_MS: Millis = 72 * 3600 * 1000;

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct UserKeys {
    /// PEM of the active key.
    pub current: Option<String>,
    pub previous: Option<RotatedKey>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RotatedKey {
    pub pem: String,
    pub expires_at: Millis,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyAction {
    Save,
    Revoke,
    Extend,
}

impl KeyAction {
    pub fn parse(text: &str) -> Result<Self, RuleError> {
        match text.to_ascii_uppercase().as_str() {
            "SAVE" => Ok(Self::Save),
            "REVOKE" => Ok(Self::Revoke),
            "EXTEND" => Ok(Self::Extend),
            other => Err(RuleError::invalid(format!("Invalid key action: {other}"))),
        }
    }
}

/// One `V2UserKeyRequest`, already parsed. `key` is a PEM whose validity the caller has checked.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct KeyRequest {
    pub key: Option<String>,
    pub expiration: Option<Millis>,
    pub action: Option<KeyAction>,
}

impl UserKeys {
    /// Applies a `currentKey` request. Saving a key while one is active rotates the active one out.
    pub fn apply_current(&mut self, req: &KeyRequest, now: Millis) -> Result<(), RuleError> {
        let action = req.action.unwrap_or(KeyAction::Save);
        match action {
            KeyAction::Save => {
                let Some(key) = &req.key else {
                    return Err(RuleError::invalid("currentKey.key is required to save a key"));
                };
                if self.current.as_deref() == Some(key.as_str()) {
                    return Ok(());
                }
                if let Some(old) = self.current.replace(key.clone()) {
                    let expires_at = req.expiration.unwrap_or(now + ROTATED_KEY_LIFETIME_MS);
                    self.previous = Some(RotatedKey { pem: old, expires_at });
                }
                Ok(())
            }
            KeyAction::Revoke => {
                self.current = None;
                Ok(())
            }
            KeyAction::Extend => Err(RuleError::invalid("The action EXTEND applies only to previousKey")),
        }
    }

    /// Applies a `previousKey` request: revoke the rotated key, or extend its life.
    pub fn apply_previous(&mut self, req: &KeyRequest, now: Millis) -> Result<(), RuleError> {
        match req.action {
            Some(KeyAction::Revoke) => {
                self.previous = None;
                Ok(())
            }
            Some(KeyAction::Extend) => {
                let Some(previous) = self.previous.as_mut() else {
                    return Err(RuleError::invalid("The user has no previous key to extend"));
                };
                let Some(expiration) = req.expiration.filter(|e| *e > now) else {
                    return Err(RuleError::invalid(
                        "previousKey.expirationDate must be a future date to extend the key",
                    ));
                };
                previous.expires_at = expiration;
                Ok(())
            }
            _ => Err(RuleError::invalid("previousKey accepts only the actions REVOKE and EXTEND")),
        }
    }

    /// The keys a login signature may be checked against at `now`, current first.
    pub fn usable(&self, now: Millis) -> impl Iterator<Item = &str> {
        let previous = self.previous.as_ref().filter(|p| p.expires_at > now).map(|p| p.pem.as_str());
        self.current.as_deref().into_iter().chain(previous)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn save(key: &str) -> KeyRequest {
        KeyRequest { key: Some(key.into()), ..KeyRequest::default() }
    }

    #[test]
    fn saving_a_key_over_an_active_one_rotates_the_old_one_out_for_72_hours() {
        let mut keys = UserKeys { current: Some("A".into()), previous: None };
        keys.apply_current(&save("B"), 1_000).unwrap();
        assert_eq!(keys.current.as_deref(), Some("B"));
        assert_eq!(
            keys.previous,
            Some(RotatedKey { pem: "A".into(), expires_at: 1_000 + ROTATED_KEY_LIFETIME_MS })
        );
        assert_eq!(keys.usable(2_000).collect::<Vec<_>>(), ["B", "A"]);
    }

    #[test]
    fn a_rotated_key_stops_working_when_it_expires() {
        let keys = UserKeys {
            current: Some("B".into()),
            previous: Some(RotatedKey { pem: "A".into(), expires_at: 10 }),
        };
        assert_eq!(keys.usable(10).collect::<Vec<_>>(), ["B"]);
    }

    #[test]
    fn saving_the_same_key_again_changes_nothing() {
        let mut keys = UserKeys { current: Some("A".into()), previous: None };
        keys.apply_current(&save("A"), 5).unwrap();
        assert_eq!(keys, UserKeys { current: Some("A".into()), previous: None });
    }

    #[test]
    fn revoking_removes_a_key_and_extend_needs_a_future_date() {
        let mut keys = UserKeys {
            current: Some("B".into()),
            previous: Some(RotatedKey { pem: "A".into(), expires_at: 10 }),
        };
        let extend = |at| KeyRequest { action: Some(KeyAction::Extend), expiration: Some(at), key: None };
        assert!(keys.apply_previous(&extend(3), 5).is_err());
        keys.apply_previous(&extend(50), 5).unwrap();
        assert_eq!(keys.previous.as_ref().unwrap().expires_at, 50);
        keys.apply_previous(&KeyRequest { action: Some(KeyAction::Revoke), ..Default::default() }, 5)
            .unwrap();
        assert_eq!(keys.previous, None);
        keys.apply_current(&KeyRequest { action: Some(KeyAction::Revoke), ..Default::default() }, 5).unwrap();
        assert_eq!(keys.current, None);
    }
}
