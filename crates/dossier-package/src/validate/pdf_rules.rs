//! PDF rules on every PDF of a sequence: EU VC 16.1–16.3, 16.5, 16.BP1, 16.BP2, 16.BP7,
//! 16.BP10; NMPA group 6; our font rule. Read with lopdf, in memory, up to
//! [`crate::pdf::DEEP_INSPECTION_LIMIT`]; a larger file is reported unverifiable.

use std::collections::HashSet;
use std::path::Path;

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::engine::{Hit, Sequence};
use crate::Region;

pub fn check(seq: &Sequence) -> Vec<Hit> {
    seq.tree
        .files
        .iter()
        .filter(|f| f.rel.to_ascii_lowercase().ends_with(".pdf"))
        .flat_map(|f| {
            if f.size > crate::pdf::DEEP_INSPECTION_LIMIT {
                return vec![Hit::unverifiable("pdf-unverifiable", &f.rel, format!("{} MB", f.size >> 20))];
            }
            match std::fs::read(seq.folder.join(&f.rel)) {
                Ok(bytes) => pdf(&bytes, &f.rel, &seq.folder, seq.region),
                Err(e) => vec![Hit::unverifiable("pdf-unverifiable", &f.rel, e.to_string())],
            }
        })
        .collect()
}

/// Checks one PDF's bytes; `rel` is its path in the sequence (for link targets).
pub fn pdf(bytes: &[u8], rel: &str, folder: &Path, region: Region) -> Vec<Hit> {
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
    if doc.was_encrypted() {
        hits.push(Hit::fail("pdf-security", rel, "encrypted with restrictions (no open password)"));
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
    hits
}

fn version_number(v: &str) -> u32 {
    let (major, minor) = v.split_once('.').unwrap_or((v, "0"));
    major.parse::<u32>().unwrap_or(0) * 10 + minor.chars().next().and_then(|c| c.to_digit(10)).unwrap_or(0)
}

fn header_version(head: &[u8]) -> Option<String> {
    let at = head.windows(5).position(|w| w == b"%PDF-")?;
    let rest = &head[at + 5..];
    let end = rest.iter().position(|b| !(b.is_ascii_digit() || *b == b'.')).unwrap_or(rest.len());
    let version = std::str::from_utf8(&rest[..end]).ok()?;
    (version.len() >= 3).then(|| version.to_owned())
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
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
fn unembedded_fonts(doc: &Document) -> Vec<String> {
    let mut out = Vec::new();
    for obj in doc.objects.values() {
        let Ok(d) = obj.as_dict() else { continue };
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

fn has_javascript(doc: &Document) -> bool {
    let in_names = doc
        .catalog()
        .ok()
        .and_then(|c| c.get(b"Names").ok())
        .and_then(|n| dict(doc, n))
        .is_some_and(|n| n.has(b"JavaScript"));
    in_names
        || doc.objects.values().any(|o| o.as_dict().is_ok_and(|d| d.has(b"JS") || name_of(d, b"S").as_deref() == Some("JavaScript")))
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
    for obj in doc.objects.values() {
        let Ok(d) = obj.as_dict() else { continue };
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
