//! The actor panel's state: the actors of the listed documents with their document counts (a
//! facet, recomputed when the list changes), narrowed by the panel's own filter.

use super::LineInput;
use crate::actors::{ActorId, facet};
use crate::library::Library;
use crate::search::Hit;

#[derive(Debug, Clone, Default)]
pub struct ActorPanel {
    pub filter: LineInput,
    /// (actor, documents among the listed ones that mention it), most documents first.
    pub facets: Vec<(ActorId, u32)>,
    /// Indices into `facets` that match the panel filter, in display order.
    pub shown: Vec<usize>,
    pub selected: usize,
    pub offset: usize,
    /// The selected actor's co-mentions among the listed documents: the actors most often named
    /// in the same documents, with those documents' count.
    pub co_mentions: Vec<(ActorId, u32)>,
}

impl ActorPanel {
    /// Recounts the facet for the current hits and re-applies the panel filter.
    pub fn recount(&mut self, library: &Library, hits: &[Hit]) {
        let selected_actor = self.selected_actor();
        self.facets = library.doc_counts(hits.iter().map(|h| h.doc as usize));
        self.narrow(library);
        // Keep the same actor selected when it is still listed.
        if let Some(actor) = selected_actor
            && let Some(i) = self.shown.iter().position(|&f| self.facets[f].0 == actor)
        {
            self.selected = i;
        }
    }

    /// Applies the panel filter to the facet.
    pub fn narrow(&mut self, library: &Library) {
        let ids: Vec<ActorId> = self.facets.iter().map(|(id, _)| *id).collect();
        let ranked = facet::rank_names(&library.actors.table, &ids, self.filter.text());
        let position: std::collections::HashMap<ActorId, usize> =
            self.facets.iter().enumerate().map(|(i, (id, _))| (*id, i)).collect();
        self.shown = ranked.iter().filter_map(|id| position.get(id).copied()).collect();
        self.selected = self.selected.min(self.shown.len().saturating_sub(1));
        self.offset = self.offset.min(self.selected);
    }

    /// Recounts the selected actor's co-mentions over the listed documents that mention it.
    pub fn count_co_mentions(&mut self, library: &Library, hits: &[Hit]) {
        self.co_mentions.clear();
        let Some(actor) = self.selected_actor() else { return };
        let with_actor = hits
            .iter()
            .map(|h| h.doc as usize)
            .filter(|&d| library.doc_actors(d).iter().any(|a| a.actor == actor));
        self.co_mentions =
            library.doc_counts(with_actor).into_iter().filter(|(other, _)| *other != actor).collect();
    }

    pub fn selected_actor(&self) -> Option<ActorId> {
        self.shown.get(self.selected).map(|&f| self.facets[f].0)
    }

    /// Moves the selection, keeping it within `rows` visible rows.
    pub fn select(&mut self, index: usize, rows: usize) {
        self.selected = index.min(self.shown.len().saturating_sub(1));
        let rows = rows.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + rows {
            self.offset = self.selected + 1 - rows;
        }
    }
}

/// The query token that selects exactly one actor by its canonical name.
pub fn actor_token(name: &str) -> String {
    // The grammar splits terms at spaces; joining the words keeps the name one fuzzy term
    // that still matches compactly ("@basharal-assad" against "bashar al-assad").
    format!("@{}", name.split_whitespace().collect::<String>())
}
