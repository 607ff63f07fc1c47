//! `dossier verify`: is the project whole? The store's own integrity check, every document's
//! blob present and matching its hash, no blob left half-written, the audit chain unbroken.

use dossier_store::DocumentFilter;
use serde::Serialize;

use crate::{Project, Result};

#[derive(Debug, Clone, Default, Serialize)]
pub struct VerifyReport {
    pub documents: usize,
    pub blobs_checked: usize,
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
    let blobs = project.store.blobs()?;
    let docs = project.store.documents(&DocumentFilter::default())?;
    report.documents = docs.len();
    for doc in &docs {
        if !blobs.contains(&doc.sha256) {
            report.problems.push(format!("{} ({}): its stored copy is missing — import the file again", doc.id, doc.source_path));
        }
    }
    for sha in blobs.list()? {
        report.blobs_checked += 1;
        if let Err(e) = blobs.verify(&sha) {
            report.problems.push(e.to_string());
        }
    }
    for dir in crate::import_ectd::stale_temp_folders(project.root()) {
        report.problems.push(format!(
            "{}: left by an eCTD import that was interrupted; remove it, or run `dossier import-ectd` again, which removes it",
            dir.display()
        ));
    }
    if let Some(broken) = project.store.audit_verify()? {
        report.problems.push(format!("audit trail broken at record {}: {}", broken.seq, broken.reason));
    }
    Ok(report)
}
