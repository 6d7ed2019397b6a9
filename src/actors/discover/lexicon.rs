//! The closed word classes of French and English news that discovery leans on: titles and
//! roles before names, particles inside names, heads of organisation names, words that start
//! sentences, months and days. General language knowledge only; no names of actors (those
//! belong in the gazetteer).
//!
//! One table maps a folded word to a bit set of classes, so each word costs one lookup.

use std::collections::HashMap;
use std::sync::LazyLock;

/// Function words, pronouns, adverbs and other words that are capitalised only because they
/// start a sentence (or a headline); also months and days.
pub(super) const STOP: u32 = 1;
/// Honorifics, ranks and nobility: a name follows, possibly with a particle (M. de Lasteyrie).
pub(super) const HONORIFIC: u32 = 1 << 1;
/// Roles and professions: a capitalised name may follow directly (président Wilson).
pub(super) const ROLE: u32 = 1 << 2;
/// Lowercase words inside names (de, van, bin) and organisation names (of, for).
pub(super) const PARTICLE: u32 = 1 << 3;
/// Heads of organisation names.
pub(super) const ORG_HEAD: u32 = 1 << 4;
/// French heads that take lowercase complements (Comité des épidémies, Parti communiste).
pub(super) const ORG_TAIL: u32 = 1 << 5;
/// Common given names: a capitalised word after one is a surname.
pub(super) const GIVEN: u32 = 1 << 6;
/// Prepositions after which a lone capitalised word is most often a place.
pub(super) const PLACE_PREP: u32 = 1 << 7;
/// Articles (le, la, l', the): dropped from the front of a name.
pub(super) const ARTICLE: u32 = 1 << 8;
/// Words that may link an organisation's complements (de, des, pour, sur).
pub(super) const ORG_LINK: u32 = 1 << 9;
/// Capitalised common nouns and demonyms that name no one (Dieu, Français, Etat).
pub(super) const COMMON: u32 = 1 << 10;
/// Determiners that introduce common nouns rather than names (une, cette, son, every).
pub(super) const DETERMINER: u32 = 1 << 11;
/// Roles whose "de" complement is a portfolio or a country, not a name (ministre de la Guerre).
pub(super) const PORTFOLIO: u32 = 1 << 13;
/// Plural determiners: a capitalised plural after them is a demonym or a common noun.
pub(super) const PLURAL: u32 = 1 << 12;
/// Words of web pages (Follow, Share, Latest, Twitter, URL): page furniture, not names, when
/// alone or in front of a sequence.
pub(super) const WEB: u32 = 1 << 14;
/// Organisation heads that name one institution on their own (le Sénat, Parliament); other
/// heads alone (the Observatory, l'Alliance) only abbreviate a fuller name.
pub(super) const SELF_NAMING: u32 = 1 << 15;
/// Ministerial portfolios (la Défense): also COMMON, but a ministry may take them.
pub(super) const DOMAIN: u32 = 1 << 16;
/// Words that open a place name (Khan Sheikhoun, Jisr al-Shughour, Deir Ezzor, rue de Rivoli).
pub(super) const PLACE_HEAD: u32 = 1 << 17;
/// Words that end a place name (Handarat Camp, al-Neel Street, Tabqa Dam).
pub(super) const PLACE_TAIL: u32 = 1 << 18;
/// Words of an English job title around its role (Executive Director, Regional Humanitarian
/// Coordinator): after a name they are its apposition, not part of it.
pub(super) const TITLE_WORD: u32 = 1 << 19;
/// English words that end the names of events, laws and treaties (the Six Day War,
/// International Humanitarian Law, the Chemical Weapons Convention): no one acts under them.
pub(super) const NOT_AN_ACTOR: u32 = 1 << 20;

