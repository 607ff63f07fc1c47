//! `dossier import`: files and folders into the blob store and the documents table.
//!
//! Each file is read once: the blob store hashes SHA-256 and MD5 while copying. PDF facts are
//! read from the stored blob (the immutable copy), and a broken file is imported with findings
//! rather than stopping the import. Rows are committed in batches, after their blobs are safely
//! on disk, so an interrupted import loses at most the current batch and a re-run completes it.
//!
//! [`walk`] lists the files and opens each again beneath its chosen folder without following
//! links; a file that changes while it is read (its size, times or inode differ before and
//! after, or from the listing) is not stored and is reported, so a half-written file never
//! becomes a document.

mod walk;

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use dossier_model::{Classification, ClassificationOrigin, Document, DocumentId, FileKind, Finding, Severity};
use dossier_package::portable::{Twin, portable_name_problem};
use dossier_rules::{Templates, classify};
use serde::Serialize;
use dossier_store::SourceStamp;
use walk::{Ident, Listed};

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

/// Something found while walking that was not imported.
#[derive(Debug, Clone, Serialize)]
pub struct Skipped {
    pub path: String,
    pub kind: SkipKind,
    pub reason: String,
}

impl Skipped {
    pub(crate) fn new(kind: SkipKind, path: String, reason: String) -> Skipped {
        Skipped { path, kind, reason }
    }
}

/// Why a file was left out: deliberately (`hidden`, `link`, `special`, `sparse`), or because it
/// could not be read as it was (`unreadable`, `changed`), which leaves the import not clean.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SkipKind {
    /// A dot file, `Thumbs.db`, `desktop.ini`.
    Hidden,
    /// A symbolic link inside the walk, never followed.
    Link,
    /// A FIFO, socket or device: not a regular file.
    Special,
    /// A sparse placeholder, almost all holes.
    Sparse,
    /// A project folder (this one or another) inside a chosen folder: its store, blobs and
    /// builds are not documents.
    Project,
    /// Permissions, an I/O error.
    Unreadable,
    /// Written, truncated, replaced or swapped for a link while it was imported.
    Changed,
}

impl ImportReport {
    /// False when a file could not be imported as it was (unreadable, or changed while it was
    /// read): the person has to act, and the CLI exits 1.
    pub fn is_clean(&self) -> bool {
        !self.skipped.iter().any(|s| matches!(s.kind, SkipKind::Unreadable | SkipKind::Changed))
    }
}

pub(crate) struct Candidate {
    pub(crate) path: PathBuf,
    /// Relative to the folder given on the command line, `/`-separated.
    pub(crate) rel: String,
    pub(crate) rel_raw: Option<Vec<u8>>,
    pub(crate) size: u64,
    /// Another file of this import whose path is this one's once Unicode-normalised (NFC) or
    /// letter case is ignored: one file on macOS and Windows.
    pub(crate) case_twin: Option<String>,
}

