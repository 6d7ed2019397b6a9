//! Each format and encoding, on fixtures the tests write into temporary folders.

use dossier::corpus::{ActorNames, Document};

mod common;

use common::files::{load, write};

fn ids(docs: &[Document]) -> Vec<&str> {
    docs.iter().map(|d| d.id()).collect()
}

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut out = if big_endian { vec![0xFE, 0xFF] } else { vec![0xFF, 0xFE] };
    for unit in text.encode_utf16() {
        out.extend(if big_endian { unit.to_be_bytes() } else { unit.to_le_bytes() });
    }
    out
}

#[test]
fn text_files_in_a_folder_are_named_by_relative_path_in_sorted_order() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "b.txt", "Titre B\nCorps B.");
    write(dir.path(), "a.TXT", "Titre A\nCorps A.");
    write(dir.path(), "sub/article.md", "# Titre MD\n\nCorps MD.");
    write(dir.path(), "sub/deeper/x.y.txt", "Titre XY\nCorps XY.");
    write(dir.path(), "notes.docx", "ignored");
    write(dir.path(), ".hidden.txt", "Caché\nCorps.");
    write(dir.path(), ".git/inside.txt", "Caché\nCorps.");

    let loaded = load(dir.path());
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    assert_eq!(ids(&loaded.docs), ["a", "b", "sub/article", "sub/deeper/x.y"]);
    let md = &loaded.docs[2];
    assert_eq!((md.title(), md.body()), ("Titre MD", "Corps MD."));
}

#[test]
fn a_file_given_by_name_is_named_by_its_stem() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "sub/article.md", "# Titre\n\nCorps.");
    assert_eq!(ids(&load(&path).docs), ["article"]);
}

#[test]
fn json_object_array_and_lines() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "one.json", r#"{"title": "Un", "body": "Corps un.", "id": "u1"}"#);
    write(
        dir.path(),
        "many.json",
        "[\n  {\"headline\": \"Deux\", \"text\": \"Corps deux.\"},\n  {\"title\": \"Trois\",\n   \"content\": \"Corps trois.\"}\n]\n",
    );
    write(
        dir.path(),
        "lines.jsonl",
        "{\"title\": \"Quatre\", \"body\": \"B4\"}\n\n   \n{\"id\": 5, \"title\": \"Cinq\"}\n",
    );
    write(dir.path(), "sub/more.NDJSON", "{\"title\": \"Six\"}\n");

    let loaded = load(dir.path());
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    assert_eq!(
        ids(&loaded.docs),
        ["lines.jsonl:1", "5", "many.json:2", "many.json:3", "u1", "sub/more.NDJSON:1"]
    );
    let three = &loaded.docs[3];
    assert_eq!((three.title(), three.body()), ("Trois", "Corps trois."));
    assert_eq!(loaded.docs[1].body(), "");

    // A file given by name: FILE is its name.
    let direct = load(&dir.path().join("lines.jsonl"));
    assert_eq!(ids(&direct.docs), ["lines.jsonl:1", "5"]);
}

#[test]
fn csv_columns_are_mapped_by_alias_and_quoted_fields_span_lines() {
    let dir = tempfile::tempdir().unwrap();
    let csv = "Unit_ID,labels,Headline,Article_Content,DATE,Source,Actors\n\
               7,1,\"Alep, encore\",\"Premier paragraphe.\n\nSecond, avec \"\"guillemets\"\".\",4/5/2017,sana,Assad; Poutine\n\
               ,0,Sans id,Corps.,05 Apr 2017,,\"Erdogan, Assad\"\n";
    let path = write(dir.path(), "data.csv", csv);
    let loaded = load(&path);
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    assert_eq!(ids(&loaded.docs), ["7", "data.csv:5"]);
    let first = &loaded.docs[0];
    assert_eq!(first.title(), "Alep, encore");
    assert_eq!(first.body(), "Premier paragraphe.\n\nSecond, avec \"guillemets\".");
    assert_eq!(first.date(), Some("2017-04-05"));
    assert_eq!(first.source(), Some("sana"));
    assert_eq!(first.actors(), ActorNames::from(["Assad", "Poutine"]));
    let second = &loaded.docs[1];
    assert_eq!(second.date(), Some("2017-04-05"));
    assert_eq!(second.source(), None);
    assert_eq!(second.actors(), ActorNames::from(["Erdogan", "Assad"]));
}