/// Demonyms, adjectives of nationality, region and religion, and their plurals: capitalised
/// in English (and some in French) without naming anyone.
const DEMONYMS: &str = "
arab arabs arabic iraqi iraqis kurd kurds kurdish shiite shiites shia shias shii sunni sunnis
alawite alawites alawi islamist islamists islamic islam muslim muslims christian christians
jewish jew jews druze takfiri takfiris jihadist jihadists jihadi jihadis salafist salafists
salafi wahhabi yazidi yazidis western westerner westerners eastern northern southern
american americans french british english israeli israelis saudi saudis pakistani pakistanis
afghan afghans yemeni yemenis qatari qataris emirati emiratis kuwaiti kuwaitis bahraini omani
turk turks turkish german germans dutch greek greeks swiss european europeans african
africans asian asians persian ottoman sunnite sunnites chiite chiites alaouite alaouites
turc turcs turque turques arabe arabes kurde kurdes islamiste islamistes musulman musulmans
musulmane musulmanes chretien chretiens chretienne occidental occidentaux occidentale
occidentales syrien syriens syrienne syriennes irakien irakiens iranien iraniens israelien
israeliens saoudien saoudiens djihadiste djihadistes jihadiste jihadistes
";

/// Ministerial portfolios (la Défense, l'Intérieur): the ministry's field, not a name.
const DOMAINS: &str = "
defense defence interieur justice guerre finances sante agriculture travail colonies
instruction affaires etrangeres economie interior
";

/// Page furniture of news web sites: imperatives, section labels and platforms.
const WEB_WORDS: &str = "
get follow watch share subscribe editing edited edit connect latest showcase category read
click sign login register comment comments reply print email download advertisement
advertise sponsored related trending popular home menu search tags video videos photo photos
gallery copyright reserved privacy contact newsletter source sources standards episode
breaking update updated reporting writing additional
tweet tweets retweet views twitter youtube facebook instagram whatsapp telegram android iphone url tv online website
staff
";

const SELF_NAMING_HEADS: &str = "
senat chambre parlement assemblee congres academie senate congress parliament
kremlin bourse
";

const STOP_WORDS: &str = "
le la les l' un une des du de d' au aux et ou mais donc or ni car que qu' qui quoi dont où ou
il ils elle elles on nous vous je j' tu me m' te t' se s' ce c' cet cette ces ceci cela ça ca
son sa ses leur leurs mon ma mes ton ta tes notre nos votre vos tout tous toute toutes
dans pour par sur sous avec sans chez entre vers contre depuis pendant avant après apres
selon malgré malgre parmi hier aujourd' demain ainsi alors aussi puis ensuite enfin cependant
pourtant toutefois néanmoins neanmoins d'ailleurs certes bref si comme quand lorsque lorsqu'
puisque puisqu' parce quel quelle quels quelles lequel laquelle lesquels quelque quelques
plusieurs chaque aucun aucune nul nulle autre autres même meme tel telle tels telles voici
voilà voila oui non ne n' pas plus moins très tres trop bien mal peu beaucoup encore déjà
deja jamais toujours souvent parfois ici là là-bas y en est sont était etait fut a ont avait
sera seront fait faire dit voir va vont peut doit faut il-y cest c'est qu'il soit
seul seule seuls certains certaines tant quant outre sauf près pres loin rien personne
chacun chacune celui celle ceux celles lui leur eux moi toi soi cependant désormais desormais
naturellement évidemment evidemment heureusement malheureusement seulement également
egalement notamment surtout environ presque vraiment quoique tandis jusqu' jusque lors
premier première premiere deuxième deuxieme dernier dernière derniere nouveau nouvelle
nouveaux nouvelles grand grande grands grandes petit petite petits petites bon bonne
ah oh eh hélas helas allons voyons sachez dites mais
the a an this that these those but and or nor in on at to for from with by of as is was
are were be been being he she it they we you i his her its their our my your there here
when while after before since during if although though however meanwhile also yet so not
no yes all some many most more other another such what which who whom whose where why how
according said says then now today yesterday tomorrow last next first new one two three
both each every any few several only even still just again once despite under over
about against between into through without within among amid upon until unless because
whether do does did has have had will would could should may might must can shall let
later earlier instead thus moreover furthermore nevertheless nonetheless indeed finally
eventually overall separately similarly likewise otherwise recently previously currently
initially subsequently additionally besides hence therefore ultimately reportedly apparently
elsewhere afterwards together perhaps maybe almost already nearly soon usually often
sometimes always never
january february march april june july august september october november december
monday tuesday wednesday thursday friday saturday sunday
mondays tuesdays wednesdays thursdays fridays saturdays sundays
feb mar apr jun jul aug sep sept oct nov dec tue tues wed thu thur thurs fri
spring summer autumn winter gmt utc am pm ramadan eid
janvier février fevrier mars avril mai juin juillet août aout septembre octobre novembre
décembre decembre lundi mardi mercredi jeudi vendredi samedi dimanche
";

