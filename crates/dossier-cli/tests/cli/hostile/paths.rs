//! Hostile cases: output paths, paths inside the project, read-only projects, files read whole, messages (issue 14: 1, 10, 11, 15, 16).
//!
//! Table cases go in [`cases`] (run by the test below on one project with a built sequence, each
//! followed by the whole-project checks of [`super::run`]); a case that needs a test of its own
//! is a `#[test]` here whose name is listed in [`STANDALONE`].

use crate::copy_dir;
use crate::crash::peak_rss_kib;
use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use super::{Case, Expect, project_of, s, unique_pdf};
use crate::whole::assert_whole;
use crate::{dossier, sample_project};

/// The names of this module's standalone `#[test]` functions, counted by the suite's size test.
pub(super) const STANDALONE: &[&str] = &[
    "an_existing_output_is_kept_without_force_and_replaced_whole_with_it",
    "fifos_and_devices_named_as_input_neither_block_nor_fill_memory",
    "a_folder_holding_the_project_is_imported_without_the_project",
    "a_read_only_project_answers_reads_and_refuses_changes_writing_nothing",
    "a_read_only_project_with_a_writers_leftover_wal_is_read_or_named",
    "a_damaged_store_is_named_with_what_to_do_and_verify_lists_it",
    "a_missing_blob_store_is_named_by_build_and_listed_by_verify",
    "a_full_disk_during_a_build_is_named_and_leaves_nothing_under_a_final_name",
    "a_full_disk_while_writing_a_report_leaves_no_file",
];

/// Any stored blob of the project (`blobs/ab/abcd…`).
fn a_blob(project: &Path) -> PathBuf {
    walkdir::WalkDir::new(project.join("blobs"))
        .into_iter()
        .map(Result::unwrap)
        .find(|e| e.file_type().is_file() && !e.path().starts_with(project.join("blobs/.tmp")))
        .expect("the project stores blobs")
        .into_path()
}

fn args(list: &[&str]) -> Vec<String> {
    list.iter().map(|a| (*a).to_owned()).collect()
}

fn gaps_to(out: &Path) -> Vec<String> {
    vec!["report".into(), "gaps".into(), "--out".into(), s(out)]
}

