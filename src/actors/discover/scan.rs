//! Finds candidate name mentions: capitalised sequences (with particles and initials), what
//! cue stands before them (a title, a role, a place preposition), and whether they start a
//! sentence.

use super::lexicon::{
    ARTICLE, COMMON, DOMAIN, GIVEN, HONORIFIC, ORG_HEAD, ORG_LINK, ORG_TAIL, PARTICLE, PLACE_PREP, PORTFOLIO,
    ROLE, STOP, TITLE_WORD, WEB, classes, looks_adjective,
};
use super::token::{Kind, Shape, Token, fold_into};

/// Per word token: its classes and whether it starts a sentence.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct WordInfo {
    pub cls: u32,
    pub initial: bool,
}

/// What stands before a candidate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Cue {
    None,
    /// An honorific or role: a person.
    Person,
    /// A preposition such as "à" or "in": probably a place.
    Place,
    /// A lowercase organisation head before it (le ministère de la Guerre).
    Organisation,
}

/// A capitalised sequence: tokens `start..end`, titles and leading articles already dropped.
#[derive(Debug, Clone, Copy)]
pub(super) struct Candidate {
    pub start: usize,
    pub end: usize,
    pub cue: Cue,
    /// Its first word starts a sentence (or a quote, or a line).
    pub initial: bool,
}

/// The tokens of a document with their word classes.
pub(super) struct Doc<'a> {
    pub text: &'a str,
    pub tokens: Vec<Token>,
    pub info: Vec<WordInfo>,
    /// Written in English rather than French (by its commonest function words).
    pub english: bool,
}

impl<'a> Doc<'a> {
    pub fn new(text: &'a str, tokens: Vec<Token>) -> Doc<'a> {
        let mut info = vec![WordInfo::default(); tokens.len()];
        let mut buf = String::new();
        let (mut english, mut french) = (0u32, 0u32);
        for (i, t) in tokens.iter().enumerate() {
            if !t.is_word() {
                continue;
            }
            fold_into(&text[t.start..t.end], &mut buf);
            info[i].cls = classes(&buf);
            info[i].initial = starts_sentence(text, &tokens, &info, i);
            match buf.as_str() {
                "the" | "and" | "of" | "to" | "is" | "was" | "said" | "with" => english += 1,
                "le" | "la" | "les" | "et" | "des" | "du" | "est" | "une" => french += 1,
                _ => {}
            }
        }
        Doc { text, tokens, info, english: english > french }
    }

    pub fn word(&self, i: usize) -> &'a str {
        &self.text[self.tokens[i].start..self.tokens[i].end]
    }

    fn cls(&self, i: usize) -> u32 {
        self.info.get(i).map_or(0, |w| w.cls)
    }

    fn is_cap(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(Token::is_capitalised)
    }

    fn is_lower(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(|t| t.kind == Kind::Word(Shape::Lower))
    }

    /// A capitalised word that can be part of a name (not "Le", not "Mais").
    fn is_name_word(&self, i: usize) -> bool {
        self.is_cap(i) && self.cls(i) & STOP == 0
    }

    /// An initial: one capital letter followed by a period (J. Dupont).
    fn is_initial(&self, i: usize) -> bool {
        let t = &self.tokens[i];
        t.kind == Kind::Word(Shape::Capital)
            && self.word(i).chars().count() == 1
            && self.tokens.get(i + 1).is_some_and(|p| p.is_punct('.'))
    }
}

