//! RSA key pairs for the quick start, written as PEM files.

use std::path::Path;

use anyhow::Context;
use rsa::pkcs8::{EncodePrivateKey, EncodePublicKey, LineEnding};
use rsa::{RsaPrivateKey, RsaPublicKey};

/// A fresh 2048-bit key pair as (private PKCS#8 PEM, public SPKI PEM).
pub fn generate() -> anyhow::Result<(String, String)> {
    let private =
        RsaPrivateKey::new(&mut rsa::rand_core::OsRng, 2048).context("cannot generate an RSA key")?;
    let public = RsaPublicKey::from(&private);
    let private_pem =
        private.to_pkcs8_pem(LineEnding::LF).context("cannot encode the private key")?.to_string();
    let public_pem = public.to_public_key_pem(LineEnding::LF).context("cannot encode the public key")?;
    Ok((private_pem, public_pem))
}

/// Writes a private key readable by its owner only, atomically: the file appears whole or not at all.
pub fn write_private(path: &Path, pem: &str) -> anyhow::Result<()> {
    let partial = path.with_extension("partial");
    std::fs::write(&partial, pem).with_context(|| format!("cannot write {}", partial.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&partial, std::fs::Permissions::from_mode(0o600))?;
    }
    std::fs::rename(&partial, path).with_context(|| format!("cannot write {}", path.display()))
}
