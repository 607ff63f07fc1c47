use std::fs;
use std::sync::atomic::AtomicBool;

use dossier_api::{DocumentFilter, ImportOptions, list_documents};

use super::{fixture, import, new_project};

/// A folder with one file of every awkward kind the importer must survive.
fn awkward_folder(dir: &std::path::Path) -> std::path::PathBuf {
    let root = dir.join("incoming");
    let spec = root.join("m3/32-body-data/32p-drug-prod/product-1/32p5-contr-drug-prod/32p51-spec");
    fs::create_dir_all(&spec).unwrap();
    fs::create_dir_all(root.join("company")).unwrap();
    fs::copy(fixture("good.pdf"), spec.join("specification.pdf")).unwrap();
    for name in ["encrypted.pdf", "pdf-1.3.pdf", "truncated.pdf", "not-a-pdf.pdf"] {
        fs::copy(fixture(name), root.join("company").join(name)).unwrap();
    }
    fs::write(root.join("company/empty.pdf"), b"").unwrap();
    // Same bytes as good.pdf plus one: a distinct document with a Chinese name.
    let mut chinese = fs::read(fixture("good.pdf")).unwrap();
    chinese.extend_from_slice(b"\n");
    fs::write(root.join("company/说明书-中文.pdf"), chinese).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let name = std::ffi::OsStr::from_bytes(b"scan-\xff\xfe.pdf");
        fs::write(root.join("company").join(name), b"%PDF-1.4\nnot really\n%%EOF\n").unwrap();
        std::os::unix::fs::symlink("..", root.join("company/loop")).unwrap();
        std::os::unix::fs::symlink("/etc/hostname", root.join("company/outside")).unwrap();
    }
    root
}

#[test]
fn every_awkward_file_is_imported_with_findings_and_nothing_aborts() {
    let dir = tempfile::tempdir().unwrap();
    let root = awkward_folder(dir.path());
    let mut project = new_project(dir.path());
    let report = import(&mut project, &[root]);
    assert_eq!(report.imported, 8, "{report:#?}");
    let docs = list_documents(&project, &DocumentFilter::default()).unwrap();
    let rule_of = |path: &str| -> Vec<String> {
        let doc = docs.iter().find(|d| d.path == path).unwrap_or_else(|| panic!("{path} was imported"));
        doc.findings.iter().map(|f| f.rule.clone()).collect()
    };
    assert_eq!(rule_of("company/encrypted.pdf"), ["DB-PDF-ENCRYPTED"]);
    assert_eq!(rule_of("company/pdf-1.3.pdf"), ["DB-PDF-VERSION"]);
    assert_eq!(rule_of("company/truncated.pdf"), ["DB-PDF-TRUNCATED"]);
    assert_eq!(rule_of("company/not-a-pdf.pdf"), ["DB-PDF-NOT-PDF"]);
    assert_eq!(rule_of("company/empty.pdf"), ["DB-IMP-EMPTY"]);
    assert!(rule_of("company/说明书-中文.pdf").is_empty(), "a Chinese name is nothing to report");
    let odd = docs.iter().find(|d| d.path.starts_with("company/scan-")).expect("the non-UTF-8 name was imported");
    assert!(odd.findings.iter().any(|f| f.rule == "DB-IMP-NAME-ENCODING"));
    let stored = project.store.document(&odd.id).unwrap();
    assert_eq!(stored.source_path_raw.as_deref(), Some(&b"company/scan-\xff\xfe.pdf"[..]), "original bytes are kept");
}

#[test]
fn symlink_loops_and_links_out_of_the_tree_are_reported_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    let root = awkward_folder(dir.path());
    let mut project = new_project(dir.path());
    let report = import(&mut project, &[root]);
    let reasons: Vec<String> = report.skipped.iter().map(|s| format!("{}: {}", s.path, s.reason)).collect();
    assert!(reasons.iter().any(|r| r.starts_with("company/loop") && r.contains("loop")), "{reasons:#?}");
    assert!(reasons.iter().any(|r| r.starts_with("company/outside") && r.contains("outside")), "{reasons:#?}");
}

