//! `dossier plan`: the plan of an application's next sequence (what `build --dry-run` shows), and
//! a person's choices in it: send a placed document as a `replace` of a chosen current leaf
//! (and back to `new`), and the leaf title to send.

use clap::Args;
use dossier_api::{BuildReport, PlanChange, Project};
use dossier_model::Severity;

use crate::output::{self, line, table};
use crate::run::Outcome;

#[derive(Debug, Args)]
pub struct PlanArgs {
    /// The application whose next sequence is planned.
    #[arg(long)]
    pub app: String,
    /// Send this placed document (id, id prefix or path) as a replace of --target.
    #[arg(long, value_name = "DOC", requires = "target", conflicts_with = "new")]
    pub replace: Option<String>,
    /// The current leaf it replaces, as SEQ:LEAF (`0003:lf-0003-1a2b…`; see the plan or
    /// `dossier sequences --cumulative`).
    #[arg(long, value_name = "SEQ:LEAF", requires = "replace")]
    pub target: Option<String>,
    /// Undo a --replace choice: the planner decides again (`new` unless its path matches).
    #[arg(long, value_name = "DOC")]
    pub new: Option<String>,
    /// Set the leaf title this document is sent with (with --text; an empty text goes back to
    /// the document's own title).
    #[arg(long, value_name = "DOC", requires = "text")]
    pub title: Option<String>,
    #[arg(long, value_name = "TITLE", requires = "title")]
    pub text: Option<String>,
}

pub fn run(project: &mut Project, args: PlanArgs, json: bool) -> anyhow::Result<Outcome> {
    let mut report = None;
    if let (Some(doc), Some(target)) = (&args.replace, &args.target) {
        let Some((sequence, leaf)) = target.split_once(':').filter(|(s, l)| s.len() == 4 && !l.is_empty()) else {
            anyhow::bail!("--target {target}: give the current leaf as SEQ:LEAF, e.g. 0003:lf-0003-0123456789abcdef");
        };
        let change = PlanChange { replaces: Some(Some((sequence.to_owned(), leaf.to_owned()))), title: None };
        report = Some(dossier_api::set_plan_choice(project, &args.app, doc, &change)?);
    }
    if let Some(doc) = &args.new {
        report = Some(dossier_api::set_plan_choice(project, &args.app, doc, &PlanChange { replaces: Some(None), title: None })?);
    }
    if let (Some(doc), Some(text)) = (&args.title, &args.text) {
        let title = Some(text.clone()).filter(|t| !t.trim().is_empty());
        report = Some(dossier_api::set_plan_choice(project, &args.app, doc, &PlanChange { replaces: None, title: Some(title) })?);
    }
    let report = match report {
        Some(r) => r,
        None => dossier_api::build(project, &args.app, &dossier_api::BuildOptions { dry_run: true, ..Default::default() }, &mut |_| {}, None)?,
    };
    if json {
        output::json(&report)?;
    } else {
        print(&report);
        for f in &report.findings {
            line(format!("{} [{}] {}", f.severity.as_str(), f.rule, f.message));
        }
    }
    Ok(if report.findings.iter().any(|f| f.severity >= Severity::Warning) { Outcome::Findings } else { Outcome::Clean })
}

/// The plan as a table: every leaf with its operation, target and title, then how to change it.
pub fn print(report: &BuildReport) {
    line(format!("plan of sequence {} of {} ({}):", report.sequence, report.application, report.region.code()));
    let rows: Vec<Vec<String>> = report
        .plan
        .iter()
        .map(|r| {
            let target = r.target.as_ref().map(|t| format!("{}:{}", t.sequence, t.id));
            let target = match (&r.suggested, target) {
                (Some(s), None) => format!("(replace {}:{}?)", s.sequence, s.id),
                (_, t) => t.unwrap_or_else(|| "—".into()),
            };
            vec![
                r.operation.clone(),
                r.section.clone(),
                r.title.clone(),
                target,
                r.document.clone().unwrap_or_else(|| "—".into()),
            ]
        })
        .collect();
    table(&["op", "section", "title", "target", "document"], &rows);
    if report.plan.iter().any(|r| r.suggested.is_some()) {
        line(format!(
            "a `new` marked (replace SEQ:LEAF?) may be a new version of that leaf: `dossier plan --app {} --replace DOC --target SEQ:LEAF` sends it as its replacement",
            report.application
        ));
    }
}
