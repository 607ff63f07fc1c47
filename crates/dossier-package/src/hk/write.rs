//! Writing a planned bundle: `NNNN/` with `index.csv` and every file, built in a temp folder
//! beside the final one and renamed into place only when complete. As for sequences, files are
//! streamed from the blob store, checked against their SHA-256, and their MD5s come from the store.

use std::fs;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use super::BundlePlan;
use crate::write::{WriteProgress, Written};
use crate::{Error, Result, util};

/// Writes `plan` with `index_csv` into `<dir>/<NNNN>`; never over an existing folder (bar the
/// leftover of an interrupted build: `write::put_in_place`).
pub fn write_bundle(
    plan: &BundlePlan,
    index_csv: &[u8],
    dir: &Path,
    cancel: Option<&AtomicBool>,
    progress: &mut dyn FnMut(&WriteProgress),
) -> Result<Written> {
    let final_dir = dir.join(&plan.number);
    fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let tmp = dir.join(format!(".{}.partial-{}", plan.number, std::process::id()));
    if tmp.exists() {
        fs::remove_dir_all(&tmp).map_err(|e| Error::io(&tmp, e))?;
    }
    let result = write_into(plan, index_csv, &tmp, cancel, progress).and_then(|mut written| {
        // Nothing in a bundle is made fresh per run: a leftover must match byte for byte.
        crate::write::put_in_place(&tmp, &final_dir, &|_| false)?;
        written.folder = final_dir;
        Ok(written)
    });
    if result.is_err() {
        let _ = fs::remove_dir_all(&tmp);
    }
    result
}

fn write_into(
    plan: &BundlePlan,
    index_csv: &[u8],
    tmp: &Path,
    cancel: Option<&AtomicBool>,
    progress: &mut dyn FnMut(&WriteProgress),
) -> Result<Written> {
    let mut report = WriteProgress {
        done: 0,
        total: plan.files.len() as u64,
        bytes_done: 0,
        bytes_total: plan.bytes(),
        item: String::new(),
    };
    fs::create_dir_all(tmp).map_err(|e| Error::io(tmp, e))?;
    let index = tmp.join(super::index::FILE);
    fs::write(&index, index_csv).map_err(|e| Error::io(&index, e))?;
    let mut bytes = index_csv.len() as u64;
    for f in &plan.files {
        if cancel.is_some_and(|c| c.load(Ordering::Relaxed)) {
            return Err(Error::Cancelled);
        }
        report.item = f.path.clone();
        progress(&report);
        let dest = tmp.join(&f.path);
        let parent = dest.parent().expect("bundle files live in a folder");
        fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        let copied = crate::write::copy_checked(crate::BlobRef { path: &f.blob, sha256: &f.sha256, size: f.size }, &dest)?;
        report.done += 1;
        report.bytes_done += copied;
        bytes += copied;
    }
    report.item.clear();
    progress(&report);
    Ok(Written {
        folder: tmp.to_path_buf(),
        files: plan.files.len() as u64 + 1,
        bytes,
        index_md5: util::md5_hex(index_csv),
        validation: None,
        zip: None,
    })
}
