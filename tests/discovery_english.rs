//! Discovery on English news: without a cue, capitalised words are not enough evidence of a
//! name. Sentences written for the rules (in the style of wire copy, not copied from a corpus).

use dossier::actors::ActorKind;
use dossier::actors::discover::discover;

fn names(text: &str) -> Vec<String> {
    discover(text).into_iter().map(|d| d.name).collect()
}

fn assert_none_of(found: &[String], junk: &[&str]) {
    for j in junk {
        assert!(!found.iter().any(|n| n == j), "{j} should not be a name: {found:?}");
    }
}

#[test]
fn demonyms_and_religious_adjectives_are_not_names() {
    let found = names(
        "Rebels said Arab and Kurds fighters clashed with Islamist groups near the border. \
         Shiite and Sunni leaders met, and Western diplomats praised the Iraqi army. \
         Thousands of Afghan refugees fled after the Arab Spring.",
    );
    assert_none_of(
        &found,
        &[
            "Arab",
            "Kurds",
            "Islamist",
            "Shiite",
            "Sunni",
            "Western",
            "Iraqi",
            "Arab Spring",
            "Thousands of Afghan",
        ],
    );
}

#[test]
fn dates_and_page_furniture_are_not_names() {
    let found = names(
        "The talks resumed on Tuesdays in Jul and Oct. Follow us on Twitter and YouTube. \
         Get the Latest News. Watch Connect. Share this URL on Facebook. Editing by staff.",
    );
    assert_none_of(
        &found,
        &[
            "Tuesdays",
            "Jul",
            "Oct",
            "Twitter",
            "YouTube",
            "Get",
            "Latest News",
            "News",
            "Watch Connect",
            "URL",
        ],
    );
}

