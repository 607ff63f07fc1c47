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

/// The seeds of `target`, mutated in process: a stand-in for libFuzzer on the stable toolchain
/// (random byte flips, overwrites, insertions, deletions and splices from another seed, without
/// libFuzzer's coverage guidance). `DOSSIER_FUZZ_ITERATIONS` (default 300) and
/// `DOSSIER_FUZZ_SECONDS` bound a run, `DOSSIER_FUZZ_SEED` picks it; a failing input is saved
/// under the target dir and named.
fn run_mutations(target: &str, body: fn(&[u8])) {
    let seeds = fuzz_bodies::corpus(&fuzz_dir().join("corpus").join(target));
    let env = |k: &str| std::env::var(k).ok().and_then(|v| v.parse::<u64>().ok());
    let (iterations, seconds) = (env("DOSSIER_FUZZ_ITERATIONS").unwrap_or(300), env("DOSSIER_FUZZ_SECONDS").unwrap_or(u64::MAX));
    let seed = env("DOSSIER_FUZZ_SEED").unwrap_or(0x5eed_f00d);
    let mut state = seed;
    let mut next = move || {
        // splitmix64
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    };
    let started = std::time::Instant::now();
    let mut done = 0;
    while done < iterations && started.elapsed().as_secs() < seconds {
        let mut data = seeds[next() as usize % seeds.len()].1.clone();
        for _ in 0..1 + next() % 8 {
            let at = if data.is_empty() { 0 } else { next() as usize % data.len() };
            match next() % 6 {
                0 if !data.is_empty() => data[at] ^= 1 << (next() % 8),
                1 if !data.is_empty() => data[at] = next() as u8,
                2 => data.splice(at..at, (0..1 + next() % 16).map(|_| next() as u8)).for_each(drop),
                3 if !data.is_empty() => drop(data.drain(at..(at + 1 + next() as usize % 64).min(data.len()))),
                4 => {
                    let other = &seeds[next() as usize % seeds.len()].1;
                    let from = if other.is_empty() { 0 } else { next() as usize % other.len() };
                    let chunk = other[from..(from + 1 + next() as usize % 256).min(other.len())].to_vec();
                    data.splice(at..at, chunk).for_each(drop);
                }
                _ if data.len() >= 4 => {
                    // A 16- or 32-bit field (a size, an offset, a count) set to an edge value.
                    let v: u32 = [0, 1, 0xFFFF, 0xFFFF_FFFF, 0x8000_0000][next() as usize % 5];
                    let end = (at + 4).min(data.len());
                    data[at..end].copy_from_slice(&v.to_le_bytes()[..end - at]);
                }
                _ => {}
            }
        }
        if std::panic::catch_unwind(|| body(&data)).is_err() {
            let saved = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("fuzz-failure-{target}-{done}"));
            std::fs::write(&saved, &data).unwrap();
            panic!("{target}: mutation {done} fails the target; the input is {}", saved.display());
        }
        done += 1;
    }
    eprintln!("{target}: {done} mutated inputs in {:.0} s (seed {seed})", started.elapsed().as_secs_f64());
}

#[test]
fn the_ectd_zip_target_survives_mutations_of_its_seeds() {
    run_mutations("ectd_zip", fuzz_bodies::ectd_zip);
}

#[test]
fn the_ectd_backbone_target_survives_mutations_of_its_seeds() {
    run_mutations("ectd_backbone", fuzz_bodies::ectd_backbone);
}
