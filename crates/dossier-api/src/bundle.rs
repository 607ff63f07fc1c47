//! Building the Hong Kong CTD bundle of an application (profile format `hk-ctd`): the same
//! `dossier build`, a different package. Placements come from the rules' mapping, exactly as
//! for eCTD; the pure planner in `dossier_package::hk` names the files; the writer builds a temp
//! folder and renames it; the bundle and its index rows are recorded in the store.

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::path::Path;
use std::sync::atomic::AtomicBool;

use dossier_model::{Document, DocumentId, Finding, Severity};
use dossier_package::hk::{self, BundleInput, BundleSource, Heading, IndexRow, ItemRef};
use dossier_rules::{Format, Profile, Templates};
use dossier_store::{BundleFile, BundleRecord, DocumentFilter};
use serde::Serialize;

use crate::build::{BuildOptions, package_error, relative_to};
use crate::{ApiError, Progress, ProgressSink, Project, Result};

/// The document type whose placement is the application's cover letter.
const COVER_LETTER: &str = "cover-letter";

/// What an application is packaged as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PackageKind {
    /// An eCTD v3.2.2 sequence (`dossier_api::build`).
    EctdSequence,
    /// A CTD-structured folder with an index (`dossier_api::build_bundle`).
    CtdBundle,
}

/// Whether `app_id` builds eCTD sequences or CTD bundles.
pub fn package_kind(project: &Project, app_id: &str) -> Result<PackageKind> {
    let app = project.store.application(app_id)?;
    let profile = profile_of(&app.profile, app_id)?;
    Ok(match profile.header.format {
        Format::HkCtd => PackageKind::CtdBundle,
        _ => PackageKind::EctdSequence,
    })
}

/// What a bundle build did (or, for a dry run, would do).
#[derive(Debug, Clone, Serialize)]
pub struct BundleReport {
    pub application: String,
    pub profile: String,
    pub number: String,
    pub dry_run: bool,
    pub folder: Option<std::path::PathBuf>,
    pub zip: Option<std::path::PathBuf>,
    /// Files written, `index.csv` included (planned files for a dry run).
    pub files: u64,
    pub bytes: u64,
    /// Path of the cover letter in the bundle, when one is placed.
    pub cover_letter: Option<String>,
    /// Renames and conflicts (info), and what stops the build (errors).
    pub findings: Vec<Finding>,
    /// The index: one row per file and checklist item.
    pub rows: Vec<IndexRow>,
    /// Our PDF rules for Hong Kong run on every PDF of the bundle (`DB-HK-PDF-…`); none for a
    /// dry run.
    pub validation: Option<hk::pdf::BundleChecks>,
    /// Its sum, as a sequence's build shows it.
    pub verdict: Option<dossier_package::validate::Verdict>,
}

