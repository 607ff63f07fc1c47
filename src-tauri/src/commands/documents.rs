use dossier_api::{DocumentDetail, DocumentFilter, DocumentRow, DocumentTypeInfo, Result, ScopeField, SetScope, SetType};
use serde::Deserialize;
use tauri::State;

use crate::state::AppState;

/// The table's server-side filter; the UI mostly filters the loaded rows itself.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DocumentQuery {
    pub doc_type: Option<String>,
    pub section: Option<String>,
    pub language: Option<String>,
    pub study: Option<String>,
    pub confidence_below: Option<f32>,
}

#[tauri::command]
pub async fn documents_list(state: State<'_, AppState>, filter: Option<DocumentQuery>) -> Result<Vec<DocumentRow>> {
    let q = filter.unwrap_or_default();
    let filter = DocumentFilter {
        doc_type: q.doc_type,
        section: q.section,
        language: q.language,
        confidence_below: q.confidence_below,
        study: q.study,
    };
    state.with_project(|p| dossier_api::list_documents(p, &filter))
}

#[tauri::command]
pub async fn document_show(state: State<'_, AppState>, id: String) -> Result<DocumentDetail> {
    state.with_project(|p| dossier_api::show_document(p, &id))
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TypeChange {
    pub doc_type: String,
    pub section: Option<String>,
    pub language: Option<String>,
}

#[tauri::command]
pub async fn document_set_type(state: State<'_, AppState>, id: String, change: TypeChange) -> Result<DocumentRow> {
    let change = SetType { doc_type: change.doc_type, section: change.section, language: change.language };
    state.with_project(|p| dossier_api::set_document_type(p, &id, &change))
}

/// Which instance of a repeated heading (3.2.S, 3.2.P, 2.7.3, 5.3.5) the document belongs to.
#[tauri::command]
pub async fn document_scope_fields(state: State<'_, AppState>, id: String) -> Result<Vec<ScopeField>> {
    state.with_project(|p| dossier_api::scope_fields(p, &id))
}

/// `None` leaves a field as it is, `""` clears it (as `SetScope`).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ScopeChange {
    pub substance: Option<String>,
    pub manufacturer: Option<String>,
    pub dosage_form: Option<String>,
    pub indication: Option<String>,
    #[serde(default)]
    pub excipient: Option<String>,
}

#[tauri::command]
pub async fn document_set_scope(state: State<'_, AppState>, id: String, change: ScopeChange) -> Result<DocumentRow> {
    let change = SetScope {
        substance: change.substance,
        manufacturer: change.manufacturer,
        dosage_form: change.dosage_form,
        indication: change.indication,
        excipient: change.excipient,
    };
    state.with_project(|p| dossier_api::set_document_scope(p, &id, &change))
}

#[tauri::command]
pub async fn document_types() -> Result<Vec<DocumentTypeInfo>> {
    Ok(dossier_api::document_types())
}
