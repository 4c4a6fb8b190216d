//! Case folding, whitespace collapsing and word marks: the normal form keywords are matched in.
//!
//! A keyword and a text are folded the same way ([`fold_keyword`], [`fold_text`]), then the
//! keyword automaton runs over the folded text. Folding lowercases, turns each whitespace run
//! into one space, and brackets every run of word characters with two marker bytes
//! (`WORD_START`, `WORD_END`). The markers turn "whole words only" into plain substring
//! matching: `bomb` folds to `⟨bomb⟩`, which occurs in `a ⟨bomb⟩!` but not in `⟨bombastic⟩` or
//! `⟨abomb⟩`; `#secret` folds to `#⟨secret⟩`, which occurs in `⟨x⟩#⟨secret⟩` (no boundary is
//! asked before `#`). So the automaton reports only real matches, however many keywords are
//! fragments of ordinary words.
//!
//! Folding changes lengths (`İ` lowercases to two characters, markers are added, spaces
//! collapse), and matches are reported in original offsets. Most texts match nothing, so
//! folding keeps only a checkpoint of its state every few dozen bytes; mapping a match back
//! folds again from the checkpoint before it, this time noting where each byte came from.

use std::ops::Range;

use crate::chars::{ASCII, Class, class_of, push_folded};

/// Marks the start of a run of word characters in folded text.
const WORD_START: u8 = 0x02;
/// Marks the end of a run of word characters in folded text.
const WORD_END: u8 = 0x03;
/// Stands, in folded text, for a control character of the original (which no keyword holds),
/// so that a marker byte in the original text cannot pass for a marker.
const CONTROL: u8 = 0x00;
/// Original bytes between checkpoints (about: a checkpoint is taken between characters).
const CHECKPOINT_BYTES: usize = 64;

/// The folding state between two characters: enough to resume folding there.
#[derive(Clone, Copy, Debug, Default)]
struct State {
    /// Offset in the original text of the next character.
    at: usize,
    /// Length of the folded text so far.
    folded: usize,
    in_space: bool,
    in_word: bool,
    /// Offset of the last character folded, for the word-end marker that follows it.
    last_at: usize,
}

/// The folding state machine, shared by keywords and texts so that both fold identically.
struct Folder {
    text: Vec<u8>,
    state: State,
    /// For each byte of `text`, the offset of the original character it stands for; only
    /// when mapping a match back.
    origin: Option<Vec<usize>>,
    /// The state every [`CHECKPOINT_BYTES`] or so; only when folding a whole text.
    checkpoints: Option<Vec<State>>,
}

impl Folder {
    /// Folds `input` from `state` until the folded text (counted from `state`) reaches `until`
    /// bytes, or to the end.
    fn run(&mut self, input: &str, until: usize) {
        let bytes = input.as_bytes();
        let mut at = self.state.at;
        let mut next_checkpoint = at;
        while at < bytes.len() && self.text.len() < until {
            if let Some(checkpoints) = &mut self.checkpoints
                && at >= next_checkpoint
            {
                checkpoints.push(State { at, folded: self.text.len(), ..self.state });
                next_checkpoint = at + CHECKPOINT_BYTES;
            }
            let byte = bytes[at];
            if byte.is_ascii() && ASCII[byte as usize] == Class::Word {
                // A run of ASCII word characters, copied in one go: most of any text. At most a
                // checkpoint's worth, so that checkpoints stay close in long words too.
                let limit = bytes.len().min(at + CHECKPOINT_BYTES);
                let end = at + bytes[at..limit].iter().take_while(|b| ASCII_WORD[**b as usize]).count();
                self.enter(at, Class::Word);
                self.text.extend(bytes[at..end].iter().map(u8::to_ascii_lowercase));
                if let Some(origin) = &mut self.origin {
                    origin.extend(at..end);
                }
                self.state.last_at = end - 1;
                at = end;
            } else if byte.is_ascii() {
                let class = ASCII[byte as usize];
                if self.enter(at, class) {
                    self.text.push(if class == Class::Control { CONTROL } else { byte.to_ascii_lowercase() });
                    self.mark_origin(at);
                }
                at += 1;
            } else {
                let c = input[at..].chars().next().unwrap_or_default();
                let class = class_of(c);
                if self.enter(at, class) {
                    if class == Class::Control {
                        self.text.push(CONTROL);
                    } else {
                        push_folded(c, &mut self.text);
                    }
                    self.mark_origin(at);
                }
                at += c.len_utf8();
            }
        }
        self.state.at = at;
        if at == bytes.len() {
            self.end_word();
        }
    }