const HONORIFICS: &str = "
m mm mme mmes mlle mlles me mgr dr pr docteur professeur monsieur madame mademoiselle
messieurs mesdames sir lord lady dame mr mrs ms miss messrs herr frau
général general gen marechal maréchal colonel col commandant cdt capitaine capt lieutenant
lt amiral major sergent sgt caporal prince princesse roi reine duc duchesse comte comtesse
marquis marquise baron baronne vicomte vicomtesse archiduc archiduchesse empereur
impératrice imperatrice pape cardinal évêque eveque archevêque archeveque abbé abbe chanoine
curé cure père pere soeur pasteur rabbin maître maitre citoyen citoyenne camarade
king queen emperor pope bishop archbishop father reverend rev cheikh sheikh emir émir imam
ayatollah mollah mullah shah sultan tsar czar kaiser mister maj brig
";

const ROLES: &str = "
président presidente présidente president ministre secrétaire secretaire sénateur senateur
député depute préfet prefet sous-préfet maire gouverneur chancelier ambassadeur consul juge
procureur directeur directrice chef leader dirigeant commissaire inspecteur porte-parole
délégué delegue émissaire emissaire adjoint conseiller rapporteur questeur
avocat notaire aviateur savant écrivain ecrivain auteur poète poete peintre sculpteur
compositeur acteur actrice artiste graveur romancier journaliste reporter correspondant
chanteur chanteuse violoniste pianiste explorateur ingénieur ingenieur architecte
senator minister secretary governor chancellor ambassador judge prosecutor director chief
spokesman spokeswoman spokesperson premier representative sen gov deputy envoy chairman
chairwoman commander mayor lawyer correspondent analyst official officer
coordinator manager adviser advisor founder editor professor researcher
";

/// Arabic (and French) words that begin place names, as English and French news spell them.
const PLACE_HEADS: &str = "
khan kafr kfar kafar bab jisr tal tall tel tell ain ayn deir dayr wadi ras beit bayt bir
jabal jebel jabel qasr qalaat qalat souq suq khirbet khirbat orum urum urom tareeq sayeda
sayyida harat maaret maarat maarrat bustan jubb mount mont lake fort port rue avenue
boulevard quai
";

/// English words that end place names.
const PLACE_TAILS: &str = "
street road square camp farms farm hill hills mountain mountains valley river dam bridge
district neighbourhood neighborhood village town city province governorate countryside
triangle roundabout crossing airport airbase mosque prison plain plains desert island
islands coast region palace stadium station highway junction checkpoint suburb suburbs
gate sea gulf strait heights plateau refinery oilfield
";

/// English words that end names of events, laws and treaties, or open references to them.
const NOT_ACTORS: &str = "
war wars law laws convention conventions treaty agreement accord accords protocol charter
chapter
";

/// English words of job titles besides the roles themselves.
const TITLE_WORDS: &str = "
executive regional humanitarian senior special assistant acting interim former general
deputy chief head resident country managing vice associate principal
";

const PARTICLES: &str = "
de du des d' la le l' van von der den ter ten di da dos das do del della al el ben bin ibn
bint abu abou ould y zu of for on
";

