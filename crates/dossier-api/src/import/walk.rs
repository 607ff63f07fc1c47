//! The import walk: which files a chosen folder holds, and opening exactly those again.
//!
//! Everything under a chosen folder is listed and later opened relative to that folder's open
//! descriptor, one name at a time with `O_NOFOLLOW` (folders also `O_DIRECTORY`), and the opened
//! file is checked with `fstat` to be the regular file the walk listed (same device and inode).
//! So a folder swapped for a symbolic link after it was listed is refused by the kernel instead
//! of leading outside the chosen folder, and a FIFO or device swapped in is never read (files
//! are opened `O_NONBLOCK`, so not even a FIFO's open waits). `openat2(RESOLVE_BENEATH |
//! RESOLVE_NO_SYMLINKS)` would do the same in one call but only on Linux ≥ 5.6 and not under
//! every seccomp profile; a name-by-name `openat` needs no fallback and works on macOS too.
//!
//! Links inside the walk are never followed: what one points to inside the chosen folder is
//! imported under its own path anyway, and what it points to outside was not chosen. A path
//! named on the command line is the person's choice and is followed if it is a link.

use std::ffi::{OsStr, OsString};
use std::fs::File;
use std::os::fd::{AsFd, OwnedFd};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rustix::fs::{AtFlags, FileType, Mode, OFlags, Stat};

use super::{Candidate, ImportReport, SkipKind, Skipped, candidate, slash};
use crate::{ApiError, ErrorCode, Result};

/// What identifies one version of a file: the same inode with the same size, modification and
/// change times. Any write, truncation, replacement or `touch` changes one of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Ident {
    pub(crate) dev: u64,
    pub(crate) ino: u64,
    pub(crate) size: u64,
    pub(crate) mtime_ns: i64,
    pub(crate) ctime_ns: i64,
}

impl Ident {
    pub(crate) fn of(st: &Stat) -> Ident {
        #[allow(clippy::unnecessary_cast)] // the field types differ between platforms
        Ident {
            dev: st.st_dev as u64,
            ino: st.st_ino as u64,
            size: st.st_size as u64,
            mtime_ns: (st.st_mtime as i64).saturating_mul(1_000_000_000).saturating_add(st.st_mtime_nsec as i64),
            ctime_ns: (st.st_ctime as i64).saturating_mul(1_000_000_000).saturating_add(st.st_ctime_nsec as i64),
        }
    }

    pub(crate) fn of_file(file: &File) -> std::io::Result<Ident> {
        Ok(Ident::of(&rustix::fs::fstat(file)?))
    }
}

/// A file the walk listed, and how to open it again.
pub(crate) struct Listed {
    pub(crate) candidate: Candidate,
    /// The chosen folder, or the folder holding a chosen file.
    base: Arc<OwnedFd>,
    /// Names from `base` down to the file.
    under: Vec<OsString>,
    /// The file as the walk saw it.
    pub(crate) ident: Ident,
}

/// Why a listed file was not read after all.
pub(crate) type Left = (SkipKind, String);

/// Opens the file `listed` names, name by name beneath its folder without following a link,
/// and only if it is still the regular file that was listed.
pub(crate) fn open(listed: &Listed) -> std::result::Result<File, Left> {
    let file = File::from(open_beneath(&listed.base, &listed.under, false).map_err(opening_failed)?);
    let now = rustix::fs::fstat(&file).map_err(|e| (SkipKind::Unreadable, format!("cannot be read: {e}")))?;
    if FileType::from_raw_mode(now.st_mode) != FileType::RegularFile {
        return Err((SkipKind::Changed, format!("was replaced by {} during the import; not read", kind_noun(FileType::from_raw_mode(now.st_mode)))));
    }
    let ident = Ident::of(&now);
    if (ident.dev, ident.ino) != (listed.ident.dev, listed.ident.ino) {
        return Err((SkipKind::Changed, "was replaced by another file during the import; not read — import it again".into()));
    }
    Ok(file)
}