#[test]
fn a_csv_with_crlf_or_cr_line_ends_loads_as_with_lf() {
    // Most CSV writers end rows in CRLF, which the CSV reader takes as is (no copy of the
    // file); a field spanning lines must still read with LF, and lines count the same, blank
    // ones too.
    let dir = tempfile::tempdir().unwrap();
    let csv = "id,title,body,actors\n\
               7,\"Alep, encore\",\"Premier.\n\nSecond.\",Assad; Poutine\n\
               \n\
               ,Sans id,Corps.,\n\
               8,Rompu,\n\
               ,Après,Corps.,Erdogan\n";
    let lines = |w: &[dossier::corpus::LoadWarning]| w.iter().map(|w| w.line).collect::<Vec<_>>();
    // Rows on one line each are read in chunks, rows spanning lines one after the other.
    let one_line = csv.replace("Premier.\n\nSecond.", "Premier. Second.");
    for (csv, body, after) in [(csv, "Premier.\n\nSecond.", 2), (&one_line, "Premier. Second.", 0)] {
        for (name, end) in [("lf.csv", "\n"), ("crlf.csv", "\r\n"), ("cr.csv", "\r")] {
            let loaded = load(&write(dir.path(), name, csv.replace('\n', end)));
            let id = |line: u64| format!("{name}:{}", line + after);
            assert_eq!(ids(&loaded.docs), ["7", &id(4), &id(6)], "{name}");
            assert_eq!(loaded.docs[0].body(), body, "{name}");
            assert_eq!(loaded.docs[1].title(), "Sans id", "{name}");
            assert_eq!(loaded.docs[2].actors(), ActorNames::from(["Erdogan"]), "{name}");
            assert_eq!(lines(&loaded.warnings), [Some(5 + after)], "{name}");
        }
    }
    // Past 1 MB, in parallel chunks cut at line ends.
    let rows: String = (0..60_000).map(|i| format!(",Titre {i},Corps.,\r\n")).collect();
    let big = load(&write(dir.path(), "big.csv", format!("id,title,body,actors\r\n{rows}")));
    assert!(rows.len() > 1 << 20 && big.warnings.is_empty());
    for i in [0, 17_000, 59_999] {
        assert_eq!(big.docs[i].id(), format!("big.csv:{}", i + 2));
        assert_eq!(big.docs[i].title(), format!("Titre {i}"));
    }
}

#[test]
fn json_values_of_the_wrong_type_are_coerced_or_reported() {
    let dir = tempfile::tempdir().unwrap();
    let lines = [
        r#"{"id": 42, "title": 1914, "body": null, "date": "2019", "actors": [{"name": " Assad "}, "Erdogan", null]}"#,
        r#"{"id": true, "title": false, "body": ["Para un.", "Para deux."], "actors": "Poutine, Assad"}"#,
        r#"{"title": {"fr": "objet"}, "body": "Corps seul. Suite.", "source": 3, "actors": [{"role": "x"}, 7]}"#,
        r#"{"id": "vide", "title": null, "body": "  ", "actors": ["Assad"]}"#,
        r#"["not", "an", "object"]"#,
        r#"{"title": "Dates", "date": "Wed 05 Apr 2017", "actors": 12}"#,
    ];
    let path = write(dir.path(), "types.jsonl", lines.join("\n"));
    let loaded = load(&path);

    assert_eq!(ids(&loaded.docs), ["42", "true", "types.jsonl:3", "types.jsonl:6"]);
    let [numbers, arrays, object, dates] = &loaded.docs[..] else { unreachable!() };
    assert_eq!((numbers.title(), numbers.body()), ("1914", ""));
    assert_eq!(numbers.actors(), ActorNames::from(["Assad", "Erdogan"]));
    assert_eq!(arrays.title(), "false");
    assert_eq!(arrays.body(), "Para un.\n\nPara deux.");
    assert_eq!(arrays.actors(), ActorNames::from(["Poutine", "Assad"]));
    assert_eq!(object.title(), "Corps seul.", "an unusable title falls back to the body");
    assert_eq!(object.source(), Some("3"));
    assert_eq!(object.actors(), ActorNames::from(["7"]));
    assert_eq!(dates.date(), Some("2017-04-05"));
    assert_eq!(dates.actors(), ActorNames::from(["12"]));

    let warned: Vec<(Option<u64>, &str)> =
        loaded.warnings.iter().map(|w| (w.line, w.reason.as_str())).collect();
    assert_eq!(
        warned,
        [
            (Some(3), "an entry of `actors` is an object without a text `name`, ignored"),
            (Some(3), "field `title` is an object, ignored"),
            (Some(4), "record has neither title nor body, skipped"),
            (Some(5), "an array is not a record (expected an object), skipped"),
        ]
    );
    assert!(loaded.warnings.iter().all(|w| w.path == path));
}

