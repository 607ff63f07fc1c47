//! PDF rules on every PDF of a sequence: EU VC 16.1–16.5, 16.7, 16.BP1, 16.BP2, 16.BP5,
//! 16.BP6, 16.BP7–16.BP10; NMPA group 6; our font rule. Read with lopdf, in memory, up to
//! [`crate::pdf::DEEP_INSPECTION_LIMIT`]; a larger file is reported unverifiable.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::engine::{Hit, Sequence};
use super::read;
use crate::Region;
use crate::pdf::{contains, header_version};

/// Where a PDF is filed, for the EU exemptions (16.3, 16.4, 16.BP5, 16.7).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// 1.0 cover letter or 1.2 application form: limited security allowed (16.4), no Fast Web
    /// View needed (16.BP5).
    CoverOrForm { form: bool },
    /// 3.3, 4.3, 5.4 literature references: security settings allowed (16.3).
    Literature,
    Other,
}

/// The place of each leaf file, from the CTD element its leaf sits under; a file no leaf
/// points to is placed by its folder.
fn places(seq: &Sequence) -> HashMap<String, Place> {
    let mut out = HashMap::new();
    for b in seq.backbones() {
        for leaf in &b.leaves {
            let Some(rel) = leaf.href.as_deref().and_then(|h| read::resolve(b.base(), h)) else { continue };
            out.insert(rel, place_of_section(&leaf.section));
        }
    }
    out
}

fn place_of_section(section: &str) -> Place {
    if section.contains("m1-0-cover") {
        Place::CoverOrForm { form: false }
    } else if section.contains("m1-2-form") {
        Place::CoverOrForm { form: true }
    } else if ["m3-3-literature-references", "m4-3-literature-references", "m5-4-literature-references"].iter().any(|s| section.contains(s)) {
        Place::Literature
    } else {
        Place::Other
    }
}

fn place_of_folder(rel: &str) -> Place {
    let has = |f: &str| rel.split('/').any(|s| s == f);
    if rel.starts_with("m1/eu/10-cover/") {
        Place::CoverOrForm { form: false }
    } else if rel.starts_with("m1/eu/12-form/") {
        Place::CoverOrForm { form: true }
    } else if has("33-lit-ref") || has("43-lit-ref") || has("54-lit-ref") {
        Place::Literature
    } else {
        Place::Other
    }
}

pub fn check(seq: &Sequence) -> Vec<Hit> {
    let places = places(seq);
    seq.tree
        .files
        .iter()
        .filter(|f| f.rel.to_ascii_lowercase().ends_with(".pdf") && f.special.is_none())
        .flat_map(|f| {
            if f.size > crate::pdf::DEEP_INSPECTION_LIMIT {
                return vec![Hit::unverifiable("pdf-unverifiable", &f.rel, format!("{} MB", f.size >> 20))];
            }
            let place = places.get(&f.rel).copied().unwrap_or_else(|| place_of_folder(&f.rel));
            match crate::regular::read(&seq.folder, &f.rel, crate::pdf::DEEP_INSPECTION_LIMIT) {
                Ok(bytes) => pdf(&bytes, &f.rel, &seq.folder, seq.region, place),
                Err(why) => vec![Hit::unverifiable("pdf-unverifiable", &f.rel, why.describe())],
            }
        })
        .collect()
}

/// The PDF rules on one file of a folder that is no eCTD sequence (a Hong Kong bundle): read
/// under the same cap; a file too large or unreadable is unverifiable, never passed. The
/// region only picks the EU's exemptions or everyone else's rules; Hong Kong's own rules read
/// the password and parse checks, which come first and alone.
pub fn outside_ectd(folder: &Path, rel: &str) -> Vec<Hit> {
    match crate::regular::read(folder, rel, crate::pdf::DEEP_INSPECTION_LIMIT) {
        Ok(bytes) => pdf(&bytes, rel, folder, Region::Us, Place::Other),
        Err(why) => vec![Hit::unverifiable("pdf-unverifiable", rel, why.describe())],
    }
}

