//! Rules of the DLP administration API: who manages policies, and what a policy may say.

use crate::RuleError;
use crate::catalogue::EF_POLICY_MANAGEMENT;
use crate::dlp::{DlpAction, DlpAppliesTo, DlpContentType, DlpScope, RuleType};
use crate::rules::admin::LACKS_ENTITLEMENT;
use crate::user::User;

/// Longest dictionary or policy name, in characters (after trimming).
pub const MAX_NAME_CHARS: usize = 30;

/// Dictionaries, policies and violations: holders of `EF_POLICY_MANAGEMENT` (Expression Filter
/// Policy Management), and no one else.
pub fn can_manage_dlp(caller: &User) -> Result<(), RuleError> {
    if caller.has_role(EF_POLICY_MANAGEMENT) { Ok(()) } else { Err(RuleError::forbidden(LACKS_ENTITLEMENT)) }
}

/// A dictionary or policy name (`what` says which): trimmed, not empty, at most 30 characters,
/// no control characters.
pub fn dlp_name(raw: &str, what: &str) -> Result<String, RuleError> {
    let name = raw.trim();
    if name.is_empty() {
        return Err(RuleError::invalid(format!("The {what} name cannot be empty")));
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(RuleError::invalid(format!(
            "The {what} name must be at most {MAX_NAME_CHARS} characters long"
        )));
    }
    if name.chars().any(char::is_control) {
        return Err(RuleError::invalid(format!("The {what} name cannot contain control characters")));
    }
    Ok(name.to_owned())
}

/// `scopes`: one or both of `Internal` and `External` (any case), each once.
pub fn validate_scopes(raw: &[String]) -> Result<Vec<DlpScope>, RuleError> {
    if raw.is_empty() {
        return Err(RuleError::invalid("scopes cannot be empty: use Internal, External or both"));
    }
    let mut scopes = Vec::new();
    for text in raw {
        let scope = DlpScope::parse(text)
            .ok_or_else(|| RuleError::invalid(format!("Invalid scope {text:?}: use Internal or External")))?;
        if !scopes.contains(&scope) {
            scopes.push(scope);
        }
    }
    Ok(scopes)
}

/// A v1 policy's `contentTypes`: `Messages`, `RoomMeta` or `SignalMeta`; `["Messages"]` when
/// absent, but never empty.
pub fn v1_content_types(raw: Option<&[String]>) -> Result<Vec<DlpContentType>, RuleError> {
    let Some(raw) = raw else { return Ok(vec![DlpContentType::Messages]) };
    if raw.is_empty() {
        return Err(RuleError::invalid("contentTypes cannot be empty"));
    }
    let allowed = [DlpContentType::Messages, DlpContentType::RoomMeta, DlpContentType::SignalMeta];
    let mut types = Vec::new();
    for text in raw {
        let t = DlpContentType::parse(text).filter(|t| allowed.contains(t)).ok_or_else(|| {
            RuleError::invalid(format!("Invalid content type {text:?}: use Messages, RoomMeta or SignalMeta"))
        })?;
        if !types.contains(&t) {
            types.push(t);
        }
    }
    Ok(types)
}

/// A v1 policy's `type`: `Block` or `Warn`.
pub fn v1_action(raw: &str) -> Result<DlpAction, RuleError> {
    DlpAction::parse(raw)
        .filter(|a| *a != DlpAction::LogOnly)
        .ok_or_else(|| RuleError::invalid(format!("Invalid policy type {raw:?}: use Block or Warn")))
}

