//! Building eCTD sequences for an application: `dossier build`, `dossier sequences`,
//! `dossier envelope`, `dossier util add`.
//!
//! This is the glue between the store and the pure planner: it gathers plain data (placements
//! from the rules, documents and their blob paths, the application's earlier leaves and
//! envelope), plans, writes through a temp folder, validates, zips, and records the sequence in
//! the store. Only here are the clock and randomness used (the EU application UUID is generated
//! once, at the first build, then stored).

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use dossier_model::{Document, DocumentId, Finding, Severity};
use dossier_package::cumulative::CumulativeLeaf;
use dossier_package::{
    Backbone, Envelope, Heading, LeafSource, Operation, PlanInput, PlannedLeaf, PriorLeaf, Region, RegionalNode,
    SequencePlan, WriteOptions,
};
use dossier_rules::{Format, Headings, Profile, Templates};
use dossier_store::{DocumentFilter, SequenceLeaf, SequenceRecord};
use serde::Serialize;

use crate::plan::{PlanRow, carry_imported, plan_choices, plan_rows};
use crate::{ApiError, ErrorCode, Progress, ProgressSink, Project, Result};

/// Where the user-supplied FDA DTD is kept, inside the project folder.
const US_DTD_IN_PROJECT: &str = "util/us-regional-v3-3.dtd";

/// How to build.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Output root (the application folder goes below it); default `<project>/builds`.
    pub out: Option<PathBuf>,
    pub zip: bool,
    /// Plan and report only: nothing is written or recorded.
    pub dry_run: bool,
    /// Delete every current leaf (withdrawal of the application).
    pub withdrawal: bool,
}

/// What a build did (or, for a dry run, would do).
#[derive(Debug, Clone, Serialize)]
pub struct BuildReport {
    pub application: String,
    pub profile: String,
    pub region: Region,
    pub sequence: String,
    pub dry_run: bool,
    pub folder: Option<PathBuf>,
    pub zip: Option<PathBuf>,
    pub new: usize,
    pub replaced: usize,
    pub deleted: usize,
    /// Placements already sent unchanged by an earlier sequence.
    pub unchanged: usize,
    /// Files and bytes written (util, backbones and leaves).
    pub files: u64,
    pub bytes: u64,
    /// From planning; errors stop the build.
    pub findings: Vec<Finding>,
    /// The full catalogue of the region run on the sequence before it got its final name (what
    /// `dossier validate` says of the folder); none for a dry run.
    pub validation: Option<dossier_package::validate::SequenceReport>,
    /// Its sum: counts by severity and level, and whether the regulator would reject it.
    pub verdict: Option<dossier_package::validate::Verdict>,
    pub leaves: Vec<PlannedLeaf>,
    /// The plan as shown before a build: every leaf sent and every placement kept unchanged,
    /// with its operation, target and title, and what a person may change.
    pub plan: Vec<PlanRow>,
    /// The cover letter generated for this build because none was placed.
    pub generated: Option<crate::GeneratedDocument>,
    /// The table of contents written beside the sequence (`<app>/NNNN-toc.pdf`).
    pub toc: Option<PathBuf>,
}

