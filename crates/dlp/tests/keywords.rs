//! Keyword matching: case, whole words, whitespace, punctuation edges, scripts, reporting.

mod common;

use common::{found, keyword_matches, policy, scan_message, terms, words};
use sympod_dlp::{Action, ContentType, Matcher, Scope};

#[test]
fn a_keyword_matches_a_whole_word_in_any_case() {
    assert_eq!(keyword_matches("bomb", "there is a bomb!"), ["bomb"]);
    assert_eq!(keyword_matches("bomb", "BOMB"), ["BOMB"]);
    assert_eq!(keyword_matches("BoMb", "(bomb)"), ["bomb"]);
}

#[test]
fn a_keyword_does_not_match_inside_a_longer_word() {
    for text in ["bombastic", "abomb", "bomb_", "bombs", "x2bomb", "bombé"] {
        assert!(keyword_matches("bomb", text).is_empty(), "{text}");
    }
}

#[test]
fn digits_are_word_characters_so_a_number_does_not_match_inside_a_longer_number() {
    assert!(keyword_matches("4111", "41111").is_empty());
    assert_eq!(keyword_matches("4111", "card 4111-1111"), ["4111"]);
}

#[test]
fn a_multi_word_keyword_matches_across_any_whitespace_run() {
    assert_eq!(keyword_matches("new york", "to New   York"), ["New   York"]);
    assert_eq!(keyword_matches("new  york", "new\n\tyork"), ["new\n\tyork"]);
    assert_eq!(keyword_matches("new york", "new\u{a0}york"), ["new\u{a0}york"]);
}

#[test]
fn a_multi_word_keyword_does_not_match_across_punctuation_or_without_a_space() {
    for text in ["new-york", "newyork", "new. york", "new yorker"] {
        assert!(keyword_matches("new york", text).is_empty(), "{text}");
    }
}

#[test]
fn a_keyword_starting_or_ending_with_punctuation_needs_no_boundary_on_that_side() {
    assert_eq!(keyword_matches("#secret", "tag:x#secret now"), ["#secret"]);
    assert!(keyword_matches("#secret", "#secrets").is_empty());
    assert_eq!(keyword_matches("c++", "we use c++11"), ["c++"]);
    assert!(keyword_matches("c++", "abc++").is_empty());
    assert_eq!(keyword_matches(".net", "asp.net core"), [".net"]);
}

#[test]
fn a_punctuation_only_keyword_matches_anywhere() {
    assert_eq!(keyword_matches("$$$", "cash$$$now"), ["$$$"]);
}

#[test]
fn letters_of_other_scripts_are_word_characters() {
    assert_eq!(keyword_matches("café", "un CAFÉ noir"), ["CAFÉ"]);
    assert!(keyword_matches("café", "cafés").is_empty());
    assert!(keyword_matches("ärger", "ärgerlich").is_empty());
    assert_eq!(keyword_matches("взрыв", "Это ВЗРЫВ!"), ["ВЗРЫВ"]);
    assert!(keyword_matches("взрыв", "взрывчатка").is_empty());
}

#[test]
fn a_combining_accent_does_not_end_a_word() {
    assert!(keyword_matches("cafe", "cafe\u{301}").is_empty());
}

#[test]
fn case_insensitivity_covers_unicode_letters_and_final_sigma() {
    assert_eq!(keyword_matches("été", "ÉTÉ"), ["ÉTÉ"]);
    assert_eq!(keyword_matches("οδος", "ΟΔΟΣ"), ["ΟΔΟΣ"]);
    assert_eq!(keyword_matches("ΟΔΟΣ", "στην οδος"), ["οδος"]);
}

#[test]
fn a_keyword_in_a_script_without_spaces_matches_inside_a_sentence() {
    assert_eq!(keyword_matches("炸弹", "这里有炸弹吗"), ["炸弹"]);
    assert_eq!(keyword_matches("ระเบิด", "มีระเบิดที่นี่"), ["ระเบิด"]);
}

#[test]
fn a_latin_keyword_matches_next_to_han_characters() {
    assert_eq!(keyword_matches("bomb", "这里有bomb吗"), ["bomb"]);
}

#[test]
fn overlapping_keywords_all_match() {
    let mut matched = keyword_matches("new\nnew york\nyork", "in new york");
    matched.sort();
    assert_eq!(matched, ["new", "new york", "york"]);
}

#[test]
fn the_match_range_points_into_the_original_text() {
    let text = "İİ  Straße \t CAFÉ   NOIR";
    assert_eq!(keyword_matches("café noir", text), ["CAFÉ   NOIR"]);
    assert_eq!(keyword_matches("straße", text), ["Straße"]);
}

#[test]
fn a_keyword_is_reported_once_at_its_first_occurrence() {
    let matcher = Matcher::build(&[policy("p", Action::Block, vec![words("bomb")])]);
    let verdict = scan_message(&matcher, "x bomb y BOMB z bomb");
    assert_eq!(terms(&verdict), ["bomb"]);
    assert_eq!(verdict.policies[0].terms[0].range, 2..6);
}

#[test]
fn matches_never_span_two_texts_and_say_which_text_they_are_in() {
    let matcher = Matcher::build(&[policy("p", Action::Block, vec![words("new york\nsecret")])]);
    let texts = ["new", "york", "top secret"];
    let verdict = matcher.scan(ContentType::Messages, Scope::External, &texts);
    assert_eq!(found(&verdict, &texts), ["secret"]);
    assert_eq!(verdict.policies[0].terms[0].text, 2);
}

#[test]
fn keywords_differing_only_in_case_are_compiled_once() {
    let matcher = Matcher::build(&[
        policy("a", Action::Block, vec![words("Bomb\nfoo")]),
        policy("b", Action::Warn, vec![words("BOMB")]),
    ]);
    assert_eq!(matcher.keyword_count(), 2);
    assert_eq!(scan_message(&matcher, "bomb").policies.len(), 2);
}

#[test]
fn a_text_repeating_keywords_thousands_of_times_reports_each_once() {
    let matcher = Matcher::build(&[policy("p", Action::Block, vec![words("bomb\n$\n$$\n$$$\nbomb $")])]);
    let text = "bomb $$$ ".repeat(80 * 1024 / 9);
    let verdict = scan_message(&matcher, &text);
    let mut reported = terms(&verdict);
    reported.sort();
    assert_eq!(reported, ["$", "$$", "$$$", "bomb", "bomb $"]);
}
