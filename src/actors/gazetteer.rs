//! The gazetteer: the built-in list of known actors (assets/actors.json), files added with
//! `--gazetteer` (our JSON or PETRARCH dictionaries), and how they merge.
//!
//! Every alias is compared through its [`alias_key`] (folded, separators as single spaces), so
//! "al-Assad", "Al Assad" and "AL-ASSAD" are one alias. A key belongs to exactly one actor: merging
//! enforces it, and says so when a later file takes an alias from an earlier actor.
//!
//! Some spellings are also common words; how an alias may match text is its [`AliasRule`], kept by
//! exact spelling in [`AliasRules`] so that [`ActorInfo`] stays a plain list of names.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use serde::Deserialize;

use super::extract::Extractor;
pub use super::rules::{AliasRule, AliasRules, looks_like_organisation};
use super::{ActorInfo, ActorKind, petrarch};
use crate::text::fold;

/// The merged list of known actors (built-in plus `--gazetteer` files).
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    pub entries: Vec<ActorInfo>,
    /// Matching rules of the spellings that are not plain names (see assets/README.md).
    pub rules: AliasRules,
    /// The automaton over the entries' aliases, built at first use ([`Gazetteer::extractor`]):
    /// about 25 ms, which a load spends on another core while it reads the corpus. Reset by
    /// [`Gazetteer::merge_file`]; entries changed otherwise after the first use are not seen.
    extractor: OnceLock<Arc<Extractor>>,
}

