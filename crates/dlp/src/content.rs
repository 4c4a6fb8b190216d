//! Dictionary content: the uploaded file, parsed into checked keywords or compiled patterns.
//!
//! The format (also in the crate doc): UTF-8 text, an optional byte-order mark, one entry per
//! line; lines end with LF, CRLF or a lone CR; each line is trimmed of Unicode whitespace; blank
//! lines are skipped; there is no comment syntax (`#secret` is a keyword, `#\d+` a pattern);
//! duplicates are dropped, keeping the first (keywords compare in folded form, so `Bomb` and
//! `BOMB` are duplicates; patterns compare as written). A line is refused, with its 1-based
//! number, when it is not UTF-8, holds a control character other than whitespace, is too long,
//! or (for patterns) does not compile, can match empty text, or compiles too large.

use std::collections::HashSet;

use crate::fold::fold_keyword;
use crate::limits::{MAX_CONTENT_BYTES, MAX_KEYWORD_CHARS, MAX_KEYWORDS, MAX_PATTERN_CHARS, MAX_PATTERNS};
use crate::pattern::{self, Pattern};

/// Symphony's dictionary types: `"Word"` (keywords) and `"Regex"` (patterns).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DictionaryKind {
    Word,
    Regex,
}

impl DictionaryKind {
    /// Parses Symphony's wire value, `"Word"` or `"Regex"` (any case).
    pub fn parse(value: &str) -> Option<Self> {
        if value.eq_ignore_ascii_case("word") {
            Some(Self::Word)
        } else if value.eq_ignore_ascii_case("regex") {
            Some(Self::Regex)
        } else {
            None
        }
    }

    /// Symphony's wire value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Word => "Word",
            Self::Regex => "Regex",
        }
    }
}

/// Why dictionary content was refused. The `Display` text is meant for the API error message.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ContentError {
    #[error("dictionary content is {size} bytes; the limit is {limit} bytes")]
    TooLarge { size: usize, limit: usize },
    #[error("dictionary content has more than {limit} entries")]
    TooManyEntries { limit: usize },
    #[error("line {line}: {problem}")]
    Line { line: usize, problem: LineProblem },
}

/// What is wrong with one line of dictionary content.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LineProblem {
    #[error("not valid UTF-8")]
    InvalidUtf8,
    #[error("contains the control character U+{0:04X}")]
    ControlCharacter(u32),
    #[error("entry is {chars} characters long; the limit is {limit}")]
    TooLong { chars: usize, limit: usize },
    #[error("invalid regular expression at column {column}: {message}")]
    InvalidRegex { column: usize, message: String },
    #[error("regular expression can match empty text, so it would match every text")]
    MatchesEmpty,
    #[error(
        "regular expression is too large once compiled (limit {limit} bytes); \
         use fewer or smaller repetitions or narrower character classes"
    )]
    TooComplex { limit: usize },
}

/// A keyword: as uploaded (trimmed), and in the folded form it is matched in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Keyword {
    pub(crate) term: String,
    pub(crate) folded: Vec<u8>,
}

#[derive(Clone, Debug, PartialEq)]
enum Entries {
    Words(Vec<Keyword>),
    Patterns(Vec<Pattern>),
}

/// The checked entries of one dictionary, ready for [`crate::Matcher::build`].
///
/// Build it once per upload (or when loading stored content) and share it; building compiles
/// every pattern. Two contents are equal when their entries are (whatever duplicates they had).
#[derive(Clone, Debug)]
pub struct DictionaryContent {
    entries: Entries,
    duplicates: usize,
}

impl PartialEq for DictionaryContent {
    fn eq(&self, other: &Self) -> bool {
        self.entries == other.entries
    }
}

impl DictionaryContent {
    /// A dictionary with no entries (a newly created dictionary).
    pub fn empty(kind: DictionaryKind) -> Self {
        let entries = match kind {
            DictionaryKind::Word => Entries::Words(Vec::new()),
            DictionaryKind::Regex => Entries::Patterns(Vec::new()),
        };
        Self { entries, duplicates: 0 }
    }

