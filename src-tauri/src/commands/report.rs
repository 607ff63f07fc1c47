//! Generated documents written where the person chose in the native save dialog.

use std::path::PathBuf;

use dossier_api::{ApiError, GapReportOptions, Lang, Project, ReportFormat, ReportWritten, Result};
use tauri::State;

use super::blocking;
use crate::state::{AppState, actor};

fn lang(s: &str) -> Result<Lang> {
    match s {
        "en" => Ok(Lang::En),
        "zh-Hans" => Ok(Lang::ZhHans),
        "zh-Hant" => Ok(Lang::ZhHant),
        _ => Err(ApiError::invalid(format!("`{s}` is not a report language; use en, zh-Hans or zh-Hant"))),
    }
}

/// The format follows the chosen file's extension: `.csv`, `.json`, else PDF.
fn format_of(path: &std::path::Path) -> ReportFormat {
    match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
        Some("csv") => ReportFormat::Csv,
        Some("json") => ReportFormat::Json,
        _ => ReportFormat::Pdf,
    }
}

/// The gap report of every application (or one), in `language`, to `path`.
#[tauri::command]
pub async fn report_gaps(
    state: State<'_, AppState>,
    path: PathBuf,
    app: Option<String>,
    language: String,
) -> Result<ReportWritten> {
    let root = state.project_root()?;
    let options = GapReportOptions { app, lang: lang(&language)?, date: None };
    blocking(move || {
        let project = Project::open(&root, actor())?;
        dossier_api::write_gap_report(&project, &options, format_of(&path), &path)
    })
    .await
}

/// The cover letter of `app` (PDF), worded for its authority.
#[tauri::command]
pub async fn report_cover_letter(state: State<'_, AppState>, app: String, path: PathBuf) -> Result<ReportWritten> {
    let root = state.project_root()?;
    blocking(move || {
        let project = Project::open(&root, actor())?;
        dossier_api::write_cover_letter(&project, &app, None, &path)
    })
    .await
}
