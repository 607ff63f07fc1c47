//! Opening a project: read-only when its folder cannot be written, and a damaged store named.

use std::fs;
use std::path::{Path, PathBuf};

use dossier_store::{Error, Store};

use crate::actor;

fn listing(dir: &Path) -> Vec<(PathBuf, u64)> {
    let mut out: Vec<_> = fs::read_dir(dir).unwrap().map(|e| e.unwrap()).map(|e| (e.path(), e.metadata().unwrap().len())).collect();
    out.sort();
    out
}

fn made(dir: &Path) -> PathBuf {
    let root = dir.join("p.dossier");
    Store::create(&root, "p", &actor()).unwrap();
    root
}

#[test]
fn a_read_only_open_reads_and_refuses_every_change_writing_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let root = made(dir.path());
    let before = listing(&root);
    let mut store = Store::open_read_only(&root).unwrap();
    assert!(store.is_read_only());
    assert_eq!(store.project_info().unwrap().name, "p", "reading works");
    let e = store.with_tx(&actor(), |_| Ok(())).unwrap_err();
    assert!(matches!(e, Error::ReadOnly { .. }), "{e}");
    let text = e.to_string();
    assert!(text.contains("p.dossier") && text.contains("copy it to a writable folder to change it"), "{text}");
    assert!(store.ensure_writable().is_err());
    store.blobs().unwrap();
    drop(store);
    assert_eq!(listing(&root), before, "no -wal, -shm or blobs/.tmp was created");
}

#[test]
fn a_read_only_open_reads_a_writers_leftover_wal_and_names_one_without_its_index() {
    let dir = tempfile::tempdir().unwrap();
    let root = made(dir.path());
    let conn = rusqlite::Connection::open(root.join("project.sqlite")).unwrap();
    conn.pragma_update(None, "wal_autocheckpoint", 0).unwrap();
    conn.execute("UPDATE project SET name = 'only in the wal'", []).unwrap();
    std::mem::forget(conn); // closing would checkpoint and remove the -wal
    let store = Store::open_read_only(&root).unwrap();
    assert_eq!(store.project_info().unwrap().name, "only in the wal", "the WAL's change is read");
    drop(store);
    fs::remove_file(root.join("project.sqlite-shm")).unwrap();
    let e = Store::open_read_only(&root).unwrap_err().to_string();
    assert!(e.contains("project.sqlite-wal") && e.contains("to open it"), "{e}");
}

#[test]
fn a_store_that_is_junk_cut_short_or_a_folder_is_named_as_damaged() {
    let dir = tempfile::tempdir().unwrap();
    let root = made(dir.path());
    // A clean close: no -wal left, so the header's page count is checked.
    drop(Store::open(&root).unwrap());
    let db = root.join("project.sqlite");
    let good = fs::read(&db).unwrap();
    let damaged = |what: &str, detail: &str| {
        let e = Store::open(&root).unwrap_err();
        assert!(matches!(e, Error::Damaged { .. }), "{what}: {e}");
        let text = e.to_string();
        assert!(text.contains(&db.display().to_string()) && text.contains(detail) && text.contains("restore project.sqlite from a backup"), "{what}: {text}");
    };
    fs::write(&db, &good[..good.len() / 2]).unwrap();
    damaged("cut short", "cut short");
    fs::write(&db, vec![0x5a; good.len()]).unwrap();
    damaged("junk", "not a database");
    fs::remove_file(&db).unwrap();
    fs::create_dir(&db).unwrap();
    damaged("a folder", "it is a folder");
    fs::remove_dir(&db).unwrap();
    assert!(matches!(Store::open(&root), Err(Error::NotAProject(_))), "no store file at all is no project");
}
