//! The fuzz targets' bodies (`fuzz/src/lib.rs`), compiled here with the normal toolchain and
//! run over their committed corpora and every regression input, so the targets cannot rot and
//! a crash once found stays fixed. The fuzzing itself is not part of the test suite
//! (docs/reliability.md says how to run it).

#[path = "../../../../fuzz/src/lib.rs"]
mod fuzz_bodies;

use std::path::{Path, PathBuf};

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz")
}

/// Runs the corpus and the regressions of `target` through `body`; returns how many inputs.
fn run(target: &str, body: fn(&[u8])) -> usize {
    let mut cases = fuzz_bodies::corpus(&fuzz_dir().join("corpus").join(target));
    assert!(cases.len() >= 3, "the {target} seed corpus is committed");
    cases.extend(fuzz_bodies::corpus(&fuzz_dir().join("regressions").join(target)));
    for (path, data) in &cases {
        let outcome = std::panic::catch_unwind(|| body(data));
        assert!(outcome.is_ok(), "{target}: {} makes the target fail", path.display());
    }
    cases.len()
}

#[test]
fn the_ectd_backbone_target_survives_its_corpus() {
    run("ectd_backbone", fuzz_bodies::ectd_backbone);
}

#[test]
fn the_ectd_zip_target_survives_its_corpus() {
    run("ectd_zip", fuzz_bodies::ectd_zip);
}

#[test]
fn the_templates_target_survives_its_corpus() {
    run("templates", fuzz_bodies::templates);
}

#[test]
fn the_facts_target_survives_its_corpus() {
    run("facts", fuzz_bodies::facts);
}
