//! "Is this project whole?", checked from outside the program: the crash harness, the hostile
//! input tests and the two-process test all end with [`assert_whole`].
//!
//! These checks deliberately re-implement what `dossier verify` does (SQLite's integrity check,
//! every blob against its name) instead of trusting it, and add what it does not look at: the
//! built folders and zips.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

use md5::{Digest as _, Md5};
use sha2::Sha256;

use super::{dossier, json};

pub fn md5_hex(bytes: &[u8]) -> String {
    hex::encode(Md5::digest(bytes))
}

fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Every check below; panics naming `context` (the seed and kill point, the hostile case).
pub fn assert_whole(project: &Path, context: &str) {
    store_is_sound(project, context);
    blobs_match_their_names(project, context);
    let report = json(&dossier(project).args(["verify", "--json"]).output().unwrap());
    assert_eq!(report["problems"], serde_json::json!([]), "{context}: `dossier verify` finds the project whole");
    let audit = dossier(project).args(["audit", "verify"]).output().unwrap();
    assert!(audit.status.success(), "{context}: the audit chain is unbroken: {}", String::from_utf8_lossy(&audit.stdout));
    builds_are_complete(project, context);
}

/// SQLite's own checks, through a connection of our own (which also replays a WAL a killed
/// process left behind, as the next `dossier` command would).
pub fn store_is_sound(project: &Path, context: &str) {
    let conn = rusqlite::Connection::open(project.join("project.sqlite")).unwrap();
    let verdict: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(verdict, "ok", "{context}: PRAGMA integrity_check");
    let dangling: i64 = conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0)).unwrap();
    assert_eq!(dangling, 0, "{context}: no row points at a missing one");
}

/// `blobs/xx/<sha256>`: the content hashes to the name. Half-written blobs may only sit in
/// `blobs/.tmp/`.
pub fn blobs_match_their_names(project: &Path, context: &str) {
    for entry in walkdir::WalkDir::new(project.join("blobs")).min_depth(1) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(project.join("blobs")).unwrap();
        if rel.starts_with(".tmp") || entry.file_type().is_dir() {
            continue;
        }
        let name = entry.file_name().to_string_lossy().into_owned();
        let bytes = std::fs::read(entry.path()).unwrap();
        assert_eq!(sha256_hex(&bytes), name, "{context}: blob {} holds other bytes than its name says", rel.display());
    }
}

/// Under `builds/APP/` a final name (`NNNN`, `NNNN.zip`) only ever holds complete output, and
/// every sequence or bundle the store records is there and complete.
pub fn builds_are_complete(project: &Path, context: &str) {
    let builds = project.join("builds");
    if builds.is_dir() {
        for app in std::fs::read_dir(&builds).unwrap() {
            let app = app.unwrap();
            for entry in std::fs::read_dir(app.path()).unwrap() {
                let entry = entry.unwrap();
                let name = entry.file_name().to_string_lossy().into_owned();
                // Temp names: `.NNNN.partial-PID/`, `.NNNN-toc.pdf.tmp`, `NNNN.zip.partial-PID`.
                if name.starts_with('.') || name.contains(".partial-") {
                    continue;
                }
                let is_number = |s: &str| s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit());
                let at = format!("{context}: builds/{}/{name}", app.file_name().to_string_lossy());
                if let Some(stem) = name.strip_suffix(".zip") {
                    assert!(is_number(stem), "{at}: unexpected file under a final name");
                    zip_is_complete(&entry.path(), &at);
                } else if let Some(stem) = name.strip_suffix("-toc.pdf") {
                    // The table of contents written beside a sequence.
                    assert!(is_number(stem), "{at}: unexpected file under a final name");
                    let pdf = std::fs::read(entry.path()).unwrap();
                    let tail = &pdf[pdf.len().saturating_sub(32)..];
                    assert!(pdf.starts_with(b"%PDF-") && tail.windows(5).any(|w| w == b"%%EOF"), "{at}: a whole PDF");
                } else {
                    assert!(is_number(&name) && entry.path().is_dir(), "{at}: unexpected entry under a final name");
                    folder_is_complete(&entry.path(), &at);
                }
            }
        }
    }
    // Read straight from the store: what it records as built must be there and complete.
    let conn = rusqlite::Connection::open(project.join("project.sqlite")).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT application, number, folder, index_md5 FROM sequence WHERE kind <> 'imported'
             UNION ALL SELECT application, number, folder, index_md5 FROM bundle",
        )
        .unwrap();
    let recorded: Vec<(String, String, String, String)> =
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))).unwrap().map(Result::unwrap).collect();
    for (app, number, folder, index_md5) in recorded {
        let at = format!("{context}: recorded {app} {number}");
        let folder = project.join(folder);
        assert!(folder.is_dir(), "{at}: recorded as built but its folder is missing");
        assert_eq!(folder_is_complete(&folder, &at), index_md5, "{at}: the store's index MD5 is the folder's");
    }
}

