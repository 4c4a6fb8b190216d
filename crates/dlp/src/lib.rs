//! The matching engine of sympod's Data Loss Prevention: Symphony's Expression Filter.
//!
//! Pure and bounded: no I/O, no async, no globals. The API layer parses uploaded dictionaries
//! with [`DictionaryContent::parse`], maps stored policies to [`Policy`] (v1 through
//! [`V1Policy`]), builds a [`Matcher`] whenever they change, and asks it about texts with
//! [`Matcher::scan`], which answers a [`Verdict`].
//!
//! # Dictionary content
//!
//! A dictionary is `Word` (keywords) or `Regex` (patterns); its content is uploaded as a file:
//!
//! - UTF-8, with or without a byte-order mark; at most 4 MiB ([`MAX_CONTENT_BYTES`]).
//! - One entry per line. Lines end with LF, CRLF or a lone CR. Line numbers in errors are
//!   1-based and count every line, blank ones included.
//! - Each line is trimmed of leading and trailing whitespace (Unicode `White_Space`). To match
//!   a space at the edge of a pattern, write `\x20` or `[ ]`.
//! - Blank lines are skipped. There is no comment syntax: `#secret` is a keyword.
//! - Duplicates are dropped, the first kept: keywords compare case-insensitively with internal
//!   whitespace collapsed (`Bomb` and `BOMB` are one keyword), patterns compare as written.
//! - At most 100,000 keywords ([`MAX_KEYWORDS`]) or 1,000 patterns ([`MAX_PATTERNS`]) (non-blank
//!   lines, duplicates included); at most 256 characters per keyword ([`MAX_KEYWORD_CHARS`]),
//!   1,000 per pattern ([`MAX_PATTERN_CHARS`]).
//! - A line is refused, naming its number, when it is not UTF-8, contains a control character
//!   other than whitespace, is too long, or, for a pattern, does not parse (the error gives the
//!   column and the reason, such as "look-around ... is not supported"), nests groups deeper
//!   than 64 ([`MAX_PATTERN_NESTING`]), can match empty text (`a*`, `\b`, `x?` would match
//!   every text), or compiles larger than 2 MiB ([`MAX_PATTERN_COMPILED_BYTES`]; `\w{40}`
//!   fits, `\w{50}` does not). Error texts are in [`LineProblem`].
//! - [`DictionaryContent::to_text`] is the canonical form (trimmed entries, duplicates removed,
//!   each followed by LF): what to store and to return, base64-encoded, on download.
//!
//! # Keywords
//!
//! - **Case-insensitive**: text and keyword are compared after Unicode lowercasing, character
//!   by character (`char::to_lowercase`), with final sigma `ς` taken as `σ`. No other
//!   normalization: `é` precomposed and `e` + combining acute are different; `ß` is not `ss`.
//! - **Whitespace**: any run of whitespace inside a keyword matches any run of whitespace (one
//!   or more Unicode `White_Space` characters: spaces, tabs, line breaks, no-break spaces) in
//!   the text: `new york` matches `New   York` and `new\nyork`, not `new-york` or `newyork`.
//! - **Whole words**: a word character is a letter or digit of any script, `_`, or a combining
//!   mark. Where a keyword *starts* with a word character, the text character before the match
//!   must not be one; where it *ends* with one, the character after must not be one. So `bomb`
//!   matches `a bomb!` and `BOMB`, but not `bombastic`, `abomb`, `bombs`, `bombé` or `bomb_`
//!   (`_` is a word character); `4111` does not match inside `41111`, but does in `4111-1111`.
//!   An edge that is punctuation needs no boundary: `#secret` matches `x#secret` (not
//!   `#secrets`), `c++` matches `c++11`, `.net` matches `asp.net`. A keyword of punctuation only
//!   (`$$$`) matches anywhere.
//! - **Scripts without spaces**: letters of Han, Hiragana, Katakana, Thai, Lao, Khmer and
//!   Myanmar are not word characters, so `炸弹` matches inside `有炸弹吗`, and `bomb` matches in
//!   `有bomb吗`. Hangul, Arabic, Cyrillic, Greek and the like are word characters.
//! - Overlapping keywords all match: `new`, `york` and `new york` all match `new york`.
//!
//! # Patterns
//!
//! - The syntax of the Rust `regex` crate (<https://docs.rs/regex/1/regex/#syntax>), close to
//!   Java's for everyday use (classes, `\d`, `\s`, `\w`, `\b`, `{m,n}`, `(?:...)`, `(?i)`,
//!   named groups `(?P<n>...)` or `(?<n>...)`), but: no look-around (`(?=`, `(?!`, `(?<=`,
//!   `(?<!`), no backreferences (`\1`), no possessive quantifiers or atomic groups, no `\Q..\E`.
//!   Such patterns are refused at upload. In exchange, matching takes time linear in the text.
//! - Unicode-aware: `\d`, `\w`, `\s`, `\b` and `.` cover all scripts (`\d` matches `٣`; write
//!   `[0-9]` for ASCII digits, or `(?-u:\b)` for an ASCII word boundary).
//! - **Case-insensitive by default** (like keywords); `(?-i)` turns it off for the rest of the
//!   group or pattern: `(?-i)[A-Z]{3}` matches only capitals.
//! - A pattern matches anywhere: write `\b` to anchor on words. `^` and `$` are the start and
//!   end of the whole text (use `(?m)` for lines). `.` does not match a line break (`(?s)` does).
//!   The match reported is the leftmost, and among those starting there the one the pattern
//!   prefers (leftmost-first, as in Java).
//! - Matched against the original text, not the folded one: a space in a pattern is one space
//!   (use `\s+` for any whitespace).
//!
//! # Policies and verdict
//!
//! - Only enabled policies with at least one scope count; a text rule with no dictionary is
//!   ignored. A scan for a content type and scope considers the `appliesTo` entries with that
//!   content type of the enabled policies having that scope.
//! - A text rule matches when at least `min_unique_terms` (v3 `countUniqueOccurrences`; 0 and 1
//!   mean one) distinct terms of its dictionaries occur in any of the scanned texts. A policy
//!   matches when one of its rules does; its action is the strongest among the matching
//!   entries. The verdict's action is the strongest of the matched policies: `Block` over `Warn`
//!   over `LogOnly`; [`Verdict::blocks`] is true as soon as a `Block` policy matched.
//! - Each matched term is reported once per rule, with its policy, rule, dictionary (id, name,
//!   version), the entry as uploaded, and its first occurrence: which text, which byte range.
//! - Matches never span two texts. Scan what a person reads, not markup: a message's text
//!   rendering (tags would split or join words), each attachment name, a room's name,
//!   description and each keyword as separate texts.
//!
//! # Cost
//!
//! Keywords are compiled into one Aho-Corasick automaton run over the folded text; patterns
//! into combined regex sets, after which only the patterns a set reports run alone, near the
//! set's candidates. Scanning is linear in the text length for any input; compiled sizes and
//! lazy-DFA caches are bounded (the `MAX_*` constants, and internal limits in `limits.rs`).
//! See `benches/scan.rs` for measured figures: with 10,000 keywords and 100 patterns, a 4 KB
//! message scans in some 40 to 70 µs (the latter on a busy 2-core machine), 80 KB in about 1.4 ms;
//! building the matcher takes some 25 ms.

mod chars;
mod content;
mod fold;
mod keywords;
mod limits;
mod matcher;
mod owners;
mod pattern;
mod patterns;
mod policy;
mod verdict;

pub use content::{ContentError, DictionaryContent, DictionaryKind, LineProblem};
pub use limits::{
    MAX_CONTENT_BYTES, MAX_KEYWORD_CHARS, MAX_KEYWORDS, MAX_PATTERN_CHARS, MAX_PATTERN_COMPILED_BYTES,
    MAX_PATTERN_NESTING, MAX_PATTERNS,
};
pub use matcher::Matcher;
pub use policy::{Action, AppliesTo, ContentType, Dictionary, Policy, Scope, TextRule, V1Policy};
pub use verdict::{PolicyMatch, TermMatch, Verdict};
