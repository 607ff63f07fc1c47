//! One function per command: call the api, print the answer.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, anyhow};
use dossier_api::{Actor, DocumentFilter, ImportOptions, ImportReport, Project, SetType};

use crate::args::{AuditCommand, Cli, Command, DocsCommand, FactsCommand, ListArgs};
use crate::output::{self, human_bytes, line, table};

pub enum Outcome {
    Clean,
    Findings,
}

fn actor() -> Actor {
    let user = std::env::var("USER").or_else(|_| std::env::var("USERNAME")).unwrap_or_else(|_| "unknown".into());
    Actor::new(format!("{user} (cli)"))
}

fn open(cli_project: Option<&Path>) -> anyhow::Result<Project> {
    let root = cli_project.ok_or_else(|| {
        anyhow!("no project given; pass --project DIR or set DOSSIER_PROJECT (create one with `dossier init DIR`)")
    })?;
    Ok(Project::open(root, actor())?)
}

pub fn run(cli: Cli) -> anyhow::Result<Outcome> {
    let json = cli.json;
    match cli.command {
        Command::Init { dir, from } => init(&dir, from.as_deref(), json),
        Command::Info => info(&open(cli.project.as_deref())?, json),
        Command::Import { paths } => import(&mut open(cli.project.as_deref())?, &paths, json),
        Command::ImportEctd(args) => crate::import_ectd::run(&mut open(cli.project.as_deref())?, args, json),
        Command::Docs(cmd) => docs(&mut open(cli.project.as_deref())?, cmd, json),
        Command::Facts(cmd) => facts(&mut open(cli.project.as_deref())?, cmd, json),
        Command::Types => types(json),
        Command::Audit(cmd) => audit(&open(cli.project.as_deref())?, cmd, json),
        Command::App(crate::apps::AppCommand::Profiles) => crate::apps::profiles(json),
        Command::App(cmd) => crate::apps::run(&mut open(cli.project.as_deref())?, cmd, json),
        Command::Gaps { app, csv } => crate::analysis::gaps(&open(cli.project.as_deref())?, app.as_deref(), json, csv),
        Command::Matrix { csv } => crate::analysis::matrix(&open(cli.project.as_deref())?, json, csv),
        Command::Route { region } => crate::analysis::route(&open(cli.project.as_deref())?, region, json),
        Command::Templates { dir } => templates(dir.as_deref(), json),
        Command::Verify => verify(cli.project.as_deref(), json),
        Command::Dev(cmd) => crate::dev::run(cmd, json),
        Command::Build(args) => crate::build::build(&mut open(cli.project.as_deref())?, args, json),
        Command::Plan(args) => crate::plan::run(&mut open(cli.project.as_deref())?, args, json),
        Command::Sequences { app, cumulative: false } => crate::build::sequences(&open(cli.project.as_deref())?, &app, json),
        Command::Sequences { app, cumulative: true } => crate::build::cumulative(&open(cli.project.as_deref())?, &app, json),
        Command::Envelope { app, set } => crate::build::envelope(&mut open(cli.project.as_deref())?, &app, set, json),
        Command::Validate { path, region, csv } => crate::validate::validate(&path, region, json, csv),
        Command::Util(cmd) => crate::build::util(&open(cli.project.as_deref())?, cmd, json),
        Command::Report(cmd) => crate::report::run(&mut open(cli.project.as_deref())?, cmd, json),
    }
}


fn init(dir: &Path, from: Option<&Path>, json: bool) -> anyhow::Result<Outcome> {
    let started = Instant::now();
    let (bar, mut sink) = output::progress_bar(json, "files, {bytes_per_sec}");
    let (project, report) = dossier_api::init_project(dir, from, actor(), &mut sink)
        .with_context(|| format!("while creating the project {}", dir.display()))?;
    bar.finish_and_clear();
    if json {
        output::json(&serde_json::json!({ "project": dir, "report": report }))?;
    } else {
        line(format!("created project {}", dir.display()));
        if let Some(import) = &report.import {
            print_import(import, started.elapsed().as_secs_f64());
        }
        if let Some(facts) = &report.facts {
            line(format!(
                "facts: {} studies, {} approvals, {} documents described",
                facts.studies, facts.approvals, facts.documents_described
            ));
        }
        line(format!("next: dossier --project {} docs list", dir.display()));
    }
    drop(project);
    Ok(Outcome::Clean)
}

