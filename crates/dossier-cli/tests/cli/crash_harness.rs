//! The crash-safety harness: SIGKILL the CLI at random points during import, mapping changes,
//! build and build --zip; after every kill the project must be whole (`whole::assert_whole`),
//! and re-running the interrupted command must reach the state an uninterrupted run reaches.
//!
//! Deterministic per seed: the seed picks each iteration's command and kill delay (a fraction
//! of that command's measured uninterrupted run time, so kills land anywhere from process
//! start to exit). Where exactly a delay lands still depends on the machine; a failure prints
//! the seed, the iteration, the command and the delay. The long run:
//!
//! ```text
//! DOSSIER_CRASH_ITERATIONS=2000 DOSSIER_CRASH_SEED=7 \
//!     cargo test -p dossier-cli --test cli crash_harness -- --nocapture
//! ```

use crate::copy_dir;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use serde_json::Value;

use super::whole::{self, assert_whole};
use super::{dossier, json, sample_dir};

/// Iterations when `DOSSIER_CRASH_ITERATIONS` is unset: the README test command's share.
const DEFAULT_ITERATIONS: u64 = 50;
const DEFAULT_SEED: u64 = 0x0D05_51E2;

/// splitmix64: tiny, seedable, good enough to pick commands and delays.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Base {
    /// `dossier init` with nothing in it.
    Empty,
    /// `dossier init --from` the Examplinib sample.
    Sample,
    /// The sample with app_cn 0000 built and zipped, and one document taken off an item, so the
    /// next build (0001) deletes a leaf. Its 0000 must come through every kill untouched.
    Built,
}

#[derive(Debug)]
struct Op {
    name: &'static str,
    base: Base,
    args: Vec<String>,
    /// The application whose state tells whether the command's work is done.
    app: &'static str,
}

fn ops() -> Vec<Op> {
    let documents = sample_dir().join("documents").to_string_lossy().into_owned();
    let op = |name, base, app, args: &[&str]| Op { name, base, app, args: args.iter().map(|s| (*s).to_owned()).collect() };
    vec![
        op("import", Base::Empty, "", &["import", &documents]),
        op("unassign", Base::Sample, "app_hk", &["app", "unassign", "app_hk", "HK-09", "doc_bb90dc0abb20814f"]),
        op("assign", Base::Sample, "app_hk", &["app", "assign", "app_hk", "HK-44", "doc_c0165d5cc32c3334"]),
        op("na", Base::Sample, "app_hk", &["app", "na", "app_hk", "HK-17", "--reason", "no risk management plan is required"]),
        op("build cn", Base::Sample, "app_cn", &["build", "--app", "app_cn"]),
        op("build cn --zip", Base::Sample, "app_cn", &["build", "--app", "app_cn", "--zip"]),
        op("build eu --zip", Base::Sample, "app_eu", &["build", "--app", "app_eu", "--zip"]),
        op("build hk", Base::Sample, "app_hk", &["build", "--app", "app_hk"]),
        op("build hk --zip", Base::Sample, "app_hk", &["build", "--app", "app_hk", "--zip"]),
        op("build cn 0001 --zip", Base::Built, "app_cn", &["build", "--app", "app_cn", "--zip"]),
    ]
}

/// What an uninterrupted run leaves behind, in the terms the command changes.
fn probe(project: &Path, op: &Op) -> Value {
    if op.name == "import" {
        let docs = json(&dossier(project).args(["docs", "list", "--json"]).output().unwrap());
        let mut ids: Vec<String> = docs.as_array().unwrap().iter().map(|d| format!("{} {}", d["id"], d["path"])).collect();
        ids.sort();
        return serde_json::json!(ids);
    }
    if !op.name.starts_with("build") {
        return json(&dossier(project).args(["gaps", "--app", op.app, "--json"]).output().unwrap());
    }
    let seqs = json(&dossier(project).args(["sequences", "--app", op.app, "--json"]).output().unwrap());
    let rows: Vec<Value> = seqs
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            // The EU envelope UUID is made fresh for a first sequence, so EU indexes differ
            // from run to run; the other regions build byte-identical sequences.
            let md5 = if op.app == "app_eu" { Value::Null } else { s["index_md5"].clone() };
            serde_json::json!([s["number"], s["kind"], s["new"], s["replaced"], s["deleted"], md5])
        })
        .collect();
    let zips: Vec<String> = std::fs::read_dir(project.join("builds").join(op.app))
        .map(|rd| rd.filter_map(Result::ok).map(|e| e.file_name().to_string_lossy().into_owned()).filter(|n| n.ends_with(".zip")).collect())
        .unwrap_or_default();
    let mut zips = zips;
    zips.sort();
    serde_json::json!({ "sequences": rows, "zips": zips })
}