/// Whether word `i` starts a sentence: after a period that ends no abbreviation, after "!",
/// "?", ":", an opening quote or dash, a line break, or at the start.
fn starts_sentence(text: &str, tokens: &[Token], info: &[WordInfo], i: usize) -> bool {
    let Some(prev) = i.checked_sub(1).map(|p| tokens[p]) else {
        return true;
    };
    match prev.kind {
        Kind::Break => true,
        Kind::Word(_) => false,
        Kind::Punct('.') => {
            // "M. Chéron", "J. Dupont": the period ends an abbreviation, not a sentence.
            let Some(before) = i.checked_sub(2).map(|p| tokens[p]) else {
                return true;
            };
            if !before.is_word() || before.end != prev.start {
                return true;
            }
            let word = &text[before.start..before.end];
            let abbreviation = info[i - 2].cls & HONORIFIC != 0 && word.len() <= 4;
            let initial = word.chars().count() == 1 && before.is_capitalised();
            !(abbreviation || initial)
        }
        Kind::Punct(c) => {
            matches!(c, '!' | '?' | '…' | ':' | '«' | '"' | '“' | '—' | '–' | '(' | '[' | '•' | '*')
        }
    }
}

/// Scans the document for candidates, in text order.
pub(super) fn candidates(doc: &Doc) -> Vec<Candidate> {
    let mut out = Vec::new();
    let n = doc.tokens.len();
    let mut i = 0;
    while i < n {
        if !doc.tokens[i].is_word() {
            i += 1;
            continue;
        }
        if let Some(name) = linked_capital(doc, i) {
            if doc.cls(i) & PORTFOLIO != 0 {
                // "le ministre de la Défense": the portfolio names no one.
                i = extend(doc, name);
                continue;
            }
            // "l'agence d'État syrienne": a common noun after the head makes a description.
            let common = doc.cls(name) & (COMMON | DOMAIN) == COMMON;
            if doc.is_lower(i) && doc.cls(i) & ORG_TAIL != 0 && !common {
                // "le ministère de la Guerre", "la chambre de Commerce".
                let end = extend(doc, name);
                out.push(Candidate { start: i, end, cue: Cue::Organisation, initial: false });
                i = end;
                continue;
            }
        }
        let (start, cue) = match title_cue(doc, i) {
            Some(start) => (start, Cue::Person),
            None if doc.is_cap(i) => {
                let cue = if i > 0 && doc.is_lower(i - 1) && doc.cls(i - 1) & PLACE_PREP != 0 {
                    Cue::Place
                } else {
                    Cue::None
                };
                (i, cue)
            }
            None => {
                i += 1;
                continue;
            }
        };
        let end = extend(doc, start);
        // Navigation bars (Android Youtube Satellite Coverage Partner Hotels) are longer than
        // names, whatever their first words; a job title after a name is not counted.
        let named = match doc.english {
            true => job_title(doc, start, end).unwrap_or(end),
            false => end,
        };
        if (start..named).filter(|&k| doc.is_cap(k)).count() > MAX_NAME_WORDS {
            i = end.max(i + 1);
            continue;
        }
        let mut c = Candidate { start, end, cue, initial: cue == Cue::None && doc.info[start].initial };
        trim(doc, &mut c);
        if c.start < c.end {
            c.end = org_tail(doc, &c);
            out.push(c);
        }
        i = end.max(i + 1);
    }
    out
}

/// If word `i` is followed by a link (de, de la, des, d') and a capitalised name word, that
/// word's token.
fn linked_capital(doc: &Doc, i: usize) -> Option<usize> {
    if !doc.is_word_at(i) || doc.cls(i) & (PORTFOLIO | ORG_TAIL) == 0 {
        return None;
    }
    let mut k = i + 1;
    while k < i + 3 && doc.is_lower(k) && doc.cls(k) & ORG_LINK != 0 && doc.cls(k) & STOP != 0 {
        k += 1;
    }
    (k > i + 1 && doc.is_name_word(k)).then_some(k)
}

