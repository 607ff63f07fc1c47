//! Adding and editing applications (the applications screen's editor).

use dossier_api::{ApplicationChange, ApplicationInfo, ApplicationOptions, NewApplication, Result};
use tauri::State;

use crate::state::AppState;

/// The routes and facts an application of `profile` can be given.
#[tauri::command]
pub async fn application_options(profile: String) -> Result<ApplicationOptions> {
    dossier_api::application_options(&profile)
}

#[tauri::command]
pub async fn application_add(state: State<'_, AppState>, new: NewApplication) -> Result<ApplicationInfo> {
    state.with_project(|p| dossier_api::add_application(p, &new))
}

#[tauri::command]
pub async fn application_update(state: State<'_, AppState>, app: String, change: ApplicationChange) -> Result<ApplicationInfo> {
    state.with_project(|p| dossier_api::update_application(p, &app, &change))
}
