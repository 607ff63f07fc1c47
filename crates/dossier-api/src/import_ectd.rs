//! `dossier import-ectd PATH`: the documents of an existing eCTD v3.2.2 sequence (a `NNNN/`
//! folder), of an application folder holding several, or of a zip of either, imported with the
//! CTD section their backbone gives them, their leaf title and their lifecycle history — so a
//! dossier built elsewhere (say for NMPA) can be mapped to another authority.
//!
//! The files go through the same machinery as `dossier import` (blob store, one hashing pass,
//! PDF facts, batched commits). What the backbone says wins over what the file name suggests:
//! the section comes from the leaf's heading (ICH element → code through `ctd-tree.toml`,
//! regional element → `eu:`/`cn:`/`us:` code through the profiles' Module 1), and is recorded
//! as a fact, not a guess. Reading is hostile-input safe (see `dossier_package::reader`).

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;

use dossier_model::{ClassificationOrigin, Document, Finding, Severity};
use dossier_package::Region;
use dossier_package::reader::{self, ReadLeaf};
use dossier_rules::{Format, Templates};
use serde::Serialize;

use crate::import::{BATCH, Candidate, commit, describe};
use crate::imported_history as history;
use crate::{ApiError, ErrorCode, ImportOptions, Progress, ProgressSink, Project, Result};

/// A zip is extracted into `.import-ectd-PID/` inside the project (same disk, so the blobs are
/// made from it without a copy across file systems); the folder is removed when the import ends,
/// however it ends, and one left by a killed process is removed by the next `import-ectd` and
/// reported by `dossier verify`.
const TEMP_PREFIX: &str = ".import-ectd-";

/// Confidence of a section taken from a backbone: what the sender declared, not a guess, yet
/// not a person's check either.
const BACKBONE_CONFIDENCE: f32 = 0.95;

/// One leaf and what became of it.
#[derive(Debug, Clone, Serialize)]
pub struct ImportedLeaf {
    pub sequence: String,
    pub href: Option<String>,
    pub operation: String,
    pub section: Option<String>,
    pub title: String,
    /// The document id, when the leaf's file was imported or already known.
    pub document: Option<String>,
    pub sha256: Option<String>,
    /// `imported`, `already-known`, `not-imported` (no safe file) or `delete` (no file).
    pub outcome: &'static str,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct ImportEctdReport {
    /// Sequence numbers read, in order.
    pub sequences: Vec<String>,
    pub region: Option<Region>,
    pub imported: u64,
    pub already_known: u64,
    pub bytes: u64,
    pub checksum_mismatches: usize,
    pub leaves: Vec<ImportedLeaf>,
    /// Everything wrong with the input, each naming the sequence and file.
    pub findings: Vec<Finding>,
    pub cancelled: bool,
    /// The application whose lifecycle history the sequences were recorded as
    /// (`import-ectd --application`); `None`: documents only, no history.
    pub application: Option<String>,
    /// Sequences this import recorded as the application's history.
    pub recorded: Vec<String>,
    /// Sequences already recorded from the same `index.xml` (a second import changes nothing).
    pub already_recorded: Vec<String>,
    /// The catalogue engine's report of each sequence read — the one validator, as `dossier
    /// validate` gives it — and their one verdict. Empty when the import was cancelled.
    pub validation: Vec<dossier_package::validate::SequenceReport>,
    pub verdict: Option<dossier_package::validate::Verdict>,
}

/// For each path, whether it is an eCTD sequence (folder, application folder or zip) that
/// [`import_ectd`] reads with its backbone, rather than documents for `import_paths`.
pub fn ectd_sources(paths: &[PathBuf]) -> Vec<bool> {
    paths.iter().map(|p| reader::is_ectd_source(p)).collect()
}

pub fn import_ectd(project: &mut Project, path: &Path, options: &ImportOptions<'_>, progress: ProgressSink<'_>) -> Result<ImportEctdReport> {
    import_ectd_into(project, path, None, options, progress)
}

