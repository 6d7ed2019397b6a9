//! Discovery of actor names that no gazetteer lists.
//!
//! French and English news mark names with capitals and with cues: titles (M., Mme, général,
//! Mr), roles (le porte-parole, President), particles (de, von, al-, bin), heads of
//! organisation names (Comité, Parti, Council). Discovery scans one document's words once,
//! builds candidate sequences from those cues, rejects words that are capitalised only because
//! they start a sentence (judged by how the same word is written elsewhere in the document),
//! and joins surname-only mentions to the full name they abbreviate.
//!
//! Everything is per document and linear in its length: one token vector, one small map of
//! capitalised words, no regular expressions. OCR noise is tolerated rather than corrected.

mod headline;
mod lexicon;
mod merge;
mod scan;
mod token;

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::ActorKind;
use lexicon::{
    ARTICLE, COMMON, DETERMINER, GIVEN, HONORIFIC, NOT_AN_ACTOR, ORG_HEAD, PARTICLE, PLACE_HEAD, PLACE_TAIL,
    PLURAL, ROLE, SELF_NAMING, STOP, WEB, has_vowel, looks_common_noun, looks_demonym,
};
use scan::{
    Candidate, Cue, Doc, MAX_NAME_WORDS, NOT_A_NAME, candidates, has_given_name, has_org_head, title_cue,
};
use token::{Kind, Shape, Token, fold_into, tokenize};

/// An actor found in one document's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Discovered {
    /// Display form: the fullest spelling met, without titles (M., le général).
    pub name: String,
    /// Person or Organisation; Place when a preposition makes it clear.
    pub kind: ActorKind,
    /// Byte offsets of every mention in the text (surname-only mentions included), in order.
    pub spans: Vec<Range<usize>>,
}

/// The words a corpus writes in lowercase (folded): a capitalised one of them is a common word
/// capitalised by a headline, not part of a name. One document alone knows too few of them
/// (its headline's "Halts", "Repairs" may appear in lowercase only in other articles).
#[derive(Debug, Default, Clone)]
pub struct Vocabulary {
    words: WordSet,
    /// The lowercase words met right after an auxiliary (was killed, will allow, did not
    /// deny): verbs, which headlines hold and names of organisations do not.
    verbs: WordSet,
}

/// Every word of a corpus is looked up once: foldhash, not SipHash.
type WordSet = HashSet<String, foldhash::fast::RandomState>;

/// Auxiliaries and modals: what follows them is a verb (or a participle).
const AUXILIARIES: &[&str] = &[
    "will", "would", "could", "can", "may", "might", "must", "should", "shall", "has", "have", "had", "did",
    "does", "do", "was", "were", "been", "being", "not",
];

impl Vocabulary {
    /// The lowercase words of `text`.
    pub fn of_text(text: &str) -> Vocabulary {
        let mut vocabulary = Vocabulary::default();
        vocabulary.add(text);
        vocabulary
    }

    /// Adds the lowercase words of `text`. A byte scan rather than [`tokenize`]: this reads every
    /// body before discovery does, and the tokenizer's care for apostrophes and line breaks
    /// matters to names, not to a list of words.
    pub fn add(&mut self, text: &str) {
        let bytes = text.as_bytes();
        let in_word = |b: u8| b.is_ascii_alphanumeric() || b >= 0x80;
        let (mut buf, mut after_auxiliary, mut i) = (String::new(), false, 0);
        while i < bytes.len() {
            if !in_word(bytes[i]) {
                // Punctuation parts a verb from its auxiliary; spaces do not.
                after_auxiliary &= bytes[i].is_ascii_whitespace();
                i += 1;
                continue;
            }
            let start = i;
            // A hyphen between word characters stays inside the word (government-held).
            while i < bytes.len()
                && (in_word(bytes[i]) || bytes[i] == b'-' && bytes.get(i + 1).is_some_and(|&b| in_word(b)))
            {
                i += 1;
            }
            let word = &text[start..i];
            if !word.chars().next().is_some_and(char::is_lowercase) {
                after_auxiliary = false;
                continue;
            }
            // Lowercase ASCII is its own folded form.
            let folded = if word.bytes().all(|b| b.is_ascii_lowercase()) {
                word
            } else {
                fold_into(word, &mut buf);
                buf.as_str()
            };
            if !self.words.contains(folded) {
                self.words.insert(folded.to_string());
            }
            let auxiliary = folded.len() <= 6 && AUXILIARIES.contains(&folded);
            if after_auxiliary && !auxiliary && !self.verbs.contains(folded) {
                self.verbs.insert(folded.to_string());
            }
            after_auxiliary = auxiliary;
        }
    }

