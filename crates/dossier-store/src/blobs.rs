//! Content-addressed blob store: `blobs/ab/<sha256>`, read-only once written.
//!
//! A blob is written to `blobs/.tmp/` while both hashes are computed in the same pass, fsynced,
//! and only then renamed to its final name, so a crash never leaves a half-written blob under a
//! final name. Leftover temp files from a crash are removed on open.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::sync_channel;

use md5::Md5;
use sha2::{Digest, Sha256};

use crate::{Error, Result};

const CHUNK: usize = 1 << 20;
/// Buffers in flight between the reader and the MD5 thread; bounds memory whatever the file size.
const BUFFERS: usize = 6;

#[derive(Debug, Clone)]
pub struct BlobStore {
    root: PathBuf,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlobInfo {
    pub sha256: String,
    pub md5: String,
    pub size: u64,
    /// False when the store already held these bytes.
    pub newly_written: bool,
}

/// A blob written to a temp file and hashed, waiting for [`BlobStore::publish`].
#[derive(Debug)]
pub struct StagedBlob {
    pub info: BlobInfo,
    tmp: Option<PathBuf>,
    final_path: PathBuf,
}

impl StagedBlob {
    /// Where the bytes are now: the temp file, or the final blob when it was already stored.
    pub fn path(&self) -> &Path {
        self.tmp.as_deref().unwrap_or(&self.final_path)
    }
}

/// Where [`BlobStore::set_aside`] moves damaged blobs, inside the blob store.
pub const DAMAGED_DIR: &str = ".damaged";

static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

impl BlobStore {
    pub fn open(root: &Path) -> Result<BlobStore> {
        let tmp = root.join(".tmp");
        fs::create_dir_all(&tmp).map_err(|e| Error::io(&tmp, e))?;
        Ok(BlobStore { root: root.to_path_buf() })
    }

    /// The blob store at `root` as it is, for reading: nothing is created (a read-only or a
    /// damaged project).
    pub fn existing(root: &Path) -> BlobStore {
        BlobStore { root: root.to_path_buf() }
    }

    /// Removes temp files left by interrupted writes. A temp file is named after the process
    /// writing it, so those of a process still running (the app beside the CLI) are kept.
    pub fn remove_stale_temp_files(&self) -> Result<usize> {
        let tmp = self.root.join(".tmp");
        let mut removed = 0;
        for entry in fs::read_dir(&tmp).map_err(|e| Error::io(&tmp, e))? {
            let path = entry.map_err(|e| Error::io(&tmp, e))?.path();
            let pid = path.file_name().and_then(|n| n.to_str()).and_then(|n| n.split('-').next());
            if pid.is_some_and(process_is_running) {
                continue;
            }
            fs::remove_file(&path).map_err(|e| Error::io(&path, e))?;
            removed += 1;
        }
        Ok(removed)
    }

    pub fn path_of(&self, sha256: &str) -> PathBuf {
        self.root.join(&sha256[..2]).join(sha256)
    }

    pub fn contains(&self, sha256: &str) -> bool {
        self.path_of(sha256).is_file()
    }

    /// Copies `src` into the store, hashing SHA-256 and MD5 in one streaming pass, and makes
    /// it durable at once. For many files, [`BlobStore::stage`] + [`BlobStore::publish`] pay
    /// one disk sync per batch instead of one per file.
    pub fn ingest(&self, src: &mut dyn Read, src_name: &Path) -> Result<BlobInfo> {
        let mut staged = [self.stage(src, src_name)?];
        self.publish(&mut staged)?;
        let [blob] = staged;
        Ok(blob.info)
    }

    fn temp_path(&self) -> PathBuf {
        self.root.join(".tmp").join(format!("{}-{}", std::process::id(), TEMP_COUNTER.fetch_add(1, Ordering::Relaxed)))
    }

    /// Copies `src` into a temp file with both hashes, not yet durable nor under its final
    /// name. Read it through [`StagedBlob::path`]; publish or discard it.
    pub fn stage(&self, src: &mut dyn Read, src_name: &Path) -> Result<StagedBlob> {
        let tmp_path = self.temp_path();
        let staged = (|| {
            let mut tmp =
                OpenOptions::new().write(true).create_new(true).open(&tmp_path).map_err(|e| Error::io(&tmp_path, e))?;
            let (sha256, md5, size) = hash_copy(src, &mut tmp).map_err(|e| Error::io(src_name, e))?;
            start_writeback(&tmp);
            let final_path = self.path_of(&sha256);
            let known = final_path.is_file();
            if known {
                fs::remove_file(&tmp_path).map_err(|e| Error::io(&tmp_path, e))?;
            }
            Ok(StagedBlob {
                info: BlobInfo { sha256, md5, size, newly_written: !known },
                tmp: (!known).then(|| tmp_path.clone()),
                final_path,
            })
        })();
        if staged.is_err() {
            let _ = fs::remove_file(&tmp_path);
        }
        staged
    }