fn opening_failed(e: rustix::io::Errno) -> Left {
    // ELOOP: a name on the way is now a symbolic link (O_NOFOLLOW); ENOTDIR: a folder on the
    // way is now something else.
    if e == rustix::io::Errno::LOOP || e == rustix::io::Errno::NOTDIR {
        (SkipKind::Changed, "a folder or file on its path was replaced by a symbolic link during the import; not followed".into())
    } else if e == rustix::io::Errno::NOENT {
        (SkipKind::Changed, "was removed or renamed during the import; not read".into())
    } else {
        (SkipKind::Unreadable, format!("cannot be read: {}", std::io::Error::from(e)))
    }
}

/// `base/under…`, each name opened relative to the one before without following links; the
/// last is a folder when `dir`, otherwise opened for reading without blocking.
fn open_beneath(base: &OwnedFd, under: &[OsString], dir: bool) -> rustix::io::Result<OwnedFd> {
    let folder = OFlags::RDONLY | OFlags::CLOEXEC | OFlags::NOFOLLOW | OFlags::DIRECTORY;
    let file = OFlags::RDONLY | OFlags::CLOEXEC | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::NOCTTY;
    let mut at: Option<OwnedFd> = None;
    for (i, name) in under.iter().enumerate() {
        let flags = if dir || i + 1 < under.len() { folder } else { file };
        let next = rustix::fs::openat(at.as_ref().map_or(base.as_fd(), |fd| fd.as_fd()), name.as_os_str(), flags, Mode::empty())?;
        at = Some(next);
    }
    match at {
        Some(fd) => Ok(fd),
        None => rustix::io::fcntl_dupfd_cloexec(base, 0),
    }
}

fn kind_noun(t: FileType) -> &'static str {
    match t {
        FileType::Fifo => "a FIFO (named pipe)",
        FileType::Socket => "a socket",
        FileType::CharacterDevice => "a character device",
        FileType::BlockDevice => "a block device",
        FileType::Symlink => "a symbolic link",
        FileType::Directory => "a folder",
        FileType::RegularFile => "a regular file",
        _ => "a special file",
    }
}

fn not_regular(t: FileType) -> String {
    format!("not a regular file ({}); skipped — copy the document itself into the folder", kind_noun(t))
}

/// Walks every path and lists the regular files to import; everything else it meets is
/// reported in `report.skipped`.
pub(crate) fn scan(paths: &[PathBuf], report: &mut ImportReport) -> Result<Vec<Listed>> {
    let mut out = Vec::new();
    let mut parents: std::collections::HashMap<PathBuf, Arc<OwnedFd>> = std::collections::HashMap::new();
    for path in paths {
        let not_found = |e: std::io::Error| {
            ApiError::new(ErrorCode::NotFound, format!("{}: cannot be imported ({e}); check the path", path.display()))
        };
        // The path itself is the person's choice: followed if it is a link.
        let st = rustix::fs::stat(path).map_err(|e| not_found(e.into()))?;
        let name = path.file_name().map(|n| n.to_owned()).unwrap_or_default();
        match FileType::from_raw_mode(st.st_mode) {
            FileType::Directory => {
                let root = match rustix::fs::open(path, OFlags::RDONLY | OFlags::CLOEXEC | OFlags::DIRECTORY, Mode::empty()) {
                    Ok(fd) => fd,
                    // Like a subfolder that cannot be read: reported, and the other paths imported.
                    Err(e) => {
                        let reason = format!("this folder cannot be read: {}; check its permissions", std::io::Error::from(e));
                        report.skipped.push(Skipped::new(SkipKind::Unreadable, s_path(path), reason));
                        continue;
                    }
                };
                let canonical = path.canonicalize().map_err(|e| ApiError::new(ErrorCode::Io, format!("{}: {e}", path.display())))?;
                walk(path, &canonical, Arc::new(root), report, &mut out);
            }
            FileType::RegularFile => {
                let real = path.canonicalize().map_err(not_found)?;
                let (Some(parent), Some(real_name)) = (real.parent(), real.file_name()) else { continue };
                let base = match parents.get(parent) {
                    Some(fd) => fd.clone(),
                    None => {
                        let fd = rustix::fs::open(parent, OFlags::RDONLY | OFlags::CLOEXEC | OFlags::DIRECTORY, Mode::empty())
                            .map_err(|e| not_found(e.into()))?;
                        parents.entry(parent.to_owned()).or_insert(Arc::new(fd)).clone()
                    }
                };
                let rel = Path::new(&name);
                if let Some(reason) = sparse(&st) {
                    report.skipped.push(Skipped::new(SkipKind::Sparse, slash(rel).0, reason));
                    continue;
                }
                let ident = Ident::of(&st);
                out.push(Listed { candidate: candidate(path.clone(), rel, ident.size), base, under: vec![real_name.to_owned()], ident });
            }
            other => report.skipped.push(Skipped::new(SkipKind::Special, slash(Path::new(&name)).0, not_regular(other))),
        }
    }
    Ok(out)
}

