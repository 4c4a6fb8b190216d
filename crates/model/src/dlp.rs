//! Data Loss Prevention (Symphony's Expression Filter): dictionaries, policies and violations.
//!
//! Policies are kept in one shape whatever API made them: v3's scopes and "applies to" entries,
//! each a content type, an action and rules. A v1 policy is the special case of one action, its
//! content types, and one text rule holding every dictionary ([`PolicyApi::V1`] remembers which API
//! made it, so that it keeps its v1 version numbering). Matching itself is the `sympod-dlp` crate's.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::{Millis, UserId};

mod violations;

pub use violations::{DlpOutcome, DlpViolation, MatchedPolicy, MatchedTerm, ViolationKind, ViolationSubject};

pub use crate::rules::dlp::{
    MAX_NAME_CHARS, can_manage_dlp, dlp_name, v1_action, v1_content_types, validate_applies_to,
    validate_scopes,
};

/// Symphony's `"major.minor"` version of a dictionary or policy. Each change bumps the minor
/// number; after minor 999 the major number goes up (and minor restarts at 0), up to 999.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DlpVersion {
    pub major: u16,
    pub minor: u16,
}

impl DlpVersion {
    /// The first version of a dictionary or a v1 policy.
    pub const FIRST_V1: Self = Self { major: 1, minor: 0 };
    /// The first version of a v3 policy.
    pub const FIRST_V3: Self = Self { major: 3, minor: 0 };

    /// The version after this one; 999.999 stays where it is.
    pub fn next(self) -> Self {
        match (self.major, self.minor) {
            (999, 999) => self,
            (major, 999) => Self { major: major + 1, minor: 0 },
            (major, minor) => Self { major, minor: minor + 1 },
        }
    }

    /// Parses `"major.minor"`, each part 0 to 999.
    pub fn parse(text: &str) -> Option<Self> {
        let (major, minor) = text.trim().split_once('.')?;
        let part = |p: &str| p.parse::<u16>().ok().filter(|v| *v <= 999 && !p.starts_with('+'));
        Some(Self { major: part(major)?, minor: part(minor)? })
    }
}

impl fmt::Display for DlpVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.major, self.minor)
    }
}

impl Serialize for DlpVersion {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for DlpVersion {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Self::parse(&text).ok_or_else(|| serde::de::Error::custom(format!("invalid version {text:?}")))
    }
}

macro_rules! wire_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $wire:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        pub enum $name {
            $(#[serde(rename = $wire)] $variant),+
        }

        impl $name {
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];

            /// Parses Symphony's wire value, in any case.
            pub fn parse(text: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|v| v.as_str().eq_ignore_ascii_case(text.trim()))
            }

            /// Symphony's spelling.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $wire),+
                }
            }
        }
    };
}

wire_enum! {
    /// A dictionary's `type`: keywords or regular expressions.
    DictionaryType { Word = "Word", Regex = "Regex" }
}

wire_enum! {
    /// Internal conversations (every member of the home pod) or external ones (cross-pod).
    DlpScope { Internal = "Internal", External = "External" }
}

wire_enum! {
    /// What a policy checks: v1 `contentTypes`, v3 `dataType`.
    DlpContentType {
        Messages = "Messages",
        RoomMeta = "RoomMeta",
        SignalMeta = "SignalMeta",
        FileContent = "FileContent",
        FileMeta = "FileMeta",
    }
}

wire_enum! {
    /// What a matching policy asks for, weakest first.
    DlpAction { LogOnly = "LogOnly", Warn = "Warn", Block = "Block" }
}

wire_enum! {
    /// A v3 rule's `type`.
    RuleType {
        Unknown = "UNKNOWN",
        TextMatch = "TEXT_MATCH",
        FileExtension = "FILE_EXTENSION",
        FileSize = "FILE_SIZE",
        FilePassword = "FILE_PASSWORD",
        FileClassifier = "FILE_CLASSIFIER",
    }
}

/// A dictionary's metadata; its content (one entry per line) is stored beside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DlpDictionary {
    pub id: String,
    /// Unique without case; at most [`MAX_NAME_CHARS`] characters, trimmed.
    pub name: String,
    pub kind: DictionaryType,
    pub version: DlpVersion,
    pub creator: UserId,
    pub created_at: Millis,
    pub updated_at: Millis,
    /// Entries in the content.
    pub entries: u32,
}

/// Which API made a policy: it decides the first version and which fields a change may set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PolicyApi {
    V1,
    V3,
}

/// A policy, in the v3 shape.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DlpPolicy {
    pub id: String,
    /// Unique without case; at most [`MAX_NAME_CHARS`] characters, trimmed.
    pub name: String,
    pub api: PolicyApi,
    pub version: DlpVersion,
    pub creator: UserId,
    pub created_at: Millis,
    pub updated_at: Millis,
    pub disabled_at: Option<Millis>,
    /// Symphony's `active`.
    pub enabled: bool,
    pub scopes: Vec<DlpScope>,
    pub applies_to: Vec<DlpAppliesTo>,
}

/// A v3 `appliesTo` entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DlpAppliesTo {
    pub content_type: DlpContentType,
    pub action: DlpAction,
    pub rules: Vec<DlpRule>,
}