/// Builds the next sequence of `app_id`.
pub fn build(
    project: &mut Project,
    app_id: &str,
    opts: &BuildOptions,
    progress: ProgressSink<'_>,
    cancel: Option<&AtomicBool>,
) -> Result<BuildReport> {
    let templates = Templates::embedded();
    let app = project.store.application(app_id)?;
    crate::paths::check_build(project, opts)?;
    let profile = crate::bundle::profile_of(&app.profile, app_id)?;
    let region = region_of(profile)?;
    let mut envelope = load_envelope(project, app_id)?;
    let mut envelope_changed = false;
    if let Some(eu) = envelope.eu.as_mut().filter(|e| e.identifier.is_empty()) {
        // X.667 UUID, generated once and then kept for every sequence (EU VC 9.7–9.9); an
        // application whose earlier sequences were imported keeps theirs.
        eu.identifier = imported_uuid(project, app_id)?.unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
        envelope_changed = true;
    }
    // The mapping runs once, and again only if a generated letter changed what is placed.
    let mut placements = crate::placements(project, app_id)?;
    let (generated, generated_findings) = match opts.withdrawal {
        true => (None, Vec::new()),
        false => crate::generated::ensure_cover_letter(project, app_id, profile, &placements, opts.dry_run)?,
    };
    if generated.is_some() {
        placements = crate::placements(project, app_id)?;
    }
    let m1 = regional_nodes(profile);
    // Instances keep the folders earlier sequences gave them.
    let facts = project.store.facts()?;
    let history = history(project, app_id, &Headings::from_facts(&facts, []))?;
    let headings = Headings::from_facts(&facts, history.iter().map(|l| &l.heading));
    let (mut leaves, heading_findings) = leaf_sources(project, &placements, profile, &headings)?;
    carry_imported(project, app_id, &history, &mut leaves)?;
    let prior_hrefs: HashMap<(String, String), String> = history
        .iter()
        .filter_map(|l| Some(((l.sequence.clone(), l.id.clone()), format!("{}/{}", l.sequence, l.href.clone()?))))
        .collect();
    let next = project
        .store
        .sequences(app_id)?
        .iter()
        .filter_map(|s| s.number.parse::<u32>().ok())
        .max()
        .map_or(0, |n| n + 1);
    let input = PlanInput {
        region,
        sequence: next,
        ctd: &templates.ctd,
        m1: &m1,
        leaves,
        history,
        envelope,
        withdrawal: opts.withdrawal,
        choices: plan_choices(project, app_id)?,
    };
    let plan = dossier_package::plan(&input);
    let mut report = report_of(&plan, app_id, &app.profile, opts.dry_run);
    report.findings.splice(0..0, generated_findings.into_iter().chain(heading_findings));
    report.generated = generated;
    if opts.dry_run {
        return Ok(report);
    }
    // The plan's own errors and the api's (a document whose heading instance is not known).
    if report.findings.iter().any(|f| f.severity == Severity::Error) {
        return Err(ApiError::blocked(&format!("sequence {} of `{app_id}`", plan.number), &report.findings));
    }
    let us_dtd = match region {
        Region::Us => installed_us_dtd(project)?,
        _ => None,
    };
    let rendered = dossier_package::backbone::render(&plan, &templates.ctd);
    // Rendered before anything is written: a missing font stops the build, not half of it.
    let toc = sequence_toc(project, app_id, &plan, profile, &prior_hrefs)?;
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
    let written = dossier_package::write_sequence(
        &plan,
        &rendered,
        WriteOptions { dir: &app_dir, us_dtd: us_dtd.as_deref(), cancel, zip: opts.zip },
        &mut sink,
    )
    .map_err(|e| {
        let placed = |blob: &Path| {
            plan.leaves.iter().find(|l| l.blob.as_deref() == Some(blob)).map(|l| (l.document.clone().unwrap_or_default(), l.section.clone()))
        };
        write_error(project, &format!("sequence {} of `{app_id}`", plan.number), &placed, e)
    })?;
    let undo = |e: ApiError| {
        let _ = fs::remove_dir_all(&written.folder);
        if let Some(z) = &written.zip {
            let _ = fs::remove_file(z);
        }
        e
    };
    report.zip = written.zip.clone();
    let toc_path = app_dir.join(format!("{}-toc.pdf", plan.number));
    crate::paths::write_file(&toc_path, &toc.bytes, true).map_err(undo)?;
    report.toc = Some(toc_path);
    let envelope_json = serde_json::to_string(&plan.envelope).expect("envelopes serialise");
    let record = SequenceRecord {
        application: app_id.to_owned(),
        number: plan.number.clone(),
        region: region.code().to_owned(),
        kind: if opts.withdrawal { "withdrawal" } else { "submission" }.to_owned(),
        folder: relative_to(&written.folder, project.root()),
        index_md5: written.index_md5.clone(),
        envelope: envelope_json.clone(),
        built_at: String::new(),
    };
    let leaves: Vec<SequenceLeaf> = plan.leaves.iter().map(|l| leaf_record(&plan.number, l)).collect();
    let stored_envelope = serde_json::to_string(&stored_envelope(&plan.envelope)).expect("envelopes serialise");
    let recorded = project.store.with_tx(&project.actor, |tx| {
        if envelope_changed {
            tx.set_envelope(app_id, &stored_envelope)?;
        }
        tx.record_sequence(&record, &leaves)
    });
    if let Err(e) = recorded {
        for f in report.zip.iter().chain(&report.toc) {
            let _ = fs::remove_file(f);
        }
        return Err(undo(e.into()));
    }
    report.folder = Some(written.folder);
    report.files = written.files;
    report.bytes = written.bytes;
    report.verdict = written.validation.as_ref().map(|v| dossier_package::validate::Verdict::of(&v.problems, &v.rules));
    report.validation = written.validation;
    Ok(report)
}