    /// Makes staged blobs durable and moves them under their final names: one sync of the
    /// file system for the whole batch, the renames, and one more sync for the renames.
    pub fn publish(&self, staged: &mut [StagedBlob]) -> Result<()> {
        let pending: Vec<&mut StagedBlob> = staged.iter_mut().filter(|s| s.tmp.is_some()).collect();
        if pending.is_empty() {
            return Ok(());
        }
        sync_filesystem(&self.root)?;
        let mut dirs = std::collections::BTreeSet::new();
        for blob in pending {
            let tmp = blob.tmp.take().expect("filtered on pending");
            let dir = blob.final_path.parent().expect("blob paths have a fan-out folder").to_path_buf();
            fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
            let mut perms = fs::metadata(&tmp).map_err(|e| Error::io(&tmp, e))?.permissions();
            perms.set_readonly(true);
            fs::set_permissions(&tmp, perms).map_err(|e| Error::io(&tmp, e))?;
            fs::rename(&tmp, &blob.final_path).map_err(|e| Error::io(&blob.final_path, e))?;
            dirs.insert(dir);
        }
        // The renames are metadata: one more file-system sync makes them durable, cheaper than
        // a sync per fan-out folder.
        if cfg!(target_os = "linux") {
            sync_filesystem(&self.root)
        } else {
            dirs.iter().try_for_each(|dir| sync_dir(dir))
        }
    }

    /// Drops a staged blob that will not be published (e.g. a duplicate within a batch).
    pub fn discard(&self, staged: StagedBlob) {
        if let Some(tmp) = staged.tmp {
            let _ = fs::remove_file(tmp);
        }
    }

    /// Re-hashes a blob and checks it against its name.
    pub fn verify(&self, sha256: &str) -> Result<()> {
        let path = self.path_of(sha256);
        let mut file = File::open(&path).map_err(|e| Error::io(&path, e))?;
        let (actual, _, _) = hash_copy(&mut file, &mut io::sink()).map_err(|e| Error::io(&path, e))?;
        if actual == sha256 { Ok(()) } else { Err(Error::BlobDamaged { sha256: sha256.to_owned() }) }
    }

    /// Moves a blob that no longer matches its name (changed, cut short, replaced by a link or a
    /// folder) to `.damaged/<sha256>`, and returns where. Under its final name it would count as
    /// already stored, and importing the original again would keep the damaged copy; set
    /// aside, the next import stores the original afresh. Kept rather than deleted: someone may
    /// want to see what changed it. `None` when there is nothing under the name.
    pub fn set_aside(&self, sha256: &str) -> Result<Option<PathBuf>> {
        let path = self.path_of(sha256);
        if fs::symlink_metadata(&path).is_err() {
            return Ok(None);
        }
        let dir = self.root.join(DAMAGED_DIR);
        fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        let aside = dir.join(sha256);
        if let Ok(m) = fs::symlink_metadata(&aside) {
            let _ = if m.is_dir() { fs::remove_dir_all(&aside) } else { fs::remove_file(&aside) };
        }
        fs::rename(&path, &aside).map_err(|e| Error::io(&path, e))?;
        Ok(Some(aside))
    }