/// [`import_ectd`], and with `application` the sequences are also recorded as that
/// application's history — the same sequence and leaf records a build writes — so the
/// cumulative view shows what the regulator holds and the next build continues the lifecycle
/// (`replace` with `modified-file` on the imported leaf, the EU UUID kept, the next number).
/// The application must exist and file in the sequences' region; a number the project built
/// for it is refused, and a sequence imported before from the same `index.xml` is left as it is.
pub fn import_ectd_into(
    project: &mut Project,
    path: &Path,
    application: Option<&str>,
    options: &ImportOptions<'_>,
    progress: ProgressSink<'_>,
) -> Result<ImportEctdReport> {
    if let Some(app) = application {
        project.store.application(app)?;
    }
    if !path.exists() {
        return Err(ApiError::new(ErrorCode::NotFound, format!("{}: not found; give a sequence folder (NNNN), an application folder or a zip", path.display())));
    }
    project.store.ensure_writable()?;
    // A sequence built by this project is already in it; a folder holding the project would
    // walk its builds and store.
    if !crate::paths::project_within_inputs(project, &[path.to_path_buf()])?.is_empty() {
        return Err(ApiError::invalid(format!(
            "{} holds the project {} itself; give the sequence, application folder or zip to import",
            path.display(),
            project.root().display()
        )));
    }
    let mut report = ImportEctdReport { application: application.map(str::to_owned), ..ImportEctdReport::default() };
    remove_stale_temp_folders(project.root());
    let _extracted;
    let root = if path.is_file() {
        let temp = TempFolder(project.root().join(format!("{TEMP_PREFIX}{}", std::process::id())));
        if temp.0.exists() {
            fs::remove_dir_all(&temp.0).map_err(|e| io_error(&temp.0, e))?;
        }
        let unzipped = dossier_package::unzip::unzip(path, &temp.0, &dossier_package::unzip::LIMITS)
            .map_err(|e| ApiError::invalid(format!("{}: cannot be read as a zip of an eCTD sequence: {e}", path.display())))?;
        report.findings.extend(unzipped.findings);
        if unzipped.refused {
            return Ok(report);
        }
        let root = temp.0.clone();
        _extracted = temp;
        root
    } else {
        path.to_path_buf()
    };
    import_from(project, &root, path, options, progress, &mut report).map(|()| report)
}

/// Removes its folder when dropped: on success, on error and on a panic alike.
struct TempFolder(PathBuf);

