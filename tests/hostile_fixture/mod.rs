//! The hostile corpus, generated in a temporary folder (no binary blobs in the repository):
//! every encoding, non-documents, broken structure, odd trees, hostile text and sizes that
//! issue 6 lists, with what each case should load and warn.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};

/// A single-line document this many bytes long is part of the corpus (large enough to be
/// wrapped into tens of thousands of lines, small enough for a debug-build test).
pub const ONE_LINE_BYTES: usize = 1_000_000;
/// Characters in the longest title.
pub const LONG_TITLE_CHARS: usize = 5_000;

pub const ESCAPES_TITLE: &str = "Evil \x1b]2;pwned\x07 title";

pub struct Hostile {
    pub dir: tempfile::TempDir,
}

impl Hostile {
    pub fn root(&self) -> &Path {
        self.dir.path()
    }
}

fn write(root: &Path, name: impl AsRef<Path>, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = root.join(name);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, bytes).unwrap();
    path
}

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut out = if big_endian { vec![0xFE, 0xFF] } else { vec![0xFF, 0xFE] };
    for unit in text.encode_utf16() {
        out.extend_from_slice(&if big_endian { unit.to_be_bytes() } else { unit.to_le_bytes() });
    }
    out
}

/// Builds the corpus. Files are named so that their sorted order groups the cases.
pub fn build() -> Hostile {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    // Encodings.
    write(root, "a_utf8.txt", "Café crème\n\nLe président est arrivé à Alep.\n");
    write(root, "a_utf8_bom.txt", "\u{FEFF}Été brûlant\n\nCorps.\n");
    write(root, "a_utf16be.txt", utf16("Œuvre seize BE\r\n\r\nCorps ünïcode.\r\n", true));
    let mut odd = utf16("Œuvre seize LE\n\nCorps ünïcode.\n", false);
    odd.push(0x41); // a lone trailing byte: replaced, not a reason to drop the file
    write(root, "a_utf16le.txt", odd);
    write(root, "a_cp1252.txt", b"Caf\xe9 \x9cuvre \x80 Windows\n\nCorps en fran\xe7ais.\n");
    write(root, "a_latin1.txt", b"Fran\xe7ais na\xeff Latin\n\nCorps \xe0 l'\xe9t\xe9.\n");
    write(
        root,
        "a_stray_byte.txt",
        b"\xc3\x89t\xc3\xa9 \xc3\xa0 Alep \xff octet\n\nCorps \xc3\xa9t\xc3\xa9.\n",
    );
    // Not documents.
    write(root, "b_blank.md", " \n\t \r\n");
    write(root, "b_empty.txt", "");
    write(root, "b_png.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00");
    // Broken structure.
    write(
        root,
        "c_broken.jsonl",
        "{\"title\": \"JSONL un\", \"body\": \"a\"}\n{\"title\": \"cassé\",\n{\"title\": \"JSONL trois\"}\n",
    );
    write(
        root,
        "c_quote.csv",
        "id,title,body\n1,CSV un,corps\n2,\"CSV deux sans fin,corps\n3,CSV trois,corps\n",
    );
    write(
        root,
        "c_truncated.json",
        "[\n{\"title\": \"JSON un\"},\n{\"title\": \"JSON deux\"},\n{\"title\": \"Tr",
    );
    // Fields of the wrong type.
    let types = [
        r#"{"title": null, "body": "Titre nul. Corps du texte."}"#,
        r#"{"title": 42, "body": "nombre"}"#,
        r#"{"title": "Acteurs en texte", "body": "x", "actors": "Bachar al-Assad; Vladimir Poutine"}"#,
        r#"{"title": {"fr": "objet"}, "body": "Corps objet."}"#,
        r#"[1, 2]"#,
        r#"{"title": "Acteur nombre", "actors": 7, "body": "x"}"#,
        r#"{"title": true, "body": ["p1", "p2"], "date": 2019}"#,
        r#"{"title": "Acteur booléen", "actors": [true, "Assad"]}"#,
        r#""juste une chaîne""#,
        r#"{"id": null}"#,
        r#"{"\u0085title": {"a": 1}, "body": "Clé C1."}"#,
    ];
    write(root, "d_types.jsonl", types.join("\n"));
    // Text that tries to drive the terminal.
    write(
        root,
        "e_escapes.txt",
        format!(
            "{ESCAPES_TITLE}\n\nBody \x1b[2J clear \x1b]52;c;ZXZpbA==\x07 clip \x08 back \u{9b}31m c1 \
             \x7f del \x1b[31m red \u{202E}gnol\u{202C} bidi.\n"
        ),
    );
    write(
        root,
        "e_escapes.jsonl",
        r#"{"id": "esc\u001b[31m", "title": "JSON \u001b]0;t\u0007 title", "source": "\u001b]2;src\u0007Src", "date": "2019-02", "actors": ["\u001b]52;c;eA==\u0007Evil Actor"], "body": "Body \u009b2J end"}"#,
    );
    write(
        root,
        "e_unicode.txt",
        "日本語の見出し 👨‍👩‍👧 🇫🇷\n\n\
         漢字とかなの本文。e\u{301}te\u{301} combinant, zero\u{200B}width, \
         famille 👨‍👩‍👧‍👦 drapeaux 🇸🇾🇹🇷, العربية من اليمين, עברית, \u{2067}isolé\u{2069}.\n",
    );
    // Sizes.
    let long_title = "Mot ".repeat(LONG_TITLE_CHARS / 4);
    write(root, "f_long_title.jsonl", format!("{{\"title\": \"{long_title}\", \"body\": \"Corps.\"}}\n"));
    let line = "Alep est assiégée depuis des mois ";
    write(root, "f_one_line.txt", line.repeat(ONE_LINE_BYTES / line.len()));
    // File names.
    write(root, "g_names/with space.txt", "Espace\n\nCorps.\n");
    write(root, "g_names/new\nline.txt", "Retour\n\nCorps.\n");
    write(root, "g_names/esc\x1b]2;pwned\x07.txt", "Nom piégé\n\nCorps.\n");
    write(root, "g_names/z_bin\x1b[31m.txt", b"\x00\x01binary");
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        write(root, std::ffi::OsStr::from_bytes(b"g_names/caf\xe9.txt"), "Latin\n\nCorps.\n");
    }
    // Trees.
    let deep: PathBuf = std::iter::repeat_n("d", 100).collect();
    write(root, Path::new("h_deep").join(deep).join("bottom.txt"), "Fond\n\nCorps.\n");
    write(root, "i_loop/doc.txt", "Boucle\n\nCorps.\n");
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(root.join("i_loop"), root.join("i_loop/loop")).unwrap();
        std::os::unix::fs::symlink(root.join("missing.txt"), root.join("i_loop/dangling.txt")).unwrap();
    }
    Hostile { dir }
}