/// Depth first, names sorted (the order the documents table is filled in). Only the folder
/// being read is open; a folder still to read is opened again from `base` when its turn comes.
fn walk(path: &Path, canonical: &Path, base: Arc<OwnedFd>, report: &mut ImportReport, out: &mut Vec<Listed>) {
    // (names from base, what the listing saw); a `None` stat is the chosen folder itself.
    let mut todo: Vec<(Vec<OsString>, Option<Ident>)> = vec![(Vec::new(), None)];
    while let Some((under, seen)) = todo.pop() {
        let rel: PathBuf = under.iter().collect();
        let skip = |report: &mut ImportReport, kind, reason: String| report.skipped.push(Skipped::new(kind, slash(&rel).0, reason));
        let dir = match open_beneath(&base, &under, true) {
            Ok(fd) => fd,
            Err(e) => {
                let (kind, reason) = opening_failed(e);
                skip(report, kind, reason);
                continue;
            }
        };
        if let Some(seen) = seen {
            let now = rustix::fs::fstat(&dir).map(|st| Ident::of(&st));
            if now.map(|n| (n.dev, n.ino)).ok() != Some((seen.dev, seen.ino)) {
                skip(report, SkipKind::Changed, "this folder was replaced during the import; not read — import it again".into());
                continue;
            }
        }
        let mut entries: Vec<(OsString, Stat)> = Vec::new();
        let listing = rustix::fs::Dir::read_from(&dir).and_then(|mut d| {
            while let Some(entry) = d.read() {
                let entry = entry?;
                let name = os_name(entry.file_name().to_bytes());
                if name == "." || name == ".." {
                    continue;
                }
                match rustix::fs::statat(&dir, name.as_os_str(), AtFlags::SYMLINK_NOFOLLOW) {
                    Ok(st) => entries.push((name, st)),
                    // Gone between the listing and the look: nothing to import.
                    Err(rustix::io::Errno::NOENT) => {}
                    Err(e) => {
                        let mut at = rel.clone();
                        at.push(&name);
                        report.skipped.push(Skipped::new(SkipKind::Unreadable, slash(&at).0, format!("cannot be read: {}", std::io::Error::from(e))));
                    }
                }
            }
            Ok(())
        });
        if let Err(e) = listing {
            skip(report, SkipKind::Unreadable, format!("this folder cannot be read: {}", std::io::Error::from(e)));
            continue;
        }
        drop(dir);
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        let mut folders = Vec::new();
        for (name, st) in entries {
            let mut names = under.clone();
            names.push(name.clone());
            let rel: PathBuf = names.iter().collect();
            let skip = |report: &mut ImportReport, kind, reason: String| report.skipped.push(Skipped::new(kind, slash(&rel).0, reason));
            match FileType::from_raw_mode(st.st_mode) {
                FileType::Directory => folders.push((names, Some(Ident::of(&st)))),
                FileType::RegularFile => {
                    let text = name.to_string_lossy();
                    if text.starts_with('.') || text == "Thumbs.db" || text == "desktop.ini" {
                        skip(report, SkipKind::Hidden, "system or hidden file".into());
                    } else if let Some(reason) = sparse(&st) {
                        skip(report, SkipKind::Sparse, reason);
                    } else {
                        let ident = Ident::of(&st);
                        out.push(Listed { candidate: candidate(path.join(&rel), &rel, ident.size), base: base.clone(), under: names, ident });
                    }
                }
                FileType::Symlink => skip(report, SkipKind::Link, link_reason(&path.join(&rel), canonical)),
                other => skip(report, SkipKind::Special, not_regular(other)),
            }
        }
        // Depth first in name order: the first folder is read next.
        todo.extend(folders.into_iter().rev());
    }
}

