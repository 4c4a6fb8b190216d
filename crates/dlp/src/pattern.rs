//! One `Regex` dictionary entry: checked, compiled, and given a prefilter for the combined set.
//!
//! Patterns use the syntax of the Rust `regex` crate, compiled case-insensitively. They are
//! parsed with `regex-syntax` first (the parser the `regex` crate itself uses, with the same
//! options), which gives a precise error with a column, lets us refuse patterns that can match
//! empty text, and gives the structure the prefilter is derived from.
//!
//! Why a prefilter: the combined `RegexSet` is fast only while its lazy DFA can run, and a lazy
//! DFA cannot evaluate a Unicode word boundary (`\b`) once the text holds a non-ASCII byte; the
//! set would then fall back to an engine some hundred times slower, over the whole text. So the
//! set runs each pattern *with its Unicode word boundaries removed* (its prefilter), which
//! matches a superset of what the pattern matches, and the exact pattern then runs alone only
//! when the set reported its prefilter. A verdict never depends on the prefilter, only the cost.
//!
//! The exact pattern is slow on such text too, so [`Pattern::find`] runs it only near the
//! prefilter's matches, found fast. Every exact match starts inside one of the spans the
//! prefilter's leftmost-first iteration reports (an exact match starting at `s` is a prefilter
//! match at `s`: were `s` past the end of the last span starting at or before it, the iteration
//! would have reported a span starting at or before `s`). So when the pattern's matches are at
//! most `L` bytes long and it asserts nothing but word boundaries, the exact pattern only needs
//! to run on each span extended by `L` bytes, plus one character of context on each side (all a
//! word boundary looks at), accepting only matches starting inside the span.

use std::ops::Range;

use regex::{Regex, RegexBuilder};
use regex_syntax::hir::{Hir, HirKind, Look, Repetition};

use crate::content::LineProblem;
use crate::limits::{MAX_PATTERN_COMPILED_BYTES, MAX_PATTERN_NESTING, PATTERN_DFA_BYTES};

/// A checked, compiled pattern.
#[derive(Clone, Debug)]
pub(crate) struct Pattern {
    /// The entry as uploaded (trimmed): what violations report.
    pub(crate) source: String,
    /// The exact pattern, case-insensitive.
    pub(crate) regex: Regex,
    /// What the combined set runs for this pattern (see the module doc); compiles with the same
    /// options as `regex`.
    pub(crate) prefilter: String,
    /// The prefilter compiled alone, when it differs from the pattern.
    relaxed: Option<Relaxed>,
}

/// A prefilter that differs from its pattern, and how far past it an exact match may reach.
#[derive(Clone, Debug)]
struct Relaxed {
    regex: Regex,
    /// The longest match of the pattern, in bytes, when it is short enough to search windows
    /// and the pattern asserts nothing but word boundaries.
    window: Option<usize>,
}

/// Longest match, in bytes, for which the exact pattern runs on windows.
const MAX_WINDOW: usize = 1024;

impl Pattern {
    /// The leftmost-first match of the pattern in `text`.
    pub(crate) fn find(&self, text: &str) -> Option<Range<usize>> {
        let Some(relaxed) = &self.relaxed else {
            return self.regex.find(text).map(|found| found.range());
        };
        match relaxed.window {
            Some(longest) => relaxed
                .regex
                .find_iter(text)
                .find_map(|span| self.find_starting_in(text, span.range(), longest)),
            None => {
                // No exact match starts before the prefilter's leftmost match.
                let start = relaxed.regex.find(text)?.start();
                self.regex.find_at(text, start).map(|found| found.range())
            }
        }
    }

    /// The leftmost-first match starting inside `span`, given matches at most `longest` bytes.
    fn find_starting_in(&self, text: &str, span: Range<usize>, longest: usize) -> Option<Range<usize>> {
        let from = text[..span.start].char_indices().next_back().map_or(0, |(at, _)| at);
        let mut to = (span.end + longest).min(text.len());
        while !text.is_char_boundary(to) {
            to += 1;
        }
        to += text[to..].chars().next().map_or(0, char::len_utf8);
        let found = self.regex.find_at(&text[from..to], span.start - from)?;
        let start = from + found.start();
        (start < span.end).then(|| start..from + found.end())
    }
}

impl PartialEq for Pattern {
    fn eq(&self, other: &Self) -> bool {
        self.source == other.source
    }
}

/// The options every pattern is compiled with, exact or in a set.
pub(crate) fn builder(source: &str) -> RegexBuilder {
    let mut builder = RegexBuilder::new(source);
    builder
        .case_insensitive(true)
        .nest_limit(MAX_PATTERN_NESTING)
        .size_limit(MAX_PATTERN_COMPILED_BYTES)
        .dfa_size_limit(PATTERN_DFA_BYTES);
    builder
}