/// If word `i` is a title (M., Mme, le général, président) followed by a name, the token
/// where the name starts.
pub(super) fn title_cue(doc: &Doc, i: usize) -> Option<usize> {
    let cls = doc.cls(i);
    if cls & (HONORIFIC | ROLE) == 0 {
        return None;
    }
    let mut j = i + 1;
    if doc.tokens.get(j).is_some_and(|t| t.is_punct('.')) {
        j += 1;
    }
    // "M. le prince de Bismarck", "le général Pilsudski": more titles and articles may follow.
    while j < doc.tokens.len() && doc.is_word_at(j) && doc.cls(j) & (HONORIFIC | ROLE | ARTICLE) != 0 {
        j += 1;
        if doc.tokens.get(j).is_some_and(|t| t.is_punct('.')) {
            j += 1;
        }
    }
    if doc.is_name_word(j) && doc.cls(j) & (HONORIFIC | ROLE) == 0 {
        return Some(j);
    }
    // A particle may open the name after an honorific (M. de Lasteyrie), not after a role
    // (le ministre des Finances).
    if cls & HONORIFIC != 0 {
        let mut k = j;
        while k < j + 3 && doc.is_lower(k) && doc.cls(k) & PARTICLE != 0 {
            k += 1;
        }
        // "du", "des" are articles, not particles, at the start of a name (maître du Kremlin).
        if k > j && opens_name(doc.word(j)) && doc.is_name_word(k) {
            return Some(j);
        }
    }
    None
}

impl Doc<'_> {
    fn is_word_at(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(Token::is_word)
    }
}

/// "du", "des" are articles, not particles, at the start of a name (le maître du Kremlin).
fn opens_name(particle: &str) -> bool {
    !matches!(particle, "du" | "des" | "la" | "le" | "les" | "of" | "for" | "on")
}

/// The end of the capitalised sequence starting at `start`: capitalised words, initials, and
/// particles between capitalised words (Banque de France, Abu Mohammed al-Julani).
fn extend(doc: &Doc, start: usize) -> usize {
    let n = doc.tokens.len();
    let mut end = start;
    let mut i = start;
    while i < n {
        if doc.is_name_word(i) || (i == start && doc.is_lower(i) && doc.cls(i) & PARTICLE != 0) {
            // "Syrian President Bashar al-Assad": a title inside the run opens a new name.
            if i > start && doc.cls(i) & (HONORIFIC | ROLE) != 0 && title_cue(doc, i).is_some() {
                break;
            }
            if doc.is_initial(i) && doc.is_cap(i + 2) {
                i += 2;
                continue;
            }
            i += 1;
            end = i;
            continue;
        }
        // Particles (up to three: "de la", "de l'") followed by a capitalised word.
        let mut k = i;
        while k < i + 3 && k < n && doc.is_lower(k) && doc.cls(k) & PARTICLE != 0 {
            k += 1;
        }
        // "de La Fontaine": an article capitalised after a particle.
        if k > i && doc.is_cap(k) && doc.cls(k) & ARTICLE != 0 && doc.is_name_word(k + 1) {
            k += 1;
        }
        if k > i && doc.is_name_word(k) && end > start {
            i = k;
            continue;
        }
        break;
    }
    // The start itself may be a lone particle that led nowhere.
    end.max(start + 1).min(n)
}

/// Drops titles and articles from the front and particles from the back.
fn trim(doc: &Doc, c: &mut Candidate) {
    while c.start < c.end {
        let cls = doc.cls(c.start);
        // "Follow", "Latest" and "British-based", "US-led" qualify what follows.
        let qualifier = cls & WEB != 0 || is_lowercase_compound(doc.word(c.start));
        let droppable = qualifier
            || cls & (ARTICLE | HONORIFIC | ROLE | STOP) != 0
                && !(doc.is_lower(c.start)
                    && cls & PARTICLE != 0
                    && c.cue == Cue::Person
                    && opens_name(doc.word(c.start)));
        if !droppable && doc.is_word_at(c.start) {
            break;
        }
        if cls & (HONORIFIC | ROLE) != 0 && c.start + 1 < c.end {
            c.cue = Cue::Person;
        }
        // What follows a dropped sentence-initial article is capitalised for its own sake.
        c.initial = false;
        c.start += 1;
        if doc.tokens.get(c.start).is_some_and(|t| t.is_punct('.')) {
            c.start += 1;
        }
    }
    while c.end > c.start && !doc.is_cap(c.end - 1) {
        c.end -= 1;
    }
    if doc.english {
        cut_job_title(doc, c);
    }
}