fn info(project: &Project, json: bool) -> anyhow::Result<Outcome> {
    let s = dossier_api::project_summary(project)?;
    if json {
        output::json(&s)?;
    } else {
        line(format!("project     {} ({})", s.info.name, s.path.display()));
        line(format!("product     {}", s.inn.as_deref().unwrap_or("(no facts yet: dossier facts import FILE)")));
        line(format!("documents   {} ({})", s.info.documents, human_bytes(s.info.total_bytes)));
        line(format!("  to review {} (low-confidence type or section: dossier docs list --review)", s.documents_to_review));
        line(format!("  findings  {} documents carry findings", s.documents_with_findings));
        line(format!("studies     {}", s.info.studies));
        line(format!("approvals   {}", s.info.approvals));
        line(format!("applications {}", s.info.applications));
        line(format!("schema      {}", s.info.schema_version));
    }
    Ok(Outcome::Clean)
}

fn import(project: &mut Project, paths: &[PathBuf], json: bool) -> anyhow::Result<Outcome> {
    let started = Instant::now();
    let (bar, mut sink) = output::progress_bar(json, "files, {bytes_per_sec}");
    let report = dossier_api::import_paths(project, paths, &ImportOptions::default(), &mut sink)?;
    bar.finish_and_clear();
    if json {
        output::json(&report)?;
    } else {
        print_import(&report, started.elapsed().as_secs_f64());
    }
    // A file left out because it could not be read as it was is the person's to fix (README:
    // 1 is "not clean"); hidden files, links and special files are left out by design.
    Ok(if report.is_clean() { Outcome::Clean } else { Outcome::Findings })
}

fn print_import(r: &ImportReport, seconds: f64) {
    line(format!(
        "imported {} new, {} already known, of {} files ({}) in {:.1} s — {:.0} MB/s",
        r.imported,
        r.already_known,
        r.files_seen,
        human_bytes(r.bytes),
        seconds,
        r.bytes as f64 / 1e6 / seconds.max(1e-9)
    ));
    if r.with_findings > 0 {
        line(format!("{} documents carry findings: dossier docs list (column F) and docs show DOC", r.with_findings));
    }
    for s in &r.skipped {
        line(format!("skipped {}: {}", s.path, s.reason));
    }
}

