//! RSA public keys as administrators register them.
//!
//! A key is checked once, when it is registered: it must be PEM (SPKI `PUBLIC KEY` or PKCS#1
//! `RSA PUBLIC KEY`), and between 2048 and 4096 bits. Smaller keys are weak; larger ones cannot be
//! verified by the RSA backend sympod uses. Logins then only ever meet keys that work.

use rsa::RsaPublicKey;
use rsa::pkcs1::DecodeRsaPublicKey;
use rsa::pkcs8::DecodePublicKey;
use rsa::traits::PublicKeyParts;
use sympod_model::RuleError;

pub const MIN_BITS: usize = 2048;
pub const MAX_BITS: usize = 4096;

/// Checks a PEM public key and returns it trimmed, as it will be stored. `field` names the request
/// attribute in the error.
pub fn check_public_key(pem: &str, field: &str) -> Result<String, RuleError> {
    let pem = pem.trim();
    let key = RsaPublicKey::from_public_key_pem(pem)
        .or_else(|_| RsaPublicKey::from_pkcs1_pem(pem))
        .map_err(|_| RuleError::invalid(format!("{field} is not a PEM-encoded RSA public key")))?;
    let bits = key.n().bits();
    if !(MIN_BITS..=MAX_BITS).contains(&bits) {
        return Err(RuleError::invalid(format!(
            "{field} is a {bits}-bit RSA key; keys must have {MIN_BITS} to {MAX_BITS} bits"
        )));
    }
    Ok(pem.to_owned())
}