const ORG_HEADS_TAILED: &str = "
comité comite conseil parti ligue société societe union fédération federation association
chambre sénat senat assemblée assemblee académie academie compagnie cie banque ministère
ministere commission front armée armee office syndicat confédération confederation institut
crédit credit gouvernement cour tribunal école ecole université universite collège college
lycée lycee club cercle agence bureau caisse comptoir entente établissements etablissements
groupe groupement mouvement organisation parlement congrès congres conférence conference
imprimerie librairie théâtre theatre comédie comedie musée musee bibliothèque bibliotheque
fondation mutuelle coopérative cooperative ordre rassemblement brigade régiment regiment
division légion legion marine préfecture prefecture direction administration bourse
sucrerie usines manufacture forges mines aciéries acieries magasins galeries compagnies
secours centre fraternité fraternite amicale alliance conservatoire faculté faculte
";

const ORG_HEADS_EN: &str = "
council committee party army ministry organization organisation observatory agency bank
company corporation corp inc ltd institute university school department commission
federation league foundation group movement forces force brigades battalion coalition
network news times post press service services court senate congress parliament assembly
cabinet government authority board society trust fund church hospital airlines airways
police guard navy command unit units militia council union front association forum
center centre crescent faculty
faylaq jabhat jaish jeish jaysh jund liwa harakat kataib katibat saraya ahrar
";

const GIVEN_NAMES: &str = "
jean pierre paul jacques louis henri henry charles françois francois joseph georges andré
andre marcel rené rene michel robert albert édouard edouard émile emile eugène eugene jules
léon leon lucien maurice raymond roger victor alexandre antoine auguste gustave alfred
ernest gaston fernand félix felix étienne etienne nicolas philippe claude daniel marie anne
jeanne marguerite louise madeleine suzanne germaine hélène helene yvonne lucie berthe
marthe simone alice julie sophie catherine isabelle françoise francoise thérèse therese
camille adolphe arthur armand théophile theophile hippolyte honoré honore benjamin
frédéric frederic guillaume hugues olivier bernard gérard gerard alain serge yves patrick
emmanuel vladimir dmitri sergei sergueï boris igor john james william george thomas david
richard mary elizabeth edward michael mike donald joe barack hillary bashar hassan
mohammed mohamed muhammad ahmed ali omar abdel abdul ibrahim mustafa mahmoud recep
";

const DETERMINERS: &str = "
un une ce cet cette ces son sa ses leur leurs mon ma mes ton ta tes notre nos votre vos
chaque quelque quelques plusieurs aucun aucune an this these those every
";

const PORTFOLIOS: &str = "ministre ministres secrétaire secretaire sous-secrétaire minister secretary";

const PLURALS: &str = "les des aux ces mes tes ses nos vos leurs quelques plusieurs";

const PLACE_PREPS: &str = "à a en au aux vers in at near";

const ARTICLES: &str = "le la les l' the";

const ORG_LINKS: &str = "de du des d' pour sur la le les l'";

const COMMONS: &str = "
dieu etat état états etats république republique patrie nation église eglise
français francais française francaise allemand allemands allemande anglais anglaise
américain américains americain americains russe russes italien italiens belge belges
européen européens parisien parisiens parisienne
monsieur madame mademoiselle messieurs mesdames sire
";

static TABLE: LazyLock<HashMap<&'static str, u32>> = LazyLock::new(|| {
    let mut table: HashMap<&'static str, u32> = HashMap::with_capacity(1200);
    let lists = [
        (STOP_WORDS, STOP),
        (HONORIFICS, HONORIFIC),
        (ROLES, ROLE),
        (PARTICLES, PARTICLE),
        (ORG_HEADS_TAILED, ORG_HEAD | ORG_TAIL),
        (ORG_HEADS_EN, ORG_HEAD),
        (GIVEN_NAMES, GIVEN),
        (PLACE_PREPS, PLACE_PREP),
        (ARTICLES, ARTICLE),
        (ORG_LINKS, ORG_LINK),
        (COMMONS, COMMON),
        (DETERMINERS, DETERMINER),
        (PLURALS, PLURAL),
        (PORTFOLIOS, PORTFOLIO),
        (DEMONYMS, COMMON),
        (DOMAINS, COMMON | DOMAIN),
        (WEB_WORDS, WEB),
        (SELF_NAMING_HEADS, SELF_NAMING),
        (PLACE_HEADS, PLACE_HEAD),
        (PLACE_TAILS, PLACE_TAIL),
        (TITLE_WORDS, TITLE_WORD),
        (NOT_ACTORS, NOT_AN_ACTOR),
    ];
    for (words, class) in lists {
        for w in words.split_whitespace() {
            *table.entry(w).or_default() |= class;
        }
    }
    table
});