/// A sequence (`index.xml` + `index-md5.txt`) or an HK bundle (`index.csv`): the index is the
/// one recorded, and every file it lists is there with its MD5. Returns the index's MD5.
pub fn folder_is_complete(folder: &Path, at: &str) -> String {
    if folder.join("index.csv").is_file() {
        let csv = std::fs::read_to_string(folder.join("index.csv")).unwrap();
        let mut rows = csv.trim_start_matches('\u{feff}').lines().map(csv_fields);
        let header = rows.next().unwrap_or_default();
        let col = |name: &str| header.iter().position(|h| h == name).unwrap_or_else(|| panic!("{at}: index.csv has a {name} column"));
        let (file, md5) = (col("file"), col("md5"));
        for row in rows {
            let path = folder.join(&row[file]);
            let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{at}: {} listed in index.csv: {e}", row[file]));
            assert_eq!(md5_hex(&bytes), row[md5], "{at}: {} has the MD5 index.csv gives", row[file]);
        }
        return md5_hex(csv.as_bytes());
    }
    let index = std::fs::read(folder.join("index.xml")).unwrap_or_else(|e| panic!("{at}: index.xml: {e}"));
    let listed = std::fs::read_to_string(folder.join("index-md5.txt")).unwrap_or_else(|e| panic!("{at}: index-md5.txt: {e}"));
    assert_eq!(listed.trim(), md5_hex(&index), "{at}: index-md5.txt holds the MD5 of index.xml");
    let mut backbones = vec![(String::new(), index)];
    while let Some((base, xml)) = backbones.pop() {
        for (href, checksum) in leaves(&String::from_utf8_lossy(&xml)) {
            let rel = if base.is_empty() { href.clone() } else { format!("{base}/{href}") };
            let bytes = std::fs::read(folder.join(&rel)).unwrap_or_else(|e| panic!("{at}: leaf {rel}: {e}"));
            assert_eq!(md5_hex(&bytes), checksum, "{at}: leaf {rel} has its backbone checksum");
            if rel.ends_with("-regional.xml") {
                backbones.push((rel.rsplit_once('/').map(|(d, _)| d.to_owned()).unwrap_or_default(), bytes));
            }
        }
    }
    md5_hex(&std::fs::read(folder.join("index.xml")).unwrap())
}

/// `(href, checksum)` of every `<leaf>` with both (a delete leaf has neither).
fn leaves(xml: &str) -> Vec<(String, String)> {
    let attr = |tag: &str, name: &str| {
        let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
        Some(tag[start..].split('"').next()?.to_owned())
    };
    xml.split("<leaf ")
        .skip(1)
        .filter_map(|rest| {
            let tag = rest.split('>').next()?;
            Some((attr(tag, "xlink:href")?, attr(tag, "checksum")?))
        })
        .collect()
}

/// One CSV line's fields (RFC 4180 quoting; our index.csv has no line breaks in fields).
fn csv_fields(line: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                out.last_mut().unwrap().push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => out.push(String::new()),
            (c, _) => out.last_mut().unwrap().push(c),
        }
    }
    out
}

/// Every entry of the zip reads to its end (the zip crate checks each CRC-32 there).
pub fn zip_is_complete(path: &Path, at: &str) -> BTreeMap<String, u64> {
    let file = std::fs::File::open(path).unwrap();
    let mut archive = zip::ZipArchive::new(file).unwrap_or_else(|e| panic!("{at}: not a whole zip: {e}"));
    let mut sizes = BTreeMap::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let name = entry.name().unwrap().into_owned();
        let mut sink = Vec::new();
        entry.read_to_end(&mut sink).unwrap_or_else(|e| panic!("{at}: entry {name} does not read back: {e}"));
        sizes.insert(name, sink.len() as u64);
    }
    assert!(!sizes.is_empty(), "{at}: an empty zip");
    sizes
}
