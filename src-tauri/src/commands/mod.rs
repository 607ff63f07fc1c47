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

use std::time::{Duration, Instant};

use dossier_api::{ApiError, ErrorCode, Progress, Result};
use tauri::ipc::Channel;

/// Runs blocking store work off the async runtime's threads and flattens the join error.
pub(crate) async fn blocking<T: Send + 'static>(f: impl FnOnce() -> Result<T> + Send + 'static) -> Result<T> {
    tauri::async_runtime::spawn_blocking(f)
        .await
        .map_err(|e| ApiError::new(ErrorCode::Internal, format!("the background task failed: {e}")))?
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