    /// Updates the markers and the whitespace state for a character of `class` at `at`; false
    /// when the character itself adds nothing (whitespace, folded into one space).
    fn enter(&mut self, at: usize, class: Class) -> bool {
        match class {
            Class::Space => {
                self.end_word();
                if !self.state.in_space {
                    self.text.push(b' ');
                    self.mark_origin(at);
                    self.state.in_space = true;
                }
                return false;
            }
            Class::Word if !self.state.in_word => {
                self.text.push(WORD_START);
                self.mark_origin(at);
                self.state.in_word = true;
            }
            Class::Word => {}
            Class::Other | Class::Control => self.end_word(),
        }
        self.state.in_space = false;
        self.state.last_at = at;
        true
    }

    /// Records that the bytes pushed since the last call stand for the character at `at`.
    fn mark_origin(&mut self, at: usize) {
        if let Some(origin) = &mut self.origin {
            origin.resize(self.text.len(), at);
        }
    }

    fn end_word(&mut self) {
        if self.state.in_word {
            self.text.push(WORD_END);
            self.mark_origin(self.state.last_at);
            self.state.in_word = false;
        }
    }
}

/// Which ASCII bytes are word characters, for the run loop.
const ASCII_WORD: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 128 {
        table[byte] = matches!(ASCII[byte], Class::Word);
        byte += 1;
    }
    table
};

/// Folds a keyword (trimmed, free of control characters).
pub(crate) fn fold_keyword(term: &str) -> Vec<u8> {
    let mut folder = Folder { text: Vec::new(), state: State::default(), origin: None, checkpoints: None };
    folder.run(term, usize::MAX);
    folder.text
}

/// A text in keyword normal form, with checkpoints to map folded offsets back.
pub(crate) struct Folded {
    pub(crate) text: Vec<u8>,
    checkpoints: Vec<State>,
}

/// Folds a text the way [`fold_keyword`] folds a keyword.
pub(crate) fn fold_text(text: &str) -> Folded {
    let capacity = text.len() + text.len() / 4 + 8;
    let mut folder = Folder {
        text: Vec::with_capacity(capacity),
        state: State::default(),
        origin: None,
        checkpoints: Some(Vec::with_capacity(text.len() / CHECKPOINT_BYTES + 2)),
    };
    folder.run(text, usize::MAX);
    Folded { text: folder.text, checkpoints: folder.checkpoints.unwrap_or_default() }
}

impl Folded {
    /// The original byte range of the folded range `range` of `original`'s folding. The range
    /// must be non-empty and must not end in a collapsed whitespace run (keywords never do).
    pub(crate) fn original_range(&self, original: &str, range: Range<usize>) -> Range<usize> {
        let index = self.checkpoints.partition_point(|c| c.folded <= range.start);
        let checkpoint = index.checked_sub(1).map_or_else(State::default, |i| self.checkpoints[i]);
        let mut folder =
            Folder { text: Vec::new(), state: checkpoint, origin: Some(Vec::new()), checkpoints: None };
        folder.run(original, range.end - checkpoint.folded);
        let origin = folder.origin.unwrap_or_default();
        let start = origin[range.start - checkpoint.folded];
        let last = origin[range.end - 1 - checkpoint.folded];
        let width = original[last..].chars().next().map_or(0, char::len_utf8);
        start..last + width
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(haystack: &[u8], needle: &[u8]) -> usize {
        haystack.windows(needle.len()).position(|w| w == needle).unwrap()
    }

    #[test]
    fn folding_lowercases_marks_words_and_collapses_whitespace_runs() {
        assert_eq!(fold_keyword("New \t York"), b"\x02new\x03 \x02york\x03");
        assert_eq!(fold_text("A  B\n\n#C").text, b"\x02a\x03 \x02b\x03 #\x02c\x03");
    }

    #[test]
    fn final_sigma_folds_to_sigma() {
        assert_eq!(fold_keyword("ΟΔΟΣ"), fold_keyword("οδος"));
    }

    #[test]
    fn a_folded_range_maps_back_to_the_original_bytes() {
        let text = "x  İstanbul  Ünïcode";
        let folded = fold_text(text);
        let word = fold_keyword("ünïcode");
        let at = find(&folded.text, &word);
        assert_eq!(&text[folded.original_range(text, at..at + word.len())], "Ünïcode");
        let at = find(&folded.text, b"stanbul");
        assert_eq!(&text[folded.original_range(text, at - 4..at + 8)], "İstanbul");
    }

    #[test]
    fn a_range_far_into_a_long_text_maps_back_through_its_checkpoint() {
        let text = format!("{}Straße  {}  ÉTÉ {}", "word é ".repeat(500), "x".repeat(300), "y".repeat(200));
        let folded = fold_text(&text);
        assert!(folded.checkpoints.len() > 40);
        for keyword in ["straße", "été"] {
            let word = fold_keyword(keyword);
            let at = find(&folded.text, &word);
            let range = folded.original_range(&text, at..at + word.len());
            assert_eq!(text[range].to_lowercase(), keyword);
        }
    }

    #[test]
    fn a_control_character_of_the_text_cannot_pass_for_a_word_marker() {
        assert_eq!(fold_text("\u{2}x\u{3}").text, b"\0\x02x\x03\0");
    }
}
