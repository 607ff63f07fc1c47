//! Writing a planned sequence: `NNNN/` with `index.xml`, `index-md5.txt`, the regional backbone,
//! `util/` and every leaf, built in a temp folder beside the final one and renamed into place
//! only when complete. Leaves are streamed from the blob store and checked against their
//! SHA-256 on the way (`blob::stream`): a blob changed behind the program's back stops the build
//! before anything gets a final name. Their MD5s come from the store and are computed again from
//! the bytes copied; the folder and the zip each read every blob once. The temp folder is then
//! validated by the catalogue engine as the sequence it will become (`validate::validate_built`,
//! given those MD5s so that no leaf is read again for its checksum), and named only when no
//! rejection-level rule fails on what the build wrote (`Verdict::refusing`).

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use dossier_model::Finding;
use serde::Serialize;

use crate::backbone::Rendered;
use crate::plan::SequencePlan;
use crate::zip::Source;
use crate::{Error, Result, util};

/// Where and how to write.
#[derive(Debug, Clone, Copy)]
pub struct WriteOptions<'a> {
    /// The application folder; the sequence becomes `<dir>/<NNNN>`.
    pub dir: &'a Path,
    /// The user-supplied FDA DTD (already checked against its MD5), shipped in US sequences.
    pub us_dtd: Option<&'a [u8]>,
    /// Set from another thread to stop; the partial output is removed.
    pub cancel: Option<&'a AtomicBool>,
    /// Also write `<NNNN>.zip` beside the folder, on a second thread while the folder is
    /// written (both from the blob store, so the two copies run on both cores).
    pub zip: bool,
}

/// Progress of one write, for bars.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WriteProgress {
    pub done: u64,
    pub total: u64,
    pub bytes_done: u64,
    pub bytes_total: u64,
    pub item: String,
}

/// What was written.
#[derive(Debug, Clone, Serialize)]
pub struct Written {
    pub folder: PathBuf,
    pub files: u64,
    pub bytes: u64,
    pub index_md5: String,
    /// The full catalogue's report on the sequence (what `dossier validate` says of the folder);
    /// none for a Hong Kong bundle, which is no eCTD sequence.
    pub validation: Option<crate::validate::SequenceReport>,
    /// The zip, when asked for.
    pub zip: Option<PathBuf>,
}

pub fn write_sequence(
    plan: &SequencePlan,
    rendered: &Rendered,
    opts: WriteOptions<'_>,
    progress: &mut dyn FnMut(&WriteProgress),
) -> Result<Written> {
    let final_dir = opts.dir.join(&plan.number);
    fs::create_dir_all(opts.dir).map_err(|e| Error::io(opts.dir, e))?;
    let tmp = opts.dir.join(format!(".{}.partial-{}", plan.number, std::process::id()));
    if tmp.exists() {
        fs::remove_dir_all(&tmp).map_err(|e| Error::io(&tmp, e))?;
    }
    let index_md5 = util::md5_hex(&rendered.index_xml);
    let entries = entries(plan, rendered, opts.us_dtd, &index_md5);
    let zip_dest = crate::zip::zip_path_for(&final_dir);
    let zip_tmp = zip_dest.with_extension(format!("zip.partial-{}", std::process::id()));
    // Set when the folder fails or is cancelled, so the zip stops too.
    let abort = AtomicBool::new(false);
    // The zip is made from the folder writer's own read of each blob (one read, one hash),
    // handed over in chunks through a short queue, and compressed on its own thread.
    let (feed, fed) = std::sync::mpsc::sync_channel::<crate::zip::Feed>(4);
    let (entries_ref, number, zip_at, abort_ref) = (&entries, &plan.number, &zip_tmp, &abort);
    let (folder, zipped) = std::thread::scope(|scope| {
        let zipper = opts.zip.then(|| scope.spawn(move || crate::zip::write_zip_fed(entries_ref, number, zip_at, Some(abort_ref), Some(fed))));
        let folder = write_into(plan, &entries, &index_md5, &opts, &tmp, opts.zip.then_some(feed), progress);
        if folder.is_err() {
            abort.store(true, Ordering::Relaxed);
        }
        let zipped = zipper.map(|z| z.join().expect("the zip writer does not panic"));
        (folder, zipped)
    });
    let cleanup = || {
        let _ = fs::remove_dir_all(&tmp);
        let _ = fs::remove_file(&zip_tmp);
    };
    let mut written = match (folder, zipped.transpose()) {
        (Ok(w), Ok(_)) => w,
        (Err(e), _) | (Ok(_), Err(e)) => {
            cleanup();
            return Err(e);
        }
    };
    // The envelope (and so the regional backbone and index.xml that checksums it) may carry an
    // id made fresh for this run (the EU UUID of a first sequence).
    let envelope = |rel: &str| rel == "index.xml" || rel == "index-md5.txt" || rel == rendered.regional_path;
    put_in_place(&tmp, &final_dir, &envelope).inspect_err(|_| cleanup())?;
    if let Some(report) = written.validation.as_mut() {
        report.folder.clone_from(&final_dir);
    }
    written.folder = final_dir;
    if opts.zip {
        fs::rename(&zip_tmp, &zip_dest).map_err(|e| Error::io(&zip_dest, e))?;
        written.zip = Some(zip_dest);
    }
    Ok(written)
}

