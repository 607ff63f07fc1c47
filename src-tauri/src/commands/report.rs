//! Generated documents written where the person chose in the native save dialog.

use std::path::{Path, PathBuf};

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

/// Checks a path the webview sends as the target of an export (the native save dialog chose
/// it). The webview loads no remote content, but its arguments are still untrusted: the target
/// must be an absolute path to a file of an exported kind; where it may be is the api's output
/// rule (`dossier_api::check_output_file`: an existing folder, never a project's store, blobs,
/// builds or temp files). The dialog has already asked before replacing a file, so an existing
/// one is replaced.
fn export_target(path: &Path, extensions: &[&str]) -> Result<()> {
    let refuse = |why: &str| Err(ApiError::invalid(format!("{} cannot be written: {why}; choose another file in the save dialog", path.display())));
    if !path.is_absolute() {
        return refuse("the path is not absolute");
    }
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).unwrap_or_default();
    if !extensions.contains(&ext.as_str()) {
        return refuse(&format!("only .{} files are written here", extensions.join(", .")));
    }
    dossier_api::check_output_file(path, true)
        .map_err(|e| ApiError { message: format!("{}; choose another file in the save dialog", e.message), ..e })
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
    export_target(&path, &["pdf", "csv", "json"])?;
    let options = GapReportOptions { app, lang: lang(&language)?, date: None };
    blocking(move || {
        let project = Project::open(&root, actor())?;
        dossier_api::write_gap_report(&project, &options, format_of(&path), &path, true)
    })
    .await
}

/// The cover letter of `app` (PDF), worded for its authority.
#[tauri::command]
pub async fn report_cover_letter(state: State<'_, AppState>, app: String, path: PathBuf) -> Result<ReportWritten> {
    let root = state.project_root()?;
    export_target(&path, &["pdf"])?;
    blocking(move || {
        let project = Project::open(&root, actor())?;
        dossier_api::write_cover_letter(&project, &app, None, &path, true)
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn export_targets_outside_the_store_pass_and_the_rest_are_refused_with_a_reason() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("p.dossier");
        std::fs::create_dir_all(root.join("blobs/ab")).unwrap();
        std::fs::write(root.join("project.sqlite"), b"").unwrap();
        std::fs::write(dir.path().join("earlier.pdf"), b"old").unwrap();
        let ok = |p: &Path, ext: &[&str]| export_target(p, ext).map_err(|e| e.message);
        assert!(ok(&dir.path().join("gap-report.pdf"), &["pdf", "csv"]).is_ok());
        assert!(ok(&dir.path().join("earlier.pdf"), &["pdf"]).is_ok(), "the save dialog asked before replacing");
        assert!(ok(&root.join("gap-report.csv"), &["pdf", "csv"]).is_ok(), "beside the store is fine");
        for (path, why) in [
            (root.join("project.sqlite"), "only .pdf"),
            (root.join("project.sqlite.pdf"), "store of the project"),
            (root.join("blobs/ab/x.pdf"), "inside blobs/"),
            (root.join("blobs/../blobs/ab/x.pdf"), "inside blobs/"),
            (dir.path().join("missing/x.pdf"), "does not exist"),
            (PathBuf::from("relative.pdf"), "not absolute"),
            (dir.path().join("script.sh"), "only .pdf"),
        ] {
            let err = ok(&path, &["pdf"]).unwrap_err();
            assert!(err.contains(why) && err.contains("save dialog"), "{}: {err}", path.display());
        }
    }
}
