//! `dossier validate PATH`: problems grouped by severity with rule id, file and action; exit 1
//! when any error-level rule fails.

use std::path::Path;

use dossier_model::Severity;
use dossier_api::ValidationStatus as Status;

use crate::output;
use crate::run::Outcome;

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum ValidateRegion {
    Eu,
    Us,
    Cn,
}

impl ValidateRegion {
    fn code(self) -> &'static str {
        match self {
            ValidateRegion::Eu => "eu",
            ValidateRegion::Us => "us",
            ValidateRegion::Cn => "cn",
        }
    }
}

pub fn validate(path: &Path, region: Option<ValidateRegion>, json: bool) -> anyhow::Result<Outcome> {
    let report = dossier_api::validate_folder(path, region.map(ValidateRegion::code))?;
    let outcome = if report.has_errors() { Outcome::Findings } else { Outcome::Clean };
    if json {
        output::json(&report)?;
        return Ok(outcome);
    }
    for seq in &report.sequences {
        let evaluated = seq.rules.iter().filter(|r| r.status != Status::NotEvaluated).count();
        let failed = seq.rules.iter().filter(|r| r.status == Status::Fail).count();
        output::line(format!(
            "sequence {} ({}, {} files, {}): {} rules checked, {failed} failed, {} not evaluated",
            seq.sequence,
            seq.region.title(),
            seq.files,
            output::human_bytes(seq.bytes),
            seq.rules.len(),
            seq.rules.len() - evaluated,
        ));
        for (severity, title) in [(Severity::Error, "errors"), (Severity::Warning, "warnings"), (Severity::Info, "notes")] {
            let group: Vec<_> = seq.problems.iter().filter(|p| p.severity == severity).collect();
            if group.is_empty() {
                continue;
            }
            output::line(format!("  {title}:"));
            for p in group {
                let status = match p.status {
                    Status::Fail => "",
                    Status::NotEvaluated => " (not evaluated)",
                    Status::Unverifiable => " (unverifiable)",
                    Status::Pass => " (pass)",
                };
                let file = if p.file.is_empty() { String::new() } else { format!(" {}", p.file) };
                output::line(format!("    [{} {}]{status}{file}: {}", p.rule, p.level, p.message));
                output::line(format!("      what to do: {}", p.fix));
            }
        }
    }
    Ok(outcome)
}
