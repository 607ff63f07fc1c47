//! Hostile cases: the import walk: links swapped, files changing, special files, broken PDFs, non-portable names (issue 14: 5, 9, 12, 13, 14).
//!
//! Table cases go in [`cases`] (run by the test below on one project with a built sequence, each
//! followed by the whole-project checks of [`super::run`]); a case that needs a test of its own
//! is a `#[test]` here whose name is listed in [`STANDALONE`].

use crate::crash::peak_rss_kib;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use super::super::whole::assert_whole;
use super::super::{dossier, json};
use super::{Case, Expect, import_one, s, sequence_copy, unique_pdf};

/// The names of this module's standalone `#[test]` functions, counted by the suite's size test.
pub(super) const STANDALONE: &[&str] = &[
    "a_file_truncated_while_it_is_imported_is_not_stored_and_the_import_exits_1",
    "a_file_appended_to_while_it_is_imported_is_not_stored_and_a_rerun_imports_it",
    "a_subfolder_swapped_with_a_link_out_while_import_walks_never_imports_from_outside",
];

/// A PDF of `objects` (1, 2, … in order) with a correct cross-reference table: one broken
/// structure, nothing else wrong.
fn pdf_of(objects: &[String]) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{body}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1).as_bytes());
    out
}

fn objects(list: &[&str]) -> Vec<String> {
    list.iter().map(|o| (*o).to_owned()).collect()
}

const CATALOG: &str = "<< /Type /Catalog /Pages 2 0 R >>";
const PAGE: &str = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>";