/// Why a link in the walk is not followed, saying where it leads (looked up by path, for the
/// message only: nothing is opened through it).
fn link_reason(link: &Path, root: &Path) -> String {
    match link.canonicalize() {
        Err(e) => format!("broken symbolic link: {e}; not followed"),
        Ok(target) if link.parent().and_then(|p| p.canonicalize().ok()).is_some_and(|dir| dir.starts_with(&target)) => {
            format!("symbolic link loop back to {}; not followed", target.display())
        }
        Ok(target) if target.starts_with(root) => {
            format!("symbolic link to {} inside the imported folder; not followed (what it points to is imported under its own path)", target.display())
        }
        Ok(target) => {
            let special = rustix::fs::stat(&target).ok().map(|st| FileType::from_raw_mode(st.st_mode));
            match special {
                Some(t) if !matches!(t, FileType::RegularFile | FileType::Directory) => format!(
                    "symbolic link to {} outside the imported folder, and not a regular file ({}); not followed",
                    target.display(),
                    kind_noun(t)
                ),
                _ => format!("symbolic link to {} outside the imported folder; not followed", target.display()),
            }
        }
    }
}

/// A file of many gigabytes with almost no blocks on disk is a sparse placeholder, never a real
/// document: reading it would copy gigabytes of zeros into the project.
fn sparse(st: &Stat) -> Option<String> {
    #[allow(clippy::unnecessary_cast)]
    let (len, blocks) = (st.st_size as u64, st.st_blocks as u64);
    (len >= 64 << 20 && blocks.saturating_mul(512) < len / 8).then(|| {
        format!(
            "{} MB long but almost entirely holes (a sparse placeholder, not a document); not imported — replace it with the real file",
            len >> 20
        )
    })
}

