//! Dictionary content: the upload format, its limits, and the errors the API layer returns.

use sympod_dlp::{
    ContentError, DictionaryContent, DictionaryKind, LineProblem, MAX_CONTENT_BYTES, MAX_KEYWORD_CHARS,
    MAX_PATTERNS,
};

fn parse(kind: DictionaryKind, text: &str) -> Result<DictionaryContent, ContentError> {
    DictionaryContent::parse(kind, text.as_bytes())
}

fn entries(kind: DictionaryKind, text: &str) -> Vec<String> {
    parse(kind, text).unwrap().terms().map(str::to_owned).collect()
}

fn line_error(kind: DictionaryKind, text: &str) -> (usize, LineProblem) {
    match parse(kind, text) {
        Err(ContentError::Line { line, problem }) => (line, problem),
        other => panic!("expected a line error, got {other:?}"),
    }
}

#[test]
fn blank_lines_and_surrounding_whitespace_are_ignored() {
    assert_eq!(entries(DictionaryKind::Word, "\n  bomb \n\n\t new  york\t\n   \n"), ["bomb", "new  york"]);
}

#[test]
fn lf_crlf_and_lone_cr_line_endings_are_all_accepted() {
    assert_eq!(entries(DictionaryKind::Word, "a\r\nb\rc\nd"), ["a", "b", "c", "d"]);
    assert_eq!(line_error(DictionaryKind::Regex, "a\r\rb(\r\nc").0, 3);
}

#[test]
fn a_byte_order_mark_is_ignored() {
    assert_eq!(entries(DictionaryKind::Word, "\u{feff}bomb\n"), ["bomb"]);
}

#[test]
fn there_is_no_comment_syntax() {
    assert_eq!(
        entries(DictionaryKind::Word, "# not a comment\n//nor this"),
        ["# not a comment", "//nor this"]
    );
}

#[test]
fn duplicates_are_dropped_keeping_the_first() {
    let content = parse(DictionaryKind::Word, "Bomb\nBOMB\nnew york\nNEW   YORK\nbomb").unwrap();
    assert_eq!(content.terms().collect::<Vec<_>>(), ["Bomb", "new york"]);
    assert_eq!(content.duplicates_dropped(), 3);
    assert_eq!(content.len(), 2);
}

#[test]
fn patterns_are_duplicates_only_when_written_identically() {
    assert_eq!(entries(DictionaryKind::Regex, "a\\d\na\\d\nA\\d"), ["a\\d", "A\\d"]);
}

#[test]
fn an_empty_file_gives_an_empty_dictionary() {
    let content = parse(DictionaryKind::Regex, "").unwrap();
    assert!(content.is_empty());
    assert_eq!(content.kind(), DictionaryKind::Regex);
    assert_eq!(content, DictionaryContent::empty(DictionaryKind::Regex));
}

#[test]
fn the_canonical_text_parses_back_to_the_same_content() {
    let content = parse(DictionaryKind::Word, " b\r\na\r\n\r\nB\r\n").unwrap();
    assert_eq!(content.to_text(), "b\na\n");
    assert_eq!(parse(DictionaryKind::Word, &content.to_text()).unwrap(), content);
}

#[test]
fn an_invalid_regex_is_refused_with_its_line_number() {
    let (line, problem) = line_error(DictionaryKind::Regex, "\\d{16}\n\n  card[0-9\n");
    assert_eq!(line, 3);
    assert_eq!(problem, LineProblem::InvalidRegex { column: 7, message: "unclosed character class".into() });
    let error = parse(DictionaryKind::Regex, "\\d{16}\n\n  card[0-9\n").unwrap_err();
    assert_eq!(error.to_string(), "line 3: invalid regular expression at column 7: unclosed character class");
}

#[test]
fn look_around_and_backreferences_are_refused_with_a_clear_reason() {
    let (_, problem) = line_error(DictionaryKind::Regex, "secret(?!ary)");
    assert!(problem.to_string().contains("look-around"), "{problem}");
    let (_, problem) = line_error(DictionaryKind::Regex, r"(\w)\1");
    assert!(problem.to_string().contains("backreferences are not supported"), "{problem}");
}

#[test]
fn a_pattern_that_can_match_empty_text_is_refused() {
    for pattern in ["a*", r"\b", "(foo)?", "x{0,3}|y"] {
        assert_eq!(line_error(DictionaryKind::Regex, pattern), (1, LineProblem::MatchesEmpty), "{pattern}");
    }
}

#[test]
fn a_pattern_too_large_once_compiled_is_refused() {
    let (line, problem) = line_error(DictionaryKind::Regex, "ok\n\\w{50}");
    assert_eq!(line, 2);
    assert!(matches!(problem, LineProblem::TooComplex { .. }), "{problem:?}");
    assert!(problem.to_string().contains("too large once compiled"));
    assert!(parse(DictionaryKind::Regex, "\\w{40}").is_ok());
}

#[test]
fn an_entry_too_long_is_refused_with_its_line_number() {
    let long = "é".repeat(MAX_KEYWORD_CHARS + 1);
    let (line, problem) = line_error(DictionaryKind::Word, &format!("ok\n{long}"));
    assert_eq!(line, 2);
    assert_eq!(problem, LineProblem::TooLong { chars: MAX_KEYWORD_CHARS + 1, limit: MAX_KEYWORD_CHARS });
    assert!(parse(DictionaryKind::Word, &"é".repeat(MAX_KEYWORD_CHARS)).is_ok());
}

#[test]
fn invalid_utf8_is_refused_with_its_line_number() {
    let error = DictionaryContent::parse(DictionaryKind::Word, b"a\r\nb\n\xff\xfe").unwrap_err();
    assert_eq!(error, ContentError::Line { line: 3, problem: LineProblem::InvalidUtf8 });
    assert_eq!(error.to_string(), "line 3: not valid UTF-8");
}

#[test]
fn a_control_character_is_refused_but_a_tab_is_whitespace() {
    let (line, problem) = line_error(DictionaryKind::Word, "ok\nbad\u{0}word");
    assert_eq!((line, problem.to_string()), (2, "contains the control character U+0000".to_owned()));
    assert_eq!(entries(DictionaryKind::Word, "new\tyork"), ["new\tyork"]);
}

#[test]
fn too_many_entries_are_refused() {
    let lines = "a\n".repeat(MAX_PATTERNS + 1);
    assert_eq!(
        parse(DictionaryKind::Regex, &lines).unwrap_err(),
        ContentError::TooManyEntries { limit: MAX_PATTERNS }
    );
}

#[test]
fn content_too_large_is_refused() {
    let bytes = vec![b'a'; MAX_CONTENT_BYTES + 1];
    let error = DictionaryContent::parse(DictionaryKind::Word, &bytes).unwrap_err();
    assert!(matches!(error, ContentError::TooLarge { .. }));
}

#[test]
fn dictionary_types_parse_from_symphony_wire_values() {
    assert_eq!(DictionaryKind::parse("Word"), Some(DictionaryKind::Word));
    assert_eq!(DictionaryKind::parse("REGEX").map(DictionaryKind::as_str), Some("Regex"));
    assert_eq!(DictionaryKind::parse("Keyword"), None);
}
