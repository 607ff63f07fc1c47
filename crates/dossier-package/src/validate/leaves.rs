//! Leaves and their lifecycle: EU VC 10.1, 11.1–11.12, 12.1; FDA 1034; NMPA group 3.
//!
//! Lifecycle rules ("Y" in the EU criteria) read the earlier sequences' backbones from
//! [`History`]; when the sequence a reference points to is not on disk the rule is reported
//! "not evaluated", never passed.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io::Read;

use super::engine::{Hit, History, Sequence};
use super::read::{self, Backbone};


const OPERATIONS: [&str; 4] = ["new", "append", "replace", "delete"];

pub fn check(seq: &Sequence, history: &History) -> Vec<Hit> {
    let mut hits = Vec::new();
    let mut ids = HashSet::new();
    let superseded_now = superseded_in(seq);
    for b in seq.backbones() {
        // An ID is an XML ID: unique in its document. FDA's rule is ours and follows the DTD, so
        // index.xml and us-regional.xml may each use an ID once; EU VC 11.11 ("two leaf elements
        // should not have the same leaf ID") and NMPA ("leaf IDs unique") read the sequence.
        if seq.region == crate::Region::Us {
            ids.clear();
        }
        for heading in &b.empty_headings {
            hits.push(Hit::fail("empty-heading", &b.rel, heading.clone()));
        }
        for _ in 0..b.untitled_extensions {
            hits.push(Hit::fail("node-extension-title", &b.rel, ""));
        }
        for leaf in &b.leaves {
            let at = format!("{}#{}", b.rel, leaf.id);
            if !ids.insert(leaf.id.clone()) {
                hits.push(Hit::fail("leaf-id-unique", &b.rel, format!("ID {:?}", leaf.id)));
            }
            if leaf.id.starts_with(|c: char| c.is_ascii_digit()) {
                hits.push(Hit::fail("leaf-id-digit", &b.rel, format!("ID {:?}", leaf.id)));
            }
            if leaf.title.is_empty() {
                hits.push(Hit::fail("leaf-title", &at, ""));
            }
            let op = leaf.operation.as_str();
            if !OPERATIONS.contains(&op) {
                hits.push(Hit::fail("leaf-operation", &at, format!("operation {op:?}")));
                continue;
            }
            if seq.name == "0000" && op != "new" {
                hits.push(Hit::fail("first-sequence-new", &at, format!("operation {op}")));
                // NMPA's rule says it all: nothing in a first sequence can modify anything.
                if seq.region == crate::Region::Cn {
                    continue;
                }
            }
            if leaf.checksum.is_some() && !leaf.checksum_type.as_deref().is_some_and(|t| t.eq_ignore_ascii_case("md5")) {
                hits.push(Hit::fail("checksum-type", &at, format!("{:?}", leaf.checksum_type.as_deref().unwrap_or(""))));
            }
            match (op, &leaf.href) {
                ("delete", Some(_)) => hits.push(Hit::fail("href-forbidden", &at, "")),
                ("delete", None) if leaf.checksum.is_some() && seq.region == crate::Region::Cn => {
                    hits.push(Hit::fail("href-forbidden", &at, "checksum on a delete leaf"));
                }
                ("delete", None) => {}
                (_, None) => hits.push(Hit::fail("href-required", &at, "")),
                (_, Some(href)) => hits.extend(target(seq, b, &at, href, leaf.checksum.as_deref())),
            }
            match (op, &leaf.modified_file) {
                ("new", Some(_)) => hits.push(Hit::fail("modified-forbidden", &at, "")),
                ("new", None) => {}
                (_, None) => hits.push(Hit::fail("modified-required", &at, "")),
                (_, Some(m)) => hits.extend(lifecycle(seq, b, leaf, &at, m, history, &superseded_now)),
            }
        }
    }
    hits
}

/// 11.6 (target exists), 11.2 (MD5), NMPA relative paths, and our containment rule.
fn target(seq: &Sequence, b: &Backbone, at: &str, href: &str, checksum: Option<&str>) -> Vec<Hit> {
    if href.contains('\\') || href.starts_with('/') || href.contains(':') {
        // Regions without a rule on the form of hrefs report it as leaving the folder
        // (`Catalogue::rules_for` falls back to `href-outside`).
        return vec![Hit::fail("href-relative", at, href.to_owned())];
    }
    let Some(resolved) = read::resolve(b.base(), href) else {
        return vec![Hit::fail("href-outside", at, href.to_owned())];
    };
    let (sequence, rel) = match resolved.strip_prefix('@').and_then(|r| r.split_once('/')) {
        Some((s, rel)) => (s.to_owned(), rel.to_owned()),
        None => (seq.name.clone(), resolved),
    };
    // The sequence's own folder may be a build's temp folder, not yet under its name.
    let folder = if sequence == seq.name { seq.folder.clone() } else { seq.folder.with_file_name(&sequence) };
    if sequence != seq.name && !folder.is_dir() {
        return vec![Hit::not_evaluated("href-target", at, format!("{href}: sequence {sequence} is not available"))];
    }
    if sequence == seq.name && seq.regional.is_none() && rel == regional_rel(seq) {
        return Vec::new(); // the missing regional backbone is its own rule (EU 9.1)
    }
    // Only a regular file reached without a link (a `m3` folder linking out of the sequence
    // counts as missing here, and is reported as a link by `file-special`).
    let opened = crate::regular::open(&folder, &rel, u64::MAX);
    let Ok((file, _)) = opened else {
        return vec![Hit::fail("href-target", if sequence == seq.name { rel.clone() } else { at.to_owned() }, href.to_owned())];
    };
    let known = seq.known_md5.get(&rel).cloned().map(Ok);
    match (sequence == seq.name, checksum) {
        (true, Some(expected)) => match known.unwrap_or_else(|| md5_file(file)) {
            Ok(actual) if actual.eq_ignore_ascii_case(expected) => Vec::new(),
            // One problem per wrong leaf: two leaves can point to one file with different checksums.
            Ok(actual) => vec![Hit::fail("leaf-md5", rel, format!("leaf {at}: file MD5 {actual}, leaf checksum {expected}"))],
            Err(e) => vec![Hit::unverifiable("leaf-md5", rel, e.to_string())],
        },
        _ => Vec::new(),
    }
}

