//! The plan of an application's next sequence as the user sees and changes it: its rows (each
//! leaf with its operation, target and title), the user's choices (a `new` sent as a `replace`
//! of a chosen current leaf, a leaf title), and the imported leaves a build carries.

use dossier_model::DocumentId;
use dossier_package::{LeafSource, PlanChoice, PriorLeaf, SequencePlan, Target};
use serde::Serialize;

use dossier_rules::Headings;

use crate::build::{BuildOptions, BuildReport, build, history, leaf_source};
use crate::{ApiError, Progress, Project, Result};

/// One row of the plan shown before a build.
#[derive(Debug, Clone, Serialize)]
pub struct PlanRow {
    /// `new`, `replace`, `append`, `delete` or `unchanged`.
    pub operation: String,
    pub section: String,
    pub title: String,
    pub document: Option<String>,
    /// Path in the new sequence (for `unchanged`: in the sequence that holds it).
    pub href: Option<String>,
    /// The earlier leaf it replaces or deletes; for `unchanged`, the current leaf that holds it.
    pub target: Option<Target>,
    /// For a `new` leaf: the current leaf it may be a new version of (a person decides).
    pub suggested: Option<Target>,
    pub suggested_title: Option<String>,
}

pub(crate) fn plan_rows(plan: &SequencePlan) -> Vec<PlanRow> {
    let mut rows: Vec<PlanRow> = plan
        .leaves
        .iter()
        .map(|l| {
            let suggestion = plan.suggestions.iter().find(|s| s.leaf == l.id);
            PlanRow {
                operation: l.operation.as_str().to_owned(),
                section: l.section.clone(),
                title: l.title.clone(),
                document: l.document.clone(),
                href: l.href.clone(),
                target: l.modifies.clone(),
                suggested: suggestion.map(|s| s.target.clone()),
                suggested_title: suggestion.map(|s| s.target_title.clone()),
            }
        })
        .collect();
    rows.extend(plan.kept.iter().map(|k| PlanRow {
        operation: "unchanged".into(),
        section: k.section.clone(),
        title: k.title.clone(),
        document: Some(k.document.clone()),
        href: k.href.clone(),
        target: Some(Target { sequence: k.sequence.clone(), id: k.id.clone(), backbone: k.backbone }),
        suggested: None,
        suggested_title: None,
    }));
    rows
}

/// Documents the regulator no longer holds anywhere: every leaf that sent them, in every
/// application's history (built or imported), was replaced or deleted later. The gap analysis
/// leaves them off every checklist — an item whose only document is retired shows as missing,
/// not as sent — and they stay in the library (a new version, or an explicit
/// `dossier app assign`, places a document again).
pub(crate) fn retired_documents(project: &Project) -> Result<std::collections::HashSet<String>> {
    let mut sent = std::collections::HashSet::new();
    let mut current = std::collections::HashSet::new();
    let first = Headings::default();
    for app in project.store.applications()? {
        let history = history(project, &app.id, &first)?;
        sent.extend(history.iter().filter_map(|l| l.document.clone()));
        current.extend(dossier_package::cumulative::current(&history).filter_map(|l| l.document.clone()));
    }
    Ok(sent.difference(&current).cloned().collect())
}

/// A person's choices for the application's next sequence, as planner input.
pub(crate) fn plan_choices(project: &Project, app_id: &str) -> Result<Vec<PlanChoice>> {
    Ok(project
        .store
        .plan_choices(app_id)?
        .into_iter()
        .map(|c| PlanChoice { document: c.document, replaces: c.replaces, title: c.title })
        .collect())
}

/// What a person changes in the plan of one placed document (`dossier plan`).
#[derive(Debug, Clone, Default)]
pub struct PlanChange {
    /// `Some(Some((sequence, leaf)))`: send the document as a `replace` of that current leaf;
    /// `Some(None)`: back to what the planner decides (`new` unless its path matches).
    pub replaces: Option<Option<(String, String)>>,
    /// `Some(Some(title))`: the leaf title to send; `Some(None)`: the document's own.
    pub title: Option<Option<String>>,
}

/// Records a person's choice for `document` in the next sequence of `app_id` (kept, with audit,
/// until changed), then returns the plan with it applied (nothing is written).
pub fn set_plan_choice(project: &mut Project, app_id: &str, document: &str, change: &PlanChange) -> Result<BuildReport> {
    project.store.application(app_id)?;
    let id = project.store.resolve_document(document)?.to_string();
    let before = project.store.plan_choices(app_id)?.into_iter().find(|c| c.document == id);
    let mut choice = before.unwrap_or(dossier_store::PlanChoiceRecord { document: id.clone(), replaces: None, title: None });
    if let Some(replaces) = &change.replaces {
        if let Some((sequence, leaf)) = replaces {
            let facts = project.store.facts()?;
            let history = history(project, app_id, &Headings::from_facts(&facts, []))?;
            if !dossier_package::cumulative::current(&history).any(|l| &l.sequence == sequence && &l.id == leaf) {
                return Err(ApiError::invalid(format!(
                    "leaf {leaf} of sequence {sequence} is not a current leaf of `{app_id}`; `dossier sequences --app {app_id} --cumulative` lists them (or `dossier build --app {app_id} --dry-run` shows the plan)"
                )));
            }
        }
        choice.replaces = replaces.clone();
    }
    if let Some(title) = &change.title {
        choice.title = title.clone().map(|t| t.trim().to_owned()).filter(|t| !t.is_empty());
    }
    project.store.with_tx(&project.actor, |tx| tx.set_plan_choice(app_id, &choice))?;
    let mut sink = |_: &Progress| {};
    build(project, app_id, &BuildOptions { dry_run: true, ..BuildOptions::default() }, &mut sink, None)
}

/// Current leaves of the application's imported sequences whose document the mapping does not
/// place on their section stay placed there: the regulator holds them, and a sequence built
/// elsewhere files documents this project's checklist may not map. Only a person takes one
/// off (`dossier app unassign`), and the next build then deletes it.
pub(crate) fn carry_imported(project: &Project, app_id: &str, history: &[PriorLeaf], leaves: &mut Vec<LeafSource>) -> Result<()> {
    let imported: Vec<String> = project.store.sequences(app_id)?.into_iter().filter(|s| s.kind == "imported").map(|s| s.number).collect();
    if imported.is_empty() {
        return Ok(());
    }
    let excluded: std::collections::HashSet<String> = project.store.exclusions(app_id)?.into_iter().map(|(_, d)| d).collect();
    let blobs = project.store.blobs()?;
    for prior in dossier_package::cumulative::current(history) {
        let Some(document) = prior.document.as_deref() else { continue };
        if !imported.contains(&prior.sequence) || excluded.contains(document) {
            continue;
        }
        // Placed already, or a newer version of it is (same lineage: it replaces this leaf).
        if leaves.iter().any(|l| l.section == prior.section && (l.document == document || l.lineage == prior.lineage)) {
            continue;
        }
        let Some(doc) = DocumentId::parse(document).and_then(|id| project.store.document(&id).ok()) else { continue };
        let mut source = leaf_source(&prior.section, &doc, prior.title.clone(), prior.heading.clone(), &blobs);
        source.lineage = prior.lineage.clone();
        leaves.push(source);
    }
    Ok(())
}

