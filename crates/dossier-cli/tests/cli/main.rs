//! End-to-end tests of the `dossier` binary over the Examplinib sample and crafted folders.

mod crash;
mod crash_harness;
mod fuzz_smoke;
mod hostile;
mod import_ectd;
mod lifecycle;
mod sample;
mod two_process;
mod v4;
mod whole;

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

pub fn sample_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../sample-dossiers/examplinib")
}

pub fn dossier(project: &Path) -> Command {
    let mut cmd = Command::cargo_bin("dossier").expect("the dossier binary is built");
    cmd.arg("--project").arg(project).env("USER", "e2e");
    cmd
}

pub fn json(output: &Output) -> serde_json::Value {
    assert!(
        output.status.success() || output.status.code() == Some(1),
        "dossier failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("--json prints JSON")
}

/// Copies the folder `from` to `to` (created), file by file.
pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let dest = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// A fresh project made from the sample, as `dossier init --from` makes it.
pub fn sample_project(dir: &Path) -> PathBuf {
    let project = dir.join("ex.dossier");
    Command::cargo_bin("dossier")
        .unwrap()
        .arg("init")
        .arg(&project)
        .arg("--from")
        .arg(sample_dir())
        .assert()
        .success();
    project
}