fn s_path(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

/// A directory entry's name: bytes on Unix, whatever they are.
fn os_name(bytes: &[u8]) -> OsString {
    use std::os::unix::ffi::OsStrExt;
    OsStr::from_bytes(bytes).to_owned()
}

#[cfg(test)]
mod tests {
    //! The walk's guarantees, with the file system changed at exactly the point between listing
    //! a file and opening it — where a race would strike — so the tests are deterministic.

    use std::fs;
    use std::io::Read;

    use super::*;

    fn listed_one(root: &Path) -> Vec<Listed> {
        let mut report = ImportReport::default();
        let listed = scan(&[root.to_path_buf()], &mut report).unwrap();
        assert!(report.skipped.is_empty(), "{:?}", report.skipped);
        listed
    }

    fn refused(l: &Listed) -> Left {
        match open(l) {
            Ok(_) => panic!("{} was opened", l.candidate.rel),
            Err(left) => left,
        }
    }

    /// incoming/sub/doc.pdf inside, outside/sub/doc.pdf beside it.
    fn tree(dir: &Path) -> PathBuf {
        let root = dir.join("incoming");
        fs::create_dir_all(root.join("sub")).unwrap();
        fs::write(root.join("sub/doc.pdf"), b"inside").unwrap();
        fs::create_dir_all(dir.join("outside/sub")).unwrap();
        fs::write(dir.join("outside/sub/doc.pdf"), b"SECRET").unwrap();
        root
    }

    #[test]
    fn a_folder_swapped_for_a_link_after_listing_is_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let root = tree(dir.path());
        let listed = listed_one(&root);
        assert_eq!(listed.iter().map(|l| l.candidate.rel.as_str()).collect::<Vec<_>>(), ["sub/doc.pdf"]);
        fs::rename(root.join("sub"), root.join("sub.was")).unwrap();
        std::os::unix::fs::symlink(dir.path().join("outside/sub"), root.join("sub")).unwrap();
        let (kind, reason) = refused(&listed[0]);
        assert_eq!(kind, SkipKind::Changed);
        assert!(reason.contains("replaced by a symbolic link") && reason.contains("not followed"), "{reason}");
    }

    #[test]
    fn the_chosen_folder_itself_swapped_for_a_link_after_listing_is_still_read_through_what_was_opened() {
        // The chosen folder was opened once; renaming it or putting a link in its place cannot
        // redirect what is read beneath it.
        let dir = tempfile::tempdir().unwrap();
        let root = tree(dir.path());
        let listed = listed_one(&root);
        fs::rename(&root, dir.path().join("moved")).unwrap();
        std::os::unix::fs::symlink(dir.path().join("outside"), &root).unwrap();
        let mut bytes = Vec::new();
        open(&listed[0]).unwrap().read_to_end(&mut bytes).unwrap();
        assert_eq!(bytes, b"inside");
    }

    #[test]
    fn a_file_swapped_for_a_link_a_fifo_or_another_file_after_listing_is_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let root = tree(dir.path());
        let doc = root.join("sub/doc.pdf");

        let listed = listed_one(&root);
        fs::remove_file(&doc).unwrap();
        std::os::unix::fs::symlink(dir.path().join("outside/sub/doc.pdf"), &doc).unwrap();
        assert_eq!(refused(&listed[0]).0, SkipKind::Changed, "a link");

        fs::remove_file(&doc).unwrap();
        fs::write(&doc, b"inside").unwrap();
        let listed = listed_one(&root);
        fs::remove_file(&doc).unwrap();
        rustix::fs::mknodat(rustix::fs::CWD, &doc, FileType::Fifo, Mode::from_raw_mode(0o600), 0).unwrap();
        // Opened without blocking (no writer will ever come), then refused by fstat.
        let (kind, reason) = refused(&listed[0]);
        assert_eq!(kind, SkipKind::Changed);
        assert!(reason.contains("FIFO"), "{reason}");

        fs::remove_file(&doc).unwrap();
        fs::write(&doc, b"inside").unwrap();
        let listed = listed_one(&root);
        fs::write(root.join("other.pdf"), b"another").unwrap();
        fs::rename(root.join("other.pdf"), &doc).unwrap();
        let (kind, reason) = refused(&listed[0]);
        assert_eq!(kind, SkipKind::Changed);
        assert!(reason.contains("replaced by another file"), "{reason}");

        let listed = listed_one(&root);
        fs::remove_file(&doc).unwrap();
        assert!(refused(&listed[0]).1.contains("removed"), "a file gone");
    }

    #[test]
    fn special_files_and_links_are_listed_as_skipped_and_never_opened() {
        let dir = tempfile::tempdir().unwrap();
        let root = tree(dir.path());
        rustix::fs::mknodat(rustix::fs::CWD, root.join("pipe.pdf"), FileType::Fifo, Mode::from_raw_mode(0o600), 0).unwrap();
        let _socket = std::os::unix::net::UnixListener::bind(root.join("sock")).unwrap();
        std::os::unix::fs::symlink("/dev/null", root.join("null.pdf")).unwrap();
        std::os::unix::fs::symlink("sub/doc.pdf", root.join("alias.pdf")).unwrap();
        let mut report = ImportReport::default();
        let listed = scan(&[root.clone(), root.join("pipe.pdf")], &mut report).unwrap();
        assert_eq!(listed.len(), 1, "only the regular file");
        let got: Vec<(String, SkipKind, String)> = report.skipped.iter().map(|s| (s.path.clone(), s.kind, s.reason.clone())).collect();
        let find = |path: &str| got.iter().filter(|g| g.0 == path).cloned().collect::<Vec<_>>();
        assert!(matches!(&find("pipe.pdf")[..], [(_, SkipKind::Special, r), (_, SkipKind::Special, _)] if r.contains("not a regular file (a FIFO")), "in the walk and named on its own: {got:#?}");
        assert!(matches!(&find("sock")[..], [(_, SkipKind::Special, r)] if r.contains("not a regular file (a socket")), "{got:#?}");
        assert!(matches!(&find("null.pdf")[..], [(_, SkipKind::Link, r)] if r.contains("/dev/null") && r.contains("not a regular file (a character device")), "{got:#?}");
        assert!(matches!(&find("alias.pdf")[..], [(_, SkipKind::Link, r)] if r.contains("inside the imported folder") && r.contains("its own path")), "{got:#?}");
    }
}
