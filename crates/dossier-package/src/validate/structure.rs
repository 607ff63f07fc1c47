//! Folder structure, names and paths: EU VC 13.1, 15.3–15.12, 15.BP1; FDA 1085; NMPA group 2.

use std::collections::HashSet;

use super::engine::{Hit, Sequence};
use super::read;
use crate::Region;
use crate::names::{MAX_NAME, NamingRules, split_ext};

const MB: u64 = 1 << 20;

pub fn is_sequence_name(name: &str) -> bool {
    name.len() == 4 && name.bytes().all(|b| b.is_ascii_digit())
}

pub fn check(seq: &Sequence) -> Vec<Hit> {
    let mut hits = Vec::new();
    if !is_sequence_name(&seq.name) {
        hits.push(Hit::fail("sequence-folder", "", format!("the folder is named {:?}", seq.name)));
    }
    let rules = NamingRules::for_region(seq.region);
    for dir in &seq.tree.dirs {
        let name = last(&dir.rel);
        if dir.empty {
            hits.push(Hit::fail("empty-folder", &dir.rel, ""));
        }
        if name.chars().count() > MAX_NAME {
            hits.push(Hit::fail("folder-name-length", &dir.rel, format!("{} characters", name.chars().count())));
        }
        if !name.chars().all(|c| rules.is_legal_char(c)) {
            hits.push(Hit::fail("folder-name-chars", &dir.rel, format!("folder {name:?}")));
        }
    }
    let referenced = referenced(seq);
    // Whether a file is referenced is only known once the backbone that would reference it has
    // been read: a refused one leaves the rule "not evaluated" with its reason (engine), not a
    // failure for every file it would have listed.
    let readable = |rel: &str| !seq.unread.iter().any(|(r, _)| r == rel);
    let index_read = seq.index.is_some() && readable("index.xml");
    let regional_read = seq.regional.is_some() && readable(&crate::reader::regional_rel(seq.region));
    let m1 = format!("m1/{}/", seq.region.code());
    let misnamed_regional = super::backbones::misnamed_regional(seq);
    for file in &seq.tree.files {
        let name = last(&file.rel);
        if let Some(kind) = file.special {
            hits.push(Hit::fail("file-special", &file.rel, kind));
        }
        let path_len = seq.name.chars().count() + 1 + file.rel.chars().count();
        if path_len > rules.max_path {
            hits.push(Hit::fail("path-length", &file.rel, format!("{path_len} characters, limit {}", rules.max_path)));
        }
        if name.chars().count() > MAX_NAME {
            hits.push(Hit::fail("file-name-length", &file.rel, format!("{} characters", name.chars().count())));
        }
        let misnamed_index = !file.rel.contains('/') && (name.eq_ignore_ascii_case("index.xml") || name.eq_ignore_ascii_case("index-md5.txt"));
        if !legal_file_name(&rules, name) && !misnamed_index {
            hits.push(Hit::fail("file-name-chars", &file.rel, format!("file {name:?}")));
        }
        let top = file.rel.split('/').next().unwrap_or_default();
        // A misnamed index.xml or index-md5.txt is EU 7.2 / 8.2, not an extra file.
        let index_file = name.eq_ignore_ascii_case("index.xml") || name.eq_ignore_ascii_case("index-md5.txt");
        if !file.rel.contains('/') && !index_file {
            hits.push(Hit::fail("root-files", &file.rel, ""));
        }
        let covering_read = if file.rel.starts_with(&m1) { regional_read } else { index_read };
        if covering_read
            && matches!(top, "m1" | "m2" | "m3" | "m4" | "m5")
            && !referenced.contains(file.rel.as_str())
            && misnamed_regional.as_deref() != Some(file.rel.as_str())
        {
            hits.push(Hit::fail("unreferenced", &file.rel, ""));
        }
        let ext = split_ext(name).1.unwrap_or_default().to_ascii_lowercase();
        hits.extend(size(seq.region, &file.rel, file.size, &ext));
        if !matches!(ext.as_str(), "pdf" | "xml" | "xpt" | "txt" | "xsl" | "xsd" | "dtd" | "mod") {
            hits.push(Hit::fail("file-extension", &file.rel, format!(".{ext}")));
        }
    }
    if seq.region == Region::Eu {
        hits.extend(tracking_table(seq));
    }
    for entry in seq.tree.files.iter().chain(&seq.tree.dirs).filter(|e| !e.rel.contains('/')) {
        let index_file = entry.rel.eq_ignore_ascii_case("index.xml") || entry.rel.eq_ignore_ascii_case("index-md5.txt");
        if !index_file && !matches!(entry.rel.as_str(), "m1" | "m2" | "m3" | "m4" | "m5" | "util") {
            hits.push(Hit::fail("root-entries", &entry.rel, ""));
        }
    }
    hits
}

