//! Every bound the engine enforces, in one place, so the API layer can quote them.
//!
//! Content limits are checked when a dictionary is uploaded ([`crate::DictionaryContent::parse`]);
//! regex limits are applied when each pattern is compiled, so a pattern that would make scanning
//! expensive is refused at upload time, with its line number, rather than discovered on a message.

/// Largest dictionary file accepted, in bytes (before any trimming).
pub const MAX_CONTENT_BYTES: usize = 4 * 1024 * 1024;

/// Most entries (non-blank lines) in a `Word` dictionary.
pub const MAX_KEYWORDS: usize = 100_000;

/// Most entries (non-blank lines) in a `Regex` dictionary. Each pattern costs a compilation at
/// upload and a share of the combined pattern set at scan time, hence the lower bound.
pub const MAX_PATTERNS: usize = 1_000;

/// Longest keyword, in characters (Unicode scalar values), after trimming.
pub const MAX_KEYWORD_CHARS: usize = 256;

/// Longest pattern, in characters (Unicode scalar values), after trimming.
pub const MAX_PATTERN_CHARS: usize = 1_000;

/// Largest compiled form (Thompson NFA) of one pattern, in bytes. Unicode classes are big:
/// `\w` alone is about 50 KB (`\d` 5 KB), so `\w{40}` fits but `\w{50}` does not. The
/// `regex` crate's own default is 10 MiB.
pub const MAX_PATTERN_COMPILED_BYTES: usize = 2 * 1024 * 1024;

/// Deepest nesting of groups and repetitions in one pattern.
pub const MAX_PATTERN_NESTING: u32 = 64;

/// Lazy-DFA cache of one pattern (used to find the exact match). When a search needs more, the
/// regex crate falls back to a slower engine that is still linear in the text length.
pub(crate) const PATTERN_DFA_BYTES: usize = 2 * 1024 * 1024;

/// Largest compiled form of one combined pattern set. Sets that would exceed it are split in
/// two until each part fits (every single pattern fits, by [`MAX_PATTERN_COMPILED_BYTES`]).
pub(crate) const SET_COMPILED_BYTES: usize = 16 * 1024 * 1024;

/// Lazy-DFA cache of one combined pattern set (per scanning thread, grown only as needed).
/// Measured on 80 KB of text built to blow up the DFA of three hostile patterns among 100: a
/// 16 MiB cache holds the states and scans in about 8 ms; a 2 MiB cache gives up and falls back
/// to the slower engine, about 100 ms (8 MiB was worse still: it builds more before giving up).
/// Ordinary text uses a few hundred KB.
pub(crate) const SET_DFA_BYTES: usize = 16 * 1024 * 1024;
