//! Which policies apply, what the verdict says, and what a match records.

mod common;

use std::sync::Arc;

use common::{policy, regexes, scan_message, terms, words};
use sympod_dlp::{
    Action, AppliesTo, ContentType, DictionaryKind, Matcher, Policy, PolicyMatch, Scope, TermMatch, TextRule,
    V1Policy,
};

fn v3(id: &str, scopes: Vec<Scope>, applies_to: Vec<AppliesTo>) -> Policy {
    Policy {
        id: id.to_owned(),
        version: "3.0".to_owned(),
        name: id.to_owned(),
        enabled: true,
        scopes,
        applies_to,
    }
}

fn text_rule(name: &str, dictionaries: Vec<Arc<sympod_dlp::Dictionary>>, min_unique_terms: u32) -> TextRule {
    TextRule { name: name.to_owned(), dictionaries, min_unique_terms }
}

#[test]
fn an_empty_matcher_matches_nothing() {
    let matcher = Matcher::build(&[]);
    assert!(scan_message(&matcher, "bomb").is_clean());
    assert!(!matcher.applies(ContentType::Messages, Scope::Internal));
}

#[test]
fn a_disabled_policy_never_matches() {
    let mut disabled = policy("p", Action::Block, vec![words("bomb")]);
    disabled.enabled = false;
    let matcher = Matcher::build(&[disabled]);
    assert!(scan_message(&matcher, "bomb").is_clean());
    assert_eq!(matcher.keyword_count(), 0);
}

#[test]
fn a_policy_applies_only_to_its_content_types() {
    let matcher = Matcher::build(&[V1Policy {
        id: "p".into(),
        version: "1.0".into(),
        name: "p".into(),
        enabled: true,
        action: Action::Block,
        content_types: vec![ContentType::RoomMeta, ContentType::SignalMeta],
        scopes: vec![Scope::Internal],
        dictionaries: vec![words("bomb")],
    }
    .into()]);
    let texts = ["bomb room", "a description"];
    assert!(matcher.scan(ContentType::Messages, Scope::Internal, &texts).is_clean());
    assert!(matcher.scan(ContentType::RoomMeta, Scope::Internal, &texts).blocks());
    assert!(matcher.scan(ContentType::SignalMeta, Scope::Internal, &texts).blocks());
}

#[test]
fn a_policy_applies_only_to_its_scopes() {
    let mut external = policy("p", Action::Block, vec![words("bomb")]);
    external.scopes = vec![Scope::External];
    let matcher = Matcher::build(&[external]);
    assert!(matcher.scan(ContentType::Messages, Scope::Internal, &["bomb"]).is_clean());
    assert!(matcher.scan(ContentType::Messages, Scope::External, &["bomb"]).blocks());
    assert!(matcher.applies(ContentType::Messages, Scope::External));
    assert!(!matcher.applies(ContentType::Messages, Scope::Internal));
}

#[test]
fn a_policy_with_no_scope_or_no_dictionary_matches_nothing() {
    let mut no_scope = policy("a", Action::Block, vec![words("bomb")]);
    no_scope.scopes.clear();
    let no_dictionary = policy("b", Action::Block, vec![]);
    let matcher = Matcher::build(&[no_scope, no_dictionary]);
    assert!(scan_message(&matcher, "bomb").is_clean());
}

#[test]
fn block_wins_over_warn() {
    let matcher = Matcher::build(&[
        policy("warn", Action::Warn, vec![words("bomb")]),
        policy("block", Action::Block, vec![regexes(r"\bbomb\b")]),
    ]);
    let verdict = scan_message(&matcher, "a bomb");
    assert_eq!(verdict.action(), Some(Action::Block));
    assert!(verdict.blocks());
    assert_eq!(verdict.policies.iter().map(|p| p.policy_id.as_str()).collect::<Vec<_>>(), ["warn", "block"]);
}

#[test]
fn a_warn_only_match_does_not_block() {
    let matcher = Matcher::build(&[
        policy("warn", Action::Warn, vec![words("bomb")]),
        policy("block", Action::Block, vec![words("grenade")]),
    ]);
    let verdict = scan_message(&matcher, "a bomb");
    assert_eq!(verdict.action(), Some(Action::Warn));
    assert!(!verdict.blocks());
}

