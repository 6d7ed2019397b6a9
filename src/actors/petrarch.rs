//! Reader for PETRARCH / TABARI actor dictionaries (the CAMEO coders' format, e.g. the Phoenix
//! files), so analysts can bring the actor lists they already keep.
//!
//! Grammar, as the Phoenix files use it:
//! - `NAME_WORDS_ [CODE] [CODE 030101-041130] # comment` starts an entry; `_` stands for a space
//!   (a trailing `_` is TABARI's "whole word" mark); codes may be absent or follow on lines of
//!   their own, indented: `\t[RUSGOV >080508]` (`>d`, `<d`, `d-d` bound them in time);
//! - `+SYNONYM` adds an alias to the entry above (a `+` inside one chains another);
//! - `#` starts a comment anywhere; `{PLURAL}` gives another form (agents file);
//! - `!SET! = …` lines and `[~ROLE]` entries belong to the agents file: generic roles such as
//!   PRESIDENT, which are not actors; they are skipped and counted in one warning.
//!
//! Names are in capitals: they are shown in title case, acronyms of up to three letters stay in
//! capitals (and so match only capitals), and one-word aliases must be capitalised in the text
//! ("Nice" the city, not "nice").

use super::gazetteer::{AliasRule, AliasRules, GazetteerFile, looks_like_organisation};
use super::{ActorInfo, ActorKind};

/// A parsed dictionary, its problems (lines skipped) and its oddities (lines read with a
/// character ignored), each as (line number, reason).
pub struct Parsed {
    pub file: GazetteerFile,
    pub problems: Vec<(usize, String)>,
    pub oddities: Vec<(usize, String)>,
}

struct Entry {
    name: String,
    aliases: Vec<String>,
    codes: Vec<Code>,
    agent: bool,
}

struct Code {
    code: String,
    dated: bool,
}

pub fn parse(text: &str) -> Parsed {
    let mut entries: Vec<Entry> = Vec::new();
    let mut problems = Vec::new();
    let mut oddities = Vec::new();
    let mut agent_lines = 0usize;
    for (i, raw) in text.lines().enumerate() {
        let number = i + 1;
        let line = raw.split('#').next().unwrap_or("").trim_end();
        let content = line.trim_start();
        if content.is_empty() {
            continue;
        }
        if content.starts_with('!') {
            agent_lines += 1;
            continue;
        }
        let indented = line.len() != content.len();
        let cleaned;
        let content = if has_stray_close(content) {
            oddities.push((number, "stray closing bracket ignored".to_string()));
            cleaned = remove_stray_close(content);
            cleaned.as_str()
        } else {
            content
        };
        if let Some(rest) = content.strip_prefix('+') {
            let Some(entry) = entries.last_mut() else {
                problems.push((number, "alias line (+) before any actor".to_string()));
                continue;
            };
            match split_line(rest) {
                Ok((names, codes)) => {
                    entry.aliases.extend(names);
                    entry.codes.extend(codes);
                }
                Err(reason) => problems.push((number, reason)),
            }
            continue;
        }
        if indented && content.starts_with('[') {
            let Some(entry) = entries.last_mut() else {
                problems.push((number, "code line before any actor".to_string()));
                continue;
            };
            match split_line(content) {
                Ok((_, codes)) => {
                    entry.agent |= codes.iter().any(|c| c.code.starts_with('~'));
                    entry.codes.extend(codes);
                }
                Err(reason) => problems.push((number, reason)),
            }
            continue;
        }
        match split_line(content) {
            Ok((mut names, codes)) if !names.is_empty() => {
                let name = names.remove(0);
                entries.push(Entry {
                    name,
                    aliases: names,
                    agent: codes.iter().any(|c| c.code.starts_with('~')),
                    codes,
                });
            }
            Ok(_) => problems.push((number, "actor line without a name".to_string())),
            Err(reason) => problems.push((number, reason)),
        }
    }
    let mut file = GazetteerFile::default();
    let mut agents = agent_lines;
    for entry in entries {
        if entry.agent {
            agents += 1;
            continue;
        }
        file.actors.push(to_actor(entry, &mut file.suggested));
    }
    if agents > 0 {
        file.warnings.push(format!(
            "{agents} lines of generic roles (PETRARCH agents such as PRESIDENT) skipped: they are not actors"
        ));
    }
    Parsed { file, problems, oddities }
}

/// Whether a `]` or `}` closes nothing (a typo such as `+FAEROYENE]_`).
fn has_stray_close(s: &str) -> bool {
    remove_stray_close(s).len() != s.len()
}

fn remove_stray_close(s: &str) -> String {
    let mut open: Option<char> = None;
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match (c, open) {
            ('[', None) => open = Some(']'),
            ('{', None) => open = Some('}'),
            (']' | '}', Some(close)) if c == close => open = None,
            (']' | '}', _) => continue,
            _ => {}
        }
        out.push(c);
    }
    out
}

