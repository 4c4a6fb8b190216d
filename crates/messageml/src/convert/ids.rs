//! Generated ids (the reference's random ShortIDs for labels, checkbox groups and dialogs).
//!
//! A tiny splitmix64 stream: seeded randomly per message by default (std's `RandomState`
//! keys are random per process and per instance), or from a fixed seed for reproducible
//! output in tests.

const ALPHABET: &[u8; 64] = b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_-";

/// A generator of 10-character ShortIDs.
#[derive(Debug, Clone)]
pub(crate) struct IdGen {
    state: u64,
}

impl IdGen {
    /// A generator from a fixed seed.
    pub fn seeded(seed: u64) -> Self {
        Self { state: seed }
    }

    /// A generator with a random seed.
    pub fn random() -> Self {
        use std::hash::{BuildHasher, Hasher};
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u64(0x5eed);
        Self { state: h.finish() }
    }

    fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// The next ShortID.
    pub fn short_id(&mut self) -> String {
        let mut v = self.next_u64();
        (0..10)
            .map(|_| {
                let c = ALPHABET[(v & 63) as usize] as char;
                v >>= 6;
                c
            })
            .collect()
    }
}