fn make_bases(dir: &Path) -> Vec<(Base, PathBuf)> {
    let init = |name: &str, from: bool| {
        let project = dir.join(name);
        let mut cmd = assert_cmd::Command::cargo_bin("dossier").unwrap();
        cmd.arg("init").arg(&project);
        if from {
            cmd.arg("--from").arg(sample_dir());
        }
        cmd.assert().success();
        project
    };
    let empty = init("empty.dossier", false);
    let sample = init("sample.dossier", true);
    let built = dir.join("built.dossier");
    copy_dir(&sample, &built);
    dossier(&built).args(["build", "--app", "app_cn", "--zip"]).assert().success();
    dossier(&built).args(["app", "unassign", "app_cn", "CN-03", "doc_62411de2d3cafdbe"]).assert().success();
    vec![(Base::Empty, empty), (Base::Sample, sample), (Base::Built, built)]
}

fn env_u64(name: &str) -> Option<u64> {
    let v = std::env::var(name).ok()?;
    Some(v.strip_prefix("0x").map_or_else(|| v.parse(), |h| u64::from_str_radix(h, 16)).unwrap_or_else(|_| panic!("{name}={v} is not a number")))
}

fn spawn(project: &Path, args: &[String]) -> std::process::Child {
    std::process::Command::new(assert_cmd::cargo::cargo_bin("dossier"))
        .arg("--project")
        .arg(project)
        .args(args)
        .env("USER", "e2e")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

#[test]
fn killing_the_cli_anywhere_never_costs_the_project_and_a_rerun_completes() {
    let iterations = env_u64("DOSSIER_CRASH_ITERATIONS").unwrap_or(DEFAULT_ITERATIONS);
    let seed = env_u64("DOSSIER_CRASH_SEED").unwrap_or(DEFAULT_SEED);
    eprintln!("crash harness: seed {seed:#x}, {iterations} iterations (DOSSIER_CRASH_SEED, DOSSIER_CRASH_ITERATIONS)");
    let dir = tempfile::tempdir().unwrap();
    let bases = make_bases(dir.path());
    let base_of = |b: Base| bases.iter().find(|(k, _)| *k == b).map(|(_, p)| p.clone()).unwrap();
    let built_0000 = std::fs::read(base_of(Base::Built).join("builds/app_cn/0000.zip")).unwrap();
    let ops = ops();

    // One uninterrupted run of each command: its duration spans the kill delays, its end state
    // is what every interrupted-then-rerun project must reach.
    let mut reference = Vec::new();
    for (i, op) in ops.iter().enumerate() {
        let project = dir.path().join(format!("ref-{i}.dossier"));
        copy_dir(&base_of(op.base), &project);
        let started = Instant::now();
        let status = spawn(&project, &op.args).wait().unwrap();
        let took = started.elapsed();
        assert!(status.success(), "the uninterrupted `{}` succeeds", op.name);
        assert_whole(&project, &format!("uninterrupted {}", op.name));
        reference.push((took, probe(&project, op)));
    }

    let mut rng = Rng(seed);
    let mut tally = [0u32; 2]; // [killed before done, killed after done]
    for n in 0..iterations {
        let op = &ops[rng.below(ops.len() as u64) as usize];
        let (took, expected) = &reference[ops.iter().position(|o| std::ptr::eq(o, op)).unwrap()];
        // Up to 20 % past the typical run, so some kills land on a finished process.
        let delay = Duration::from_micros(rng.below(took.as_micros() as u64 * 6 / 5 + 1));
        let context = format!("seed {seed:#x} iteration {n}: `{}` killed after {delay:?}", op.name);
        let project = dir.path().join(format!("run-{n}.dossier"));
        copy_dir(&base_of(op.base), &project);

        let mut child = spawn(&project, &op.args);
        std::thread::sleep(delay);
        child.kill().unwrap(); // SIGKILL on Unix; an error only if it was already reaped
        child.wait().unwrap();

        assert_whole(&project, &context);
        let done = probe(&project, op) == *expected;
        tally[usize::from(done)] += 1;
        if !done {
            let rerun = dossier(&project).args(&op.args).output().unwrap();
            assert!(rerun.status.success(), "{context}: the re-run completes: {}", String::from_utf8_lossy(&rerun.stderr));
            assert_eq!(probe(&project, op), *expected, "{context}: the re-run reaches the uninterrupted end state");
            assert_whole(&project, &format!("{context}, then re-run"));
        }
        if op.base == Base::Built {
            let zip = std::fs::read(project.join("builds/app_cn/0000.zip")).unwrap();
            assert!(zip == built_0000, "{context}: the earlier sequence's zip is untouched");
            whole::folder_is_complete(&project.join("builds/app_cn/0000"), &context);
        }
        std::fs::remove_dir_all(&project).unwrap();
    }
    eprintln!("crash harness: {iterations} kills survived ({} mid-command, {} after the work was done)", tally[0], tally[1]);
}