fn report_of(plan: &SequencePlan, app_id: &str, profile: &str, dry_run: bool) -> BuildReport {
    BuildReport {
        application: app_id.to_owned(),
        profile: profile.to_owned(),
        region: plan.region,
        sequence: plan.number.clone(),
        dry_run,
        folder: None,
        zip: None,
        new: plan.count(Operation::New),
        replaced: plan.count(Operation::Replace),
        deleted: plan.count(Operation::Delete),
        unchanged: plan.unchanged,
        files: 0,
        bytes: plan.bytes(),
        findings: plan.findings.clone(),
        validation: None,
        verdict: None,
        leaves: plan.leaves.clone(),
        plan: plan_rows(plan),
        generated: None,
        toc: None,
    }
}

/// The sequence's table of contents: every leaf with its section, title, path, pages and
/// operation (a delete shows the path it removes). Chinese for NMPA, English elsewhere.
fn sequence_toc(
    project: &Project,
    app_id: &str,
    plan: &SequencePlan,
    profile: &Profile,
    prior_hrefs: &HashMap<(String, String), String>,
) -> Result<dossier_report::Pdf> {
    let pages = crate::generated::page_counts(project)?;
    let lang = if plan.region == Region::Cn { dossier_report::Lang::ZhHans } else { dossier_report::Lang::En };
    // Where the sequence files leaves under more than one instance of a repeated heading, each
    // title says which (the path only says `indication-2`).
    let mut seen: HashMap<&str, std::collections::HashSet<String>> = HashMap::new();
    for (kind, instance) in plan.leaves.iter().flat_map(|l| &l.heading) {
        seen.entry(kind.as_str()).or_default().insert(instance.key());
    }
    let title_of = |l: &PlannedLeaf| {
        let which: Vec<String> =
            l.heading.iter().filter(|(k, _)| seen.get(k.as_str()).is_some_and(|s| s.len() > 1)).map(|(_, i)| i.describe()).collect();
        if which.is_empty() { l.title.clone() } else { format!("{} ({})", l.title, which.join("; ")) }
    };
    let rows = plan
        .leaves
        .iter()
        .map(|l| dossier_report::TocRow {
            section: l.section.clone(),
            title: title_of(l),
            file: match (&l.href, &l.modifies) {
                (Some(href), _) => href.clone(),
                (None, Some(t)) => prior_hrefs.get(&(t.sequence.clone(), t.id.clone())).cloned().unwrap_or_default(),
                (None, None) => String::new(),
            },
            pages: l.document.as_ref().and_then(|d| pages.get(d).copied()),
            operation: l.operation.as_str().to_owned(),
        })
        .collect();
    let title = lang.pick(&profile.header.title, profile.header.title_zh_hans.as_deref(), profile.header.title_zh_hant.as_deref());
    crate::generated::render_toc(
        project,
        crate::generated::TocInput {
            title: match lang {
                dossier_report::Lang::En => format!("{title}, sequence {}", plan.number),
                _ => format!("{title}，序列 {}", plan.number),
            },
            subtitle: vec![format!("{} · {} · {app_id}", profile.header.authority, profile.id())],
            lang,
            rows,
        },
    )
}

/// An error of the writer. A damaged blob becomes a finding that stops the build and names the
/// document (`placed` gives the document id and the section a blob was placed on), so the person
/// knows which file to import again; the damaged copy is set aside (`BlobStore::set_aside`) so
/// that importing the original again stores it afresh.
pub(crate) fn write_error(project: &Project, what: &str, placed: &dyn Fn(&Path) -> Option<(String, String)>, e: dossier_package::Error) -> ApiError {
    let dossier_package::Error::BlobDamaged { blob, problem } = &e else { return package_error(e) };
    // A file the build generated itself (a table of contents) is no document to import again.
    let Some((doc_id, section)) = placed(blob).filter(|(d, _)| !d.is_empty()) else { return package_error(e) };
    let doc = DocumentId::parse(&doc_id).and_then(|id| project.store.document(&id).ok());
    let file = doc.as_ref().map_or_else(|| blob.display().to_string(), |d| d.file_name.clone());
    let source = doc.as_ref().map(|d| format!(", imported from {}", d.source_path)).unwrap_or_default();
    let aside = match doc.as_ref().map(|d| project.store.blobs().and_then(|b| b.set_aside(&d.sha256))) {
        Some(Ok(Some(p))) => format!(" (the damaged copy was set aside as {})", p.display()),
        _ => String::new(),
    };
    let finding = Finding::new(
        "DB-PKG-BLOB-DAMAGED",
        Severity::Error,
        format!(
            "document {doc_id} ({file}, section {section}{source}): its stored copy {} {problem} — it was changed outside Dossier Bridge{aside}; import the file again from the original, then build again",
            blob.display()
        ),
    )
    .coded("blob-damaged", [("document", doc_id.as_str()), ("file", file.as_str()), ("section", section.as_str())]);
    ApiError { code: ErrorCode::Incompatible, ..ApiError::blocked(what, &[finding]) }
}

