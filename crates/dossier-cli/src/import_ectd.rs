//! `dossier import-ectd PATH`: documents of an existing eCTD sequence, application folder or
//! zip, with their CTD sections, titles and lifecycle history.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::Context;
use clap::Args;
use dossier_api::{ImportOptions, Project};
use dossier_model::Severity;

use crate::output::{self, human_bytes, line};
use crate::run::Outcome;

#[derive(Debug, Args)]
pub struct ImportEctdArgs {
    /// A sequence folder (NNNN/ with index.xml), an application folder holding sequences, or a
    /// zip of either.
    pub path: PathBuf,
    /// Record the sequences as this application's history (its profile's region must match),
    /// so the next build continues their lifecycle.
    #[arg(long, value_name = "APP")]
    pub application: Option<String>,
}

pub fn run(project: &mut Project, args: ImportEctdArgs, json: bool) -> anyhow::Result<Outcome> {
    let started = Instant::now();
    let (bar, mut sink) = output::progress_bar(json, "leaves");
    let report = dossier_api::import_ectd_into(project, &args.path, args.application.as_deref(), &ImportOptions::default(), &mut sink)
        .with_context(|| format!("while importing the eCTD at {}", args.path.display()))?;
    bar.finish_and_clear();
    if json {
        output::json(&report)?;
    } else {
        line(format!(
            "read sequence(s) {} ({}): {} leaves; {} documents imported, {} already known, {} in {:.1} s",
            report.sequences.join(", "),
            report.region.map_or("no region", |r| r.code()),
            report.leaves.len(),
            report.imported,
            report.already_known,
            human_bytes(report.bytes),
            started.elapsed().as_secs_f64()
        ));
        let deletes = report.leaves.iter().filter(|l| l.outcome == "delete").count();
        if deletes > 0 {
            line(format!("{deletes} delete leaves (lifecycle only, no file)"));
        }
        for f in &report.findings {
            line(format!("{} [{}] {}", f.severity.as_str(), f.rule, f.message));
        }
        // What the region's whole catalogue says of the sequences as received (the one validator).
        if let Some(verdict) = &report.verdict {
            crate::validate::print_verdict(verdict);
            line(format!("every problem: dossier validate {}", args.path.display()));
        }
        match &report.application {
            Some(app) => {
                if !report.recorded.is_empty() {
                    line(format!("recorded sequence(s) {} as the history of `{app}`", report.recorded.join(", ")));
                }
                if !report.already_recorded.is_empty() {
                    line(format!("sequence(s) {} already recorded for `{app}` from the same index.xml; left as they are", report.already_recorded.join(", ")));
                }
                line(format!("next: dossier sequences --app {app} --cumulative, then dossier build --app {app} --dry-run"));
            }
            None => {
                line("no lifecycle history recorded: to continue these sequences, import them again with --application APP");
                line("next: dossier docs list --review, then dossier gaps --app ID");
            }
        }
    }
    let warned = report.cancelled || report.findings.iter().any(|f| f.severity >= Severity::Warning);
    Ok(if warned { Outcome::Findings } else { Outcome::Clean })
}