/// Checks one PDF's bytes; `rel` is its path in the sequence (for link targets).
pub fn pdf(bytes: &[u8], rel: &str, folder: &Path, region: Region, place: Place) -> Vec<Hit> {
    let head = &bytes[..bytes.len().min(1024)];
    let Some(header) = header_version(head) else {
        return vec![Hit::fail("pdf-corrupt", rel, "no %PDF- header")];
    };
    let mut hits = Vec::new();
    let doc = match Document::load_mem(bytes) {
        Ok(doc) if doc.is_encrypted() => return vec![Hit::fail("pdf-open-password", rel, "")],
        Ok(doc) => doc,
        Err(e) => {
            let text = e.to_string().to_ascii_lowercase();
            let encrypted = text.contains("crypt") || text.contains("password") || contains(bytes, b"/Encrypt");
            return vec![if encrypted { Hit::fail("pdf-open-password", rel, "") } else { Hit::fail("pdf-corrupt", rel, e.to_string()) }];
        }
    };
    // A catalogue or page tree that loops, nests without end or miscounts (EU VC 16.5: no
    // corrupted files): the other rules would only read it wrongly.
    if let Err(problem) = crate::pdf::page_tree(&doc) {
        return vec![Hit::fail("pdf-corrupt", rel, problem)];
    }
    if doc.was_encrypted() {
        hits.extend(security(bytes, rel, region, place));
    }
    let catalog_version = doc.catalog().ok().and_then(|c| c.get(b"Version").ok()).and_then(|v| v.as_name().ok()).map(|n| String::from_utf8_lossy(n).into_owned());
    // ISO 32000-1 §7.7.2: the catalogue's /Version wins when it is later than the header.
    let version = match &catalog_version {
        Some(c) if version_number(c) > version_number(&header) => c.clone(),
        _ => header,
    };
    let v = version_number(&version);
    if v <= 13 {
        hits.push(Hit::fail("pdf-version", rel, format!("PDF {version}")));
    } else if v > 17 {
        let check = if region == Region::Eu { "pdf-version-recommended" } else { "pdf-version" };
        hits.push(Hit::fail(check, rel, format!("PDF {version}")));
    }
    let fonts = unembedded_fonts(&doc);
    if !fonts.is_empty() {
        hits.push(Hit::fail("pdf-fonts", rel, fonts.join(", ")));
    }
    if has_javascript(&doc) {
        hits.push(Hit::fail("pdf-javascript", rel, ""));
    }
    hits.extend(links(&doc, rel, folder));
    if region == Region::Eu {
        hits.extend(best_practice(&doc, bytes, rel, place));
    }
    hits
}

/// 16.3 (no restrictions, except in 1.0, 1.2, 3.3, 4.3, 5.4) and 16.4 (1.0 and 1.2 may restrict
/// only changing, assembly, page extraction, commenting and template pages). Elsewhere than
/// the EU, any restriction fails the region's rule.
fn security(bytes: &[u8], rel: &str, region: Region, place: Place) -> Vec<Hit> {
    let restricted = || Hit::fail("pdf-security", rel, "encrypted with restrictions (no open password)");
    if region != Region::Eu {
        return vec![restricted()];
    }
    match place {
        Place::Other => vec![restricted()],
        Place::Literature => Vec::new(),
        Place::CoverOrForm { .. } => {
            // ISO 32000-1 Table 22 bits: 3 print, 9 fill forms, 10 accessibility, 12 print
            // high quality must stay allowed. Bit 5 (copy) is what Acrobat shows as page
            // extraction, which 16.4 lets the eAF restrict; 4, 6 and 11 are allowed too.
            const MUST_ALLOW: [(u32, &str); 4] = [(3, "printing"), (9, "form filling"), (10, "copying for accessibility"), (12, "high-quality printing")];
            match permissions(bytes) {
                Some(p) => {
                    let denied: Vec<&str> = MUST_ALLOW.iter().filter(|(bit, _)| p & (1 << (bit - 1)) == 0).map(|(_, what)| *what).collect();
                    if denied.is_empty() { Vec::new() } else { vec![Hit::fail("pdf-security-form", rel, format!("restricts {}", denied.join(", ")))] }
                }
                None => vec![Hit::unverifiable("pdf-security-form", rel, "the permissions (/P) could not be read")],
            }
        }
    }
}