pub(crate) fn package_error(e: dossier_package::Error) -> ApiError {
    let code = match &e {
        dossier_package::Error::Cancelled => ErrorCode::Cancelled,
        dossier_package::Error::AlreadyBuilt(_) | dossier_package::Error::Invalid(_) => ErrorCode::Invalid,
        dossier_package::Error::BlobDamaged { .. } => ErrorCode::Incompatible,
        dossier_package::Error::Io { .. } | dossier_package::Error::Zip { .. } => ErrorCode::Io,
    };
    match &e {
        // A leaf's blob gone from the store (a folder deleted by hand, a bad restore).
        dossier_package::Error::Io { path, source }
            if source.kind() == std::io::ErrorKind::NotFound && path.components().any(|c| c.as_os_str() == dossier_store::BLOBS_DIR) =>
        {
            ApiError::new(
                ErrorCode::Incompatible,
                format!(
                    "{}: a stored file is missing from the blob store, so nothing was built; run `dossier verify` to list the documents affected, then import them again (or restore blobs/ from a backup)",
                    path.display()
                ),
            )
        }
        _ => ApiError::new(code, e.to_string()),
    }
}

pub(crate) fn region_of(profile: &Profile) -> Result<Region> {
    match profile.header.format {
        Format::EctdEu => Ok(Region::Eu),
        Format::EctdCn => Ok(Region::Cn),
        Format::EctdUs => Ok(Region::Us),
        Format::HkCtd => Err(ApiError::invalid(format!(
            "profile `{}` is a Hong Kong CTD filing, not eCTD; build it as a CTD bundle (`dossier build` does this for HK applications; api: `build_bundle`)",
            profile.id()
        ))),
    }
}

/// The profile's Module 1 as planner input. Profiles give no folder names yet, so one is
/// derived: the code's digits and the element's name part (`1.3.1` + `m1-3-1-spc-label-pl` →
/// `131-spc-label-pl`; `cn-1-3-8-9` → `1389`). Headings without an element cannot hold leaves.
pub fn regional_nodes(profile: &Profile) -> Vec<RegionalNode> {
    let rules = dossier_package::names::NamingRules::for_region(Region::Eu);
    profile
        .m1
        .iter()
        .filter_map(|n| {
            let element = n.element.clone()?;
            let code = n.code.split_once(':').map_or(n.code.as_str(), |(_, c)| c);
            let digits = rules.clean_stem(&code.replace('.', ""), 12);
            let name: Vec<&str> = element.split('-').skip(1).skip_while(|p| p.chars().all(|c| c.is_ascii_digit())).collect();
            let name = rules.clean_stem(&name.join("-"), 40);
            let folder = if name.is_empty() { digits } else { format!("{digits}-{name}") };
            Some(RegionalNode { code: code.to_owned(), element, folder: Some(folder), parent: n.parent.clone() })
        })
        .collect()
}

/// The EU application UUID of the newest imported sequence of the application (see
/// [`crate::imported_history`]), if any.
fn imported_uuid(project: &Project, app_id: &str) -> Result<Option<String>> {
    Ok(project.store.sequences(app_id)?.iter().rev().filter(|s| s.kind == "imported").find_map(|s| {
        let value: serde_json::Value = serde_json::from_str(&s.envelope).ok()?;
        value["imported"].as_array()?.iter().find_map(|pair| match pair.as_array()?.as_slice() {
            [k, v] if k == "identifier" => v.as_str().map(str::to_owned),
            _ => None,
        })
    }))
}

