//! Opening a file of a sequence that a stranger made: only a regular file, only inside the
//! folder it belongs to, never through a symbolic link, never blocking, and never more bytes
//! than the caller's cap. A util DTD that is a link to `/dev/zero`, an `index.xml` that is a
//! FIFO or a `util/` folder linking elsewhere are refused with what they are, so the finding can
//! say so.

use std::fs::{self, File};
use std::io::{self, Read};
use std::path::Path;

/// Why a file was not opened.
#[derive(Debug)]
pub enum Refused {
    Missing,
    /// The file, or a folder on the way to it, is a symbolic link (named by `at`, from the root).
    Link { at: String },
    /// Not a regular file: what it is ("a FIFO (named pipe)", "a device", "a folder"…).
    Special { kind: &'static str },
    TooLarge { size: u64, cap: u64 },
    Io(io::Error),
}

impl Refused {
    /// What is wrong, in words for a finding ("is a symbolic link (util); it was not followed").
    pub fn describe(&self) -> String {
        match self {
            Refused::Missing => "is missing".to_owned(),
            Refused::Link { at } => format!("is reached through a symbolic link ({at}); links are not followed"),
            Refused::Special { kind } => format!("is {kind}, not a regular file; it was not read"),
            Refused::TooLarge { size, cap } => format!("is {size} bytes, more than the {cap} bytes this program reads"),
            Refused::Io(e) => format!("cannot be read ({e})"),
        }
    }
}

/// What a directory entry is, when it is not a regular file or a folder.
pub fn special_kind(ft: fs::FileType) -> Option<&'static str> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return Some("a FIFO (named pipe)");
        }
        if ft.is_socket() {
            return Some("a socket");
        }
        if ft.is_block_device() || ft.is_char_device() {
            return Some("a device");
        }
    }
    if ft.is_symlink() {
        Some("a symbolic link")
    } else if ft.is_file() || ft.is_dir() {
        None
    } else {
        Some("not a regular file")
    }
}

/// Opens `root/rel` (`rel` `/`-separated, already normalised by the caller) when every folder on
/// the way is a real folder and the file a regular one of at most `cap` bytes. Returns the file
/// and its length.
pub fn open(root: &Path, rel: &str, cap: u64) -> Result<(File, u64), Refused> {
    let parts: Vec<&str> = rel.split('/').filter(|s| !s.is_empty() && *s != ".").collect();
    if parts.is_empty() || parts.contains(&"..") {
        return Err(Refused::Missing);
    }
    let mut path = root.to_path_buf();
    for (i, part) in parts.iter().enumerate() {
        path.push(part);
        let meta = match fs::symlink_metadata(&path) {
            Ok(m) => m,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(Refused::Missing),
            Err(e) => return Err(Refused::Io(e)),
        };
        if meta.file_type().is_symlink() {
            return Err(Refused::Link { at: parts[..=i].join("/") });
        }
        if i + 1 < parts.len() && !meta.is_dir() {
            return Err(Refused::Missing);
        }
    }
    open_file(&path, cap)
}

/// Opens `path` itself (no link in its last component, no FIFO, device or folder), at most `cap`
/// bytes. The type is checked on the opened file, so a swap between check and open is seen.
pub fn open_file(path: &Path, cap: u64) -> Result<(File, u64), Refused> {
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // NOFOLLOW: a link is refused by the kernel (ELOOP); NONBLOCK: opening a FIFO with no
        // writer returns at once instead of waiting forever.
        let flags = rustix::fs::OFlags::NOFOLLOW | rustix::fs::OFlags::NONBLOCK;
        options.custom_flags(flags.bits() as i32);
    }
    let file = match options.open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(Refused::Missing),
        Err(e) => {
            return match fs::symlink_metadata(path) {
                Ok(m) if m.file_type().is_symlink() => Err(Refused::Link { at: path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default() }),
                _ => Err(Refused::Io(e)),
            };
        }
    };
    let meta = file.metadata().map_err(Refused::Io)?;
    if let Some(kind) = special_kind(meta.file_type()) {
        return Err(Refused::Special { kind });
    }
    if meta.is_dir() {
        return Err(Refused::Special { kind: "a folder" });
    }
    if meta.len() > cap {
        return Err(Refused::TooLarge { size: meta.len(), cap });
    }
    Ok((file, meta.len()))
}

/// The bytes of `root/rel`, under the rules of [`open`]. Reads at most `cap` bytes even when the
/// file grows while it is read.
pub fn read(root: &Path, rel: &str, cap: u64) -> Result<Vec<u8>, Refused> {
    let (file, len) = open(root, rel, cap)?;
    let mut bytes = Vec::with_capacity(len as usize);
    file.take(cap + 1).read_to_end(&mut bytes).map_err(Refused::Io)?;
    if bytes.len() as u64 > cap {
        return Err(Refused::TooLarge { size: bytes.len() as u64, cap });
    }
    Ok(bytes)
}
