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
//!
//! A backbone is opened only as a regular file inside the sequence (no link, FIFO or device:
//! [`crate::regular`]) and parsed as a stream, never held whole; past [`MAX_BACKBONE_BYTES`],
//! [`MAX_LEAVES`] leaves or a value of [`MAX_VALUE`] bytes it is refused with a finding and none
//! of its leaves is kept. Control characters and bidirectional overrides in titles are removed
//! with a finding naming the leaf (they would otherwise reach cover letters and tables of
//! contents, where U+202E can make one name read as another).

use std::collections::HashMap;
use std::fs;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

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

/// The largest backbone (`index.xml` or a regional one) read. The benchmark's sequence of 14,039
/// leaves has an `index.xml` of a few MB; a large real application about 30,000 leaves. A file
/// past this is not a backbone anyone made by hand or tool.
pub const MAX_BACKBONE_BYTES: u64 = 32 << 20;
/// Leaves in one backbone: three times a large real application's whole history.
pub const MAX_LEAVES: usize = 100_000;
/// One attribute value or text node: titles are a line, hrefs at most a few hundred characters
/// (EU VC 15.x limits paths to 180).
pub const MAX_VALUE: usize = 8 << 10;

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
    // Without following links: an index.xml that is a link or a FIFO still marks a sequence,
    // whose reading then says what is wrong with it (rather than "no sequence found").
    let has_index = |dir: &Path| fs::symlink_metadata(dir.join("index.xml")).is_ok_and(|m| !m.is_dir());
    if has_index(path) {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut out = Vec::new();
    for e in fs::read_dir(path).map_err(|e| Error::io(path, e))? {
        let e = e.map_err(|e| Error::io(path, e))?;
        let name = e.file_name().to_string_lossy().into_owned();
        let is_dir = e.file_type().map_err(|err| Error::io(&e.path(), err))?.is_dir();
        if is_dir && name.len() == 4 && name.chars().all(|c| c.is_ascii_digit()) && has_index(&e.path()) {
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
        return locate_sequences(path).is_ok_and(|s| !s.is_empty()) || crate::v4::unit(path).is_some();
    }
    if !path.extension().is_some_and(|e| e.eq_ignore_ascii_case("zip")) {
        return false;
    }
    // The central directory as this crate reads it (bounded), not the zip crate's, which
    // holds every entry of a hostile directory in memory.
    let Ok((mut file, _)) = crate::regular::open_file(path, u64::MAX) else { return false };
    let entries = match crate::unzip::central_directory(&mut file, crate::unzip::LIMITS.entries) {
        Ok(Ok((entries, _))) => entries,
        // Too many entries to list: import-ectd is the one to refuse it, saying why.
        Ok(Err(_)) => return true,
        Err(_) => return false,
    };
    entries.iter().any(|e| {
        let name = e.name();
        let parts: Vec<&str> = name.trim_start_matches('/').split('/').collect();
        parts.len() <= 3 && parts.last() == Some(&"index.xml")
    }) || crate::v4::zip_holds_unit(entries.iter().map(|e| e.name()))
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
        if fs::symlink_metadata(root.join(&rel)).is_err() {
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
    let file = match crate::regular::open(root, rel, MAX_BACKBONE_BYTES) {
        Ok((f, _)) => f,
        Err(crate::regular::Refused::TooLarge { size, cap }) => {
            let (size, limit) = (size.to_string(), cap.to_string());
            seq.findings.push(
                Finding::new(
                    "DB-ECTD-LIMIT",
                    Severity::Error,
                    format!("{}/{rel}: {size} bytes, more than the {limit} bytes a backbone may have; it was not read — ask the sender for a corrected backbone", seq.number),
                )
                .coded("backbone-limit-bytes", [("sequence", &seq.number), ("path", rel), ("size", &size), ("limit", &limit)]),
            );
            return;
        }
        Err(refused @ (crate::regular::Refused::Link { .. } | crate::regular::Refused::Special { .. })) => {
            let what = refused.describe();
            seq.findings.push(
                Finding::new("DB-ECTD-FILE", Severity::Error, format!("{}/{rel} {what}; replace it with the backbone file itself", seq.number))
                    .coded("backbone-not-regular", [("sequence", &seq.number), ("path", rel), ("detail", &what)]),
            );
            return;
        }
        Err(e) => {
            let e = e.describe();
            seq.findings.push(
                Finding::new("7.1", Severity::Error, format!("{}/{rel}: cannot be read ({e})", seq.number))
                    .coded("backbone-unreadable", [("sequence", &seq.number), ("path", rel), ("detail", &e)]),
            );
            return;
        }
    };
    // A refused backbone keeps neither its leaves nor what was said about them.
    let (first_leaf, first_finding) = (seq.leaves.len(), seq.findings.len());
    let refused = |seq: &ReadSequence, what: String, limit: &str| {
        Finding::new(
            "DB-ECTD-LIMIT",
            Severity::Error,
            format!("{}/{rel}: {what}, past the limit of {limit}; none of its leaves was imported — ask the sender for a corrected backbone", seq.number),
        )
    };
    let base = rel.rsplit_once('/').map_or("", |(b, _)| b);
    // A stream: memory follows the largest single event (bounded by the file's cap), not the file.
    let mut reader = Reader::from_reader(BufReader::new(file.take(MAX_BACKBONE_BYTES)));
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
        if longest_value(&event) > MAX_VALUE {
            let (byte, limit) = (reader.buffer_position().to_string(), format!("{MAX_VALUE} bytes"));
            let f = refused(seq, format!("a value (attribute or text) near byte {byte} is too long"), &limit);
            seq.leaves.truncate(first_leaf);
            seq.findings.truncate(first_finding);
            seq.findings.push(f.coded("backbone-limit-value", [("sequence", &seq.number), ("path", rel), ("byte", &byte), ("limit", &limit)]));
            return;
        }
        if seq.leaves.len() - first_leaf > MAX_LEAVES {
            let limit = format!("{MAX_LEAVES} leaves");
            let f = refused(seq, format!("more than {MAX_LEAVES} leaves"), &limit);
            seq.leaves.truncate(first_leaf);
            seq.findings.truncate(first_finding);
            seq.findings.push(f.coded("backbone-limit-leaves", [("sequence", &seq.number), ("path", rel), ("limit", &limit)]));
            return;
        }
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

/// The longest attribute value or text an event carries, in bytes.
fn longest_value(event: &Event<'_>) -> usize {
    match event {
        Event::Start(e) | Event::Empty(e) => e.attributes().with_checks(false).flatten().map(|a| a.value.len()).max().unwrap_or(0),
        Event::Text(t) => t.len(),
        Event::CData(t) => t.len(),
        _ => 0,
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
    let unsafe_chars = dossier_model::text::unsafe_text_chars(&leaf.title);
    if !unsafe_chars.is_empty() {
        let chars = unsafe_chars.iter().map(|c| format!("U+{:04X}", u32::from(*c))).collect::<Vec<_>>().join(" ");
        leaf.title = leaf.title.chars().filter(|c| !unsafe_chars.contains(c)).collect::<String>().trim().to_owned();
        seq.findings.push(
            Finding::new(
                "DB-ECTD-TITLE",
                Severity::Warning,
                format!("{at}: its title held control or bidirectional-override characters ({chars}); they were removed — check the title"),
            )
            .coded("leaf-title-control", [("sequence", &seq.number), ("backbone", &leaf.backbone), ("leaf", &leaf.id), ("chars", &chars)]),
        );
    }
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
