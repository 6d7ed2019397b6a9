//! Properties of the merge: whatever order copies meet in, they end up equal, and merging what
//! one already has changes nothing. This is what lets two dossiers share a file.

use std::collections::BTreeMap;

use proptest::prelude::*;

use super::state::{DocRecord, ReviewState, Stamped};

fn stamped<T: std::fmt::Debug + Clone + 'static>(
    value: impl Strategy<Value = T>,
) -> impl Strategy<Value = Stamped<T>> {
    // Few distinct times, so that ties (broken by value) are common.
    (value, 0u64..4).prop_map(|(value, changed)| Stamped { value, changed })
}

fn record() -> impl Strategy<Value = DocRecord> {
    (
        "[ab]",
        proptest::option::of(stamped(any::<bool>())),
        proptest::option::of(stamped(any::<bool>())),
        proptest::collection::btree_map("[xyz]", stamped(any::<bool>()), 0..3),
        proptest::option::of(stamped("[pq]{0,2}")),
    )
        .prop_map(|(hash, reviewed, flagged, labels, note)| DocRecord {
            hash,
            reviewed,
            flagged,
            labels,
            note,
        })
}

fn state() -> impl Strategy<Value = ReviewState> {
    proptest::collection::btree_map("[kl]", record(), 0..3)
        .prop_map(|records: BTreeMap<String, DocRecord>| ReviewState { records })
}

fn merged(mut a: ReviewState, b: &ReviewState) -> ReviewState {
    a.merge(b.clone());
    a
}

proptest! {
    #[test]
    fn merge_is_commutative(a in state(), b in state()) {
        prop_assert_eq!(merged(a.clone(), &b), merged(b, &a));
    }

    #[test]
    fn merge_is_associative(a in state(), b in state(), c in state()) {
        let left = merged(merged(a.clone(), &b), &c);
        let right = merged(a, &merged(b, &c));
        prop_assert_eq!(left, right);
    }

    #[test]
    fn merge_is_idempotent_and_reports_no_change(a in state(), b in state()) {
        let mut ab = merged(a, &b);
        let before = ab.clone();
        prop_assert!(ab.merge(b).is_empty());
        prop_assert_eq!(ab, before);
    }
}

#[test]
fn newer_wins_and_ties_go_to_the_greater_value() {
    let at = |value, changed| Some(Stamped { value, changed });
    let mut mine = DocRecord { reviewed: at(true, 5), flagged: at(false, 7), ..Default::default() };
    let theirs = DocRecord { reviewed: at(false, 6), flagged: at(true, 7), ..Default::default() };
    assert!(mine.merge(theirs));
    assert_eq!(mine.reviewed, at(false, 6));
    assert_eq!(mine.flagged, at(true, 7));
}