#[test]
fn every_encoding_decodes_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a_bom.txt", b"\xEF\xBB\xBFCaf\xc3\xa9 \xc5\x93uvre\nCorps.");
    write(dir.path(), "b_le.txt", utf16("Café œuvre\r\nCorps.\r\n", false));
    write(dir.path(), "c_be.txt", utf16("Café œuvre\rCorps.", true));
    write(dir.path(), "d_1252.txt", b"caf\xe9 \x9cuvre\r\nCorps.");
    write(dir.path(), "e.csv", utf16("title,body\r\nCafé œuvre,Corps.\r\n", false));
    write(dir.path(), "f.jsonl", b"{\"title\": \"caf\xe9 \x9cuvre\", \"body\": \"Corps.\"}\r\n");
    write(dir.path(), "g.json", utf16("[{\"title\": \"Café œuvre\", \"body\": \"Corps.\"}]", true));

    let loaded = load(dir.path());
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    let titles: Vec<&str> = loaded.docs.iter().map(|d| d.title()).collect();
    assert_eq!(
        titles,
        ["Café œuvre", "Café œuvre", "Café œuvre", "café œuvre", "Café œuvre", "café œuvre", "Café œuvre"]
    );
    assert!(loaded.docs.iter().all(|d| d.body() == "Corps."), "{:?}", loaded.docs);
}

#[test]
fn markdown_and_text_differ_only_by_the_heading_mark() {
    let dir = tempfile::tempdir().unwrap();
    let md = write(dir.path(), "a.md", "# Titre\n\nCorps.");
    let txt = write(dir.path(), "a.txt", "# Titre\n\nCorps.");
    assert_eq!(load(&md).docs[0].title(), "Titre");
    assert_eq!(load(&txt).docs[0].title(), "# Titre");
}

#[test]
fn a_planned_load_counts_every_byte_file_and_document_it_parsed() {
    use dossier::corpus::{Plan, Progress};
    let dir = tempfile::tempdir().unwrap();
    // JSON Lines over 2 MB is parsed in chunks that count themselves; the text file and the
    // CSV are counted whole; one bad line is a warning, not a document.
    let mut jsonl = String::new();
    for i in 0..12_000 {
        jsonl += &format!("{{\"id\":\"j{i}\",\"title\":\"Titre {i}\",\"body\":\"{}\"}}\n", "x".repeat(160));
    }
    jsonl += "{broken\n";
    write(dir.path(), "a.jsonl", &jsonl);
    write(dir.path(), "b.txt", "Titre B\nCorps B.");
    write(dir.path(), "c.csv", "title,body\nUn,deux\nTrois,quatre\n");
    let plan = Plan::new(&[dir.path().to_path_buf()]).unwrap();
    let total =
        (jsonl.len() + "Titre B\nCorps B.".len() + "title,body\nUn,deux\nTrois,quatre\n".len()) as u64;
    assert_eq!((plan.files(), plan.bytes()), (3, total));
    let progress = Progress::default();
    let loaded = plan.load(&progress);
    assert_eq!(loaded.docs.len(), 12_003);
    assert_eq!(loaded.warnings.len(), 1);
    assert_eq!(
        (progress.files(), progress.read(), progress.bytes(), progress.docs()),
        (3, total, total, 12_003)
    );
}

#[test]
fn a_large_file_loads_like_a_small_one_in_every_encoding() {
    // From 1 MB a regular file is mapped, not read, and its text borrowed when it can be: line
    // ends, legacy encodings and UTF-16 must come out as they do from a small file.
    let dir = tempfile::tempdir().unwrap();
    let rows = |crlf: &str| -> String {
        (0..12_000)
            .map(|i| {
                format!("{{\"id\":\"r{i}\",\"title\":\"Café {i}\",\"body\":\"{}\"}}{crlf}", "é".repeat(40))
            })
            .collect()
    };
    let lf = rows("\n");
    assert!(lf.len() > 1 << 20);
    let small =
        write(dir.path(), "small.jsonl", lf.lines().take(3).map(|l| format!("{l}\n")).collect::<String>());
    let expected = load(&small).docs;
    let files = [
        write(dir.path(), "lf.jsonl", &lf),
        write(dir.path(), "crlf.jsonl", rows("\r\n")),
        write(
            dir.path(),
            "cp1252.jsonl",
            // Latin-1 and Windows-1252 agree on these characters: each is its code point's byte.
            rows("\r\n").chars().map(|c| c as u32 as u8).collect::<Vec<u8>>(),
        ),
        write(dir.path(), "utf16.jsonl", utf16(&rows("\n"), false)),
    ];
    for file in files {
        // Files modified in the last seconds are read, not mapped (a writer might truncate them).
        let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        std::fs::File::options().append(true).open(&file).unwrap().set_modified(an_hour_ago).unwrap();
        let loaded = load(&file);
        assert!(loaded.warnings.is_empty(), "{file:?}: {:?}", loaded.warnings);
        assert_eq!(loaded.docs.len(), 12_000, "{file:?}");
        assert_eq!(&loaded.docs[..3], &expected[..], "{file:?}");
        assert_eq!(loaded.docs[11_999].title(), "Café 11999", "{file:?}");
    }
}