impl Drop for TempFolder {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// The extraction folders in the project root left by an `import-ectd` that no longer runs (it
/// was killed, or the machine stopped). A folder of a process still running is not listed.
pub fn stale_temp_folders(root: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(root) else { return Vec::new() };
    let mut out: Vec<PathBuf> = entries
        .flatten()
        .filter(|e| {
            let name = e.file_name();
            let pid = name.to_str().and_then(|n| n.strip_prefix(TEMP_PREFIX)).and_then(|p| p.parse::<u32>().ok());
            pid.is_some_and(|pid| pid == std::process::id() || !process_alive(pid))
        })
        .map(|e| e.path())
        .collect();
    out.sort();
    out
}

fn remove_stale_temp_folders(root: &Path) {
    for dir in stale_temp_folders(root) {
        let _ = fs::remove_dir_all(dir);
    }
}

#[cfg(unix)]
fn process_alive(pid: u32) -> bool {
    // Signal 0 tests for the process without touching it; EPERM means it exists (another user's).
    let Some(pid) = i32::try_from(pid).ok().and_then(rustix::process::Pid::from_raw) else { return false };
    !matches!(rustix::process::test_kill_process(pid), Err(rustix::io::Errno::SRCH))
}

#[cfg(not(unix))]
fn process_alive(_pid: u32) -> bool {
    true // no cheap test: a leftover is kept (and removed by hand) rather than risk a live one
}

fn import_from(
    project: &mut Project,
    root: &Path,
    shown: &Path,
    options: &ImportOptions<'_>,
    progress: ProgressSink<'_>,
    report: &mut ImportEctdReport,
) -> Result<()> {
    let folders = reader::locate_sequences(root).map_err(|e| ApiError::new(ErrorCode::Io, e.to_string()))?;
    if folders.is_empty() && dossier_package::v4::unit(root).is_some() {
        return Err(ApiError::new(ErrorCode::Unsupported, dossier_package::v4::message(shown)));
    }
    if folders.is_empty() {
        return Err(ApiError::new(
            ErrorCode::NotFound,
            format!(
                "{}: no eCTD sequence found; give a sequence folder holding index.xml, an application folder holding 0000/, 0001/ …, or a zip of either",
                shown.display()
            ),
        ));
    }
    let templates = Templates::embedded();
    let regional = regional_elements(templates);
    let sequences: Vec<_> = folders.iter().map(|f| reader::read_sequence(f, &templates.ctd, &regional)).collect();
    // The one validator over what is read (an application folder: every sequence in order).
    let whole = match &folders[..] {
        [one] => Some(one.clone()),
        [first, ..] => first.parent().map(Path::to_path_buf),
        [] => None,
    };
    let region = sequences.iter().find_map(|s| s.region);
    if let Some(folder) = whole.filter(|_| region.is_some()) {
        match dossier_package::validate::validate_path(&folder, region) {
            Ok(reports) => {
                report.verdict = Some(dossier_package::validate::Verdict::of_reports(&reports));
                report.validation = reports;
            }
            Err(why) => report.findings.push(
                Finding::new("DB-ECTD-VALIDATE", Severity::Info, format!("{}: not validated ({why})", shown.display()))
                    .coded("import-not-validated", [("path", &shown.display().to_string()), ("detail", &why)]),
            ),
        }
    }
    // Checked before anything is imported: a refusal leaves the project as it was.
    let to_record = match &report.application {
        Some(app) => history::check(project, app, &sequences, shown)?,
        None => Vec::new(),
    };
    report.findings.extend(unrecorded_instances(project, &sequences)?);
    let mut placed: Vec<history::Placed> = Vec::new();
    let mut lineages: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    // The leaf whose section each document of the batch has (see `also_placed`).
    let mut homes: std::collections::HashMap<String, ReadLeaf> = std::collections::HashMap::new();
    let total = sequences.iter().map(|s| s.leaves.len() as u64).sum();
    let bytes_total = 0;
    let blobs = project.store.blobs()?;
    blobs.remove_stale_temp_files()?;
    let mut batch: Vec<Document> = Vec::with_capacity(BATCH);
    let mut staged = Vec::with_capacity(BATCH);
    let mut done = 0;
    for seq in sequences {
        report.sequences.push(seq.number.clone());
        report.region = report.region.or(seq.region);
        report.findings.extend(seq.findings);
        for leaf in seq.leaves {
            let record = to_record.iter().any(|t| t.number == leaf.sequence);
            if options.cancel.is_some_and(|c| c.load(Ordering::Relaxed)) {
                report.cancelled = true;
                break;
            }
            done += 1;
            let item = format!("{}/{}", leaf.sequence, leaf.href.as_deref().unwrap_or(&leaf.id));
            progress(&Progress { phase: "import", done, total, bytes_done: report.bytes, bytes_total, item });
            let mut row = ImportedLeaf {
                sequence: leaf.sequence.clone(),
                href: leaf.href.clone(),
                operation: leaf.operation.clone(),
                section: leaf.section.clone(),
                title: leaf.title.clone(),
                document: None,
                sha256: None,
                outcome: if leaf.operation == "delete" { "delete" } else { "not-imported" },
            };
            let (Some(file_path), Some(rel)) = (leaf.file.clone(), leaf.href.clone()) else {
                if record {
                    placed.push(history::Placed { leaf: leaf.clone(), document: None, lineage: None, md5: None });
                }
                report.leaves.push(row);
                continue;
            };
            // The reader checked the file; it is opened again without following a link and
            // without blocking, in case it was swapped for a link or a FIFO since.
            let mut file = match dossier_package::regular::open_file(&file_path, u64::MAX) {
                Ok((f, _)) => f,
                Err(why) => {
                    let what = why.describe();
                    report.findings.push(
                        Finding::new("DB-ECTD-FILE", Severity::Error, format!("{}/{rel} {what}; the document is not imported", leaf.sequence))
                            .coded("leaf-not-regular", [("sequence", &leaf.sequence), ("path", &rel), ("detail", &what)]),
                    );
                    if record {
                        placed.push(history::Placed { leaf: leaf.clone(), document: None, lineage: None, md5: None });
                    }
                    report.leaves.push(row);
                    continue;
                }
            };
            let blob = blobs.stage(&mut file, &file_path)?;
            report.bytes += blob.info.size;
            let mismatch = leaf.checksum.as_ref().filter(|c| !c.eq_ignore_ascii_case(&blob.info.md5)).map(|c| {
                Finding::new(
                    "11.2",
                    Severity::Error,
                    format!(
                        "{}/{rel}: its MD5 is {} but the backbone's checksum says {c}; the file was changed or damaged after the sequence was built — ask the sender for the original",
                        leaf.sequence, blob.info.md5
                    ),
                )
                .coded("leaf-checksum-mismatch", [("sequence", &leaf.sequence), ("path", &rel), ("md5", &blob.info.md5), ("checksum", c)])
            });
            if let Some(m) = &mismatch {
                report.checksum_mismatches += 1;
                report.findings.push(m.clone());
            }
            if leaf.section.is_none() {
                report.findings.push(Finding::new(
                    "DB-ECTD-SECTION",
                    Severity::Warning,
                    format!(
                        "{}/{rel}: its heading `{}` is not a CTD heading this program knows; the document is imported with a guessed section — check it with `dossier docs set-type`",
                        leaf.sequence, leaf.element
                    ),
                )
                .coded("heading-unknown", [("sequence", &leaf.sequence), ("path", &rel), ("element", &leaf.element)]));
            }
            row.sha256 = Some(blob.info.sha256.clone());
            let document = dossier_model::DocumentId::from_sha256(&blob.info.sha256).to_string();
            row.document = Some(document.clone());
            if record {
                placed.push(history::Placed {
                    leaf: leaf.clone(),
                    document: Some(document.clone()),
                    lineage: None,
                    md5: Some(blob.info.md5.clone()),
                });
            }
            if let Some(earlier) = batch.iter_mut().find(|d| d.sha256 == blob.info.sha256) {
                // The same file on two headings (a synopsis in 2.7.6 and in 5.3.x). A document
                // has one section: keep the one it belongs to, note the other (and record both).
                let home = homes.entry(blob.info.sha256.clone()).or_insert_with(|| leaf.clone());
                also_placed(earlier, home, &leaf);
                report.already_known += 1;
                row.outcome = "already-known";
                blobs.discard(blob);
                report.leaves.push(row);
                continue;
            }
            if let Some(known) = project.store.document_by_sha256(&blob.info.sha256)? {
                lineages.entry(document.clone()).or_insert(known.source_path);
                let known = Finding::new(
                    "DB-ECTD-KNOWN",
                    Severity::Info,
                    format!(
                        "{}/{rel}: the project already holds these bytes; its section and title are left as they are (the backbone says {})",
                        leaf.sequence,
                        leaf.section.as_deref().unwrap_or("no known section")
                    ),
                );
                report.findings.push(match &leaf.section {
                    Some(section) => known.coded("leaf-known", [("sequence", &leaf.sequence), ("path", &rel), ("section", section)]),
                    None => known.coded("leaf-known-no-section", [("sequence", &leaf.sequence), ("path", &rel)]),
                });
                report.already_known += 1;
                row.outcome = "already-known";
                blobs.discard(blob);
                report.leaves.push(row);
                continue;
            }
            let candidate = Candidate { path: file_path.clone(), rel: rel.clone(), rel_raw: None, size: blob.info.size, case_twin: None };
            let mut doc = describe(&candidate, &blob.info, blob.path(), templates, &project.actor);
            apply_backbone(&mut doc, &leaf, mismatch);
            homes.insert(blob.info.sha256.clone(), leaf.clone());
            lineages.entry(document).or_insert_with(|| doc.source_path.clone());
            row.outcome = "imported";
            batch.push(doc);
            staged.push(blob);
            report.leaves.push(row);
            if batch.len() == BATCH {
                report.imported += commit(project, &blobs, &mut staged, &mut batch)?;
            }
        }
    }
    report.imported += commit(project, &blobs, &mut staged, &mut batch)?;
    progress(&Progress { phase: "import", done: total, total, bytes_done: report.bytes, bytes_total, item: String::new() });
    if let Some(app) = report.application.clone() {
        report.already_recorded = report.sequences.iter().filter(|n| !to_record.iter().any(|t| t.number == **n)).cloned().collect();
        if report.cancelled {
            return Ok(());
        }
        for p in &mut placed {
            p.lineage = p.document.as_ref().and_then(|d| lineages.get(d).cloned());
        }
        report.recorded = history::record(project, &app, &to_record, placed, shown)?;
    }
    Ok(())
}

/// What the backbone says about the document wins over the guess from its path.
fn apply_backbone(doc: &mut Document, leaf: &ReadLeaf, mismatch: Option<Finding>) {
    if let Some(section) = &leaf.section {
        doc.classification.section = Some(section.clone());
        doc.classification.origin = ClassificationOrigin::Facts;
        doc.classification.confidence = doc.classification.confidence.max(BACKBONE_CONFIDENCE);
    }
    dossier_rules::type_from_heading(Templates::embedded(), &mut doc.classification);
    if !leaf.title.is_empty() {
        doc.title = Some(leaf.title.clone());
    }
    if leaf.language.is_some() {
        doc.language = leaf.language.clone();
    }
    doc.scope = scope_of(leaf);
    let modifies = leaf.modified_file.as_deref().map(|m| format!(", modifying {m}")).unwrap_or_default();
    let operation = if leaf.operation.is_empty() { "(none)" } else { &leaf.operation };
    let section = leaf.section.as_deref().unwrap_or("(unknown)");
    let imported = Finding::new(
        "DB-ECTD-LIFECYCLE",
        Severity::Info,
        format!(
            "imported from eCTD sequence {} ({} leaf {}): operation {operation}{modifies}, section {section}",
            leaf.sequence, leaf.backbone, leaf.id
        ),
    );
    let (sequence, backbone, id) = (leaf.sequence.as_str(), leaf.backbone.as_str(), leaf.id.as_str());
    doc.findings.push(match &leaf.modified_file {
        None => imported.coded(
            "leaf-imported",
            [("sequence", sequence), ("backbone", backbone), ("leaf", id), ("operation", operation), ("section", section)],
        ),
        Some(modified) => imported.coded(
            "leaf-imported-modifying",
            [("sequence", sequence), ("backbone", backbone), ("leaf", id), ("operation", operation), ("modified", modified), ("section", section)],
        ),
    });
    doc.findings.extend(mismatch);
}

/// The substances, manufacturers, dosage forms and indications the backbones file documents
/// under that the product facts do not record: each is said once, since building for another
/// authority asks for them.
fn unrecorded_instances(project: &Project, sequences: &[reader::ReadSequence]) -> Result<Vec<Finding>> {
    let headings = crate::headings::load(project)?;
    let mut unrecorded = std::collections::BTreeSet::new();
    for leaf in sequences.iter().flat_map(|s| &s.leaves) {
        let scope = scope_of(leaf);
        for (attribute, field, what, value) in [
            ("substance", "substance", "drug substance", &scope.substance),
            ("manufacturer", "manufacturer", "drug substance manufacturer", &scope.manufacturer),
            ("dosageform", "dosage_form", "dosage form", &scope.dosage_form),
            ("indication", "indication", "indication", &scope.indication),
            ("excipient", "excipient", "excipient", &scope.excipient),
        ] {
            if let Some(v) = value.as_ref().filter(|v| !headings.records(attribute, v)) {
                unrecorded.insert((what, v.clone(), field));
            }
        }
    }
    Ok(unrecorded
        .into_iter()
        .map(|(what, value, field)| {
            Finding::new(
                "DB-ECTD-INSTANCE",
                Severity::Info,
                format!(
                    "the backbone files documents under the {what} \"{value}\", which the product facts do not record; add it to the product facts (`dossier facts export`, edit, `dossier facts import`) so a build for another authority can file them under it"
                ),
            )
            // The scope field rather than `what`, so that the UI can name it in its language.
            .coded("backbone-instance-unrecorded", [("field", field), ("value", &value)])
        })
        .collect())
}

/// Which instances of repeated headings the leaf sits under, as the document's scope. A
/// `manufacturer` counts only beside a `substance` (3.2.S): on 3.2.P it names the product's.
fn scope_of(leaf: &ReadLeaf) -> dossier_model::Scope {
    let get = |name: &str| leaf.heading_attributes.iter().rev().find(|(k, _)| k == name).map(|(_, v)| v.clone());
    let substance = get("substance");
    dossier_model::Scope {
        manufacturer: substance.as_ref().and(get("manufacturer")),
        substance,
        dosage_form: get("dosageform"),
        indication: get("indication"),
        excipient: get("excipient"),
    }
}

/// Records that `doc`'s bytes also sit on `leaf`'s heading. `home` is the leaf whose section
/// the document has so far. The document keeps one section, its better home: a study-level
/// module (M5 > M4 > M3) over the summaries of M2, and any ICH heading over a regional Module 1
/// one (it serves every authority); the note names the other placement — its own sequence,
/// leaf, operation and section. With `--application` every leaf is also recorded in the
/// application's history with its own section, heading instances and title.
fn also_placed(doc: &mut Document, home: &mut ReadLeaf, leaf: &ReadLeaf) {
    let rank = |s: Option<&str>| match s {
        None => 0,
        Some(s) if s.contains(':') => 1,
        Some(s) => 2 + s.chars().next().and_then(|c| c.to_digit(10)).unwrap_or(0),
    };
    let other = if rank(leaf.section.as_deref()) > rank(doc.classification.section.as_deref()) {
        doc.classification.section = leaf.section.clone();
        doc.classification.origin = ClassificationOrigin::Facts;
        doc.classification.confidence = doc.classification.confidence.max(BACKBONE_CONFIDENCE);
        std::mem::replace(home, leaf.clone())
    } else {
        leaf.clone()
    };
    let also = Finding::new(
        "DB-ECTD-LIFECYCLE",
        Severity::Info,
        format!(
            "also in eCTD sequence {} ({} leaf {}, operation {}) on {}; a document keeps one section here — assign it to that item by hand if an application needs it there",
            other.sequence,
            other.backbone,
            other.id,
            other.operation,
            other.section.as_deref().unwrap_or("an unknown heading")
        ),
    );
    let (sequence, backbone, id, operation) = (other.sequence.as_str(), other.backbone.as_str(), other.id.as_str(), other.operation.as_str());
    doc.findings.push(match &other.section {
        Some(section) => also.coded(
            "leaf-also-placed",
            [("sequence", sequence), ("backbone", backbone), ("leaf", id), ("operation", operation), ("section", section)],
        ),
        None => also.coded("leaf-also-placed-unknown", [("sequence", sequence), ("backbone", backbone), ("leaf", id), ("operation", operation)]),
    });
}

/// Regional Module 1 element names → codes, from every eCTD profile (`eu`, `cn`, `us`).
fn regional_elements(templates: &Templates) -> Vec<(Region, String, String)> {
    let mut out: Vec<(Region, String, String)> = Vec::new();
    for p in templates.profiles.all() {
        let region = match p.header.format {
            Format::EctdEu => Region::Eu,
            Format::EctdCn => Region::Cn,
            Format::EctdUs => Region::Us,
            Format::HkCtd => continue,
        };
        for n in &p.m1 {
            let Some(element) = &n.element else { continue };
            let code = n.code.split_once(':').map_or(n.code.as_str(), |(_, c)| c);
            if !out.iter().any(|(r, e, _)| *r == region && e == element) {
                out.push((region, element.clone(), code.to_owned()));
            }
        }
    }
    out
}

fn io_error(path: &Path, e: std::io::Error) -> ApiError {
    ApiError::new(ErrorCode::Io, format!("{}: {e}", path.display()))
}
