//! Reading existing eCTD v3.2.2 sequences (`dossier import-ectd`): which folders are
//! sequences, what each backbone says about its leaves (section, title, operation, checksum),
//! and a zip-slip-safe unzip.
//!
//! Input here is hostile until proven otherwise (a sequence from another tool, a zip from an
//! e-mail). So backbones are read with quick-xml, which has no DTD processing at all: no
//! external entity is ever fetched and no entity is ever expanded (an entity reference stays as
//! its literal `&name;` and is reported). An `href` may not leave the sequence folder (`../`,
//! absolute paths, drive letters, URLs, backslashes, symbolic links out of the folder): it is
//! reported and not followed. Nothing here stops on a broken sequence: every problem becomes a
//! finding, and what can be read is returned.

use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use dossier_model::{Finding, Severity};
use dossier_rules::CtdTree;
use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use serde::Serialize;

use crate::{Error, Region, Result};

/// Element names of the regional Module 1 headings, by region: `(region, element, code)`.
pub type RegionalElements = [(Region, String, String)];

/// One leaf of a backbone, as read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReadLeaf {
    pub sequence: String,
    /// The backbone file, from the sequence folder (`index.xml`, `m1/eu/eu-regional.xml`).
    pub backbone: String,
    pub id: String,
    pub operation: String,
    /// `href` resolved from the sequence folder, when it stays inside it.
    pub href: Option<String>,
    /// The file on disk, when the href is safe and names a regular file.
    #[serde(skip)]
    pub file: Option<PathBuf>,
    pub checksum: Option<String>,
    pub modified_file: Option<String>,
    pub title: String,
    /// ICH code (`3.2.P.5.1`) or regional code (`eu:1.3.1`) from the nearest heading we know.
    pub section: Option<String>,
    /// The heading element the leaf sits in (for messages).
    pub element: String,
    pub language: Option<String>,
    /// Attributes of the repeated headings the leaf sits under (`indication`, `substance`,
    /// `manufacturer`, `product-name`, `dosageform`, `excipient`), outermost first.
    pub heading_attributes: Vec<(String, String)>,
}

/// The attributes ICH puts on repeated headings to tell their instances apart.
const INSTANCE_ATTRIBUTES: [&str; 6] = ["substance", "manufacturer", "product-name", "dosageform", "indication", "excipient"];

/// One sequence folder, read.
#[derive(Debug, Clone, Serialize)]
pub struct ReadSequence {
    pub number: String,
    pub folder: PathBuf,
    pub region: Option<Region>,
    pub leaves: Vec<ReadLeaf>,
    /// What was wrong or refused, each naming the file.
    pub findings: Vec<Finding>,
}

/// The sequence folders at `path`: the folder itself when it holds `index.xml`, else its
/// four-digit subfolders that do, in number order.
pub fn find_sequences(path: &Path) -> Result<Vec<PathBuf>> {
    if path.join("index.xml").is_file() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut out = Vec::new();
    for e in fs::read_dir(path).map_err(|e| Error::io(path, e))? {
        let e = e.map_err(|e| Error::io(path, e))?;
        let name = e.file_name().to_string_lossy().into_owned();
        let is_dir = e.file_type().map_err(|err| Error::io(&e.path(), err))?.is_dir();
        if is_dir && name.len() == 4 && name.chars().all(|c| c.is_ascii_digit()) && e.path().join("index.xml").is_file() {
            out.push(e.path());
        }
    }
    out.sort();
    Ok(out)
}

/// The sequence folders under `root` as an import finds them: [`find_sequences`] at `root`, or
/// else in its only subfolder (a zip usually holds one top folder, the application or the
/// sequence).
pub fn locate_sequences(root: &Path) -> Result<Vec<PathBuf>> {
    let found = find_sequences(root)?;
    if !found.is_empty() {
        return Ok(found);
    }
    let mut dirs = Vec::new();
    for e in fs::read_dir(root).map_err(|e| Error::io(root, e))? {
        let path = e.map_err(|e| Error::io(root, e))?.path();
        if path.is_dir() {
            dirs.push(path);
        }
    }
    match &dirs[..] {
        [only] => find_sequences(only),
        _ => Ok(Vec::new()),
    }
}

