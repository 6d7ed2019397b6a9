//! The README's keys table is generated from the keymap: this fails when they drift apart
//! (run with DOSSIER_WRITE_README=1 to rewrite the table in place).

#[test]
fn the_readme_lists_every_key_of_the_keymap() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
    let readme = std::fs::read_to_string(path).expect("README.md");
    let table = dossier::app::keymap::markdown_table();
    let (start, end) = ("<!-- keys:start -->\n", "<!-- keys:end -->");
    let from = readme.find(start).expect("keys:start marker") + start.len();
    let to = readme.find(end).expect("keys:end marker");
    if std::env::var_os("DOSSIER_WRITE_README").is_some() {
        std::fs::write(path, format!("{}{table}{}", &readme[..from], &readme[to..])).expect("write README");
        return;
    }
    assert_eq!(
        &readme[from..to],
        table,
        "README keys table is stale: DOSSIER_WRITE_README=1 cargo test --test readme"
    );
}