pub(super) fn cases() -> Vec<Case> {
    vec![
        // 1. One output rule for every path a person names.
        Case {
            name: "gap report over the project's store",
            setup: |d| gaps_to(&project_of(d).join("project.sqlite")),
            expect: Expect::Error(&["project.sqlite", "is the store of the project", "choose a path outside the project folder"]),
        },
        Case {
            name: "cover letter over a stored blob",
            setup: |d| {
                let blob = a_blob(&project_of(d));
                vec!["report".into(), "letter".into(), "--app".into(), "app_cn".into(), "--out".into(), s(&blob)]
            },
            expect: Expect::Error(&["inside blobs/ of the project", "only Dossier Bridge writes"]),
        },
        Case {
            name: "a build whose --out is the blob store",
            setup: |d| vec!["build".into(), "--app".into(), "app_eu".into(), "--out".into(), s(&project_of(d).join("blobs"))],
            expect: Expect::Error(&["blobs", "is inside the project", "leave --out out"]),
        },
        Case {
            name: "a build whose --out is a built sequence folder",
            setup: |d| vec!["build".into(), "--app".into(), "app_eu".into(), "--out".into(), s(&project_of(d).join("builds/app_cn/0000"))],
            expect: Expect::Error(&["builds/app_cn/0000", "is inside the project"]),
        },
        Case {
            name: "a build whose --out climbs with .. out of a folder that does not exist",
            setup: |d| {
                let out = d.join("missing/../../project/blobs");
                vec!["build".into(), "--app".into(), "app_eu".into(), "--out".into(), s(&out)]
            },
            expect: Expect::Error(&["climbs with `..`"]),
        },
        Case {
            name: "facts export over the store's write-ahead log",
            setup: |d| vec!["facts".into(), "export".into(), "--out".into(), s(&project_of(d).join("project.sqlite-wal"))],
            expect: Expect::Error(&["project.sqlite-wal", "is the store of the project"]),
        },
        Case {
            name: "gap report into a temp folder of the blob store",
            setup: |d| gaps_to(&project_of(d).join("blobs/.tmp/gaps.pdf")),
            expect: Expect::Error(&["blobs/.tmp/gaps.pdf", "inside blobs/"]),
        },
        Case {
            name: "gap report through a symbolic link to the project folder",
            setup: |d| {
                std::os::unix::fs::symlink(project_of(d), d.join("shortcut")).unwrap();
                gaps_to(&d.join("shortcut/project.sqlite"))
            },
            expect: Expect::Error(&["shortcut/project.sqlite", "is the store of the project"]),
        },
        Case {
            name: "gap report with .. climbing from builds into blobs",
            setup: |d| {
                let blob = a_blob(&project_of(d));
                let fan = blob.parent().unwrap().file_name().unwrap().to_string_lossy().into_owned();
                gaps_to(&project_of(d).join(format!("builds/../blobs/{fan}/gaps.pdf")))
            },
            expect: Expect::Error(&["inside blobs/ of the project"]),
        },
        Case {
            name: "gap report to a symbolic link that points at a blob",
            setup: |d| {
                let link = d.join("gaps.pdf");
                std::os::unix::fs::symlink(a_blob(&project_of(d)), &link).unwrap();
                gaps_to(&link)
            },
            expect: Expect::Error(&["gaps.pdf", "symbolic link", "inside blobs/"]),
        },
        Case {
            name: "gap report named as the project folder itself",
            setup: |d| gaps_to(&project_of(d)),
            expect: Expect::Error(&["is a project folder"]),
        },
        Case {
            name: "gap report whose --out is a folder",
            setup: |d| gaps_to(d),
            expect: Expect::Error(&["it is a folder", "give the name of a file inside it"]),
        },
        Case {
            name: "gap report into a folder that does not exist",
            setup: |d| gaps_to(&d.join("missing/gaps.pdf")),
            expect: Expect::Error(&["missing/gaps.pdf", "does not exist", "create the folder first"]),
        },
        Case {
            name: "a new project inside another project's blob store",
            setup: |d| vec!["init".into(), s(&project_of(d).join("blobs/nested.dossier"))],
            expect: Expect::Error(&["nested.dossier", "is inside the project"]),
        },
        // 15. The project is not its own source.
        Case {
            name: "importing the project folder into itself",
            setup: |d| vec!["import".into(), s(&project_of(d))],
            expect: Expect::Error(&["is inside the project", "import files from outside the project"]),
        },
        Case {
            name: "importing a built sequence of the project as documents",
            setup: |d| vec!["import".into(), s(&project_of(d).join("builds/app_cn/0000"))],
            expect: Expect::Error(&["builds/app_cn/0000", "is inside the project"]),
        },
        Case {
            name: "import-ectd of the project's own built sequence",
            setup: |d| vec!["import-ectd".into(), s(&project_of(d).join("builds/app_cn/0000"))],
            expect: Expect::Error(&["builds/app_cn/0000", "is inside the project"]),
        },
        Case {
            name: "import-ectd of the project's own zip",
            setup: |d| vec!["import-ectd".into(), s(&project_of(d).join("builds/app_cn/0000.zip"))],
            expect: Expect::Error(&["0000.zip", "is inside the project"]),
        },
        Case {
            name: "init --from a folder inside the new project",
            setup: |d| {
                let new = d.join("new.dossier");
                fs::create_dir_all(new.join("incoming")).unwrap();
                fs::write(new.join("incoming/a.pdf"), unique_pdf("init-inside")).unwrap();
                vec!["init".into(), s(&new), "--from".into(), s(&new.join("incoming"))]
            },
            expect: Expect::Error(&["incoming", "is inside the new project", "start from a folder outside it"]),
        },
        // 11. Files read whole: regular files only, under a cap.
        Case {
            name: "facts import from /dev/zero",
            setup: |_| args(&["facts", "import", "/dev/zero"]),
            expect: Expect::Error(&["/dev/zero", "not a regular file", "a device"]),
        },
        Case {
            name: "facts import from a symbolic link to /dev/zero",
            setup: |d| {
                std::os::unix::fs::symlink("/dev/zero", d.join("facts.toml")).unwrap();
                vec!["facts".into(), "import".into(), s(&d.join("facts.toml"))]
            },
            expect: Expect::Error(&["facts.toml", "not a regular file", "a device"]),
        },
        Case {
            name: "facts import of a 17 MiB file (past the 16 MiB cap)",
            setup: |d| {
                let path = d.join("facts.toml");
                fs::File::create(&path).unwrap().set_len(17 << 20).unwrap();
                vec!["facts".into(), "import".into(), s(&path)]
            },
            expect: Expect::Error(&["facts.toml", "larger than 16777216 bytes", "a facts file"]),
        },
        Case {
            name: "facts import of a folder",
            setup: |d| vec!["facts".into(), "import".into(), s(d)],
            expect: Expect::Error(&["not a regular file (it is a folder)"]),
        },
        Case {
            name: "envelope --set from /dev/urandom",
            setup: |_| args(&["envelope", "--app", "app_eu", "--set", "/dev/urandom"]),
            expect: Expect::Error(&["/dev/urandom", "not a regular file"]),
        },
        Case {
            name: "util add of /dev/zero",
            setup: |_| args(&["util", "add", "/dev/zero"]),
            expect: Expect::Error(&["/dev/zero", "not a regular file"]),
        },
        Case {
            name: "a templates folder whose profile is a link to /dev/zero",
            setup: |d| {
                let t = d.join("templates");
                copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../templates"), &t);
                fs::remove_file(t.join("authorities/hk-dh-new-product.toml")).unwrap();
                std::os::unix::fs::symlink("/dev/zero", t.join("authorities/hk-dh-new-product.toml")).unwrap();
                vec!["templates".into(), s(&t)]
            },
            expect: Expect::Finding(&["hk-dh-new-product.toml", "not a regular file"]),
        },
    ]
}