fn page_tree_loop() -> Vec<u8> {
    pdf_of(&objects(&[CATALOG, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", "<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>"]))
}

/// `folder/NAME` is made by `make`; returns `import folder`.
fn import_special(d: &Path, make: fn(&Path)) -> Vec<String> {
    let args = import_one(d, "real.pdf", &unique_pdf(&s(d)));
    make(&d.join("incoming"));
    args
}

fn mkfifo(path: &Path) {
    assert!(Command::new("mkfifo").arg(path).status().unwrap().success(), "mkfifo {}", path.display());
}

pub(super) fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "a subfolder that is a symbolic link to a folder outside",
            setup: |d| {
                fs::create_dir_all(d.join("elsewhere")).unwrap();
                fs::write(d.join("elsewhere/secret.pdf"), unique_pdf("folder link")).unwrap();
                let args = import_one(d, "real.pdf", &unique_pdf("beside a folder link"));
                std::os::unix::fs::symlink(d.join("elsewhere"), d.join("incoming/annex")).unwrap();
                args
            },
            expect: Expect::Finding(&["annex", "outside the imported folder", "not followed", "\"imported\": 1"]),
        },
        Case {
            // Opened for reading, a FIFO would block the import until someone writes to it.
            name: "a FIFO in the import folder",
            setup: |d| import_special(d, |f| mkfifo(&f.join("pipe.pdf"))),
            expect: Expect::Finding(&["pipe.pdf", "not a regular file (a FIFO", "\"kind\": \"special\"", "\"imported\": 1"]),
        },
        Case {
            name: "a FIFO named on the command line",
            setup: |d| {
                mkfifo(&d.join("named-pipe.pdf"));
                vec!["import".into(), s(&d.join("named-pipe.pdf"))]
            },
            expect: Expect::Finding(&["named-pipe.pdf", "not a regular file (a FIFO", "\"imported\": 0"]),
        },
        Case {
            name: "a Unix socket in the import folder",
            setup: |d| {
                import_special(d, |f| {
                    // The listener is dropped at once; the socket file stays.
                    std::os::unix::net::UnixListener::bind(f.join("agent.sock")).unwrap();
                })
            },
            expect: Expect::Finding(&["agent.sock", "not a regular file (a socket"]),
        },
        Case {
            name: "a symbolic link to /dev/zero in the import folder",
            setup: |d| import_special(d, |f| std::os::unix::fs::symlink("/dev/zero", f.join("zeros.pdf")).unwrap()),
            expect: Expect::Finding(&["zeros.pdf", "/dev/zero", "not a regular file (a character device", "not followed"]),
        },
        Case {
            name: "a character device (/dev/null) named on the command line",
            setup: |_| vec!["import".into(), "/dev/null".into()],
            expect: Expect::Finding(&["null", "not a regular file (a character device", "\"imported\": 0"]),
        },
        Case {
            name: "Windows device names as file names (CON.pdf, aux.txt, COM1, LPT9.pdf)",
            setup: |d| {
                import_one(d, "CON.pdf", &unique_pdf("con"));
                import_one(d, "aux.txt", b"aux");
                import_one(d, "COM1", b"com1");
                import_one(d, "LPT9.pdf", &unique_pdf("lpt9"))
            },
            expect: Expect::Finding(&[
                "\"imported\": 4",
                "DB-IMP-NAME-DEVICE",
                "rename it to CON_.pdf",
                "rename it to aux_.txt",
                "rename it to COM1_",
                "rename it to LPT9_.pdf",
            ]),
        },
        Case {
            name: "a Windows device name as a folder (nul/)",
            setup: |d| import_one(d, "nul/minutes.pdf", &unique_pdf("nul folder")),
            expect: Expect::Finding(&["nul/minutes.pdf", "DB-IMP-NAME-DEVICE", "rename it to nul_"]),
        },
        Case {
            name: "characters Windows reserves (a:b.pdf, a*b, <>|?\")",
            setup: |d| {
                import_one(d, "a:b.pdf", &unique_pdf("colon"));
                import_one(d, "a*b", b"star");
                import_one(d, "<>|?\"", b"all of them")
            },
            expect: Expect::Finding(&["\"imported\": 3", "DB-IMP-NAME-CHARACTER", "rename it to a_b.pdf", "rename it to a_b", "rename it to _____"]),
        },
        Case {
            // One is written é, the other e + U+0301: they look alike and macOS holds one file.
            name: "two names equal after Unicode NFC normalisation",
            setup: |d| {
                import_one(d, "r\u{e9}sum\u{e9}.pdf", &unique_pdf("nfc"));
                import_one(d, "re\u{301}sume\u{301}.pdf", &unique_pdf("nfd"))
            },
            expect: Expect::Finding(&["\"imported\": 2", "DB-IMP-NAME-NFC", "two Unicode forms", "rename one of them"]),
        },
        Case {
            name: "a PDF whose /Root is a reference loop",
            setup: |d| import_one(d, "root-loop.pdf", &pdf_of(&objects(&["2 0 R", "1 0 R"]))),
            expect: Expect::Finding(&["root-loop.pdf", "DB-PDF-CORRUPT", "reference loop", "export it again"]),
        },
        Case {
            name: "a PDF whose page tree loops (a /Kids names an ancestor)",
            setup: |d| import_one(d, "kids-loop.pdf", &page_tree_loop()),
            expect: Expect::Finding(&["kids-loop.pdf", "DB-PDF-CORRUPT", "the page tree loops"]),
        },
        Case {
            // Import's workers have the default 2 MiB stack: a recursive reader would overflow it.
            name: "a PDF whose catalogue is nested 100,000 deep",
            setup: |d| {
                let nested = format!("{}{}", "<< /A ".repeat(100_000), ">> ".repeat(100_000));
                let catalog = format!("<< /Type /Catalog /Pages 2 0 R /Deep {nested} >>");
                let pdf = pdf_of(&[catalog, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".into(), PAGE.into()]);
                import_one(d, "deep-catalog.pdf", &pdf)
            },
            expect: Expect::Finding(&["deep-catalog.pdf", "DB-PDF-CORRUPT", "document catalogue"]),
        },
        Case {
            name: "a PDF whose page tree is 100,000 levels deep",
            setup: |d| {
                let mut list = vec![CATALOG.to_owned()];
                list.extend((0..100_000).map(|i| format!("<< /Type /Pages /Kids [{} 0 R] /Count 1 >>", i + 3)));
                list.push(PAGE.into());
                import_one(d, "deep-tree.pdf", &pdf_of(&list))
            },
            expect: Expect::Finding(&["deep-tree.pdf", "DB-PDF-CORRUPT", "nested deeper than 256 levels"]),
        },
        Case {
            name: "a PDF whose /Count lies",
            setup: |d| import_one(d, "count.pdf", &pdf_of(&objects(&[CATALOG, "<< /Type /Pages /Kids [3 0 R] /Count 5 >>", PAGE]))),
            expect: Expect::Finding(&["count.pdf", "DB-PDF-CORRUPT", "says it holds 5 pages but holds 1"]),
        },
        Case {
            name: "a PDF without /Pages",
            setup: |d| import_one(d, "no-pages.pdf", &pdf_of(&objects(&["<< /Type /Catalog >>"]))),
            expect: Expect::Finding(&["no-pages.pdf", "DB-PDF-CORRUPT", "no page tree (/Pages)"]),
        },
        Case {
            name: "validating a sequence holding a PDF whose page tree loops",
            setup: |d| {
                let seq = sequence_copy(d);
                let pdf = walkdir::WalkDir::new(&seq)
                    .into_iter()
                    .filter_map(Result::ok)
                    .find(|e| e.path().extension().is_some_and(|x| x == "pdf") && !e.path().starts_with(seq.join("util")))
                    .expect("the sequence holds a PDF")
                    .into_path();
                fs::write(pdf, page_tree_loop()).unwrap();
                vec!["validate".into(), s(&seq)]
            },
            expect: Expect::Finding(&["DB-CN-PDF-CORRUPT", "the page tree loops"]),
        },
    ]
}

#[test]
fn hostile_import_walks_are_findings_and_cost_nothing() {
    let cases = cases();
    if !cases.is_empty() {
        super::run(cases);
    }
}

/// An empty project and a folder holding `big.bin` of `mib` MiB of real (not sparse) bytes.
fn project_and_big_file(dir: &Path, mib: usize) -> (PathBuf, PathBuf) {
    let project = dir.join("p.dossier");
    assert_cmd::Command::cargo_bin("dossier").unwrap().arg("init").arg(&project).assert().success();
    let folder = dir.join("incoming");
    fs::create_dir_all(&folder).unwrap();
    let big = folder.join("big.bin");
    let mut f = fs::File::create(&big).unwrap();
    let chunk: Vec<u8> = (0..1u32 << 20).map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8).collect();
    for _ in 0..mib {
        std::io::Write::write_all(&mut f, &chunk).unwrap();
    }
    (project, folder)
}

/// Runs `dossier import folder`, calling `during` once the blob store's temp folder holds a
/// file (the import is reading), and returns (exit code, stdout, peak RSS in KiB).
fn import_while(project: &Path, folder: &Path, during: impl FnOnce()) -> (Option<i32>, String, u64) {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("dossier"))
        .args(["--json", "--project"])
        .arg(project)
        .arg("import")
        .arg(folder)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let tmp = project.join("blobs/.tmp");
    let mut during = Some(during);
    let mut peak = 0;
    while child.try_wait().unwrap().is_none() {
        if let Some(kib) = peak_rss_kib(child.id()) {
            peak = peak.max(kib);
        }
        let reading = fs::read_dir(&tmp).map(|mut d| d.next().is_some()).unwrap_or(false);
        if reading && let Some(during) = during.take() {
            during();
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    let out = child.wait_with_output().unwrap();
    assert!(during.is_none(), "the import ended before it was seen reading; use a bigger file");
    (out.status.code(), String::from_utf8_lossy(&out.stdout).into_owned(), peak)
}

fn no_document_named(project: &Path, name: &str) {
    let docs = json(&dossier(project).args(["docs", "list", "--json"]).output().unwrap());
    assert!(!docs.as_array().unwrap().iter().any(|d| d["path"].as_str().is_some_and(|p| p.ends_with(name))), "{name} was stored: {docs}");
}

/// Issue 14 (9): the 600 MB file cut to its 98 MB prefix while it was imported, smaller.
#[test]
fn a_file_truncated_while_it_is_imported_is_not_stored_and_the_import_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let (project, folder) = project_and_big_file(dir.path(), 256);
    let big = folder.join("big.bin");
    let (code, out, peak) =
        import_while(&project, &folder, || fs::OpenOptions::new().write(true).open(&big).unwrap().set_len(40 << 20).unwrap());
    assert_eq!(code, Some(1), "a file left out is not clean (README exit codes): {out}");
    for words in ["big.bin", "\"kind\": \"changed\"", "changed while it was being imported", "copy it again when it is no longer being written", "\"imported\": 0"] {
        assert!(out.contains(words), "lacks {words}: {out}");
    }
    no_document_named(&project, "big.bin");
    assert_eq!(fs::read_dir(project.join("blobs/.tmp")).unwrap().count(), 0, "the staged prefix was removed");
    eprintln!("truncated during import: peak RSS {peak} KiB");
    assert!(peak > 0 && peak < 300 * 1024, "peak RSS {peak} KiB");
    assert_whole(&project, "after a file was truncated during its import");
}

/// Issue 14 (9): a file still being written (appended to) while it is imported; once it is
/// left alone, the next import stores it whole.
#[test]
fn a_file_appended_to_while_it_is_imported_is_not_stored_and_a_rerun_imports_it() {
    let dir = tempfile::tempdir().unwrap();
    let (project, folder) = project_and_big_file(dir.path(), 128);
    let big = folder.join("big.bin");
    let stop = AtomicBool::new(false);
    let (code, out, peak) = std::thread::scope(|scope| {
        let result = import_while(&project, &folder, || {
            // A writer that keeps appending until the import has ended.
            scope.spawn(|| {
                let mut f = fs::OpenOptions::new().append(true).open(&big).unwrap();
                while !stop.load(Ordering::Relaxed) {
                    std::io::Write::write_all(&mut f, &[7u8; 4096]).unwrap();
                    std::thread::sleep(Duration::from_millis(1));
                }
            });
        });
        stop.store(true, Ordering::Relaxed);
        result
    });
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("changed while it was being imported") && out.contains("big.bin"), "{out}");
    eprintln!("appended to during import: peak RSS {peak} KiB");
    assert!(peak > 0 && peak < 300 * 1024, "peak RSS {peak} KiB");
    no_document_named(&project, "big.bin");
    let again = dossier(&project).args(["--json", "import"]).arg(&folder).output().unwrap();
    assert_eq!(again.status.code(), Some(0), "{}", String::from_utf8_lossy(&again.stdout));
    let docs = json(&dossier(&project).args(["docs", "list", "--json"]).output().unwrap());
    assert_eq!(docs[0]["size"], fs::metadata(&big).unwrap().len(), "stored whole once it was left alone");
    assert_whole(&project, "after a file was appended to during its import");
}

