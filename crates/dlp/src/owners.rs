//! Who owns a compiled term: the same keyword or pattern may sit in several dictionaries and
//! rules, but is compiled once; each compiled term keeps the list of places it comes from.

/// One place a term comes from: `rule` indexes the matcher's rules, `dictionary` that rule's
/// dictionaries, `term` that dictionary's entries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Owner {
    pub(crate) rule: u32,
    pub(crate) dictionary: u32,
    pub(crate) term: u32,
}

/// The owners of every compiled term, in one flat list: the owners of term `id` are
/// `list[start[id]..start[id + 1]]`.
pub(crate) struct Owners {
    start: Vec<u32>,
    list: Vec<Owner>,
}

impl Owners {
    /// From `(compiled term id, owner)` pairs; `terms` is the number of compiled terms.
    pub(crate) fn new(terms: usize, mut pairs: Vec<(u32, Owner)>) -> Self {
        pairs.sort_unstable();
        let mut start = Vec::with_capacity(terms + 1);
        let mut next = 0;
        for id in 0..=terms {
            while next < pairs.len() && (pairs[next].0 as usize) < id {
                next += 1;
            }
            start.push(index(next));
        }
        Owners { start, list: pairs.into_iter().map(|(_, owner)| owner).collect() }
    }

    pub(crate) fn of(&self, id: usize) -> &[Owner] {
        &self.list[self.start[id] as usize..self.start[id + 1] as usize]
    }
}

/// Indexes are stored as `u32`: a matcher holds far fewer than four billion terms or rules.
pub(crate) fn index(value: usize) -> u32 {
    u32::try_from(value).expect("fewer than 2^32 terms and rules")
}