/// Builds the next CTD bundle of `app_id` under `<out>/<app>/NNNN` (and `NNNN.zip`).
pub fn build_bundle(
    project: &mut Project,
    app_id: &str,
    opts: &BuildOptions,
    progress: ProgressSink<'_>,
    cancel: Option<&AtomicBool>,
) -> Result<BundleReport> {
    let templates = Templates::embedded();
    let app = project.store.application(app_id)?;
    crate::paths::check_build(project, opts)?;
    let profile = profile_of(&app.profile, app_id)?;
    if profile.header.format != Format::HkCtd {
        return Err(ApiError::invalid(format!(
            "application `{app_id}` is an eCTD filing ({}); build it as a sequence with `dossier build --app {app_id}`",
            app.profile
        )));
    }
    if opts.withdrawal {
        return Err(ApiError::invalid(format!(
            "`{app_id}` is a CTD bundle uploaded per document; there is no withdrawal sequence — withdraw through the DoH portal"
        )));
    }
    let number = project.store.bundles(app_id)?.iter().filter_map(|b| b.number.parse::<u32>().ok()).max().map_or(0, |n| n + 1);
    let m1: Vec<Heading> = profile
        .m1
        .iter()
        .map(|n| Heading {
            code: n.code.strip_prefix("hk:").unwrap_or(&n.code).to_owned(),
            title: n.title.clone(),
            parent: n.parent.clone(),
        })
        .collect();
    let (sources, heading_findings) = sources(project, app_id, profile)?;
    let input = BundleInput { number, ctd: &templates.ctd, m1: &m1, route: app.route.clone(), sources };
    let mut plan = hk::plan(&input);
    let mut generated_findings = Vec::new();
    if !opts.dry_run && !plan.has_errors() {
        generated_findings = add_generated_files(project, app_id, profile, &mut plan)?;
    }
    let mut report = BundleReport {
        application: app_id.to_owned(),
        profile: app.profile.clone(),
        number: plan.number.clone(),
        dry_run: opts.dry_run,
        folder: None,
        zip: None,
        files: plan.files.len() as u64,
        bytes: plan.bytes(),
        cover_letter: plan.cover_letter().map(str::to_owned),
        findings: heading_findings.into_iter().chain(plan.findings.iter().cloned()).chain(generated_findings).collect(),
        rows: plan.rows.clone(),
        validation: None,
        verdict: None,
    };
    if opts.dry_run {
        return Ok(report);
    }
    if plan.has_errors() {
        return Err(ApiError::blocked(&format!("bundle {} of `{app_id}`", plan.number), &plan.findings));
    }
    let csv = hk::index::render_csv(&plan.rows);
    let app_dir = opts.out.clone().unwrap_or_else(|| project.root().join(dossier_store::BUILDS_DIR)).join(app_id);
    let mut sink = |p: &dossier_package::WriteProgress| {
        progress(&Progress {
            phase: "build",
            done: p.done,
            total: p.total,
            bytes_done: p.bytes_done,
            bytes_total: p.bytes_total,
            item: p.item.clone(),
        })
    };
    let written = hk::write::write_bundle(&plan, &csv, &app_dir, cancel, &mut sink).map_err(|e| {
        let placed = |blob: &Path| {
            let file = plan.files.iter().find(|f| f.blob == blob)?;
            let row = plan.rows.iter().find(|r| r.path == file.path)?;
            Some((row.document.clone(), row.section.clone()))
        };
        crate::build::write_error(project, &format!("bundle {} of `{app_id}`", plan.number), &placed, e)
    })?;
    let undo = |e: ApiError| {
        let _ = fs::remove_dir_all(&written.folder);
        e
    };
    if opts.zip {
        let dest = dossier_package::zip::zip_path_for(&written.folder);
        dossier_package::zip::zip_folder(&written.folder, &plan.number, &dest).map_err(package_error).map_err(undo)?;
        report.zip = Some(dest);
    }
    let record = BundleRecord {
        application: app_id.to_owned(),
        number: plan.number.clone(),
        format: "hk-ctd".to_owned(),
        folder: relative_to(&written.folder, project.root()),
        index_md5: written.index_md5.clone(),
        built_at: String::new(),
    };
    // Generated files (contents, letter) are no project documents: the folder and index hold them.
    let rows: Vec<BundleFile> = plan
        .rows
        .iter()
        .filter(|r| !r.document.is_empty())
        .map(|r| BundleFile {
            bundle: plan.number.clone(),
            path: r.path.clone(),
            item: r.item.clone(),
            item_title: r.item_title.clone(),
            section: r.section.clone(),
            section_title: r.section_title.clone(),
            route: r.route.clone(),
            document: r.document.clone(),
            title: r.title.clone(),
            sha256: r.sha256.clone(),
            md5: r.md5.clone(),
            size: r.size,
            role: r.role.clone(),
        })
        .collect();
    if let Err(e) = project.store.with_tx(&project.actor, |tx| tx.record_bundle(&record, &rows)) {
        if let Some(z) = &report.zip {
            let _ = fs::remove_file(z);
        }
        return Err(undo(e.into()));
    }
    // Read after the rename: a bundle is refused for nothing the reviewer can still read (Hong
    // Kong publishes no rejection criteria); what these find is the verdict.
    let checks = hk::pdf::check(&written.folder, plan.files.iter().map(|f| f.path.as_str()));
    report.verdict = Some(checks.verdict());
    report.validation = Some(checks);
    report.folder = Some(written.folder);
    report.files = written.files;
    report.bytes = written.bytes;
    Ok(report)
}

/// The bundle's generated files at its root: a cover letter when none is placed (English, from
/// the facts and `templates/letters/hk.toml`), and the table of contents of every file with its
/// section, title and pages (a CTD dossier on paper carries one; the bundle is its successor).
fn add_generated_files(project: &Project, app_id: &str, profile: &Profile, plan: &mut hk::BundlePlan) -> Result<Vec<Finding>> {
    let blobs = project.store.blobs()?;
    let store = |bytes: &[u8], name: &str, title: String, role: &str| -> Result<hk::GeneratedFile> {
        let info = blobs.ingest(&mut &bytes[..], std::path::Path::new(name))?;
        Ok(hk::GeneratedFile {
            name: name.to_owned(),
            title,
            role: role.to_owned(),
            document: None,
            blob: blobs.path_of(&info.sha256),
            sha256: info.sha256,
            md5: info.md5,
            size: info.size,
        })
    };
    let mut findings = Vec::new();
    if plan.cover_letter().is_none() {
        // The profile has no cover-letter item (DoH publishes none); a letter the user made for
        // Hong Kong (type cover-letter, filed under an `hk` Module 1) still opens the bundle.
        match own_letter(project)? {
            Some(doc) => plan.add_generated(hk::GeneratedFile {
                name: "cover-letter.pdf".to_owned(),
                title: doc.title.clone().unwrap_or_else(|| "Cover letter".to_owned()),
                role: COVER_LETTER.to_owned(),
                document: Some(doc.id.to_string()),
                blob: blobs.path_of(&doc.sha256),
                sha256: doc.sha256,
                md5: doc.md5,
                size: doc.size,
            }),
            None => {
                let letter = crate::report::render_cover_letter(project, app_id, Some((project.actor.now)().date()))?;
                plan.add_generated(store(&letter.bytes, "cover-letter.pdf", "Cover letter".to_owned(), COVER_LETTER)?);
                findings.push(Finding::new(
                    "DB-GEN-LETTER",
                    dossier_model::Severity::Info,
                    format!(
                        "no cover letter for Hong Kong is in the project; the bundle carries cover-letter.pdf generated from the facts ({} page(s)) — read it before sending, or import your own letter under m1/hk/ and build again",
                        letter.pages
                    ),
                )
                .coded("letter-generated-hk", [("pages", &letter.pages.to_string())]));
            }
        }
    }
    let pages = crate::generated::page_counts(project)?;
    let mut seen = std::collections::HashSet::new();
    let rows = plan
        .rows
        .iter()
        .filter(|r| seen.insert(r.path.clone()))
        .map(|r| dossier_report::TocRow {
            // A generated letter serves no item; the contents list it first, as Module 1 opens.
            section: if r.section.is_empty() { format!("hk:{}", r.role.clone().unwrap_or_default()) } else { r.section.clone() },
            title: r.title.clone(),
            file: r.path.clone(),
            pages: pages.get(&r.document).copied(),
            operation: String::new(),
        })
        .collect();
    let toc = crate::generated::render_toc(
        project,
        crate::generated::TocInput {
            title: format!("{}, bundle {}", profile.header.title, plan.number),
            subtitle: vec![format!("{} · {} · {app_id}", profile.header.authority, profile.id())],
            lang: dossier_report::Lang::En,
            rows,
        },
    )?;
    plan.add_generated(store(&toc.bytes, "table-of-contents.pdf", "Table of contents".to_owned(), "table-of-contents")?);
    Ok(findings)
}