/// A gazetteer file as read, before merging.
#[derive(Debug, Clone, Default)]
pub struct GazetteerFile {
    pub actors: Vec<ActorInfo>,
    pub rules: AliasRules,
    /// Rules guessed rather than given (PETRARCH spells everything in capitals): applied only to
    /// spellings that have no rule yet.
    pub suggested: AliasRules,
    /// Lines skipped, as `path:line: reason`.
    pub warnings: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum GazetteerError {
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{path}: not a valid actor list: {source}")]
    Json { path: PathBuf, source: serde_json::Error },
    #[error("{path}:{line}: {reason}")]
    Syntax { path: PathBuf, line: usize, reason: String },
    #[error("{path}: no actor found (neither our JSON list nor a PETRARCH actor dictionary)")]
    Empty { path: PathBuf },
}

/// Alias keys to actors (see [`Gazetteer::key_index`]).
pub type KeyIndex = HashMap<String, usize, foldhash::fast::RandomState>;

/// The key every alias comparison uses: folded, separators (`-`, `'`, `_`, spaces) as one space.
pub fn alias_key(s: &str) -> String {
    // Most names are ASCII, whose fold is their lowercase: one pass and one allocation (a
    // headless search makes the key of every record name it reads: 130k at 100k CSV rows).
    if s.is_ascii() {
        let mut key = String::with_capacity(s.len());
        let mut gap = false;
        for c in s.chars() {
            if is_separator(c) || c.is_whitespace() {
                gap = true;
                continue;
            }
            if gap && !key.is_empty() {
                key.push(' ');
            }
            gap = false;
            key.push(c.to_ascii_lowercase());
        }
        return key;
    }
    words_key(&fold(s))
}

/// The words of folded `folded` joined by one space.
fn words_key(folded: &str) -> String {
    let mut key = String::with_capacity(folded.len());
    for word in folded.split(|c: char| is_separator(c) || c.is_whitespace()).filter(|w| !w.is_empty()) {
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(word);
    }
    key
}

/// ASCII characters read as a space between words, in aliases and in text alike (after folding,
/// which turns typographic apostrophes and dashes into these).
pub(crate) fn is_separator(c: char) -> bool {
    matches!(c, '-' | '\'' | '_' | '`' | ' ' | '\t' | '\n' | '\r')
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonActor {
    name: String,
    kind: ActorKind,
    #[serde(default)]
    aliases: Vec<JsonAlias>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum JsonAlias {
    Plain(String),
    Detailed(JsonAliasRule),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonAliasRule {
    text: String,
    case_sensitive: Option<bool>,
    #[serde(default)]
    capitalised: bool,
    #[serde(default = "yes")]
    in_text: bool,
}

fn yes() -> bool {
    true
}

/// Parses our JSON format (schema in assets/README.md).
pub fn parse_json(text: &str) -> Result<GazetteerFile, serde_json::Error> {
    let list: Vec<JsonActor> = serde_json::from_str(text)?;
    let mut file = GazetteerFile::default();
    for actor in list {
        let mut aliases = vec![actor.name.clone()];
        for alias in actor.aliases {
            let text = match alias {
                JsonAlias::Plain(text) => text,
                JsonAlias::Detailed(rule) => {
                    let default = AliasRule::default_for(&rule.text);
                    let explicit = AliasRule {
                        case_sensitive: rule.case_sensitive.unwrap_or(default.case_sensitive),
                        capitalised: rule.capitalised,
                        in_text: rule.in_text,
                    };
                    file.rules.set(&rule.text, explicit);
                    rule.text
                }
            };
            if !aliases.contains(&text) {
                aliases.push(text);
            }
        }
        file.actors.push(ActorInfo { name: actor.name, kind: actor.kind, aliases, discovered: false });
    }
    Ok(file)
}

/// The built-in list's source (assets/actors.json), embedded in the binary.
pub const BUILTIN: &str = include_str!("../../assets/actors.json");

impl Gazetteer {
    /// The automaton that finds the entries' mentions in text.
    pub fn extractor(&self) -> &Extractor {
        self.extractor.get_or_init(|| Arc::new(Extractor::new(&self.entries, &self.rules)))
    }

    /// [`Gazetteer::extractor`], built (unless it was already) for about `text_bytes` of text
    /// ([`Extractor::for_text_of`]).
    pub fn extractor_for(&self, text_bytes: usize) -> &Extractor {
        self.extractor
            .get_or_init(|| Arc::new(Extractor::for_text_of(&self.entries, &self.rules, text_bytes)))
    }

    /// The actors embedded in the binary (assets/actors.json).
    pub fn builtin() -> Gazetteer {
        let mut gazetteer = Gazetteer::default();
        // The asset is checked by the tests, so a parse error here is a build mistake.
        if let Ok(file) = parse_json(BUILTIN) {
            gazetteer.merge_file(file);
        }
        gazetteer
    }

    /// Reads a gazetteer file (our JSON list or a PETRARCH actor dictionary), failing on the
    /// first malformed line. [`Gazetteer::read_file`] keeps going and keeps alias rules.
    pub fn load_file(path: &Path) -> Result<Vec<ActorInfo>, GazetteerError> {
        let text = read(path)?;
        if looks_like_json(&text) {
            return parse_json(&text)
                .map(|f| f.actors)
                .map_err(|source| GazetteerError::Json { path: path.to_path_buf(), source });
        }
        let parsed = petrarch::parse(&text);
        if let Some((line, reason)) = parsed.problems.into_iter().next() {
            return Err(GazetteerError::Syntax { path: path.to_path_buf(), line, reason });
        }
        non_empty(path, parsed.file).map(|f| f.actors)
    }

    /// Reads a gazetteer file, skipping malformed lines with a warning each.
    pub fn read_file(path: &Path) -> Result<GazetteerFile, GazetteerError> {
        let text = read(path)?;
        if looks_like_json(&text) {
            return parse_json(&text)
                .map_err(|source| GazetteerError::Json { path: path.to_path_buf(), source });
        }
        let parsed = petrarch::parse(&text);
        let mut file = parsed.file;
        let shown = crate::text::sanitize_line(&path.to_string_lossy()).into_owned();
        let mut lines: Vec<(usize, String)> = parsed.problems;
        lines.extend(parsed.oddities);
        lines.sort();
        let summaries = std::mem::take(&mut file.warnings);
        file.warnings = lines
            .into_iter()
            .map(|(line, reason)| format!("{shown}:{line}: {reason}"))
            .chain(summaries.into_iter().map(|w| format!("{shown}: {w}")))
            .collect();
        non_empty(path, file)
    }

    /// Merges actors into this gazetteer; returns notes for the user about conflicts.
    ///
    /// An added actor whose name or an alias has the key of an existing actor's alias is merged
    /// into that actor (aliases unioned; the one its name designates first). An alias that
    /// already designates another actor stays with it: the built-in list, then the files in
    /// order, come first, and a note says which spelling was not taken. (Event-data dictionaries
    /// list a group's leaders and a country's neighbours as aliases: letting a later file take
    /// spellings would make "Nasrallah" mean Hezbollah and "Bolivia" mean Colombia.)
    pub fn merge(&mut self, extra: Vec<ActorInfo>) -> Vec<String> {
        self.merge_file(GazetteerFile { actors: extra, ..GazetteerFile::default() })
    }

    /// [`Gazetteer::merge`], also taking the file's alias rules and passing on its warnings.
    pub fn merge_file(&mut self, file: GazetteerFile) -> Vec<String> {
        self.extractor = OnceLock::new();
        let mut notes = file.warnings;
        for (alias, rule) in file.rules.explicit {
            self.rules.set(&alias, rule);
        }
        for (alias, rule) in file.suggested.explicit {
            if !self.rules.explicit.contains_key(&alias) {
                self.rules.set(&alias, rule);
            }
        }
        let mut index = self.key_index();
        let mut merged = 0usize;
        for actor in file.actors {
            let mut spellings = vec![actor.name.clone()];
            for alias in &actor.aliases {
                if !spellings.contains(alias) {
                    spellings.push(alias.clone());
                }
            }
            let keys: Vec<String> = spellings.iter().map(|a| alias_key(a)).collect();
            // keys[0] is the name's: the actor the name designates comes first.
            let target = keys.iter().find_map(|k| index.get(k)).copied();
            let target = match target {
                Some(t) => {
                    merged += 1;
                    t
                }
                None => {
                    self.entries.push(ActorInfo { aliases: Vec::new(), ..actor.clone() });
                    self.entries.len() - 1
                }
            };
            for (alias, key) in spellings.iter().zip(keys) {
                if key.is_empty() {
                    continue;
                }
                match index.get(&key).copied() {
                    Some(owner) if owner == target => {
                        if !self.entries[target].aliases.contains(alias) {
                            self.entries[target].aliases.push(alias.clone());
                        }
                    }
                    Some(owner) => {
                        notes.push(format!(
                            "alias \"{alias}\" stays with {}; not added to {}",
                            self.entries[owner].name, self.entries[target].name
                        ));
                    }
                    None => {
                        self.entries[target].aliases.push(alias.clone());
                        index.insert(key, target);
                    }
                }
            }
        }
        if merged > 0 {
            notes.push(format!(
                "{merged} added actors merged into actors already known by one of their names"
            ));
        }
        notes
    }

    /// Alias key → index of the entry it designates. Only aliases count: a name whose alias a
    /// later file took no longer designates its first actor. Hashed with foldhash: the
    /// analysis and a query's sieve look up every record name in it.
    pub fn key_index(&self) -> KeyIndex {
        let mut index = KeyIndex::default();
        for (i, entry) in self.entries.iter().enumerate() {
            for alias in &entry.aliases {
                let key = alias_key(alias);
                if !key.is_empty() {
                    index.entry(key).or_insert(i);
                }
            }
        }
        index
    }

    /// Number of actors and of aliases (canonical names included).
    pub fn counts(&self) -> (usize, usize) {
        let aliases = self.entries.iter().map(|e| e.aliases.len()).sum();
        (self.entries.len(), aliases)
    }
}

fn read(path: &Path) -> Result<String, GazetteerError> {
    let bytes =
        std::fs::read(path).map_err(|source| GazetteerError::Io { path: path.to_path_buf(), source })?;
    // PETRARCH files are mostly ASCII, some Latin-1: decode leniently rather than refuse.
    Ok(match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => encoding_rs::WINDOWS_1252.decode(e.as_bytes()).0.into_owned(),
    })
}

fn looks_like_json(text: &str) -> bool {
    text.trim_start_matches('\u{feff}').trim_start().starts_with('[')
}

fn non_empty(path: &Path, file: GazetteerFile) -> Result<GazetteerFile, GazetteerError> {
    if file.actors.is_empty() { Err(GazetteerError::Empty { path: path.to_path_buf() }) } else { Ok(file) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn an_ascii_key_is_the_key_of_its_fold(s in "[a-zA-Z0-9 '`_\\-\t\n\r\x0B\x0C.,;&()]{0,24}") {
            prop_assert_eq!(alias_key(&s), words_key(&fold(&s)));
        }
    }

    #[test]
    fn keys_fold_and_join_words_with_one_space() {
        assert_eq!(alias_key("  Al-Assad's_  REGIME "), "al assad s regime");
        assert_eq!(alias_key("Bachar el-Assad"), alias_key("bachar  el assad"));
        assert_eq!(alias_key("Erdoğan"), "erdogan");
        assert_eq!(alias_key(" - "), "");
    }
}
