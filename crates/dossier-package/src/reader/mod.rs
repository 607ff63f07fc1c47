//! The one reader of eCTD v3.2.2 sequences, for `dossier import-ectd` and `dossier validate`
//! alike: which folders are sequences, what each backbone says (leaves with their section,
//! title, operation and checksum; headings; envelope values; prolog), where each `href` points,
//! and a zip-slip-safe unzip.
//!
//! Input here is hostile until proven otherwise (a sequence from another tool, a zip from an
//! e-mail). A backbone is opened only as a regular file inside the sequence (no link, FIFO or
//! device: [`crate::regular`]), read up to [`MAX_BACKBONE_BYTES`] and parsed in one streaming
//! pass with quick-xml, which has no DTD processing at all: no external entity is ever fetched
//! and no entity is ever expanded (an entity reference stays as its literal `&name;` and is
//! reported). No tree is built: what is kept is plain data ([`Backbone`]), a few hundred bytes
//! a leaf. Past [`MAX_LEAVES`] leaves or a value of [`MAX_VALUE`] bytes, or when it is not
//! well-formed XML, a backbone is refused ([`Refusal`]) and none of its content is used; a
//! well-formedness error names the line, the column and the reason in words.
//!
//! One rule resolves an `href` ([`resolve`]): inside the sequence folder, or `../NNNN/…` into a
//! sibling sequence of the same application (a reference to a file sent before, which the
//! validator follows for `modified-file` and an import never takes as a document of its own);
//! anything else (absolute paths, drive letters, URLs, backslashes, climbing out of the
//! application) points outside and is reported, never followed. Nothing here stops on a broken
//! sequence: every problem becomes a finding, and what can be read is returned.
//!
//! Control characters and bidirectional overrides in titles are removed at import with a finding
//! naming the leaf (they would otherwise reach cover letters and tables of contents, where U+202E
//! can make one name read as another).

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use dossier_model::{Finding, Severity};
use dossier_rules::CtdTree;
use serde::Serialize;

use crate::{Error, Region, Result};

mod backbone;
mod href;

pub use backbone::{Backbone, Leaf, Malformed, Refusal, read_backbone};
pub use href::{Href, resolve};

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
    /// Where the `href` points ([`resolve`]); a [`Href::Sibling`] is a reference to a file of an
    /// earlier sequence, not a document of this one (`href` and `file` are then `None`).
    pub target: Option<Href>,
    /// The leaf `modified-file` names, `(sequence, leaf id)`, when it resolves by [`resolve`]
    /// into a sibling sequence (`../0003/index.xml#ID`, from `m1/eu` `../../../0003/…`).
    pub modifies: Option<(String, String)>,
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
    /// The regional backbone's envelope: text values by element name and attributes as
    /// `element@attribute`, in document order (empty when it was not read).
    pub envelope: Vec<(String, String)>,
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

/// Reads the backbones of one sequence folder for an import: `index.xml` and every regional
/// backbone present, each by [`read_backbone`]; findings carry the rule ids of the region read.
pub fn read_sequence(folder: &Path, ctd: &CtdTree, regional: &RegionalElements) -> ReadSequence {
    let number = folder.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut seq = ReadSequence { number, folder: folder.to_path_buf(), region: None, leaves: Vec::new(), envelope: Vec::new(), findings: Vec::new() };
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
    // The region first: index.xml's findings carry its rule ids too.
    let present: Vec<Region> = [Region::Eu, Region::Cn, Region::Us]
        .into_iter()
        .filter(|r| fs::symlink_metadata(root.join(regional_rel(*r))).is_ok())
        .collect();
    seq.region = present.first().copied();
    let ich: HashMap<&str, &str> = ctd.nodes().iter().map(|n| (n.element.as_str(), n.code.as_str())).collect();
    let index = read_backbone(&root, "index.xml", MAX_LEAVES, &|e: &str| ich.get(e).map(|c| (*c).to_owned()));
    take_backbone(&root, &mut seq, index);
    for (i, region) in present.iter().copied().enumerate() {
        let r = region.code();
        let rel = regional_rel(region);
        if i > 0 {
            seq.findings.push(Finding::new(
                "DB-ECTD-REGION",
                Severity::Warning,
                format!("{}: holds more than one regional backbone; {rel} is read as well", seq.number),
            )
            .coded("regional-several", [("sequence", &seq.number), ("path", &rel)]));
        }
        let map: HashMap<&str, &str> =
            regional.iter().filter(|(rg, _, _)| *rg == region).map(|(_, e, c)| (e.as_str(), c.as_str())).collect();
        let b = read_backbone(&root, &rel, MAX_LEAVES, &|e: &str| map.get(e).map(|c| format!("{r}:{c}")));
        take_backbone(&root, &mut seq, b);
    }
    if seq.region.is_none() {
        seq.findings.push(Finding::new(
            "DB-ECTD-REGION",
            Severity::Warning,
            format!("{}: no regional backbone (m1/eu, m1/cn or m1/us); Module 1 documents cannot be placed", seq.number),
        )
        .coded("regional-none", [("sequence", &seq.number)]));
    }
    // The regional backbone is listed as a leaf of index.xml; it is not a document.
    seq.leaves.retain(|l| l.backbone != "index.xml" || !l.href.as_deref().is_some_and(|h| h.starts_with("m1/") && h.ends_with("-regional.xml")));
    seq
}

