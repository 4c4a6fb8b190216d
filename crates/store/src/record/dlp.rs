//! How DLP records are laid out: an id, the columns queries need (a lower-case name key, the
//! creation time, a violation's kind), and the record itself as a JSON document.

use serde::Serialize;
use serde::de::DeserializeOwned;
use sympod_model::dlp::{DlpDictionary, DlpPolicy, DlpViolation};

/// The document of a DLP record: the model type serialised.
pub fn dlp_document<T: Serialize>(record: &T) -> String {
    serde_json::to_string(record).expect("a DLP record always serialises")
}

pub fn dlp_dictionary_from(document: &str) -> anyhow::Result<DlpDictionary> {
    from(document)
}

pub fn dlp_policy_from(document: &str) -> anyhow::Result<DlpPolicy> {
    from(document)
}

pub fn dlp_violation_from(document: &str) -> anyhow::Result<DlpViolation> {
    from(document)
}

fn from<T: DeserializeOwned>(document: &str) -> anyhow::Result<T> {
    Ok(serde_json::from_str(document)?)
}

/// The message a store answers when a policy names a dictionary that does not exist.
pub fn missing_dictionary(id: &str) -> sympod_model::RuleError {
    sympod_model::RuleError::invalid(format!("Dictionary {id} does not exist"))
}