#[test]
fn pdf_facts_and_hashes_are_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let root = awkward_folder(dir.path());
    let mut project = new_project(dir.path());
    import(&mut project, &[root]);
    let docs = list_documents(&project, &DocumentFilter::default()).unwrap();
    let spec = docs.iter().find(|d| d.path.ends_with("specification.pdf")).unwrap();
    let bytes = fs::read(fixture("good.pdf")).unwrap();
    assert_eq!(spec.size, bytes.len() as u64);
    assert_eq!(spec.sha256.len(), 64);
    assert_eq!(spec.md5.len(), 32);
    assert_eq!((spec.pdf_version.as_deref(), spec.pages, spec.bookmarks), (Some("1.7"), Some(2), Some(true)));
    assert_eq!(spec.section.as_deref(), Some("3.2.P.5.1"), "the eCTD folder gives the section");
    let blob = project.store.blobs().unwrap().path_of(&spec.sha256);
    assert_eq!(fs::read(blob).unwrap(), bytes, "the blob is a byte-exact copy");
}

#[test]
fn importing_again_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let root = awkward_folder(dir.path());
    let mut project = new_project(dir.path());
    import(&mut project, std::slice::from_ref(&root));
    let audit_before = project.store.audit_log(10_000).unwrap().len();
    let again = import(&mut project, &[root]);
    assert_eq!(again.imported, 0);
    assert_eq!(again.already_known, again.files_seen);
    assert_eq!(project.store.audit_log(10_000).unwrap().len(), audit_before, "no store change, no audit record");
}

#[test]
fn a_cancelled_import_keeps_what_it_did_and_a_rerun_completes() {
    let dir = tempfile::tempdir().unwrap();
    let root = awkward_folder(dir.path());
    let mut project = new_project(dir.path());
    let cancel = AtomicBool::new(true);
    let report = dossier_api::import_paths(
        &mut project,
        std::slice::from_ref(&root),
        &ImportOptions { cancel: Some(&cancel) },
        &mut |_| {},
    )
    .unwrap();
    assert!(report.cancelled && report.imported == 0);
    assert_eq!(import(&mut project, &[root]).imported, 8);
}

#[test]
fn progress_is_reported_for_every_file() {
    let dir = tempfile::tempdir().unwrap();
    let root = awkward_folder(dir.path());
    let mut project = new_project(dir.path());
    let mut seen = Vec::new();
    dossier_api::import_paths(&mut project, &[root], &ImportOptions::default(), &mut |p| seen.push(p.clone())).unwrap();
    let last = seen.last().unwrap();
    assert_eq!(last.done, last.total);
    assert_eq!(seen.len() as u64, last.total + 1, "one report per file and one at the end");
}

#[test]
fn a_missing_path_is_a_clear_error_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut project = new_project(dir.path());
    let err = dossier_api::import_paths(&mut project, &[dir.path().join("nope")], &ImportOptions::default(), &mut |_| {})
        .unwrap_err();
    assert!(err.message.contains("nope") && err.message.contains("check the path"), "{}", err.message);
    assert_eq!(project.store.project_info().unwrap().documents, 0);
}

#[test]
fn a_file_changed_in_place_is_hashed_again_and_becomes_a_new_version() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("incoming");
    fs::create_dir_all(&folder).unwrap();
    let file = folder.join("spec.pdf");
    fs::write(&file, b"%PDF-1.4 version one\n%%EOF\n").unwrap();
    let mut project = new_project(dir.path());
    assert_eq!(import(&mut project, std::slice::from_ref(&folder)).imported, 1);
    assert_eq!(import(&mut project, std::slice::from_ref(&folder)).already_known, 1, "unchanged: skipped");
    // Same size, new content and a later modification time: the cache must not hide it.
    fs::write(&file, b"%PDF-1.4 version two\n%%EOF\n").unwrap();
    let later = std::time::SystemTime::now() + std::time::Duration::from_secs(5);
    fs::File::options().write(true).open(&file).unwrap().set_modified(later).unwrap();
    let again = import(&mut project, &[folder]);
    assert_eq!(again.imported, 1, "{again:#?}");
    let versions: Vec<u32> = list_documents(&project, &DocumentFilter::default()).unwrap().iter().map(|d| d.version).collect();
    assert_eq!(versions, [1, 2]);
}
