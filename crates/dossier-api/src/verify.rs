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
    // A store damaged past its integrity check is a problem to list, not a reason to stop.
    let docs = match project.store.documents(&DocumentFilter::default()) {
        Err(e @ dossier_store::Error::Damaged { .. }) => {
            report.problems.push(e.to_string());
            Vec::new()
        }
        other => other?,
    };
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
    if let Some(broken) = project.store.audit_verify()? {
        report.problems.push(format!("audit trail broken at record {}: {}", broken.seq, broken.reason));
    }
    Ok(report)
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
