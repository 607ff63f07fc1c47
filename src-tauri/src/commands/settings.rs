use std::path::PathBuf;

use dossier_api::{ApiError, Result};
use serde::Serialize;
use tauri::{AppHandle, Runtime, State};

use crate::state::{AppState, config_dir};
use crate::settings;

#[derive(Debug, Serialize)]
pub struct AppSettings {
    pub language: Option<String>,
    pub last_project: Option<PathBuf>,
    /// The sample a new project can start from, when this installation has one.
    pub sample: Option<PathBuf>,
}

#[tauri::command]
pub async fn app_settings<R: Runtime>(app: AppHandle<R>, state: State<'_, AppState>) -> Result<AppSettings> {
    let s = settings::load(&config_dir(&app)?);
    let sample = state.launch.sample.clone().filter(|p| p.is_dir());
    Ok(AppSettings { language: s.language, last_project: s.last_project, sample })
}

#[tauri::command]
pub async fn set_language<R: Runtime>(app: AppHandle<R>, language: String) -> Result<()> {
    if !["en", "zh-Hans", "zh-Hant"].contains(&language.as_str()) {
        return Err(ApiError::invalid(format!("`{language}` is not an interface language; use en, zh-Hans or zh-Hant")));
    }
    let dir = config_dir(&app)?;
    let mut s = settings::load(&dir);
    s.language = Some(language);
    settings::save(&dir, &s)
}
