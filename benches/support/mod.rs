//! What the benches share: a tiny deterministic generator (xorshift), so runs compare, and
//! sentences drawn from a bench's own word and name lists.

pub struct Rng(pub u64);

impl Rng {
    pub fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }

    /// `n` words from `words`, one in about `names_every` taken from `names` instead.
    pub fn words(&mut self, n: usize, names_every: usize, words: &[&str], names: &[&str]) -> String {
        let mut out = Vec::with_capacity(n);
        for _ in 0..n {
            let w = if self.below(names_every) == 0 {
                names[self.below(names.len())]
            } else {
                words[self.below(words.len())]
            };
            out.push(w);
        }
        out.join(" ")
    }
}
