//! Policies as the engine needs them, in the v3 shape; v1 policies convert into it.
//!
//! A v3 policy has scopes and a list of "applies to" entries, each a content type, an action and
//! rules; a v1 policy is the special case of one action, several content types, and one rule
//! holding all its dictionaries ([`V1Policy`]). Only text rules (`TEXT_MATCH`) concern this
//! engine: the file rules of v3 (size, extension, password, classifier) are for the caller, and
//! so is a text rule's `applicableFileTypes` (which files' text to extract for `FileContent`).

use std::sync::Arc;

use crate::content::DictionaryContent;

macro_rules! wire_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $wire:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($variant),+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];

            /// Parses Symphony's wire value (any case).
            pub fn parse(value: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|v| v.as_str().eq_ignore_ascii_case(value))
            }

            /// Symphony's wire value.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $wire),+
                }
            }
        }
    };
}

wire_enum! {
    /// What is being checked: Symphony's `contentTypes` (v1) and `dataType` (v3) values.
    ContentType {
        Messages = "Messages",
        RoomMeta = "RoomMeta",
        SignalMeta = "SignalMeta",
        FileContent = "FileContent",
        FileMeta = "FileMeta",
    }
}

wire_enum! {
    /// Whether the conversation is internal to the pod or external (cross-pod).
    Scope {
        Internal = "Internal",
        External = "External",
    }
}

wire_enum! {
    /// What a matching policy asks for, weakest first: v1 `type` (`Block`, `Warn`) and v3
    /// `action` (`Block`, `Warn`, `LogOnly`).
    Action {
        LogOnly = "LogOnly",
        Warn = "Warn",
        Block = "Block",
    }
}

/// A dictionary as policies reference it: its identity (for violations) and its content.
#[derive(Clone, Debug, PartialEq)]
pub struct Dictionary {
    pub id: String,
    pub name: String,
    /// Symphony's `"major.minor"` version, copied into violations.
    pub version: String,
    pub content: DictionaryContent,
}

/// A v3 `TEXT_MATCH` rule: it matches when at least `min_unique_terms` distinct terms of its
/// dictionaries occur in the checked texts.
#[derive(Clone, Debug, PartialEq)]
pub struct TextRule {
    pub name: String,
    pub dictionaries: Vec<Arc<Dictionary>>,
    /// v3 `countUniqueOccurrences`; 0 and 1 both mean "any one term".
    pub min_unique_terms: u32,
}

/// A v3 `appliesTo` entry: the rules to check for one content type, and the action when any of
/// them matches.
#[derive(Clone, Debug, PartialEq)]
pub struct AppliesTo {
    pub content_type: ContentType,
    pub action: Action,
    pub rules: Vec<TextRule>,
}

/// A policy as the engine needs it. Disabled policies are ignored by [`crate::Matcher::build`],
/// so the caller may pass every stored policy.
#[derive(Clone, Debug, PartialEq)]
pub struct Policy {
    pub id: String,
    /// Symphony's `"major.minor"` version, copied into violations.
    pub version: String,
    pub name: String,
    /// Symphony's `active`.
    pub enabled: bool,
    /// A policy with no scope applies to nothing.
    pub scopes: Vec<Scope>,
    pub applies_to: Vec<AppliesTo>,
}

/// A v1 policy: one action (`type`), its content types, and its dictionaries.
#[derive(Clone, Debug, PartialEq)]
pub struct V1Policy {
    pub id: String,
    pub version: String,
    pub name: String,
    pub enabled: bool,
    /// v1 `type`: `Block` or `Warn`.
    pub action: Action,
    pub content_types: Vec<ContentType>,
    pub scopes: Vec<Scope>,
    pub dictionaries: Vec<Arc<Dictionary>>,
}

impl From<V1Policy> for Policy {
    /// One `appliesTo` per content type, each with one rule (named after the policy) holding
    /// every dictionary; any one term matches.
    fn from(v1: V1Policy) -> Self {
        let rule = TextRule { name: v1.name.clone(), dictionaries: v1.dictionaries, min_unique_terms: 1 };
        let applies_to = v1
            .content_types
            .iter()
            .map(|&content_type| AppliesTo { content_type, action: v1.action, rules: vec![rule.clone()] })
            .collect();
        Policy {
            id: v1.id,
            version: v1.version,
            name: v1.name,
            enabled: v1.enabled,
            scopes: v1.scopes,
            applies_to,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_values_parse_in_any_case_and_print_as_symphony_spells_them() {
        assert_eq!(ContentType::parse("roommeta"), Some(ContentType::RoomMeta));
        assert_eq!(Scope::parse("EXTERNAL").map(Scope::as_str), Some("External"));
        assert_eq!(Action::parse("LogOnly"), Some(Action::LogOnly));
        assert_eq!(Action::parse("Deny"), None);
    }

    #[test]
    fn block_is_the_strongest_action() {
        assert!(Action::Block > Action::Warn && Action::Warn > Action::LogOnly);
    }
}