/// The newest cover letter made for Hong Kong: typed `cover-letter` and classified on, or
/// filed under, an `hk` Module 1.
fn own_letter(project: &Project) -> Result<Option<Document>> {
    let for_hk = |d: &Document| {
        let by_section = d.classification.section.as_deref().is_some_and(|s| s.starts_with("hk:"));
        let segments: Vec<&str> = d.source_path.split('/').collect();
        by_section || segments.windows(2).any(|w| w == ["m1", "hk"])
    };
    Ok(project
        .store
        .documents(&DocumentFilter::default())?
        .into_iter()
        .filter(|d| d.classification.doc_type.as_deref() == Some(COVER_LETTER) && for_hk(d))
        .max_by(|a, b| (a.version, a.imported_at).cmp(&(b.version, b.imported_at))))
}

/// The built-in profile an application uses; shared by both kinds of build.
pub(crate) fn profile_of<'t>(profile: &str, app_id: &str) -> Result<&'t Profile> {
    Templates::embedded().profiles.get(profile).ok_or_else(|| {
        ApiError::invalid(format!("application `{app_id}` uses profile `{profile}`, which this version does not know"))
    })
}

/// The placed documents as planner input: per section only the newest version of a document
/// (same source path), each with every item that placed it there. Also returns, as warnings,
/// which documents' heading instance is not known: the bundle carries no XML attributes, so
/// such a document goes into the first instance's folder rather than stopping the upload.
fn sources(project: &Project, app_id: &str, profile: &Profile) -> Result<(Vec<BundleSource>, Vec<Finding>)> {
    let documents = project.store.documents(&DocumentFilter::default())?;
    let by_id: HashMap<&DocumentId, &Document> = documents.iter().map(|d| (&d.id, d)).collect();
    let blobs = project.store.blobs()?;
    let mut placed: BTreeMap<(String, String), (&Document, Vec<ItemRef>)> = BTreeMap::new();
    for p in crate::placements(project, app_id)? {
        let Some(doc) = by_id.get(&p.document).copied() else { continue };
        if p.section.is_empty() {
            continue;
        }
        let item = ItemRef {
            id: p.item.clone(),
            title: profile.item(&p.item).map_or_else(|| p.item.clone(), |i| i.title.clone()),
        };
        let slot = placed.entry((p.section.clone(), doc.source_path.clone())).or_insert((doc, Vec::new()));
        if doc.version > slot.0.version {
            *slot = (doc, Vec::new());
        }
        if doc.version == slot.0.version {
            slot.1.push(item);
        }
    }
    let docs: Vec<(&str, &Document)> = placed.iter().map(|((section, _), (doc, _))| (section.as_str(), *doc)).collect();
    let titles = crate::build::leaf_titles(&docs);
    let headings = crate::headings::load(project)?;
    let mut findings = Vec::new();
    let sources = placed
        .into_iter()
        .zip(titles)
        .map(|(((section, _), (doc, items)), title)| {
            let (heading, problems) = crate::headings::of(&headings, &section, doc);
            findings.extend(problems.into_iter().map(|f| Finding { severity: Severity::Warning, ..f }));
            BundleSource {
                role: (doc.classification.doc_type.as_deref() == Some(COVER_LETTER)).then(|| COVER_LETTER.to_owned()),
                items,
                leaf: crate::build::leaf_source(&section, doc, title, heading, &blobs),
            }
        })
        .collect();
    Ok((sources, findings))
}
