use std::path::PathBuf;

use dossier_api::{ImportEctdReport, ImportOptions, ImportReport, Progress, Result};
use tauri::State;
use tauri::ipc::Channel;

use super::blocking;
use crate::state::AppState;

/// Imports files and folders (from the dialog or dropped on the window). `job` is the id the
/// UI chose; `job_cancel(job)` stops between files and keeps what was imported.
#[tauri::command]
pub async fn import_paths(
    state: State<'_, AppState>,
    paths: Vec<PathBuf>,
    job: String,
    on_progress: Channel<Progress>,
) -> Result<ImportReport> {
    super::job(&state, &job, on_progress, move |project, cancel, sink| {
        dossier_api::import_paths(project, &paths, &ImportOptions { cancel: Some(cancel) }, sink)
    })
    .await
}

/// For each path, whether it is an eCTD sequence, an application folder or a zip of one (read
/// with its backbone by `import_ectd`) rather than documents (`import_paths`).
#[tauri::command]
pub async fn import_kinds(paths: Vec<PathBuf>) -> Result<Vec<bool>> {
    blocking(move || Ok(dossier_api::ectd_sources(&paths))).await
}

/// Imports an existing eCTD sequence, application folder or zip with its sections, titles and
/// lifecycle; what is wrong with it comes back as findings. Cancellable like `import_paths`.
/// With `application`, the sequences are also recorded as that application's history (see
/// `dossier import-ectd --application`).
#[tauri::command]
pub async fn import_ectd(
    state: State<'_, AppState>,
    path: PathBuf,
    application: Option<String>,
    job: String,
    on_progress: Channel<Progress>,
) -> Result<ImportEctdReport> {
    super::job(&state, &job, on_progress, move |project, cancel, sink| {
        let options = ImportOptions { cancel: Some(cancel) };
        let mut report = dossier_api::import_ectd_into(project, &path, application.as_deref(), &options, sink)?;
        // One entry per leaf (20,000 in a large application) that the window does not show:
        // the documents themselves carry what each leaf said.
        report.leaves = Vec::new();
        Ok(report)
    })
    .await
}

/// `false` when the job had already finished.
#[tauri::command]
pub async fn job_cancel(state: State<'_, AppState>, job: String) -> Result<bool> {
    Ok(state.cancel_job(&job))
}
