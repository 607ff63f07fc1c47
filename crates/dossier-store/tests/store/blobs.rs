use std::io::Read;

use dossier_store::BlobStore;

#[test]
fn a_blob_is_stored_once_under_its_hash_and_read_only() {
    let dir = tempfile::tempdir().unwrap();
    let blobs = BlobStore::open(dir.path()).unwrap();
    let first = blobs.ingest(&mut &b"hello"[..], "a.txt".as_ref()).unwrap();
    let second = blobs.ingest(&mut &b"hello"[..], "b.txt".as_ref()).unwrap();
    assert!(first.newly_written && !second.newly_written, "the same bytes are stored once");
    assert_eq!(first.sha256, "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
    assert_eq!(first.md5, "5d41402abc4b2a76b9719d911017c592");
    let path = blobs.path_of(&first.sha256);
    assert!(std::fs::metadata(&path).unwrap().permissions().readonly(), "blobs are read-only");
    assert_eq!(blobs.list().unwrap(), vec![first.sha256.clone()]);
    assert_eq!(std::fs::read_dir(dir.path().join(".tmp")).unwrap().count(), 0, "no temp file is left behind");
    blobs.verify(&first.sha256).unwrap();
}

/// A reader that fails half-way, like a file on a disconnected drive.
struct FailingReader(usize);

impl Read for FailingReader {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.0 == 0 {
            return Err(std::io::Error::other("device went away"));
        }
        let n = buf.len().min(self.0);
        buf[..n].fill(1);
        self.0 -= n;
        Ok(n)
    }
}

#[test]
fn a_failed_write_leaves_no_blob_and_no_temp_file() {
    let dir = tempfile::tempdir().unwrap();
    let blobs = BlobStore::open(dir.path()).unwrap();
    let err = blobs.ingest(&mut FailingReader(3 << 20), "big.pdf".as_ref()).unwrap_err();
    assert!(err.to_string().contains("big.pdf"), "the error names the file: {err}");
    assert!(blobs.list().unwrap().is_empty(), "nothing is stored under a final name");
    assert_eq!(std::fs::read_dir(dir.path().join(".tmp")).unwrap().count(), 0);
}

#[test]
fn stale_temp_files_from_a_crash_are_removed() {
    let dir = tempfile::tempdir().unwrap();
    let blobs = BlobStore::open(dir.path()).unwrap();
    std::fs::write(dir.path().join(".tmp/4000000000-0"), b"half a file").unwrap();
    let own = dir.path().join(format!(".tmp/{}-99", std::process::id()));
    std::fs::write(&own, b"being written").unwrap();
    assert_eq!(blobs.remove_stale_temp_files().unwrap(), 1, "only the dead process's file goes");
    assert!(own.exists(), "a live writer's temp file is kept");
}

#[test]
fn a_damaged_blob_is_detected() {
    let dir = tempfile::tempdir().unwrap();
    let blobs = BlobStore::open(dir.path()).unwrap();
    let info = blobs.ingest(&mut &b"original"[..], "a".as_ref()).unwrap();
    let path = blobs.path_of(&info.sha256);
    let mut perms = std::fs::metadata(&path).unwrap().permissions();
    #[allow(clippy::permissions_set_readonly_false)]
    perms.set_readonly(false);
    std::fs::set_permissions(&path, perms).unwrap();
    std::fs::write(&path, b"tampered").unwrap();
    assert!(blobs.verify(&info.sha256).is_err(), "changed bytes no longer match the name");
}
