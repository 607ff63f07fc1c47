//! Util files, backbones and envelopes: EU VC 1.x–9.x, 13.3, 14.6–14.8; FDA 2, 2001; NMPA
//! groups 2–4.
//!
//! Backbones are validated against our embedded official DTD/XSD copies, parsed from memory
//! (`dtd.rs`), with one exception: EU VC 9.4 is validity "with respect to the EU Module 1 DTD
//! file included in the util/dtd folder", so eu-regional.xml is validated against the
//! sequence's own `util/dtd/eu-regional.dtd` and its `.mod` files (an older EU M1 version is
//! 3.3's finding, not 9.4's), and against the embedded official DTD only when the sequence's
//! cannot be loaded. The sequence's files are read only as regular files inside it, with a cap
//! ([`crate::regular`]): a util DTD that links to `/dev/zero` is reported, not read; libxml2
//! opens nothing (what a DTD includes is served from the bytes read here).

use super::engine::{Hit, History, Sequence, Status};
use super::read::Backbone;
use crate::{Region, util};

pub fn check(seq: &Sequence, history: &History) -> Vec<Hit> {
    let mut hits = util_files(seq);
    match &seq.index {
        None => {
            let misnamed = seq.tree.files.iter().find(|f| !f.rel.contains('/') && f.rel.eq_ignore_ascii_case("index.xml"));
            match misnamed {
                Some(f) => hits.push(Hit::fail("index-name", &f.rel, "")),
                None => hits.push(Hit::fail("index-present", "index.xml", "")),
            }
        }
        Some(index) => {
            hits.extend(xml(index, "index", seq, Some(util::ICH_DTD.bytes.to_vec()), "util/dtd/ich-ectd-3-2.dtd", "util/style/ectd-2-0.xsl"));
            match crate::regular::read(&seq.folder, "index-md5.txt", 4 << 10).map(|b| String::from_utf8_lossy(&b).into_owned()) {
                Ok(text) if text.trim().eq_ignore_ascii_case(&util::md5_hex(&index.bytes)) => {}
                Ok(_) => hits.push(Hit::fail("index-md5", "index-md5.txt", "")),
                Err(_) => {
                    let misnamed = seq.tree.files.iter().find(|f| !f.rel.contains('/') && f.rel.eq_ignore_ascii_case("index-md5.txt"));
                    hits.push(match misnamed {
                        Some(f) => Hit::fail("md5-file-name", &f.rel, ""),
                        None => Hit::fail("md5-file-present", "index-md5.txt", ""),
                    });
                }
            }
        }
    }
    let r = seq.region.code();
    match &seq.regional {
        None => {
            let misnamed = misnamed_regional(seq);
            if let Some(f) = &misnamed {
                hits.push(Hit::fail("regional-name", f, ""));
            }
            // EU VC 9.2 reports a misnamed file; elsewhere the backbone is simply missing.
            if misnamed.is_none() || seq.region != Region::Eu {
                hits.push(Hit::fail("regional-present", format!("m1/{r}/{r}-regional.xml"), ""));
            }
        }
        Some(regional) => {
            let (schema, doctype, style) = match seq.region {
                Region::Eu => (super::embedded("util/dtd/eu-regional.dtd").map(<[u8]>::to_vec), "../../util/dtd/eu-regional.dtd", "../../util/style/eu-regional.xsl"),
                Region::Cn => (super::embedded("util/dtd/cn-regional-1-0.xsd").map(<[u8]>::to_vec), "", ""),
                Region::Us => (us_dtd(seq), "../../util/dtd/us-regional-v3-3.dtd", ""),
            };
            hits.extend(xml(regional, "regional", seq, schema, doctype, style));
            hits.extend(envelope(seq, regional, history));
        }
    }
    hits
}

/// A file in `m1/<region>/` that looks like the regional backbone under another name.
pub fn misnamed_regional(seq: &Sequence) -> Option<String> {
    let dir = format!("m1/{}/", seq.region.code());
    seq.tree
        .files
        .iter()
        .filter_map(|f| f.rel.strip_prefix(&dir).filter(|name| !name.contains('/')).map(|name| (f, name.to_ascii_lowercase())))
        .find(|(_, name)| name.ends_with(".xml") && name.contains("regional"))
        .map(|(f, _)| f.rel.clone())
}

