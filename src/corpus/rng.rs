//! A small, fixed pseudo-random number generator and a Zipf sampler.
//!
//! The corpus must be byte-identical for the same options on every machine and
//! with every version of briefing's dependencies. The `rand` crate does not
//! promise that: `StdRng` may change its algorithm between releases, and its
//! distributions have changed how they consume the stream. So the generator is
//! SplitMix64 (Steele, Lea and Flood, 2014), written out here; its output is
//! fixed by the constants below and nothing else.
//!
//! Floating point is used only where IEEE 754 fixes the result bit for bit
//! (`+`, `*`, `/` and comparisons); no `powf`, `ln` or `exp`, whose results may
//! differ between platform math libraries.

/// SplitMix64: one 64-bit state, advanced by a constant and mixed.
#[derive(Debug, Clone)]
pub struct Rng {
    state: u64,
}

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng { state: seed }
    }

    /// An independent stream for item `index` of a run seeded with `seed`, so
    /// that one article's text does not depend on the articles before it.
    pub fn for_item(seed: u64, stream: u64, index: u64) -> Rng {
        let mut mixer = Rng::new(seed ^ stream.wrapping_mul(0xA076_1D64_78BD_642F));
        let base = mixer.next_u64();
        Rng::new(base ^ index.wrapping_mul(0xE703_7ED1_A0B4_28DB))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` by multiply-shift (Lemire), without the rejection
    /// step: the bias is below n / 2⁶⁴, far under anything a corpus shows.
    /// `n` must be positive.
    pub fn below(&mut self, n: usize) -> usize {
        debug_assert!(n > 0);
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// A number in `low..=high`.
    pub fn between(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high - low + 1)
    }

    /// True with probability `percent` / 100.
    pub fn percent(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// One of `words`; [`Rng::pick`] for word lists, where type inference
    /// would otherwise look for a `[str]`.
    pub fn word<'a>(&mut self, words: &'a [String]) -> &'a str {
        self.pick::<String>(words)
    }

    /// A float in `[0, 1)` with 53 random bits.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }
}

/// Draws ranks `0..n` with probability proportional to `1 / (rank + 1)`: a
/// Zipf law with exponent 1, as word and name frequencies in news roughly follow.
#[derive(Debug, Clone)]
pub struct Zipf {
    /// Cumulative weights, the last one being the total.
    cumulative: Vec<f64>,
}

impl Zipf {
    pub fn new(n: usize) -> Zipf {
        let mut total = 0.0;
        let cumulative = (1..=n)
            .map(|rank| {
                total += 1.0 / rank as f64;
                total
            })
            .collect();
        Zipf { cumulative }
    }

    pub fn sample(&self, rng: &mut Rng) -> usize {
        let total = *self
            .cumulative
            .last()
            .expect("a Zipf law over at least one rank");
        let target = rng.unit() * total;
        self.cumulative
            .partition_point(|&c| c <= target)
            .min(self.cumulative.len() - 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitmix_matches_the_reference_stream() {
        // First outputs of SplitMix64 seeded with 0, as published with the algorithm.
        let mut rng = Rng::new(0);
        assert_eq!(rng.next_u64(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(rng.next_u64(), 0x6E78_9E6A_A1B9_65F4);
    }

    #[test]
    fn below_stays_in_range() {
        let mut rng = Rng::new(7);
        assert!((0..10_000).all(|_| rng.below(3) < 3));
    }

    #[test]
    fn zipf_prefers_low_ranks() {
        let zipf = Zipf::new(100);
        let mut rng = Rng::new(1);
        let mut counts = [0usize; 100];
        for _ in 0..20_000 {
            counts[zipf.sample(&mut rng)] += 1;
        }
        assert!(counts[0] > 5 * counts[9]);
        assert!(counts[9] > counts[99]);
    }
}
