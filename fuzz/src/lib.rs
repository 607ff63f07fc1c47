//! Bodies of the fuzz targets, one function each, over the public APIs that read what strangers
//! send. Each must never panic, whatever the bytes, and each asserts the safety property of its
//! reader on top. The CLI's tests compile this file too (`tests/cli/fuzz_smoke.rs`) and run the
//! committed corpora through it.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use dossier_model::Facts;
use dossier_package::{Region, reader};
use dossier_rules::{Format, Templates};

/// A sequence folder `0000/` with a few leaf files, a file beside it (outside the sequence) and
/// a symbolic link pointing at that file, so hrefs have something to find and to escape to.
fn sequence_folder() -> PathBuf {
    thread_local! {
        static DIR: (tempfile::TempDir, PathBuf) = {
            let dir = tempfile::tempdir().expect("a temp folder");
            let seq = dir.path().join("0000");
            for rel in ["m1/eu/10-cover/cover.pdf", "m1/cn/10/cover.pdf", "m2/22-intro/introduction.pdf", "m3/32-body-data/a.pdf"] {
                let path = seq.join(rel);
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(&path, b"%PDF-1.4\n%%EOF\n").unwrap();
            }
            std::fs::write(dir.path().join("outside.pdf"), b"secret").unwrap();
            #[cfg(unix)]
            std::os::unix::fs::symlink("../../outside.pdf", seq.join("m3/link.pdf")).unwrap();
            let seq = seq.canonicalize().unwrap();
            (dir, seq)
        };
    }
    DIR.with(|(_, seq)| seq.clone())
}

/// Regional Module 1 element names → codes, from the built-in eCTD profiles (as `import-ectd`
/// reads them).
fn regional_elements() -> &'static [(Region, String, String)] {
    static ELEMENTS: OnceLock<Vec<(Region, String, String)>> = OnceLock::new();
    ELEMENTS.get_or_init(|| {
        let mut out = Vec::new();
        for p in Templates::embedded().profiles.all() {
            let region = match p.header.format {
                Format::EctdEu => Region::Eu,
                Format::EctdCn => Region::Cn,
                Format::EctdUs => Region::Us,
                Format::HkCtd => continue,
            };
            for n in &p.m1 {
                if let Some(element) = &n.element {
                    let code = n.code.split_once(':').map_or(n.code.as_str(), |(_, c)| c);
                    out.push((region, element.clone(), code.to_owned()));
                }
            }
        }
        out
    })
}

/// `index.xml`, then optionally a NUL byte, a byte choosing the region (eu, cn, us) and that
/// region's backbone. Property: no leaf ever resolves to a file outside the sequence folder.
pub fn ectd_backbone(data: &[u8]) {
    let seq = sequence_folder();
    let (index, regional) = match data.iter().position(|&b| b == 0) {
        Some(i) => (&data[..i], Some(&data[i + 1..])),
        None => (data, None),
    };
    std::fs::write(seq.join("index.xml"), index).unwrap();
    for r in ["eu", "cn", "us"] {
        let _ = std::fs::remove_file(seq.join(format!("m1/{r}/{r}-regional.xml")));
    }
    if let Some((&which, xml)) = regional.and_then(|r| r.split_first()) {
        let r = ["eu", "cn", "us"][usize::from(which) % 3];
        let path = seq.join(format!("m1/{r}/{r}-regional.xml"));
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, xml).unwrap();
    }
    let read = reader::read_sequence(&seq, &Templates::embedded().ctd, regional_elements());
    for leaf in &read.leaves {
        if let Some(file) = &leaf.file {
            assert!(file.starts_with(&seq), "leaf {:?} resolved outside the sequence: {}", leaf.id, file.display());
        }
        if let Some(href) = &leaf.href {
            assert!(
                !href.starts_with('/') && !href.split('/').any(|s| s == ".." || s == "." || s.is_empty()),
                "leaf {:?} kept an unnormalised href {href:?}",
                leaf.id
            );
        }
    }
    for f in &read.findings {
        assert!(!f.message.is_empty(), "a finding says what is wrong");
    }
}

/// Limits small enough that the fuzzer reaches each of them with small inputs.
const FUZZ_ZIP_LIMITS: dossier_package::unzip::ZipLimits =
    dossier_package::unzip::ZipLimits { entries: 64, total_bytes: 1 << 20, ratio: 100, ratio_from: 4 << 10, backbone_bytes: 64 << 10, keep_free: 0 };

