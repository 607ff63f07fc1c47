//! The Examplinib sample as report input, and the PDF checks every test applies.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;

use dossier_model::Facts;
use dossier_rules::{AppSnapshot, Snapshot, Templates};
use serde::Deserialize;

pub fn date() -> time::Date {
    time::macros::date!(2026 - 11 - 20)
}

fn sample_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../sample-dossiers/examplinib")
}

pub fn facts() -> Facts {
    let text = std::fs::read_to_string(sample_dir().join("facts.toml")).expect("the sample has facts.toml");
    toml::from_str(&text).expect("the sample facts parse")
}

#[derive(Deserialize)]
struct AppsFile {
    application: Vec<AppEntry>,
}

#[derive(Deserialize)]
struct AppEntry {
    id: String,
    profile: String,
    route: Option<String>,
    title: String,
    target_date: Option<toml::value::Datetime>,
    #[serde(default)]
    facts: BTreeMap<String, bool>,
}

/// The sample's four applications (HK, NMPA, FDA, EMA).
pub fn applications() -> Vec<AppSnapshot> {
    let text = std::fs::read_to_string(sample_dir().join("applications.toml")).expect("the sample has applications.toml");
    let file: AppsFile = toml::from_str(&text).expect("the sample applications parse");
    file.application
        .into_iter()
        .map(|a| AppSnapshot {
            id: a.id,
            profile: a.profile,
            title: a.title,
            route: a.route,
            target_date: a.target_date.and_then(|d| dossier_model::day::parse(&d.to_string()).ok()),
            flags: a.facts,
            manual: vec![],
        })
        .collect()
}

/// A snapshot of the sample without documents: every item is missing, which is what a report
/// on an empty project must show.
pub fn snapshot() -> Snapshot {
    Snapshot { documents: vec![], facts: facts(), applications: applications(), today: date() }
}

pub fn templates() -> &'static Templates {
    Templates::embedded()
}

fn tool(name: &str, args: &[&str], bytes: &[u8]) -> (bool, String) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, bytes).expect("write the PDF");
    let out = Command::new(name)
        .args(args)
        .arg(&path)
        .args(if name == "pdftotext" { &["-"][..] } else { &[][..] })
        .output()
        .unwrap_or_else(|e| panic!("cannot run {name} (scripts/install-system-deps.sh installs it): {e}"));
    (out.status.success(), format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)))
}

/// The text `pdftotext` recovers.
pub fn text(bytes: &[u8]) -> String {
    let (ok, out) = tool("pdftotext", &["-enc", "UTF-8"], bytes);
    assert!(ok, "pdftotext fails: {out}");
    out
}

/// Checks structure, fonts and page count; returns the extracted text.
pub fn check_pdf(bytes: &[u8], pages: usize) -> String {
    assert!(bytes.starts_with(b"%PDF-1.7"), "generated PDFs are PDF 1.7");
    let (ok, out) = tool("qpdf", &["--check"], bytes);
    assert!(ok && out.contains("No syntax or stream encoding errors"), "qpdf --check fails:\n{out}");
    assert!(out.contains("File is not encrypted"), "no security: {out}");
    let (ok, fonts) = tool("pdffonts", &[], bytes);
    assert!(ok, "pdffonts fails: {fonts}");
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "the PDF has fonts:\n{fonts}");
    for row in &rows {
        // Columns: name type encoding emb sub uni object-id; "emb" and "sub" must be "yes".
        let cols: Vec<&str> = row.split_whitespace().collect();
        let n = cols.len();
        assert!(n >= 7 && cols[n - 5] == "yes" && cols[n - 4] == "yes", "every font is embedded and subset:\n{fonts}");
    }
    let (ok, info) = tool("pdfinfo", &[], bytes);
    assert!(ok, "pdfinfo fails: {info}");
    let found: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo prints Pages:");
    assert_eq!(found, pages, "page count");
    text(bytes)
}

/// pdftotext breaks lines where layout did: join words with one space, and Chinese across a
/// line break with none (Chinese has no spaces to lose).
pub fn flat(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = String::new();
    for w in words {
        let cjk = |c: Option<char>| c.is_some_and(|c| ('\u{3000}'..='\u{9fff}').contains(&c) || ('\u{ff00}'..='\u{ffef}').contains(&c));
        let joins_chinese = cjk(out.chars().last()) && cjk(w.chars().next());
        if !out.is_empty() && !joins_chinese {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}
