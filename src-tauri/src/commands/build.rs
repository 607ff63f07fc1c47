//! Building an application's next package (eCTD sequence or, for Hong Kong, the CTD bundle)
//! and validating a folder: long work on a blocking thread with progress and cancel.

use std::path::PathBuf;

use dossier_api::{BuildOptions, BuildReport, BundleReport, PackageKind, Progress, Result, ValidationReport};
use serde::Serialize;
use tauri::State;
use tauri::ipc::Channel;

use super::blocking;
use crate::state::AppState;

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
    super::job(&state, &job, on_progress, move |project, cancel, forward| {
        let pause = e2e_pause_per_step();
        let mut sink = |p: &Progress| {
            forward(p);
            if let Some(pause) = pause {
                std::thread::sleep(pause);
            }
        };
        let opts = BuildOptions { zip, ..BuildOptions::default() };
        if dossier_api::package_kind(project, &app)? == PackageKind::CtdBundle {
            dossier_api::build_bundle(project, &app, &opts, &mut sink, Some(cancel)).map(Built::Bundle)
        } else {
            dossier_api::build(project, &app, &opts, &mut sink, Some(cancel)).map(Built::Sequence)
        }
    })
    .await
}

/// A pause after each build step, so that the end-to-end test can press Cancel while the sample
/// (which builds in well under a second) is still being written. Debug builds only: a release
/// build ignores the variable.
const E2E_PAUSE_ENV: &str = "DOSSIER_E2E_BUILD_PAUSE_MS";

fn e2e_pause_per_step() -> Option<std::time::Duration> {
    if !cfg!(debug_assertions) {
        return None;
    }
    let ms: u64 = std::env::var(E2E_PAUSE_ENV).ok()?.parse().ok()?;
    Some(std::time::Duration::from_millis(ms))
}

/// Validates an eCTD sequence or application folder on disk (ours or another tool's).
#[tauri::command]
pub async fn validate_path(path: PathBuf, region: Option<String>) -> Result<ValidationReport> {
    blocking(move || dossier_api::validate_folder(&path, region.as_deref())).await
}

/// The plan of `app`'s next eCTD sequence, as `dossier build --dry-run` shows it: every leaf
/// with its operation, target and title, and the replacements suggested. Nothing is written.
#[tauri::command]
pub async fn build_plan(state: State<'_, AppState>, app: String) -> Result<BuildReport> {
    state.with_project(|p| dossier_api::build(p, &app, &BuildOptions { dry_run: true, ..BuildOptions::default() }, &mut |_| {}, None))
}

/// A person's change to the plan of one placed document (`dossier plan`): `replaces` a chosen
/// current leaf `[sequence, leaf]` or, with `new`, back to what the planner decides; `title`
/// (empty: the document's own) when `set_title`. Returns the plan with it applied.
#[tauri::command]
pub async fn set_plan_choice(
    state: State<'_, AppState>,
    app: String,
    document: String,
    replaces: Option<(String, String)>,
    new: bool,
    title: Option<String>,
    set_title: bool,
) -> Result<BuildReport> {
    let change = dossier_api::PlanChange {
        replaces: if new { Some(None) } else { replaces.map(Some) },
        title: set_title.then(|| title.filter(|t| !t.trim().is_empty())),
    };
    state.with_project(|p| dossier_api::set_plan_choice(p, &app, &document, &change))
}