#[test]
fn hostile_output_and_project_paths_are_refused_and_cost_nothing() {
    super::run(cases());
}

fn text(out: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

fn assert_exit(out: &Output, code: i32, wanted: &[&str], context: &str) {
    let t = text(out);
    assert_eq!(out.status.code(), Some(code), "{context}: exit code\n{t}");
    for w in wanted {
        assert!(t.contains(w), "{context}: output lacks `{w}`\n{t}");
    }
}

#[test]
fn an_existing_output_is_kept_without_force_and_replaced_whole_with_it() {
    let dir = tempfile::tempdir().unwrap();
    let project = sample_project(dir.path());
    for (what, cmd) in [
        ("gap report", vec!["report", "gaps", "--csv"]),
        ("cover letter", vec!["report", "letter", "--app", "app_cn"]),
        ("facts export", vec!["facts", "export"]),
    ] {
        let out = dir.path().join(format!("{}.out", what.replace(' ', "-")));
        fs::write(&out, b"the user's own file").unwrap();
        let refused = dossier(&project).args(&cmd).arg("--out").arg(&out).output().unwrap();
        assert_exit(&refused, 2, &["already exists", "--force"], what);
        assert_eq!(fs::read(&out).unwrap(), b"the user's own file", "{what}: a file is never replaced without --force");
        let replaced = dossier(&project).args(&cmd).arg("--out").arg(&out).arg("--force").output().unwrap();
        assert_exit(&replaced, 0, &[], &format!("{what} --force"));
        assert_ne!(fs::read(&out).unwrap(), b"the user's own file", "{what}: --force replaces it");
        assert_eq!(fs::metadata(&out).unwrap().permissions().mode() & 0o077, 0o044, "{what}: readable as fs::write would make it");
    }
    let left: Vec<_> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).filter(|n| n.to_string_lossy().ends_with(".tmp")).collect();
    assert!(left.is_empty(), "no temp file stays beside the outputs: {left:?}");
    assert_whole(&project, "after the outputs");
}