/// Whether `path` holds an eCTD sequence for `dossier import-ectd` rather than loose documents:
/// a sequence folder, an application folder of `NNNN/` sequences (or a folder holding just
/// one such), or a `.zip` with an `index.xml` at most two folders deep. Cheap: a zip's
/// directory is read, nothing is extracted; an unreadable path is not a sequence.
pub fn is_ectd_source(path: &Path) -> bool {
    if path.is_dir() {
        return locate_sequences(path).is_ok_and(|s| !s.is_empty());
    }
    if !path.extension().is_some_and(|e| e.eq_ignore_ascii_case("zip")) {
        return false;
    }
    let Ok(file) = fs::File::open(path) else { return false };
    let Ok(archive) = zip::ZipArchive::new(io::BufReader::new(file)) else { return false };
    archive.file_names().flatten().any(|name| {
        let parts: Vec<&str> = name.trim_start_matches('/').split('/').collect();
        parts.len() <= 3 && parts.last() == Some(&"index.xml")
    })
}

/// Reads the backbones of one sequence folder.
pub fn read_sequence(folder: &Path, ctd: &CtdTree, regional: &RegionalElements) -> ReadSequence {
    let number = folder.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut seq = ReadSequence { number, folder: folder.to_path_buf(), region: None, leaves: Vec::new(), findings: Vec::new() };
    let root = match folder.canonicalize() {
        Ok(r) => r,
        Err(e) => {
            seq.findings.push(
                Finding::new("DB-ECTD-READ", Severity::Error, format!("{}: cannot be read ({e})", folder.display()))
                    .coded("sequence-unreadable", [("folder", &folder.display().to_string()), ("detail", &e.to_string())]),
            );
            return seq;
        }
    };
    let ich: HashMap<&str, &str> = ctd.nodes().iter().map(|n| (n.element.as_str(), n.code.as_str())).collect();
    read_backbone(&root, &mut seq, "index.xml", &|e: &str| ich.get(e).map(|c| (*c).to_owned()));
    for region in [Region::Eu, Region::Cn, Region::Us] {
        let r = region.code();
        let rel = format!("m1/{r}/{r}-regional.xml");
        if !root.join(&rel).is_file() {
            continue;
        }
        if seq.region.is_some() {
            seq.findings.push(Finding::new(
                "DB-ECTD-REGION",
                Severity::Warning,
                format!("{}: holds more than one regional backbone; {rel} is read as well", seq.number),
            )
            .coded("regional-several", [("sequence", &seq.number), ("path", &rel)]));
        }
        seq.region.get_or_insert(region);
        let map: HashMap<&str, &str> =
            regional.iter().filter(|(rg, _, _)| *rg == region).map(|(_, e, c)| (e.as_str(), c.as_str())).collect();
        read_backbone(&root, &mut seq, &rel, &|e: &str| map.get(e).map(|c| format!("{r}:{c}")));
    }
    if seq.region.is_none() {
        seq.findings.push(Finding::new(
            "DB-ECTD-REGION",
            Severity::Warning,
            format!("{}: no regional backbone (m1/eu, m1/cn or m1/us); Module 1 documents cannot be placed", seq.number),
        )
        .coded("regional-none", [("sequence", &seq.number)]));
    }
    // EU VC 11.11: a leaf ID names one leaf across the sequence's backbones; a second leaf with
    // the same ID cannot be told apart by a later sequence's modified-file.
    let mut seen: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    for leaf in &seq.leaves {
        let at = format!("{}/{}", leaf.backbone, leaf.href.as_deref().unwrap_or("(no href)"));
        if let Some(first) = seen.insert(leaf.id.clone(), at.clone()) {
            seq.findings.push(Finding::new(
                "11.11",
                Severity::Error,
                format!(
                    "{}: two leaves share the ID `{}` ({first} and {at}); later sequences cannot point at either unambiguously — ask the sender for a corrected backbone",
                    seq.number, leaf.id
                ),
            )
            .coded("leaf-id-duplicate", [("sequence", &seq.number), ("id", &leaf.id), ("first", &first), ("second", &at)]));
        }
    }
    // The regional backbone is listed as a leaf of index.xml; it is not a document.
    seq.leaves.retain(|l| l.backbone != "index.xml" || !l.href.as_deref().is_some_and(|h| h.starts_with("m1/") && h.ends_with("-regional.xml")));
    seq
}

struct Pending {
    leaf: ReadLeaf,
    href_raw: Option<String>,
    in_title: bool,
}

