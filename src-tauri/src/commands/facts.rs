//! Facts for the structured forms and for the TOML editor. Both go through the facts file's
//! text and `import_facts`, so there is one validation path, with its complete list of
//! problems, whichever way a person edits.

use dossier_api::{ApiError, ErrorCode, FactsImportReport, Result};
use dossier_model::Facts;
use tauri::State;

use crate::state::AppState;

/// Product, studies, approvals and document metadata; references are paths as imported.
#[tauri::command]
pub async fn facts_get(state: State<'_, AppState>) -> Result<Facts> {
    let text = state.with_project(|p| dossier_api::export_facts(p))?;
    toml::from_str(&text).map_err(|e| ApiError::new(ErrorCode::Internal, format!("exported facts do not read back: {e}")))
}

#[tauri::command]
pub async fn facts_save(state: State<'_, AppState>, facts: Facts) -> Result<FactsImportReport> {
    let text = toml::to_string(&facts).map_err(|e| ApiError::invalid(format!("the facts cannot be written: {e}")))?;
    state.with_project(|p| dossier_api::import_facts(p, &text))
}

#[tauri::command]
pub async fn facts_export_text(state: State<'_, AppState>) -> Result<String> {
    state.with_project(|p| dossier_api::export_facts(p))
}

#[tauri::command]
pub async fn facts_import_text(state: State<'_, AppState>, text: String) -> Result<FactsImportReport> {
    state.with_project(|p| dossier_api::import_facts(p, &text))
}
