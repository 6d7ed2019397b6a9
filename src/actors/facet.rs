//! Ranking actor names against a typed filter, for the actor panel: fuzzy over the canonical
//! name and every alias, folded on both sides, so `poutine` finds Vladimir Putin.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use super::{ActorId, ActorInfo};
use crate::text::fold;

/// The candidates whose name or an alias matches `filter`, best match first (ties keep the
/// candidates' order). An empty filter keeps every candidate in order.
pub fn rank_names(table: &[ActorInfo], candidates: &[ActorId], filter: &str) -> Vec<ActorId> {
    let pattern = fold(filter.trim());
    if pattern.is_empty() {
        return candidates.to_vec();
    }
    let matcher = SkimMatcherV2::default();
    let mut scored: Vec<(i64, usize, ActorId)> = candidates
        .iter()
        .enumerate()
        .filter_map(|(order, &id)| {
            let info = table.get(id as usize)?;
            let best = std::iter::once(&info.name)
                .chain(&info.aliases)
                .filter_map(|name| matcher.fuzzy_match(&fold(name), &pattern))
                .max()?;
            Some((best, order, id))
        })
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.into_iter().map(|(_, _, id)| id).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actors::ActorKind;

    fn actor(name: &str, aliases: &[&str]) -> ActorInfo {
        ActorInfo {
            name: name.into(),
            kind: ActorKind::Person,
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            discovered: false,
        }
    }

    #[test]
    fn matches_aliases_in_any_spelling_and_keeps_order_on_ties() {
        let table = vec![
            actor("Vladimir Putin", &["Poutine", "Путин"]),
            actor("Recep Tayyip Erdoğan", &["Erdogan"]),
            actor("Dmitry Peskov", &["Dmitri Peskov"]),
        ];
        assert_eq!(rank_names(&table, &[0, 1, 2], "poutine"), vec![0]);
        assert_eq!(rank_names(&table, &[0, 1, 2], "ПУТИН"), vec![0]);
        assert_eq!(rank_names(&table, &[0, 1, 2], "erdo"), vec![1]);
        assert_eq!(rank_names(&table, &[2, 0, 1], ""), vec![2, 0, 1]);
        assert!(rank_names(&table, &[0, 1, 2], "zzz").is_empty());
    }
}
