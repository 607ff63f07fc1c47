//! Which project the app opens, decided once at start.

use std::ffi::OsString;
use std::path::PathBuf;

/// Environment variable naming the project to open, for tests and scripts.
pub const PROJECT_ENV: &str = "DOSSIER_PROJECT";
/// Environment variable naming the sample folder a first start creates its project from.
pub const SAMPLE_ENV: &str = "DOSSIER_SAMPLE";

/// How the app was started.
#[derive(Debug, Clone, Default)]
pub struct Launch {
    /// Open this project instead of the remembered one (command line, then `DOSSIER_PROJECT`).
    pub project: Option<PathBuf>,
    /// The sample a first start copies into a new project.
    pub sample: Option<PathBuf>,
    /// Where the settings file lives; `None` means the platform's app config dir.
    pub config_dir: Option<PathBuf>,
    /// Where a first start creates its project; `None` means the platform's app data dir.
    pub data_dir: Option<PathBuf>,
}

impl Launch {
    /// `dossier-app [--project] PATH`; the command line wins over the environment.
    pub fn from_env_and_args(args: impl IntoIterator<Item = OsString>) -> Launch {
        let from_args = args.into_iter().find(|a| a != "--project" && !a.to_string_lossy().starts_with('-'));
        let project = from_args.or_else(|| std::env::var_os(PROJECT_ENV)).map(PathBuf::from);
        Launch { project, sample: Some(default_sample()), config_dir: None, data_dir: None }
    }
}

/// `DOSSIER_SAMPLE`, else the one in the source tree this binary was built from (a developer
/// build run in place). An installed app has no source tree: `project_startup` then falls back to
/// the copy in its resource folder (`bundle.resources`).
fn default_sample() -> PathBuf {
    if let Some(dir) = std::env::var_os(SAMPLE_ENV) {
        return PathBuf::from(dir);
    }
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../sample-dossiers/examplinib"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_on_the_command_line_names_the_project() {
        let launch = Launch::from_env_and_args(["--project".into(), "/tmp/x.dossier".into()]);
        assert_eq!(launch.project, Some(PathBuf::from("/tmp/x.dossier")));
    }
}
