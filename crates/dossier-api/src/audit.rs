use dossier_store::{AuditRecord, ChainBreak};

use crate::{Project, Result};

pub fn audit_log(project: &Project, limit: usize) -> Result<Vec<AuditRecord>> {
    Ok(project.store.audit_log(limit)?)
}

/// `None` when the chain is intact, else the first record that breaks it.
pub fn audit_verify(project: &Project) -> Result<Option<ChainBreak>> {
    Ok(project.store.audit_verify()?)
}
