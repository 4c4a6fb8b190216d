//! Checking the JWT a bot or app signs with its RSA key to log in.
//!
//! The token is read twice: first unverified, only to learn who claims to sign it (the `sub`) and with
//! which algorithm; then verified against that principal's registered keys. Only RS256, RS384 and
//! RS512 are accepted; `none` and HMAC algorithms never are, whatever the header says.

use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde::Deserialize;
use sympod_model::Millis;

/// How far ahead of now a login token may expire.
pub const MAX_LOGIN_TOKEN_LIFETIME_MS: Millis = 5 * 60 * 1000;

/// What a login token says before its signature is checked. Nothing here may be trusted yet.
#[derive(Debug)]
pub struct UnverifiedLogin {
    pub algorithm: Algorithm,
    pub subject: String,
}

#[derive(Deserialize)]
struct SubjectOnly {
    sub: Option<serde_json::Value>,
}

#[derive(Deserialize)]
struct ExpiryOnly {
    exp: Option<serde_json::Value>,
}

/// Reads the algorithm and subject of a login token, refusing anything but RSA signatures.
pub fn read_unverified(jwt: &str) -> Result<UnverifiedLogin, String> {
    let header = jsonwebtoken::decode_header(jwt).map_err(|_| "Malformed authentication token".to_owned())?;
    let algorithm = header.alg;
    if !matches!(algorithm, Algorithm::RS256 | Algorithm::RS384 | Algorithm::RS512) {
        return Err(format!("Unsupported token algorithm {algorithm:?}: sign with RS512"));
    }
    let claims: SubjectOnly = jsonwebtoken::dangerous::insecure_decode_claims(jwt)
        .map_err(|_| "Malformed authentication token".to_owned())?;
    match claims.sub {
        Some(serde_json::Value::String(sub)) if !sub.is_empty() => {
            Ok(UnverifiedLogin { algorithm, subject: sub })
        }
        _ => Err("The authentication token has no subject (sub)".to_owned()),
    }
}

/// Why a verified login was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// No registered key verifies the signature. Not told apart from an unknown account.
    Signature,
    /// The signature holds but the claims do not (expiry); the message says why.
    Claims(String),
}

/// Verifies the token's signature against any of `keys` (PEM), then its expiry against `now`. Other
/// claims (`aud`, `iat`, `iss`, ...) are not the login's business and are ignored.
pub fn verify<'a>(
    jwt: &str,
    algorithm: Algorithm,
    keys: impl IntoIterator<Item = &'a str>,
    now: Millis,
) -> Result<(), Refusal> {
    let mut validation = Validation::new(algorithm);
    validation.validate_exp = false;
    validation.validate_aud = false;
    validation.set_required_spec_claims::<&str>(&[]);
    let verified = keys.into_iter().any(|pem| {
        DecodingKey::from_rsa_pem(pem.as_bytes())
            .is_ok_and(|key| jsonwebtoken::decode::<ExpiryOnly>(jwt, &key, &validation).is_ok())
    });
    if !verified {
        return Err(Refusal::Signature);
    }
    let claims: ExpiryOnly = jsonwebtoken::dangerous::insecure_decode_claims(jwt)
        .map_err(|_| Refusal::Claims("Malformed authentication token".to_owned()))?;
    let exp_ms = match claims.exp.as_ref().and_then(serde_json::Value::as_i64) {
        Some(exp) => exp.saturating_mul(1000),
        None => return Err(Refusal::Claims("The authentication token has no expiration (exp)".to_owned())),
    };
    if exp_ms <= now {
        return Err(Refusal::Claims("The authentication token has expired".to_owned()));
    }
    if exp_ms > now.saturating_add(MAX_LOGIN_TOKEN_LIFETIME_MS) {
        return Err(Refusal::Claims(
            "The authentication token expires more than 5 minutes from now".to_owned(),
        ));
    }
    Ok(())
}