fn load_envelope(project: &Project, app_id: &str) -> Result<Envelope> {
    match project.store.envelope(app_id)? {
        None => Ok(Envelope::default()),
        Some(json) => serde_json::from_str(&json)
            .map_err(|e| ApiError::new(ErrorCode::Incompatible, format!("the stored envelope of `{app_id}` is unreadable: {e}"))),
    }
}

/// What is stored between builds: the user's facts plus the UUID, not what the planner derives
/// per sequence (related sequence, withdrawal types).
fn stored_envelope(written: &Envelope) -> Envelope {
    let mut e = written.clone();
    if let Some(eu) = e.eu.as_mut() {
        eu.related_sequence = None;
    }
    if let Some(cn) = e.cn.as_mut() {
        cn.related_sequence = None;
    }
    e
}

pub(crate) fn history(project: &Project, app_id: &str, first: &Headings) -> Result<Vec<PriorLeaf>> {
    Ok(project
        .store
        .sequence_leaves(app_id)?
        .into_iter()
        .map(|l| PriorLeaf {
            heading: crate::headings::recorded(l.heading.as_deref(), &l.section, first),
            sequence: l.sequence,
            id: l.id,
            backbone: Backbone::parse(&l.backbone).unwrap_or(Backbone::Index),
            section: l.section,
            lineage: l.lineage,
            document: l.document,
            operation: Operation::parse(&l.operation).unwrap_or(Operation::New),
            href: l.href,
            md5: l.md5,
            title: l.title,
            modifies: l.modifies,
        })
        .collect())
}

fn leaf_record(sequence: &str, l: &PlannedLeaf) -> SequenceLeaf {
    SequenceLeaf {
        sequence: sequence.to_owned(),
        id: l.id.clone(),
        backbone: l.backbone.as_str().to_owned(),
        section: l.section.clone(),
        lineage: l.lineage.clone(),
        document: l.document.clone(),
        operation: l.operation.as_str().to_owned(),
        href: l.href.clone(),
        md5: l.md5.clone(),
        title: l.title.clone(),
        modifies: l.modifies.as_ref().map(|t| (t.sequence.clone(), t.id.clone())),
        heading: (!l.heading.is_empty()).then(|| serde_json::to_string(&l.heading).expect("headings serialise")),
    }
}

pub(crate) fn relative_to(path: &Path, root: &Path) -> String {
    path.strip_prefix(root).unwrap_or(path).to_string_lossy().replace('\\', "/")
}

/// The documents placed for the application, as planner input. Placements come from the rules'
/// mapping (plus a person's assignments); the same document on the same section counts once.
/// Also returns what stops a document's heading instance from being known (see
/// [`crate::headings::of`]).
fn leaf_sources(
    project: &Project,
    placements: &[dossier_rules::Placement],
    profile: &Profile,
    headings: &Headings,
) -> Result<(Vec<LeafSource>, Vec<Finding>)> {
    let documents = project.store.documents(&DocumentFilter::default())?;
    let by_id: HashMap<&DocumentId, &Document> = documents.iter().map(|d| (&d.id, d)).collect();
    let blobs = project.store.blobs()?;
    // Only the newest version of a document (same source path) placed on a section is sent:
    // an older one placed beside it would be sent twice instead of being replaced.
    let mut newest: BTreeMap<(String, String), &Document> = BTreeMap::new();
    for p in placements {
        let Some(doc) = by_id.get(&p.document) else { continue };
        if p.section.is_empty() {
            continue;
        }
        let section = backbone_section(profile, &p.section);
        let slot = newest.entry((section, doc.source_path.clone())).or_insert(doc);
        if doc.version > slot.version {
            *slot = doc;
        }
    }
    let placed: Vec<(&str, &Document)> = newest.iter().map(|((section, _), doc)| (section.as_str(), *doc)).collect();
    let titles = leaf_titles(&placed);
    let mut findings = Vec::new();
    let sources = placed
        .into_iter()
        .zip(titles)
        .map(|((section, doc), title)| {
            let (heading, problems) = crate::headings::of(headings, section, doc);
            findings.extend(problems);
            leaf_source(section, doc, title, heading, &blobs)
        })
        .collect();
    Ok((sources, findings))
}

