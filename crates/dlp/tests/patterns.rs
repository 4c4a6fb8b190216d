//! Pattern matching: regex syntax, case, word boundaries in any script, bounded cost.

mod common;

use std::time::{Duration, Instant};

use common::{pattern_matches, policy, regexes, scan_message, terms};
use sympod_dlp::{Action, Matcher};

#[test]
fn a_pattern_matches_anywhere_and_reports_its_leftmost_match() {
    assert_eq!(pattern_matches(r"\d{3}-\d{2}-\d{4}", "ssn 123-45-6789 or 987-65-4321"), ["123-45-6789"]);
}

#[test]
fn patterns_are_case_insensitive_by_default() {
    assert_eq!(pattern_matches(r"project\s+falcon", "PROJECT  Falcon"), ["PROJECT  Falcon"]);
}

#[test]
fn a_pattern_can_turn_case_insensitivity_off() {
    assert!(pattern_matches(r"(?-i)\b[A-Z]{3}\b", "abc").is_empty());
    assert_eq!(pattern_matches(r"(?-i)\b[A-Z]{3}\b", "abc XYZ"), ["XYZ"]);
}

#[test]
fn a_word_boundary_pattern_matches_in_non_ascii_text() {
    assert_eq!(pattern_matches(r"\bsecr[eè]te?\b", "c'est très SECRÈTE, non ?"), ["SECRÈTE"]);
    assert_eq!(pattern_matches(r"\bкод\s*\d+\b", "Ваш КОД 1234."), ["КОД 1234"]);
}

#[test]
fn a_word_boundary_pattern_does_not_match_inside_a_longer_non_ascii_word() {
    assert!(pattern_matches(r"\bcafé\b", "décaféiné").is_empty());
    assert!(pattern_matches(r"\b\d{4}\b", "été 12345 ü").is_empty());
}

#[test]
fn an_unbounded_or_anchored_word_boundary_pattern_matches_in_non_ascii_text() {
    assert_eq!(pattern_matches(r"\bcode\w+", "décodé, CODEÉ9 ok"), ["CODEÉ9"]);
    assert_eq!(pattern_matches(r"^\w+é\b", "café crème"), ["café"]);
    assert!(pattern_matches(r"\bé\w*$", "été x").is_empty());
}

#[test]
fn unicode_digits_match_backslash_d_but_not_an_ascii_class() {
    assert_eq!(pattern_matches(r"\d{3}", "٣٤٥"), ["٣٤٥"]);
    assert!(pattern_matches(r"[0-9]{3}", "٣٤٥").is_empty());
}

#[test]
fn a_pattern_and_a_keyword_in_one_policy_are_both_reported() {
    let matcher =
        Matcher::build(&[policy("p", Action::Block, vec![common::words("falcon"), regexes(r"\b\d{16}\b")])]);
    let verdict = scan_message(&matcher, "falcon card 4111111111111111");
    assert_eq!(terms(&verdict), ["falcon", r"\b\d{16}\b"]);
}

#[test]
fn identical_patterns_in_two_dictionaries_are_compiled_once() {
    let matcher = Matcher::build(&[
        policy("a", Action::Block, vec![regexes(r"\d{16}")]),
        policy(
            "b",
            Action::Warn,
            vec![common::dictionary("other", sympod_dlp::DictionaryKind::Regex, r"\d{16}")],
        ),
    ]);
    assert_eq!(matcher.pattern_count(), 1);
    assert_eq!(scan_message(&matcher, "4111111111111111").policies.len(), 2);
}

#[test]
fn many_patterns_each_report_their_own_match() {
    let lines: Vec<String> = (0..300).map(|i| format!(r"\bcode{i}[a-z]{{12}}\b")).collect();
    let matcher = Matcher::build(&[policy("p", Action::Block, vec![regexes(&lines.join("\n"))])]);
    assert_eq!(matcher.pattern_count(), 300);
    let verdict = scan_message(&matcher, "é code7abcdefghijkl and CODE299ABCDEFGHIJKL");
    assert_eq!(terms(&verdict), [lines[7].as_str(), lines[299].as_str()]);
}

#[test]
fn a_large_text_against_a_pattern_that_defeats_a_dfa_stays_bounded() {
    // A classic exponential-DFA pattern: the 30th character after an `x`.
    let matcher = Matcher::build(&[policy(
        "p",
        Action::Block,
        vec![regexes("x[a-z]{30}q\n\\b[a-z]{0,20}y[a-z]{20}z\\b\n\\w+@\\w+\\.com")],
    )]);
    let text: String = "xyzzy abcdefghijklmnopqrstuvwxy é ".repeat(80 * 1024 / 34);
    let started = Instant::now();
    let verdict = scan_message(&matcher, &text);
    assert!(verdict.is_clean());
    assert!(started.elapsed() < Duration::from_secs(10), "{:?}", started.elapsed());
}