pub fn import_paths(
    project: &mut Project,
    paths: &[PathBuf],
    options: &ImportOptions<'_>,
    progress: ProgressSink<'_>,
) -> Result<ImportReport> {
    if let Some(unit) = paths.iter().find(|p| dossier_package::v4::unit(p).is_some()) {
        return Err(ApiError::new(ErrorCode::Unsupported, dossier_package::v4::message(unit)));
    }
    let mut report = ImportReport::default();
    project.store.ensure_writable()?;
    // A folder inside the project is refused; a folder holding it (or another project) is
    // imported without the project folder (see paths.rs).
    let mut project_folders = crate::paths::project_within_inputs(project, paths)?;
    let mut listed = walk::scan(paths, &mut report)?;
    let stores = listed.iter().filter(|l| l.candidate.path.file_name().is_some_and(|n| n == dossier_store::DATABASE_FILE));
    project_folders.extend(stores.filter_map(|l| l.candidate.path.parent().map(Path::to_path_buf)));
    project_folders.sort();
    project_folders.dedup();
    for folder in &project_folders {
        listed.retain(|l| !l.candidate.path.starts_with(folder));
        report.skipped.push(Skipped::new(
            SkipKind::Project,
            folder.display().to_string(),
            "a project folder: its store, blobs and builds are not documents".into(),
        ));
    }
    mark_twins(&mut listed);
    let candidates = listed;
    let bytes_total: u64 = candidates.iter().map(|l| l.candidate.size).sum();
    let total = candidates.len() as u64;
    report.files_seen = total;

    let blobs = project.store.blobs()?;
    blobs.remove_stale_temp_files()?;
    // Files unchanged since they were hashed need no reading at all (a re-import of 30 GB is
    // a scan); the others go to the workers.
    let mut todo: Vec<(&Listed, Option<SourceStamp>)> = Vec::new();
    let mut bytes_done = 0;
    for l in &candidates {
        let stamp = source_stamp(l);
        if let Some(stamp) = &stamp {
            if project.store.cached_hash(stamp)?.is_some() {
                bytes_done += l.candidate.size;
                report.bytes += l.candidate.size;
                report.already_known += 1;
                continue;
            }
        }
        todo.push((l, stamp));
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
                    let (l, stamp) = &todo[expected];
                    let c = &l.candidate;
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
                        Staged::Left((kind, reason)) => {
                            report.skipped.push(Skipped::new(kind, c.rel.clone(), reason));
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
    /// Not read, or read but not kept (unreadable, replaced, changed while read): reported.
    Left(walk::Left),
    /// The blob store failed (disk full…): the import stops.
    Failed(dossier_store::Error),
}

fn stage_one(blobs: &dossier_store::BlobStore, l: &Listed, templates: &Templates, actor: &dossier_store::Actor) -> Staged {
    let file = match walk::open(l) {
        Ok(f) => f,
        Err(left) => return Staged::Left(left),
    };
    match stage_unchanged(blobs, &file, &mut &file, l.ident, &l.candidate.path) {
        Ok(blob) => {
            let doc = describe(&l.candidate, &blob.info, blob.path(), templates, actor);
            Staged::Done(blob, Box::new(doc))
        }
        Err(staged) => staged,
    }
}

/// Stages what `read` gives (the bytes of `file`), then keeps it only if `file` is still the
/// version the walk listed: same size, modification and change times and inode before and
/// after the read, and exactly that many bytes read. A file being written, truncated or
/// appended to while it is copied would otherwise be stored as a mixture or a prefix.
fn stage_unchanged(
    blobs: &dossier_store::BlobStore,
    file: &File,
    read: &mut dyn Read,
    listed: Ident,
    path: &Path,
) -> std::result::Result<dossier_store::StagedBlob, Staged> {
    let unreadable = |e: std::io::Error| Staged::Left((SkipKind::Unreadable, format!("cannot be read: {e}")));
    let before = Ident::of_file(file).map_err(unreadable)?;
    let blob = blobs.stage(read, path).map_err(Staged::Failed)?;
    let after = Ident::of_file(file).map_err(unreadable)?;
    if before == listed && after == before && blob.info.size == before.size {
        return Ok(blob);
    }
    let read_bytes = blob.info.size;
    blobs.discard(blob);
    let sizes = [listed.size, before.size, read_bytes, after.size];
    let how = if sizes.iter().all(|&s| s == listed.size) {
        "it was modified".to_owned()
    } else {
        format!("it was {} bytes when listed and {} bytes after reading {} bytes", listed.size, after.size, read_bytes)
    };
    Err(Staged::Left((
        SkipKind::Changed,
        format!("changed while it was being imported ({how}); not imported — copy it again when it is no longer being written"),
    )))
}

/// The file's path, size and modification time (as the walk saw them), to skip it next time
/// when none changed.
fn source_stamp(l: &Listed) -> Option<SourceStamp> {
    let source = std::path::absolute(&l.candidate.path).ok()?.to_string_lossy().into_owned();
    Some(SourceStamp { source, size: l.ident.size, mtime_ns: l.ident.mtime_ns })
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
    let mut findings = name_findings(c);
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
    let mut head = Vec::with_capacity(1024);
    if let Ok(f) = File::open(path) {
        let _ = f.take(1024).read_to_end(&mut head);
    }
    head
}

fn name_findings(c: &Candidate) -> Vec<Finding> {
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
    // One finding per folder or file name on the path that would not survive Windows, macOS
    // or a gateway, each with a name that would.
    for name in c.rel.split('/') {
        if let Some(problem) = portable_name_problem(name) {
            out.push(dossier_package::portable::finding(&c.rel, name, &problem));
        }
    }
    if let Some(twin) = &c.case_twin {
        let twin_kind = dossier_package::portable::twins(&[&c.rel, twin])[0].map(|(_, kind)| kind);
        out.push(if twin_kind == Some(Twin::Normalisation) {
            Finding::new(
                "DB-IMP-NAME-NFC",
                Severity::Warning,
                format!(
                    "{} and {twin} are the same name written in two Unicode forms (an accent as its own character or combined): \
                     they are one file on macOS and may be on a gateway — rename one of them",
                    c.rel
                ),
            )
            .coded("name-nfc-twin", [("path", &c.rel), ("twin", twin)])
        } else {
            Finding::new(
                "DB-IMP-NAME-CASE",
                Severity::Warning,
                format!(
                    "{} and {twin} differ only in letter case: they are one file on Windows and macOS and one eCTD name — rename one of them",
                    c.rel
                ),
            )
            .coded("name-case-twin", [("path", &c.rel), ("twin", twin)])
        });
    }
    out
}

pub(crate) fn candidate(path: PathBuf, rel: &Path, size: u64) -> Candidate {
    let (rel, rel_raw) = slash(rel);
    Candidate { path, rel, rel_raw, size, case_twin: None }
}

/// Marks files that another file of this import twins: paths equal once Unicode-normalised
/// or once letter case is ignored, which are one file on macOS and Windows (and one name once
/// eCTD lower-cases it).
fn mark_twins(listed: &mut [Listed]) {
    let rels: Vec<&str> = listed.iter().map(|l| l.candidate.rel.as_str()).collect();
    let twins: Vec<Option<String>> =
        dossier_package::portable::twins(&rels).into_iter().map(|t| t.map(|(j, _)| rels[j].to_owned())).collect();
    for (l, twin) in listed.iter_mut().zip(twins) {
        l.candidate.case_twin = twin;
    }
}

/// The path with `/` separators, and its raw bytes when it is not valid UTF-8.
pub(crate) fn slash(rel: &Path) -> (String, Option<Vec<u8>>) {
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

#[cfg(test)]
mod tests {
    //! A file that changes while it is read, changed from inside the read itself (the reader
    //! below writes to the file after handing over its first bytes): deterministic.

    use std::fs::{self, OpenOptions};
    use std::io::Write;

    use super::*;

    /// Reads `file`, and after the first read does `change` to the file at `path`.
    struct ChangingReader<'a> {
        file: &'a File,
        change: Option<Box<dyn FnOnce() + 'a>>,
    }

    impl Read for ChangingReader<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let len = buf.len().min(4096);
            let n = (&*self.file).read(&mut buf[..len])?;
            if let Some(change) = self.change.take() {
                change();
            }
            Ok(n)
        }
    }

    fn stage_while(change: impl FnOnce(&Path) + 'static) -> (std::result::Result<dossier_store::BlobInfo, walk::Left>, usize) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.pdf");
        fs::write(&path, vec![b'x'; 1 << 20]).unwrap();
        let blobs = dossier_store::BlobStore::open(&dir.path().join("blobs")).unwrap();
        let file = File::open(&path).unwrap();
        let listed = Ident::of_file(&file).unwrap();
        let at = path.clone();
        let mut reader = ChangingReader { file: &file, change: Some(Box::new(move || change(&at))) };
        let result = match stage_unchanged(&blobs, &file, &mut reader, listed, &path) {
            Ok(blob) => {
                let info = blob.info.clone();
                blobs.discard(blob);
                Ok(info)
            }
            Err(Staged::Left(left)) => Err(left),
            Err(Staged::Failed(e)) => panic!("{e}"),
            Err(Staged::Done(..)) => unreachable!(),
        };
        let left_in_tmp = fs::read_dir(dir.path().join("blobs/.tmp")).unwrap().count();
        (result, left_in_tmp)
    }

    fn changed(result: std::result::Result<dossier_store::BlobInfo, walk::Left>) -> String {
        match result {
            Ok(info) => panic!("stored {} bytes of a file that changed", info.size),
            Err((kind, reason)) => {
                assert_eq!(kind, SkipKind::Changed, "{reason}");
                assert!(reason.contains("copy it again when it is no longer being written"), "{reason}");
                reason
            }
        }
    }

    #[test]
    fn a_file_truncated_while_it_is_read_is_not_stored() {
        let (result, tmp) = stage_while(|p| OpenOptions::new().write(true).open(p).unwrap().set_len(1000).unwrap());
        let reason = changed(result);
        assert!(reason.contains("1048576 bytes when listed and 1000 bytes"), "{reason}");
        assert_eq!(tmp, 0, "the staged prefix is discarded");
    }

    #[test]
    fn a_file_appended_to_while_it_is_read_is_not_stored() {
        let (result, tmp) = stage_while(|p| OpenOptions::new().append(true).open(p).unwrap().write_all(b"more").unwrap());
        changed(result);
        assert_eq!(tmp, 0);
    }

    #[test]
    fn a_file_rewritten_in_place_with_the_same_size_while_it_is_read_is_not_stored() {
        let (result, tmp) = stage_while(|p| {
            let f = OpenOptions::new().write(true).open(p).unwrap();
            (&f).write_all(b"yyyy").unwrap();
            // Same size; the modification time moves on (set explicitly: a coarse clock could
            // leave it equal).
            f.set_modified(std::time::SystemTime::now() + std::time::Duration::from_secs(3)).unwrap();
        });
        assert!(changed(result).contains("it was modified"));
        assert_eq!(tmp, 0);
    }

    #[test]
    fn a_file_left_alone_while_it_is_read_is_stored() {
        let (result, _) = stage_while(|_| {});
        assert_eq!(result.expect("stored").size, 1 << 20);
    }
}