/// A placed document as planner input, its bytes in the blob store.
pub(crate) fn leaf_source(section: &str, doc: &Document, title: String, heading: Heading, blobs: &dossier_store::BlobStore) -> LeafSource {
    LeafSource {
        section: section.to_owned(),
        document: doc.id.to_string(),
        lineage: doc.source_path.clone(),
        sha256: doc.sha256.clone(),
        md5: doc.md5.clone(),
        size: doc.size,
        file_name: doc.file_name.clone(),
        title,
        language: doc.language.clone(),
        blob: blobs.path_of(&doc.sha256),
        heading,
    }
}

/// The leaf titles of documents placed on sections, in the same order (see [`leaf_title`]).
pub(crate) fn leaf_titles(placed: &[(&str, &Document)]) -> Vec<String> {
    let mut same_type: HashMap<(&str, Option<&str>), usize> = HashMap::new();
    for (section, doc) in placed {
        *same_type.entry((section, doc.classification.doc_type.as_deref())).or_default() += 1;
    }
    placed.iter().map(|(section, doc)| leaf_title(doc, same_type[&(*section, doc.classification.doc_type.as_deref())] == 1)).collect()
}

/// The title a leaf shows the reviewer: the document's own title; else its type's title in the
/// document's language, with the file name when other documents of that type share the
/// section (`说明函`; `Specification(s) – drug-product-spec`); else the file name.
fn leaf_title(doc: &Document, alone_of_its_type: bool) -> String {
    if let Some(t) = doc.title.as_ref().filter(|t| !t.trim().is_empty()) {
        return t.clone();
    }
    let stem = dossier_package::names::split_ext(&doc.file_name).0;
    let Some(t) = doc.classification.doc_type.as_deref().and_then(|t| Templates::embedded().doc_types.get(t)) else {
        return stem.to_owned();
    };
    let lang = doc.language.as_deref().and_then(dossier_report::Lang::parse).unwrap_or_default();
    let title = lang.pick(&t.title, t.title_zh_hans.as_deref(), t.title_zh_hant.as_deref());
    if alone_of_its_type { title.to_owned() } else { format!("{title} – {stem}") }
}

/// The heading a leaf goes under in the backbone: a regional checklist heading that has no
/// element of its own (FDA 1.1.2 Form 356h: the us-regional v3.3 implementations file forms
/// under `m1-1-forms`, fda-nda.toml note) goes under its nearest ancestor that has one.
fn backbone_section(profile: &Profile, section: &str) -> String {
    let Some((region, code)) = section.split_once(':') else { return section.to_owned() };
    let mut node = profile.m1_node(code);
    while let Some(n) = node {
        if n.element.is_some() {
            return format!("{region}:{}", n.code);
        }
        node = n.parent.as_deref().and_then(|p| profile.m1_node(p));
    }
    section.to_owned()
}

fn installed_us_dtd(project: &Project) -> Result<Option<Vec<u8>>> {
    let path = project.root().join(US_DTD_IN_PROJECT);
    match fs::read(&path) {
        Ok(bytes) => {
            dossier_package::util::check_us_dtd(&bytes).map_err(|w| {
                ApiError::invalid(format!(
                    "{} has MD5 {}, not the official {}; remove it and add the FDA file with `dossier util add FILE`",
                    path.display(),
                    w.md5,
                    dossier_package::util::US_DTD_MD5
                ))
            })?;
            Ok(Some(bytes))
        }
        Err(_) => Ok(None),
    }
}

/// One sequence as `dossier sequences` lists it.
#[derive(Debug, Clone, Serialize)]
pub struct SequenceRow {
    pub number: String,
    pub kind: String,
    pub region: String,
    pub built_at: String,
    pub folder: String,
    pub index_md5: String,
    pub new: usize,
    pub replaced: usize,
    pub deleted: usize,
}