/// `m1/<r>/<r>-regional.xml`.
pub fn regional_rel(region: Region) -> String {
    let r = region.code();
    format!("m1/{r}/{r}-regional.xml")
}

/// The region's rule id for a validator check (`leaf-id-unique` → EU 11.11, FDA's or NMPA's
/// own), or `fallback` when the region is not known or has none.
fn rule_id(region: Option<Region>, check: &str, fallback: &str) -> String {
    region
        .and_then(|r| crate::validate::catalogue::Catalogue::embedded().rules_for(r, check, None).first().map(|rule| rule.id.clone()))
        .unwrap_or_else(|| fallback.to_owned())
}

/// A backbone's findings and leaves, into the sequence.
fn take_backbone(root: &Path, seq: &mut ReadSequence, b: Backbone) {
    let rel = b.rel.as_str();
    let n = seq.number.clone();
    let sq = n.as_str();
    let error = |rule: &str, message: String| Finding::new(rule, Severity::Error, message);
    let refusal = match &b.refused {
        None => None,
        Some(Refusal::Missing) => Some(
            error("7.1", format!("{n}/{rel}: cannot be read (it is missing)")).coded("backbone-unreadable", [("sequence", sq), ("path", rel), ("detail", "missing")]),
        ),
        Some(Refusal::TooLarge { size, cap }) => {
            let (size, limit) = (size.to_string(), cap.to_string());
            Some(
                error(
                    "DB-ECTD-LIMIT",
                    format!("{n}/{rel}: {size} bytes, more than the {limit} bytes a backbone may have; it was not read — ask the sender for a corrected backbone"),
                )
                .coded("backbone-limit-bytes", [("sequence", sq), ("path", rel), ("size", &size), ("limit", &limit)]),
            )
        }
        Some(Refusal::NotRegular(what)) => Some(
            error("DB-ECTD-FILE", format!("{n}/{rel} {what}; replace it with the backbone file itself"))
                .coded("backbone-not-regular", [("sequence", sq), ("path", rel), ("detail", what)]),
        ),
        Some(Refusal::Unreadable(e)) => {
            Some(error("7.1", format!("{n}/{rel}: {e}")).coded("backbone-unreadable", [("sequence", sq), ("path", rel), ("detail", e)]))
        }
        Some(Refusal::Malformed(m)) => {
            let kind = if rel == "index.xml" { "index-well-formed" } else { "regional-well-formed" };
            let (line, column) = (m.line.to_string(), m.column.to_string());
            Some(
                error(
                    &rule_id(seq.region, kind, "DB-ECTD-XML"),
                    format!(
                        "{n}/{rel}: not well-formed XML at line {line}, column {column}: {}; none of its leaves was imported — ask the sender for a corrected backbone",
                        m.reason
                    ),
                )
                .coded("backbone-malformed", [("sequence", sq), ("path", rel), ("line", &line), ("column", &column), ("reason", &m.reason)]),
            )
        }
        Some(Refusal::TooManyLeaves { limit }) => {
            let limit = format!("{limit} leaves");
            Some(
                error(
                    "DB-ECTD-LIMIT",
                    format!("{n}/{rel}: more leaves than the limit of {limit}; none of its leaves was imported — ask the sender for a corrected backbone"),
                )
                .coded("backbone-limit-leaves", [("sequence", sq), ("path", rel), ("limit", &limit)]),
            )
        }
        Some(Refusal::ValueTooLong { line, column, limit }) => {
            let (line, column, limit) = (line.to_string(), column.to_string(), format!("{limit} bytes"));
            Some(
                error(
                    "DB-ECTD-LIMIT",
                    format!("{n}/{rel}: a value (attribute or text) at line {line}, column {column} is too long, past the limit of {limit}; none of its leaves was imported — ask the sender for a corrected backbone"),
                )
                .coded("backbone-limit-value", [("sequence", sq), ("path", rel), ("line", &line), ("column", &column), ("limit", &limit)]),
            )
        }
    };
    if let Some(f) = refusal {
        seq.findings.push(f);
        return;
    }
    if b.declares_entities {
        seq.findings.push(Finding::new(
            "DB-ECTD-ENTITY",
            Severity::Warning,
            format!("{n}/{rel} declares entities in its DOCTYPE; they are neither loaded nor expanded (a real eCTD backbone needs none)"),
        )
        .coded("backbone-entities-declared", [("sequence", sq), ("path", rel)]));
    }
    if !b.unexpanded.is_empty() {
        let entities = b.unexpanded.iter().map(|e| if e.starts_with('(') { e.clone() } else { format!("&{e};") }).collect::<Vec<_>>().join(", ");
        seq.findings.push(Finding::new(
            "DB-ECTD-ENTITY",
            Severity::Warning,
            format!("{n}/{rel} uses the entities {entities}; they were not expanded and stay as written in titles — correct the titles after import"),
        )
        .coded("backbone-entities-unexpanded", [("sequence", n.as_str()), ("path", rel), ("entities", &entities)]));
    }
    // IDs are unique within one XML document (XML 1.0 validity constraint "ID"): the same ID in
    // index.xml and in the regional backbone is two different leaves, told apart by the file a
    // modified-file names. Reported under the region's own rule for leaf-id-unique.
    let mut seen: HashMap<&str, String> = HashMap::new();
    let mut duplicates = Vec::new();
    for leaf in &b.leaves {
        let at = format!("{rel}/{}", leaf.href.as_deref().unwrap_or("(no href)"));
        if let Some(first) = seen.insert(&leaf.id, at.clone()) {
            duplicates.push((leaf.id.clone(), first, at));
        }
    }
    let rule = rule_id(seq.region, "leaf-id-unique", "DB-ECTD-ID");
    for (id, first, second) in duplicates {
        seq.findings.push(
            Finding::new(
                &rule,
                Severity::Error,
                format!(
                    "{n}: two leaves of {rel} share the ID `{id}` ({first} and {second}); later sequences cannot point at either unambiguously — ask the sender for a corrected backbone"
                ),
            )
            .coded("leaf-id-duplicate", [("sequence", n.as_str()), ("path", rel), ("id", &id), ("first", &first), ("second", &second)]),
        );
    }
    if rel != "index.xml" && seq.envelope.is_empty() {
        seq.envelope = b.envelope;
    }
    for leaf in b.leaves {
        take_leaf(root, seq, rel, leaf);
    }
}

