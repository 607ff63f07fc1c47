use std::path::PathBuf;

use dossier_api::{ImportOptions, ImportReport, Progress, Project, Result};
use tauri::State;
use tauri::ipc::Channel;

use super::{blocking, forward_progress};
use crate::state::{AppState, actor};

/// Imports files and folders (from the dialog or dropped on the window). `job` is the id the
/// UI chose; `job_cancel(job)` stops between files and keeps what was imported.
#[tauri::command]
pub async fn import_paths(
    state: State<'_, AppState>,
    paths: Vec<PathBuf>,
    job: String,
    on_progress: Channel<Progress>,
) -> Result<ImportReport> {
    let root = state.project_root()?;
    let cancel = state.start_job(&job)?;
    let result = blocking(move || {
        // Its own connection, so the open one keeps serving the table during the import.
        let mut project = Project::open(&root, actor())?;
        let mut sink = forward_progress(on_progress);
        dossier_api::import_paths(&mut project, &paths, &ImportOptions { cancel: Some(&cancel) }, &mut sink)
    })
    .await;
    state.end_job(&job);
    result
}

/// `false` when the job had already finished.
#[tauri::command]
pub async fn job_cancel(state: State<'_, AppState>, job: String) -> Result<bool> {
    Ok(state.cancel_job(&job))
}