/// Issue 14 (5), end to end: while `dossier import` runs, a thread swaps a subfolder and a link
/// to a folder outside (`renameat2(RENAME_EXCHANGE)`, atomic) as fast as it can; 40 runs, new
/// bytes inside each time. Nothing from outside is ever imported.
#[test]
fn a_subfolder_swapped_with_a_link_out_while_import_walks_never_imports_from_outside() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p.dossier");
    assert_cmd::Command::cargo_bin("dossier").unwrap().arg("init").arg(&project).assert().success();
    let outside = dir.path().join("outside/sub");
    fs::create_dir_all(&outside).unwrap();
    let secret = unique_pdf("SECRET outside the chosen folder");
    fs::write(outside.join("doc.pdf"), &secret).unwrap();
    let secret_md5 = super::super::whole::md5_hex(&secret);
    for i in 0..40 {
        let root = dir.path().join(format!("run-{i}"));
        fs::create_dir_all(root.join("sub")).unwrap();
        fs::write(root.join("sub/doc.pdf"), unique_pdf(&format!("inside {i}"))).unwrap();
        std::os::unix::fs::symlink(&outside, root.join("sub.link")).unwrap();
        let stop = AtomicBool::new(false);
        let out = std::thread::scope(|scope| {
            scope.spawn(|| {
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
            let out = dossier(&project).args(["--json", "import"]).arg(&root).output().unwrap();
            stop.store(true, Ordering::Relaxed);
            out
        });
        assert!(matches!(out.status.code(), Some(0 | 1)), "run {i}: {}", String::from_utf8_lossy(&out.stderr));
        let docs = json(&dossier(&project).args(["docs", "list", "--json"]).output().unwrap());
        assert!(
            !docs.as_array().unwrap().iter().any(|d| d["md5"] == secret_md5.as_str()),
            "run {i}: a file from outside the chosen folder was imported: {}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
    assert_whole(&project, "after imports raced by a folder swapped with a link");
}
