//! Building an application's next package (eCTD sequence or, for Hong Kong, the CTD bundle)
//! and validating a folder: long work on a blocking thread with progress and cancel.

use std::path::PathBuf;

use dossier_api::{BuildOptions, BuildReport, BundleReport, PackageKind, Progress, Project, Result, ValidationReport};
use serde::Serialize;
use tauri::State;
use tauri::ipc::Channel;

use super::{blocking, forward_progress};
use crate::state::{AppState, actor};

/// What was built; `kind` tells the UI which report it holds.
#[derive(Debug, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Built {
    Sequence(BuildReport),
    Bundle(BundleReport),
}

/// Builds the next package of `app`: a CTD bundle when its profile takes no eCTD (Hong Kong),
/// else the next eCTD sequence. Validation runs as part of the build (its findings come back).
#[tauri::command]
pub async fn build_app(
    state: State<'_, AppState>,
    app: String,
    zip: bool,
    job: String,
    on_progress: Channel<Progress>,
) -> Result<Built> {
    let root = state.project_root()?;
    let cancel = state.start_job(&job)?;
    let result = blocking(move || {
        let mut project = Project::open(&root, actor())?;
        let mut sink = forward_progress(on_progress);
        let opts = BuildOptions { zip, ..BuildOptions::default() };
        if dossier_api::package_kind(&project, &app)? == PackageKind::CtdBundle {
            dossier_api::build_bundle(&mut project, &app, &opts, &mut sink, Some(&cancel)).map(Built::Bundle)
        } else {
            dossier_api::build(&mut project, &app, &opts, &mut sink, Some(&cancel)).map(Built::Sequence)
        }
    })
    .await;
    state.end_job(&job);
    result
}

/// Validates an eCTD sequence or application folder on disk (ours or another tool's).
#[tauri::command]
pub async fn validate_path(path: PathBuf, region: Option<String>) -> Result<ValidationReport> {
    blocking(move || dossier_api::validate_folder(&path, region.as_deref())).await
}
