//! Reading a file a person named, whole: only a regular file (a symbolic link to one is fine),
//! never more than a cap chosen per kind of file, never blocking on a FIFO or a device.
//!
//! `dossier facts import /dev/zero` once read until memory ran out, and a FIFO named as a
//! template blocked forever. Every file the program reads whole from a path it was given goes
//! through [`read_whole`] (or [`read_text`]), so the rule lives in one place.
//!
//! Deliberately absent: writing (the output-path rule and the one writer are in `dossier-api`),
//! walking folders, and anything about what the files mean.

use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// The most a kind of file may hold. The caps are far above any real file of the kind (the
/// sample's facts file is 13 KB, the largest template 112 KB) and far below what would hurt
/// memory once the text is parsed (TOML into values takes several times the file's size).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    /// What the file is, for the message: "a facts file".
    pub what: &'static str,
    pub bytes: u64,
}

/// A facts file: product, studies, approvals and one `[[document]]` entry per document — tens
/// of thousands of entries fit in a few MB.
pub const FACTS: Limit = Limit { what: "a facts file", bytes: 16 << 20 };
/// An application's envelope: a few dozen fields.
pub const ENVELOPE: Limit = Limit { what: "an envelope file", bytes: 1 << 20 };
/// `applications.toml`: one entry per filing, each with its envelope.
pub const APPLICATIONS: Limit = Limit { what: "an applications file", bytes: 4 << 20 };
/// One template file (an authority profile is ~110 KB).
pub const TEMPLATE: Limit = Limit { what: "a template file", bytes: 4 << 20 };
/// The desktop app's settings (a path and a language).
pub const SETTINGS: Limit = Limit { what: "a settings file", bytes: 1 << 20 };
/// A util file such as FDA's us-regional DTD (29 KB).
pub const UTIL: Limit = Limit { what: "a util file", bytes: 1 << 20 };

#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("{}: not found; check the path", path.display())]
    NotFound { path: PathBuf },
    #[error("{}: not a regular file (it is {kind}); give the path of the file itself", path.display())]
    NotRegular { path: PathBuf, kind: &'static str },
    #[error(
        "{}: larger than {} bytes, the most {} may hold; check that this is the right file",
        path.display(), limit.bytes, limit.what
    )]
    TooLarge { path: PathBuf, limit: Limit },
    #[error("{}: cannot be read as UTF-8 text; save it as UTF-8 and try again", path.display())]
    NotUtf8 { path: PathBuf },
    #[error("{}: cannot be read ({source})", path.display())]
    Io { path: PathBuf, source: io::Error },
}

impl ReadError {
    /// The file was not there (a caller may treat that as "nothing to read").
    pub fn is_not_found(&self) -> bool {
        matches!(self, ReadError::NotFound { .. })
    }
}

