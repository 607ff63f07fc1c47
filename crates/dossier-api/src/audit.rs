use dossier_store::{AuditRecord, ChainBreak, ChainHead};

use crate::{Project, Result};

pub fn audit_log(project: &Project, limit: usize) -> Result<Vec<AuditRecord>> {
    Ok(project.store.audit_log(limit)?)
}

/// `None` when the chain is intact, else the first record that breaks it.
pub fn audit_verify(project: &Project) -> Result<Option<ChainBreak>> {
    Ok(project.store.audit_verify()?)
}

/// The newest record's number and hash, which stands for the whole chain: shown by `audit
/// verify` and printed in the gap report, so that a copy kept elsewhere proves later that
/// nothing before it was rewritten. `None` for an empty log.
pub fn audit_head(project: &Project) -> Result<Option<ChainHead>> {
    Ok(project.store.audit_head()?)
}