#[test]
fn a_navigation_run_is_not_a_name() {
    let found = names("Home Android Youtube Satellite Coverage Partner Hotels Corporate about us.");
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn a_headline_fragment_of_common_words_is_not_a_name() {
    let found = names("Civilians Killed in the east. The civilians were killed when shells hit a market.");
    assert_none_of(&found, &["Civilians Killed", "Civilians"]);
}

#[test]
fn a_lone_surname_needs_a_full_name_or_a_title() {
    let text = "Hazem Sabbagh told reporters the road was open. Sabbagh added that Kowalski \
                had left. Later Mr Novak arrived and Novak spoke.";
    let found = discover(text);
    let sabbagh = found.iter().find(|d| d.name == "Hazem Sabbagh").expect("full name found");
    assert_eq!(sabbagh.spans.len(), 2, "surname joined to the full name");
    assert!(found.iter().any(|d| d.name == "Novak" && d.kind == ActorKind::Person));
    assert!(!found.iter().any(|d| d.name == "Kowalski"), "no cue, no full name: {found:?}");
}

#[test]
fn a_lone_organisation_head_joins_the_full_name_or_goes() {
    let text = "The Syrian Observatory for Human Rights said 20 died. The British-based \
                Observatory said the toll would rise. The Coalition did not comment.";
    let found = discover(text);
    let sohr = found.iter().find(|d| d.name == "Syrian Observatory for Human Rights").expect("found");
    assert_eq!(sohr.kind, ActorKind::Organisation);
    assert_eq!(sohr.spans.len(), 2, "the Observatory is the same organisation: {found:?}");
    assert!(!found.iter().any(|d| d.name == "Observatory" || d.name == "Coalition"), "{found:?}");
    assert!(!found.iter().any(|d| d.name.contains("British")), "{found:?}");
}

#[test]
fn words_before_a_capitalised_title_qualify_it() {
    let found = names("Russian Foreign Minister Sergei Lavrov met the Syrian Deputy Minister Faisal Mekdad.");
    assert!(found.iter().any(|n| n == "Sergei Lavrov"), "{found:?}");
    assert!(found.iter().any(|n| n == "Faisal Mekdad"), "{found:?}");
    assert_none_of(&found, &["Russian Foreign", "Syrian Deputy"]);
}

#[test]
fn real_english_names_are_still_found() {
    let found = names(
        "Rami Abdel Rahman who heads the Syrian Network for Human Rights said Press TV and \
         CNN had reported the strike. Abdel Rahman added that the Syrian Center for Policy \
         Research agreed.",
    );
    for want in ["Rami Abdel Rahman", "Syrian Network for Human Rights", "Press TV", "CNN"] {
        assert!(found.iter().any(|n| n == want), "{want} missing from {found:?}");
    }
}

#[test]
fn a_job_title_after_a_name_is_not_part_of_it() {
    let found = names(
        "These weapons are banned, Peter Salama Executive Director of the WHO Health Emergencies \
         Programme said. Kevin Kennedy Regional Humanitarian Coordinator for Syria agreed.",
    );
    assert!(found.iter().any(|n| n == "Peter Salama"), "{found:?}");
    assert!(found.iter().any(|n| n == "Kevin Kennedy"), "{found:?}");
    assert!(!found.iter().any(|n| n.contains("Director") || n.contains("Coordinator")), "{found:?}");
}

#[test]
fn arabic_place_words_and_english_place_tails_make_places() {
    let found = discover(
        "Air strikes hit Khan Sheikhoun and Jisr al-Shughour on Monday. Residents of the \
         Handarat Camp and al-Neel Street fled towards al-Sabaa Bahrat, Rami Haddad said.",
    );
    for place in ["Khan Sheikhoun", "Jisr al-Shughour", "Handarat Camp", "al-Neel Street", "al-Sabaa Bahrat"]
    {
        let d = found.iter().find(|d| d.name == place).unwrap_or_else(|| panic!("{place}: {found:?}"));
        assert_eq!(d.kind, ActorKind::Place, "{place}");
    }
    let person = found.iter().find(|d| d.name == "Rami Haddad").expect("the person too");
    assert_eq!(person.kind, ActorKind::Person);
}

#[test]
fn title_case_headlines_name_no_one_unless_the_prose_does() {
    let text = "Terrorist Rocket Attacks Kill 10 Civilians Injured Dozens in Daraa. Terrorist \
                rocket attacks killed ten civilians and injured dozens, said Omar Haddad. The \
                rebels said they would attack again. Related: Rebels Halt Advance to Allow \
                Repairs at Tabqa Dam as Omar Haddad Warns of Attacks. Crews will halt work \
                to allow repairs.";
    let found = names(text);
    assert_none_of(
        &found,
        &["Terrorist Rocket Attacks", "Civilians Injured Dozens", "Rebels Halt Advance", "Allow Repairs"],
    );
    assert!(found.iter().any(|n| n == "Omar Haddad"), "named in the prose too: {found:?}");
}

#[test]
fn names_of_organisations_made_of_common_words_are_no_headline() {
    let found = names(
        "A credit line agreement was signed by the Syrian Commercial Bank and the Export \
         Development Bank of Iran. The deal will fund exports and development; the bank \
         said commercial loans would follow.",
    );
    assert!(found.iter().any(|n| n == "Syrian Commercial Bank"), "{found:?}");
}

#[test]
fn arabic_names_of_armed_groups_and_english_centres_are_organisations() {
    let found = discover(
        "Rebels said Faylaq al-Sham and Jund al-Aqsa attacked, according to the Syrian Center \
         for Policy Research. Kurdish-Arab units held the town.",
    );
    for org in ["Faylaq al-Sham", "Jund al-Aqsa", "Syrian Center for Policy Research"] {
        let d = found.iter().find(|d| d.name == org).unwrap_or_else(|| panic!("{org}: {found:?}"));
        assert_eq!(d.kind, ActorKind::Organisation, "{org}");
    }
    assert!(!found.iter().any(|d| d.name.contains("Kurdish")), "{found:?}");
}

#[test]
fn wars_laws_and_treaties_are_no_actors() {
    let found = names(
        "Since the Six Day War the border was closed. The strikes broke International \
         Humanitarian Law and the Chemical Weapons Convention, said Rami Haddad, who asked \
         for a resolution under Chapter VII. Reporting by Staff.",
    );
    assert_none_of(
        &found,
        &[
            "Six Day War",
            "International Humanitarian Law",
            "Chemical Weapons Convention",
            "Chapter VII",
            "Staff",
        ],
    );
    assert!(found.iter().any(|n| n == "Rami Haddad"), "{found:?}");
}