/// Runs `dossier` and waits at most `limit`, measuring its peak memory; a run that takes longer
/// is killed and reported as hanging.
fn run_bounded(project: &Path, a: &[String], limit: Duration) -> (Output, u64) {
    // Output to files, not pipes: a pipe nobody reads while polling would block the child.
    let (stdout, stderr) = (tempfile::tempfile().unwrap(), tempfile::tempfile().unwrap());
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("dossier"))
        .arg("--project")
        .arg(project)
        .args(a)
        .stdout(Stdio::from(stdout.try_clone().unwrap()))
        .stderr(Stdio::from(stderr.try_clone().unwrap()))
        .spawn()
        .unwrap();
    let read = |mut f: &fs::File| {
        use std::io::{Read, Seek};
        let mut bytes = Vec::new();
        f.seek(std::io::SeekFrom::Start(0)).unwrap();
        f.read_to_end(&mut bytes).unwrap();
        bytes
    };
    let started = Instant::now();
    let mut peak = 0;
    loop {
        if let Some(kib) = peak_rss_kib(child.id()) {
            peak = peak.max(kib);
        }
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("`dossier {}` still running after {limit:?} (blocked or reading forever); peak {peak} KiB", a.join(" "));
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let status = child.wait().unwrap();
    (Output { status, stdout: read(&stdout), stderr: read(&stderr) }, peak)
}

#[test]
fn fifos_and_devices_named_as_input_neither_block_nor_fill_memory() {
    let dir = tempfile::tempdir().unwrap();
    let project = sample_project(dir.path());
    let fifo = dir.path().join("facts.toml");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success(), "mkfifo makes the FIFO");
    let templates = dir.path().join("templates");
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../templates"), &templates);
    fs::remove_file(templates.join("doc-types.toml")).unwrap();
    assert!(Command::new("mkfifo").arg(templates.join("doc-types.toml")).status().unwrap().success());
    let cases: Vec<(Vec<String>, i32, &[&str])> = vec![
        (vec!["facts".into(), "import".into(), s(&fifo)], 2, &["facts.toml", "a FIFO"]),
        (vec!["envelope".into(), "--app".into(), "app_eu".into(), "--set".into(), s(&fifo)], 2, &["facts.toml", "a FIFO"]),
        (vec!["util".into(), "add".into(), s(&fifo)], 2, &["a FIFO"]),
        (vec!["templates".into(), s(&templates)], 1, &["doc-types.toml", "a FIFO"]),
        (args(&["facts", "import", "/dev/zero"]), 2, &["a device"]),
        (args(&["envelope", "--app", "app_eu", "--set", "/dev/zero"]), 2, &["a device"]),
    ];
    let mut peaks = Vec::new();
    for (a, code, wanted) in &cases {
        let (out, peak) = run_bounded(&project, a, Duration::from_secs(30));
        assert_exit(&out, *code, wanted, &a.join(" "));
        assert!(peak < 300 * 1024, "`{}`: peak RSS {peak} KiB, over 300 MB", a.join(" "));
        peaks.push(peak);
    }
    eprintln!("peak RSS per case (KiB): {peaks:?}");
    assert_whole(&project, "after FIFOs and devices");
}

#[test]
fn a_folder_holding_the_project_is_imported_without_the_project() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("work");
    fs::create_dir_all(folder.join("letters")).unwrap();
    fs::write(folder.join("letters/cover.pdf"), unique_pdf("beside the project")).unwrap();
    let project = folder.join("p.dossier");
    assert_cmd::Command::cargo_bin("dossier").unwrap().arg("init").arg(&project).assert().success();
    let out = dossier(&project).arg("--json").arg("import").arg(&folder).output().unwrap();
    assert_exit(&out, 0, &["\"imported\": 1", "p.dossier", "a project folder"], "import of the folder holding the project");
    let docs = crate::json(&dossier(&project).args(["docs", "list", "--json"]).output().unwrap());
    let paths: Vec<&str> = docs.as_array().unwrap().iter().map(|d| d["path"].as_str().unwrap()).collect();
    assert_eq!(paths, ["letters/cover.pdf"], "only the document beside the project, none of its store or blobs");
    // init --from a folder holding the new project: the same rule.
    let second = folder.join("q.dossier");
    let out = assert_cmd::Command::cargo_bin("dossier").unwrap().arg("--json").arg("init").arg(&second).arg("--from").arg(&folder).output().unwrap();
    // It holds the first project too: another project's store and blobs are no documents either.
    assert_exit(&out, 0, &["\"imported\": 1", "q.dossier", "p.dossier"], "init --from the folder holding it");
    assert_whole(&project, "first project");
    assert_whole(&second, "second project");
}

