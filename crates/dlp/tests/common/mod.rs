//! Shared builders for the tests: dictionaries from text, v1 policies, and short views of verdicts.
#![allow(dead_code)]

use std::sync::Arc;

use sympod_dlp::{
    Action, ContentType, Dictionary, DictionaryContent, DictionaryKind, Matcher, Policy, Scope, V1Policy,
    Verdict,
};

pub fn dictionary(id: &str, kind: DictionaryKind, content: &str) -> Arc<Dictionary> {
    Arc::new(Dictionary {
        id: id.to_owned(),
        name: format!("{id} name"),
        version: "1.0".to_owned(),
        content: DictionaryContent::parse(kind, content.as_bytes()).unwrap(),
    })
}

pub fn words(content: &str) -> Arc<Dictionary> {
    dictionary("words", DictionaryKind::Word, content)
}

pub fn regexes(content: &str) -> Arc<Dictionary> {
    dictionary("regexes", DictionaryKind::Regex, content)
}

/// An enabled v1 policy on messages, in both scopes.
pub fn policy(id: &str, action: Action, dictionaries: Vec<Arc<Dictionary>>) -> Policy {
    V1Policy {
        id: id.to_owned(),
        version: "1.0".to_owned(),
        name: format!("{id} name"),
        enabled: true,
        action,
        content_types: vec![ContentType::Messages],
        scopes: vec![Scope::Internal, Scope::External],
        dictionaries,
    }
    .into()
}

pub fn scan_message(matcher: &Matcher, text: &str) -> Verdict {
    matcher.scan(ContentType::Messages, Scope::Internal, &[text])
}

/// The parts of `text` the keywords (one per line) match, in reporting order.
pub fn keyword_matches(keywords: &str, text: &str) -> Vec<String> {
    let matcher = Matcher::build(&[policy("p", Action::Block, vec![words(keywords)])]);
    found(&scan_message(&matcher, text), &[text])
}

/// The parts of `text` the patterns (one per line) match, in reporting order.
pub fn pattern_matches(patterns: &str, text: &str) -> Vec<String> {
    let matcher = Matcher::build(&[policy("p", Action::Block, vec![regexes(patterns)])]);
    found(&scan_message(&matcher, text), &[text])
}

/// For each reported term, the text it was found at.
pub fn found(verdict: &Verdict, texts: &[&str]) -> Vec<String> {
    verdict
        .policies
        .iter()
        .flat_map(|p| &p.terms)
        .map(|t| texts[t.text][t.range.clone()].to_owned())
        .collect()
}

/// For each reported term, the term itself.
pub fn terms(verdict: &Verdict) -> Vec<String> {
    verdict.policies.iter().flat_map(|p| &p.terms).map(|t| t.term.clone()).collect()
}
