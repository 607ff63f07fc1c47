//! Gap analysis, the reuse matrix, the Hong Kong route assistant, and the applications with
//! their checklist assignments (dashboard, applications and route screens).

use dossier_api::{AppAnalysis, ApplicationInfo, CumulativeLeaf, Matrix, ProfileInfo, Result, RouteReport, SequenceRow};
use tauri::State;

use crate::state::AppState;

/// Every application's items, gaps (worst first) and readiness, or one application's.
#[tauri::command]
pub async fn gaps(state: State<'_, AppState>, app: Option<String>) -> Result<Vec<AppAnalysis>> {
    state.with_project(|p| dossier_api::gaps(p, app.as_deref()))
}

#[tauri::command]
pub async fn reuse_matrix(state: State<'_, AppState>) -> Result<Matrix> {
    state.with_project(|p| dossier_api::matrix(p))
}

#[tauri::command]
pub async fn route_hk(state: State<'_, AppState>) -> Result<RouteReport> {
    state.with_project(|p| dossier_api::route_hk(p))
}

#[tauri::command]
pub async fn applications_list(state: State<'_, AppState>) -> Result<Vec<ApplicationInfo>> {
    state.with_project(|p| dossier_api::list_applications(p))
}

#[tauri::command]
pub async fn profiles_list() -> Result<Vec<ProfileInfo>> {
    Ok(dossier_api::profiles())
}

/// Sequences and bundles built for `app`, oldest first.
#[tauri::command]
pub async fn sequences_list(state: State<'_, AppState>, app: String) -> Result<Vec<SequenceRow>> {
    state.with_project(|p| dossier_api::sequences(p, &app))
}

/// What the regulator holds for `app` after its sequences: every current leaf, in CTD order.
#[tauri::command]
pub async fn cumulative_view(state: State<'_, AppState>, app: String) -> Result<Vec<CumulativeLeaf>> {
    state.with_project(|p| dossier_api::cumulative(p, &app))
}

#[tauri::command]
pub async fn item_assign(state: State<'_, AppState>, app: String, item: String, document: String) -> Result<()> {
    state.with_project(|p| dossier_api::assign(p, &app, &item, &document))
}

/// Removes a person's assignment (one document, or all of the item's) or "not applicable" mark.
#[tauri::command]
pub async fn item_unassign(state: State<'_, AppState>, app: String, item: String, document: Option<String>) -> Result<bool> {
    state.with_project(|p| dossier_api::unassign(p, &app, &item, document.as_deref()))
}

#[tauri::command]
pub async fn item_not_applicable(state: State<'_, AppState>, app: String, item: String, reason: String) -> Result<()> {
    state.with_project(|p| dossier_api::mark_not_applicable(p, &app, &item, &reason))
}