/// This process runs as root (which ignores permission bits, so a child must drop to `nobody`
/// for a read-only folder to be read-only to it).
fn running_as_root(dir: &Path) -> bool {
    let probe = dir.join(".uid-probe");
    fs::write(&probe, b"").unwrap();
    let root = fs::metadata(&probe).unwrap().uid() == 0;
    fs::remove_file(probe).unwrap();
    root
}

/// `dossier` as a user the project's permission bits apply to: `nobody` when the tests run as
/// root, else the tests' own user.
fn as_user(project: &Path, root: bool, a: &[&str]) -> Output {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("dossier"));
    cmd.arg("--project").arg(project).args(a).env("USER", "e2e");
    if root {
        std::os::unix::process::CommandExt::uid(&mut cmd, 65534);
        std::os::unix::process::CommandExt::gid(&mut cmd, 65534);
    }
    cmd.output().unwrap()
}

fn set_writable(tree: &Path, writable: bool) {
    for entry in walkdir::WalkDir::new(tree).contents_first(!writable) {
        let entry = entry.unwrap();
        let mode = match (entry.file_type().is_dir(), writable) {
            (true, true) => 0o755,
            (true, false) => 0o555,
            (false, true) => 0o644,
            (false, false) => 0o444,
        };
        if !entry.path_is_symlink() {
            fs::set_permissions(entry.path(), fs::Permissions::from_mode(mode)).unwrap();
        }
    }
}

/// Every file under `tree` with its size and modification time.
fn listing(tree: &Path) -> Vec<(PathBuf, u64, i64)> {
    walkdir::WalkDir::new(tree)
        .sort_by_file_name()
        .into_iter()
        .map(Result::unwrap)
        .map(|e| {
            let m = e.metadata().unwrap();
            (e.path().to_path_buf(), m.len(), m.mtime_nsec() + m.mtime() * 1_000_000_000)
        })
        .collect()
}

/// A built project in a folder `nobody` can reach, and a folder it may write reports to.
fn shared_project(dir: &Path) -> (PathBuf, PathBuf) {
    fs::set_permissions(dir, fs::Permissions::from_mode(0o755)).unwrap();
    let project = sample_project(dir);
    dossier(&project).args(["build", "--app", "app_cn", "--zip"]).assert().success();
    let outside = dir.join("reports");
    fs::create_dir(&outside).unwrap();
    fs::set_permissions(&outside, fs::Permissions::from_mode(0o777)).unwrap();
    (project, outside)
}

#[test]
fn a_read_only_project_answers_reads_and_refuses_changes_writing_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let root = running_as_root(dir.path());
    let (project, outside) = shared_project(dir.path());
    let facts = dir.path().join("facts.toml");
    fs::write(&facts, fs::read(crate::sample_dir().join("facts.toml")).unwrap()).unwrap();
    let incoming = dir.path().join("incoming");
    fs::create_dir(&incoming).unwrap();
    fs::write(incoming.join("new.pdf"), unique_pdf("read-only")).unwrap();
    set_writable(&project, false);
    let before = listing(&project);
    let report = outside.join("gaps.pdf");
    let reads: Vec<Vec<&str>> = vec![
        vec!["info"],
        vec!["docs", "list"],
        vec!["gaps"],
        vec!["matrix"],
        vec!["route", "hk"],
        vec!["sequences", "--app", "app_cn"],
        vec!["sequences", "--app", "app_cn", "--cumulative"],
        vec!["facts", "export"],
        vec!["verify"],
        vec!["audit", "verify"],
        vec!["report", "gaps", "--out", report.to_str().unwrap()],
        vec!["build", "--app", "app_eu", "--dry-run"],
    ];
    for a in &reads {
        let out = as_user(&project, root, a);
        assert!(matches!(out.status.code(), Some(0 | 1)), "`{}` on a read-only project must work:\n{}", a.join(" "), text(&out));
    }
    assert!(fs::metadata(&report).is_ok_and(|m| m.len() > 1000), "the report was written outside the project");
    let built = project.join("builds/app_cn/0000");
    let writes: Vec<Vec<&str>> = vec![
        vec!["import", incoming.to_str().unwrap()],
        vec!["facts", "import", facts.to_str().unwrap()],
        vec!["build", "--app", "app_cn"],
        vec!["build", "--app", "app_hk"],
        vec!["app", "add", "--profile", "fda-nda", "--id", "app_other"],
        vec!["docs", "set-type", "doc_16f6a8cd2cd205b0", "clinical-study-report"],
        vec!["report", "letter", "--app", "app_cn", "--file"],
        vec!["import-ectd", built.to_str().unwrap()],
    ];
    for a in &writes {
        let out = as_user(&project, root, a);
        assert_exit(&out, 2, &["is read-only", "copy it to a writable folder to change it"], &a.join(" "));
    }
    assert_eq!(listing(&project), before, "nothing in the read-only project changed");
    set_writable(&project, true);
    assert_whole(&project, "after the read-only session");
}