fn regional_rel(seq: &Sequence) -> String {
    let r = seq.region.code();
    format!("m1/{r}/{r}-regional.xml")
}

/// A leaf as `modified-file` names it: `(sequence, backbone path, leaf id)`, when it points into
/// a sibling sequence.
type LeafKey = (String, String, String);

fn modified_key(b: &Backbone, modified: &str) -> Option<LeafKey> {
    let (file, id) = modified.split_once('#').unwrap_or((modified, ""));
    let resolved = read::resolve(b.base(), file)?;
    let (s, rel) = resolved.strip_prefix('@')?.split_once('/')?;
    Some((s.to_owned(), rel.to_owned(), id.to_owned()))
}

/// How many `replace`/`delete` leaves of this sequence name each earlier leaf.
fn superseded_in(seq: &Sequence) -> HashMap<LeafKey, usize> {
    let mut out = HashMap::new();
    for b in seq.backbones() {
        for leaf in b.leaves.iter().filter(|l| matches!(l.operation.as_str(), "replace" | "delete")) {
            if let Some(key) = leaf.modified_file.as_deref().and_then(|m| modified_key(b, m)) {
                *out.entry(key).or_insert(0) += 1;
            }
        }
    }
    out
}

/// 11.9–11.12: the leaf `modified-file` points to exists in an earlier sequence, in the same
/// section, and — for `replace`, `delete` and `append` alike (EU VC 8.2 11.12: "the modified
/// file must not have been replaced or deleted by any other leaf element in any sequence
/// including the current one") — was not replaced or deleted by another leaf, earlier or in
/// this sequence, in any order.
fn lifecycle(
    seq: &Sequence,
    b: &Backbone,
    leaf: &read::Leaf,
    at: &str,
    modified: &str,
    history: &History,
    superseded_now: &HashMap<LeafKey, usize>,
) -> Vec<Hit> {
    let (file, id) = modified.split_once('#').unwrap_or((modified, ""));
    let Some(resolved) = read::resolve(b.base(), file) else {
        return vec![Hit::fail("href-outside", at, modified.to_owned())];
    };
    let Some((sequence, rel)) = resolved.strip_prefix('@').and_then(|r| r.split_once('/')) else {
        return vec![Hit::fail("modified-target", at, format!("{modified} is not in an earlier sequence"))];
    };
    if sequence >= seq.name.as_str() {
        return vec![Hit::fail("modified-target", at, format!("{modified} is not in an earlier sequence"))];
    }
    if !history.known.contains(sequence) {
        return ["modified-target", "modified-section", "modified-once"]
            .into_iter()
            .map(|c| Hit::not_evaluated(c, at, format!("sequence {sequence} is not available")))
            .collect();
    }
    let key = (sequence.to_owned(), rel.to_owned(), id.to_owned());
    let Some((section, exempt)) = history.leaves.get(&key) else {
        return vec![Hit::fail("modified-target", at, format!("{modified}: no such leaf"))];
    };
    let mut hits = Vec::new();
    if !exempt && !leaf.exempt_section && *section != leaf.section {
        hits.push(Hit::fail("modified-section", at, format!("{modified} is in {section}")));
    }
    let itself = usize::from(matches!(leaf.operation.as_str(), "replace" | "delete"));
    let by_others_now = superseded_now.get(&key).copied().unwrap_or(0).saturating_sub(itself);
    if let Some(earlier) = history.superseded.get(&key) {
        hits.push(Hit::fail("modified-once", at, format!("{modified} was already replaced or deleted in {earlier}")));
    } else if by_others_now > 0 {
        hits.push(Hit::fail("modified-once", at, format!("{modified} is also replaced or deleted by another leaf of this sequence")));
    }
    hits
}

/// Adds a checked (or context) sequence's leaves to the history.
pub fn record(seq: &Sequence, history: &mut History) {
    history.known.insert(seq.name.clone());
    for b in seq.backbones() {
        for leaf in &b.leaves {
            let key = (seq.name.clone(), b.rel.clone(), leaf.id.clone());
            history.leaves.insert(key, (leaf.section.clone(), leaf.exempt_section));
            if !matches!(leaf.operation.as_str(), "replace" | "delete") {
                continue;
            }
            if let Some(key) = leaf.modified_file.as_deref().and_then(|m| modified_key(b, m)) {
                history.superseded.entry(key).or_insert_with(|| seq.name.clone());
            }
        }
    }
    if let Some(u) = seq.regional.as_ref().and_then(|r| r.envelope_values("identifier").next()) {
        history.uuid = Some((seq.name.clone(), u.to_owned()));
    }
}

fn md5_file(mut file: fs::File) -> std::io::Result<String> {
    use md5::{Digest, Md5};
    let mut hasher = Md5::new();
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(hex::encode(hasher.finalize()))
}
