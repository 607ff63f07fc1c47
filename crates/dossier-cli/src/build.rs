//! `dossier build`, `dossier sequences`, `dossier envelope`, `dossier util add`: eCTD sequences,
//! and the CTD bundle for profiles that take no eCTD (Hong Kong).

use std::path::PathBuf;
use std::time::Instant;

use anyhow::Context;
use clap::{Args, Subcommand};
use dossier_api::{BuildOptions, Project};
use dossier_model::Severity;

use crate::output::{self, human_bytes, line, table};
use crate::run::Outcome;

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The application to build the next sequence of.
    #[arg(long)]
    pub app: String,
    /// Output root (default: the project's builds/ folder); the sequence goes in OUT/APP/NNNN.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Also write NNNN.zip beside the folder.
    #[arg(long)]
    pub zip: bool,
    /// Plan only: show what would be sent; write and record nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Build a withdrawal sequence: delete every document still current.
    #[arg(long)]
    pub withdrawal: bool,
    /// List every problem the validation found (the build always runs every published rule of
    /// its region and prints the verdict), and exit 1 if the verdict is "would be rejected".
    #[arg(long)]
    pub validate: bool,
}

#[derive(Debug, Subcommand)]
pub enum UtilCommand {
    /// Install FDA's us-regional-v3-3.dtd (accepted only with the official MD5).
    Add { file: PathBuf },
}

pub fn build(project: &mut Project, args: BuildArgs, json: bool) -> anyhow::Result<Outcome> {
    let started = Instant::now();
    let (bar, mut sink) = output::progress_bar(json || args.dry_run, "leaves, {bytes_per_sec}");
    let opts = BuildOptions { out: args.out, zip: args.zip, dry_run: args.dry_run, withdrawal: args.withdrawal };
    if dossier_api::package_kind(project, &args.app)? == dossier_api::PackageKind::CtdBundle {
        let report = dossier_api::build_bundle(project, &args.app, &opts, &mut sink, None)
            .with_context(|| format!("while building the CTD bundle of application `{}`", args.app))?;
        bar.finish_and_clear();
        return print_bundle(&report, started.elapsed().as_secs_f64(), json, args.validate);
    }
    let report = dossier_api::build(project, &args.app, &opts, &mut sink, None)
        .with_context(|| format!("while building application `{}`", args.app))?;
    bar.finish_and_clear();
    let seconds = started.elapsed().as_secs_f64();
    if json {
        output::json(&report)?;
    } else {
        if report.dry_run {
            line("dry run: nothing is written or recorded");
            crate::plan::print(&report);
        } else {
            line(format!(
                "built sequence {} of {} ({}) in {}",
                report.sequence,
                report.application,
                report.region.code(),
                report.folder.as_ref().map(|f| f.display().to_string()).unwrap_or_default()
            ));
            if let Some(z) = &report.zip {
                line(format!("zip: {}", z.display()));
            }
            if let Some(t) = &report.toc {
                line(format!("table of contents: {}", t.display()));
            }
        }
        line(format!(
            "leaves: {} new, {} replaced, {} deleted; {} unchanged not resent; {} files, {} in {:.1} s",
            report.new,
            report.replaced,
            report.deleted,
            report.unchanged,
            report.files,
            human_bytes(report.bytes),
            seconds
        ));
        for f in &report.findings {
            line(format!("{} [{}] {}", f.severity.as_str(), f.rule, f.message));
        }
        if let Some(validation) = &report.validation {
            print_validation(&validation.problems, args.validate, "validation (the region's published rules, run before the sequence got its name):");
        }
        if let Some(verdict) = &report.verdict {
            crate::validate::print_verdict(verdict);
        }
    }
    let warned = report.findings.iter().any(|f| f.severity >= Severity::Warning);
    Ok(outcome(warned, report.verdict.as_ref(), args.validate))
}

/// With `--validate`, every problem the region's rules found (as `dossier validate` lists
/// them); without, only the failed error-level ones, which the verdict counts as rejections.
fn print_validation(problems: &[dossier_api::ValidationProblem], all: bool, heading: &str) {
    let rejected: Vec<_> = problems.iter().filter(|p| p.status == dossier_api::ValidationStatus::Fail && p.severity == Severity::Error).cloned().collect();
    let shown = if all { problems.to_vec() } else { rejected };
    if !shown.is_empty() {
        line(heading);
        crate::validate::print_problems(&shown, "  ");
    }
}

/// Planning warnings give exit 1 as before; with `--validate`, so does a verdict of "would be
/// rejected" (a build never hides it: the verdict is printed and in `--json` either way).
fn outcome(warned: bool, verdict: Option<&dossier_api::ValidationVerdict>, validate: bool) -> Outcome {
    let rejected = validate && verdict.is_some_and(|v| v.would_be_rejected);
    if warned || rejected { Outcome::Findings } else { Outcome::Clean }
}