fn read_backbone(root: &Path, seq: &mut ReadSequence, rel: &str, section_of: &dyn Fn(&str) -> Option<String>) {
    let bytes = match fs::read(root.join(rel)) {
        Ok(b) => b,
        Err(e) => {
            seq.findings.push(
                Finding::new("7.1", Severity::Error, format!("{}/{rel}: cannot be read ({e})", seq.number))
                    .coded("backbone-unreadable", [("sequence", &seq.number), ("path", rel), ("detail", &e.to_string())]),
            );
            return;
        }
    };
    let base = rel.rsplit_once('/').map_or("", |(b, _)| b);
    let mut reader = Reader::from_reader(&bytes[..]);
    let mut buf = Vec::new();
    let mut stack: Vec<String> = Vec::new();
    // Beside `stack`: each open element's instance attributes (empty for most).
    let mut instance_attributes: Vec<Vec<(String, String)>> = Vec::new();
    let mut pending: Option<Pending> = None;
    let mut unexpanded: Vec<String> = Vec::new();
    loop {
        let event = match reader.read_event_into(&mut buf) {
            Ok(e) => e,
            Err(e) => {
                seq.findings.push(Finding::new(
                    "DB-ECTD-XML",
                    Severity::Error,
                    format!("{}/{rel}: not well-formed XML at byte {} ({e}); leaves after this point are not read", seq.number, reader.buffer_position()),
                )
                .coded(
                    "backbone-malformed",
                    [("sequence", &seq.number), ("path", rel), ("byte", &reader.buffer_position().to_string()), ("detail", &e.to_string())],
                ));
                break;
            }
        };
        match event {
            Event::Eof => break,
            Event::DocType(d) => {
                if d.xml10_content().contains("<!ENTITY") {
                    seq.findings.push(Finding::new(
                        "DB-ECTD-ENTITY",
                        Severity::Warning,
                        format!("{}/{rel} declares entities in its DOCTYPE; they are neither loaded nor expanded (a real eCTD backbone needs none)", seq.number),
                    )
                    .coded("backbone-entities-declared", [("sequence", &seq.number), ("path", rel)]));
                }
            }
            Event::Start(e) => {
                let name = qname(&e);
                if name == "leaf" {
                    pending = Some(start_leaf(&e, seq, rel, &stack, section_of, &mut unexpanded));
                    if let Some(p) = pending.as_mut() {
                        p.leaf.heading_attributes = instance_attributes.concat();
                    }
                } else if name == "title" {
                    if let Some(p) = pending.as_mut() {
                        p.in_title = true;
                    }
                }
                stack.push(name);
                instance_attributes.push(
                    e.attributes()
                        .with_checks(false)
                        .flatten()
                        .filter(|a| INSTANCE_ATTRIBUTES.contains(&a.key.as_ref()))
                        .filter_map(|a| {
                            let value = a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok()?.trim().to_owned();
                            (!value.is_empty()).then(|| (a.key.as_ref().to_owned(), value))
                        })
                        .collect(),
                );
            }
            Event::Empty(e) => {
                if qname(&e) == "leaf" {
                    let mut p = start_leaf(&e, seq, rel, &stack, section_of, &mut unexpanded);
                    p.leaf.heading_attributes = instance_attributes.concat();
                    finish_leaf(root, seq, base, p);
                }
            }
            Event::End(_) => {
                let name = stack.pop().unwrap_or_default();
                instance_attributes.pop();
                if name == "title" {
                    if let Some(p) = pending.as_mut() {
                        p.in_title = false;
                    }
                } else if name == "leaf" {
                    if let Some(p) = pending.take() {
                        finish_leaf(root, seq, base, p);
                    }
                }
            }
            Event::Text(t) => {
                if let Some(p) = pending.as_mut().filter(|p| p.in_title) {
                    p.leaf.title.push_str(&t.xml10_content());
                }
            }
            Event::CData(t) => {
                if let Some(p) = pending.as_mut().filter(|p| p.in_title) {
                    p.leaf.title.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                if let Some(p) = pending.as_mut().filter(|p| p.in_title) {
                    let name = r.xml10_content().into_owned();
                    match r.resolve_char_ref().ok().flatten().or_else(|| predefined(&name)) {
                        Some(c) => p.leaf.title.push(c),
                        None => {
                            p.leaf.title.push_str(&format!("&{name};"));
                            unexpanded.push(name);
                        }
                    }
                }
            }
            _ => {}
        }
        buf.clear();
    }
    unexpanded.sort();
    unexpanded.dedup();
    if !unexpanded.is_empty() {
        let entities = unexpanded.iter().map(|n| format!("&{n};")).collect::<Vec<_>>().join(", ");
        seq.findings.push(Finding::new(
            "DB-ECTD-ENTITY",
            Severity::Warning,
            format!(
                "{}/{rel} uses the entities {entities}; they were not expanded and stay as written in titles — correct the titles after import",
                seq.number
            ),
        )
        .coded("backbone-entities-unexpanded", [("sequence", &seq.number), ("path", rel), ("entities", &entities)]));
    }
}

fn qname(e: &BytesStart<'_>) -> String {
    e.name().as_ref().to_owned()
}

fn predefined(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => None,
    }
}

