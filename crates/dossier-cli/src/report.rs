//! `dossier report gaps` and `dossier report letter`: generated documents written to a file.

use std::path::PathBuf;

use anyhow::{Context, bail};
use clap::{Args, Subcommand, ValueEnum};
use dossier_api::{GapReportOptions, Lang, Project, ReportFormat, ReportWritten};

use crate::output::{self, line};
use crate::run::Outcome;

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// The consultant's gap report: readiness chart, Hong Kong routes, findings with rule,
    /// source and action, reused documents, sources. PDF by default; --csv or --json write
    /// the same content as CSV or JSON.
    Gaps(GapsArgs),
    /// The cover letter of one application (说明函 for NMPA), worded by templates/letters/.
    Letter(LetterArgs),
}

#[derive(Debug, Args)]
pub struct GapsArgs {
    /// The file to write.
    #[arg(long)]
    pub out: PathBuf,
    /// Report on one application.
    #[arg(long, conflicts_with = "all")]
    pub app: Option<String>,
    /// Report on every application (the default).
    #[arg(long)]
    pub all: bool,
    #[arg(long, value_enum, default_value_t = LangArg::En)]
    pub lang: LangArg,
    /// Write CSV instead of PDF. (The global --json writes the report's content as JSON.)
    #[arg(long)]
    pub csv: bool,
    /// The report date (YYYY-MM-DD), for reproducible output; today by default.
    #[arg(long)]
    pub date: Option<String>,
    /// Replace the --out file if it exists.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct LetterArgs {
    #[arg(long)]
    pub app: String,
    /// Write the PDF here.
    #[arg(long, required_unless_present = "file")]
    pub out: Option<PathBuf>,
    /// File the letter in the project on the application's cover-letter item (the next build
    /// sends it; a letter generated earlier leaves the item).
    #[arg(long)]
    pub file: bool,
    /// The letter date (YYYY-MM-DD); today by default.
    #[arg(long)]
    pub date: Option<String>,
    /// Replace the --out file if it exists.
    #[arg(long, requires = "out")]
    pub force: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum LangArg {
    #[value(name = "en")]
    En,
    #[value(name = "zh-Hans")]
    ZhHans,
    #[value(name = "zh-Hant")]
    ZhHant,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::En => Lang::En,
            LangArg::ZhHans => Lang::ZhHans,
            LangArg::ZhHant => Lang::ZhHant,
        }
    }
}

fn date(arg: Option<&str>) -> anyhow::Result<Option<time::Date>> {
    arg.map(|d| dossier_model::day::parse(d).with_context(|| format!("--date {d}: expected YYYY-MM-DD"))).transpose()
}

pub fn run(project: &mut Project, cmd: ReportCommand, json: bool) -> anyhow::Result<Outcome> {
    let written = match cmd {
        ReportCommand::Gaps(a) => {
            if a.all && a.app.is_some() {
                bail!("--all and --app exclude each other");
            }
            let format = if a.csv {
                ReportFormat::Csv
            } else if json {
                ReportFormat::Json
            } else {
                ReportFormat::Pdf
            };
            let options = GapReportOptions { app: a.app, lang: a.lang.into(), date: date(a.date.as_deref())? };
            dossier_api::write_gap_report(project, &options, format, &a.out, a.force)
                .with_context(|| format!("while writing the gap report {}", a.out.display()))?
        }
        ReportCommand::Letter(a) => {
            let date = date(a.date.as_deref())?;
            if a.file {
                let filed = dossier_api::attach_cover_letter(project, &a.app, date)
                    .with_context(|| format!("while filing the cover letter of `{}`", a.app))?;
                if json && a.out.is_none() {
                    output::json(&filed)?;
                } else if !json {
                    line(format!(
                        "filed {} ({}, {} page(s)) on {} ({}) of {}",
                        filed.path, filed.document, filed.pages, filed.item, filed.section, filed.application
                    ));
                }
            }
            let Some(out) = a.out else { return Ok(Outcome::Clean) };
            dossier_api::write_cover_letter(project, &a.app, date, &out, a.force)
                .with_context(|| format!("while writing the cover letter {}", out.display()))?
        }
    };
    print(&written, json)?;
    Ok(Outcome::Clean)
}

fn print(w: &ReportWritten, json: bool) -> anyhow::Result<()> {
    if json {
        return output::json(w);
    }
    let pages = w.pages.map(|p| format!(", {p} page{}", if p == 1 { "" } else { "s" })).unwrap_or_default();
    line(format!("wrote {} ({}{pages})", w.path.display(), output::human_bytes(w.bytes)));
    Ok(())
}
