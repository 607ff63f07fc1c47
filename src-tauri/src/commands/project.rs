use std::path::{Path, PathBuf};

use dossier_api::{ApiError, ErrorCode, Progress, Project, ProjectSummary, Result};
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, Runtime, State};

use super::{blocking, forward_progress};
use crate::settings;
use crate::state::{AppState, actor, config_dir, data_dir};

/// Opens the project the app should start on: the one named at launch, else the last one,
/// else (first start) a new project created from the sample in the app data folder.
#[tauri::command]
pub async fn project_startup<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    on_progress: Channel<Progress>,
) -> Result<ProjectSummary> {
    let remembered = settings::load(&config_dir(&app)?).last_project;
    let root = match (state.launch.project.clone(), remembered) {
        (Some(p), _) => p,
        (None, Some(p)) => p,
        (None, None) => {
            let sample = state.launch.sample.clone().filter(|p| p.is_dir()).or_else(|| bundled_sample(&app)).ok_or_else(|| {
                ApiError::new(ErrorCode::NotFound, "no project yet and no sample to start from; create or open a project")
            })?;
            let root = data_dir(&app)?.join("projects").join("examplinib.dossier");
            if !root.join("project.sqlite").exists() {
                return create(&app, root, Some(sample), on_progress).await;
            }
            root
        }
    };
    open(&app, root).await
}

/// The sample an installed app carries (`bundle.resources` in `tauri.conf.json`).
fn bundled_sample<R: Runtime>(app: &AppHandle<R>) -> Option<PathBuf> {
    let dir = app.path().resource_dir().ok()?.join(BUNDLED_SAMPLE);
    dir.is_dir().then_some(dir)
}

/// Where `bundle.resources` puts the sample inside the resource folder.
const BUNDLED_SAMPLE: &str = "sample-dossiers/examplinib";

#[tauri::command]
pub async fn project_open<R: Runtime>(app: AppHandle<R>, path: PathBuf) -> Result<ProjectSummary> {
    open(&app, path).await
}

/// Creates a project at `path`, importing `from` (a sample or company folder) when given.
#[tauri::command]
pub async fn project_create<R: Runtime>(
    app: AppHandle<R>,
    path: PathBuf,
    from: Option<PathBuf>,
    on_progress: Channel<Progress>,
) -> Result<ProjectSummary> {
    create(&app, path, from, on_progress).await
}

#[tauri::command]
pub async fn project_summary(state: State<'_, AppState>) -> Result<ProjectSummary> {
    state.with_project(|p| dossier_api::project_summary(p))
}

async fn open<R: Runtime>(app: &AppHandle<R>, root: PathBuf) -> Result<ProjectSummary> {
    let project = blocking({
        let root = root.clone();
        move || Project::open(&root, actor())
    })
    .await?;
    adopt(app, project)
}

async fn create<R: Runtime>(
    app: &AppHandle<R>,
    root: PathBuf,
    from: Option<PathBuf>,
    on_progress: Channel<Progress>,
) -> Result<ProjectSummary> {
    if let Some(parent) = root.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .map_err(|e| ApiError::new(ErrorCode::Io, format!("{}: cannot create the folder ({e})", parent.display())))?;
    }
    let project = blocking(move || {
        let mut sink = forward_progress(on_progress);
        dossier_api::init_project(&root, from.as_deref(), actor(), &mut sink).map(|(p, _report)| p)
    })
    .await?;
    adopt(app, project)
}

/// Makes `project` the open one and remembers it for the next start.
fn adopt<R: Runtime>(app: &AppHandle<R>, project: Project) -> Result<ProjectSummary> {
    let summary = dossier_api::project_summary(&project)?;
    remember(app, project.root())?;
    app.state::<AppState>().set_project(project);
    Ok(summary)
}

fn remember<R: Runtime>(app: &AppHandle<R>, root: &Path) -> Result<()> {
    let dir = config_dir(app)?;
    let mut s = settings::load(&dir);
    s.last_project = Some(root.to_path_buf());
    settings::save(&dir, &s)
}
