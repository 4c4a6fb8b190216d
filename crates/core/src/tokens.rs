//! The tokens sympod issues: session, key manager, authorization and app tokens.
//!
//! Each is a JWT signed HS256 with a secret kept in the store, so every sympod instance on the same
//! database verifies every other's tokens, and a check costs one HMAC (microseconds) rather than an
//! RSA verification. The SDK decodes session tokens without verifying them to read
//! `canUseSimplifiedKeyDelivery`, so that claim is always present.

use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};
use sympod_model::Millis;

/// What a token may be used for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum TokenKind {
    /// `sessionToken`: a user's (or an on-behalf-of) session.
    Session,
    /// `keyManagerToken`, from `/relay`.
    KeyManager,
    /// The short-lived `authorizationToken` that login also returns.
    Authorization,
    /// An app's own session, good only for on-behalf-of authentication.
    App,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenClaims {
    /// Username, or app id for app tokens.
    pub sub: String,
    #[serde(rename = "userId", default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<i64>,
    pub kind: TokenKind,
    /// The app an on-behalf-of session acts through (or, for app tokens, the app itself).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app: Option<String>,
    pub iss: String,
    /// Issue time, in seconds.
    pub iat: i64,
    /// The user's session epoch when the token was issued (see `User::session_epoch`); for app
    /// tokens, the app's.
    #[serde(default)]
    pub epoch: i64,
    /// For on-behalf-of tokens: the app's session epoch when the token was issued.
    #[serde(rename = "appEpoch", default, skip_serializing_if = "Option::is_none")]
    pub app_epoch: Option<i64>,
    pub exp: i64,
    #[serde(rename = "canUseSimplifiedKeyDelivery")]
    pub simplified_key_delivery: bool,
    /// Random, so two tokens issued in the same millisecond still differ.
    pub jti: String,
}

pub const ISSUER: &str = "sympod";

/// Signs and verifies sympod's tokens.
pub struct TokenService {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
}

impl TokenService {
    pub fn new(secret: &[u8]) -> Self {
        let mut validation = Validation::new(Algorithm::HS256);
        // Expiry is checked against the injected clock, not the library's wall clock.
        validation.validate_exp = false;
        validation.set_required_spec_claims(&["sub"]);
        validation.set_issuer(&[ISSUER]);
        Self {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            validation,
        }
    }

    pub fn issue(&self, claims: &TokenClaims) -> String {
        jsonwebtoken::encode(&Header::new(Algorithm::HS256), claims, &self.encoding)
            .expect("HS256 signing of serialisable claims cannot fail")
    }

    /// The claims of a token sympod signed that has not expired at `now`.
    pub fn verify(&self, token: &str, now: Millis) -> Option<TokenClaims> {
        let claims =
            jsonwebtoken::decode::<TokenClaims>(token, &self.decoding, &self.validation).ok()?.claims;
        (claims.exp.saturating_mul(1000) > now).then_some(claims)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claims(exp: i64) -> TokenClaims {
        TokenClaims {
            sub: "bot".into(),
            user_id: Some(5),
            kind: TokenKind::Session,
            app: None,
            iss: ISSUER.into(),
            iat: 0,
            epoch: 0,
            app_epoch: None,
            exp,
            simplified_key_delivery: false,
            jti: "x".into(),
        }
    }

    #[test]
    fn a_token_verifies_until_it_expires() {
        let service = TokenService::new(b"secret");
        let token = service.issue(&claims(100));
        assert_eq!(service.verify(&token, 99_999), Some(claims(100)));
        assert_eq!(service.verify(&token, 100_000), None);
    }

    #[test]
    fn a_token_signed_with_another_secret_is_refused() {
        let token = TokenService::new(b"other").issue(&claims(100));
        assert_eq!(TokenService::new(b"secret").verify(&token, 0), None);
        assert_eq!(TokenService::new(b"secret").verify("garbage", 0), None);
    }
}
