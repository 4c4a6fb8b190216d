//! What a scan answers: the policies that matched, each with the terms that made it match.

use std::ops::Range;

use crate::content::DictionaryKind;
use crate::policy::Action;

/// The result of [`crate::Matcher::scan`]. Empty when nothing matched.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Verdict {
    /// Matched policies, in the order they were given to [`crate::Matcher::build`].
    pub policies: Vec<PolicyMatch>,
}

impl Verdict {
    /// The strongest action of the matched policies; `None` when nothing matched.
    pub fn action(&self) -> Option<Action> {
        self.policies.iter().map(|p| p.action).max()
    }

    /// Whether the content must be refused: an enabled `Block` policy matched.
    pub fn blocks(&self) -> bool {
        self.action() == Some(Action::Block)
    }

    /// Whether nothing matched.
    pub fn is_clean(&self) -> bool {
        self.policies.is_empty()
    }
}

/// One matched policy: what a violation's `matchedPolicies` entry records.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PolicyMatch {
    pub policy_id: String,
    pub policy_version: String,
    pub policy_name: String,
    /// The strongest action among the policy's matched `appliesTo` entries for this content type.
    pub action: Action,
    /// The terms of the matched rules, each once, ordered by rule, dictionary, then entry.
    pub terms: Vec<TermMatch>,
}

impl PolicyMatch {
    /// The distinct matched terms, in order: Symphony's `terms` of a matched policy.
    pub fn term_list(&self) -> Vec<&str> {
        let mut seen = std::collections::HashSet::new();
        self.terms.iter().map(|t| t.term.as_str()).filter(|t| seen.insert(*t)).collect()
    }
}

/// One term (keyword or pattern) found, with where it first occurs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TermMatch {
    /// Name of the rule it matched for (a v1 policy's single rule bears the policy's name).
    pub rule: String,
    pub dictionary_id: String,
    pub dictionary_name: String,
    pub dictionary_version: String,
    pub kind: DictionaryKind,
    /// The dictionary entry as uploaded (trimmed): the keyword, or the pattern's source.
    pub term: String,
    /// Index, in the scanned texts, of the first text it occurs in.
    pub text: usize,
    /// Byte range of its first occurrence in that text (leftmost; for a pattern, its
    /// leftmost-first match).
    pub range: Range<usize>,
}