    /// Every blob's SHA-256, from the folder names (for integrity checks).
    pub fn list(&self) -> Result<Vec<String>> {
        let mut out = Vec::new();
        for fan in fs::read_dir(&self.root).map_err(|e| Error::io(&self.root, e))? {
            let fan = fan.map_err(|e| Error::io(&self.root, e))?;
            // `.tmp` (staging) and `.damaged` (set aside) hold no blobs under their names.
            if fan.file_name().to_string_lossy().starts_with('.') || !fan.path().is_dir() {
                continue;
            }
            for blob in fs::read_dir(fan.path()).map_err(|e| Error::io(&fan.path(), e))? {
                let blob = blob.map_err(|e| Error::io(&fan.path(), e))?;
                out.push(blob.file_name().to_string_lossy().into_owned());
            }
        }
        out.sort();
        Ok(out)
    }
}

fn process_is_running(pid: &str) -> bool {
    if pid == std::process::id().to_string() {
        return true;
    }
    // Linux exposes live processes under /proc; elsewhere keep the file (safe, just untidy).
    let proc = Path::new("/proc");
    !proc.is_dir() || proc.join(pid).exists()
}

/// Starts writing `file`'s dirty pages to disk without waiting (Linux: `POSIX_FADV_DONTNEED`
/// initiates writeback and drops only pages already clean, so the just-written bytes stay
/// cached). The disk then works while the next files are hashed, and the batch's `syncfs`
/// waits for what is left instead of for everything: with 24 GB of RAM the kernel would
/// otherwise hold gigabytes dirty until that sync.
fn start_writeback(file: &File) {
    #[cfg(target_os = "linux")]
    let _ = rustix::fs::fadvise(file, 0, None, rustix::fs::Advice::DontNeed);
    #[cfg(not(target_os = "linux"))]
    let _ = file;
}

/// Flushes every dirty page of the file system holding `root` in one call (Linux `syncfs`);
/// elsewhere the caller's later per-folder syncs and the OS are relied on.
#[cfg(target_os = "linux")]
fn sync_filesystem(root: &Path) -> Result<()> {
    let dir = File::open(root).map_err(|e| Error::io(root, e))?;
    rustix::fs::syncfs(&dir).map_err(|e| Error::io(root, e.into()))
}

#[cfg(not(target_os = "linux"))]
fn sync_filesystem(_root: &Path) -> Result<()> {
    Ok(())
}

#[cfg(unix)]
fn sync_dir(dir: &Path) -> Result<()> {
    File::open(dir).and_then(|d| d.sync_all()).map_err(|e| Error::io(dir, e))
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> Result<()> {
    Ok(())
}

/// Streams `src` into `dst` and hashes it, reading every byte once. Three stages run on their
/// own threads so both cores stay busy: this thread reads, a second hashes SHA-256 and writes,
/// a third hashes MD5 (the slowest step without hardware help). Buffers circulate through the
/// stages and back, so memory use is `BUFFERS × CHUNK` whatever the file size.
pub(crate) fn hash_copy(src: &mut dyn Read, dst: &mut (dyn Write + Send)) -> io::Result<(String, String, u64)> {
    let (to_writer, writer_rx) = sync_channel::<(Vec<u8>, usize)>(BUFFERS);
    let (to_md5, md5_rx) = sync_channel::<(Vec<u8>, usize)>(BUFFERS);
    let (to_pool, pool) = sync_channel::<Vec<u8>>(BUFFERS);
    std::thread::scope(|scope| {
        let writer = scope.spawn(move || -> io::Result<(String, u64)> {
            let mut sha = Sha256::new();
            let mut size = 0u64;
            for (buf, n) in writer_rx {
                sha.update(&buf[..n]);
                dst.write_all(&buf[..n])?;
                size += n as u64;
                if to_md5.send((buf, n)).is_err() {
                    break;
                }
            }
            Ok((hex::encode(sha.finalize()), size))
        });
        let md5 = scope.spawn(move || {
            let mut md5 = Md5::new();
            for (buf, n) in md5_rx {
                md5.update(&buf[..n]);
                let _ = to_pool.send(buf);
            }
            hex::encode(md5.finalize())
        });
        let mut spare = take_buffers();
        let read = (|| -> io::Result<()> {
            loop {
                let Some(mut buf) = spare.pop().or_else(|| pool.recv().ok()) else {
                    return Ok(()); // a later stage stopped; its error is reported below
                };
                let n = dossier_files::read_full(src, &mut buf)?;
                if n == 0 || to_writer.send((buf, n)).is_err() {
                    return Ok(());
                }
            }
        })();
        drop(to_writer);
        let written = writer.join().expect("hashing and writing do not panic");
        let md5 = md5.join().expect("MD5 hashing does not panic");
        spare.extend(pool.try_iter());
        return_buffers(spare);
        read?;
        let (sha, size) = written?;
        Ok((sha, md5, size))
    })
}

thread_local! {
    /// The pipeline's buffers, kept between files: zeroing 6 MiB for each of thousands of small
    /// files cost a tenth of an import's time.
    static BUFFER_POOL: std::cell::RefCell<Vec<Vec<u8>>> = const { std::cell::RefCell::new(Vec::new()) };
}

fn take_buffers() -> Vec<Vec<u8>> {
    let mut bufs = BUFFER_POOL.with(|p| std::mem::take(&mut *p.borrow_mut()));
    bufs.resize_with(BUFFERS, || vec![0; CHUNK]);
    bufs
}

fn return_buffers(bufs: Vec<Vec<u8>>) {
    BUFFER_POOL.with(|p| *p.borrow_mut() = bufs);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_match_the_reference_values() {
        let (sha, md5, size) = hash_copy(&mut &b"abc"[..], &mut io::sink()).unwrap();
        assert_eq!(sha, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assert_eq!(md5, "900150983cd24fb0d6963f7d28e17f72");
        assert_eq!(size, 3);
    }

    #[test]
    fn hashes_span_many_chunks_correctly() {
        let data = vec![7u8; CHUNK * 3 + 17];
        let mut out = Vec::new();
        let (sha, md5, size) = hash_copy(&mut &data[..], &mut out).unwrap();
        assert_eq!(out, data, "the copy is byte-exact");
        assert_eq!(size, data.len() as u64);
        assert_eq!(sha, hex::encode(Sha256::digest(&data)));
        assert_eq!(md5, hex::encode(Md5::digest(&data)));
    }
}
