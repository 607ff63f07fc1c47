//! Killing the CLI half-way must never cost the project: the store opens, passes its integrity
//! check, every stored file matches its hash, and a re-run completes the work.

use std::path::Path;
use std::time::Duration;

use super::{dossier, json};

/// Distinct, incompressible-looking files (a xorshift stream per file), written once per test.
fn make_files(dir: &Path, count: usize, size: usize) {
    std::fs::create_dir_all(dir).unwrap();
    for i in 0..count {
        let mut state = 0x9E37_79B9_7F4A_7C15u64 ^ (i as u64 + 1);
        let bytes: Vec<u8> = (0..size / 8)
            .flat_map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                state.to_le_bytes()
            })
            .collect();
        std::fs::write(dir.join(format!("file-{i:04}.bin")), bytes).unwrap();
    }
}

#[test]
fn a_killed_import_leaves_a_whole_project_and_a_rerun_completes() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("incoming");
    make_files(&source, 120, 512 * 1024);
    let project = dir.path().join("p.dossier");
    assert_cmd::Command::cargo_bin("dossier").unwrap().arg("init").arg(&project).assert().success();
    // Kill points spread over the import; fixed so the test is repeatable.
    for delay_ms in [15u64, 40, 90, 160, 260] {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("dossier"))
            .arg("--project")
            .arg(&project)
            .arg("import")
            .arg(&source)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();
        let report = json(&dossier(&project).args(["verify", "--json"]).output().unwrap());
        assert_eq!(report["problems"], serde_json::json!([]), "after a kill at {delay_ms} ms the project is whole");
    }
    let last = json(&dossier(&project).args(["import", "--json"]).arg(&source).output().unwrap());
    assert_eq!(last["files_seen"], 120);
    let docs = json(&dossier(&project).args(["docs", "list", "--json"]).output().unwrap());
    assert_eq!(docs.as_array().unwrap().len(), 120, "the re-run completed the import");
    dossier(&project).arg("verify").assert().success();
    let leftovers = std::fs::read_dir(project.join("blobs/.tmp")).unwrap().count();
    assert_eq!(leftovers, 0, "half-written files of the killed runs are cleared by the next import");
}

/// Peak resident memory of a running process, from Linux's /proc (the hostile tests use it too).
pub(crate) fn peak_rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status.lines().find(|l| l.starts_with("VmHWM:"))?.split_whitespace().nth(1)?.parse().ok()
}

#[test]
fn importing_a_200_mb_file_keeps_memory_flat() {
    if !Path::new("/proc/self/status").exists() {
        return; // only Linux exposes the peak; the hashing pipeline is the same elsewhere
    }
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big/scan.bin");
    std::fs::create_dir_all(big.parent().unwrap()).unwrap();
    // Written out, not sparse: the import refuses sparse placeholders without reading them.
    let mut f = std::fs::File::create(&big).unwrap();
    let chunk: Vec<u8> = (0..1u32 << 20).map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8).collect();
    for _ in 0..200 {
        std::io::Write::write_all(&mut f, &chunk).unwrap();
    }
    drop(f);
    let project = dir.path().join("p.dossier");
    assert_cmd::Command::cargo_bin("dossier").unwrap().arg("init").arg(&project).assert().success();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("dossier"))
        .arg("--project")
        .arg(&project)
        .arg("import")
        .arg(&big)
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut peak = 0;
    loop {
        if let Some(kib) = peak_rss_kib(child.id()) {
            peak = peak.max(kib);
        }
        if child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    assert!(peak > 0, "the peak was read");
    assert!(peak < 64 * 1024, "peak RSS {peak} KiB for a 200 MiB file: memory must not grow with file size");
    let docs = json(&dossier(&project).args(["docs", "list", "--json"]).output().unwrap());
    assert_eq!(docs[0]["size"], 200u64 << 20);
}