/// The bytes of the regular file at `path` (symbolic links followed), at most `limit.bytes`.
pub fn read_whole(path: &Path, limit: Limit) -> Result<Vec<u8>, ReadError> {
    let io = |source: io::Error| match source.kind() {
        io::ErrorKind::NotFound => ReadError::NotFound { path: path.to_path_buf() },
        _ => ReadError::Io { path: path.to_path_buf(), source },
    };
    // Checked before opening: opening a FIFO for reading blocks until a writer comes.
    let meta = std::fs::metadata(path).map_err(io)?;
    regular(path, &meta)?;
    let file = open_nonblocking(path).map_err(io)?;
    // Checked again on the handle: the path may have been swapped since.
    let meta = file.metadata().map_err(io)?;
    regular(path, &meta)?;
    if meta.len() > limit.bytes {
        return Err(ReadError::TooLarge { path: path.to_path_buf(), limit });
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // One byte past the cap tells a file that grew while it was read from one that fits.
    file.take(limit.bytes + 1).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > limit.bytes {
        return Err(ReadError::TooLarge { path: path.to_path_buf(), limit });
    }
    Ok(bytes)
}

/// [`read_whole`] as UTF-8 text.
pub fn read_text(path: &Path, limit: Limit) -> Result<String, ReadError> {
    String::from_utf8(read_whole(path, limit)?).map_err(|_| ReadError::NotUtf8 { path: path.to_path_buf() })
}

fn regular(path: &Path, meta: &std::fs::Metadata) -> Result<(), ReadError> {
    if meta.is_file() {
        return Ok(());
    }
    Err(ReadError::NotRegular { path: path.to_path_buf(), kind: kind(meta) })
}

fn kind(meta: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    if meta.is_dir() { "a folder" } else { "not a plain file" }
}

#[cfg(unix)]
fn open_nonblocking(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    // O_NONBLOCK: should the path have become a FIFO since it was checked, the open returns
    // at once (and the handle's check refuses it) instead of waiting for a writer.
    std::fs::OpenOptions::new().read(true).custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32).open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> io::Result<File> {
    File::open(path)
}

/// A write failed because the disk (or the user's quota, or a file-size limit) is full. These
/// get one wording everywhere: "the disk is full; free space and try again".
pub fn disk_full(e: &io::Error) -> bool {
    matches!(e.kind(), io::ErrorKind::StorageFull | io::ErrorKind::FileTooLarge | io::ErrorKind::QuotaExceeded)
}

/// The reason of a write error for a person: a full disk in plain words, else the system's.
pub fn write_reason(e: &io::Error) -> String {
    if disk_full(e) {
        format!("the disk is full or a file-size limit was reached ({e}); free space and try again")
    } else {
        e.to_string()
    }
}


/// Fills `buf` from `src` as far as the stream goes (short only at its end), so that a hash and a
/// copy see the same fixed chunks whatever sizes the reads return. Shared by the blob store's
/// staging and the build's checked copy.
pub fn read_full(src: &mut dyn Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match src.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_regular_file_within_its_cap_is_read_and_a_link_to_one_too() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("facts.toml");
        std::fs::write(&file, "x = 1\n").unwrap();
        assert_eq!(read_text(&file, FACTS).unwrap(), "x = 1\n");
        #[cfg(unix)]
        {
            let link = dir.path().join("link.toml");
            std::os::unix::fs::symlink(&file, &link).unwrap();
            assert_eq!(read_text(&link, FACTS).unwrap(), "x = 1\n", "a link to a regular file is fine");
        }
    }

    #[test]
    fn a_file_over_its_cap_is_refused_with_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("big.toml");
        let limit = Limit { what: "a test file", bytes: 10 };
        std::fs::write(&file, [b'a'; 11]).unwrap();
        let e = read_whole(&file, limit).unwrap_err().to_string();
        assert!(e.contains("big.toml") && e.contains("10 bytes") && e.contains("a test file"), "{e}");
        std::fs::write(&file, [b'a'; 10]).unwrap();
        assert_eq!(read_whole(&file, limit).unwrap().len(), 10, "exactly the cap is fine");
    }

    #[cfg(unix)]
    #[test]
    fn devices_fifos_and_folders_are_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe.toml");
        rustix::fs::mknodat(rustix::fs::CWD, &fifo, rustix::fs::FileType::Fifo, rustix::fs::Mode::RWXU, 0).unwrap();
        let link = dir.path().join("zero.toml");
        std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
        for (path, kind) in [(fifo.as_path(), "FIFO"), (Path::new("/dev/zero"), "a device"), (&link, "a device"), (dir.path(), "a folder")] {
            let e = read_whole(path, FACTS).unwrap_err().to_string();
            assert!(e.contains(kind) && e.contains("not a regular file"), "{}: {e}", path.display());
        }
    }

    #[test]
    fn a_missing_file_and_text_that_is_not_utf8_say_so() {
        let dir = tempfile::tempdir().unwrap();
        assert!(read_whole(&dir.path().join("nowhere"), FACTS).unwrap_err().is_not_found());
        std::fs::write(dir.path().join("latin1.toml"), b"\xff").unwrap();
        let e = read_text(&dir.path().join("latin1.toml"), FACTS).unwrap_err().to_string();
        assert!(e.contains("latin1.toml") && e.contains("UTF-8"), "{e}");
    }

    #[test]
    fn a_full_disk_and_a_file_size_limit_are_worded_alike() {
        for kind in [io::ErrorKind::StorageFull, io::ErrorKind::FileTooLarge] {
            assert!(write_reason(&io::Error::from(kind)).contains("the disk is full"), "{kind:?}");
        }
        assert!(!write_reason(&io::Error::from(io::ErrorKind::PermissionDenied)).contains("disk is full"));
    }
}