/// Lower-case stem of the region's characters, one lower-case alphanumeric extension.
fn legal_file_name(rules: &NamingRules, name: &str) -> bool {
    let (stem, ext) = split_ext(name);
    !stem.is_empty()
        && stem.chars().all(|c| rules.is_legal_char(c))
        && ext.is_none_or(|e| !e.is_empty() && e.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()))
}

fn size(region: Region, rel: &str, bytes: u64, ext: &str) -> Option<Hit> {
    // EU VC 15.BP1 / BP6: 500 MB, video 1 GB. NMPA group 2: 200 MB, SAS XPT 4 GB.
    let limit = match (region, ext) {
        (Region::Eu, "mp4" | "avi" | "mov" | "wmv" | "mpg" | "mpeg") => 1024 * MB,
        (Region::Eu, _) => 500 * MB,
        (Region::Cn, "xpt") => 4096 * MB,
        (Region::Cn, _) => 200 * MB,
        (Region::Us, _) => return None,
    };
    (bytes > limit).then(|| Hit::fail("file-size", rel, format!("{} MB, limit {} MB", bytes / MB, limit / MB)))
}

/// Every file of this sequence a backbone leaf points to, plus the regional backbone itself.
fn referenced(seq: &Sequence) -> HashSet<String> {
    let mut out = HashSet::new();
    for b in seq.backbones() {
        out.insert(b.rel.clone());
        for leaf in &b.leaves {
            // A backslash href is reported by its own rule; the file it means is referenced.
            let href = leaf.href.as_deref().map(|h| h.replace('\\', "/"));
            if let Some(target) = href.as_deref().and_then(|h| read::resolve(b.base(), h)) {
                match target.strip_prefix('@').and_then(|t| t.split_once('/')) {
                    Some((s, rest)) if s == seq.name => out.insert(rest.to_owned()),
                    Some(_) => false,
                    None => out.insert(target),
                };
            }
        }
    }
    out
}

/// EU VC 15.11 / 15.12: `m1/eu/10-cover/<cc>/<cc>-tracking[-<var>].pdf` in every sequence,
/// except EDQM submissions (EU M1 IG v3.1.1, section 1.0). A file whose name mentions "tracking"
/// in a country folder of 1.0 is taken as the tracking table.
fn tracking_table(seq: &Sequence) -> Vec<Hit> {
    if seq.regional.as_ref().is_none_or(super::envelope::eu_is_edqm) {
        return Vec::new();
    }
    let mut found = false;
    let mut hits = Vec::new();
    for f in &seq.tree.files {
        let Some(rest) = f.rel.strip_prefix("m1/eu/10-cover/") else { continue };
        let Some((country, name)) = rest.split_once('/') else { continue };
        // A correctly named cover letter (`cc-cover[-var]`) is a cover letter, whatever its
        // variable part says (`ema-cover-trackingtableinitialmaa.pdf` in a public EU M1 2.0 dossier).
        if name.contains('/') || !name.to_ascii_lowercase().contains("tracking") || m1_name(name, country, "cover", "pdf") {
            continue;
        }
        found = true;
        if !m1_name(name, country, "tracking", "pdf") {
            hits.push(Hit::fail("tracking-name", &f.rel, format!("expected {country}-tracking.pdf or {country}-tracking-<var>.pdf")));
        }
    }
    if !found {
        hits.push(Hit::fail("tracking-present", "m1/eu/10-cover", ""));
    }
    hits
}

/// An EU M1 file name of the form `CC-FIXED-VAR.EXT` (EU M1 IG v3.1.1, "File Naming
/// Convention"): the country code `cc`, the fixed component, and "an additional optional
/// variable component" — `-var` in the IG's patterns stands for that component, not for the
/// letters "var". `ema-tracking.pdf` and `ema-tracking-rsi.pdf` both match `ema`/`tracking`.
pub(crate) fn m1_name(name: &str, cc: &str, fixed: &str, ext: &str) -> bool {
    let Some(stem) = name.strip_suffix(ext).and_then(|s| s.strip_suffix('.')) else { return false };
    let Some(rest) = stem.strip_prefix(cc).and_then(|s| s.strip_prefix('-')).and_then(|s| s.strip_prefix(fixed)) else { return false };
    match rest.strip_prefix('-') {
        None => rest.is_empty(),
        // Hyphens may separate words of the variable part; it may not be empty.
        Some(var) => !var.is_empty() && !var.starts_with('-') && !var.ends_with('-'),
    }
}

fn last(rel: &str) -> &str {
    rel.rsplit('/').next().unwrap_or(rel)
}