fn docs(project: &mut Project, cmd: DocsCommand, json: bool) -> anyhow::Result<Outcome> {
    match cmd {
        DocsCommand::List(args) => list(project, &args, json),
        DocsCommand::Show { doc } => {
            let d = dossier_api::show_document(project, &doc)?;
            if json {
                output::json(&d)?;
            } else {
                let doc = &d.document;
                let row = dossier_api::DocumentRow::from(doc);
                line(format!("{}  {}", doc.id, doc.source_path));
                line(format!("  size      {} ({} bytes), version {}", human_bytes(doc.size), doc.size, doc.version));
                line(format!("  sha256    {}", doc.sha256));
                line(format!("  md5       {}", doc.md5));
                line(format!(
                    "  type      {} {}",
                    doc.classification.doc_type.as_deref().unwrap_or("(unknown)"),
                    d.doc_type_title.as_deref().map(|t| format!("— {t}")).unwrap_or_default()
                ));
                line(format!(
                    "  section   {} {}",
                    doc.classification.section.as_deref().unwrap_or("(unknown)"),
                    d.section_title.as_deref().map(|t| format!("— {t}")).unwrap_or_default()
                ));
                line(format!(
                    "  by        {} (confidence {:.2}){}",
                    doc.classification.origin.as_str(),
                    doc.classification.confidence,
                    if d.needs_review { ", worth a review" } else { "" }
                ));
                line(format!("  language  {}", doc.language.as_deref().unwrap_or("(unknown)")));
                if let Some(pdf) = &doc.pdf {
                    line(format!(
                        "  pdf       version {}, {} pages, encrypted {}, bookmarks {}",
                        pdf.effective_version().unwrap_or("?"),
                        pdf.pages.map_or("?".into(), |p| p.to_string()),
                        pdf.encrypted,
                        pdf.has_bookmarks
                    ));
                }
                for (label, value) in [
                    ("study", row.study.clone()),
                    ("expires", row.expires.clone()),
                    ("substance", row.scope.substance.clone()),
                    ("maker", row.scope.manufacturer.clone()),
                    ("form", row.scope.dosage_form.clone()),
                    ("indication", row.scope.indication.clone()),
                    ("excipient", row.scope.excipient.clone()),
                ] {
                    if let Some(v) = value {
                        line(format!("  {label:<9} {v}"));
                    }
                }
                for f in &doc.findings {
                    line(format!("  {} [{}] {}", f.severity.as_str(), f.rule, f.message));
                }
            }
            Ok(Outcome::Clean)
        }
        DocsCommand::SetType { doc, doc_type, section, language } => {
            let row = dossier_api::set_document_type(project, &doc, &SetType { doc_type, section, language })?;
            if json {
                output::json(&row)?;
            } else {
                line(format!(
                    "{} is now {} in {}",
                    row.id,
                    row.doc_type.as_deref().unwrap_or("?"),
                    row.section.as_deref().unwrap_or("(no section)")
                ));
            }
            Ok(Outcome::Clean)
        }
        DocsCommand::Scope { doc, substance, manufacturer, dosage_form, indication, excipient } => {
            let change = dossier_api::SetScope { substance, manufacturer, dosage_form, indication, excipient };
            let changing = [&change.substance, &change.manufacturer, &change.dosage_form, &change.indication, &change.excipient]
                .iter()
                .any(|v| v.is_some());
            if changing {
                dossier_api::set_document_scope(project, &doc, &change)?;
            }
            let fields = dossier_api::scope_fields(project, &doc)?;
            if json {
                output::json(&fields)?;
                return Ok(Outcome::Clean);
            }
            if fields.is_empty() {
                line(format!(
                    "{doc}: nothing to choose — its sections do not repeat, or the product facts record no drug substance manufacturer, dosage form, excipient or indication for them"
                ));
            }
            for f in &fields {
                let value = f.value.as_deref().unwrap_or("(not stated)");
                let note = if f.needed { "  — several are recorded: set one with --".to_owned() + &f.field.replace('_', "-") } else { String::new() };
                line(format!("  {:<12} {value}{note}", f.field));
                for o in &f.options {
                    line(format!("  {:<12}   · {o}", ""));
                }
            }
            Ok(Outcome::Clean)
        }
    }
}

fn list(project: &Project, args: &ListArgs, json: bool) -> anyhow::Result<Outcome> {
    let filter = DocumentFilter {
        doc_type: args.doc_type.clone(),
        section: args.section.clone(),
        language: args.language.clone(),
        confidence_below: args.review.then_some(0.5),
        study: args.study.clone(),
    };
    let rows = dossier_api::list_documents(project, &filter)?;
    let rows: Vec<_> = if args.review { rows.into_iter().filter(|r| r.needs_review).collect() } else { rows };
    if json {
        output::json(&rows)?;
        return Ok(Outcome::Clean);
    }
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                r.id.to_string(),
                r.doc_type.clone().unwrap_or_else(|| "?".into()),
                r.section.clone().unwrap_or_else(|| "?".into()),
                format!("{:.2}", r.confidence),
                r.language.clone().unwrap_or_default(),
                r.pdf_version.clone().unwrap_or_default(),
                r.pages.map(|p| p.to_string()).unwrap_or_default(),
                if r.findings.is_empty() { String::new() } else { r.findings.len().to_string() },
                r.path.clone(),
            ]
        })
        .collect();
    table(&["ID", "TYPE", "SECTION", "CONF", "LANG", "PDF", "PAGES", "F", "PATH"], &cells);
    line(format!("{} documents", rows.len()));
    Ok(Outcome::Clean)
}