pub fn sequences(project: &Project, app_id: &str) -> Result<Vec<SequenceRow>> {
    project.store.application(app_id)?;
    let leaves = project.store.sequence_leaves(app_id)?;
    // A CTD bundle (Hong Kong) is listed like a sequence: every file in it is new.
    let bundles = project.store.bundles(app_id)?.into_iter().map(|b| {
        let files = project.store.bundle_files(app_id, &b.number).map(|rows| {
            rows.iter().map(|r| r.path.as_str()).collect::<std::collections::BTreeSet<_>>().len()
        });
        Ok(SequenceRow {
            new: files?,
            replaced: 0,
            deleted: 0,
            number: b.number,
            kind: "bundle".into(),
            region: b.format,
            built_at: b.built_at,
            folder: b.folder,
            index_md5: b.index_md5,
        })
    });
    let bundles: Vec<SequenceRow> = bundles.collect::<Result<_>>()?;
    Ok(project
        .store
        .sequences(app_id)?
        .into_iter()
        .map(|s| {
            let count = |op: &str| leaves.iter().filter(|l| l.sequence == s.number && l.operation == op).count();
            SequenceRow {
                new: count("new"),
                replaced: count("replace"),
                deleted: count("delete"),
                number: s.number,
                kind: s.kind,
                region: s.region,
                built_at: s.built_at,
                folder: s.folder,
                index_md5: s.index_md5,
            }
        })
        .chain(bundles)
        .collect())
}

/// The cumulative view of an eCTD application: every leaf still current after the sequences
/// built or imported so far, with its lifecycle, in CTD order. Empty before the first sequence
/// and for a Hong Kong bundle (each bundle stands alone).
pub fn cumulative(project: &Project, app_id: &str) -> Result<Vec<CumulativeLeaf>> {
    project.store.application(app_id)?;
    let facts = project.store.facts()?;
    let history = history(project, app_id, &Headings::from_facts(&facts, []))?;
    Ok(dossier_package::cumulative::cumulative(&history, &Templates::embedded().ctd))
}

/// The application's envelope facts.
pub fn envelope(project: &Project, app_id: &str) -> Result<Envelope> {
    project.store.application(app_id)?;
    load_envelope(project, app_id)
}

/// Replaces the envelope facts with `toml_text` (the shape of [`Envelope`]); an EU UUID
/// already assigned is kept when the new text leaves it empty.
pub fn set_envelope(project: &mut Project, app_id: &str, toml_text: &str) -> Result<Envelope> {
    project.store.application(app_id)?;
    let mut new: Envelope = toml::from_str(toml_text)
        .map_err(|e| ApiError::invalid(format!("the envelope file is not valid: {e}")))?;
    let old = load_envelope(project, app_id)?;
    if let (Some(n), Some(o)) = (new.eu.as_mut(), old.eu.as_ref())
        && n.identifier.is_empty()
    {
        n.identifier = o.identifier.clone();
    }
    let json = serde_json::to_string(&new).expect("envelopes serialise");
    project.store.with_tx(&project.actor, |tx| tx.set_envelope(app_id, &json))?;
    Ok(new)
}

/// [`set_envelope`] from a TOML file (`dossier envelope --set FILE`).
pub fn set_envelope_file(project: &mut Project, app_id: &str, path: &Path) -> Result<Envelope> {
    let text = dossier_files::read_text(path, dossier_files::ENVELOPE)?;
    set_envelope(project, app_id, &text).map_err(|e| ApiError { message: format!("{}: {}", path.display(), e.message), ..e })
}

/// What `dossier util add` did.
#[derive(Debug, Clone, Serialize)]
pub struct UtilAdded {
    pub file: String,
    pub md5: String,
    pub installed_at: PathBuf,
}

/// Installs a util file the program cannot ship: today only FDA's `us-regional-v3-3.dtd`,
/// accepted only with its published MD5.
pub fn add_util_file(project: &Project, file: &Path) -> Result<UtilAdded> {
    project.store.ensure_writable()?;
    let bytes = dossier_files::read_whole(file, dossier_files::UTIL)?;
    dossier_package::util::check_us_dtd(&bytes).map_err(|w| {
        ApiError::invalid(format!(
            "{} is not FDA's us-regional-v3-3.dtd: its MD5 is {} ({} bytes), the official file has {} ({} bytes). \
             Download it from FDA's \"eCTD Backbone Files Specification for Module 1\" page and try again",
            file.display(),
            w.md5,
            w.size,
            dossier_package::util::US_DTD_MD5,
            dossier_package::util::US_DTD_SIZE
        ))
    })?;
    let dest = project.root().join(US_DTD_IN_PROJECT);
    let dir = dest.parent().expect("has a folder");
    fs::create_dir_all(dir).map_err(|e| ApiError::new(ErrorCode::Io, format!("{}: {e}", dir.display())))?;
    crate::paths::write_file(&dest, &bytes, true)?;
    Ok(UtilAdded { file: "us-regional-v3-3.dtd".into(), md5: dossier_package::util::US_DTD_MD5.into(), installed_at: dest })
}
