use dossier_api::{AuditRecord, ChainBreak, Result};
use tauri::State;

use crate::state::AppState;

/// Newest first; the UI pages through at most `limit` records.
#[tauri::command]
pub async fn audit_log(state: State<'_, AppState>, limit: Option<usize>) -> Result<Vec<AuditRecord>> {
    state.with_project(|p| dossier_api::audit_log(p, limit.unwrap_or(1000)))
}

/// `None` when the chain is intact, else the first record that breaks it.
#[tauri::command]
pub async fn audit_verify(state: State<'_, AppState>) -> Result<Option<ChainBreak>> {
    state.with_project(|p| dossier_api::audit_verify(p))
}