/// A zip, as `import-ectd` unzips it. Properties: the header parsers never panic; an accepted
/// zip extracts only regular files and folders inside the extraction folder, no more bytes than
/// the limit and exactly the bytes it reports; a refused one says why with an error finding.
pub fn ectd_zip(data: &[u8]) {
    use dossier_package::unzip;
    let _ = unzip::local_header(data);
    let _ = unzip::central_records(data, 64);
    thread_local! {
        static DIR: tempfile::TempDir = tempfile::tempdir().expect("a temp folder");
    }
    DIR.with(|dir| {
        let zip = dir.path().join("in.zip");
        let dest = dir.path().join("out");
        std::fs::write(&zip, data).unwrap();
        let _ = std::fs::remove_dir_all(&dest);
        if let Ok(u) = unzip::unzip(&zip, &dest, &FUZZ_ZIP_LIMITS) {
            if u.refused {
                assert!(u.findings.iter().any(|f| f.severity == dossier_model::Severity::Error && f.code.is_some()), "a refusal says why");
            }
            let mut written = 0;
            for entry in walk(&dest) {
                let meta = std::fs::symlink_metadata(&entry).unwrap();
                assert!(meta.is_file() || meta.is_dir(), "only files and folders are extracted: {}", entry.display());
                assert!(entry.starts_with(&dest), "extracted inside its folder");
                if meta.is_file() {
                    written += meta.len();
                }
            }
            assert!(written <= FUZZ_ZIP_LIMITS.total_bytes + 1, "at most the limit is written ({written} bytes)");
            if !u.refused {
                assert_eq!(written, u.bytes, "the bytes reported are the bytes written");
            }
        }
        let beside: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().map(|e| e.file_name()).collect();
        assert!(beside.iter().all(|n| n == "in.zip" || n == "out"), "nothing written beside the extraction folder: {beside:?}");
    });
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let path = e.path();
            if e.file_type().is_ok_and(|t| t.is_dir()) {
                stack.push(path.clone());
            }
            out.push(path);
        }
    }
    out
}

/// The template files a case may replace, chosen by the first byte.
pub const TEMPLATE_FILES: [&str; 4] =
    ["ctd/ctd-tree.toml", "doc-types.toml", "authorities/fuzz-profile.toml", "authorities/hk-reference-countries.toml"];

/// A templates folder holding one file: the first byte picks which (`TEMPLATE_FILES`), the
/// rest is its text. Property: loading reports problems as diagnostics, each on a line the file
/// has, and never panics.
pub fn templates(data: &[u8]) {
    let Some((&which, rest)) = data.split_first() else { return };
    let file = TEMPLATE_FILES[usize::from(which) % TEMPLATE_FILES.len()];
    let text = String::from_utf8_lossy(rest).into_owned();
    let lines = text.split('\n').count();
    let source: BTreeMap<String, String> = [(file.to_owned(), text)].into();
    let (_, diagnostics) = Templates::load(&source);
    for d in &diagnostics {
        let shown = d.to_string();
        assert!(shown.contains(&d.file), "a diagnostic names its file: {shown}");
        if d.file == file {
            if let Some(line) = d.line {
                assert!((1..=lines).contains(&line), "{shown}: line {line} of a {lines}-line file");
            }
        }
    }
}

/// A facts file. Property: what parses survives `facts export` (TOML out and back in) and the
/// store unchanged, and a refused file leaves the stored facts as they were.
pub fn facts(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(facts) = toml::from_str::<Facts>(text) else { return };
    if let Ok(exported) = toml::to_string(&facts) {
        let back: Facts = toml::from_str(&exported).unwrap_or_else(|e| panic!("exported facts parse again: {e}\n{exported}"));
        assert_eq!(back, facts, "facts survive export and import");
    }
    thread_local! {
        static STORE: RefCell<dossier_store::Store> = RefCell::new(dossier_store::Store::open_in_memory().expect("an in-memory store"));
    }
    STORE.with(|store| {
        let mut store = store.borrow_mut();
        let actor = dossier_store::Actor::new("fuzz");
        let before = store.facts().expect("facts read");
        match store.with_tx(&actor, |tx| tx.replace_facts(&facts)) {
            // `[[document]]` entries describe documents (the api applies them); the store's
            // facts are product, studies and approvals.
            // Studies come back in protocol-number order (the store's canonical order), not in
            // the file's.
            Ok(()) => {
                let mut expected = Facts { documents: Vec::new(), ..facts };
                expected.studies.sort_by(|a, b| a.id.cmp(&b.id));
                assert_eq!(store.facts().expect("facts read"), expected, "stored facts read back equal");
            }
            Err(_) => assert_eq!(store.facts().expect("facts read"), before, "a refused file changes nothing"),
        }
    });
}

/// Every file under `dir`, for running a corpus outside libFuzzer.
pub fn corpus(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out: Vec<_> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.is_file()).collect())
        .unwrap_or_default();
    out.sort();
    out.into_iter().map(|p| (p.clone(), std::fs::read(&p).unwrap())).collect()
}