fn facts(project: &mut Project, cmd: FactsCommand, json: bool) -> anyhow::Result<Outcome> {
    match cmd {
        FactsCommand::Export { out, force } => {
            let text = dossier_api::export_facts(project)?;
            match out {
                Some(path) => dossier_api::write_output(&path, text.as_bytes(), force)?,
                None => {
                    #[allow(clippy::print_stdout)]
                    {
                        print!("{text}");
                    }
                }
            }
        }
        FactsCommand::Import { file } => {
            let report = dossier_api::import_facts_file(project, &file)?;
            if json {
                output::json(&report)?;
            } else {
                line(format!(
                    "facts imported: {} studies, {} approvals, {} documents described",
                    report.studies, report.approvals, report.documents_described
                ));
            }
        }
    }
    Ok(Outcome::Clean)
}

fn types(json: bool) -> anyhow::Result<Outcome> {
    let types = dossier_api::document_types();
    if json {
        output::json(&types)?;
    } else {
        let rows: Vec<Vec<String>> = types.iter().map(|t| vec![t.id.clone(), t.sections.join(" "), t.title.clone()]).collect();
        table(&["TYPE", "SECTIONS", "TITLE"], &rows);
    }
    Ok(Outcome::Clean)
}

fn verify(root: Option<&Path>, json: bool) -> anyhow::Result<Outcome> {
    let root = root.ok_or_else(|| anyhow!("no project given; pass --project DIR or set DOSSIER_PROJECT"))?;
    let report = dossier_api::verify_folder(root, actor())?;
    if json {
        output::json(&report)?;
    } else {
        for p in &report.problems {
            line(format!("problem: {p}"));
        }
        if let Some(at) = &report.rows_baseline {
            line(format!("rows checked against the audit trail since {at} (this store predates row recording; earlier changes cannot be checked)"));
        }
        line(format!(
            "{} documents, {} stored files checked: {}",
            report.documents,
            report.blobs_checked,
            if report.is_clean() { "the project is whole" } else { "problems found" }
        ));
    }
    Ok(if report.is_clean() { Outcome::Clean } else { Outcome::Findings })
}

fn templates(dir: Option<&Path>, json: bool) -> anyhow::Result<Outcome> {
    let diagnostics = dossier_api::check_templates(dir);
    if json {
        output::json(&diagnostics)?;
    } else if diagnostics.is_empty() {
        line("templates: no problems");
    } else {
        for d in &diagnostics {
            line(d);
        }
        line(format!("{} problems", diagnostics.len()));
    }
    Ok(if diagnostics.is_empty() { Outcome::Clean } else { Outcome::Findings })
}

fn audit(project: &Project, cmd: AuditCommand, json: bool) -> anyhow::Result<Outcome> {
    match cmd {
        AuditCommand::Log { limit } => {
            let log = dossier_api::audit_log(project, limit)?;
            if json {
                output::json(&log)?;
            } else {
                let rows: Vec<Vec<String>> = log
                    .iter()
                    .map(|r| vec![r.seq.to_string(), r.at.clone(), r.actor.clone(), r.action.clone(), r.subject.clone()])
                    .collect();
                table(&["SEQ", "AT", "WHO", "WHAT", "SUBJECT"], &rows);
            }
            Ok(Outcome::Clean)
        }
        AuditCommand::Verify => {
            let broken = dossier_api::audit_verify(project)?;
            let head = dossier_api::audit_head(project)?;
            if json {
                output::json(&serde_json::json!({ "intact": broken.is_none(), "break": broken, "head": head }))?;
            }
            match broken {
                None => {
                    if !json {
                        line("audit trail intact");
                        if let Some(h) = head {
                            // Kept elsewhere, this line proves later that no record up to it was rewritten.
                            line(format!("head: record {} hash {}", h.seq, h.hash));
                        }
                    }
                    Ok(Outcome::Clean)
                }
                Some(b) => {
                    if !json {
                        line(format!("audit trail broken at record {}: {}", b.seq, b.reason));
                    }
                    Ok(Outcome::Findings)
                }
            }
        }
    }
}