/// Checks and compiles `source` (a trimmed line); `column_offset` is the number of characters
/// trimmed from the start of the line, so that error columns count from the line's start.
pub(crate) fn compile(source: &str, column_offset: usize) -> Result<Pattern, LineProblem> {
    let hir = regex_syntax::ParserBuilder::new()
        .case_insensitive(true)
        .nest_limit(MAX_PATTERN_NESTING)
        .build()
        .parse(source)
        .map_err(|error| syntax_problem(&error, column_offset))?;
    if hir.properties().minimum_len() == Some(0) {
        return Err(LineProblem::MatchesEmpty);
    }
    let regex = builder(source).build().map_err(|error| match error {
        regex::Error::CompiledTooBig(limit) => LineProblem::TooComplex { limit },
        other => LineProblem::InvalidRegex { column: 1 + column_offset, message: first_line(&other) },
    })?;
    let window = hir
        .properties()
        .maximum_len()
        .filter(|&longest| longest <= MAX_WINDOW && hir.properties().look_set().iter().all(is_word_look));
    // The printed form always compiles (regex-syntax guarantees it round-trips); should it ever
    // not, the exact pattern is a correct, if slower, prefilter.
    let relaxed = Some(hir)
        .filter(|hir| hir.properties().look_set().contains_word_unicode())
        .map(|hir| relax(hir).to_string())
        .and_then(|printed| builder(&printed).build().ok())
        .map(|regex| Relaxed { regex, window });
    let prefilter = relaxed.as_ref().map_or(source, |r| r.regex.as_str()).to_owned();
    Ok(Pattern { source: source.to_owned(), regex, prefilter, relaxed })
}

fn syntax_problem(error: &regex_syntax::Error, column_offset: usize) -> LineProblem {
    let (column, message) = match error {
        regex_syntax::Error::Parse(e) => (e.span().start.column, e.kind().to_string()),
        regex_syntax::Error::Translate(e) => (e.span().start.column, e.kind().to_string()),
        other => (1, first_line(other)),
    };
    LineProblem::InvalidRegex { column: column + column_offset, message }
}

fn first_line(error: &dyn std::fmt::Display) -> String {
    error.to_string().lines().find(|l| !l.trim().is_empty()).unwrap_or("invalid pattern").to_owned()
}

fn is_word_look(look: Look) -> bool {
    !matches!(look, Look::Start | Look::End | Look::StartLF | Look::EndLF | Look::StartCRLF | Look::EndCRLF)
}

fn is_unicode_word_look(look: Look) -> bool {
    matches!(
        look,
        Look::WordUnicode
            | Look::WordUnicodeNegate
            | Look::WordStartUnicode
            | Look::WordEndUnicode
            | Look::WordStartHalfUnicode
            | Look::WordEndHalfUnicode
    )
}

/// `hir` with every Unicode word-boundary assertion replaced by the empty pattern (and captures
/// dropped, which a set ignores anyway). Removing an assertion can only widen what matches.
fn relax(hir: Hir) -> Hir {
    match hir.into_kind() {
        HirKind::Empty => Hir::empty(),
        HirKind::Literal(literal) => Hir::literal(literal.0),
        HirKind::Class(class) => Hir::class(class),
        HirKind::Look(look) if is_unicode_word_look(look) => Hir::empty(),
        HirKind::Look(look) => Hir::look(look),
        HirKind::Repetition(rep) => Hir::repetition(Repetition {
            min: rep.min,
            max: rep.max,
            greedy: rep.greedy,
            sub: Box::new(relax(*rep.sub)),
        }),
        HirKind::Capture(capture) => relax(*capture.sub),
        HirKind::Concat(subs) => Hir::concat(subs.into_iter().map(relax).collect()),
        HirKind::Alternation(subs) => Hir::alternation(subs.into_iter().map(relax).collect()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pattern_without_unicode_word_boundaries_is_its_own_prefilter() {
        let pattern = compile(r"\d{3}-\d{2}-\d{4}", 0).unwrap();
        assert_eq!(pattern.prefilter, pattern.source);
    }

    #[test]
    fn the_prefilter_drops_unicode_word_boundaries_and_matches_a_superset() {
        let pattern = compile(r"\bcaf[eé]\b", 0).unwrap();
        assert!(!pattern.prefilter.contains(r"\b"), "{}", pattern.prefilter);
        let prefilter = builder(&pattern.prefilter).build().unwrap();
        assert!(prefilter.is_match("décafé"));
        assert!(!pattern.regex.is_match("décafé"));
        assert!(pattern.regex.is_match("un CAFÉ noir"));
    }

    #[test]
    fn a_syntax_error_column_counts_from_the_start_of_the_line() {
        match compile("ab(c", 2) {
            Err(LineProblem::InvalidRegex { column, message }) => {
                assert_eq!(column, 5);
                assert!(message.contains("unclosed group"), "{message}");
            }
            other => panic!("{other:?}"),
        }
    }
}