/// EU VC x.1–x.3, NMPA util set, FDA (ours): each official util file present where it belongs
/// and byte-exact.
fn util_files(seq: &Sequence) -> Vec<Hit> {
    let mut expected = util::util_files(seq.region);
    if seq.region == Region::Us && std::fs::symlink_metadata(seq.folder.join(util::US_DTD_PATH)).is_ok() {
        expected.push(util::UtilFile { path: util::US_DTD_PATH, bytes: &[], md5: util::US_DTD_MD5 });
    }
    let mut hits = Vec::new();
    for f in expected {
        match crate::regular::read(&seq.folder, f.path, super::UTIL_CAP) {
            Ok(bytes) if util::md5_hex(&bytes) == f.md5 => {}
            Ok(bytes) => {
                let detail = format!("MD5 {} instead of {}", util::md5_hex(&bytes), f.md5);
                hits.push(Hit::fail("util-md5", f.path, detail).about(f.path));
            }
            // A link, FIFO or device where the util file belongs is not the official file (and
            // is also reported as such, by `file-special`).
            Err(why @ (crate::regular::Refused::Link { .. } | crate::regular::Refused::Special { .. } | crate::regular::Refused::TooLarge { .. })) => {
                hits.push(Hit::fail("util-md5", f.path, why.describe()).about(f.path));
            }
            Err(_) => {
                let name = f.path.rsplit('/').next().unwrap_or(f.path);
                let elsewhere = seq.tree.files.iter().find(|e| e.rel.rsplit('/').next() == Some(name));
                hits.push(match elsewhere {
                    Some(e) => Hit::fail("util-folder", &e.rel, format!("expected at {}", f.path)).about(f.path),
                    None => Hit::fail("util-name", f.path, "").about(f.path),
                });
                if seq.region != Region::Eu {
                    hits.push(Hit::fail("util-md5", f.path, "missing").about(f.path));
                }
            }
        }
    }
    hits
}

/// Well-formed, no entities, valid, DOCTYPE and stylesheet into `util/`.
fn xml(b: &Backbone, kind: &str, seq: &Sequence, schema: Option<Vec<u8>>, doctype: &str, style: &str) -> Vec<Hit> {
    let check = |name: &'static str| -> &'static str {
        match (kind, name) {
            ("index", "well-formed") => "index-well-formed",
            ("index", "valid") => "index-valid",
            ("index", "doctype") => "index-doctype",
            ("index", _) => "index-stylesheet",
            (_, "well-formed") => "regional-well-formed",
            (_, "valid") => "regional-valid",
            (_, "doctype") => "regional-doctype",
            _ => "regional-stylesheet",
        }
    };
    let mut hits = Vec::new();
    if let Some(e) = &b.parse_error {
        hits.push(Hit::fail(check("well-formed"), &b.rel, e.clone()));
        return hits;
    }
    if b.declares_entities {
        hits.push(Hit::fail("xml-entities", &b.rel, ""));
        return hits;
    }
    match schema {
        Some(schema) => {
            let result = match (seq.region, kind) {
                (Region::Cn, "regional") => super::against_xsd(&b.bytes, &schema),
                (Region::Eu, "regional") => against_own_dtd(seq, &b.bytes, EU_DTD, &schema),
                _ => super::against_dtd(&b.bytes, &schema),
            };
            if let Err(errs) = result {
                let mut detail: Vec<String> = errs.into_iter().take(5).collect();
                detail.dedup();
                hits.push(Hit::fail(check("valid"), &b.rel, detail.join("; ")));
            }
        }
        None => hits.push(Hit::unverifiable(
            check("valid"),
            &b.rel,
            "the FDA DTD us-regional-v3-3.dtd is not in util/dtd with its official MD5; add it (dossier util add) to validate",
        )),
    }
    if !doctype.is_empty() && b.doctype_system.as_deref() != Some(doctype) {
        hits.push(Hit::fail(check("doctype"), &b.rel, format!("found {:?}", b.doctype_system.as_deref().unwrap_or("none"))));
    }
    if !style.is_empty() && b.stylesheet.as_deref() != Some(style) {
        hits.push(Hit::fail(check("stylesheet"), &b.rel, format!("found {:?}", b.stylesheet.as_deref().unwrap_or("none"))));
    }
    let _ = seq;
    hits
}