/// `(sequence, leaf id)` of a `modified-file` written in `backbone` (path from the sequence
/// folder), by the one href rule: only a leaf of a sibling sequence can be modified.
fn modified_leaf(backbone: &str, modified_file: &str) -> Option<(String, String)> {
    let (file, id) = modified_file.rsplit_once('#')?;
    let id = id.trim();
    let base = backbone.rsplit_once('/').map_or("", |(b, _)| b);
    match resolve(base, file) {
        Href::Sibling { sequence, .. } if !id.is_empty() => Some((sequence, id.to_owned())),
        _ => None,
    }
}

fn take_leaf(root: &Path, seq: &mut ReadSequence, backbone: &str, leaf: Leaf) {
    let at = format!("{}/{backbone} leaf {}", seq.number, leaf.id);
    let mut title = leaf.title.clone();
    let unsafe_chars = dossier_model::text::unsafe_text_chars(&title);
    if !unsafe_chars.is_empty() {
        let chars = unsafe_chars.iter().map(|c| format!("U+{:04X}", u32::from(*c))).collect::<Vec<_>>().join(" ");
        title = title.chars().filter(|c| !unsafe_chars.contains(c)).collect::<String>().trim().to_owned();
        seq.findings.push(
            Finding::new(
                "DB-ECTD-TITLE",
                Severity::Warning,
                format!("{at}: its title held control or bidirectional-override characters ({chars}); they were removed — check the title"),
            )
            .coded("leaf-title-control", [("sequence", seq.number.as_str()), ("backbone", backbone), ("leaf", &leaf.id), ("chars", &chars)]),
        );
    }
    // Coded with the parts of `at`, so that another language can word them.
    let number = seq.number.clone();
    let coded = |f: Finding, code: &str, value: (&str, &str)| {
        f.coded(code, [("sequence", number.as_str()), ("backbone", backbone), ("leaf", &leaf.id), value])
    };
    let mut read = ReadLeaf {
        sequence: seq.number.clone(),
        backbone: backbone.to_owned(),
        id: leaf.id.clone(),
        operation: leaf.operation.clone(),
        href: None,
        file: None,
        checksum: leaf.checksum.clone(),
        modified_file: leaf.modified_file.clone(),
        title,
        section: leaf.code.clone(),
        element: leaf.element.clone(),
        language: leaf.language.clone(),
        heading_attributes: leaf.heading_attributes.clone(),
        target: leaf.target.clone(),
        modifies: leaf.modified_file.as_deref().and_then(|m| modified_leaf(backbone, m)),
    };
    // A link back into this very sequence (`../0001/…` from 0001) is a path inside it.
    let inside = match &leaf.target {
        Some(Href::Inside { path }) => Some(path.clone()),
        Some(Href::Sibling { sequence, path }) if *sequence == seq.number => Some(path.clone()),
        _ => None,
    };
    match (&leaf.href, &leaf.target, inside) {
        (Some(raw), Some(Href::Sibling { sequence, path }), None) => seq.findings.push(coded(
            Finding::new(
                "DB-ECTD-HREF",
                Severity::Info,
                format!("{at}: href `{raw}` points at {path} in sequence {sequence}, a file sent before; it is a reference to that sequence's document, not imported as a document of this one"),
            ),
            "href-sibling",
            ("href", raw),
        )),
        (Some(raw), _, None) => seq.findings.push(coded(
            Finding::new(
                "DB-ECTD-HREF",
                Severity::Error,
                format!("{at}: href `{raw}` points outside the sequence folder (absolute, `..`, URL or backslash); it was not followed — the document is not imported"),
            ),
            "href-outside",
            ("href", raw),
        )),
        (Some(_), _, Some(rel)) => {
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
                Ok(real) if real.is_file() => read.file = Some(real),
                Ok(_) => seq.findings.push(coded(Finding::new("11.6", Severity::Error, format!("{at}: {rel} is not a file")), "href-not-file", ("path", &rel))),
                Err(_) => seq.findings.push(coded(
                    Finding::new("11.6", Severity::Error, format!("{at}: the leaf's file {rel} is missing; the document is not imported")),
                    "leaf-file-missing",
                    ("path", &rel),
                )),
            }
            read.href = Some(rel);
        }
        (None, _, _) if leaf.operation != "delete" => seq.findings.push(coded(
            Finding::new("DB-ECTD-HREF", Severity::Warning, format!("{at}: `{}` leaf without href", leaf.operation)),
            "href-none",
            ("operation", &leaf.operation),
        )),
        (None, _, _) => {}
    }
    seq.leaves.push(read);
}

#[cfg(test)]
mod tests {
    use super::modified_leaf;

    #[test]
    fn a_modified_file_names_a_leaf_of_a_sibling_sequence_by_the_href_rule() {
        let leaf = |s: &str, id: &str| Some((s.to_owned(), id.to_owned()));
        assert_eq!(modified_leaf("index.xml", "../0003/index.xml#lf-1"), leaf("0003", "lf-1"));
        assert_eq!(modified_leaf("m1/eu/eu-regional.xml", "../../../0001/m1/eu/eu-regional.xml#a"), leaf("0001", "a"));
        // From m1/eu, `../0000/index.xml` is m1/0000/index.xml inside this sequence: no earlier leaf.
        assert_eq!(modified_leaf("m1/eu/eu-regional.xml", "../0000/index.xml#a"), None);
        assert_eq!(modified_leaf("index.xml", "../0001/index.xml"), None, "no leaf id");
        assert_eq!(modified_leaf("index.xml", "index.xml#x"), None, "a leaf of this very sequence");
    }
}