    pub fn merge(self, other: Vocabulary) -> Vocabulary {
        let union = |a: WordSet, b: WordSet| {
            let (mut big, small) = if a.len() >= b.len() { (a, b) } else { (b, a) };
            big.extend(small);
            big
        };
        Vocabulary { words: union(self.words, other.words), verbs: union(self.verbs, other.verbs) }
    }

    /// Whether `folded`, or its singular or plural (attack, attacks), is written in lowercase.
    fn has(&self, folded: &str, buf: &mut String) -> bool {
        in_some_form(&self.words, folded, buf)
    }

    /// Whether `folded` (kill, kills, killed) is a verb of the corpus.
    fn has_verb(&self, folded: &str, buf: &mut String) -> bool {
        in_some_form(&self.verbs, folded, buf)
            || ["ed", "d"]
                .iter()
                .any(|e| folded.strip_suffix(e).is_some_and(|stem| self.verbs.contains(stem)))
    }
}

/// Whether `folded`, its singular or its plural is in `set`.
fn in_some_form(set: &WordSet, folded: &str, buf: &mut String) -> bool {
    if set.contains(folded) || folded.strip_suffix('s').is_some_and(|s| set.contains(s)) {
        return true;
    }
    buf.clear();
    buf.push_str(folded);
    buf.push('s');
    set.contains(buf.as_str())
}

/// Finds the persons, organisations (and some places) named in `text`, judging headlines by
/// the text's own lowercase words.
pub fn discover(text: &str) -> Vec<Discovered> {
    discover_with(text, &Vocabulary::of_text(text))
}

/// [`discover`], judging headlines by the lowercase words of a whole corpus.
pub fn discover_with(text: &str, vocabulary: &Vocabulary) -> Vec<Discovered> {
    let doc = Doc::new(text, tokenize(text));
    let usage = Usage::of(&doc);
    let headlines = headline::Headlines::find(&doc, &usage, vocabulary);
    let mentions: Vec<merge::Mention> = candidates(&doc)
        .iter()
        .filter_map(|c| judge(&doc, &usage, c))
        .filter(|m| headlines.keeps(text, m.span()))
        .collect();
    merge::merge(text, mentions)
}

/// How each capitalised word of the document is written elsewhere in it.
#[derive(Default)]
struct Usage {
    /// folded word → (capitalised away from a sentence start, written in lowercase).
    counts: HashMap<String, (u32, u32)>,
}

impl Usage {
    fn of(doc: &Doc) -> Usage {
        let mut counts: HashMap<String, (u32, u32)> = HashMap::new();
        let mut buf = String::new();
        for (i, t) in doc.tokens.iter().enumerate() {
            if t.is_capitalised() {
                fold_into(doc.word(i), &mut buf);
                let entry = counts.entry(buf.clone()).or_default();
                if !doc.info[i].initial {
                    entry.0 += 1;
                }
            }
        }
        for (i, t) in doc.tokens.iter().enumerate() {
            if t.kind == Kind::Word(Shape::Lower) {
                fold_into(doc.word(i), &mut buf);
                if let Some(entry) = counts.get_mut(buf.as_str()) {
                    entry.1 += 1;
                }
            }
        }
        Usage { counts }
    }

    fn get(&self, doc: &Doc, i: usize) -> (u32, u32) {
        let mut buf = String::new();
        fold_into(doc.word(i), &mut buf);
        self.counts.get(buf.as_str()).copied().unwrap_or_default()
    }
}

