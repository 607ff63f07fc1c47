//! `dossier import`: files and folders into the blob store and the documents table.
//!
//! Each file is read once: the blob store hashes SHA-256 and MD5 while copying. PDF facts are
//! read from the stored blob (the immutable copy), and a broken file is imported with findings
//! rather than stopping the import. Rows are committed in batches, after their blobs are safely
//! on disk, so an interrupted import loses at most the current batch and a re-run completes it.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use dossier_model::{Classification, ClassificationOrigin, Document, DocumentId, FileKind, Finding, Severity};
use dossier_rules::{Templates, classify};
use serde::Serialize;
use dossier_store::SourceStamp;
use walkdir::WalkDir;

use crate::{ApiError, ErrorCode, Progress, ProgressSink, Project, Result};

/// Rows written per transaction: large enough to avoid a commit per file, small enough that a
/// crash loses little.
pub(crate) const BATCH: usize = 256;

#[derive(Debug, Default)]
pub struct ImportOptions<'a> {
    /// Set from another thread to stop between files; what was imported stays.
    pub cancel: Option<&'a AtomicBool>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct ImportReport {
    pub files_seen: u64,
    pub imported: u64,
    /// Files whose bytes the project already held (a re-import changes nothing).
    pub already_known: u64,
    pub bytes: u64,
    /// Imported documents that carry findings (broken, encrypted, odd names…).
    pub with_findings: u64,
    pub skipped: Vec<Skipped>,
    pub cancelled: bool,
}

/// Something found while walking that was deliberately not imported.
#[derive(Debug, Clone, Serialize)]
pub struct Skipped {
    pub path: String,
    pub reason: String,
}

pub(crate) struct Candidate {
    pub(crate) path: PathBuf,
    /// Relative to the folder given on the command line, `/`-separated.
    pub(crate) rel: String,
    pub(crate) rel_raw: Option<Vec<u8>>,
    pub(crate) size: u64,
    /// Another file of this import whose path differs from this one only in letter case.
    pub(crate) case_twin: Option<String>,
}

pub fn import_paths(
    project: &mut Project,
    paths: &[PathBuf],
    options: &ImportOptions<'_>,
    progress: ProgressSink<'_>,
) -> Result<ImportReport> {
    let mut report = ImportReport::default();
    let candidates = scan(paths, &mut report)?;
    let bytes_total: u64 = candidates.iter().map(|c| c.size).sum();
    let total = candidates.len() as u64;
    report.files_seen = total;

    let blobs = project.store.blobs()?;
    blobs.remove_stale_temp_files()?;
    // Files unchanged since they were hashed need no reading at all (a re-import of 30 GB is
    // a scan); the others go to the workers.
    let mut todo: Vec<(&Candidate, Option<SourceStamp>)> = Vec::new();
    let mut bytes_done = 0;
    for c in &candidates {
        let stamp = source_stamp(c);
        if let Some(stamp) = &stamp {
            if project.store.cached_hash(stamp)?.is_some() {
                bytes_done += c.size;
                report.bytes += c.size;
                report.already_known += 1;
                continue;
            }
        }
        todo.push((c, stamp));
    }
    let cancelled = || options.cancel.is_some_and(|flag| flag.load(Ordering::Relaxed));
    let templates = Templates::embedded();
    let actor = project.actor.clone();
    let stop = AtomicBool::new(false);
    let next = std::sync::atomic::AtomicUsize::new(0);
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get()).clamp(1, 4);
    let (tx, rx) = std::sync::mpsc::sync_channel::<(usize, Staged)>(workers * 4);
    let mut batch: Vec<Document> = Vec::with_capacity(BATCH);
    let mut staged: Vec<dossier_store::StagedBlob> = Vec::with_capacity(BATCH);
    let mut hashed: Vec<(SourceStamp, String)> = Vec::new();
    let mut done = (total as usize - todo.len()) as u64;

    let outcome = std::thread::scope(|scope| -> Result<()> {
        // Workers copy, hash and describe whole files, so both cores stay busy whatever the mix
        // of sizes (and PDF inspection runs in parallel too); this thread keeps the input order
        // and owns the store, so the documents table is filled exactly as a serial import would.
        for _ in 0..workers {
            let tx = tx.clone();
            let (todo, next, stop, blobs, actor) = (&todo, &next, &stop, &blobs, &actor);
            scope.spawn(move || {
                loop {
                    if stop.load(Ordering::Relaxed) {
                        return;
                    }
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some((c, _)) = todo.get(i) else { return };
                    let result = stage_one(blobs, c, templates, actor);
                    if tx.send((i, result)).is_err() {
                        return;
                    }
                }
            });
        }
        drop(tx);
        let mut pending: std::collections::BTreeMap<usize, Staged> = std::collections::BTreeMap::new();
        let mut expected = 0;
        let result = (|| -> Result<()> {
            for (i, result) in &rx {
                pending.insert(i, result);
                while let Some(result) = pending.remove(&expected) {
                    let (c, stamp) = &todo[expected];
                    expected += 1;
                    if cancelled() {
                        report.cancelled = true;
                        if let Staged::Done(blob, _) = result {
                            blobs.discard(blob);
                        }
                        return Ok(());
                    }
                    progress(&Progress { phase: "import", done, total, bytes_done, bytes_total, item: c.rel.clone() });
                    done += 1;
                    bytes_done += c.size;
                    let (blob, doc) = match result {
                        Staged::Unreadable(reason) => {
                            report.skipped.push(Skipped { path: c.rel.clone(), reason });
                            continue;
                        }
                        Staged::Failed(e) => return Err(e.into()),
                        Staged::Done(blob, doc) => (blob, doc),
                    };
                    report.bytes += blob.info.size;
                    if let Some(stamp) = stamp {
                        hashed.push((stamp.clone(), blob.info.sha256.clone()));
                    }
                    let sha256 = &blob.info.sha256;
                    let known = project.store.document_by_sha256(sha256)?.is_some();
                    if known && !blobs.contains(sha256) {
                        // A known document whose stored copy a build set aside as damaged gets
                        // its bytes back from this file (issue 14, point 2).
                        report.already_known += 1;
                        staged.push(blob);
                        continue;
                    }
                    if known || batch.iter().any(|d| &d.sha256 == sha256) {
                        report.already_known += 1;
                        blobs.discard(blob);
                        continue;
                    }
                    if !doc.findings.is_empty() {
                        report.with_findings += 1;
                    }
                    batch.push(*doc);
                    staged.push(blob);
                    if batch.len() == BATCH {
                        report.imported += commit(project, &blobs, &mut staged, &mut batch)?;
                        remember(project, &mut hashed)?;
                    }
                }
            }
            Ok(())
        })();
        // Stop the workers and drop what they staged but this thread did not take.
        stop.store(true, Ordering::Relaxed);
        for (_, left) in pending.into_iter().chain(rx.iter()) {
            if let Staged::Done(blob, _) = left {
                blobs.discard(blob);
            }
        }
        result
    });
    if let Err(e) = outcome {
        for blob in staged.drain(..) {
            blobs.discard(blob);
        }
        return Err(e);
    }
    report.imported += commit(project, &blobs, &mut staged, &mut batch)?;
    remember(project, &mut hashed)?;
    progress(&Progress { phase: "import", done: total, total, bytes_done, bytes_total, item: String::new() });
    Ok(report)
}

