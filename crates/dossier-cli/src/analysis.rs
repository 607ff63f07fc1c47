//! `dossier gaps`, `dossier matrix`, `dossier route hk`.

#![allow(clippy::print_stdout)]

use dossier_api::{Confidence, Project, Verdict};
use dossier_model::Severity;

use crate::output::{self, line};
use crate::run::Outcome;

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum RouteRegion {
    Hk,
}

pub fn gaps(project: &Project, app: Option<&str>, json: bool, csv: bool) -> anyhow::Result<Outcome> {
    let analyses = dossier_api::gaps(project, app)?;
    let any_error = analyses.iter().flat_map(|a| &a.gaps).any(|g| g.severity == Severity::Error);
    if json {
        output::json(&analyses)?;
    } else if csv {
        line("application,item,section,status,severity,rule,source,confidence,document,message,action");
        for g in analyses.iter().flat_map(|a| &a.gaps) {
            let cells = [
                g.application.clone(),
                g.item.clone(),
                g.section.clone().unwrap_or_default(),
                g.status.as_str().to_owned(),
                g.severity.as_str().to_owned(),
                g.rule.clone(),
                g.source.clone(),
                format!("{:?}", g.confidence).to_lowercase(),
                g.document.as_ref().map(ToString::to_string).unwrap_or_default(),
                g.message.clone(),
                g.action.clone(),
            ];
            line(cells.iter().map(|c| csv_cell(c)).collect::<Vec<_>>().join(","));
        }
    } else {
        for a in &analyses {
            line(format!(
                "{} — {} [{}{}]: {}% ready ({} of {} required items)",
                a.application,
                a.title,
                a.profile,
                a.route.as_deref().map(|r| format!(", route {r}")).unwrap_or_default(),
                a.readiness.percent,
                a.readiness.satisfied,
                a.readiness.required
            ));
            if a.gaps.is_empty() {
                line("  no gaps");
            }
            for g in &a.gaps {
                let unconfirmed = if g.confidence == Confidence::Unconfirmed { " (requirement unconfirmed)" } else { "" };
                line(format!(
                    "  {:<7} {:<17} {:<10} {}{}",
                    g.severity.as_str(),
                    g.status.as_str(),
                    g.rule,
                    g.message,
                    unconfirmed
                ));
                line(format!("          → {} [source: {}]", g.action, g.source));
            }
            line("");
        }
    }
    Ok(if any_error { Outcome::Findings } else { Outcome::Clean })
}

fn csv_cell(s: &str) -> String {
    if s.contains([',', '"', '\n']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s.to_owned() }
}

pub fn matrix(project: &Project, json: bool, csv: bool) -> anyhow::Result<Outcome> {
    let m = dossier_api::matrix(project)?;
    if json {
        output::json(&m)?;
        return Ok(Outcome::Clean);
    }
    let sep = if csv { "," } else { "  " };
    let mut header = vec!["document".to_owned(), "type".to_owned()];
    header.extend(m.applications.iter().cloned());
    header.push("path".into());
    line(header.join(sep));
    for row in &m.rows {
        let mut cells = vec![row.document.to_string(), row.doc_type.clone().unwrap_or_else(|| "?".into())];
        for app in &m.applications {
            let items = row.uses.get(app).map(|i| i.join(" ")).unwrap_or_default();
            cells.push(if csv { items } else if items.is_empty() { "-".into() } else { items });
        }
        cells.push(row.path.clone());
        line(if csv { cells.iter().map(|c| csv_cell(c)).collect::<Vec<_>>().join(",") } else { cells.join(sep) });
    }
    if !csv {
        let reused = m.rows.iter().filter(|r| r.uses.len() > 1).count();
        line(format!("{} documents, {} serve more than one application", m.rows.len(), reused));
    }
    Ok(Outcome::Clean)
}

pub fn route(project: &Project, _region: RouteRegion, json: bool) -> anyhow::Result<Outcome> {
    let report = dossier_api::route_hk(project)?;
    if json {
        output::json(&report)?;
        return Ok(Outcome::Clean);
    }
    line(format!(
        "Hong Kong evaluation routes ({}{})",
        report.profile,
        report.application.as_deref().map(|a| format!(", facts of {a}")).unwrap_or_default()
    ));
    for r in &report.routes {
        let verdict = match r.verdict {
            Verdict::Open => "OPEN",
            Verdict::Closed => "closed",
            Verdict::Undecided => "undecided",
            Verdict::NotYetAvailable => "not yet available",
        };
        line(format!("\n{} — {}  [{}]", r.id, r.title, verdict));
        line(format!("  {}", r.summary));
        for c in &r.conditions {
            let mark = match c.met {
                Some(true) => "✓",
                Some(false) => "✗",
                None => "?",
            };
            let kind = if c.document { "document" } else { "condition" };
            line(format!("  {mark} {kind}: {}", c.title));
            for e in &c.evidence {
                line(format!("      evidence: {e}"));
            }
            if c.met != Some(true) {
                line(format!("      to do: {}", c.fix));
            }
        }
        if !r.missing_documents.is_empty() && r.verdict == Verdict::Open {
            line(format!("  open, but still missing: {}", r.missing_documents.join("; ")));
        }
    }
    Ok(Outcome::Clean)
}
