//! Broken files and odd trees: every problem is a warning, everything valid still loads.

use std::fs;
use std::path::PathBuf;

use dossier::corpus::{Document, LoadError, LoadWarning, Loaded, load_paths};

mod common;

use common::files::{load, write};

fn titles(docs: &[Document]) -> Vec<&str> {
    docs.iter().map(|d| d.title()).collect()
}

fn only_warning(loaded: &Loaded) -> &LoadWarning {
    assert_eq!(loaded.warnings.len(), 1, "{:?}", loaded.warnings);
    &loaded.warnings[0]
}

#[test]
fn a_broken_json_lines_line_is_reported_and_the_others_load() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "news.jsonl",
        "{\"title\": \"Un\"}\n{\"title\": \"Deux\", \"body\": \"cut\n{\"title\": \"Trois\"}\n",
    );
    let loaded = load(&path);
    assert_eq!(titles(&loaded.docs), ["Un", "Trois"]);
    assert_eq!(loaded.docs[1].id(), "news.jsonl:3");
    let warning = only_warning(&loaded);
    assert_eq!((warning.path.as_path(), warning.line), (path.as_path(), Some(2)));
    assert!(warning.reason.starts_with("invalid JSON"), "{warning}");
    assert_eq!(warning.to_string(), format!("{}:2: {}", path.display(), warning.reason));
}

#[test]
fn a_truncated_json_array_keeps_its_complete_records() {
    let dir = tempfile::tempdir().unwrap();
    let path =
        write(dir.path(), "cut.json", "[\n{\"title\": \"Un\"},\n{\"title\": \"Deux\"},\n{\"title\": \"Tr");
    let loaded = load(&path);
    assert_eq!(titles(&loaded.docs), ["Un", "Deux"]);
    let warning = only_warning(&loaded);
    assert_eq!(warning.line, Some(4));
    assert!(warning.reason.contains("invalid JSON at column"), "{warning}");

    let path = write(dir.path(), "bad.json", "{\"title\": \"Un\",\n \"body\": oops}");
    let loaded = load(&path);
    assert!(loaded.docs.is_empty());
    let warning = only_warning(&loaded);
    assert_eq!(warning.line, Some(2));
    assert!(warning.reason.contains("column 10"), "{warning}");

    let path = write(dir.path(), "open.json", "[{\"title\": \"Un\"}, ");
    let loaded = load(&path);
    assert_eq!(titles(&loaded.docs), ["Un"]);
    assert!(only_warning(&loaded).reason.contains("ends inside an array"));
}

#[test]
fn a_csv_row_with_a_broken_quote_is_reported_and_the_rows_after_it_load() {
    let dir = tempfile::tempdir().unwrap();
    let csv = "id,title,body\n\
               1,Un,\"Corps\non deux lignes\"\n\
               2,\"Deux sans fin,Corps deux\n\
               3,Trois,Corps trois\n\
               4,Quatre,Corps quatre,colonne en trop\n\
               5,Cinq,\"Corps cinq\"\n";
    let path = write(dir.path(), "rows.csv", csv);
    let loaded = load(&path);
    let ids: Vec<&str> = loaded.docs.iter().map(|d| d.id()).collect();
    assert_eq!(ids, ["1", "3", "5"]);
    assert_eq!(loaded.docs[0].body(), "Corps\non deux lignes");
    let lines: Vec<Option<u64>> = loaded.warnings.iter().map(|w| w.line).collect();
    assert_eq!(lines, [Some(4), Some(6)], "{:?}", loaded.warnings);
    assert!(loaded.warnings.iter().all(|w| w.path == path));
    assert!(loaded.warnings[0].reason.contains("broken quote"));
}

#[test]
fn a_multi_line_csv_row_with_a_missing_field_does_not_spill_its_lines_into_rows() {
    let dir = tempfile::tempdir().unwrap();
    let csv = "id,title,body\n7,\"Sept\nsuite, du titre\"\n8,Huit,Corps\n";
    let loaded = load(&write(dir.path(), "short.csv", csv));
    let ids: Vec<&str> = loaded.docs.iter().map(|d| d.id()).collect();
    assert_eq!(ids, ["8"]);
    assert_eq!(only_warning(&loaded).line, Some(2));
}

#[test]
fn a_csv_without_text_columns_is_one_warning() {
    let dir = tempfile::tempdir().unwrap();
    let loaded = load(&write(dir.path(), "x.csv", "a,b\n1,2\n3,4\n"));
    assert!(loaded.docs.is_empty());
    assert_eq!(only_warning(&loaded).line, Some(1));
}

