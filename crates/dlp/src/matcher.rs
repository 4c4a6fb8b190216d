//! The matcher: built once from the policies, then asked about texts by any number of threads.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

use crate::keywords::KeywordIndex;
use crate::owners::{Owner, index};
use crate::patterns::PatternIndex;
use crate::policy::{Action, ContentType, Dictionary, Policy, Scope};
use crate::verdict::{PolicyMatch, TermMatch, Verdict};

/// Every enabled policy's text rules, compiled: one keyword automaton and a few pattern sets
/// shared by all policies, content types and scopes.
///
/// Build it whenever policies or their dictionaries change, and swap it in (it is `Send` and
/// `Sync`, cheap to share in an `Arc`); scanning never blocks and allocates little.
#[derive(Default)]
pub struct Matcher {
    policies: Vec<PolicyInfo>,
    rules: Vec<RuleInfo>,
    keywords: Option<KeywordIndex>,
    patterns: Option<PatternIndex>,
}

/// Where a term first occurs: which text, which bytes.
struct Location {
    text: usize,
    range: Range<usize>,
}

struct PolicyInfo {
    id: String,
    version: String,
    name: String,
    scopes: Vec<Scope>,
}

struct RuleInfo {
    policy: usize,
    content_type: ContentType,
    action: Action,
    name: String,
    min_unique_terms: usize,
    dictionaries: Vec<Arc<Dictionary>>,
}

impl std::fmt::Debug for Matcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Matcher")
            .field("policies", &self.policies.len())
            .field("rules", &self.rules.len())
            .field("keywords", &self.keyword_count())
            .field("patterns", &self.pattern_count())
            .finish()
    }
}

impl Matcher {
    /// Compiles the enabled policies (disabled ones are skipped). Never fails: every term was
    /// checked when its dictionary content was parsed.
    pub fn build(policies: &[Policy]) -> Self {
        let mut matcher = Matcher::default();
        for policy in policies.iter().filter(|p| p.enabled && !p.scopes.is_empty()) {
            let policy_index = matcher.policies.len();
            matcher.policies.push(PolicyInfo {
                id: policy.id.clone(),
                version: policy.version.clone(),
                name: policy.name.clone(),
                scopes: policy.scopes.clone(),
            });
            for applies in &policy.applies_to {
                for rule in applies.rules.iter().filter(|r| !r.dictionaries.is_empty()) {
                    matcher.rules.push(RuleInfo {
                        policy: policy_index,
                        content_type: applies.content_type,
                        action: applies.action,
                        name: rule.name.clone(),
                        min_unique_terms: (rule.min_unique_terms as usize).max(1),
                        dictionaries: rule.dictionaries.clone(),
                    });
                }
            }
        }
        let rules = &matcher.rules;
        matcher.keywords =
            KeywordIndex::build(owned(rules, |d| d.content.keywords().iter().map(|k| k.folded.as_slice())));
        matcher.patterns = PatternIndex::build(owned(rules, |d| d.content.patterns().iter()));
        matcher
    }

    /// Whether any enabled policy applies to this content type and scope (when not, [`Self::scan`]
    /// answers at once).
    pub fn applies(&self, content_type: ContentType, scope: Scope) -> bool {
        self.rules.iter().any(|r| self.rule_applies(r, content_type, scope))
    }

    /// Number of distinct keywords compiled (after case folding).
    pub fn keyword_count(&self) -> usize {
        self.keywords.as_ref().map_or(0, KeywordIndex::len)
    }

    /// Number of distinct patterns compiled.
    pub fn pattern_count(&self) -> usize {
        self.patterns.as_ref().map_or(0, PatternIndex::len)
    }

    /// Checks `texts` (say a room's name, description and keywords, or a message's text and its
    /// attachments' names) against the enabled policies that apply to `content_type` in `scope`.
    /// Matches never span two texts; each term is reported once, at its first occurrence.
    pub fn scan(&self, content_type: ContentType, scope: Scope, texts: &[&str]) -> Verdict {
        let active: Vec<bool> =
            self.rules.iter().map(|r| self.rule_applies(r, content_type, scope)).collect();
        if !active.contains(&true) {
            return Verdict::default();
        }
        let mut hits: BTreeMap<Owner, Location> = BTreeMap::new();
        let texts: Vec<Cow<'_, str>> = texts.iter().map(|t| without_invisibles(t)).collect();
        for (text_index, text) in texts.iter().enumerate() {
            let text = text.as_ref();
            let mut record = |owner: Owner, range: Range<usize>| {
                if active[owner.rule as usize] {
                    hits.entry(owner).or_insert(Location { text: text_index, range });
                }
            };
            if let Some(keywords) = &self.keywords {
                keywords.scan(text, &mut record);
            }
            if let Some(patterns) = &self.patterns {
                patterns.scan(text, |owner| active[owner.rule as usize], &mut record);
            }
        }
        self.verdict(hits.into_iter().collect())
    }