    /// Parses an uploaded dictionary file (format in the module doc). An empty file gives an
    /// empty dictionary.
    pub fn parse(kind: DictionaryKind, bytes: &[u8]) -> Result<Self, ContentError> {
        if bytes.len() > MAX_CONTENT_BYTES {
            return Err(ContentError::TooLarge { size: bytes.len(), limit: MAX_CONTENT_BYTES });
        }
        let text = std::str::from_utf8(bytes).map_err(|error| ContentError::Line {
            line: line_of(&bytes[..error.valid_up_to()]),
            problem: LineProblem::InvalidUtf8,
        })?;
        let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
        let limit = match kind {
            DictionaryKind::Word => MAX_KEYWORDS,
            DictionaryKind::Regex => MAX_PATTERNS,
        };
        let mut content = Self::empty(kind);
        let mut seen_keywords = HashSet::new();
        let mut seen_patterns = HashSet::new();
        let mut count = 0;
        for (index, raw) in lines(text).enumerate() {
            let entry = raw.trim();
            if entry.is_empty() {
                continue;
            }
            count += 1;
            if count > limit {
                return Err(ContentError::TooManyEntries { limit });
            }
            let line = index + 1;
            let at_line = |problem| ContentError::Line { line, problem };
            check_characters(entry, kind).map_err(at_line)?;
            match &mut content.entries {
                Entries::Words(words) => {
                    let folded = fold_keyword(entry);
                    if seen_keywords.insert(folded.clone()) {
                        words.push(Keyword { term: entry.to_owned(), folded });
                    } else {
                        content.duplicates += 1;
                    }
                }
                Entries::Patterns(patterns) => {
                    if seen_patterns.insert(entry) {
                        let leading = raw[..raw.len() - raw.trim_start().len()].chars().count();
                        patterns.push(pattern::compile(entry, leading).map_err(at_line)?);
                    } else {
                        content.duplicates += 1;
                    }
                }
            }
        }
        Ok(content)
    }

    /// The dictionary type.
    pub fn kind(&self) -> DictionaryKind {
        match self.entries {
            Entries::Words(_) => DictionaryKind::Word,
            Entries::Patterns(_) => DictionaryKind::Regex,
        }
    }

    /// Number of entries (Symphony's `numKeywords`).
    pub fn len(&self) -> usize {
        match &self.entries {
            Entries::Words(words) => words.len(),
            Entries::Patterns(patterns) => patterns.len(),
        }
    }

    /// Whether the dictionary has no entries.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// How many duplicate lines the upload held (dropped, the first occurrence kept).
    pub fn duplicates_dropped(&self) -> usize {
        self.duplicates
    }

    /// The entries, trimmed, in upload order, without duplicates.
    pub fn terms(&self) -> impl Iterator<Item = &str> {
        let (words, patterns) = match &self.entries {
            Entries::Words(words) => (words.as_slice(), &[][..]),
            Entries::Patterns(patterns) => (&[][..], patterns.as_slice()),
        };
        words.iter().map(|w| w.term.as_str()).chain(patterns.iter().map(|p| p.source.as_str()))
    }

    /// The term at `index` in [`Self::terms`] order.
    pub(crate) fn term(&self, index: usize) -> &str {
        match &self.entries {
            Entries::Words(words) => &words[index].term,
            Entries::Patterns(patterns) => &patterns[index].source,
        }
    }

    /// The canonical file: every entry followed by `\n`. Parsing it gives the same content, so
    /// it is what to store and what the download endpoint should return (base64-encoded).
    pub fn to_text(&self) -> String {
        self.terms().flat_map(|term| [term, "\n"]).collect()
    }

    pub(crate) fn keywords(&self) -> &[Keyword] {
        match &self.entries {
            Entries::Words(words) => words,
            Entries::Patterns(_) => &[],
        }
    }

    pub(crate) fn patterns(&self) -> &[Pattern] {
        match &self.entries {
            Entries::Words(_) => &[],
            Entries::Patterns(patterns) => patterns,
        }
    }
}

/// Splits on LF, CRLF and lone CR.
fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let current = rest?;
        match current.find(['\n', '\r']) {
            Some(end) => {
                let skip = if current[end..].starts_with("\r\n") { 2 } else { 1 };
                rest = Some(&current[end + skip..]).filter(|r| !r.is_empty());
                Some(&current[..end])
            }
            None => {
                rest = None;
                Some(current)
            }
        }
    })
}

/// The 1-based line on which the byte following `prefix` sits, counting lines as [`lines`] does.
fn line_of(prefix: &[u8]) -> usize {
    let crs = prefix
        .iter()
        .zip(prefix.iter().skip(1).chain([&0]))
        .filter(|(b, next)| **b == b'\r' && **next != b'\n');
    1 + prefix.iter().filter(|b| **b == b'\n').count() + crs.count()
}

fn check_characters(entry: &str, kind: DictionaryKind) -> Result<(), LineProblem> {
    if let Some(c) = entry.chars().find(|c| c.is_control() && !c.is_whitespace()) {
        return Err(LineProblem::ControlCharacter(c as u32));
    }
    let limit = match kind {
        DictionaryKind::Word => MAX_KEYWORD_CHARS,
        DictionaryKind::Regex => MAX_PATTERN_CHARS,
    };
    let chars = entry.chars().count();
    if chars > limit { Err(LineProblem::TooLong { chars, limit }) } else { Ok(()) }
}
