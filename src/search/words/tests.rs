use memchr::memmem::Finder;
use proptest::prelude::*;

use super::*;
use crate::text::fold;

/// What the scan counts: memmem's non-overlapping occurrences, capped.
fn scanned(body: &str, pattern: &str) -> u8 {
    Finder::new(pattern).find_iter(body.as_bytes()).take(BODY_CAP).count() as u8
}

/// The index's counts, however many postings it reads.
fn indexed(index: &BodyWords, pattern: &str, docs: usize) -> Option<Vec<u8>> {
    index.matches(pattern, &Finder::new(pattern), docs).map(|m| index.counts(&m))
}

fn check(bodies: &[String], pattern: &str, chunk: usize) -> Result<(), TestCaseError> {
    let refs: Vec<&str> = bodies.iter().map(String::as_str).collect();
    let index = BodyWords::build_chunked(refs.len(), &|d, f| f(refs[d]), chunk);
    prop_assert_eq!(index.docs(), bodies.len());
    prop_assert!(index.chunks().iter().all(Chunk::is_sound));
    match indexed(&index, pattern, bodies.len()) {
        Some(counts) => {
            let expected: Vec<u8> = bodies.iter().map(|b| scanned(b, pattern)).collect();
            prop_assert_eq!(counts, expected, "{:?} in {:?}", pattern, bodies);
        }
        None => prop_assert!(!is_word_pattern(pattern), "{:?} refused", pattern),
    }
    Ok(())
}

/// Words with accents, ligatures, apostrophes, hyphens, digits and Cyrillic, folded as bodies are.
fn texts() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec("[aeèrdœgn'’\\-1 .Пиу\u{301}]{0,40}".prop_map(|t| fold(&t)), 0..12)
}

proptest! {
    #[test]
    fn counts_equal_the_scan(bodies in texts(), pattern in "[aeèrdœgn'’\\-1 .Пиу\u{301}]{1,4}", chunk in 1usize..6) {
        check(&bodies, &fold(&pattern), chunk)?;
    }

    #[test]
    fn counts_of_word_patterns_equal_the_scan(bodies in texts(), pattern in "[aeèrdœgn1Пиу]{1,3}", chunk in 1usize..6) {
        let pattern = fold(&pattern);
        prop_assert!(is_word_pattern(&pattern));
        check(&bodies, &pattern, chunk)?;
    }

    /// Patterns cut from the bodies themselves occur, often several times.
    #[test]
    fn counts_of_present_patterns_equal_the_scan(
        bodies in texts(),
        pick in any::<prop::sample::Index>(),
        start in 0usize..40,
        len in 1usize..6,
        chunk in 1usize..6,
    ) {
        let all = bodies.concat();
        let chars: Vec<char> = all.chars().collect();
        prop_assume!(!chars.is_empty());
        let at = (start + pick.index(chars.len())) % chars.len();
        let pattern: String = chars[at..].iter().take(len).collect();
        check(&bodies, &pattern, chunk)?;
    }
}

#[test]
fn repeated_words_and_occurrences_in_a_word_are_counted_and_capped() {
    let bodies = ["erer er", "banana ana", "the the the the the the the the the", "", "l'onu"];
    let bodies: Vec<String> = bodies.iter().map(|b| b.to_string()).collect();
    for pattern in ["er", "ana", "an", "the", "onu", "l", "e", "zz", "9"] {
        check(&bodies, pattern, 2).unwrap();
        check(&bodies, pattern, 100).unwrap();
    }
    let refs: Vec<&str> = bodies.iter().map(String::as_str).collect();
    let index = BodyWords::of_bodies(&refs);
    assert_eq!(indexed(&index, "er", 5), Some(vec![3, 0, 0, 0, 0]));
    assert_eq!(indexed(&index, "the", 5), Some(vec![0, 0, 8, 0, 0]));
    assert_eq!(indexed(&index, "l'onu", 5), None, "an apostrophe is not a word character");
    assert_eq!(indexed(&index, "er", 4), None, "an index of another corpus");
}

proptest! {
    #[test]
    fn words_are_the_runs_of_alphanumeric_characters(text in "[aeèœ'’\\-1 .Пи\u{301}\u{5d0}\u{660}_]{0,30}") {
        let mut found = Vec::new();
        build::for_each_word(&text, |w| found.push(w.to_string()));
        let expected: Vec<String> =
            text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(String::from).collect();
        prop_assert_eq!(found, expected);
    }
}

#[test]
fn a_chunk_survives_bincode() {
    let bodies = ["the war", "Путин the"];
    let index = BodyWords::of_bodies(&bodies);
    let bytes = bincode::serialize(&index).unwrap();
    let back: BodyWords = bincode::deserialize(&bytes).unwrap();
    assert_eq!(back, index);
    assert!(back.chunks().iter().all(Chunk::is_sound));
}
