//! `dossier validate PATH`: problems grouped by severity with rule id, file and action (or
//! `--json`, or `--csv` with one row per problem); exit 1 when any error-level rule fails.

use std::path::Path;

use dossier_model::Severity;
use dossier_api::ValidationStatus as Status;

use anyhow::Context;

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

pub fn validate(path: &Path, region: Option<ValidateRegion>, json: bool, csv: bool) -> anyhow::Result<Outcome> {
    let report = dossier_api::validate_folder(path, region.map(ValidateRegion::code))?;
    let outcome = if report.has_errors() { Outcome::Findings } else { Outcome::Clean };
    if json {
        output::json(&report)?;
        return Ok(outcome);
    }
    if csv {
        let text = String::from_utf8(csv_table(&report)?).context("while writing the CSV")?;
        output::line(text.trim_end_matches('\n'));
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
        print_problems(&seq.problems, "  ");
    }
    print_verdict(&report.verdict);
    Ok(outcome)
}

/// Problems grouped by severity, each with its rule, level, status, file and what to do.
pub fn print_problems(problems: &[dossier_api::ValidationProblem], indent: &str) {
    for (severity, title) in [(Severity::Error, "errors"), (Severity::Warning, "warnings"), (Severity::Info, "notes")] {
        let group: Vec<_> = problems.iter().filter(|p| p.severity == severity).collect();
        if group.is_empty() {
            continue;
        }
        output::line(format!("{indent}{title}:"));
        for p in group {
            let status = match p.status {
                Status::Fail => "",
                Status::NotEvaluated => " (not evaluated)",
                Status::Unverifiable => " (unverifiable)",
                Status::Pass => " (pass)",
            };
            let file = if p.file.is_empty() { String::new() } else { format!(" {}", p.file) };
            output::line(format!("{indent}  [{} {}]{status}{file}: {}", p.rule, p.level, p.message));
            output::line(format!("{indent}    what to do: {}", p.fix));
        }
    }
}

/// The one-line verdict the build, `validate`, the app and the gap report all give.
pub fn print_verdict(v: &dossier_api::ValidationVerdict) {
    let levels: Vec<String> = v.levels.iter().map(|(level, n)| format!("{level} {n}")).collect();
    let levels = if levels.is_empty() { String::new() } else { format!(" ({})", levels.join(", ")) };
    let head = if v.would_be_rejected {
        format!("would be rejected: {} rejection-level failure(s)", v.rejecting)
    } else {
        "no rejection-level failure".to_owned()
    };
    output::line(format!(
        "verdict: {head}; {} error(s), {} warning(s), {} note(s){levels}; {} rules checked, {} failed, {} problem(s) not decided",
        v.errors, v.warnings, v.notes, v.rules, v.rules_failed, v.undecided
    ));
}

const CSV_HEADER: [&str; 8] = ["sequence", "rule", "level", "severity", "status", "file", "message", "action"];

/// One row per problem, in report order (RFC 4180 quoting by the `csv` crate).
fn csv_table(report: &dossier_api::ValidationReport) -> anyhow::Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(CSV_HEADER)?;
    for seq in &report.sequences {
        for p in &seq.problems {
            let severity = match p.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "info",
            };
            let status = match p.status {
                Status::Pass => "pass",
                Status::Fail => "fail",
                Status::NotEvaluated => "not-evaluated",
                Status::Unverifiable => "unverifiable",
            };
            w.write_record([seq.sequence.as_str(), &p.rule, &p.level, severity, status, &p.file, &p.message, &p.fix])?;
        }
    }
    w.into_inner().map_err(|e| anyhow::anyhow!("while writing the CSV: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_has_a_header_and_one_quoted_row_per_problem() {
        let dir = tempfile::tempdir().unwrap();
        let seq = dir.path().join("0000");
        std::fs::create_dir_all(seq.join("m1/eu")).unwrap();
        std::fs::write(seq.join("stray, \"quoted\".txt"), "x").unwrap();
        let report = dossier_api::validate_folder(&seq, Some("eu")).unwrap();
        let text = String::from_utf8(csv_table(&report).unwrap()).unwrap();
        let mut rows = csv::Reader::from_reader(text.as_bytes());
        assert_eq!(rows.headers().unwrap().iter().collect::<Vec<_>>(), CSV_HEADER, "{text}");
        let records: Vec<csv::StringRecord> = rows.records().map(Result::unwrap).collect();
        let problems: usize = report.sequences.iter().map(|s| s.problems.len()).sum();
        assert_eq!(records.len(), problems, "one row per problem: {text}");
        assert!(records.iter().any(|r| &r[1] == "7.1" && &r[4] == "fail"), "index.xml missing is EU 7.1: {text}");
        assert!(
            records.iter().any(|r| &r[5] == "stray, \"quoted\".txt"),
            "a comma and quotes in a file name survive the round trip: {text}"
        );
    }
}
