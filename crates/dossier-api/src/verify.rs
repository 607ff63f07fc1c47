//! `dossier verify`: is the project whole? The store's own integrity check, every document's
//! blob present and matching its hash, no blob left half-written, the audit chain unbroken, and
//! every row of user data what the audit trail last recorded for it.

use std::collections::HashMap;

use dossier_model::Document;
use dossier_store::{DifferenceKind, DocumentFilter, RowDifference};
use serde::Serialize;

use crate::{Project, Result};

#[derive(Debug, Clone, Default, Serialize)]
pub struct VerifyReport {
    pub documents: usize,
    pub blobs_checked: usize,
    /// Rows of user data compared with the audit trail.
    pub rows_checked: usize,
    /// For a store made before rows were recorded: when their baseline was taken (the rows as
    /// found then); a change made before it cannot be seen.
    pub rows_baseline: Option<String>,
    /// One line per problem; empty when the project is whole.
    pub problems: Vec<String>,
}

impl VerifyReport {
    pub fn is_clean(&self) -> bool {
        self.problems.is_empty()
    }
}

pub fn verify_project(project: &Project) -> Result<VerifyReport> {
    let mut report = VerifyReport::default();
    if let Err(e) = project.store.integrity_check() {
        report.problems.push(e.to_string());
    }
    check_blobs(project, &mut report)?;
    for dir in crate::import_ectd::stale_temp_folders(project.root()) {
        report.problems.push(format!(
            "{}: left by an eCTD import that was interrupted; remove it, or run `dossier import-ectd` again, which removes it",
            dir.display()
        ));
    }
    if let Some(broken) = project.store.audit_verify()? {
        report.problems.push(format!("audit trail broken at record {}: {}", broken.seq, broken.reason));
    }
    check_rows(project, &mut report)?;
    Ok(report)
}

/// How a person recognises a document: id, file name, section and where it came from.
pub(crate) fn describe_document(doc: &Document) -> String {
    let section = doc.classification.section.as_deref().map(|s| format!(", section {s}")).unwrap_or_default();
    format!("document {} ({}{section}, imported from {})", doc.id, doc.file_name, doc.source_path)
}

/// Every document's blob is there, a regular file, with the bytes its SHA-256 names; a damaged
/// blob is reported by the documents that use it.
fn check_blobs(project: &Project, report: &mut VerifyReport) -> Result<()> {
    let blobs = project.store.blobs()?;
    // A store damaged past its integrity check is a problem to list, not a reason to stop.
    let docs = match project.store.documents(&DocumentFilter::default()) {
        Err(e @ dossier_store::Error::Damaged { .. }) => {
            report.problems.push(e.to_string());
            Vec::new()
        }
        other => other?,
    };
    report.documents = docs.len();
    let mut by_sha: HashMap<&str, Vec<&Document>> = HashMap::new();
    for doc in &docs {
        by_sha.entry(doc.sha256.as_str()).or_default().push(doc);
    }
    let users = |sha: &str| -> String {
        match by_sha.get(sha) {
            Some(docs) => docs.iter().map(|d| describe_document(d)).collect::<Vec<_>>().join("; "),
            None => format!("stored file {sha} (no document uses it)"),
        }
    };
    for doc in &docs {
        let path = blobs.path_of(&doc.sha256);
        match std::fs::symlink_metadata(&path) {
            Err(_) => report.problems.push(format!(
                "{}: its stored copy {} is missing — import the file again",
                describe_document(doc),
                path.display()
            )),
            Ok(m) if !m.file_type().is_file() => report.problems.push(format!(
                "{}: its stored copy {} is not a regular file (a link or a folder put there from outside) — move it out of the project and import the file again",
                describe_document(doc),
                path.display()
            )),
            Ok(_) => {}
        }
    }
    for sha in blobs.list()? {
        report.blobs_checked += 1;
        let path = blobs.path_of(&sha);
        if !std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_file()) {
            continue; // reported above, by document
        }
        match blobs.verify(&sha) {
            Ok(()) => {}
            Err(dossier_store::Error::BlobDamaged { .. }) => report.problems.push(format!(
                "{}: its stored copy {} no longer matches its SHA-256 (changed outside Dossier Bridge) — move that file out of the project (a build sets it aside by itself) and import the file again from the original; builds stop until then",
                users(&sha),
                path.display()
            )),
            Err(e) => report.problems.push(format!("{}: its stored copy cannot be read ({e}) — check its permissions, or import the file again", users(&sha))),
        }
    }
    Ok(())
}

/// Every row of user data holds what its latest audit record says; else the row is named with
/// each differing field.
fn check_rows(project: &Project, report: &mut VerifyReport) -> Result<()> {
    let check = project.store.row_check()?;
    report.rows_checked = check.rows;
    report.rows_baseline = check.baseline;
    report.problems.extend(check.differences.iter().map(row_problem));
    Ok(())
}

const RESTORE: &str = "if you did not make this change, restore project.sqlite from a backup; changes are made through Dossier Bridge, which records them (`dossier audit log`)";

fn row_problem(d: &RowDifference) -> String {
    let what = format!("{} {}", d.table, d.key);
    let record = d.record.map(|r| format!(" (audit record {r})")).unwrap_or_default();
    match d.kind {
        DifferenceKind::Changed => {
            let fields: Vec<String> = d.fields.iter().map(|f| format!("{} is {} but was recorded as {}", f.field, f.found, f.expected)).collect();
            format!("{what}: changed outside Dossier Bridge{record}: {} — {RESTORE}", fields.join("; "))
        }
        DifferenceKind::Deleted => {
            let known: Vec<String> = d
                .fields
                .iter()
                .filter(|f| ["file_name", "name", "title", "source_path"].contains(&f.field.as_str()))
                .map(|f| format!("{} {}", f.field, f.expected))
                .collect();
            let known = if known.is_empty() { String::new() } else { format!(" ({})", known.join(", ")) };
            format!("{what}{known}: deleted outside Dossier Bridge; it is in the audit trail{record} but not in the store — {RESTORE}")
        }
        DifferenceKind::Unrecorded => {
            format!("{what}: added outside Dossier Bridge; no audit record describes this row — {RESTORE}")
        }
        DifferenceKind::Reinserted => {
            format!("{what}: put back outside Dossier Bridge; the audit trail says it was deleted{record} — {RESTORE}")
        }
    }
}

/// `dossier verify` on a folder: a project whose store cannot be opened because it is damaged
/// (junk, cut short, a folder in its place) is a problem found — verify's answer is "not clean"
/// (exit 1), with the stored files still checked — not a failure to do its work. A folder that
/// is no project, or a store of a newer version, stays an error.
pub fn verify_folder(root: &std::path::Path, actor: dossier_store::Actor) -> Result<VerifyReport> {
    match dossier_store::Store::open(root) {
        Ok(store) => verify_project(&Project { store, actor }),
        Err(e @ (dossier_store::Error::Damaged { .. } | dossier_store::Error::Corrupt(_))) => {
            let mut report = VerifyReport { problems: vec![e.to_string()], ..VerifyReport::default() };
            let blobs = dossier_store::BlobStore::existing(&root.join(dossier_store::BLOBS_DIR));
            for sha in blobs.list().unwrap_or_default() {
                report.blobs_checked += 1;
                if let Err(e) = blobs.verify(&sha) {
                    report.problems.push(e.to_string());
                }
            }
            Ok(report)
        }
        Err(e) => Err(e.into()),
    }
}