/// English news puts a job title after the name, capitalised and without a comma once the
/// page lost its punctuation (Peter Salama Executive Director of the WHO…, Kevin Kennedy
/// Regional Humanitarian Coordinator for Syria): the name ends before a run of title words
/// that ends with a role, whatever complement follows.
fn cut_job_title(doc: &Doc, c: &mut Candidate) {
    if let Some(title) = job_title(doc, c.start, c.end) {
        c.end = title;
        while c.end > c.start && !doc.is_cap(c.end - 1) {
            c.end -= 1;
        }
    }
}

/// Where a job title starts among tokens `start..end`, after a capitalised word of a name (see
/// [`cut_job_title`]).
fn job_title(doc: &Doc, start: usize, end: usize) -> Option<usize> {
    let title = |i: usize| doc.is_cap(i) && doc.cls(i) & (ROLE | TITLE_WORD | HONORIFIC) != 0;
    let mut i = start;
    while i < end {
        if !title(i) || !(start..i).any(|k| doc.is_cap(k) && !title(k)) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < end && title(j) {
            j += 1;
        }
        if doc.cls(j - 1) & ROLE != 0 {
            return Some(i);
        }
        i = j;
    }
    None
}

/// A hyphenated word whose last part is lowercase (British-based, US-led, pro-Damascus is
/// not capitalised): an adjective, not part of a name.
pub(super) fn is_lowercase_compound(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
        && word.rsplit_once('-').is_some_and(|(_, tail)| tail.chars().next().is_some_and(char::is_lowercase))
}

/// For a French organisation head (Comité, Parti, Confédération), the end after its lowercase
/// complements: adjectives and "de"-phrases (Confédération générale du travail).
fn org_tail(doc: &Doc, c: &Candidate) -> usize {
    let head = c.end - 1;
    if doc.cls(head) & ORG_TAIL == 0 || c.end - c.start > 2 {
        return c.end;
    }
    let n = doc.tokens.len();
    let mut buf = String::new();
    let mut end = c.end;
    let mut i = c.end;
    let mut phrases = 0;
    while i < n && phrases < 3 {
        if doc.is_lower(i) {
            fold_into(doc.word(i), &mut buf);
            if looks_adjective(doc.word(i), &buf) {
                i += 1;
                end = i;
                phrases += 1;
                continue;
            }
        }
        // de / des / du / pour + (article) + noun.
        let mut k = i;
        while k < i + 2 && doc.is_lower(k) && doc.cls(k) & ORG_LINK != 0 && doc.cls(k) & STOP != 0 {
            k += 1;
        }
        let linked = k > i && doc.cls(i) & (ARTICLE) == 0;
        let noun = doc.is_word_at(k)
            && doc.cls(k) & (STOP | HONORIFIC | ROLE) == 0
            && doc.word(k).chars().count() >= 3
            && doc.tokens[k].shape() != Some(Shape::Other);
        if linked && noun && doc.cls(i) & ORG_LINK != 0 {
            i = k + 1;
            end = i;
            phrases += 1;
            continue;
        }
        break;
    }
    end
}

/// Names seldom hold more than five capitalised words: "Syrian Observatory for Human Rights"
/// has four, "Organisation for the Prohibition of Chemical Weapons" five.
pub(super) const MAX_NAME_WORDS: usize = 5;

/// Classes that stop a single capitalised word from being a name on its own.
pub(super) const NOT_A_NAME: u32 = STOP | COMMON | HONORIFIC | ROLE | PARTICLE | ARTICLE | WEB;

/// Whether the candidate's words include an organisation head.
pub(super) fn has_org_head(doc: &Doc, c: &Candidate) -> bool {
    c.cue == Cue::Organisation || (c.start..c.end).any(|i| doc.is_cap(i) && doc.cls(i) & ORG_HEAD != 0)
}

/// Whether the candidate opens with a common given name or an initial.
pub(super) fn has_given_name(doc: &Doc, c: &Candidate) -> bool {
    doc.cls(c.start) & GIVEN != 0 || doc.is_initial(c.start)
}