#[test]
fn a_read_only_project_with_a_writers_leftover_wal_is_read_or_named() {
    let dir = tempfile::tempdir().unwrap();
    let root = running_as_root(dir.path());
    let (project, _) = shared_project(dir.path());
    // A writer that stopped without checkpointing: its change is only in the -wal file.
    let conn = rusqlite::Connection::open(project.join("project.sqlite")).unwrap();
    conn.pragma_update(None, "wal_autocheckpoint", 0).unwrap();
    conn.execute("UPDATE project SET name = 'renamed in the wal'", []).unwrap();
    std::mem::forget(conn); // closing would checkpoint and remove the -wal and -shm files
    assert!(fs::metadata(project.join("project.sqlite-wal")).is_ok_and(|m| m.len() > 0), "the change is in the wal");
    set_writable(&project, false);
    let before = listing(&project);
    let out = as_user(&project, root, &["--json", "info"]);
    assert_exit(&out, 0, &["renamed in the wal"], "info reads the wal's change read-only");
    let out = as_user(&project, root, &["verify"]);
    // The wal's change was made outside the program, which verify (reading the wal, read-only)
    // tells from the audit trail's record of that row.
    assert_exit(&out, 1, &["renamed in the wal", "changed outside Dossier Bridge"], "verify on the read-only project");
    assert_eq!(listing(&project), before, "reading wrote nothing");
    // Without its -shm the wal cannot be read without writing one: say so, do not guess.
    set_writable(&project, true);
    fs::remove_file(project.join("project.sqlite-shm")).unwrap();
    set_writable(&project, false);
    let out = as_user(&project, root, &["info"]);
    assert_exit(&out, 2, &["is read-only", "project.sqlite-wal", "copy it to a writable folder to open it"], "a wal without its shm");
    set_writable(&project, true);
}

/// A copy of `project` under `dir/name`.
fn copy_project(project: &Path, dir: &Path, name: &str) -> PathBuf {
    let to = dir.join(name);
    copy_dir(project, &to);
    to
}

#[test]
fn a_damaged_store_is_named_with_what_to_do_and_verify_lists_it() {
    let dir = tempfile::tempdir().unwrap();
    let project = sample_project(dir.path());
    let damages: [(&str, fn(&Path)); 3] = [
        ("junk", |db| fs::write(db, vec![0x5a; 300_000]).unwrap()),
        ("cut short", |db| {
            let len = fs::metadata(db).unwrap().len();
            fs::OpenOptions::new().write(true).open(db).unwrap().set_len(len / 2).unwrap();
        }),
        ("a folder", |db| {
            fs::remove_file(db).unwrap();
            fs::create_dir(db).unwrap();
        }),
    ];
    for (i, (what, damage)) in damages.iter().enumerate() {
        let copy = copy_project(&project, dir.path(), &format!("damaged-{i}.dossier"));
        let db = copy.join("project.sqlite");
        damage(&db);
        for a in [vec!["info"], vec!["docs", "list"], vec!["gaps"], vec!["build", "--app", "app_cn"]] {
            let out = dossier(&copy).args(&a).output().unwrap();
            assert_exit(&out, 2, &[&s(&db), "is damaged", "restore project.sqlite from a backup"], &format!("{what}: {}", a.join(" ")));
        }
        let out = dossier(&copy).arg("verify").output().unwrap();
        assert_exit(&out, 1, &["problem:", &s(&db), "is damaged", "92 stored files checked"], &format!("{what}: verify"));
    }
    let out = dossier(&dir.path().join("nowhere")).arg("verify").output().unwrap();
    assert_exit(&out, 2, &["is not a Dossier Bridge project"], "verify of a folder that is no project");
}

