//! How a spelling may match text ([`AliasRule`]), and the guess of a kind for names given
//! without one.

use std::collections::HashMap;

use super::gazetteer::alias_key;

/// How one spelling may match text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct AliasRule {
    /// The text must spell it with the same letters in the same case ("UN", not "un").
    pub case_sensitive: bool,
    /// The text must start it with a capital letter ("Turkey", not "turkey").
    pub capitalised: bool,
    /// Searched in text; `false` = only joins names given by records ("May", "Power").
    pub in_text: bool,
}

impl AliasRule {
    /// The rule of a spelling nobody gave a rule for: all-capital aliases of at most five
    /// letters are acronyms (UN, US, HTS, EI) and match only text in capitals.
    pub fn default_for(alias: &str) -> AliasRule {
        let letters: Vec<char> = alias.chars().filter(|c| c.is_alphanumeric()).collect();
        let acronym = !letters.is_empty()
            && letters.len() <= 5
            && letters.iter().any(|c| c.is_alphabetic())
            && letters.iter().all(|c| !c.is_lowercase());
        AliasRule { case_sensitive: acronym, capitalised: false, in_text: true }
    }

    /// Whether `original`, the text a folded match covers, is an acceptable spelling of `alias`.
    pub fn accepts(&self, alias: &str, original: &str) -> bool {
        if !self.in_text {
            return false;
        }
        if self.case_sensitive {
            let a = alias.chars().filter(|c| c.is_alphanumeric());
            let o = original.chars().filter(|c| c.is_alphanumeric());
            return a.eq(o);
        }
        if self.capitalised {
            return original.chars().find(|c| c.is_alphabetic()).is_some_and(|c| !c.is_lowercase());
        }
        true
    }
}

/// Rules given explicitly, by exact spelling; other spellings follow [`AliasRule::default_for`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AliasRules {
    pub(super) explicit: HashMap<String, AliasRule>,
}

impl AliasRules {
    pub fn get(&self, alias: &str) -> AliasRule {
        self.explicit.get(alias).copied().unwrap_or_else(|| AliasRule::default_for(alias))
    }

    pub fn set(&mut self, alias: &str, rule: AliasRule) {
        if rule == AliasRule::default_for(alias) {
            self.explicit.remove(alias);
        } else {
            self.explicit.insert(alias.to_string(), rule);
        }
    }
}

/// Whether a name given without a kind looks like an organisation rather than a person.
pub fn looks_like_organisation(name: &str) -> bool {
    const WORDS: &[&str] = &[
        "front",
        "army",
        "armee",
        "forces",
        "force",
        "brigade",
        "brigades",
        "battalion",
        "council",
        "conseil",
        "party",
        "parti",
        "organisation",
        "organization",
        "ministry",
        "ministere",
        "agency",
        "agence",
        "committee",
        "comite",
        "coalition",
        "union",
        "movement",
        "mouvement",
        "group",
        "groupe",
        "state",
        "etat",
        "league",
        "ligue",
        "nations",
        "government",
        "gouvernement",
        "office",
        "bureau",
        "company",
        "corporation",
        "bank",
        "banque",
        "news",
        "press",
        "institute",
        "institut",
        "association",
        "federation",
        "network",
        "reseau",
        "observatory",
        "observatoire",
        "police",
        "guard",
        "garde",
        "jaish",
        "jabhat",
        "harakat",
        "liwa",
        "kataib",
        "tahrir",
        "hezbollah",
        "hizbollah",
        "ngo",
        "ong",
        "tv",
        "media",
    ];
    let key = alias_key(name);
    if key.split(' ').any(|w| WORDS.contains(&w)) {
        return true;
    }
    let letters: Vec<char> = name.chars().filter(|c| c.is_alphanumeric()).collect();
    letters.len() >= 2 && letters.len() <= 6 && letters.iter().all(|c| !c.is_lowercase())
}
