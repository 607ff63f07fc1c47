//! `#[tauri::command]`s, one file per screen area. Each is a few lines over one `dossier-api`
//! handler and returns `Result<Dto, ApiError>`; an `ApiError` crosses IPC as `{code, message}`.

pub mod analysis;
pub mod applications;
pub mod audit;
pub mod build;
pub mod documents;
pub mod facts;
pub mod import;
pub mod project;
pub mod report;
pub mod settings;

use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use dossier_api::{ApiError, ErrorCode, Progress, Project, Result};
use tauri::ipc::Channel;

use crate::state::{AppState, actor};

/// Runs blocking store work off the async runtime's threads and flattens the join error.
pub(crate) async fn blocking<T: Send + 'static>(f: impl FnOnce() -> Result<T> + Send + 'static) -> Result<T> {
    tauri::async_runtime::spawn_blocking(f)
        .await
        .map_err(|e| ApiError::new(ErrorCode::Internal, format!("the background task failed: {e}")))?
}

/// Runs `work` as the UI's job `job` (cancelled by `job_cancel(job)`) on a blocking thread, with
/// its own connection to the open project, so the open one keeps serving the window, and its
/// progress forwarded to `on_progress`.
pub(crate) async fn job<T: Send + 'static>(
    state: &AppState,
    job: &str,
    on_progress: Channel<Progress>,
    work: impl FnOnce(&mut Project, &AtomicBool, &mut dyn FnMut(&Progress)) -> Result<T> + Send + 'static,
) -> Result<T> {
    let root = state.project_root()?;
    let cancel = state.start_job(job)?;
    let result = blocking(move || {
        let mut project = Project::open(&root, actor())?;
        work(&mut project, &cancel, &mut forward_progress(on_progress))
    })
    .await;
    state.end_job(job);
    result
}

/// Forwards progress to the UI at most ~20 times a second (plus the first and the last
/// report): an import of 20,000 small files would otherwise send 20,000 IPC messages.
pub(crate) fn forward_progress(channel: Channel<Progress>) -> impl FnMut(&Progress) + Send {
    const EVERY: Duration = Duration::from_millis(50);
    let mut last: Option<Instant> = None;
    move |p: &Progress| {
        let due = last.is_none_or(|t| t.elapsed() >= EVERY) || p.done == p.total;
        if due {
            last = Some(Instant::now());
            // A closed channel means the window went away; the work itself goes on and is kept.
            let _ = channel.send(p.clone());
        }
    }
}
