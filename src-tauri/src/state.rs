//! What the running app holds: the open project and the cancel flags of running jobs.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex, MutexGuard};

use dossier_api::{Actor, ApiError, ErrorCode, Project, Result};
use tauri::{AppHandle, Manager, Runtime};

use crate::Launch;

#[derive(Debug)]
pub struct AppState {
    pub launch: Launch,
    /// One connection for the quick commands. Long jobs open their own connection on the same
    /// project (SQLite WAL), so the table stays usable while an import runs.
    project: Mutex<Option<Project>>,
    jobs: Mutex<HashMap<String, Arc<AtomicBool>>>,
}

impl AppState {
    pub fn new(launch: Launch) -> Self {
        Self { launch, project: Mutex::new(None), jobs: Mutex::new(HashMap::new()) }
    }

    /// Runs `f` on the open project, or says that none is open.
    pub fn with_project<T>(&self, f: impl FnOnce(&mut Project) -> Result<T>) -> Result<T> {
        let mut guard = lock(&self.project);
        let project = guard
            .as_mut()
            .ok_or_else(|| ApiError::new(ErrorCode::NotFound, "no project is open; open or create one first"))?;
        f(project)
    }

    pub fn set_project(&self, project: Project) {
        *lock(&self.project) = Some(project);
    }

    pub fn project_root(&self) -> Result<PathBuf> {
        self.with_project(|p| Ok(p.root().to_path_buf()))
    }

    /// Registers a job's cancel flag under the id the UI chose.
    pub fn start_job(&self, id: &str) -> Result<Arc<AtomicBool>> {
        let mut jobs = lock(&self.jobs);
        if jobs.contains_key(id) {
            return Err(ApiError::invalid(format!("job {id} is already running")));
        }
        let flag = Arc::new(AtomicBool::new(false));
        jobs.insert(id.to_owned(), flag.clone());
        Ok(flag)
    }

    pub fn end_job(&self, id: &str) {
        lock(&self.jobs).remove(id);
    }

    /// `false` when the job already ended (nothing to cancel).
    pub fn cancel_job(&self, id: &str) -> bool {
        lock(&self.jobs).get(id).map(|f| f.store(true, std::sync::atomic::Ordering::Relaxed)).is_some()
    }
}

/// A poisoned lock only means another command panicked; the data behind it is still whole
/// (every change to the store is a transaction), so carry on rather than fail every command.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The person named in the audit log: the operating-system user.
pub fn actor() -> Actor {
    let name = std::env::var("USER").or_else(|_| std::env::var("USERNAME")).unwrap_or_else(|_| "desktop user".into());
    Actor::new(name)
}

pub fn config_dir<R: Runtime>(app: &AppHandle<R>) -> Result<PathBuf> {
    let state = app.state::<AppState>();
    match &state.launch.config_dir {
        Some(dir) => Ok(dir.clone()),
        None => app.path().app_config_dir().map_err(|e| ApiError::new(ErrorCode::Io, format!("no config folder: {e}"))),
    }
}

pub fn data_dir<R: Runtime>(app: &AppHandle<R>) -> Result<PathBuf> {
    let state = app.state::<AppState>();
    match &state.launch.data_dir {
        Some(dir) => Ok(dir.clone()),
        None => app.path().app_data_dir().map_err(|e| ApiError::new(ErrorCode::Io, format!("no data folder: {e}"))),
    }
}