/// The classes of a folded word (0 when it is in none).
pub(super) fn classes(folded: &str) -> u32 {
    TABLE.get(folded).copied().unwrap_or(0)
}

/// Suffixes of French adjectives that follow an organisation's head (Parti communiste,
/// Confédération générale, Union rationaliste). `word` is the original spelling, for the
/// accents of past participles (Egypte Unifiée).
pub(super) fn looks_adjective(word: &str, folded: &str) -> bool {
    const SUFFIXES: &[&str] = &[
        "al", "ale", "ales", "aux", "ique", "iques", "iste", "istes", "ien", "ienne", "iens", "iennes",
        "ais", "aise", "aises", "ois", "oise", "oises", "el", "elle", "els", "elles", "aire", "aires", "if",
        "ive", "ifs", "ives", "ain", "aine", "ains", "aines", "ier", "iere", "ieres", "iers",
    ];
    const PARTICIPLES: &[&str] = &["é", "ée", "és", "ées"];
    folded.len() >= 4
        && classes(folded) & (STOP | PARTICLE) == 0
        && (SUFFIXES.iter().any(|s| folded.ends_with(s)) || PARTICIPLES.iter().any(|s| word.ends_with(s)))
}

/// Endings of French common nouns and verb forms that capitalisation alone does not make
/// names (Exposition, Couronnement, Ajoutons, Professeurs).
pub(super) fn looks_common_noun(folded: &str) -> bool {
    const SUFFIXES: &[&str] = &[
        "tion", "tions", "sion", "sions", "ment", "ments", "ons", "eurs", "ures", "ages", "ismes", "iques",
        "ains", "ites",
    ];
    SUFFIXES.iter().any(|s| folded.ends_with(s))
}

/// English adjectives of nationality and compounds such as "British-based" or "Kurdish-Arab",
/// which are capitalised without naming anyone (Syrian, Turkish, Iranian-backed).
pub(super) fn looks_demonym(word: &str, folded: &str) -> bool {
    const SUFFIXES: &[&str] = &["ian", "ians", "ish", "ese", "ean", "eans"];
    let compound =
        word.rsplit_once('-').is_some_and(|(_, tail)| tail.chars().next().is_some_and(char::is_lowercase));
    let suffixed = |f: &str| f.len() > 4 && SUFFIXES.iter().any(|s| f.ends_with(s));
    // Kurdish-Arab, Syrian-Turkish: every part a demonym.
    let demonyms =
        folded.contains('-') && folded.split('-').all(|part| classes(part) & COMMON != 0 || suffixed(part));
    compound || demonyms || suffixed(folded)
}

/// OCR debris and abbreviations (Px, Frs, Chrpn) have no vowel.
pub(super) fn has_vowel(folded: &str) -> bool {
    folded.chars().any(|c| "aeiouy".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_combine() {
        assert_ne!(classes("de") & PARTICLE, 0);
        assert_ne!(classes("de") & STOP, 0);
        assert_ne!(classes("comite") & ORG_TAIL, 0);
        assert_ne!(classes("m") & HONORIFIC, 0);
        assert_eq!(classes("cheron"), 0);
        assert!(looks_adjective("générale", "generale"));
        assert!(looks_adjective("unifiée", "unifiee"));
        assert!(!looks_adjective("des", "des"));
    }
}