/// The titles that load, in load order.
pub fn expected_titles() -> Vec<String> {
    let mut titles: Vec<String> = [
        "Café œuvre € Windows",
        "Français naïf Latin",
        "Été à Alep \u{FFFD} octet",
        "Œuvre seize BE",
        "Œuvre seize LE",
        "Café crème",
        "Été brûlant",
        "JSONL un",
        "JSONL trois",
        "CSV un",
        "CSV trois",
        "JSON un",
        "JSON deux",
        "Titre nul.",
        "42",
        "Acteurs en texte",
        "Corps objet.",
        "Acteur nombre",
        "true",
        "Acteur booléen",
        "Clé C1.",
        "JSON \x1b]0;t\x07 title",
        ESCAPES_TITLE,
        "日本語の見出し 👨‍👩‍👧 🇫🇷",
    ]
    .map(String::from)
    .to_vec();
    titles.push("Mot ".repeat(LONG_TITLE_CHARS / 4).trim_end().to_string());
    titles.push(String::from(
        "Alep est assiégée depuis des mois Alep est assiégée depuis des mois Alep est assiégée depuis des…",
    ));
    titles.extend(["Latin", "Nom piégé", "Retour", "Espace", "Fond", "Boucle"].map(String::from));
    titles
}

/// The warnings, as `RELATIVE_PATH[:LINE]: reason` (the path as the terminal must show it).
pub fn expected_warnings() -> Vec<String> {
    [
        "b_blank.md: empty file, skipped",
        "b_empty.txt: empty file, skipped",
        "b_png.txt: binary file (NUL bytes), skipped",
        "c_broken.jsonl:2: invalid JSON at column 19: EOF while parsing a value",
        "c_quote.csv:3: CSV row has 2 fields, the header has 3 (broken quote?), row skipped",
        "c_truncated.json:4: invalid JSON at column 13: EOF while parsing a string",
        "d_types.jsonl:4: field `title` is an object, ignored",
        "d_types.jsonl:5: an array is not a record (expected an object), skipped",
        "d_types.jsonl:8: an entry of `actors` is a boolean, ignored",
        "d_types.jsonl:9: a string is not a record (expected an object), skipped",
        "d_types.jsonl:10: record has neither title nor body, skipped",
        "d_types.jsonl:11: field `\u{FFFD}title` is an object, ignored",
        "g_names/z_bin␛[31m.txt: binary file (NUL bytes), skipped",
        "i_loop/dangling.txt: cannot open: No such file or directory (os error 2)",
        "i_loop/loop: folder already loaded (symlink loop or duplicate), skipped",
    ]
    .map(String::from)
    .to_vec()
}
