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
/// must be an absolute path to a file of an exported kind, in a folder that exists, and never
/// inside the project's own store (`project.sqlite*`, `blobs/`), which only the api writes.
fn export_target(path: &Path, project_root: &Path, extensions: &[&str]) -> Result<()> {
    let refuse = |why: &str| Err(ApiError::invalid(format!("{} cannot be written: {why}; choose another file in the save dialog", path.display())));
    if !path.is_absolute() {
        return refuse("the path is not absolute");
    }
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).unwrap_or_default();
    if !extensions.contains(&ext.as_str()) {
        return refuse(&format!("only .{} files are written here", extensions.join(", .")));
    }
    let (Some(parent), Some(name)) = (path.parent(), path.file_name()) else { return refuse("it names no file") };
    let Ok(parent) = parent.canonicalize() else { return refuse("its folder does not exist") };
    if path.is_dir() {
        return refuse("it is a folder");
    }
    let root = project_root.canonicalize().unwrap_or_else(|_| project_root.to_path_buf());
    let store = parent == root && name.to_string_lossy().starts_with("project.sqlite");
    if store || parent.starts_with(root.join("blobs")) {
        return refuse("it is inside the project's store");
    }
    Ok(())
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
    export_target(&path, &root, &["pdf", "csv", "json"])?;
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
    export_target(&path, &root, &["pdf"])?;
    blocking(move || {
        let project = Project::open(&root, actor())?;
        dossier_api::write_cover_letter(&project, &app, None, &path)
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
        let ok = |p: &Path, ext: &[&str]| export_target(p, &root, ext).map_err(|e| e.message);
        assert!(ok(&dir.path().join("gap-report.pdf"), &["pdf", "csv"]).is_ok());
        assert!(ok(&root.join("gap-report.csv"), &["pdf", "csv"]).is_ok(), "beside the store is fine");
        for (path, why) in [
            (root.join("project.sqlite"), "only .pdf"),
            (root.join("project.sqlite.pdf"), "inside the project's store"),
            (root.join("blobs/ab/x.pdf"), "inside the project's store"),
            (dir.path().join("missing/x.pdf"), "does not exist"),
            (PathBuf::from("relative.pdf"), "not absolute"),
            (dir.path().join("script.sh"), "only .pdf"),
        ] {
            let err = ok(&path, &["pdf"]).unwrap_err();
            assert!(err.contains(why) && err.contains("save dialog"), "{}: {err}", path.display());
        }
    }
}
