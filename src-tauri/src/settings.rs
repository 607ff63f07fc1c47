//! The app's own small memory across starts: the last project and the interface language.
//! Kept in `settings.json` in the app config dir, never inside a project (a project is
//! shared data; these are one person's preferences).

use std::path::{Path, PathBuf};

use dossier_api::{ApiError, ErrorCode, Result};
use serde::{Deserialize, Serialize};

pub const FILE: &str = "settings.json";

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub last_project: Option<PathBuf>,
    /// `en`, `zh-Hans` or `zh-Hant`; `None` lets the UI follow the system language.
    pub language: Option<String>,
}

/// A missing or unreadable file gives defaults: preferences are never worth refusing to start.
pub fn load(dir: &Path) -> Settings {
    // Read like any file the program reads whole: a FIFO or a huge file there gives defaults.
    dossier_files::read_whole(&dir.join(FILE), dossier_files::SETTINGS)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default()
}

/// Written to a temporary file and renamed, so a crash never leaves half a file.
pub fn save(dir: &Path, settings: &Settings) -> Result<()> {
    let io = |e: std::io::Error| ApiError::new(ErrorCode::Io, format!("{}: cannot save settings ({e})", dir.display()));
    std::fs::create_dir_all(dir).map_err(io)?;
    let tmp: PathBuf = dir.join(format!("{FILE}.tmp"));
    let body = serde_json::to_vec_pretty(settings).expect("settings always serialise");
    std::fs::write(&tmp, body).map_err(io)?;
    std::fs::rename(&tmp, dir.join(FILE)).map_err(io)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_survive_a_save_and_load() {
        let dir = tempfile::tempdir().unwrap();
        let s = Settings { last_project: Some("/p/x.dossier".into()), language: Some("zh-Hant".into()) };
        save(dir.path(), &s).unwrap();
        assert_eq!(load(dir.path()), s, "what was saved is what the next start reads");
    }

    #[test]
    fn a_damaged_settings_file_gives_defaults() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE), b"{not json").unwrap();
        assert_eq!(load(dir.path()), Settings::default(), "a broken preference file must not stop the app");
    }
}
