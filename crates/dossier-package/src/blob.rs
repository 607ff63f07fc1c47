//! Reading a leaf's bytes from the blob store, checked: the build reads every byte anyway (to
//! write the folder and the zip), so it hashes them on the way and refuses to ship a blob that
//! is no longer what was imported — changed on disk, truncated, replaced by a link or a folder,
//! deleted or unreadable. The check costs one SHA-256 per read (SHA-NI where the CPU has it).

use std::fs::File;
use std::io;
use std::path::Path;

use sha2::{Digest, Sha256};

use crate::{Error, Result};

/// A blob as the store recorded it.
#[derive(Debug, Clone, Copy)]
pub struct BlobRef<'a> {
    pub path: &'a Path,
    pub sha256: &'a str,
    pub size: u64,
}

/// Bytes handed on at a time. The zip's compressor output depends on how its input is cut, so
/// every source is cut the same way (see `zip::write_zip`).
pub(crate) const CHUNK: usize = 256 << 10;

/// Streams `blob` to `sink` in [`CHUNK`]s, hashing as it goes, and fails with
/// [`Error::BlobDamaged`] unless its size and SHA-256 are those recorded. The sink's own error
/// (the destination) is returned as [`Error::Io`] on `dest`. A damaged blob's bytes may already
/// be in the sink: the caller's output is a temp file or folder, removed on error.
pub(crate) fn stream(blob: BlobRef<'_>, dest: &Path, mut sink: impl FnMut(&[u8]) -> io::Result<()>) -> Result<u64> {
    let damaged = |problem: String| Error::BlobDamaged { blob: blob.path.to_path_buf(), problem };
    let mut file = open(blob.path).map_err(|e| damaged(describe(&e)))?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; CHUNK];
    let mut total = 0u64;
    loop {
        let n = dossier_files::read_full(&mut file, &mut buf).map_err(|e| damaged(format!("cannot be read ({e})")))?;
        if n == 0 {
            break;
        }
        total += n as u64;
        if total > blob.size {
            return Err(damaged(format!("holds more than the {} bytes the store recorded", blob.size)));
        }
        hasher.update(&buf[..n]);
        sink(&buf[..n]).map_err(|e| Error::io(dest, e))?;
    }
    if total != blob.size {
        return Err(damaged(format!("holds {total} bytes but the store recorded {}", blob.size)));
    }
    if hex::encode(hasher.finalize()) != blob.sha256 {
        return Err(damaged("no longer matches its SHA-256".into()));
    }
    Ok(total)
}

/// Opens a regular file, never through a symbolic link (and never waits on a FIFO: `O_NONBLOCK`
/// does nothing to a regular file).
fn open(path: &Path) -> io::Result<File> {
    use rustix::fs::{Mode, OFlags};
    let fd = rustix::fs::open(path, OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::CLOEXEC, Mode::empty())?;
    let file = File::from(fd);
    if !file.metadata()?.file_type().is_file() {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, "not a regular file"));
    }
    Ok(file)
}

fn describe(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "is missing".into(),
        io::ErrorKind::PermissionDenied => "cannot be read (permission denied)".into(),
        io::ErrorKind::InvalidInput => "is not a regular file (a folder or a device)".into(),
        // ELOOP: O_NOFOLLOW met a symbolic link.
        _ if e.raw_os_error() == Some(rustix::io::Errno::LOOP.raw_os_error()) => "is a symbolic link".into(),
        _ => format!("cannot be opened ({e})"),
    }
}