fn print_bundle(report: &dossier_api::BundleReport, seconds: f64, json: bool, validate: bool) -> anyhow::Result<Outcome> {
    if json {
        output::json(report)?;
    } else {
        if report.dry_run {
            line(format!("dry run: CTD bundle {} of {} would hold:", report.number, report.application));
            let rows: Vec<Vec<String>> =
                report.rows.iter().map(|r| vec![r.item.clone(), r.section.clone(), r.path.clone()]).collect();
            table(&["item", "section", "file"], &rows);
        } else {
            line(format!(
                "built CTD bundle {} of {} in {}",
                report.number,
                report.application,
                report.folder.as_ref().map(|f| f.display().to_string()).unwrap_or_default()
            ));
            if let Some(z) = &report.zip {
                line(format!("zip: {}", z.display()));
            }
        }
        line(format!(
            "{} files ({} index rows), {} in {:.1} s; index: index.csv; cover letter: {}",
            report.files,
            report.rows.len(),
            human_bytes(report.bytes),
            seconds,
            report.cover_letter.as_deref().unwrap_or("none placed")
        ));
        for f in &report.findings {
            line(format!("{} [{}] {}", f.severity.as_str(), f.rule, f.message));
        }
        if let Some(validation) = &report.validation {
            print_validation(&validation.problems, validate, "validation (our PDF rules for Hong Kong, which publishes none):");
        }
        if let Some(verdict) = &report.verdict {
            crate::validate::print_verdict(verdict);
        }
    }
    let warned = report.findings.iter().any(|f| f.severity >= Severity::Warning);
    Ok(outcome(warned, report.verdict.as_ref(), validate))
}

pub fn sequences(project: &Project, app: &str, json: bool) -> anyhow::Result<Outcome> {
    let rows = dossier_api::sequences(project, app)?;
    if json {
        output::json(&rows)?;
    } else if rows.is_empty() {
        line(format!("no sequence built yet for {app}: dossier build --app {app}"));
    } else {
        let cells: Vec<Vec<String>> = rows
            .iter()
            .map(|r| {
                vec![
                    r.number.clone(),
                    r.kind.clone(),
                    r.region.clone(),
                    r.new.to_string(),
                    r.replaced.to_string(),
                    r.deleted.to_string(),
                    r.built_at.clone(),
                    r.folder.clone(),
                ]
            })
            .collect();
        table(&["sequence", "kind", "region", "new", "replaced", "deleted", "built", "folder"], &cells);
    }
    Ok(Outcome::Clean)
}

pub fn cumulative(project: &Project, app: &str, json: bool) -> anyhow::Result<Outcome> {
    let leaves = dossier_api::cumulative(project, app)?;
    if json {
        output::json(&leaves)?;
    } else if leaves.is_empty() {
        line(format!("nothing sent yet for {app} (a Hong Kong bundle has no lifecycle): dossier build --app {app}"));
    } else {
        let cells: Vec<Vec<String>> = leaves
            .iter()
            .map(|l| {
                let steps: Vec<String> = l.lifecycle.iter().map(|s| format!("{} {}", s.sequence, s.operation.as_str())).collect();
                let file = l.href.as_deref().map(|h| format!("{}/{h}", l.sequence)).unwrap_or_default();
                // The instance of a repeated heading it sits under (5.3.5 per indication…).
                let short = |s: String| match s.char_indices().nth(40) {
                    Some((cut, _)) => format!("{}…", &s[..cut]),
                    None => s,
                };
                let section = match l.instances.iter().cloned().map(short).collect::<Vec<_>>() {
                    named if named.is_empty() => l.section.clone(),
                    named => format!("{} ({})", l.section, named.join("; ")),
                };
                vec![section, l.title.clone(), steps.join(" → "), file]
            })
            .collect();
        table(&["section", "title", "lifecycle", "file"], &cells);
        line(format!("{} leaves current", leaves.len()));
    }
    Ok(Outcome::Clean)
}

pub fn envelope(project: &mut Project, app: &str, set: Option<PathBuf>, json: bool) -> anyhow::Result<Outcome> {
    let envelope = match set {
        Some(file) => dossier_api::set_envelope_file(project, app, &file)?,
        None => dossier_api::envelope(project, app)?,
    };
    if json {
        output::json(&envelope)?;
    } else {
        line(toml::to_string_pretty(&envelope)?.trim_end());
    }
    Ok(Outcome::Clean)
}

pub fn util(project: &Project, cmd: UtilCommand, json: bool) -> anyhow::Result<Outcome> {
    match cmd {
        UtilCommand::Add { file } => {
            let added = dossier_api::add_util_file(project, &file)?;
            if json {
                output::json(&added)?;
            } else {
                line(format!("installed {} (MD5 {}) at {}", added.file, added.md5, added.installed_at.display()));
            }
        }
    }
    Ok(Outcome::Clean)
}