/// Decides whether a candidate names an actor, and of which kind.
fn judge(doc: &Doc, usage: &Usage, c: &Candidate) -> Option<merge::Mention> {
    let capitals: Vec<usize> = (c.start..c.end).filter(|&i| doc.tokens[i].is_capitalised()).collect();
    let first = *capitals.first()?;
    let last = *capitals.last()?;
    if capitals.len() > MAX_NAME_WORDS {
        return None;
    }
    let all_upper = capitals.iter().all(|&i| doc.tokens[i].kind == Kind::Word(Shape::Upper));
    let org = has_org_head(doc, c);
    // The Six Day War, International Humanitarian Law, Chapter VII: events and texts (the
    // Faculty of Law is an organisation).
    let text_or_event = (doc.info[last].cls | doc.info[first].cls) & NOT_AN_ACTOR != 0;
    if doc.english && text_or_event && c.cue != Cue::Person && !org {
        return None;
    }
    if all_upper && c.cue != Cue::Person && !acceptable_shouting(doc, c, &capitals) {
        return None;
    }
    // "le président Turc", "Shiite Islam", "Arab Spring": closed-class words name no one.
    let closed = if c.cue == Cue::Person { COMMON } else { COMMON | WEB | STOP };
    if c.cue != Cue::Organisation
        && capitals.iter().all(|&i| demonym(doc, i) || doc.info[i].cls & closed != 0)
    {
        return None;
    }
    let lone = capitals.len() == 1;
    if lone && c.cue != Cue::Person && !org {
        if !lone_word_is_name(doc, usage, first, c.initial) {
            return None;
        }
    } else if c.initial && c.cue == Cue::None {
        // "Jean Dupont a dit" may open a sentence; "Hier Paris" may not.
        let cls = doc.info[first].cls;
        let (_, lower) = usage.get(doc, first);
        if cls & NOT_A_NAME != 0 && cls & (GIVEN | ORG_HEAD) == 0 || lower > 0 {
            return None;
        }
    }
    if !lone && !org && c.cue != Cue::Person {
        // "Thousands of Afghan": an English name does not end with a demonym (a French one may:
        // Solidarité française).
        if doc.english && demonym(doc, last) {
            return None;
        }
        // "Russian Foreign | Minister Sergei Lavrov": the words before a capitalised title
        // qualify the title when a name follows it (else the title is the name's apposition).
        if doc.tokens.get(c.end).is_some_and(Token::is_capitalised)
            && doc.info[c.end].cls & (ROLE | HONORIFIC) != 0
            && title_cue(doc, c.end).is_some()
        {
            return None;
        }
        // "Civilians Killed", "Old City": headline words the document also writes in lowercase.
        if !has_given_name(doc, c) && capitals.iter().all(|&i| common_word(doc, usage, i)) {
            return None;
        }
    }
    // A lone head (the Observatory, l'Alliance) abbreviates a fuller name of the document; at a
    // sentence start its capital proves nothing.
    let lone_head = lone && org && c.cue != Cue::Organisation && doc.info[first].cls & SELF_NAMING == 0;
    let bare = c.end - c.start == 1;
    if lone_head && bare && c.initial {
        return None;
    }
    // Complements make it a name (Comité des épidémies); without them it needs a fuller name.
    let lone_head = lone_head && bare;
    // al-Sabaa Bahrat, Al Tabqah, El-Bab.
    let arabic_article = ["al-", "el-", "Al-", "El-"].iter().any(|a| doc.word(first).starts_with(a))
        || matches!(doc.word(first), "Al" | "El");
    let guess = if c.cue == Cue::Person {
        merge::Guess::Sure(ActorKind::Person)
    } else if org || (all_upper && lone && doc.word(first).len() <= 6) {
        merge::Guess::Sure(ActorKind::Organisation)
    } else if !lone && (doc.info[first].cls & PLACE_HEAD != 0 || doc.info[last].cls & PLACE_TAIL != 0) {
        // Khan Sheikhoun, Jisr al-Shughour; al-Neel Street, Handarat Camp.
        merge::Guess::Sure(ActorKind::Place)
    } else if lone && (c.cue == Cue::Place || after_article(doc, c.start)) {
        // "à Berlin", "la Russie": persons take no article in French.
        merge::Guess::Likely(ActorKind::Place)
    } else if !lone && arabic_article && !has_given_name(doc, c) {
        // A person's name opens with a given name (Abu Mohammed al-Julani); one opening with
        // the article is a district or a village (al-Sabaa Bahrat, al-Jomrok al-Qadeem).
        merge::Guess::Likely(ActorKind::Place)
    } else if has_given_name(doc, c) {
        merge::Guess::Sure(ActorKind::Person)
    } else {
        // A capitalised name with no cue: most often a surname in news prose.
        merge::Guess::Likely(ActorKind::Person)
    };
    // English news names a person in full at first mention: a lone word with no cue is then
    // not enough evidence; it must be the surname of a full name or be titled elsewhere in the
    // document (merge decides). French papers name the famous by surname alone (Voltaire).
    // An English article is no place cue (the Internet, the Levant): only "in", "at" are.
    let needs_support =
        lone_head || doc.english && lone && c.cue != Cue::Person && c.cue != Cue::Place && !org && !all_upper;
    Some(merge::Mention::new(doc, c, guess, needs_support))
}