#[test]
fn a_missing_blob_store_is_named_by_build_and_listed_by_verify() {
    let dir = tempfile::tempdir().unwrap();
    let project = sample_project(dir.path());
    fs::remove_dir_all(project.join("blobs")).unwrap();
    let out = dossier(&project).args(["build", "--app", "app_cn"]).output().unwrap();
    assert_exit(&out, 2, &["DB-PKG-BLOB-DAMAGED", "cover-letter-cn.pdf", "is missing", "import the file again"], "build");
    assert!(!out.status.success() && !text(&out).contains("os error 2)\n"), "no bare system error:\n{}", text(&out));
    let out = dossier(&project).arg("verify").output().unwrap();
    assert_exit(&out, 1, &["its stored copy", "is missing — import the file again"], "verify");
    assert!(fs::read_dir(project.join("builds/app_cn")).map_or(true, |d| d.count() == 0), "nothing was built");
}

/// `dossier` with a file-size limit (`ulimit -f`, in KiB blocks) and SIGXFSZ ignored, so a
/// write past the limit fails with EFBIG as on a full disk — no root, no mount.
fn with_file_size_limit(project: &Path, kib: u64, a: &[&str]) -> Output {
    Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit -f {kib} && trap '' XFSZ && exec \"$0\" \"$@\""))
        .arg(assert_cmd::cargo::cargo_bin("dossier"))
        .arg("--project")
        .arg(project)
        .args(a)
        .output()
        .unwrap()
}

#[test]
fn a_full_disk_during_a_build_is_named_and_leaves_nothing_under_a_final_name() {
    let dir = tempfile::tempdir().unwrap();
    let project = sample_project(dir.path());
    // 1000 KiB: every leaf fits, the 2 MB zip does not.
    let out = with_file_size_limit(&project, 1000, &["build", "--app", "app_cn", "--zip"]);
    assert_exit(&out, 2, &["0000.zip", "the disk is full", "free space and build again"], "build --zip");
    assert!(!text(&out).contains("ZipWriter::drop"), "no raw line from the zip writer:\n{}", text(&out));
    let left: Vec<_> = fs::read_dir(project.join("builds/app_cn")).map(|d| d.map(|e| e.unwrap().file_name()).collect()).unwrap_or_default();
    assert!(left.is_empty(), "nothing of the failed build is left: {left:?}");
    let seqs = crate::json(&dossier(&project).args(["--json", "sequences", "--app", "app_cn"]).output().unwrap());
    assert_eq!(seqs.as_array().unwrap().len(), 0, "no sequence recorded");
    assert_whole(&project, "after the full disk");
    dossier(&project).args(["build", "--app", "app_cn", "--zip"]).assert().success();
    assert_whole(&project, "after the build with space");
}

#[test]
fn a_full_disk_while_writing_a_report_leaves_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let project = sample_project(dir.path());
    let out_path = dir.path().join("gaps.pdf");
    // 64 KiB: the store's 32 KiB index fits, the 100 KB report does not.
    let out = with_file_size_limit(&project, 64, &["report", "gaps", "--out", out_path.to_str().unwrap()]);
    assert_exit(&out, 2, &["gaps.pdf", "the disk is full", "free space and try again"], "report gaps");
    let left: Vec<_> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).filter(|n| n.to_string_lossy().contains("gaps")).collect();
    assert!(left.is_empty(), "no report and no temp file: {left:?}");
    // 16 KiB: not even the store's 32 KiB shared-memory index fits — SQLite's bare "disk I/O
    // error" gets the file and what to do.
    let out = with_file_size_limit(&project, 16, &["report", "gaps", "--out", out_path.to_str().unwrap()]);
    assert_exit(&out, 2, &["project.sqlite", "disk I/O error", "check that the disk has free space"], "report gaps, no room for the index");
    assert!(!out_path.exists(), "no report");
    assert_whole(&project, "after the full disks");
}