    fn rule_applies(&self, rule: &RuleInfo, content_type: ContentType, scope: Scope) -> bool {
        rule.content_type == content_type && self.policies[rule.policy].scopes.contains(&scope)
    }

    /// Keeps the rules with enough distinct terms, and groups them by policy. `hits` is sorted
    /// by owner, so by rule first.
    fn verdict(&self, hits: Vec<(Owner, Location)>) -> Verdict {
        let mut by_policy: BTreeMap<usize, PolicyMatch> = BTreeMap::new();
        for rule_hits in hits.chunk_by(|a, b| a.0.rule == b.0.rule) {
            let rule = &self.rules[rule_hits[0].0.rule as usize];
            if unique_terms(rule, rule_hits) < rule.min_unique_terms {
                continue;
            }
            let policy = &self.policies[rule.policy];
            let entry = by_policy.entry(rule.policy).or_insert_with(|| PolicyMatch {
                policy_id: policy.id.clone(),
                policy_version: policy.version.clone(),
                policy_name: policy.name.clone(),
                action: rule.action,
                terms: Vec::new(),
            });
            entry.action = entry.action.max(rule.action);
            for (owner, Location { text, range }) in rule_hits {
                let dictionary = &rule.dictionaries[owner.dictionary as usize];
                entry.terms.push(TermMatch {
                    rule: rule.name.clone(),
                    dictionary_id: dictionary.id.clone(),
                    dictionary_name: dictionary.name.clone(),
                    dictionary_version: dictionary.version.clone(),
                    kind: dictionary.content.kind(),
                    term: dictionary.content.term(owner.term as usize).to_owned(),
                    text: *text,
                    range: range.clone(),
                });
            }
        }
        Verdict { policies: by_policy.into_values().collect() }
    }
}

/// How many distinct terms (without case: one word in two dictionaries of the rule, or as both a
/// keyword and a pattern, is one term) the hits of one rule found.
fn unique_terms(rule: &RuleInfo, hits: &[(Owner, Location)]) -> usize {
    let mut terms: Vec<String> = hits
        .iter()
        .map(|(owner, _)| {
            rule.dictionaries[owner.dictionary as usize].content.term(owner.term as usize).to_lowercase()
        })
        .collect();
    terms.sort_unstable();
    terms.dedup();
    terms.len()
}

/// Characters that show nothing and join or split nothing for a reader, but would split a word
/// for matching (`bo\u{200B}mb` reads as `bomb`): soft hyphen, zero-width space, joiners and
/// non-joiners, direction marks and embeddings, word joiner and invisible operators, and the
/// byte-order mark.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{00AD}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206F}' | '\u{FEFF}')
}

/// `text` without its invisible characters (borrowed when it has none, as almost every text).
fn without_invisibles(text: &str) -> Cow<'_, str> {
    if text.chars().any(is_invisible) {
        Cow::Owned(text.chars().filter(|c| !is_invisible(*c)).collect())
    } else {
        Cow::Borrowed(text)
    }
}

/// Every term of every rule's dictionaries, with its owner.
fn owned<'a, T: 'a, I: Iterator<Item = T> + 'a>(
    rules: &'a [RuleInfo],
    terms: impl Fn(&'a Dictionary) -> I + Copy + 'a,
) -> impl Iterator<Item = (T, Owner)> + 'a {
    rules.iter().enumerate().flat_map(move |(rule, info)| {
        info.dictionaries.iter().enumerate().flat_map(move |(dictionary, dict)| {
            terms(dict).enumerate().map(move |(term, item)| {
                (item, Owner { rule: index(rule), dictionary: index(dictionary), term: index(term) })
            })
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_matcher_can_be_shared_between_threads() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Matcher>();
    }
}
