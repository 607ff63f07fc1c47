//! Building the Hong Kong CTD bundle of an application (profile format `hk-ctd`): the same
//! `dossier build`, a different package. Placements come from the rules' mapping, exactly as
//! for eCTD; the pure planner in `dossier_package::hk` names the files; the writer builds a temp
//! folder and renames it; the bundle and its index rows are recorded in the store.

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::sync::atomic::AtomicBool;

use dossier_model::{Document, DocumentId, Finding};
use dossier_package::hk::{self, BundleInput, BundleSource, Heading, IndexRow, ItemRef};
use dossier_package::{LeafSource, names};
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
    let input = BundleInput {
        number,
        ctd: &templates.ctd,
        m1: &m1,
        route: app.route.clone(),
        sources: sources(project, app_id, profile)?,
    };
    let plan = hk::plan(&input);
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
        findings: plan.findings.clone(),
        rows: plan.rows.clone(),
    };
    if opts.dry_run {
        return Ok(report);
    }
    if plan.has_errors() {
        let errors: Vec<String> = plan
            .findings
            .iter()
            .filter(|f| f.severity == dossier_model::Severity::Error)
            .map(|f| format!("  [{}] {}", f.rule, f.message))
            .collect();
        return Err(ApiError::invalid(format!("bundle {} of `{app_id}` cannot be built:\n{}", plan.number, errors.join("\n"))));
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
    let written = hk::write::write_bundle(&plan, &csv, &app_dir, cancel, &mut sink).map_err(package_error)?;
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
    let rows: Vec<BundleFile> = plan
        .rows
        .iter()
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
    report.folder = Some(written.folder);
    report.files = written.files;
    report.bytes = written.bytes;
    Ok(report)
}

/// The built-in profile an application uses; shared by both kinds of build.
pub(crate) fn profile_of<'t>(profile: &str, app_id: &str) -> Result<&'t Profile> {
    Templates::embedded().profiles.get(profile).ok_or_else(|| {
        ApiError::invalid(format!("application `{app_id}` uses profile `{profile}`, which this version does not know"))
    })
}

/// The placed documents as planner input: per section only the newest version of a document
/// (same source path), each with every item that placed it there.
fn sources(project: &Project, app_id: &str, profile: &Profile) -> Result<Vec<BundleSource>> {
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
    Ok(placed
        .into_iter()
        .map(|((section, _), (doc, items))| BundleSource {
            leaf: LeafSource {
                section,
                document: doc.id.to_string(),
                lineage: doc.source_path.clone(),
                sha256: doc.sha256.clone(),
                md5: doc.md5.clone(),
                size: doc.size,
                file_name: doc.file_name.clone(),
                title: doc.title.clone().unwrap_or_else(|| names::split_ext(&doc.file_name).0.to_owned()),
                language: doc.language.clone(),
                blob: blobs.path_of(&doc.sha256),
            },
            items,
            role: (doc.classification.doc_type.as_deref() == Some(COVER_LETTER)).then(|| COVER_LETTER.to_owned()),
        })
        .collect())
}