#[test]
fn log_only_is_reported_but_neither_blocks_nor_warns() {
    let rule = text_rule("r", vec![words("bomb")], 0);
    let applies =
        AppliesTo { content_type: ContentType::Messages, action: Action::LogOnly, rules: vec![rule] };
    let matcher = Matcher::build(&[v3("p", vec![Scope::Internal], vec![applies])]);
    let verdict = scan_message(&matcher, "bomb");
    assert_eq!(verdict.action(), Some(Action::LogOnly));
    assert!(!verdict.blocks());
}

#[test]
fn a_v3_rule_with_count_unique_occurrences_needs_that_many_distinct_terms() {
    let rule = text_rule("two of", vec![words("alpha\nbeta"), regexes(r"gamma\d")], 2);
    let applies = AppliesTo { content_type: ContentType::Messages, action: Action::Block, rules: vec![rule] };
    let matcher = Matcher::build(&[v3("p", vec![Scope::Internal], vec![applies])]);
    assert!(scan_message(&matcher, "alpha alpha ALPHA").is_clean());
    assert_eq!(terms(&scan_message(&matcher, "alpha then gamma7")), ["alpha", r"gamma\d"]);
}

#[test]
fn one_word_in_two_dictionaries_of_a_rule_is_one_distinct_term() {
    let rule = text_rule("two of", vec![words("alpha"), words("ALPHA\nbeta"), regexes("alpha")], 2);
    let applies = AppliesTo { content_type: ContentType::Messages, action: Action::Block, rules: vec![rule] };
    let matcher = Matcher::build(&[v3("p", vec![Scope::Internal], vec![applies])]);
    assert!(scan_message(&matcher, "alpha only").is_clean());
    assert!(scan_message(&matcher, "alpha and beta").blocks());
}

#[test]
fn invisible_characters_inside_a_word_do_not_hide_it() {
    let matcher = Matcher::build(&[policy("p", Action::Block, vec![words("bomb"), regexes(r"secret\d")])]);
    for text in ["bo\u{200B}mb", "b\u{00AD}omb", "bo\u{2060}mb!", "\u{FEFF}bomb", "secr\u{200D}et7"] {
        assert!(scan_message(&matcher, text).blocks(), "{text:?}");
    }
    assert!(scan_message(&matcher, "bo mb").is_clean(), "a visible space still splits words");
}

#[test]
fn a_v3_policy_takes_the_strongest_action_of_its_matching_entries_for_the_content_type() {
    let entry = |content_type, action, keyword| AppliesTo {
        content_type,
        action,
        rules: vec![text_rule(keyword, vec![words(keyword)], 1)],
    };
    let matcher = Matcher::build(&[v3(
        "p",
        vec![Scope::Internal, Scope::External],
        vec![
            entry(ContentType::Messages, Action::Warn, "alpha"),
            entry(ContentType::Messages, Action::Block, "beta"),
            entry(ContentType::RoomMeta, Action::Block, "alpha"),
        ],
    )]);
    assert_eq!(scan_message(&matcher, "alpha").action(), Some(Action::Warn));
    assert_eq!(scan_message(&matcher, "alpha beta").action(), Some(Action::Block));
    assert_eq!(scan_message(&matcher, "alpha beta").policies.len(), 1);
}

#[test]
fn a_match_names_the_policy_rule_dictionary_and_term() {
    let matcher = Matcher::build(&[policy("p1", Action::Warn, vec![words("foo"), regexes(r"\bproj-\d+")])]);
    let verdict = matcher.scan(ContentType::Messages, Scope::External, &["title", "see PROJ-42 now"]);
    let expected = PolicyMatch {
        policy_id: "p1".into(),
        policy_version: "1.0".into(),
        policy_name: "p1 name".into(),
        action: Action::Warn,
        terms: vec![TermMatch {
            rule: "p1 name".into(),
            dictionary_id: "regexes".into(),
            dictionary_name: "regexes name".into(),
            dictionary_version: "1.0".into(),
            kind: DictionaryKind::Regex,
            term: r"\bproj-\d+".into(),
            text: 1,
            range: 4..11,
        }],
    };
    assert_eq!(verdict.policies, [expected]);
    assert_eq!(verdict.policies[0].term_list(), [r"\bproj-\d+"]);
}

#[test]
fn the_same_dictionary_in_two_policies_reports_both() {
    let shared = words("bomb");
    let matcher = Matcher::build(&[
        policy("a", Action::Warn, vec![shared.clone()]),
        policy("b", Action::Warn, vec![shared]),
    ]);
    let verdict = scan_message(&matcher, "bomb");
    assert_eq!(verdict.policies.len(), 2);
    assert_eq!(terms(&verdict), ["bomb", "bomb"]);
}