/// One file as a worker left it.
enum Staged {
    Done(dossier_store::StagedBlob, Box<Document>),
    /// It could not be opened (permissions, vanished): skipped with this reason.
    Unreadable(String),
    /// The blob store failed (disk full…): the import stops.
    Failed(dossier_store::Error),
}

fn stage_one(blobs: &dossier_store::BlobStore, c: &Candidate, templates: &Templates, actor: &dossier_store::Actor) -> Staged {
    let mut file = match File::open(&c.path) {
        Ok(f) => f,
        Err(e) => return Staged::Unreadable(format!("cannot be read: {e}")),
    };
    match blobs.stage(&mut file, &c.path) {
        Ok(blob) => {
            let doc = describe(c, &blob.info, blob.path(), templates, actor);
            Staged::Done(blob, Box::new(doc))
        }
        Err(e) => Staged::Failed(e),
    }
}

/// The file's path, size and modification time, to skip it next time when none changed.
fn source_stamp(c: &Candidate) -> Option<SourceStamp> {
    let meta = std::fs::metadata(&c.path).ok()?;
    let mtime = meta.modified().ok()?.duration_since(std::time::UNIX_EPOCH).ok()?;
    let source = std::path::absolute(&c.path).ok()?.to_string_lossy().into_owned();
    Some(SourceStamp { source, size: meta.len(), mtime_ns: i64::try_from(mtime.as_nanos()).ok()? })
}

/// Records what was hashed, after the documents it names are committed.
fn remember(project: &mut Project, hashed: &mut Vec<(SourceStamp, String)>) -> Result<()> {
    if hashed.is_empty() {
        return Ok(());
    }
    let rows = std::mem::take(hashed);
    Ok(project.store.with_tx(&project.actor, |tx| rows.iter().try_for_each(|(stamp, sha)| tx.remember_hash(stamp, sha)))?)
}

