//! Writing a planned sequence: `NNNN/` with `index.xml`, `index-md5.txt`, the regional backbone,
//! `util/` and every leaf, built in a temp folder beside the final one and renamed into place
//! only when complete. Leaves are copied with `std::fs::copy` (the kernel's copy where the
//! platform has one) straight from the blob store; their checksums come from the store, so no
//! byte is read twice.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use dossier_model::{Finding, Severity};
use serde::Serialize;

use crate::backbone::Rendered;
use crate::plan::SequencePlan;
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Written {
    pub folder: PathBuf,
    pub files: u64,
    pub bytes: u64,
    pub index_md5: String,
    /// What validating the backbones and util files found (warnings only: errors stop the
    /// build before the folder gets its final name).
    pub validation: Vec<Finding>,
}

pub fn write_sequence(
    plan: &SequencePlan,
    rendered: &Rendered,
    opts: WriteOptions<'_>,
    progress: &mut dyn FnMut(&WriteProgress),
) -> Result<Written> {
    let final_dir = opts.dir.join(&plan.number);
    if final_dir.exists() {
        return Err(Error::AlreadyBuilt(final_dir));
    }
    fs::create_dir_all(opts.dir).map_err(|e| Error::io(opts.dir, e))?;
    let tmp = opts.dir.join(format!(".{}.partial-{}", plan.number, std::process::id()));
    if tmp.exists() {
        fs::remove_dir_all(&tmp).map_err(|e| Error::io(&tmp, e))?;
    }
    match write_into(plan, rendered, opts, &tmp, progress) {
        Ok(mut written) => {
            fs::rename(&tmp, &final_dir).map_err(|e| {
                let _ = fs::remove_dir_all(&tmp);
                Error::io(&final_dir, e)
            })?;
            written.folder = final_dir;
            Ok(written)
        }
        Err(e) => {
            let _ = fs::remove_dir_all(&tmp);
            Err(e)
        }
    }
}

fn write_into(
    plan: &SequencePlan,
    rendered: &Rendered,
    opts: WriteOptions<'_>,
    tmp: &Path,
    progress: &mut dyn FnMut(&WriteProgress),
) -> Result<Written> {
    let copies: Vec<_> = plan.leaves.iter().filter_map(|l| Some((l.href.as_ref()?, l.blob.as_ref()?, l.size))).collect();
    let mut report = WriteProgress {
        done: 0,
        total: copies.len() as u64,
        bytes_done: 0,
        bytes_total: copies.iter().map(|c| c.2).sum(),
        item: String::new(),
    };
    let mut files = 0u64;
    let mut bytes = 0u64;
    let mut put = |rel: &str, data: &[u8]| -> Result<()> {
        let path = tmp.join(rel);
        create_parent(&path)?;
        fs::write(&path, data).map_err(|e| Error::io(&path, e))?;
        files += 1;
        bytes += data.len() as u64;
        Ok(())
    };
    for f in plan.util_files() {
        put(f.path, f.bytes)?;
    }
    if let Some(dtd) = opts.us_dtd {
        put(util::US_DTD_PATH, dtd)?;
    }
    put(&rendered.regional_path, &rendered.regional_xml)?;
    put("index.xml", &rendered.index_xml)?;
    let index_md5 = util::md5_hex(&rendered.index_xml);
    // EU VC 8.1–8.3: the file holds the MD5 of index.xml and nothing else.
    put("index-md5.txt", index_md5.as_bytes())?;

    for (href, blob, size) in copies {
        if opts.cancel.is_some_and(|c| c.load(Ordering::Relaxed)) {
            return Err(Error::Cancelled);
        }
        report.item = href.clone();
        progress(&report);
        let dest = tmp.join(href);
        create_parent(&dest)?;
        let copied = fs::copy(blob, &dest).map_err(|e| Error::io(blob, e))?;
        if copied != size {
            return Err(Error::BlobSize { blob: blob.clone(), expected: size, found: copied });
        }
        report.done += 1;
        report.bytes_done += copied;
        files += 1;
        bytes += copied;
    }
    report.item.clear();
    progress(&report);
    let validation = crate::validate::sequence(tmp, plan.region, false);
    if validation.iter().any(|f| f.severity == Severity::Error) {
        return Err(Error::Invalid(validation));
    }
    Ok(Written { folder: tmp.to_path_buf(), files, bytes, index_md5, validation })
}

fn create_parent(path: &Path) -> Result<()> {
    let dir = path.parent().expect("output files live in a folder");
    fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))
}