/// A v3 rule. Text rules name dictionaries; the configuration of the other kinds (file size,
/// extension, password, classifier) is kept as it was sent, under its wire name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DlpRule {
    pub id: String,
    pub name: String,
    pub kind: RuleType,
    /// Dictionary ids, for `TEXT_MATCH`.
    pub dictionaries: Vec<String>,
    /// `countUniqueOccurrences`: 0 and 1 both mean any one term.
    pub count_unique: u32,
    pub applicable_file_types: Vec<String>,
    /// The configuration of a rule that is not `TEXT_MATCH`: (its field name, its value).
    pub other_config: Option<(String, serde_json::Value)>,
}

impl DlpPolicy {
    /// The dictionaries its text rules name, each once, in order of appearance.
    pub fn dictionary_ids(&self) -> Vec<String> {
        let mut ids: Vec<String> = Vec::new();
        for rule in self.applies_to.iter().flat_map(|a| &a.rules) {
            for id in &rule.dictionaries {
                if !ids.contains(id) {
                    ids.push(id.clone());
                }
            }
        }
        ids
    }

    /// The strongest action of its entries (v1 `type`).
    pub fn strongest_action(&self) -> DlpAction {
        self.applies_to.iter().map(|a| a.action).max().unwrap_or(DlpAction::LogOnly)
    }

    /// Whether the v1 shape says all of the policy: one action (`Block` or `Warn`) for every
    /// content type, and text rules only, each matching on any one term. A v1 update replaces the
    /// whole policy with that shape, so a policy that does not fit is updated through v3 only.
    pub fn fits_v1(&self) -> bool {
        let action = self.strongest_action();
        action != DlpAction::LogOnly
            && self.applies_to.iter().all(|a| {
                a.action == action
                    && a.rules.iter().all(|r| r.kind == RuleType::TextMatch && r.count_unique <= 1)
            })
    }

    /// A new version of the policy, changed at `now`.
    pub fn touch(&mut self, now: Millis) {
        self.version = self.version.next();
        self.updated_at = now;
    }

    /// Drops `dictionary` from every text rule, as when the dictionary is deleted. A policy left
    /// with no dictionary is disabled, since it can no longer match anything.
    pub fn forget_dictionary(&mut self, dictionary: &str, now: Millis) {
        for rule in self.applies_to.iter_mut().flat_map(|a| a.rules.iter_mut()) {
            rule.dictionaries.retain(|d| d != dictionary);
        }
        self.touch(now);
        if self.dictionary_ids().is_empty() && self.enabled {
            self.enabled = false;
            self.disabled_at = Some(now);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_bump_the_minor_number_and_roll_over_at_999() {
        assert_eq!(DlpVersion::FIRST_V1.next().to_string(), "1.1");
        assert_eq!(DlpVersion { major: 1, minor: 999 }.next().to_string(), "2.0");
        assert_eq!(DlpVersion { major: 999, minor: 999 }.next().to_string(), "999.999");
    }

    #[test]
    fn versions_parse_only_major_dot_minor_within_999() {
        assert_eq!(DlpVersion::parse("3.12"), Some(DlpVersion { major: 3, minor: 12 }));
        for bad in ["3", "3.", ".1", "1.1000", "a.b", "1.-1", "1.+1"] {
            assert_eq!(DlpVersion::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn wire_values_round_trip_in_any_case() {
        assert_eq!(DlpContentType::parse("roommeta"), Some(DlpContentType::RoomMeta));
        assert_eq!(DlpAction::parse("BLOCK").map(DlpAction::as_str), Some("Block"));
        assert_eq!(RuleType::parse("text_match"), Some(RuleType::TextMatch));
        assert_eq!(DlpScope::parse("Everywhere"), None);
        assert_eq!(serde_json::to_string(&DlpScope::External).unwrap(), "\"External\"");
    }

    fn rule(dictionaries: &[&str]) -> DlpRule {
        DlpRule {
            id: "r".into(),
            name: "r".into(),
            kind: RuleType::TextMatch,
            dictionaries: dictionaries.iter().map(|d| (*d).to_owned()).collect(),
            count_unique: 0,
            applicable_file_types: Vec::new(),
            other_config: None,
        }
    }

    fn policy(rules: Vec<DlpRule>) -> DlpPolicy {
        DlpPolicy {
            id: "p".into(),
            name: "p".into(),
            api: PolicyApi::V3,
            version: DlpVersion::FIRST_V3,
            creator: UserId(1),
            created_at: 0,
            updated_at: 0,
            disabled_at: None,
            enabled: true,
            scopes: vec![DlpScope::Internal],
            applies_to: vec![DlpAppliesTo {
                content_type: DlpContentType::Messages,
                action: DlpAction::Block,
                rules,
            }],
        }
    }

    #[test]
    fn a_policy_lists_each_dictionary_once() {
        let p = policy(vec![rule(&["a", "b"]), rule(&["b", "c"])]);
        assert_eq!(p.dictionary_ids(), ["a", "b", "c"]);
    }

    #[test]
    fn forgetting_its_last_dictionary_disables_a_policy_and_bumps_its_version() {
        let mut p = policy(vec![rule(&["a"])]);
        p.forget_dictionary("a", 7);
        assert!(!p.enabled);
        assert_eq!(p.disabled_at, Some(7));
        assert_eq!(p.version.to_string(), "3.1");
        let mut q = policy(vec![rule(&["a", "b"])]);
        q.forget_dictionary("a", 7);
        assert!(q.enabled);
        assert_eq!(q.dictionary_ids(), ["b"]);
    }
}