/// An adjective of nationality or religion (Syrian, Iranian-backed, Kurds).
fn demonym(doc: &Doc, i: usize) -> bool {
    let mut folded = String::new();
    fold_into(doc.word(i), &mut folded);
    doc.info[i].cls & COMMON != 0 || looks_demonym(doc.word(i), &folded)
}

/// A capitalised word that is a closed-class word or that the document also writes in lowercase.
fn common_word(doc: &Doc, usage: &Usage, i: usize) -> bool {
    doc.info[i].cls & (COMMON | WEB | STOP) != 0 || usage.get(doc, i).1 > 0
}

/// Whether a lowercase article (le, la, l', the) stands right before token `i`.
fn after_article(doc: &Doc, i: usize) -> bool {
    i.checked_sub(1)
        .is_some_and(|p| doc.tokens[p].kind == Kind::Word(Shape::Lower) && doc.info[p].cls & ARTICLE != 0)
}

/// A lone capitalised word is a name unless it is a function word, a title, a month, or a
/// word the document also writes in lowercase; at a sentence start it must also appear
/// capitalised elsewhere.
fn lone_word_is_name(doc: &Doc, usage: &Usage, i: usize, initial: bool) -> bool {
    let word = doc.word(i);
    if word.chars().filter(|c| c.is_alphabetic()).count() < 2 || doc.info[i].cls & NOT_A_NAME != 0 {
        return false;
    }
    let mut folded = String::new();
    fold_into(word, &mut folded);
    let acronym = doc.tokens[i].kind == Kind::Word(Shape::Upper);
    if looks_common_noun(&folded) || looks_demonym(word, &folded) || !(acronym || has_vowel(&folded)) {
        return false;
    }
    // "une Exposition", "les Slaves", "3 Fret": common nouns and items of listings.
    if let Some(p) = i.checked_sub(1) {
        let prev = doc.tokens[p];
        let cls = doc.info[p].cls;
        let lower_prev = prev.kind == Kind::Word(Shape::Lower);
        if lower_prev && cls & DETERMINER != 0 {
            return false;
        }
        if lower_prev && cls & PLURAL != 0 && folded.ends_with(['s', 'x']) {
            return false;
        }
        if prev.kind == Kind::Word(Shape::Other) {
            return false;
        }
    }
    let (capitalised, lower) = usage.get(doc, i);
    if initial {
        return capitalised > 0 && lower == 0;
    }
    lower == 0 || capitalised > lower
}

/// All-capital words are headlines unless they stand alone in ordinary text: an acronym (CGT,
/// ONU) or a surname set in capitals (Pierre BOCHOT is mixed and handled elsewhere).
fn acceptable_shouting(doc: &Doc, c: &Candidate, capitals: &[usize]) -> bool {
    let upper_at = |i: Option<usize>| {
        i.and_then(|i| doc.tokens.get(i)).is_some_and(|t| t.kind == Kind::Word(Shape::Upper))
    };
    if upper_at(c.start.checked_sub(1)) || upper_at(Some(c.end)) {
        return false;
    }
    if capitals.len() > 1 {
        return doc.info[capitals[0]].cls & GIVEN != 0;
    }
    let i = capitals[0];
    let word = doc.word(i);
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2 && doc.info[i].cls & (STOP | PARTICLE) == 0 && !is_roman_numeral(word)
}

fn is_roman_numeral(word: &str) -> bool {
    word.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C' | 'D' | 'M'))
}

#[cfg(test)]
mod tests;