/// Blobs first, durable and under their final names; then the rows that point at them.
pub(crate) fn commit(
    project: &mut Project,
    blobs: &dossier_store::BlobStore,
    staged: &mut Vec<dossier_store::StagedBlob>,
    batch: &mut Vec<Document>,
) -> Result<u64> {
    blobs.publish(staged)?;
    staged.clear();
    let docs = std::mem::take(batch);
    let written = project.store.with_tx(&project.actor, |tx| {
        let mut n = 0;
        for doc in &docs {
            n += u64::from(tx.insert_document(doc)?);
        }
        Ok(n)
    })?;
    Ok(written)
}

/// Builds the document record: hashes from the blob, PDF facts, a first classification.
pub(crate) fn describe(
    c: &Candidate,
    blob: &dossier_store::BlobInfo,
    blob_path: &Path,
    templates: &Templates,
    actor: &dossier_store::Actor,
) -> Document {
    let file_name = c.rel.rsplit('/').next().unwrap_or(&c.rel).to_owned();
    let mut findings = name_findings(c, &file_name);
    let is_pdf_name = file_name.to_lowercase().ends_with(".pdf");
    let head = read_head(blob_path);
    let (kind, pdf) = if blob.size == 0 {
        findings.push(Finding::new(
            "DB-IMP-EMPTY",
            Severity::Error,
            format!("{} is empty (0 bytes); eCTD does not accept empty files — replace it with the real document", c.rel),
        )
        .coded("file-empty", [("path", &c.rel)]));
        (if is_pdf_name { FileKind::Pdf } else { FileKind::Other }, None)
    } else if is_pdf_name || dossier_package::pdf::looks_like_pdf(&head) {
        let inspection = dossier_package::pdf::inspect(blob_path, &c.rel);
        findings.extend(inspection.findings);
        (if inspection.facts.is_some() { FileKind::Pdf } else { FileKind::Other }, inspection.facts)
    } else if file_name.to_lowercase().ends_with(".xml") {
        (FileKind::Xml, None)
    } else {
        (FileKind::Other, None)
    };
    let guess = classify(templates, &c.rel);
    Document {
        id: DocumentId::from_sha256(&blob.sha256),
        sha256: blob.sha256.clone(),
        md5: blob.md5.clone(),
        size: blob.size,
        file_name,
        source_path: c.rel.clone(),
        source_path_raw: c.rel_raw.clone(),
        version: 1,
        kind,
        pdf,
        classification: Classification {
            doc_type: guess.doc_type,
            section: guess.section,
            confidence: guess.confidence,
            origin: ClassificationOrigin::Guess,
        },
        language: guess.language,
        title: None,
        issued: None,
        expires: None,
        study: None,
        scope: Default::default(),
        translation_of: None,
        imported_at: (actor.now)(),
        findings,
    }
}

fn read_head(path: &Path) -> Vec<u8> {
    use std::io::Read;
    let mut head = Vec::with_capacity(1024);
    if let Ok(f) = File::open(path) {
        let _ = f.take(1024).read_to_end(&mut head);
    }
    head
}

fn name_findings(c: &Candidate, file_name: &str) -> Vec<Finding> {
    let mut out = Vec::new();
    if c.rel_raw.is_some() {
        out.push(Finding::new(
            "DB-IMP-NAME-ENCODING",
            Severity::Warning,
            format!(
                "{} has a name that is not valid UTF-8; it was imported and its original bytes kept — \
                 rename it so that every system shows the same name",
                c.rel
            ),
        )
        .coded("name-not-utf8", [("path", &c.rel)]));
    }
    if c.rel.split('/').any(|seg| seg.ends_with('.') || seg.ends_with(' ')) {
        // Quoted, so that the dot or space at the end shows.
        let quoted = format!("{:?}", c.rel);
        out.push(Finding::new(
            "DB-IMP-NAME-TRAILING",
            Severity::Warning,
            format!(
                "{quoted} has a name or folder ending in a dot or a space; Windows cannot hold such a name and some zip tools strip it — rename it"
            ),
        )
        .coded("name-trailing", [("path", &quoted)]));
    }
    if let Some(twin) = &c.case_twin {
        out.push(Finding::new(
            "DB-IMP-NAME-CASE",
            Severity::Warning,
            format!(
                "{} and {twin} differ only in letter case: they are one file on Windows and macOS and one eCTD name — rename one of them",
                c.rel
            ),
        )
        .coded("name-case-twin", [("path", &c.rel), ("twin", twin)]));
    }
    if file_name.chars().any(char::is_control) {
        let escaped = c.rel.escape_debug().to_string();
        out.push(Finding::new(
            "DB-IMP-NAME-CONTROL",
            Severity::Warning,
            format!("{escaped} has control characters in its name; rename it"),
        )
        .coded("name-control", [("path", &escaped)]));
    }
    out
}

