//! The matcher agrees with naive reference implementations on random keywords, patterns and texts.
//!
//! The keyword reference walks every start position of every text for every keyword, comparing
//! characters one by one, and checks word boundaries on the original characters: none of the
//! folding, word markers, automaton or offset mapping of the engine. The pattern reference runs
//! each pattern alone with the `regex` crate over each whole text: none of the sets, prefilters
//! or windows.

mod common;

use std::ops::Range;

use common::{dictionary, policy};
use proptest::prelude::*;
use sympod_dlp::{Action, ContentType, DictionaryKind, Matcher, Scope, Verdict};

/// Text characters: ASCII and accented letters in both cases, digits, `_`, a combining accent,
/// punctuation, whitespace, a Han character, and the three sigmas.
const CHARS: &[char] = &[
    'a', 'b', 'c', 'A', 'B', 'é', 'É', '1', '2', '_', '\u{301}', '-', '#', ' ', ' ', '\n', '\t', '炸', 'Σ',
    'σ', 'ς',
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(CHARS), 0..40).prop_map(|chars| chars.into_iter().collect())
}

/// Texts of a few hundred bytes with words longer than the engine's folding checkpoints.
fn long_text() -> impl Strategy<Value = String> {
    let long_word =
        (prop::sample::select(vec!["a", "B", "é", "1"]), 40..150usize).prop_map(|(c, n)| c.repeat(n));
    prop::collection::vec(prop_oneof![text(), long_word], 1..12).prop_map(|parts| parts.concat())
}

fn keyword() -> impl Strategy<Value = String> {
    let word = prop::collection::vec(prop::sample::select(CHARS), 1..4)
        .prop_map(|chars| chars.into_iter().filter(|c| !c.is_whitespace()).collect::<String>());
    prop::collection::vec(word, 1..3).prop_map(|words| words.join(" "))
}

fn fold(c: char) -> char {
    if c == 'ς' { 'σ' } else { c.to_lowercase().next().unwrap() }
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() && c != '炸' || c == '_' || c == '\u{301}'
}

/// The first occurrence of `keyword` in `text`, the slow way.
fn naive_find(keyword: &str, text: &str) -> Option<Range<usize>> {
    let tokens: Vec<char> = keyword.split_whitespace().collect::<Vec<_>>().join(" ").chars().collect();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let first_is_word = is_word(tokens[0]);
    let last_is_word = is_word(*tokens.last().unwrap());
    'start: for start in 0..chars.len() {
        let mut at = start;
        for &token in &tokens {
            if token == ' ' {
                if at >= chars.len() || !chars[at].1.is_whitespace() {
                    continue 'start;
                }
                while at < chars.len() && chars[at].1.is_whitespace() {
                    at += 1;
                }
            } else if at < chars.len() && fold(chars[at].1) == fold(token) {
                at += 1;
            } else {
                continue 'start;
            }
        }
        let boundary_before = start == 0 || !is_word(chars[start - 1].1);
        let boundary_after = at == chars.len() || !is_word(chars[at].1);
        if (!first_is_word || boundary_before) && (!last_is_word || boundary_after) {
            let end = chars.get(at).map_or(text.len(), |(offset, _)| *offset);
            return Some(chars[start].0..end);
        }
    }
    None
}

/// (term, text, range) of every reported term, sorted.
fn reported(verdict: &Verdict) -> Vec<(String, usize, Range<usize>)> {
    let mut out: Vec<_> = verdict
        .policies
        .iter()
        .flat_map(|p| &p.terms)
        .map(|t| (t.term.clone(), t.text, t.range.clone()))
        .collect();
    out.sort_by(|a, b| (&a.0, a.1, a.2.start).cmp(&(&b.0, b.1, b.2.start)));
    out
}

fn expected(
    terms: Vec<String>,
    texts: &[String],
    find: impl Fn(&str, &str) -> Option<Range<usize>>,
) -> Vec<(String, usize, Range<usize>)> {
    let mut out: Vec<_> = terms
        .into_iter()
        .filter_map(|term| {
            let (index, range) =
                texts.iter().enumerate().find_map(|(i, text)| Some((i, find(&term, text)?)))?;
            Some((term, index, range))
        })
        .collect();
    out.sort_by(|a, b| (&a.0, a.1, a.2.start).cmp(&(&b.0, b.1, b.2.start)));
    out
}