#[test]
fn binary_and_empty_files_are_skipped_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a_image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR");
    write(dir.path(), "b_empty.json", b"");
    write(dir.path(), "c_blank.md", b"\n  \r\n\t\n");
    write(dir.path(), "d_ok.txt", "Titre\nCorps.");
    let loaded = load(dir.path());
    assert_eq!(titles(&loaded.docs), ["Titre"]);
    let reasons: Vec<(String, Option<u64>, &str)> = loaded
        .warnings
        .iter()
        .map(|w| {
            let name = w.path.file_name().unwrap().to_string_lossy().into_owned();
            (name, w.line, w.reason.as_str())
        })
        .collect();
    assert_eq!(
        reasons,
        [
            ("a_image.txt".into(), None, "binary file (NUL bytes), skipped"),
            ("b_empty.json".into(), None, "empty file, skipped"),
            ("c_blank.md".into(), None, "empty file, skipped"),
        ]
    );
}

#[test]
fn a_missing_path_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "ok.txt", "Titre\nCorps.");
    let missing = dir.path().join("nope");
    let err = load_paths(&[dir.path().to_path_buf(), missing.clone()]).unwrap_err();
    let LoadError::NotFound(path) = &err;
    assert_eq!(path, &missing);
    assert!(err.to_string().ends_with("nope: no such file or directory"));
}

#[test]
fn an_unsupported_file_given_by_name_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "report.pdf", "%PDF");
    let loaded = load(&path);
    assert!(loaded.docs.is_empty());
    assert!(only_warning(&loaded).reason.starts_with("unsupported file type"));
}

#[test]
fn deep_folders_load() {
    let dir = tempfile::tempdir().unwrap();
    let deep: PathBuf = std::iter::repeat_n("d", 300).collect();
    write(dir.path(), &deep.join("bottom.txt").to_string_lossy(), "Fond\nCorps.");
    let loaded = load(dir.path());
    assert_eq!(titles(&loaded.docs), ["Fond"]);
    assert_eq!(loaded.docs[0].id(), format!("{}bottom", "d/".repeat(300)));
}

#[test]
fn many_files_load_in_sorted_order() {
    let dir = tempfile::tempdir().unwrap();
    for i in (0..60).rev() {
        write(dir.path(), &format!("f{i:03}.txt"), format!("Titre {i}\nCorps."));
    }
    let loaded = load(dir.path());
    let expected: Vec<String> = (0..60).map(|i| format!("f{i:03}")).collect();
    let ids: Vec<&str> = loaded.docs.iter().map(|d| d.id()).collect();
    assert_eq!(ids, expected);
}

#[test]
fn a_huge_single_line_document_loads_with_a_short_title() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Alep est assiégée depuis des mois ".repeat(300_000);
    let loaded = load(&write(dir.path(), "big.txt", &text));
    let doc = &loaded.docs[0];
    assert_eq!(doc.body().len(), text.trim_end().len());
    assert!(doc.title().ends_with('…') && doc.title().len() < 200);
}

#[cfg(unix)]
mod unix {
    use super::*;
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::fs::{PermissionsExt, symlink};

    #[test]
    fn a_symlink_loop_terminates() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "a/doc.txt", "Titre\nCorps.");
        symlink(dir.path().join("a"), dir.path().join("a/loop")).unwrap();
        symlink(dir.path(), dir.path().join("a/up")).unwrap();
        symlink(dir.path().join("missing.txt"), dir.path().join("a/dangling.txt")).unwrap();
        let loaded = load(dir.path());
        assert_eq!(titles(&loaded.docs), ["Titre"]);
        let names: Vec<String> = loaded
            .warnings
            .iter()
            .map(|w| w.path.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["dangling.txt", "loop", "up"], "{:?}", loaded.warnings);
    }

    #[test]
    fn odd_file_names_load_with_lossy_ids() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "with space.txt", "Espace\nCorps.");
        write(dir.path(), "new\nline.txt", "Retour\nCorps.");
        let invalid = OsStr::from_bytes(b"caf\xe9.txt");
        fs::write(dir.path().join(invalid), "Latin\nCorps.").unwrap();
        let loaded = load(dir.path());
        assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
        let ids: Vec<&str> = loaded.docs.iter().map(|d| d.id()).collect();
        assert_eq!(ids, ["caf\u{FFFD}", "new\nline", "with space"]);
    }

    #[test]
    fn an_unreadable_file_is_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        let locked = write(dir.path(), "locked.txt", "Secret\nCorps.");
        write(dir.path(), "open.txt", "Ouvert\nCorps.");
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
        if fs::read(&locked).is_ok() {
            eprintln!("skipped: permissions are not enforced for this user (root?)");
            return;
        }
        let loaded = load(dir.path());
        assert_eq!(titles(&loaded.docs), ["Ouvert"]);
        let warning = only_warning(&loaded);
        assert_eq!(warning.path, locked);
        assert!(warning.reason.starts_with("cannot read"), "{warning}");
    }

    #[test]
    fn a_fifo_is_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe.txt");
        let status = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !status.is_ok_and(|s| s.success()) {
            eprintln!("skipped: mkfifo unavailable");
            return;
        }
        let loaded = load(dir.path());
        assert!(loaded.docs.is_empty());
        assert!(only_warning(&loaded).reason.contains("not a regular file"));
    }
}