/// Splits `NAME_ {PLURAL} [CODE] [CODE dates]` into display names and codes.
fn split_line(s: &str) -> Result<(Vec<String>, Vec<Code>), String> {
    let mut names = Vec::new();
    let mut codes = Vec::new();
    let mut rest = s;
    let mut text = String::new();
    while let Some(open) = rest.find(['[', '{']) {
        text.push_str(&rest[..open]);
        let close_char = if rest.as_bytes()[open] == b'[' { ']' } else { '}' };
        let Some(len) = rest[open + 1..].find(close_char) else {
            return Err(format!("unclosed {}", &rest[open..open + 1]));
        };
        let inside = rest[open + 1..open + 1 + len].trim();
        if close_char == ']' {
            let mut words = inside.split_whitespace();
            if let Some(code) = words.next() {
                codes.push(Code { code: code.to_string(), dated: words.next().is_some() });
            }
        } else if !inside.is_empty() {
            names.extend(display_names(inside));
        }
        rest = &rest[open + 2 + len..];
    }
    text.push_str(rest);
    if text.contains([']', '}']) {
        return Err("unbalanced bracket".to_string());
    }
    let mut all = display_names(&text);
    all.extend(names);
    Ok((all, codes))
}

/// `ANIMAL_LIBERATION_FRONT_(ALF)_` → "Animal Liberation Front", "ALF"; `A+_B` → "A", "B".
fn display_names(raw: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in raw.split('+') {
        let spaced = part.replace('_', " ");
        let mut main = String::new();
        let mut acronyms = Vec::new();
        let mut rest = spaced.as_str();
        while let Some(open) = rest.find('(') {
            main.push_str(&rest[..open]);
            let close = rest[open..].find(')').map_or(rest.len(), |c| open + c);
            let inner = rest[open + 1..close].trim();
            if !inner.is_empty() {
                acronyms.push(title_case(inner, true));
            }
            rest = rest.get(close + 1..).unwrap_or("");
        }
        main.push_str(rest);
        let main = main.split_whitespace().collect::<Vec<_>>().join(" ");
        let main = main.trim_matches(|c: char| c == ',' || c == ' ');
        if main.chars().any(|c| c.is_alphanumeric()) {
            out.push(title_case(main, false));
        }
        out.extend(acronyms);
    }
    out
}

/// Title case for capitalised dictionary names; short acronyms and dotted ones stay in capitals.
fn title_case(s: &str, acronym_context: bool) -> String {
    let letters = s.chars().filter(|c| c.is_alphanumeric()).count();
    let single = !s.contains(' ');
    if (single && letters <= 3) || (acronym_context && single && letters <= 6) {
        return s.to_string();
    }
    const LOWER: &[&str] = &["of", "the", "and", "de", "du", "des", "la", "le", "for", "al", "el"];
    let mut out = String::with_capacity(s.len());
    for (n, word) in s.split(' ').enumerate() {
        if n > 0 {
            out.push(' ');
        }
        if word.contains('.') && word.len() <= 6 {
            out.push_str(word);
            continue;
        }
        let lower = word.to_lowercase();
        if n > 0 && LOWER.contains(&lower.as_str()) {
            out.push_str(&lower);
            continue;
        }
        let mut start = true;
        for c in lower.chars() {
            if start {
                out.extend(c.to_uppercase());
            } else {
                out.push(c);
            }
            start = matches!(c, '-' | '\'' | '/');
        }
    }
    // "Al-Assad" reads "al-Assad" in the middle of a name.
    out.replace(" Al-", " al-").replace(" El-", " el-")
}

fn to_actor(entry: Entry, suggested: &mut AliasRules) -> ActorInfo {
    let kind = kind_of(&entry.name, &entry.codes);
    let mut aliases = vec![entry.name.clone()];
    for alias in entry.aliases {
        if !aliases.contains(&alias) {
            aliases.push(alias);
        }
    }
    for alias in &aliases {
        let default = AliasRule::default_for(alias);
        if !alias.contains(' ') && !default.case_sensitive {
            suggested.set(alias, AliasRule { capitalised: true, ..default });
        }
    }
    ActorInfo { name: entry.name, kind, aliases, discovered: false }
}

/// Kind from CAMEO codes: a bare country code is a state; dated codes are offices held, so a
/// person; IGO/NGO/rebel/party codes are organisations; otherwise the name decides, else person.
fn kind_of(name: &str, codes: &[Code]) -> ActorKind {
    if codes.iter().any(|c| c.dated) {
        return ActorKind::Person;
    }
    let Some(first) = codes.first() else {
        return fallback(name);
    };
    let code = first.code.as_str();
    if code.len() == 3 && code.chars().all(|c| c.is_ascii_uppercase()) {
        return ActorKind::State;
    }
    const ORGS: &[&str] = &["IGO", "NGO", "NGM", "IMG", "MNC"];
    const ROLES: &[&str] = &["REB", "INS", "OPP", "PTY", "MED", "BUS", "UAF", "SPY", "COP"];
    if ORGS.iter().any(|o| code.starts_with(o)) || ROLES.iter().any(|r| code.contains(r)) {
        return if codes.iter().any(|c| c.code.contains("ELI")) {
            fallback(name)
        } else {
            ActorKind::Organisation
        };
    }
    fallback(name)
}

fn fallback(name: &str) -> ActorKind {
    if looks_like_organisation(name) { ActorKind::Organisation } else { ActorKind::Person }
}