/// A small pattern grammar: word boundaries, anchors, case flags, ASCII and non-ASCII literals
/// and classes, bounded and unbounded repetitions, alternations.
fn pattern() -> impl Strategy<Value = String> {
    let atom =
        prop::sample::select(vec!["a", "b", "é", "ab", "x", "[a-c]", r"\w", r"\d", "[éa]", ".", r"\s", "σ"]);
    let quantifier = prop::sample::select(vec!["", "", "?", "+", "*", "{1,3}", "{2}"]);
    let piece = (atom, quantifier).prop_map(|(a, q)| format!("(?:{a}){q}"));
    let concat = prop::collection::vec(piece, 1..4).prop_map(|pieces| pieces.concat());
    let edge = prop::sample::select(vec!["", "", r"\b", r"\B", "^", "$", r"(?-u:\b)"]);
    (edge.clone(), concat.clone(), prop::option::of(concat), edge, any::<bool>()).prop_map(
        |(before, first, second, after, sensitive)| {
            let body = match second {
                Some(second) => format!("(?:{first}|{second})"),
                None => first,
            };
            format!("{}{before}{body}{after}", if sensitive { "(?-i)" } else { "" })
        },
    )
}

fn scan(matcher: &Matcher, texts: &[String]) -> Verdict {
    let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
    matcher.scan(ContentType::Messages, Scope::Internal, &texts)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn the_keyword_matcher_agrees_with_a_naive_reference(
        keywords in prop::collection::vec(keyword(), 1..12),
        texts in prop::collection::vec(text(), 1..3),
    ) {
        let dictionary = dictionary("k", DictionaryKind::Word, &keywords.join("\n"));
        let terms: Vec<String> = dictionary.content.terms().map(str::to_owned).collect();
        let matcher = Matcher::build(&[policy("p", Action::Block, vec![dictionary])]);
        prop_assert_eq!(reported(&scan(&matcher, &texts)), expected(terms, &texts, naive_find));
    }

    #[test]
    fn the_keyword_matcher_agrees_with_a_naive_reference_on_long_texts(
        keywords in prop::collection::vec(keyword(), 1..12),
        texts in prop::collection::vec(long_text(), 1..3),
    ) {
        let dictionary = dictionary("k", DictionaryKind::Word, &keywords.join("\n"));
        let terms: Vec<String> = dictionary.content.terms().map(str::to_owned).collect();
        let matcher = Matcher::build(&[policy("p", Action::Block, vec![dictionary])]);
        prop_assert_eq!(reported(&scan(&matcher, &texts)), expected(terms, &texts, naive_find));
    }
}

proptest! {
    // Compiling Unicode classes is slow without optimisations: fewer cases here.
    #![proptest_config(ProptestConfig::with_cases(120))]

    #[test]
    fn the_pattern_matcher_agrees_with_each_pattern_run_alone(
        patterns in prop::collection::vec(pattern(), 1..6),
        texts in prop::collection::vec(text(), 1..3),
    ) {
        // Patterns that can match empty text are refused at upload; leave them out.
        let patterns: Vec<String> = patterns
            .into_iter()
            .filter(|p| sympod_dlp::DictionaryContent::parse(DictionaryKind::Regex, p.as_bytes()).is_ok())
            .collect();
        let dictionary = dictionary("r", DictionaryKind::Regex, &patterns.join("\n"));
        let terms: Vec<String> = dictionary.content.terms().map(str::to_owned).collect();
        let matcher = Matcher::build(&[policy("p", Action::Block, vec![dictionary])]);
        let alone = |pattern: &str, text: &str| {
            let regex = regex::RegexBuilder::new(pattern).case_insensitive(true).build().unwrap();
            regex.find(text).map(|found| found.range())
        };
        prop_assert_eq!(reported(&scan(&matcher, &texts)), expected(terms, &texts, alone));
    }
}
