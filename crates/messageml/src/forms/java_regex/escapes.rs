//! Character classes and escapes of Java's regex syntax.

use super::names::is_property;
use super::{Item, Parser, R, Tok, ensure};

impl Parser {
    /// After `[`: members, nested classes, `&&` intersections and ranges in order, up to `]`.
    /// A `]` before any member is a literal.
    pub(super) fn class(&mut self) -> R<()> {
        self.eat('^');
        let mut has_item = false;
        loop {
            self.skip_comments();
            match self.peek()? {
                Tok::Raw('[') => {
                    self.i += 1;
                    self.class()?;
                    has_item = true;
                }
                Tok::Raw('&') if self.peek_raw_at(1) == Some('&') => self.i += 2,
                Tok::Raw(']') if has_item => {
                    self.i += 1;
                    return Some(());
                }
                _ => {
                    let start = self.member()?;
                    has_item = true;
                    let dash =
                        self.peek_raw() == Some('-') && !matches!(self.peek_raw_at(1), Some(']' | '['));
                    if dash && !matches!(start, Item::Set) {
                        self.i += 1;
                        match (start, self.member()?) {
                            (Item::Char(a), Item::Char(b)) => ensure(b >= a)?,
                            (_, Item::Set) => return None,
                            _ => {}
                        }
                    }
                }
            }
        }
    }

    /// One class member: a character or an escape.
    fn member(&mut self) -> R<Item> {
        match self.next_char_tok()? {
            Tok::Raw('\\') => self.escape(true),
            Tok::Raw(c) | Tok::Lit(c) => Some(Item::Char(u32::from(c))),
        }
    }

    /// After `\`. Java refuses the ASCII letters it gives no meaning to, and inside a class
    /// also anchors, back references and `\k`; any other character stands for itself.
    pub(super) fn escape(&mut self, in_class: bool) -> R<Item> {
        let c = self.next_char()?;
        Some(match c {
            '0' => Item::Char(self.octal()?),
            '1'..='9' | 'b' | 'B' | 'A' | 'G' | 'Z' | 'z' | 'R' | 'X' | 'k' if in_class => return None,
            '1'..='9' | 'B' | 'A' | 'G' | 'Z' | 'z' | 'R' | 'X' => Item::Unknown,
            'b' => {
                // `\b{g}` is the grapheme-cluster boundary; another `{` is a quantifier.
                if self.peek_raw() == Some('{')
                    && self.peek_raw_at(1) == Some('g')
                    && self.peek_raw_at(2) == Some('}')
                {
                    self.i += 3;
                }
                Item::Unknown
            }
            'k' => {
                ensure(self.eat('<'))?;
                let name = self.group_name()?;
                ensure(self.names.contains(&name))?;
                Item::Unknown
            }
            'a' => Item::Char(7),
            'e' => Item::Char(0x1b),
            'f' => Item::Char(0x0c),
            'n' => Item::Char(0x0a),
            'r' => Item::Char(0x0d),
            't' => Item::Char(0x09),
            'c' => Item::Char(u32::from(self.next_char()?) ^ 64),
            'x' if self.eat('{') => {
                let v = self.hex(usize::MAX)?;
                ensure(self.eat('}') && v <= 0x10_FFFF)?;
                Item::Char(v)
            }
            'x' => Item::Char(self.hex_exact(2)?),
            'u' => Item::Char(self.hex_exact(4)?),
            'N' => {
                ensure(self.eat('{'))?;
                let start = self.i;
                while self.peek_raw().is_some_and(|c| c != '}') {
                    self.i += 1;
                }
                ensure(self.i > start && self.eat('}'))?;
                Item::Unknown
            }
            'd' | 'D' | 'h' | 'H' | 's' | 'S' | 'v' | 'V' | 'w' | 'W' => Item::Set,
            'p' | 'P' => {
                let name = if self.eat('{') {
                    let mut name = String::new();
                    loop {
                        match self.next_char()? {
                            '}' => break,
                            c => name.push(c),
                        }
                    }
                    name
                } else {
                    self.next_char()?.to_string()
                };
                ensure(is_property(&name))?;
                Item::Set
            }
            c if c.is_ascii_alphabetic() => return None,
            c => Item::Char(u32::from(c)),
        })
    }

    /// A group name: an ASCII letter, then letters and digits, then `>`.
    fn group_name(&mut self) -> R<String> {
        let mut name = String::new();
        while let Some(c) = self.peek_raw().filter(char::is_ascii_alphanumeric) {
            ensure(!name.is_empty() || c.is_ascii_alphabetic())?;
            name.push(c);
            self.i += 1;
        }
        ensure(!name.is_empty() && self.eat('>'))?;
        Some(name)
    }

    /// `\0` then one to three octal digits (three only up to `\0377`).
    fn octal(&mut self) -> R<u32> {
        let digit = |p: &Self, at: usize| p.peek_raw_at(at).and_then(|c| c.to_digit(8));
        let first = digit(self, 0)?;
        let mut v = first;
        self.i += 1;
        if let Some(d) = digit(self, 0) {
            v = v * 8 + d;
            self.i += 1;
            if first <= 3
                && let Some(d) = digit(self, 0)
            {
                v = v * 8 + d;
                self.i += 1;
            }
        }
        Some(v)
    }

    /// Up to `max` hexadecimal digits, at least one.
    fn hex(&mut self, max: usize) -> R<u32> {
        let mut v: u32 = 0;
        let mut n = 0;
        while n < max
            && let Some(d) = self.peek_raw().and_then(|c| c.to_digit(16))
        {
            v = v.saturating_mul(16).saturating_add(d);
            self.i += 1;
            n += 1;
        }
        ensure(n > 0)?;
        Some(v)
    }

    /// Exactly `n` hexadecimal digits.
    fn hex_exact(&mut self, n: usize) -> R<u32> {
        let start = self.i;
        let v = self.hex(n)?;
        ensure(self.i - start == n)?;
        Some(v)
    }
}
