//! Character classes for keyword matching: word characters, whitespace, and case folding.

/// How folding treats a character.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Class {
    Word,
    Space,
    Other,
    Control,
}

/// The class of every ASCII character: the fast path of folding.
pub(crate) const ASCII: [Class; 128] = {
    let mut table = [Class::Other; 128];
    let mut byte = 0;
    while byte < 128 {
        table[byte] = match byte as u8 {
            b'0'..=b'9' | b'a'..=b'z' | b'A'..=b'Z' | b'_' => Class::Word,
            b'\t'..=b'\r' | b' ' => Class::Space,
            0..=0x1F | 0x7F => Class::Control,
            _ => Class::Other,
        };
        byte += 1;
    }
    table
};

/// The class of any character: whitespace is Unicode `White_Space`, word characters are those
/// of [`is_word_char`].
pub(crate) fn class_of(c: char) -> Class {
    if c.is_ascii() {
        ASCII[c as usize]
    } else if c.is_whitespace() {
        Class::Space
    } else if c.is_control() {
        Class::Control
    } else if is_word_char(c) {
        Class::Word
    } else {
        Class::Other
    }
}

/// Appends the case-folded form of non-ASCII `c`: its Unicode lowercase mapping
/// (`char::to_lowercase`), with final sigma `ς` folded to `σ` so that `ΟΔΟΣ`, `οδος` and `οδοσ`
/// are all equal.
pub(crate) fn push_folded(c: char, out: &mut Vec<u8>) {
    let mut buffer = [0; 4];
    for lower in c.to_lowercase() {
        let lower = if lower == 'ς' { 'σ' } else { lower };
        out.extend_from_slice(lower.encode_utf8(&mut buffer).as_bytes());
    }
}

/// Whether `c` is a word character for keyword boundaries: a letter or digit of any script
/// (`char::is_alphanumeric`), `_`, or a combining mark (so an accent written as a separate
/// code point does not end a word). Letters of scripts written without spaces between words
/// (Han, Hiragana, Katakana, Thai, Lao, Khmer, Myanmar) are *not* word characters: a whole-word
/// rule would otherwise never let a keyword match inside a sentence of those scripts.
pub(crate) fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    if is_unsegmented(c) {
        return false;
    }
    c.is_alphanumeric() || is_combining_mark(c)
}

fn is_unsegmented(c: char) -> bool {
    matches!(c as u32,
        0x0E00..=0x0EFF // Thai, Lao
        | 0x1000..=0x109F // Myanmar
        | 0x1780..=0x17FF // Khmer
        | 0x19E0..=0x19FF // Khmer symbols
        | 0x3040..=0x30FF // Hiragana, Katakana
        | 0x31F0..=0x31FF // Katakana phonetic extensions
        | 0x3400..=0x4DBF // CJK extension A
        | 0x4E00..=0x9FFF // CJK unified ideographs
        | 0xF900..=0xFAFF // CJK compatibility ideographs
        | 0xFF66..=0xFF9F // halfwidth Katakana
        | 0x20000..=0x3FFFF // CJK extensions B and later
    )
}

fn is_combining_mark(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn han_and_thai_letters_are_not_word_characters_but_greek_letters_are() {
        assert!(!is_word_char('炸'));
        assert!(!is_word_char('ก'));
        assert!(is_word_char('λ'));
        assert!(is_word_char('\u{301}'));
        assert!(is_word_char('٣'));
        assert!(!is_word_char('-'));
    }

    #[test]
    fn the_ascii_table_agrees_with_the_general_rule() {
        for byte in 0..128u8 {
            let c = char::from(byte);
            let expected = if c.is_whitespace() {
                Class::Space
            } else if c.is_control() {
                Class::Control
            } else if is_word_char(c) {
                Class::Word
            } else {
                Class::Other
            };
            assert_eq!(ASCII[byte as usize], expected, "{byte:#x}");
        }
    }
}