fn envelope(seq: &Sequence, b: &Backbone, history: &History) -> Vec<Hit> {
    let mut hits = Vec::new();
    if b.parse_error.is_some() || b.declares_entities {
        return hits;
    }
    let number_tag = if seq.region == Region::Eu { "sequence" } else { "sequence-number" };
    // A folder that is not a sequence number is reported by 13.1; comparing would repeat it.
    let numbered = super::structure::is_sequence_name(&seq.name);
    for n in b.envelope_values(number_tag).filter(|_| numbered) {
        if n != seq.name {
            hits.push(Hit::fail("sequence-envelope", &b.rel, format!("envelope says {n}, folder is {}", seq.name)));
        }
    }
    match seq.region {
        Region::Eu => {
            let uuids: Vec<&str> = b.envelope_values("identifier").collect();
            for u in &uuids {
                if !is_uuid(u) {
                    hits.push(Hit::fail("uuid-format", &b.rel, format!("{u:?}")));
                }
            }
            if uuids.windows(2).any(|w| w[0] != w[1]) {
                hits.push(Hit::fail("uuid-envelopes", &b.rel, ""));
            }
            if let Some(u) = uuids.first() {
                match &history.uuid {
                    Some((prev, old)) if old != u => hits.push(Hit::fail("uuid-constant", &b.rel, format!("{prev} has {old}"))),
                    None if seq.name != "0000" => {
                        hits.push(Hit::not_evaluated("uuid-constant", &b.rel, "the preceding sequence is not available"));
                    }
                    _ => {}
                }
            }
            let unit = attr_value(b, "submission-unit", "type");
            let related: Vec<&str> = b.envelope_values("related-sequence").collect();
            if let Some(unit) = unit {
                let own_unit = matches!(unit.as_str(), "initial" | "reformat");
                for r in related.iter().filter(|_| numbered) {
                    if own_unit && *r != seq.name {
                        hits.push(Hit::fail("related-initial", &b.rel, format!("{unit} relates to {r}")));
                    }
                    if !own_unit && *r == seq.name {
                        hits.push(Hit::fail("related-other", &b.rel, format!("{unit} relates to itself")));
                    }
                }
                let maa = attr_value(b, "submission", "type").is_some_and(|t| t == "maa");
                if maa && unit == "initial" && b.envelope_values("inn").all(str::is_empty) {
                    hits.push(Hit::fail("inn-required", &b.rel, ""));
                }
            }
            hits.extend(super::envelope::eu(b));
        }
        Region::Cn => {
            hits.extend(super::envelope::cn(b));
            for n in b.envelope_values("product-number") {
                if n.len() != 10 || !n.bytes().all(|c| c.is_ascii_digit()) {
                    hits.push(Hit::fail("product-number", &b.rel, format!("{n:?}")));
                }
            }
        }
        Region::Us => {
            let version = b.root_attributes.get("dtd-version").map(String::as_str).unwrap_or_default();
            if !matches!(version, "3.3" | "2.01") {
                hits.push(Hit::fail("regional-dtd-version", &b.rel, format!("dtd-version {version:?}")));
            }
        }
    }
    hits.retain(|h| h.status != Status::Pass);
    hits
}

/// An attribute of the first element named `element` in the backbone (envelope attributes).
fn attr_value(b: &Backbone, element: &str, attr: &str) -> Option<String> {
    let text = String::from_utf8_lossy(&b.bytes);
    let opts = roxmltree::ParsingOptions { allow_dtd: true, ..Default::default() };
    let doc = roxmltree::Document::parse_with_options(&text, opts).ok()?;
    let node = doc.descendants().find(|n| n.tag_name().name() == element)?;
    node.attribute(attr).map(str::to_owned)
}

/// ITU-T X.667: 8-4-4-4-12 hexadecimal digits.
fn is_uuid(s: &str) -> bool {
    let groups: Vec<&str> = s.split('-').collect();
    groups.len() == 5
        && groups.iter().zip([8, 4, 4, 4, 12]).all(|(g, n)| g.len() == n && g.bytes().all(|b| b.is_ascii_hexdigit()))
}

const EU_DTD: &str = "util/dtd/eu-regional.dtd";

/// Files of `util/dtd/` read as what a sequence's own DTD may include (the EU DTD names two).
const MAX_DTD_FILES: usize = 32;

/// Validates `xml` against the sequence's own DTD at `rel`, what it includes served from the
/// sequence's `util/dtd/` folder; against `official` when the sequence has no such DTD or it
/// cannot be loaded from that folder (a missing `.mod` is 4.1/5.1's finding).
fn against_own_dtd(seq: &Sequence, xml: &[u8], rel: &str, official: &[u8]) -> Result<(), Vec<String>> {
    let doc = super::parse(xml).map_err(|e| vec![e])?;
    if let Ok(own) = crate::regular::read(&seq.folder, rel, super::UTIL_CAP) {
        let dir = rel.rsplit_once('/').map_or("", |(d, _)| d);
        let includes: Vec<(String, Vec<u8>)> = seq
            .tree
            .files
            .iter()
            .filter_map(|f| f.rel.strip_prefix(dir).and_then(|r| r.strip_prefix('/')).filter(|n| !n.contains('/')).map(|n| (n, &f.rel)))
            .filter(|(name, _)| name.ends_with(".mod") || name.ends_with(".dtd") || name.ends_with(".ent"))
            .take(MAX_DTD_FILES)
            .filter_map(|(name, path)| crate::regular::read(&seq.folder, path, super::UTIL_CAP).ok().map(|bytes| (name.to_owned(), bytes)))
            .collect();
        if let Some(result) = super::dtd::validate_with(&doc, &own, includes) {
            return result;
        }
    }
    super::dtd::validate(&doc, official)
}

/// The FDA DTD is not ours to ship: the sequence's copy is used when it is the official file.
fn us_dtd(seq: &Sequence) -> Option<Vec<u8>> {
    let bytes = crate::regular::read(&seq.folder, util::US_DTD_PATH, super::UTIL_CAP).ok()?;
    (util::md5_hex(&bytes) == util::US_DTD_MD5).then_some(bytes)
}
