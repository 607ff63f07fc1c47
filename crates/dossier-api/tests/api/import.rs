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

/// Issue 14 (5): a thread swaps a subfolder and a symbolic link to a folder outside (atomically,
/// `renameat2(RENAME_EXCHANGE)`) as fast as it can while the folder is imported, 300 times, each
/// time with new bytes inside so that they are read again. Nothing from outside may ever be
/// imported; the swap is seen (as a skipped link or a changed path) in some runs, which shows the
/// race was really run.
#[test]
fn a_subfolder_swapped_with_a_link_out_while_importing_never_imports_a_file_from_outside() {
    use std::sync::atomic::{AtomicBool, Ordering};
    let dir = tempfile::tempdir().unwrap();
    let outside = dir.path().join("outside/sub");
    fs::create_dir_all(&outside).unwrap();
    let secret = b"%PDF-1.4\nSECRET outside the chosen folder\n%%EOF\n";
    fs::write(outside.join("doc.pdf"), secret).unwrap();
    let secret_sha = {
        let mut project = new_project(&dir.path().join("reference"));
        import(&mut project, &[outside.join("doc.pdf")]);
        list_documents(&project, &DocumentFilter::default()).unwrap()[0].sha256.clone()
    };
    let mut project = new_project(dir.path());
    let mut swaps_seen = 0;
    for i in 0..300 {
        let root = dir.path().join(format!("run-{i}"));
        fs::create_dir_all(root.join("sub")).unwrap();
        fs::write(root.join("sub/doc.pdf"), format!("%PDF-1.4\ninside {i}\n%%EOF\n")).unwrap();
        std::os::unix::fs::symlink(&outside, root.join("sub.link")).unwrap();
        let stop = AtomicBool::new(false);
        let report = std::thread::scope(|s| {
            s.spawn(|| {
                while !stop.load(Ordering::Relaxed) {
                    let _ = rustix::fs::renameat_with(
                        rustix::fs::CWD,
                        root.join("sub"),
                        rustix::fs::CWD,
                        root.join("sub.link"),
                        rustix::fs::RenameFlags::EXCHANGE,
                    );
                }
            });
            let report = import(&mut project, std::slice::from_ref(&root));
            stop.store(true, Ordering::Relaxed);
            report
        });
        if !report.skipped.is_empty() {
            swaps_seen += 1;
        }
        let docs = list_documents(&project, &DocumentFilter::default()).unwrap();
        assert!(!docs.iter().any(|d| d.sha256 == secret_sha), "run {i}: a file from outside the chosen folder was imported: {report:#?}");
    }
    assert!(swaps_seen > 0, "the swap never struck during a walk");
}

/// Issue 14 (14): names that another system cannot hold or merges, in files and folders, each
/// with a finding naming the file and a name to rename it to.
#[test]
fn names_that_break_on_windows_or_macos_get_a_finding_with_a_portable_name() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("incoming");
    let files = [
        "CON.pdf",
        "aux.txt",
        "COM1",
        "LPT9.pdf",
        "a:b.pdf",
        "a*b.pdf",
        "<>|?\".pdf",
        "annex./letter.pdf",
        "nul/inside.pdf",
        "caf\u{e9}.pdf",
        "cafe\u{301}.pdf",
        "Report.pdf",
        "report.pdf",
    ];
    for (i, name) in files.iter().enumerate() {
        let path = root.join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, format!("%PDF-1.4\nfile {i}\n%%EOF\n")).unwrap();
    }
    let mut project = new_project(dir.path());
    let report = import(&mut project, &[root]);
    assert_eq!(report.imported as usize, files.len(), "{report:#?}");
    let docs = list_documents(&project, &DocumentFilter::default()).unwrap();
    let finding = |path: &str, rule: &str| -> String {
        let doc = docs.iter().find(|d| d.path == path).unwrap_or_else(|| panic!("{path} was imported"));
        let f = doc.findings.iter().find(|f| f.rule == rule).unwrap_or_else(|| panic!("{path}: no {rule} in {:#?}", doc.findings));
        f.message.clone()
    };
    for (path, rule, rename) in [
        ("CON.pdf", "DB-IMP-NAME-DEVICE", "CON_.pdf"),
        ("aux.txt", "DB-IMP-NAME-DEVICE", "aux_.txt"),
        ("COM1", "DB-IMP-NAME-DEVICE", "COM1_"),
        ("LPT9.pdf", "DB-IMP-NAME-DEVICE", "LPT9_.pdf"),
        ("a:b.pdf", "DB-IMP-NAME-CHARACTER", "a_b.pdf"),
        ("a*b.pdf", "DB-IMP-NAME-CHARACTER", "a_b.pdf"),
        ("<>|?\".pdf", "DB-IMP-NAME-CHARACTER", "_____.pdf"),
        ("annex./letter.pdf", "DB-IMP-NAME-TRAILING", "\"annex\""),
        ("nul/inside.pdf", "DB-IMP-NAME-DEVICE", "nul_"),
    ] {
        let message = finding(path, rule);
        assert!(message.contains(path) && message.contains(&format!("rename it to {rename}")), "{path}: {message}");
    }
    let nfc = finding("caf\u{e9}.pdf", "DB-IMP-NAME-NFC");
    assert!(nfc.contains("cafe\u{301}.pdf") && nfc.contains("rename one of them"), "{nfc}");
    finding("cafe\u{301}.pdf", "DB-IMP-NAME-NFC");
    let case = finding("Report.pdf", "DB-IMP-NAME-CASE");
    assert!(case.contains("report.pdf"), "{case}");
    let fine = docs.iter().filter(|d| d.findings.iter().any(|f| f.rule.starts_with("DB-IMP-NAME"))).count();
    assert_eq!(fine, files.len(), "every one of these names is reported");
}

/// Issue 14 (13): special files in a folder, and named on their own, are reported, and the
/// import neither blocks on a FIFO nor reads a device.
#[test]
fn fifos_sockets_and_links_to_devices_are_reported_as_not_regular_files() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("incoming");
    fs::create_dir_all(&root).unwrap();
    fs::write(root.join("real.pdf"), b"%PDF-1.4\nreal\n%%EOF\n").unwrap();
    let status = std::process::Command::new("mkfifo").arg(root.join("pipe.pdf")).status().unwrap();
    assert!(status.success());
    let _socket = std::os::unix::net::UnixListener::bind(root.join("socket.pdf")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", root.join("zeros.pdf")).unwrap();
    let mut project = new_project(dir.path());
    let report = import(&mut project, &[root.clone(), root.join("pipe.pdf"), std::path::PathBuf::from("/dev/null")]);
    assert_eq!(report.imported, 1, "{report:#?}");
    let reasons: Vec<String> = report.skipped.iter().map(|s| format!("{}: {}", s.path, s.reason)).collect();
    for (path, words) in [
        ("pipe.pdf", "not a regular file (a FIFO"),
        ("socket.pdf", "not a regular file (a socket"),
        ("zeros.pdf", "not a regular file (a character device"),
        ("null", "not a regular file (a character device"),
    ] {
        assert!(reasons.iter().any(|r| r.starts_with(&format!("{path}: ")) && r.contains(words)), "{path}: {reasons:#?}");
    }
    assert!(report.is_clean(), "files left out by design leave the import clean");
}