fn start_leaf(
    e: &BytesStart<'_>,
    seq: &ReadSequence,
    rel: &str,
    stack: &[String],
    section_of: &dyn Fn(&str) -> Option<String>,
    unexpanded: &mut Vec<String>,
) -> Pending {
    let mut attrs: HashMap<String, String> = HashMap::new();
    for a in e.attributes().with_checks(false).flatten() {
        let key = a.key.as_ref().to_owned();
        // Only the five predefined entities and character references are unescaped; any other
        // reference leaves the raw value (which then fails to resolve and is reported).
        let value = match a.normalized_value(quick_xml::XmlVersion::Implicit1_0) {
            Ok(v) => v.into_owned(),
            Err(_) => {
                unexpanded.push(format!("(in the {key} attribute)"));
                a.value.clone().into_owned()
            }
        };
        let local = key.rsplit(':').next().unwrap_or(&key).to_owned();
        attrs.insert(if key == "xml:lang" { key } else { local }, value);
    }
    let (section, element) = stack
        .iter()
        .rev()
        .find_map(|el| section_of(el).map(|s| (Some(s), el.clone())))
        .unwrap_or_else(|| (None, stack.last().cloned().unwrap_or_default()));
    Pending {
        leaf: ReadLeaf {
            sequence: seq.number.clone(),
            backbone: rel.to_owned(),
            id: attrs.get("ID").cloned().unwrap_or_default(),
            operation: attrs.get("operation").cloned().unwrap_or_default(),
            href: None,
            file: None,
            checksum: attrs.get("checksum").cloned().filter(|c| !c.is_empty()),
            modified_file: attrs.get("modified-file").cloned().filter(|m| !m.is_empty()),
            title: String::new(),
            section,
            element,
            language: attrs.get("xml:lang").cloned(),
            heading_attributes: Vec::new(),
        },
        href_raw: attrs.get("href").cloned().filter(|h| !h.is_empty()),
        in_title: false,
    }
}

fn finish_leaf(root: &Path, seq: &mut ReadSequence, base: &str, p: Pending) {
    let mut leaf = p.leaf;
    leaf.title = leaf.title.trim().to_owned();
    let at = format!("{}/{} leaf {}", seq.number, leaf.backbone, leaf.id);
    // Coded with the parts of `at`, so that another language can word them.
    let coded = |f: Finding, code: &str, value: (&str, &str)| {
        f.coded(code, [("sequence", &seq.number), ("backbone", &leaf.backbone), ("leaf", &leaf.id), value])
    };
    if let Some(raw) = p.href_raw {
        match resolve_inside(base, &raw) {
            None => seq.findings.push(coded(
                Finding::new(
                    "DB-ECTD-HREF",
                    Severity::Error,
                    format!("{at}: href `{raw}` points outside the sequence folder (absolute, `..`, URL or backslash); it was not followed — the document is not imported"),
                ),
                "href-outside",
                ("href", &raw),
            )),
            Some(rel) => {
                let path = root.join(&rel);
                match path.canonicalize() {
                    Ok(real) if !real.starts_with(root) => seq.findings.push(coded(
                        Finding::new(
                            "DB-ECTD-HREF",
                            Severity::Error,
                            format!("{at}: {rel} is a symbolic link out of the sequence folder; it was not followed — the document is not imported"),
                        ),
                        "href-link-outside",
                        ("path", &rel),
                    )),
                    Ok(real) if real.is_file() => leaf.file = Some(real),
                    Ok(_) => seq.findings.push(coded(
                        Finding::new("11.6", Severity::Error, format!("{at}: {rel} is not a file")),
                        "href-not-file",
                        ("path", &rel),
                    )),
                    Err(_) => seq.findings.push(coded(
                        Finding::new(
                            "11.6",
                            Severity::Error,
                            format!("{at}: the leaf's file {rel} is missing; the document is not imported"),
                        ),
                        "leaf-file-missing",
                        ("path", &rel),
                    )),
                }
                leaf.href = Some(rel);
            }
        }
    } else if leaf.operation != "delete" {
        seq.findings.push(coded(
            Finding::new("DB-ECTD-HREF", Severity::Warning, format!("{at}: `{}` leaf without href", leaf.operation)),
            "href-none",
            ("operation", &leaf.operation),
        ));
    }
    seq.leaves.push(leaf);
}

