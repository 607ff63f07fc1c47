//! Generated documents: the consultant's gap report (PDF, CSV, JSON) and cover letters.
//!
//! The date is an option so scripts and tests get the same bytes on every run; by default it is
//! today, and the analysis uses the same date (a report dated D shows what was true on D).
//! Files go through the output rule and its one writer (`paths.rs`): never into a project's
//! own files, never over an existing file unless `replace`, a temp file renamed when complete.

use std::path::{Path, PathBuf};

use dossier_report::{FontPaths, GapReport, GapReportInput, Lang};
use dossier_rules::Templates;
use serde::Serialize;
use time::Date;

use crate::{ApiError, ErrorCode, Project, Result};

impl From<dossier_report::Error> for ApiError {
    fn from(e: dossier_report::Error) -> Self {
        use dossier_report::Error as E;
        let code = match &e {
            // The font is a file the program reads; the message names the package to install.
            E::Font(_) => ErrorCode::Io,
            E::Input(_) => ErrorCode::Invalid,
            E::Template { .. } | E::Pdf(_) => ErrorCode::Internal,
        };
        ApiError::new(code, e.to_string())
    }
}

#[derive(Debug, Clone, Default)]
pub struct GapReportOptions {
    /// One application; every application when `None`.
    pub app: Option<String>,
    pub lang: Lang,
    /// The report and analysis date; today when `None`.
    pub date: Option<Date>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ReportFormat {
    Pdf,
    Csv,
    Json,
}

/// What was written.
#[derive(Debug, Clone, Serialize)]
pub struct ReportWritten {
    pub path: PathBuf,
    pub format: ReportFormat,
    pub bytes: u64,
    /// Pages of a PDF.
    pub pages: Option<usize>,
}

fn dated_snapshot(project: &Project, date: Option<Date>) -> Result<dossier_rules::Snapshot> {
    let mut snap = crate::snapshot(project)?;
    if let Some(d) = date {
        snap.today = d;
    }
    Ok(snap)
}

/// The gap report's content (what `--json` prints and the PDF and CSV show).
pub fn gap_report(project: &Project, options: &GapReportOptions) -> Result<GapReport> {
    let templates = Templates::embedded();
    let snap = dated_snapshot(project, options.date)?;
    if let Some(id) = options.app.as_ref().filter(|id| !snap.applications.iter().any(|a| a.id == **id)) {
        return Err(ApiError::new(ErrorCode::NotFound, format!("application `{id}` does not exist; `dossier app list` shows them")));
    }
    let all = dossier_rules::analyse(templates, &snap);
    let matrix = dossier_rules::reuse_matrix(&snap.documents, &all);
    let analyses: Vec<_> = all.into_iter().filter(|a| options.app.as_ref().is_none_or(|id| a.application == *id)).collect();
    // The Hong Kong route verdict belongs in a report on every application, or on the Hong
    // Kong one; a report on the FDA application alone has no use for it.
    let hk = templates.profiles.all().find(|p| p.header.region == "hk" && !p.routes.is_empty());
    let wants_routes = options.app.is_none() || analyses.iter().any(|a| hk.is_some_and(|p| p.id() == a.profile));
    let hk_app = hk.and_then(|p| snap.applications.iter().find(|a| a.profile == p.id()));
    let routes = match hk.filter(|_| wants_routes) {
        Some(p) => dossier_rules::evaluate_routes(templates, &snap, p, hk_app),
        None => vec![],
    };
    let head = project.store.audit_head()?.map(|h| dossier_report::AuditHead { record: h.seq, hash: h.hash });
    let builds = analyses.iter().map(|a| last_build(project, &a.application)).collect::<Result<Vec<_>>>()?;
    let builds: Vec<_> = builds.into_iter().flatten().collect();
    let input = GapReportInput {
        builds: &builds,
        templates,
        facts: &snap.facts,
        analyses: &analyses,
        hk_routes: (hk.is_some() && wants_routes).then_some((hk_app.map(|a| a.id.as_str()), routes.as_slice())),
        matrix: &matrix,
        lang: options.lang,
        date: snap.today,
        audit_head: head.as_ref(),
    };
    Ok(dossier_report::gap_report(&input)?)
}

/// The verdict of the last sequence built (or imported) for `app`, read from its folder by the
/// one validator — what the build said of it, or what has changed in the folder since. None
/// before the first sequence, or when its folder is gone.
fn last_build(project: &Project, app: &str) -> Result<Option<dossier_report::BuildVerdict>> {
    let Some(last) = project.store.sequences(app)?.into_iter().max_by(|a, b| a.number.cmp(&b.number)) else { return Ok(None) };
    let folder = project.root().join(&last.folder);
    let region = dossier_package::Region::parse(&last.region);
    let Ok(reports) = dossier_package::validate::validate_path(&folder, region) else { return Ok(None) };
    let v = dossier_package::validate::Verdict::of_reports(&reports);
    Ok(Some(dossier_report::BuildVerdict {
        application: app.to_owned(),
        sequence: last.number,
        errors: v.errors,
        warnings: v.warnings,
        notes: v.notes,
        rejecting: v.rejecting,
        would_be_rejected: v.would_be_rejected,
    }))
}

/// Writes the gap report to `out` as a PDF, CSV or JSON file; an existing `out` only when
/// `replace`.
pub fn write_gap_report(
    project: &Project,
    options: &GapReportOptions,
    format: ReportFormat,
    out: &Path,
    replace: bool,
) -> Result<ReportWritten> {
    // Checked before the work, so a refused path costs nothing (and says so at once).
    crate::paths::check_output_file(out, replace)?;
    let report = gap_report(project, options)?;
    let (bytes, pages) = match format {
        ReportFormat::Pdf => {
            let pdf = dossier_report::gap_report_pdf(&report, &FontPaths::default())?;
            (pdf.bytes, Some(pdf.pages))
        }
        ReportFormat::Csv => (dossier_report::gap_report_csv(&report).into_bytes(), None),
        ReportFormat::Json => (dossier_report::gap_report_json(&report), None),
    };
    crate::paths::write_output(out, &bytes, replace)?;
    Ok(ReportWritten { path: out.to_path_buf(), format, bytes: bytes.len() as u64, pages })
}

/// Writes the cover letter of application `app` to `out` (wording from `templates/letters/`);
/// an existing `out` only when `replace`.
pub fn write_cover_letter(project: &Project, app: &str, date: Option<Date>, out: &Path, replace: bool) -> Result<ReportWritten> {
    crate::paths::check_output_file(out, replace)?;
    let pdf = render_cover_letter(project, app, date)?;
    crate::paths::write_output(out, &pdf.bytes, replace)?;
    Ok(ReportWritten { path: out.to_path_buf(), format: ReportFormat::Pdf, bytes: pdf.bytes.len() as u64, pages: Some(pdf.pages) })
}

/// The cover letter of application `app`, dated `date` (today when `None`).
pub(crate) fn render_cover_letter(project: &Project, app: &str, date: Option<Date>) -> Result<dossier_report::Pdf> {
    let templates = Templates::embedded();
    let snap = dated_snapshot(project, date)?;
    let application = snap.applications.iter().find(|a| a.id == app).ok_or_else(|| {
        ApiError::new(ErrorCode::NotFound, format!("application `{app}` does not exist; `dossier app list` shows them"))
    })?;
    let profile = templates.profiles.get(&application.profile).ok_or_else(|| {
        ApiError::invalid(format!("application `{app}` names profile `{}`, which is not built in", application.profile))
    })?;
    let input = dossier_report::LetterInput { profile, application, facts: &snap.facts, date: snap.today };
    Ok(dossier_report::cover_letter(&input, &FontPaths::default())?)
}
