use std::path::{Path, PathBuf};

use dossier_store::{Actor, Store};
use serde::Serialize;

use crate::{ApiError, ErrorCode, ImportOptions, ImportReport, ProgressSink, Result};

/// An open project: its store and who is working on it.
#[derive(Debug)]
pub struct Project {
    pub store: Store,
    pub actor: Actor,
}

impl Project {
    pub fn open(root: &Path, actor: Actor) -> Result<Project> {
        let store = Store::open(root)?;
        Ok(Project { store, actor })
    }

    pub fn root(&self) -> &Path {
        self.store.root().expect("projects opened through the api live on disk")
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ProjectSummary {
    pub path: PathBuf,
    #[serde(flatten)]
    pub info: dossier_store::ProjectInfo,
    pub inn: Option<String>,
    /// Documents whose type or section is a low-confidence guess.
    pub documents_to_review: usize,
    pub documents_with_findings: usize,
}

pub fn project_summary(project: &Project) -> Result<ProjectSummary> {
    let docs = project.store.documents(&dossier_store::DocumentFilter::default())?;
    Ok(ProjectSummary {
        path: project.root().to_path_buf(),
        info: project.store.project_info()?,
        inn: project.store.facts()?.product.map(|p| p.inn),
        documents_to_review: docs.iter().filter(|d| crate::docs::needs_review(d)).count(),
        documents_with_findings: docs.iter().filter(|d| !d.findings.is_empty()).count(),
    })
}

/// What `init --from` did besides creating the project.
#[derive(Debug, Clone, Serialize)]
pub struct InitReport {
    pub import: Option<ImportReport>,
    pub facts: Option<crate::FactsImportReport>,
    /// Ids of the applications the folder's `applications.toml` added.
    pub applications: Vec<String>,
}

/// Creates a project at `root`. With `from`, imports a sample or company folder in one step:
/// its `documents/` folder (or the folder itself when it has none), its `facts.toml` and its
/// `applications.toml`.
pub fn init_project(root: &Path, from: Option<&Path>, actor: Actor, progress: ProgressSink<'_>) -> Result<(Project, InitReport)> {
    crate::paths::check_new_project_folder(root)?;
    if let Some(from) = from {
        if !from.is_dir() {
            return Err(ApiError::new(
                ErrorCode::NotFound,
                format!("{} is not a folder; give the sample or document folder to start from", from.display()),
            ));
        }
        crate::paths::check_init_source(root, from)?;
    }
    let name = root
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "project".into());
    let store = Store::create(root, &name, &actor)?;
    let mut project = Project { store, actor };
    let mut report = InitReport { import: None, facts: None, applications: Vec::new() };
    if let Some(from) = from {
        let documents = from.join("documents");
        let docs_root = if documents.is_dir() { documents } else { from.to_path_buf() };
        report.import = Some(crate::import_paths(&mut project, &[docs_root], &ImportOptions::default(), progress)?);
        let facts = from.join("facts.toml");
        if facts.is_file() {
            report.facts = Some(crate::import_facts_file(&mut project, &facts)?);
        }
        let applications = from.join("applications.toml");
        if applications.is_file() {
            report.applications = crate::import_applications_file(&mut project, &applications)?
                .into_iter()
                .map(|a| a.application.id)
                .collect();
        }
    }
    Ok((project, report))
}
