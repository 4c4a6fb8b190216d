//! The keyword index: every distinct folded keyword of the enabled policies in one Aho-Corasick
//! automaton, run once over the folded text. Folding marks word boundaries (see `fold.rs`), so
//! every occurrence the automaton reports is a whole-word match: there is nothing to filter.

use std::collections::HashMap;
use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use crate::fold::fold_text;
use crate::owners::{Owner, Owners, index};

pub(crate) struct KeywordIndex {
    automaton: AhoCorasick,
    keywords: usize,
    owners: Owners,
}

impl KeywordIndex {
    /// Builds the index from `(folded keyword, owner)` pairs; `None` when there are none.
    pub(crate) fn build<'a>(keywords: impl Iterator<Item = (&'a [u8], Owner)>) -> Option<Self> {
        let mut ids: HashMap<&[u8], u32> = HashMap::new();
        let mut folded: Vec<&[u8]> = Vec::new();
        let mut pairs = Vec::new();
        for (keyword, owner) in keywords {
            let id = *ids.entry(keyword).or_insert_with(|| {
                folded.push(keyword);
                index(folded.len() - 1)
            });
            pairs.push((id, owner));
        }
        if folded.is_empty() {
            return None;
        }
        // Standard semantics is the one that reports overlapping matches: "new" and "new york"
        // both match "new york". A contiguous NFA: a DFA runs some 25% faster but takes twenty
        // times the memory (22 MB for 10,000 keywords, growing with them), and ten times longer
        // to build.
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(&folded)
            .or_else(|_| AhoCorasick::builder().match_kind(MatchKind::Standard).build(&folded))
            .expect("keywords are bounded in number and length");
        Some(KeywordIndex { automaton, keywords: folded.len(), owners: Owners::new(folded.len(), pairs) })
    }

    /// Number of distinct folded keywords.
    pub(crate) fn len(&self) -> usize {
        self.keywords
    }

    /// Calls `hit` for every owner of every keyword occurring in `text`, with the original byte
    /// range of the keyword's first occurrence.
    pub(crate) fn scan(&self, text: &str, mut hit: impl FnMut(Owner, Range<usize>)) {
        let folded = fold_text(text);
        // Keywords already reported, as a bit set allocated at the first match: a text may hold
        // a keyword thousands of times, and only its first occurrence is wanted.
        let mut reported: Vec<u64> = Vec::new();
        for found in self.automaton.find_overlapping_iter(&folded.text) {
            let id = found.pattern().as_usize();
            if reported.is_empty() {
                reported = vec![0; self.keywords.div_ceil(64)];
            }
            let (slot, bit) = (id / 64, 1 << (id % 64));
            if reported[slot] & bit != 0 {
                continue;
            }
            reported[slot] |= bit;
            let range = folded.original_range(text, found.range());
            for owner in self.owners.of(id) {
                hit(*owner, range.clone());
            }
        }
    }
}
