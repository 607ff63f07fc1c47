//! Deterministic zip of a built sequence: entries in byte order of their paths, a fixed
//! timestamp and permissions, PDFs stored (already compressed) and the rest deflated. Entries
//! are streamed from disk, so memory stays flat whatever the size; a leaf's blob is checked
//! against its SHA-256 as it streams (`blob::stream`). Written to a temp file and renamed into
//! place.

use std::fs::{self, File};
use std::io::{self, BufWriter};
use std::path::{Path, PathBuf};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use crate::blob::{BlobRef, CHUNK};
use dossier_files::read_full;
use crate::{Error, Result};

/// Where an entry's bytes come from.
#[derive(Debug, Clone, Copy)]
pub enum Source<'a> {
    Bytes(&'a [u8]),
    /// A file of a folder being zipped, streamed from disk.
    File(&'a Path),
    /// A leaf's blob, streamed from the blob store and checked against its recorded hash.
    Blob(BlobRef<'a>),
}

/// Zips `folder` into `dest`, every entry under `root/` (the sequence number). Returns the
/// zip's size.
pub fn zip_folder(folder: &Path, root: &str, dest: &Path) -> Result<u64> {
    let mut files = Vec::new();
    collect(folder, "", &mut files)?;
    let paths: Vec<PathBuf> = files.iter().map(|rel| folder.join(rel)).collect();
    let entries: Vec<(String, Source<'_>)> = files.iter().cloned().zip(paths.iter().map(|p| Source::File(p))).collect();
    let tmp = dest.with_extension(format!("zip.partial-{}", std::process::id()));
    if let Err(e) = write_zip(&entries, root, &tmp, None) {
        let _ = fs::remove_file(&tmp);
        return Err(e);
    }
    fs::rename(&tmp, dest).map_err(|e| Error::io(dest, e))?;
    Ok(fs::metadata(dest).map_err(|e| Error::io(dest, e))?.len())
}

/// Writes the entries (in byte order of their paths, whatever order they come in) into a new
/// zip at `path`; the caller renames it into place. Stops with [`Error::Cancelled`] when
/// `cancel` is set.
pub fn write_zip(entries: &[(String, Source<'_>)], root: &str, path: &Path, cancel: Option<&std::sync::atomic::AtomicBool>) -> Result<()> {
    write_zip_fed(entries, root, path, cancel, None)
}

/// A blob's bytes as the folder writer read and checked them (`write::write_sequence`).
pub(crate) enum Feed {
    Data(Vec<u8>),
    /// The blob is complete and matched its hash.
    End,
}

/// [`write_zip`], taking each [`Source::Blob`]'s bytes from `fed` (in path order) instead of
/// reading the blob again. A feed that ends without [`Feed::End`] (the folder writer failed or
/// was cancelled) stops the zip with [`Error::Cancelled`]: the folder's error is the one to report.
pub(crate) fn write_zip_fed(
    entries: &[(String, Source<'_>)],
    root: &str,
    path: &Path,
    cancel: Option<&std::sync::atomic::AtomicBool>,
    fed: Option<std::sync::mpsc::Receiver<Feed>>,
) -> Result<()> {
    let mut order: Vec<&(String, Source<'_>)> = entries.iter().collect();
    order.sort_by(|a, b| a.0.cmp(&b.0));
    let out = File::create(path).map_err(|e| Error::io(path, e))?;
    let mut zip = ZipWriter::new(Quiet::new(BufWriter::with_capacity(1 << 20, out)));
    let mut buf = Vec::new();
    for (rel, source) in order {
        if cancel.is_some_and(|c| c.load(std::sync::atomic::Ordering::Relaxed)) {
            return Err(Error::Cancelled);
        }
        let method = if rel.ends_with(".pdf") { CompressionMethod::Stored } else { CompressionMethod::Deflated };
        let size = match source {
            Source::Bytes(b) => b.len() as u64,
            Source::File(p) => fs::metadata(p).map_err(|e| Error::io(p, e))?.len(),
            Source::Blob(b) => b.size,
        };
        let options = SimpleFileOptions::default()
            .compression_method(method)
            .last_modified_time(DateTime::default())
            .unix_permissions(0o644)
            .large_file(size >= u64::from(u32::MAX));
        zip.start_file(format!("{root}/{rel}"), options).map_err(|e| Error::zip(path, e))?;
        // The compressor's output depends on how its input is cut into writes: both kinds of
        // source go in as the same fixed chunks, so a file and the same bytes in memory give the
        // same entry.
        match source {
            Source::Bytes(b) => {
                for chunk in b.chunks(CHUNK) {
                    io::Write::write_all(&mut zip, chunk).map_err(|e| Error::io(path, e))?;
                }
            }
            Source::File(p) => {
                let mut src = File::open(p).map_err(|e| Error::io(p, e))?;
                buf.resize(CHUNK, 0);
                loop {
                    let n = read_full(&mut src, &mut buf).map_err(|e| Error::io(p, e))?;
                    if n == 0 {
                        break;
                    }
                    io::Write::write_all(&mut zip, &buf[..n]).map_err(|e| Error::io(path, e))?;
                }
            }
            Source::Blob(b) => match &fed {
                None => {
                    crate::blob::stream(*b, path, |chunk| io::Write::write_all(&mut zip, chunk))?;
                }
                Some(fed) => loop {
                    match fed.recv() {
                        Ok(Feed::Data(chunk)) => io::Write::write_all(&mut zip, &chunk).map_err(|e| Error::io(path, e))?,
                        Ok(Feed::End) => break,
                        Err(_) => return Err(Error::Cancelled),
                    }
                },
            },
        }
    }
    let writer = zip.finish().map_err(|e| Error::zip(path, e))?;
    // Not fsynced, like the sequence folder it mirrors: both are derived from the store (which
    // is durable) and rebuilt byte-identically, and the caller's rename keeps a killed build
    // from leaving part of a zip under the final name. Waiting for the disk here doubled the
    // time of a build.
    writer.inner.into_inner().map_err(|e| Error::io(path, e.into_error()))?;
    Ok(())
}

/// The zip's file, silent after its first failed write. A `ZipWriter` dropped unfinished (a
/// build that stopped on an error) finalises the archive in `Drop`, and when that write fails
/// too — a full disk — prints a raw `ZipWriter::drop: … Io(Os { … })` line to stderr beside
/// our own message. After a failure, writes are counted but dropped and seeks answer from that
/// count (the zip writer asserts its offsets add up); the temp file is removed on any error.
struct Quiet<W> {
    inner: W,
    failed: bool,
    pos: u64,
    len: u64,
}

impl<W> Quiet<W> {
    fn new(inner: W) -> Self {
        Quiet { inner, failed: false, pos: 0, len: 0 }
    }

    fn advance(&mut self, n: usize) {
        self.pos += n as u64;
        self.len = self.len.max(self.pos);
    }
}

impl<W: io::Write> io::Write for Quiet<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.failed {
            self.advance(buf.len());
            return Ok(buf.len());
        }
        let n = self.inner.write(buf).inspect_err(|_| self.failed = true)?;
        self.advance(n);
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.failed {
            return Ok(());
        }
        self.inner.flush().inspect_err(|_| self.failed = true)
    }
}

impl<W: io::Seek> io::Seek for Quiet<W> {
    fn seek(&mut self, to: io::SeekFrom) -> io::Result<u64> {
        if !self.failed {
            self.pos = self.inner.seek(to).inspect_err(|_| self.failed = true)?;
            return Ok(self.pos);
        }
        let at = |base: u64, d: i64| base.checked_add_signed(d).ok_or_else(|| io::Error::from(io::ErrorKind::InvalidInput));
        self.pos = match to {
            io::SeekFrom::Start(n) => n,
            io::SeekFrom::Current(d) => at(self.pos, d)?,
            io::SeekFrom::End(d) => at(self.len, d)?,
        };
        Ok(self.pos)
    }
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