/// Every file of the sequence, from the sequence folder: util files, backbones, `index-md5.txt`
/// and the leaves (from their blobs). The folder and the zip are both written from this list.
fn entries<'a>(plan: &'a SequencePlan, rendered: &'a Rendered, us_dtd: Option<&'a [u8]>, index_md5: &'a str) -> Vec<(String, Source<'a>)> {
    let mut out: Vec<(String, Source<'a>)> = plan.util_files().into_iter().map(|f| (f.path.to_owned(), Source::Bytes(f.bytes))).collect();
    if let Some(dtd) = us_dtd {
        out.push((util::US_DTD_PATH.to_owned(), Source::Bytes(dtd)));
    }
    out.push((rendered.regional_path.clone(), Source::Bytes(&rendered.regional_xml)));
    out.push(("index.xml".to_owned(), Source::Bytes(&rendered.index_xml)));
    // EU VC 8.1–8.3: the file holds the MD5 of index.xml and nothing else.
    out.push(("index-md5.txt".to_owned(), Source::Bytes(index_md5.as_bytes())));
    for l in &plan.leaves {
        if let (Some(href), Some(blob)) = (&l.href, &l.blob) {
            out.push((href.clone(), Source::Blob(crate::BlobRef { path: blob, sha256: &l.sha256, size: l.size })));
        }
    }
    out
}

/// Writes the folder; with `feed`, also hands every blob's bytes to the zip writer, in the zip's
/// order (by path), followed by `Feed::End` once the blob checked out. On an error the feed is
/// dropped without its `End`, and the zip stops.
#[allow(clippy::too_many_arguments)]
fn write_into(
    plan: &SequencePlan,
    entries: &[(String, Source<'_>)],
    index_md5: &str,
    opts: &WriteOptions<'_>,
    tmp: &Path,
    feed: Option<std::sync::mpsc::SyncSender<crate::zip::Feed>>,
    progress: &mut dyn FnMut(&WriteProgress),
) -> Result<Written> {
    let mut leaves: Vec<(&str, crate::BlobRef<'_>)> = entries
        .iter()
        .filter_map(|(rel, src)| match src {
            Source::Blob(b) => Some((rel.as_str(), *b)),
            Source::Bytes(_) | Source::File(_) => None,
        })
        .collect();
    leaves.sort_by(|a, b| a.0.cmp(b.0));
    let mut report = WriteProgress {
        done: 0,
        total: leaves.len() as u64,
        bytes_done: 0,
        bytes_total: leaves.iter().map(|(_, b)| b.size).sum(),
        item: String::new(),
    };
    let mut files = 0u64;
    let mut bytes = 0u64;
    fs::create_dir_all(tmp).map_err(|e| Error::io(tmp, e))?;
    for (rel, src) in entries {
        let Source::Bytes(data) = src else { continue };
        let path = tmp.join(rel);
        create_parent(&path)?;
        fs::write(&path, data).map_err(|e| Error::io(&path, e))?;
        files += 1;
        bytes += data.len() as u64;
    }
    let mut known = crate::validate::Known::default();
    for (href, blob) in leaves {
        if opts.cancel.is_some_and(|c| c.load(Ordering::Relaxed)) {
            return Err(Error::Cancelled);
        }
        report.item = href.to_owned();
        progress(&report);
        let dest = tmp.join(href);
        create_parent(&dest)?;
        let mut md5 = <md5::Md5 as md5::Digest>::new();
        let copied = {
            use std::io::Write;
            let mut out = fs::File::create(&dest).map_err(|e| Error::io(&dest, e))?;
            let n = crate::blob::stream(blob, &dest, |chunk| {
                out.write_all(chunk)?;
                md5::Digest::update(&mut md5, chunk);
                if let Some(feed) = &feed {
                    // A zip that stopped (its own error) has dropped its end: the folder goes on.
                    let _ = feed.send(crate::zip::Feed::Data(chunk.to_vec()));
                }
                Ok(())
            })?;
            if let Some(feed) = &feed {
                let _ = feed.send(crate::zip::Feed::End);
            }
            n
        };
        known.md5.insert(href.to_owned(), hex::encode(md5::Digest::finalize(md5)));
        report.done += 1;
        report.bytes_done += copied;
        files += 1;
        bytes += copied;
    }
    report.item.clear();
    progress(&report);
    let app_dir = tmp.parent().expect("the temp folder is inside the application folder");
    let validation = crate::validate::validate_built(tmp, &plan.number, plan.region, app_dir, known);
    let refusing = crate::validate::Verdict::refusing(&validation);
    if !refusing.is_empty() {
        return Err(Error::Invalid(refusing.into_iter().map(finding_of).collect()));
    }
    Ok(Written { folder: tmp.to_path_buf(), files, bytes, index_md5: index_md5.to_owned(), validation: Some(validation), zip: None })
}

/// A problem that stops the build, as the finding the build error carries (its file, the
/// catalogue's message and what to do).
fn finding_of(p: &crate::validate::Problem) -> Finding {
    let file = if p.file.is_empty() { String::new() } else { format!("{}: ", p.file) };
    Finding::new(&p.rule, p.severity, format!("{file}{} — {}", p.message, p.fix))
}

/// Copies a blob to `dest` (a new file), checked against its recorded size and SHA-256.
pub(crate) fn copy_checked(blob: crate::BlobRef<'_>, dest: &Path) -> Result<u64> {
    use std::io::Write;
    let mut out = fs::File::create(dest).map_err(|e| Error::io(dest, e))?;
    crate::blob::stream(blob, dest, |chunk| out.write_all(chunk))
}

/// Renames the complete folder `tmp` to `final_dir`.
///
/// A folder already under the final name is a sequence built before and is never overwritten,
/// with one exception: the leftover of a build killed after this rename but before the store
/// recorded it. The caller only plans numbers the store has not recorded, so its re-run builds
/// the same number again, and without this the project could never build that number. Such a
/// leftover holds exactly the files just written, with the same bytes (bar those `fresh` says
/// depend on a value made anew for each run); then it is replaced, and the zip beside it, made
/// from it, removed. Anything else there stays, and the build is refused.
pub(crate) fn put_in_place(tmp: &Path, final_dir: &Path, fresh: &dyn Fn(&str) -> bool) -> Result<()> {
    if !final_dir.exists() {
        return fs::rename(tmp, final_dir).map_err(|e| Error::io(final_dir, e));
    }
    if !same_files(tmp, final_dir, fresh)? {
        return Err(Error::AlreadyBuilt(final_dir.to_path_buf()));
    }
    let zip = crate::zip::zip_path_for(final_dir);
    if zip.is_file() {
        fs::remove_file(&zip).map_err(|e| Error::io(&zip, e))?;
    }
    // Moved aside first, so a kill while removing it never leaves part of a folder under the
    // final name.
    let name = final_dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let aside = final_dir.with_file_name(format!(".{name}.replaced-{}", std::process::id()));
    fs::rename(final_dir, &aside).map_err(|e| Error::io(final_dir, e))?;
    fs::rename(tmp, final_dir).map_err(|e| Error::io(final_dir, e))?;
    fs::remove_dir_all(&aside).map_err(|e| Error::io(&aside, e))
}

/// Whether folders `a` and `b` hold the same relative paths, and the same bytes in each file
/// `fresh` does not exempt.
fn same_files(a: &Path, b: &Path, fresh: &dyn Fn(&str) -> bool) -> Result<bool> {
    let (mut left, mut right) = (Vec::new(), Vec::new());
    list_files(a, "", &mut left)?;
    list_files(b, "", &mut right)?;
    left.sort();
    right.sort();
    if left != right {
        return Ok(false);
    }
    for rel in left.iter().filter(|r| !fresh(r)) {
        if !same_bytes(&a.join(rel), &b.join(rel))? {
            return Ok(false);
        }
    }
    Ok(true)
}

fn list_files(dir: &Path, prefix: &str, out: &mut Vec<String>) -> Result<()> {
    for entry in fs::read_dir(dir).map_err(|e| Error::io(dir, e))? {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        let rel = format!("{prefix}{}", entry.file_name().to_string_lossy());
        if entry.file_type().map_err(|e| Error::io(&entry.path(), e))?.is_dir() {
            list_files(&entry.path(), &format!("{rel}/"), out)?;
        } else {
            out.push(rel);
        }
    }
    Ok(())
}

fn same_bytes(a: &Path, b: &Path) -> Result<bool> {
    use std::io::Read;
    let open = |p: &Path| fs::File::open(p).map_err(|e| Error::io(p, e));
    let (mut fa, mut fb) = (open(a)?, open(b)?);
    let size = |f: &fs::File, p: &Path| f.metadata().map(|m| m.len()).map_err(|e| Error::io(p, e));
    if size(&fa, a)? != size(&fb, b)? {
        return Ok(false);
    }
    let (mut ba, mut bb) = (vec![0u8; 1 << 16], vec![0u8; 1 << 16]);
    loop {
        let n = fa.read(&mut ba).map_err(|e| Error::io(a, e))?;
        if n == 0 {
            return Ok(true);
        }
        fb.read_exact(&mut bb[..n]).map_err(|e| Error::io(b, e))?;
        if ba[..n] != bb[..n] {
            return Ok(false);
        }
    }
}

fn create_parent(path: &Path) -> Result<()> {
    let dir = path.parent().expect("output files live in a folder");
    fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))
}