/// `href` joined to `base` (both from the sequence folder), normalised; `None` when it is
/// absolute, a URL, has a backslash or a drive letter, or climbs out of the sequence folder.
pub fn resolve_inside(base: &str, href: &str) -> Option<String> {
    if href.starts_with('/') || href.contains('\\') || href.contains(':') || href.contains('\0') {
        return None;
    }
    let mut parts: Vec<&str> = base.split('/').filter(|s| !s.is_empty()).collect();
    for seg in href.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// What unzipping found.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Unzipped {
    pub files: u64,
    pub bytes: u64,
    pub findings: Vec<Finding>,
}

/// Extracts `zip` into `dest` (which must not exist yet). Entries whose names would land
/// outside `dest` (zip slip: `../`, absolute paths) and symbolic links are refused and
/// reported; extraction stops with an error past `max_bytes` (a zip bomb).
pub fn unzip(zip: &Path, dest: &Path, max_bytes: u64) -> Result<Unzipped> {
    let file = fs::File::open(zip).map_err(|e| Error::io(zip, e))?;
    let mut archive = zip::ZipArchive::new(io::BufReader::new(file)).map_err(|e| Error::zip(zip, e))?;
    fs::create_dir_all(dest).map_err(|e| Error::io(dest, e))?;
    let mut out = Unzipped::default();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).map_err(|e| Error::zip(zip, e))?;
        let name = entry.name().map(|n| n.into_owned()).unwrap_or_else(|_| format!("entry {i}"));
        // The zip crate would quietly turn `/abs` into `abs`; a name that tries to leave is
        // refused outright, whatever the library makes of it.
        let hostile = name.starts_with('/') || name.contains(['\\', ':']) || name.split('/').any(|s| s == "..");
        let safe = entry
            .enclosed_name()
            .filter(|p| !hostile && p.components().all(|c| matches!(c, Component::Normal(_))));
        let Some(rel) = safe else {
            out.findings.push(Finding::new(
                "DB-ECTD-ZIP-SLIP",
                Severity::Error,
                format!("{}: the entry `{name}` would be written outside the extraction folder; it was skipped", zip.display()),
            )
            .coded("zip-slip", [("zip", &zip.display().to_string()), ("entry", &name)]));
            continue;
        };
        if entry.is_symlink() {
            out.findings.push(Finding::new(
                "DB-ECTD-ZIP-LINK",
                Severity::Warning,
                format!("{}: the entry `{name}` is a symbolic link; links are not extracted", zip.display()),
            )
            .coded("zip-link", [("zip", &zip.display().to_string()), ("entry", &name)]));
            continue;
        }
        let path = dest.join(rel);
        if entry.is_dir() {
            fs::create_dir_all(&path).map_err(|e| Error::io(&path, e))?;
            continue;
        }
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        let mut target = fs::File::create_new(&path).map_err(|e| Error::io(&path, e))?;
        let room = max_bytes.saturating_sub(out.bytes);
        let copied = io::copy(&mut io::Read::take(&mut entry, room + 1), &mut target).map_err(|e| Error::io(&path, e))?;
        if copied > room {
            return Err(Error::Io {
                path: zip.to_path_buf(),
                source: io::Error::other(format!(
                    "the zip expands to more than {max_bytes} bytes; it was not imported (unzip it yourself if it is genuine and import the folder)"
                )),
            });
        }
        out.files += 1;
        out.bytes += copied;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::resolve_inside;

    #[test]
    fn hrefs_may_not_leave_the_sequence_folder() {
        assert_eq!(resolve_inside("m1/eu", "10-cover/a.pdf").as_deref(), Some("m1/eu/10-cover/a.pdf"));
        assert_eq!(resolve_inside("m1/eu", "../../m2/a.pdf").as_deref(), Some("m2/a.pdf"));
        assert_eq!(resolve_inside("", "../0000/m3/a.pdf"), None, "not even into a sibling sequence");
        assert_eq!(resolve_inside("", "/etc/passwd"), None);
        assert_eq!(resolve_inside("", "file:///etc/passwd"), None);
        assert_eq!(resolve_inside("", "C:/x.pdf"), None);
        assert_eq!(resolve_inside("", "m3\\x.pdf"), None);
    }
}
