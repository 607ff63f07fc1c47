//! Two processes on one project (the app open, the CLI running): while one holds a write
//! transaction, a second writer waits for it, or after the store's busy timeout (10 s) fails
//! with "the project is busy"; readers never wait; nothing is corrupted either way.

use std::process::Stdio;
use std::time::Duration;

use super::whole::assert_whole;
use super::{dossier, json, sample_project};

/// A write transaction held from outside, as the app's own connection would hold one.
fn hold_write_lock(project: &std::path::Path) -> rusqlite::Connection {
    let conn = rusqlite::Connection::open(project.join("project.sqlite")).unwrap();
    conn.execute_batch("BEGIN IMMEDIATE").unwrap();
    conn
}

fn na_command(project: &std::path::Path) -> std::process::Command {
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("dossier"));
    cmd.arg("--project").arg(project).args(["app", "na", "app_hk", "HK-17", "--reason", "not required for this route"]);
    cmd.env("USER", "e2e").stdout(Stdio::piped()).stderr(Stdio::piped());
    cmd
}

fn hk17(project: &std::path::Path) -> serde_json::Value {
    let gaps = json(&dossier(project).args(["gaps", "--app", "app_hk", "--json"]).output().unwrap());
    gaps[0]["items"].as_array().unwrap().iter().find(|i| i["item"] == "HK-17").unwrap().clone()
}

#[test]
fn a_second_writer_waits_for_the_first_and_then_completes() {
    let dir = tempfile::tempdir().unwrap();
    let project = sample_project(dir.path());
    let lock = hold_write_lock(&project);
    let child = na_command(&project).spawn().unwrap();
    // Readers go on while the write transaction is held (WAL).
    let item = hk17(&project);
    assert_eq!(item["status"], "missing", "a reader is not blocked by the held transaction");
    std::thread::sleep(Duration::from_millis(500));
    lock.execute_batch("COMMIT").unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "the waiting writer completes once the lock is released: {}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(hk17(&project)["status"], "not-applicable", "its change is stored");
    assert_whole(&project, "after a writer waited");
}

#[test]
fn a_writer_that_cannot_get_in_is_told_the_project_is_busy_and_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    let project = sample_project(dir.path());
    let audit_before = dossier(&project).args(["audit", "log", "--json", "--limit", "1000"]).output().unwrap().stdout;
    let lock = hold_write_lock(&project);
    // Held for longer than the store's 10 s busy timeout.
    let out = na_command(&project).output().unwrap();
    lock.execute_batch("ROLLBACK").unwrap();
    drop(lock);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "a failure, not a finding: {stderr}");
    assert!(stderr.contains("the project is busy"), "the message says what happened and what to do: {stderr}");
    assert!(stderr.contains("try again"), "{stderr}");
    assert_eq!(hk17(&project)["status"], "missing", "the refused change left nothing behind");
    let audit_after = dossier(&project).args(["audit", "log", "--json", "--limit", "1000"]).output().unwrap().stdout;
    assert_eq!(audit_before, audit_after, "no audit record for a change that did not happen");
    assert_whole(&project, "after a busy refusal");
    // And once the other writer is gone, the same command goes through.
    let again = na_command(&project).output().unwrap();
    assert!(again.status.success(), "{}", String::from_utf8_lossy(&again.stderr));
    assert_whole(&project, "after the retry");
}

#[test]
fn two_cli_writers_at_once_both_complete_and_the_project_stays_whole() {
    let dir = tempfile::tempdir().unwrap();
    let project = sample_project(dir.path());
    let build = std::process::Command::new(assert_cmd::cargo::cargo_bin("dossier"))
        .arg("--project")
        .arg(&project)
        .args(["build", "--app", "app_cn", "--zip"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut changes = Vec::new();
    for item in ["HK-17", "HK-22", "HK-44"] {
        changes.push(
            std::process::Command::new(assert_cmd::cargo::cargo_bin("dossier"))
                .arg("--project")
                .arg(&project)
                .args(["app", "na", "app_hk", item, "--reason", "concurrent change"])
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap(),
        );
    }
    let out = build.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    for c in changes {
        let out = c.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    assert_whole(&project, "after concurrent writers");
}