/// The `/P` value of the standard security handler's dictionary, read from the raw bytes (the
/// encryption dictionary is never in an object stream, ISO 32000-1 §7.5.8.2).
fn permissions(bytes: &[u8]) -> Option<u32> {
    let at = find(bytes, b"/Standard")?;
    let window = &bytes[at.saturating_sub(4096)..(at + 4096).min(bytes.len())];
    let mut i = 0;
    while let Some(p) = find(&window[i..], b"/P") {
        let start = i + p + 2;
        let rest = &window[start..];
        let skip = rest.iter().take_while(|b| b.is_ascii_whitespace()).count();
        let digits: Vec<u8> = rest[skip..].iter().copied().take_while(|b| *b == b'-' || b.is_ascii_digit()).collect();
        if !digits.is_empty() && (skip > 0 || digits[0] == b'-' || digits[0].is_ascii_digit()) {
            return std::str::from_utf8(&digits).ok()?.parse::<i64>().ok().map(|v| v as u32);
        }
        i = start;
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// EU best practice: Fast Web View (16.BP5, not for 1.0/1.2), initial view Default/Default
/// (16.BP6), bookmarks pane open exactly when there are bookmarks (16.BP8/BP9), and no
/// attachments in an interactive eAF (16.7, a P/F criterion checked here with the form place).
fn best_practice(doc: &Document, bytes: &[u8], rel: &str, place: Place) -> Vec<Hit> {
    let mut hits = Vec::new();
    let Ok(catalog) = doc.catalog() else { return hits };
    if !matches!(place, Place::CoverOrForm { .. }) && !linearized(doc, bytes) {
        hits.push(Hit::fail("pdf-fast-web-view", rel, ""));
    }
    if let Some(layout) = name_of(catalog, b"PageLayout") {
        hits.push(Hit::fail("pdf-initial-view", rel, format!("page layout {layout}")));
    }
    if let Ok(open) = catalog.get(b"OpenAction") {
        let dest = match deref(doc, open) {
            Object::Dictionary(a) => a.get(b"D").ok().map(|d| deref(doc, d)),
            other => Some(other),
        };
        if let Some(Ok(arr)) = dest.map(Object::as_array) {
            let kind = arr.get(1).and_then(|k| k.as_name().ok()).map(|n| String::from_utf8_lossy(n).into_owned()).unwrap_or_default();
            // Inherit zoom is /XYZ with a null (or 0) zoom; /Fit and friends set a magnification.
            let zoom_kept = kind == "XYZ" && arr.get(4).is_none_or(|z| matches!(z, Object::Null) || z.as_float().is_ok_and(|f| f == 0.0));
            if !zoom_kept {
                hits.push(Hit::fail("pdf-initial-view", rel, format!("opens with magnification /{kind}")));
            }
        }
    }
    let bookmarks = catalog
        .get(b"Outlines")
        .ok()
        .and_then(|o| dict(doc, o))
        .is_some_and(|o| o.has(b"First"));
    let pane = name_of(catalog, b"PageMode").as_deref() == Some("UseOutlines");
    if bookmarks && !pane {
        hits.push(Hit::fail("pdf-bookmarks-pane", rel, ""));
    }
    if !bookmarks && pane {
        hits.push(Hit::fail("pdf-no-bookmarks-pane", rel, ""));
    }
    if place == (Place::CoverOrForm { form: true }) && catalog.has(b"AcroForm") {
        let embedded = catalog.get(b"Names").ok().and_then(|n| dict(doc, n)).is_some_and(|n| n.has(b"EmbeddedFiles"));
        let annotated = doc.objects.values().any(|o| o.as_dict().is_ok_and(|d| name_of(d, b"Subtype").as_deref() == Some("FileAttachment")));
        if embedded || annotated {
            hits.push(Hit::fail("pdf-eaf-attachments", rel, ""));
        }
    }
    hits
}

/// Linearised ("Fast Web View"): the first object is the linearization dictionary and its
/// /L is the file's length (an incremental update after saving breaks it).
fn linearized(doc: &Document, bytes: &[u8]) -> bool {
    if find(&bytes[..bytes.len().min(1024)], b"/Linearized").is_none() {
        return false;
    }
    doc.objects.values().filter_map(|o| o.as_dict().ok()).find(|d| d.has(b"Linearized")).is_some_and(|d| {
        d.get(b"L").ok().and_then(|l| l.as_i64().ok()).is_some_and(|l| l == bytes.len() as i64)
    })
}

fn version_number(v: &str) -> u32 {
    let (major, minor) = v.split_once('.').unwrap_or((v, "0"));
    major.parse::<u32>().unwrap_or(0) * 10 + minor.chars().next().and_then(|c| c.to_digit(10)).unwrap_or(0)
}

fn deref<'a>(doc: &'a Document, obj: &'a Object) -> &'a Object {
    match obj {
        Object::Reference(id) => doc.get_object(*id).unwrap_or(obj),
        _ => obj,
    }
}

fn dict<'a>(doc: &'a Document, obj: &'a Object) -> Option<&'a Dictionary> {
    deref(doc, obj).as_dict().ok()
}

fn name_of(d: &Dictionary, key: &[u8]) -> Option<String> {
    d.get(key).ok().and_then(|v| v.as_name().ok()).map(|n| String::from_utf8_lossy(n).into_owned())
}

/// Simple and CID fonts with no FontFile / FontFile2 / FontFile3 in their descriptor (Type 0
/// fonts are judged by their descendants, Type 3 fonts are drawn by content streams).
pub(crate) fn unembedded_fonts(doc: &Document) -> Vec<String> {
    let mut out = Vec::new();
    for d in all_dicts(doc) {
        if name_of(d, b"Type").as_deref() != Some("Font") {
            continue;
        }
        if matches!(name_of(d, b"Subtype").as_deref(), Some("Type0" | "Type3")) {
            continue;
        }
        let embedded = d
            .get(b"FontDescriptor")
            .ok()
            .and_then(|fd| dict(doc, fd))
            .is_some_and(|fd| fd.has(b"FontFile") || fd.has(b"FontFile2") || fd.has(b"FontFile3"));
        if !embedded {
            let name = name_of(d, b"BaseFont").unwrap_or_else(|| "unnamed font".into());
            if !out.contains(&name) {
                out.push(name);
            }
        }
    }
    out
}

pub(crate) fn has_javascript(doc: &Document) -> bool {
    let in_names = doc
        .catalog()
        .ok()
        .and_then(|c| c.get(b"Names").ok())
        .and_then(|n| dict(doc, n))
        .is_some_and(|n| n.has(b"JavaScript"));
    in_names || all_dicts(doc).into_iter().any(|d| d.has(b"JS") || name_of(d, b"S").as_deref() == Some("JavaScript"))
}

/// Every dictionary of the file, including those written inline inside other objects (an
/// action inside a link annotation, a font inside a resource dictionary).
fn all_dicts(doc: &Document) -> Vec<&Dictionary> {
    fn visit<'a>(obj: &'a Object, out: &mut Vec<&'a Dictionary>) {
        match obj {
            Object::Dictionary(d) => {
                out.push(d);
                d.iter().for_each(|(_, v)| visit(v, out));
            }
            Object::Stream(s) => {
                out.push(&s.dict);
                s.dict.iter().for_each(|(_, v)| visit(v, out));
            }
            Object::Array(a) => a.iter().for_each(|v| visit(v, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    doc.objects.values().for_each(|o| visit(o, &mut out));
    out
}

/// Link annotations and outline items: explicit destinations must name a page of this file;
/// links to other files must be relative, use `/`, and (within the sequence) exist.
fn links(doc: &Document, rel: &str, folder: &Path) -> Vec<Hit> {
    let pages: HashSet<ObjectId> = doc.get_pages().values().copied().collect();
    let mut hits = Vec::new();
    let check_dest = |what: &str, dest: &Object, hits: &mut Vec<Hit>| {
        if let Ok(arr) = deref(doc, dest).as_array() {
            let ok = arr.first().and_then(|p| p.as_reference().ok()).is_some_and(|id| pages.contains(&id));
            if !ok {
                hits.push(Hit::fail("pdf-link-target", rel, format!("{what} points to a page that does not exist")));
            }
        }
    };
    let mut actions: Vec<(&str, &Dictionary)> = Vec::new();
    for d in all_dicts(doc) {
        let is_link = name_of(d, b"Subtype").as_deref() == Some("Link");
        let is_outline = d.has(b"Parent") && d.has(b"Title");
        if !(is_link || is_outline) {
            continue;
        }
        let what = if is_link { "a link" } else { "a bookmark" };
        if let Ok(dest) = d.get(b"Dest") {
            check_dest(what, dest, &mut hits);
        }
        if let Some(a) = d.get(b"A").ok().and_then(|a| dict(doc, a)) {
            actions.push((what, a));
        }
    }
    for (what, a) in actions {
        match name_of(a, b"S").as_deref() {
            Some("GoTo") => {
                if let Ok(dest) = a.get(b"D") {
                    check_dest(what, dest, &mut hits);
                }
            }
            Some("GoToR" | "Launch") => {
                let Some(file) = a.get(b"F").ok().and_then(|f| file_spec(doc, f)) else { continue };
                if file.contains('\\') || file.starts_with('/') || file.contains(':') {
                    hits.push(Hit::fail("pdf-link-relative", rel, format!("{what} to {file:?}")));
                    continue;
                }
                let base = rel.rsplit_once('/').map_or("", |(b, _)| b);
                if let Some(target) = super::read::resolve(base, &file)
                    && !target.starts_with('@')
                    && !folder.join(&target).is_file()
                {
                    hits.push(Hit::fail("pdf-link-target", rel, format!("{what} to {file:?}: no such file in the sequence")));
                }
            }
            _ => {}
        }
    }
    hits
}

fn file_spec(doc: &Document, f: &Object) -> Option<String> {
    let bytes = match deref(doc, f) {
        Object::String(s, _) => s.clone(),
        Object::Dictionary(d) => d.get(b"UF").or_else(|_| d.get(b"F")).ok()?.as_str().ok()?.to_vec(),
        _ => return None,
    };
    Some(String::from_utf8_lossy(&bytes).into_owned())
}
