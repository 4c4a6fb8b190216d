//! The pattern index: every distinct pattern of the enabled policies, as prefilters in combined
//! `RegexSet`s run once over the text; only the patterns a set reports run alone, to confirm
//! the match and find where it is (see `pattern.rs` for why the set runs prefilters).

use std::collections::HashMap;
use std::ops::Range;

use regex::{RegexSet, RegexSetBuilder};

use crate::limits::{MAX_PATTERN_COMPILED_BYTES, MAX_PATTERN_NESTING, SET_COMPILED_BYTES, SET_DFA_BYTES};
use crate::owners::{Owner, Owners, index};
use crate::pattern::Pattern;

pub(crate) struct PatternIndex {
    /// Each set with the id of its first pattern; sets cover consecutive ids. `None` stands for
    /// a lone pattern whose prefilter would not compile as a set: its exact regex runs instead.
    sets: Vec<(usize, Option<RegexSet>)>,
    patterns: Vec<Pattern>,
    owners: Owners,
}

impl PatternIndex {
    /// Builds the index from `(pattern, owner)` pairs; `None` when there are none.
    pub(crate) fn build<'a>(patterns: impl Iterator<Item = (&'a Pattern, Owner)>) -> Option<Self> {
        let mut ids: HashMap<&str, u32> = HashMap::new();
        let mut unique: Vec<&Pattern> = Vec::new();
        let mut pairs = Vec::new();
        for (pattern, owner) in patterns {
            let id = *ids.entry(pattern.source.as_str()).or_insert_with(|| {
                unique.push(pattern);
                index(unique.len() - 1)
            });
            pairs.push((id, owner));
        }
        if unique.is_empty() {
            return None;
        }
        let prefilters: Vec<&str> = unique.iter().map(|p| p.prefilter.as_str()).collect();
        let mut sets = Vec::new();
        build_sets(&prefilters, 0, SET_COMPILED_BYTES, &mut sets);
        let owners = Owners::new(unique.len(), pairs);
        Some(PatternIndex { sets, patterns: unique.into_iter().cloned().collect(), owners })
    }

    /// Number of distinct patterns.
    pub(crate) fn len(&self) -> usize {
        self.patterns.len()
    }

    /// Calls `hit` for every owner, among those `wanted` accepts, of every pattern matching
    /// `text`, with the byte range of the pattern's leftmost-first match.
    pub(crate) fn scan(
        &self,
        text: &str,
        wanted: impl Fn(&Owner) -> bool,
        mut hit: impl FnMut(Owner, Range<usize>),
    ) {
        for (base, set) in &self.sets {
            let candidates: Vec<usize> = match set {
                Some(set) => set.matches(text).iter().map(|offset| base + offset).collect(),
                None => vec![*base],
            };
            for id in candidates {
                let owners = self.owners.of(id);
                if !owners.iter().any(&wanted) {
                    continue;
                }
                if let Some(found) = self.patterns[id].find(text) {
                    for owner in owners.iter().filter(|o| wanted(o)) {
                        hit(*owner, found.clone());
                    }
                }
            }
        }
    }
}

/// Compiles `prefilters` into sets of at most `limit` compiled bytes, halving on overflow.
fn build_sets(prefilters: &[&str], base: usize, limit: usize, sets: &mut Vec<(usize, Option<RegexSet>)>) {
    let limit = if prefilters.len() == 1 { MAX_PATTERN_COMPILED_BYTES } else { limit };
    let built = RegexSetBuilder::new(prefilters)
        .case_insensitive(true)
        .nest_limit(MAX_PATTERN_NESTING)
        .size_limit(limit)
        .dfa_size_limit(SET_DFA_BYTES)
        .build();
    match built {
        Ok(set) => sets.push((base, Some(set))),
        Err(_) if prefilters.len() > 1 => {
            let half = prefilters.len() / 2;
            build_sets(&prefilters[..half], base, limit, sets);
            build_sets(&prefilters[half..], base + half, limit, sets);
        }
        // Not expected (the prefilter compiled with these options at upload), but harmless.
        Err(_) => sets.push((base, None)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_too_big_for_one_set_are_split_into_sets_that_fit() {
        let prefilters: Vec<String> = (0..10).map(|i| format!(r"code{i}\w{{2}}")).collect();
        let prefilters: Vec<&str> = prefilters.iter().map(String::as_str).collect();
        let mut sets = Vec::new();
        build_sets(&prefilters, 0, 300 * 1024, &mut sets);
        assert!(sets.len() > 1 && sets.iter().all(|(_, set)| set.is_some()), "{}", sets.len());
        let matched: Vec<usize> = sets
            .iter()
            .flat_map(|(base, set)| {
                set.as_ref().unwrap().matches("CODE3ab code9éé").into_iter().map(move |i| base + i)
            })
            .collect();
        assert_eq!(matched, [3, 9]);
    }
}
