//! Gap analysis, the reuse matrix and the Hong Kong route assistant over the current project.

use std::collections::BTreeMap;

use dossier_model::DocumentId;
use dossier_rules::{AppAnalysis, AppSnapshot, ManualAssignment, Matrix, RouteResult, Snapshot, Templates};
use dossier_store::DocumentFilter;
use serde::Serialize;

use crate::{ApiError, ErrorCode, Project, Result};

/// A read-only picture of the project for the pure rules.
pub fn snapshot(project: &Project) -> Result<Snapshot> {
    let applications = project
        .store
        .applications()?
        .into_iter()
        .map(|app| {
            let manual = project
                .store
                .assignments(&app.id)?
                .into_iter()
                .filter_map(|a| match (a.not_applicable, a.document) {
                    (Some(reason), _) => Some(ManualAssignment::NotApplicable { item: a.item, reason }),
                    (None, Some(doc)) => DocumentId::parse(&doc).map(|document| ManualAssignment::Assign { item: a.item, document }),
                    (None, None) => None,
                })
                .collect::<Vec<_>>()
                .into_iter()
                .chain(project.store.exclusions(&app.id)?.into_iter().filter_map(|(item, doc)| {
                    DocumentId::parse(&doc).map(|document| ManualAssignment::Exclude { item, document })
                }))
                .collect();
            Ok(AppSnapshot {
                flags: app.facts.iter().filter_map(|(k, v)| v.as_bool().map(|b| (k.clone(), b))).collect(),
                target_date: app.target_date.as_deref().and_then(|d| dossier_model::day::parse(d).ok()),
                id: app.id,
                profile: app.profile,
                title: app.title,
                route: app.route,
                manual,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    // A document whose every leaf was replaced or deleted is not placed again (build.rs).
    let retired = crate::plan::retired_documents(project)?;
    let mut documents = project.store.documents(&DocumentFilter::default())?;
    documents.retain(|d| !retired.contains(&d.id.to_string()));
    Ok(Snapshot {
        documents,
        facts: project.store.facts()?,
        applications,
        today: (project.actor.now)().date(),
    })
}

/// Gap analysis of every application, or of one.
pub fn gaps(project: &Project, app: Option<&str>) -> Result<Vec<AppAnalysis>> {
    let snap = snapshot(project)?;
    if let Some(id) = app {
        if !snap.applications.iter().any(|a| a.id == id) {
            return Err(ApiError::new(ErrorCode::NotFound, format!("application `{id}` does not exist; `dossier app list` shows them")));
        }
    }
    let mut analyses = dossier_rules::analyse(Templates::embedded(), &snap);
    analyses.retain(|a| app.is_none_or(|id| a.application == id));
    Ok(analyses)
}

pub fn matrix(project: &Project) -> Result<Matrix> {
    let snap = snapshot(project)?;
    let analyses = dossier_rules::analyse(Templates::embedded(), &snap);
    Ok(dossier_rules::reuse_matrix(&snap.documents, &analyses))
}

/// Where each document of an application goes: what packaging builds from.
pub fn placements(project: &Project, app: &str) -> Result<Vec<dossier_rules::Placement>> {
    // Only this application is analysed: the others' checklists do not change its placements.
    let mut snap = snapshot(project)?;
    snap.applications.retain(|a| a.id == app);
    if snap.applications.is_empty() {
        return Err(ApiError::new(ErrorCode::NotFound, format!("application `{app}` does not exist; `dossier app list` shows them")));
    }
    let analyses = dossier_rules::analyse(Templates::embedded(), &snap);
    Ok(analyses.into_iter().flat_map(|a| a.items.into_iter().flat_map(|i| i.documents)).collect())
}

#[derive(Debug, Clone, Serialize)]
pub struct RouteReport {
    pub profile: String,
    /// The Hong Kong application whose facts were used, if any.
    pub application: Option<String>,
    pub routes: Vec<RouteResult>,
    /// Reference countries recognised, for the explanation.
    pub reference_countries: BTreeMap<String, Vec<String>>,
}

/// The Hong Kong route assistant: every route's verdict with its evidence.
pub fn route_hk(project: &Project) -> Result<RouteReport> {
    let templates = Templates::embedded();
    let snap = snapshot(project)?;
    let profile = templates
        .profiles
        .all()
        .find(|p| p.header.region == "hk" && !p.routes.is_empty())
        .ok_or_else(|| ApiError::new(ErrorCode::Internal, "no Hong Kong profile with routes is built in"))?;
    let app = snap.applications.iter().find(|a| a.profile == profile.id());
    Ok(RouteReport {
        profile: profile.id().to_owned(),
        application: app.map(|a| a.id.clone()),
        routes: dossier_rules::evaluate_routes(templates, &snap, profile, app),
        reference_countries: templates
            .profiles
            .reference_countries
            .iter()
            .map(|c| (c.code.clone(), c.authorities.clone()))
            .collect(),
    })
}