/// A v3 policy's `appliesTo`: not empty, each data type once; every rule named; text rules only
/// name file types for `FileContent`, and other rules carry no dictionaries.
pub fn validate_applies_to(entries: &[DlpAppliesTo]) -> Result<(), RuleError> {
    if entries.is_empty() {
        return Err(RuleError::invalid("appliesTo cannot be empty"));
    }
    for (i, entry) in entries.iter().enumerate() {
        if entries[..i].iter().any(|e| e.content_type == entry.content_type) {
            return Err(RuleError::invalid(format!(
                "appliesTo names the data type {} twice",
                entry.content_type.as_str()
            )));
        }
        for rule in &entry.rules {
            if rule.name.trim().is_empty() {
                return Err(RuleError::invalid("Every rule needs a name"));
            }
            if rule.kind == RuleType::TextMatch {
                if !rule.applicable_file_types.is_empty() && entry.content_type != DlpContentType::FileContent
                {
                    return Err(RuleError::invalid(format!(
                        "Rule {:?}: applicableFileTypes must be empty unless the data type is FileContent",
                        rule.name
                    )));
                }
            } else if !rule.dictionaries.is_empty() {
                return Err(RuleError::invalid(format!(
                    "Rule {:?}: only TEXT_MATCH rules have dictionaries",
                    rule.name
                )));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dlp::DlpRule;
    use crate::testing::user_with_roles;

    #[test]
    fn only_policy_managers_manage_dlp() {
        assert!(can_manage_dlp(&user_with_roles(&[EF_POLICY_MANAGEMENT])).is_ok());
        let admin = user_with_roles(&["SUPER_ADMINISTRATOR", "COMPLIANCE_OFFICER"]);
        assert_eq!(can_manage_dlp(&admin), Err(RuleError::forbidden(LACKS_ENTITLEMENT)));
    }

    #[test]
    fn names_are_trimmed_and_at_most_30_characters() {
        assert_eq!(dlp_name("  Secrets ", "policy").unwrap(), "Secrets");
        assert!(dlp_name(&"é".repeat(30), "policy").is_ok());
        assert!(dlp_name(&"é".repeat(31), "policy").is_err());
        assert!(dlp_name("   ", "dictionary").unwrap_err().to_string().contains("dictionary name"));
        assert!(dlp_name("a\u{7}b", "policy").is_err());
    }

    #[test]
    fn scopes_are_internal_or_external_each_once() {
        let both = validate_scopes(&["external".into(), "Internal".into(), "EXTERNAL".into()]).unwrap();
        assert_eq!(both, [DlpScope::External, DlpScope::Internal]);
        assert!(validate_scopes(&[]).is_err());
        assert!(validate_scopes(&["Public".into()]).is_err());
    }

    #[test]
    fn v1_content_types_default_to_messages_and_exclude_file_types() {
        assert_eq!(v1_content_types(None).unwrap(), [DlpContentType::Messages]);
        assert!(v1_content_types(Some(&[])).is_err());
        assert!(v1_content_types(Some(&["FileContent".into()])).is_err());
        let two = v1_content_types(Some(&["roommeta".into(), "Messages".into()])).unwrap();
        assert_eq!(two, [DlpContentType::RoomMeta, DlpContentType::Messages]);
    }

    #[test]
    fn v1_types_are_block_or_warn() {
        assert_eq!(v1_action("block"), Ok(DlpAction::Block));
        assert_eq!(v1_action("Warn"), Ok(DlpAction::Warn));
        assert!(v1_action("LogOnly").is_err());
    }

    fn rule(kind: RuleType, dictionaries: &[&str], files: &[&str]) -> DlpRule {
        DlpRule {
            id: "r".into(),
            name: "rule".into(),
            kind,
            dictionaries: dictionaries.iter().map(|d| (*d).to_owned()).collect(),
            count_unique: 1,
            applicable_file_types: files.iter().map(|d| (*d).to_owned()).collect(),
            other_config: None,
        }
    }

    fn entry(content_type: DlpContentType, rules: Vec<DlpRule>) -> DlpAppliesTo {
        DlpAppliesTo { content_type, action: DlpAction::Block, rules }
    }

    #[test]
    fn applies_to_entries_are_checked() {
        let text = rule(RuleType::TextMatch, &["d"], &[]);
        assert!(validate_applies_to(&[entry(DlpContentType::Messages, vec![text.clone()])]).is_ok());
        assert!(validate_applies_to(&[]).is_err());
        let twice =
            [entry(DlpContentType::Messages, vec![]), entry(DlpContentType::Messages, vec![text.clone()])];
        assert!(validate_applies_to(&twice).unwrap_err().to_string().contains("twice"));
        let files = rule(RuleType::TextMatch, &["d"], &["PDF"]);
        assert!(validate_applies_to(&[entry(DlpContentType::Messages, vec![files.clone()])]).is_err());
        assert!(validate_applies_to(&[entry(DlpContentType::FileContent, vec![files])]).is_ok());
        let size = rule(RuleType::FileSize, &["d"], &[]);
        assert!(validate_applies_to(&[entry(DlpContentType::FileMeta, vec![size])]).is_err());
        let mut unnamed = text;
        unnamed.name = " ".into();
        assert!(validate_applies_to(&[entry(DlpContentType::Messages, vec![unnamed])]).is_err());
    }
}