/// Walks every path and lists the regular files to import.
fn scan(paths: &[PathBuf], report: &mut ImportReport) -> Result<Vec<Candidate>> {
    let mut out = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|e| {
            ApiError::new(ErrorCode::NotFound, format!("{}: cannot be imported ({e}); check the path", path.display()))
        })?;
        if meta.is_file() {
            let name = path.file_name().map(|n| n.to_owned()).unwrap_or_default();
            if is_sparse_placeholder(&meta) {
                report.skipped.push(Skipped { path: slash(Path::new(&name)).0, reason: sparse_reason(meta.len()) });
                continue;
            }
            out.push(candidate(path.clone(), Path::new(&name), meta.len()));
            continue;
        }
        let root = path.canonicalize().map_err(|e| ApiError::new(ErrorCode::Io, format!("{}: {e}", path.display())))?;
        for entry in WalkDir::new(path).follow_links(true).sort_by_file_name() {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    let at = e.path().map(|p| slash(p.strip_prefix(path).unwrap_or(p)).0).unwrap_or_default();
                    let reason = match e.loop_ancestor() {
                        Some(a) => format!("symbolic link loop back to {}; not followed", a.display()),
                        None => format!("cannot be read: {e}"),
                    };
                    report.skipped.push(Skipped { path: at, reason });
                    continue;
                }
            };
            let rel = entry.path().strip_prefix(path).unwrap_or(entry.path()).to_path_buf();
            if entry.path_is_symlink() {
                match entry.path().canonicalize() {
                    Ok(target) if target.starts_with(&root) => {}
                    Ok(target) => {
                        report.skipped.push(Skipped {
                            path: slash(&rel).0,
                            reason: format!("symbolic link to {} outside the imported folder; not followed", target.display()),
                        });
                        continue;
                    }
                    Err(e) => {
                        report.skipped.push(Skipped { path: slash(&rel).0, reason: format!("broken symbolic link: {e}") });
                        continue;
                    }
                }
            }
            if !entry.file_type().is_file() {
                continue;
            }
            let name = entry.file_name().to_string_lossy();
            if name.starts_with('.') || name == "Thumbs.db" || name == "desktop.ini" {
                report.skipped.push(Skipped { path: slash(&rel).0, reason: "system or hidden file".into() });
                continue;
            }
            let meta = entry.metadata().ok();
            if meta.as_ref().is_some_and(is_sparse_placeholder) {
                let size = meta.map_or(0, |m| m.len());
                report.skipped.push(Skipped { path: slash(&rel).0, reason: sparse_reason(size) });
                continue;
            }
            let size = meta.map_or(0, |m| m.len());
            out.push(candidate(entry.path().to_path_buf(), &rel, size));
        }
    }
    mark_case_twins(&mut out);
    Ok(out)
}

fn candidate(path: PathBuf, rel: &Path, size: u64) -> Candidate {
    let (rel, rel_raw) = slash(rel);
    Candidate { path, rel, rel_raw, size, case_twin: None }
}

/// Marks files whose paths differ only in letter case: one file on Windows and macOS, and one
/// name once eCTD lower-cases it.
fn mark_case_twins(candidates: &mut [Candidate]) {
    let mut by_lower: std::collections::HashMap<String, Vec<usize>> = std::collections::HashMap::new();
    for (i, c) in candidates.iter().enumerate() {
        by_lower.entry(c.rel.to_lowercase()).or_default().push(i);
    }
    for group in by_lower.values().filter(|g| g.len() > 1) {
        for &i in group {
            let twin = group.iter().find(|&&j| j != i).map(|&j| candidates[j].rel.clone());
            candidates[i].case_twin = twin;
        }
    }
}

/// A file of many gigabytes with almost no blocks on disk is a sparse placeholder, never a real
/// document: reading it would copy gigabytes of zeros into the project.
#[cfg(unix)]
fn is_sparse_placeholder(meta: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    meta.len() >= 64 << 20 && meta.blocks().saturating_mul(512) < meta.len() / 8
}

#[cfg(not(unix))]
fn is_sparse_placeholder(_meta: &std::fs::Metadata) -> bool {
    false
}

fn sparse_reason(size: u64) -> String {
    format!(
        "{} MB long but almost entirely holes (a sparse placeholder, not a document); not imported — replace it with the real file",
        size >> 20
    )
}

/// The path with `/` separators, and its raw bytes when it is not valid UTF-8.
fn slash(rel: &Path) -> (String, Option<Vec<u8>>) {
    let parts: Vec<String> = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    let raw = match rel.to_str() {
        Some(_) => None,
        None => Some(raw_bytes(rel)),
    };
    (parts.join("/"), raw)
}

#[cfg(unix)]
fn raw_bytes(p: &Path) -> Vec<u8> {
    use std::os::unix::ffi::OsStrExt;
    p.as_os_str().as_bytes().to_vec()
}

#[cfg(not(unix))]
fn raw_bytes(p: &Path) -> Vec<u8> {
    p.to_string_lossy().into_owned().into_bytes()
}
