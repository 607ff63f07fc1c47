//! Deterministic zip of a built sequence: entries in byte order of their paths, a fixed
//! timestamp and permissions, PDFs stored (already compressed) and the rest deflated. Entries
//! are streamed from disk, so memory stays flat whatever the size. Written to a temp file and
//! renamed into place.

use std::fs::{self, File};
use std::io::{self, BufWriter};
use std::path::{Path, PathBuf};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use crate::{Error, Result};

/// Zips `folder` into `dest`, every entry under `root/` (the sequence number). Returns the
/// zip's size.
pub fn zip_folder(folder: &Path, root: &str, dest: &Path) -> Result<u64> {
    let mut files = Vec::new();
    collect(folder, "", &mut files)?;
    files.sort();
    let tmp = dest.with_extension(format!("zip.partial-{}", std::process::id()));
    let result = (|| -> Result<()> {
        let out = File::create(&tmp).map_err(|e| Error::io(&tmp, e))?;
        let mut zip = ZipWriter::new(BufWriter::with_capacity(1 << 20, out));
        for rel in &files {
            let path = folder.join(rel);
            let mut src = File::open(&path).map_err(|e| Error::io(&path, e))?;
            let size = src.metadata().map_err(|e| Error::io(&path, e))?.len();
            let method = if rel.ends_with(".pdf") { CompressionMethod::Stored } else { CompressionMethod::Deflated };
            let options = SimpleFileOptions::default()
                .compression_method(method)
                .last_modified_time(DateTime::default())
                .unix_permissions(0o644)
                .large_file(size >= u64::from(u32::MAX));
            zip.start_file(format!("{root}/{rel}"), options).map_err(|e| Error::zip(&tmp, e))?;
            io::copy(&mut src, &mut zip).map_err(|e| Error::io(&path, e))?;
        }
        let writer = zip.finish().map_err(|e| Error::zip(&tmp, e))?;
        // Not fsynced, like the sequence folder it is made from: both are derived from the store
        // (which is durable) and rebuilt byte-identically, and the rename below keeps a killed
        // build from leaving part of a zip under the final name. Waiting for the disk here
        // doubled the time of a build.
        writer.into_inner().map_err(|e| Error::io(&tmp, e.into_error()))?;
        Ok(())
    })();
    if let Err(e) = result {
        let _ = fs::remove_file(&tmp);
        return Err(e);
    }
    fs::rename(&tmp, dest).map_err(|e| Error::io(dest, e))?;
    Ok(fs::metadata(dest).map_err(|e| Error::io(dest, e))?.len())
}

fn collect(dir: &Path, prefix: &str, out: &mut Vec<String>) -> Result<()> {
    for entry in fs::read_dir(dir).map_err(|e| Error::io(dir, e))? {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let rel = if prefix.is_empty() { name } else { format!("{prefix}/{name}") };
        let kind = entry.file_type().map_err(|e| Error::io(&entry.path(), e))?;
        if kind.is_dir() {
            collect(&entry.path(), &rel, out)?;
        } else if kind.is_file() {
            out.push(rel);
        }
    }
    Ok(())
}

/// Where the zip of a sequence folder goes: beside it, `NNNN.zip`.
pub fn zip_path_for(sequence_folder: &Path) -> PathBuf {
    sequence_folder.with_extension("zip")
}
