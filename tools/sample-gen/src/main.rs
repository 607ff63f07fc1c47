//! sample-gen: regenerates the synthetic Examplinib sample dossier PDFs.
//!
//! Usage: `cargo run --release --manifest-path tools/sample-gen/Cargo.toml -- sample-dossiers/examplinib/documents`
//!
//! Output is deterministic: fixed dates and ids, no clock, no randomness, so every run writes
//! the same bytes.

mod content;
mod doc;
mod fonts;
mod layout;
mod post;
mod render;

use std::path::{Path, PathBuf};

use doc::Special;

fn main() {
    if let Err(e) = run() {
        eprintln!("sample-gen: {e}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let out = match (args.next(), args.next()) {
        (Some(a), None) if a != "-h" && a != "--help" => PathBuf::from(a),
        _ => {
            return Err("usage: sample-gen OUTPUT_DIR   (e.g. sample-dossiers/examplinib/documents)".into());
        }
    };
    let fonts = fonts::Fonts::load()?;
    let docs = content::all();
    check_unique(&docs)?;
    clean(&out)?;
    let mut total = 0u64;
    for d in &docs {
        let laid = layout::layout(&fonts, d);
        let mut bytes = render::render(&fonts, d, &laid)?;
        if d.special == Special::Pdf13 {
            post::downgrade_to_pdf13(&mut bytes).map_err(|e| format!("{}: {e}", d.path))?;
        }
        let path = out.join(&d.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        std::fs::write(&path, &bytes).map_err(|e| format!("{}: {e}", path.display()))?;
        if let Special::Encrypt { user, owner } = d.special {
            post::encrypt(&path, user, owner)?;
        }
        total += std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    }
    eprintln!("sample-gen: wrote {} PDFs ({} KiB) to {}", docs.len(), total / 1024, out.display());
    if let Some(root) = out.parent() {
        check_facts(&root.join("facts.toml"), &out)?;
    }
    Ok(())
}

fn check_unique(docs: &[doc::Doc]) -> Result<(), String> {
    let mut seen = std::collections::BTreeSet::new();
    for d in docs {
        if !seen.insert(d.path.to_lowercase()) {
            return Err(format!("duplicate document path {}", d.path));
        }
    }
    Ok(())
}

/// Remove previously generated PDFs (and folders left empty) so renamed documents do not linger.
fn clean(dir: &Path) -> Result<(), String> {
    if !dir.exists() {
        return Ok(());
    }
    fn walk(dir: &Path) -> Result<(), String> {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .map_err(|e| format!("{}: {e}", dir.display()))?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                walk(&p)?;
                let _ = std::fs::remove_dir(&p); // only succeeds when empty
            } else if p.extension().is_some_and(|e| e.eq_ignore_ascii_case("pdf")) {
                std::fs::remove_file(&p).map_err(|e| format!("{}: {e}", p.display()))?;
            }
        }
        Ok(())
    }
    walk(dir)
}

/// Every path named in facts.toml (`path`, `proof`, `csr`, `translation_of`) must exist.
fn check_facts(facts: &Path, docs: &Path) -> Result<(), String> {
    let Ok(text) = std::fs::read_to_string(facts) else {
        return Ok(());
    };
    let mut missing = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        for key in ["path", "proof", "csr", "translation_of"] {
            if let Some(rest) = line.strip_prefix(key) {
                let rest = rest.trim_start();
                if let Some(value) = rest.strip_prefix('=') {
                    let value = value.trim().trim_matches('"');
                    if !docs.join(value).is_file() {
                        missing.push(value.to_string());
                    }
                }
            }
        }
    }
    if missing.is_empty() {
        eprintln!("sample-gen: every path in {} exists", facts.display());
        Ok(())
    } else {
        Err(format!("facts.toml names missing files: {missing:?}"))
    }
}
