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

/// Where an `href` (or the file part of a `modified-file`) points, by [`resolve`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum Href {
    /// A file of this sequence, `/`-separated from the sequence folder, normalised.
    Inside { path: String },
    /// A file of a sibling sequence folder of the same application (`../0000/m3/a.pdf`): a
    /// reference to a file sent before, not a document of this sequence.
    Sibling { sequence: String, path: String },
    /// Absolute, a URL or drive letter, a backslash or NUL, an escape that makes a separator,
    /// or climbing out of the application folder (or into a folder that is no sequence).
    Outside,
}

impl Href {
    /// The path inside this sequence, if that is where it points.
    pub fn inside(&self) -> Option<&str> {
        match self {
            Href::Inside { path } => Some(path),
            _ => None,
        }
    }
}

/// `href` resolved against `base` (the backbone's folder from the sequence folder: `""`,
/// `m1/eu`). The one rule for import and validation alike.
///
/// ICH eCTD v3.2.2 (Table 6-8, `xlink:href`): "the relative path to the file and the file name
/// … The content file does not need to be in the same sequence"; XLink 1.0 (§5.4) makes the
/// attribute a URI reference, so `%XX` escapes are decoded (RFC 3986 §2.1: `a%20b.pdf` is the
/// file `a b.pdf`, which the name rules then report, since eCTD names hold only `a-z 0-9 -`); an
/// escape that decodes to `/`, `\` or NUL is refused rather than taken as a separator. Empty
/// and `.` segments are dropped (`./m3//a.pdf` is `m3/a.pdf`); `..` climbs, and one climb out
/// of the sequence is allowed only into a four-digit sibling folder.
pub fn resolve(base: &str, href: &str) -> Href {
    if href.starts_with('/') || href.contains('\\') || href.contains(':') || href.contains('\0') {
        return Href::Outside;
    }
    // The sequence folder's own name is not known here: a marker stands for it.
    let mut parts: Vec<String> = vec![String::new()];
    parts.extend(base.split('/').filter(|s| !s.is_empty()).map(str::to_owned));
    let mut above: Vec<String> = Vec::new();
    for raw in href.split('/') {
        let Some(seg) = percent_decoded(raw) else { return Href::Outside };
        match seg.as_str() {
            "" | "." => {}
            ".." => {
                if parts.len() > 1 {
                    parts.pop();
                } else if above.is_empty() && parts.len() == 1 && parts[0].is_empty() {
                    // Out of the sequence folder, into the application folder.
                    parts.clear();
                } else {
                    return Href::Outside;
                }
            }
            _ if parts.is_empty() => {
                above.push(seg);
                parts.push(String::from("\u{0}sibling"));
            }
            _ => parts.push(seg),
        }
    }
    if parts.first().is_some_and(String::is_empty) {
        let path = parts[1..].join("/");
        return if path.is_empty() { Href::Outside } else { Href::Inside { path } };
    }
    match (above.first(), parts.len()) {
        (Some(sequence), n) if n > 1 && sequence.len() == 4 && sequence.bytes().all(|b| b.is_ascii_digit()) => {
            Href::Sibling { sequence: sequence.clone(), path: parts[1..].join("/") }
        }
        _ => Href::Outside,
    }
}

/// A path segment with its `%XX` escapes decoded; `None` when an escape is malformed, is not
/// UTF-8, or makes a separator or NUL.
fn percent_decoded(seg: &str) -> Option<String> {
    if !seg.contains('%') {
        return Some(seg.to_owned());
    }
    let bytes = seg.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            let b = u8::from_str_radix(hex, 16).ok()?;
            if matches!(b, b'/' | b'\\' | 0) {
                return None;
            }
            out.push(b);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Why a backbone's content was not read. Its leaves, headings and envelope are then empty,
/// and the rules that need them are not evaluated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    Missing,
    /// A link, FIFO or device ([`crate::regular::Refused::describe`]).
    NotRegular(String),
    TooLarge { size: u64, cap: u64 },
    Unreadable(String),
    Malformed(Malformed),
    TooManyLeaves { limit: usize },
    ValueTooLong { line: usize, column: usize, limit: usize },
}

impl Refusal {
    /// What happened, in a phrase that follows the file's name.
    pub fn describe(&self) -> String {
        match self {
            Refusal::Missing => "is missing".to_owned(),
            Refusal::NotRegular(what) => what.clone(),
            Refusal::TooLarge { size, cap } => format!("is {size} bytes, more than the {cap} bytes a backbone may have"),
            Refusal::Unreadable(e) => format!("cannot be read ({e})"),
            Refusal::Malformed(m) => format!("is not well-formed XML: {m}"),
            Refusal::TooManyLeaves { limit } => format!("has more than {limit} leaves, the most a backbone may have"),
            Refusal::ValueTooLong { line, column, limit } => {
                format!("holds a value (attribute or text) longer than {limit} bytes at line {line}, column {column}")
            }
        }
    }
}

/// Where and why a backbone is not well-formed XML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Malformed {
    /// 1-based, as `xmllint` counts them.
    pub line: usize,
    /// 1-based, in characters.
    pub column: usize,
    /// In words (quick-xml's error kinds, worded here).
    pub reason: String,
}

impl std::fmt::Display for Malformed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}, column {}: {}", self.line, self.column, self.reason)
    }
}

/// One leaf of a backbone, as read (the validator's view; the import builds [`ReadLeaf`]s
/// from it).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Leaf {
    pub id: String,
    pub operation: String,
    /// The `href` as written.
    pub href: Option<String>,
    pub checksum: Option<String>,
    pub checksum_type: Option<String>,
    pub modified_file: Option<String>,
    pub title: String,
    /// Element names and attributes from the module down to the leaf's heading: two leaves
    /// share a CTD section when these are equal (EU VC 11.10).
    pub section: String,
    /// In a node-extension or 3.2.A: exempt from 11.10 (EU VC 11.BP2 instead).
    pub exempt_section: bool,
    /// `href` by [`resolve`] from the backbone's folder.
    pub target: Option<Href>,
    /// ICH code (`3.2.P.5.1`) or regional code (`eu:1.3.1`) of the nearest heading the caller's
    /// lookup knows.
    pub code: Option<String>,
    /// The heading element that gave `code`, else the leaf's parent element.
    pub element: String,
    pub language: Option<String>,
    /// Attributes of the repeated headings the leaf sits under (`indication`, `substance`,
    /// `manufacturer`, `product-name`, `dosageform`, `excipient`), outermost first.
    pub heading_attributes: Vec<(String, String)>,
    /// Line of the `<leaf` start tag.
    pub line: usize,
}

/// What a backbone says, read once.
#[derive(Debug, Clone, Default)]
pub struct Backbone {
    /// Path from the sequence folder (`index.xml`, `m1/eu/eu-regional.xml`).
    pub rel: String,
    /// The file's bytes (for its MD5 and the DTD oracle); empty when it was not read.
    pub bytes: Vec<u8>,
    pub doctype_system: Option<String>,
    pub stylesheet: Option<String>,
    pub declares_entities: bool,
    /// Set when not well-formed: the worded [`Malformed`] (line, column, reason).
    pub parse_error: Option<String>,
    pub root_attributes: std::collections::BTreeMap<String, String>,
    pub leaves: Vec<Leaf>,
    /// Headings with no leaf below them (EU VC 10.1), as element paths.
    pub empty_headings: Vec<String>,
    /// Node-extensions with an empty title (EU VC 12.1).
    pub untitled_extensions: usize,
    /// Envelope text values by element name, in document order (first envelope first).
    pub envelope: Vec<(String, String)>,
    /// Why its content was not read; `None` when it was.
    pub refused: Option<Refusal>,
    /// Entity references left as written (`&name;` in titles, or in an attribute).
    pub unexpanded: Vec<String>,
}

impl Backbone {
    /// The folder hrefs are relative to, from the sequence folder (`""`, `m1/eu`).
    pub fn base(&self) -> &str {
        self.rel.rsplit_once('/').map_or("", |(b, _)| b)
    }

    pub fn envelope_values(&self, name: &str) -> impl Iterator<Item = &str> {
        self.envelope.iter().filter(move |(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// Its content as plain data could be read (not refused; entities declared or not).
    pub fn is_read(&self) -> bool {
        self.refused.is_none()
    }

    fn refuse(&mut self, why: Refusal) {
        if let Refusal::Malformed(m) = &why {
            self.parse_error = Some(m.to_string());
        }
        self.leaves = Vec::new();
        self.empty_headings = Vec::new();
        self.envelope = Vec::new();
        self.untitled_extensions = 0;
        self.root_attributes.clear();
        self.refused = Some(why);
    }
}

/// Reads the backbone `rel` of the sequence folder `root`: opened only as a regular file inside
/// it, at most [`MAX_BACKBONE_BYTES`], parsed in one streaming pass; refused past `max_leaves`
/// leaves. `section_of` maps a heading element to its code (for [`Leaf::code`]).
pub fn read_backbone(root: &Path, rel: &str, max_leaves: usize, section_of: &dyn Fn(&str) -> Option<String>) -> Backbone {
    use crate::regular::Refused;
    let mut b = Backbone { rel: rel.to_owned(), ..Backbone::default() };
    match crate::regular::read(root, rel, MAX_BACKBONE_BYTES) {
        Ok(bytes) => b.bytes = bytes,
        Err(Refused::Missing) => b.refuse(Refusal::Missing),
        Err(Refused::TooLarge { size, cap }) => b.refuse(Refusal::TooLarge { size, cap }),
        Err(why @ (Refused::Link { .. } | Refused::Special { .. })) => b.refuse(Refusal::NotRegular(why.describe())),
        Err(why @ Refused::Io(_)) => b.refuse(Refusal::Unreadable(why.describe())),
    }
    if b.refused.is_none() {
        let bytes = std::mem::take(&mut b.bytes);
        let refused = Scan::new(&bytes, &mut b, max_leaves, section_of).run();
        b.bytes = bytes;
        if let Some(why) = refused {
            b.refuse(why);
        }
    }
    b
}

/// Envelope subtrees: not headings, never need leaves.
const ENVELOPES: &[&str] = &["eu-envelope", "cn-envelope", "admin"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Root,
    Heading,
    Leaf,
    /// Inside a leaf (its title, link-text…).
    InLeaf,
    Title,
    Envelope,
}

struct Frame {
    /// As written (`ectd:ectd`), for messages and the caller's lookup.
    qname: String,
    local: String,
    kind: Kind,
    line: usize,
    /// This heading's part of [`Leaf::section`] (`None` for a node-extension).
    chain: Option<String>,
    instance: Vec<(String, String)>,
    has_heading_child: bool,
    has_leaf_child: bool,
    /// A node-extension's title, an envelope element's text.
    text: String,
}

struct Scan<'a, 'b> {
    bytes: &'a [u8],
    out: &'b mut Backbone,
    max_leaves: usize,
    section_of: &'b dyn Fn(&str) -> Option<String>,
    stack: Vec<Frame>,
    root_done: Option<String>,
    pending: Option<Leaf>,
    /// Start of the event being handled.
    at: u64,
    lines: Lines<'a>,
}

impl<'a, 'b> Scan<'a, 'b> {
    fn new(bytes: &'a [u8], out: &'b mut Backbone, max_leaves: usize, section_of: &'b dyn Fn(&str) -> Option<String>) -> Self {
        Scan { bytes, out, max_leaves, section_of, stack: Vec::new(), root_done: None, pending: None, at: 0, lines: Lines::new(bytes) }
    }

    fn malformed(&mut self, offset: u64, reason: String) -> Option<Refusal> {
        let (line, column) = self.lines.at(offset);
        Some(Refusal::Malformed(Malformed { line, column, reason }))
    }

    fn run(mut self) -> Option<Refusal> {
        if let Err(e) = std::str::from_utf8(self.bytes) {
            let declared = declared_encoding(self.bytes);
            if declared.as_deref().is_none_or(|e| e.eq_ignore_ascii_case("utf-8")) {
                let what = declared.map_or("UTF-8, the encoding XML assumes when none is declared", |_| "UTF-8, the encoding the file declares");
                return self.malformed(e.valid_up_to() as u64, format!("a byte here is not {what}"));
            }
        }
        let mut reader = Reader::from_reader(self.bytes);
        reader.config_mut().check_comments = true;
        let mut buf = Vec::new();
        let mut leaves = 0usize;
        loop {
            self.at = reader.buffer_position();
            let event = match reader.read_event_into(&mut buf) {
                Ok(e) => e,
                Err(e) => {
                    let reason = self.worded(&e);
                    // Markup never closed is reported where the file ends (as xmllint does),
                    // naming the line it opened on.
                    if matches!(e, quick_xml::Error::Syntax(_)) {
                        let opened = self.lines.at(reader.error_position()).0;
                        return self.malformed(self.bytes.len() as u64, format!("{reason} (it opens at line {opened})"));
                    }
                    return self.malformed(reader.error_position(), reason);
                }
            };
            if longest_value(&event) > MAX_VALUE {
                let (line, column) = self.lines.at(self.at);
                return Some(Refusal::ValueTooLong { line, column, limit: MAX_VALUE });
            }
            match event {
                Event::Eof => break,
                Event::DocType(d) => {
                    let text = d.xml10_content();
                    self.out.doctype_system = quoted_after(&text, "SYSTEM");
                    self.out.declares_entities |= text.contains("<!ENTITY");
                }
                Event::PI(p) => {
                    let text: &str = &p;
                    if self.root_done.is_none() && self.stack.is_empty() && self.out.stylesheet.is_none() && text.starts_with("xml-stylesheet") {
                        self.out.stylesheet = quoted_after(text, "href=");
                    }
                }
                Event::Start(e) => {
                    if let Some(why) = self.open(&e, &mut leaves) {
                        return Some(why);
                    }
                }
                Event::Empty(e) => {
                    if let Some(why) = self.open(&e, &mut leaves) {
                        return Some(why);
                    }
                    self.close();
                }
                Event::End(_) => self.close(),
                Event::Text(t) => {
                    let text = t.xml10_content();
                    if self.stack.is_empty() && !text.trim().is_empty() {
                        let outside = match &self.root_done {
                            Some(root) => format!("after the end of the root element <{root}>"),
                            None => "before the root element".to_owned(),
                        };
                        let skipped = text.len() - text.trim_start().len();
                        return self.malformed(self.at + skipped as u64, format!("there is text {outside}; a backbone holds everything inside its one root element"));
                    }
                    self.text(&text);
                }
                Event::CData(t) => self.text(&t.xml10_content()),
                Event::GeneralRef(r) => {
                    let name = r.xml10_content().into_owned();
                    match r.resolve_char_ref().ok().flatten().or_else(|| predefined(&name)) {
                        Some(c) => self.text(&c.to_string()),
                        None => {
                            if self.in_text_kept() {
                                self.text(&format!("&{name};"));
                                self.out.unexpanded.push(name);
                            }
                        }
                    }
                }
                _ => {}
            }
            buf.clear();
        }
        if let Some(open) = self.stack.last() {
            let reason = format!("the file ends inside the element <{}> opened at line {}", open.qname, open.line);
            return self.malformed(self.bytes.len() as u64, reason);
        }
        if self.root_done.is_none() {
            return self.malformed(self.bytes.len() as u64, "the file holds no element (a backbone has one root element)".to_owned());
        }
        self.out.unexpanded.sort();
        self.out.unexpanded.dedup();
        None
    }

    /// Whether text at this point is kept (a leaf's title, a node-extension's, an envelope value).
    fn in_text_kept(&self) -> bool {
        let n = self.stack.len();
        match self.stack.last().map(|f| f.kind) {
            Some(Kind::Title) => n >= 2 && matches!(self.stack[n - 2].kind, Kind::Leaf | Kind::Heading),
            Some(Kind::Envelope) => true,
            _ => false,
        }
    }

    fn text(&mut self, s: &str) {
        let n = self.stack.len();
        match self.stack.last().map(|f| f.kind) {
            Some(Kind::Title) if n >= 2 => match self.stack[n - 2].kind {
                Kind::Leaf => {
                    if let Some(leaf) = self.pending.as_mut() {
                        leaf.title.push_str(s);
                    }
                }
                Kind::Heading => self.stack[n - 2].text.push_str(s),
                _ => {}
            },
            Some(Kind::Envelope) => self.stack[n - 1].text.push_str(s),
            _ => {}
        }
    }

    fn open(&mut self, e: &BytesStart<'_>, leaves: &mut usize) -> Option<Refusal> {
        let qname = e.name().as_ref().to_owned();
        let local = e.local_name().as_ref().to_owned();
        let line = self.lines.at(self.at).0;
        // Every attribute, checked as XML requires (quoted, once each, `name="value"`).
        let mut attrs: Vec<(String, String)> = Vec::new();
        for a in e.attributes() {
            let a = match a {
                Ok(a) => a,
                Err(err) => {
                    let reason = format!("in the start tag <{qname}>, {}", attr_worded(&err));
                    return self.malformed(self.at + 1 + attr_position(&err) as u64, reason);
                }
            };
            let key = a.key.as_ref().to_owned();
            if a.value.contains('<') {
                let reason = format!("in the start tag <{qname}>, the value of the attribute {key} holds a `<` (written `&lt;` in XML)");
                return self.malformed(self.at, reason);
            }
            if key == "xmlns" || key.starts_with("xmlns:") {
                continue;
            }
            // Only the five predefined entities and character references are unescaped; any
            // other reference leaves the raw value (which then fails to resolve and is reported).
            let value = match a.normalized_value(quick_xml::XmlVersion::Implicit1_0) {
                Ok(v) => v.into_owned(),
                Err(_) => {
                    self.out.unexpanded.push(format!("(in the {key} attribute)"));
                    a.value.clone().into_owned()
                }
            };
            attrs.push((key, value));
        }
        let local_attr = |k: &str| k.rsplit(':').next().unwrap_or(k).to_owned();
        let parent_kind = self.stack.last().map(|f| f.kind);
        if parent_kind.is_none() {
            if let Some(root) = &self.root_done {
                let reason = format!("a second root element <{qname}> follows the root element <{root}>; a backbone has one root element");
                return self.malformed(self.at, reason);
            }
            self.out.root_attributes = attrs.iter().map(|(k, v)| (local_attr(k), v.clone())).collect();
        }
        if let Some(parent) = self.stack.last_mut() {
            if local == "leaf" {
                parent.has_leaf_child = true;
            } else if local != "title" {
                parent.has_heading_child = true;
            }
        }
        let kind = match parent_kind {
            None => Kind::Root,
            Some(Kind::Envelope) => Kind::Envelope,
            Some(Kind::Leaf) if local == "title" => Kind::Title,
            Some(Kind::Leaf | Kind::InLeaf | Kind::Title) => Kind::InLeaf,
            Some(_) if ENVELOPES.contains(&local.as_str()) => Kind::Envelope,
            Some(_) if local == "leaf" => Kind::Leaf,
            Some(_) if local == "title" => Kind::Title,
            Some(_) => Kind::Heading,
        };
        let chain = (matches!(kind, Kind::Root | Kind::Heading) && local != "node-extension").then(|| {
            let mut parts: Vec<String> = attrs
                .iter()
                .map(|(k, v)| (local_attr(k), v))
                .filter(|(k, _)| !matches!(k.as_str(), "ID" | "dtd-version" | "schema-version"))
                .map(|(k, v)| format!("{k}={v}"))
                .collect();
            parts.sort();
            if parts.is_empty() { local.clone() } else { format!("{local}[{}]", parts.join(",")) }
        });
        let instance = attrs
            .iter()
            .filter(|(k, _)| INSTANCE_ATTRIBUTES.contains(&k.as_str()))
            .map(|(k, v)| (k.clone(), v.trim().to_owned()))
            .filter(|(_, v)| !v.is_empty())
            .collect();
        if kind == Kind::Envelope {
            // Attributes of the envelope (`submission@type`, `envelope@country`) beside its text
            // values; no element name holds `@`, so they never mix.
            for (k, v) in &attrs {
                let v = v.trim();
                if !v.is_empty() {
                    self.out.envelope.push((format!("{local}@{}", local_attr(k)), v.to_owned()));
                }
            }
        }
        if kind == Kind::Leaf {
            *leaves += 1;
            if *leaves > self.max_leaves {
                return Some(Refusal::TooManyLeaves { limit: self.max_leaves });
            }
            self.pending = Some(self.leaf(&attrs, line));
        }
        self.stack.push(Frame { qname, local, kind, line, chain, instance, has_heading_child: false, has_leaf_child: false, text: String::new() });
        None
    }

    fn leaf(&self, attrs: &[(String, String)], line: usize) -> Leaf {
        let attr = |name: &str| {
            attrs.iter().find(|(k, _)| if name == "xml:lang" { k == name } else { k.rsplit(':').next() == Some(name) }).map(|(_, v)| v.clone())
        };
        let exempt = self.stack.iter().any(|f| f.local == "node-extension" || f.local.starts_with("m3-2-a"));
        let section = self.stack.iter().filter_map(|f| f.chain.as_deref()).collect::<Vec<_>>().join("/");
        let (code, element) = self
            .stack
            .iter()
            .rev()
            .find_map(|f| (self.section_of)(&f.qname).map(|c| (Some(c), f.qname.clone())))
            .unwrap_or_else(|| (None, self.stack.last().map(|f| f.qname.clone()).unwrap_or_default()));
        let href = attr("href").filter(|h| !h.is_empty());
        let base = self.out.base().to_owned();
        Leaf {
            id: attr("ID").unwrap_or_default(),
            operation: attr("operation").unwrap_or_default(),
            target: href.as_deref().map(|h| resolve(&base, h)),
            href,
            checksum: attr("checksum").filter(|c| !c.is_empty()),
            checksum_type: attr("checksum-type"),
            modified_file: attr("modified-file").filter(|m| !m.is_empty()),
            title: String::new(),
            section,
            exempt_section: exempt,
            code,
            element,
            language: attr("xml:lang"),
            heading_attributes: self.stack.iter().flat_map(|f| f.instance.iter().cloned()).collect(),
            line,
        }
    }

    fn close(&mut self) {
        let Some(f) = self.stack.pop() else { return };
        match f.kind {
            Kind::Root => self.root_done = Some(f.qname),
            Kind::Leaf => {
                if let Some(mut leaf) = self.pending.take() {
                    leaf.title = leaf.title.trim().to_owned();
                    self.out.leaves.push(leaf);
                }
            }
            Kind::Heading => {
                if f.local == "node-extension" && f.text.trim().is_empty() {
                    self.out.untitled_extensions += 1;
                }
                if !f.has_heading_child && !f.has_leaf_child {
                    let mut path: Vec<&str> = self.stack.iter().map(|p| p.local.as_str()).collect();
                    path.push(&f.local);
                    self.out.empty_headings.push(path.join("/"));
                }
            }
            Kind::Envelope => {
                if !f.has_heading_child && !f.has_leaf_child {
                    self.out.envelope.push((f.local, f.text.trim().to_owned()));
                }
            }
            Kind::Title | Kind::InLeaf => {}
        }
    }

    /// quick-xml's error, in words.
    fn worded(&self, e: &quick_xml::Error) -> String {
        use quick_xml::errors::{IllFormedError as I, SyntaxError as S};
        match e {
            quick_xml::Error::Syntax(s) => match s {
                S::InvalidBangMarkup => "`<!` starts neither a comment (`<!--`), a CDATA section nor the DOCTYPE".to_owned(),
                S::UnclosedPI => "a processing instruction `<?…` is never closed by `?>`".to_owned(),
                S::UnclosedXmlDecl => "the XML declaration `<?xml …` is never closed by `?>`".to_owned(),
                S::UnclosedComment => "a comment `<!--` is never closed by `-->`".to_owned(),
                S::UnclosedDoctype => "the DOCTYPE declaration is never closed by `>`".to_owned(),
                S::UnclosedCData => "a CDATA section `<![CDATA[` is never closed by `]]>`".to_owned(),
                S::UnclosedTag => "a tag opened by `<` is never closed by `>`".to_owned(),
                S::UnclosedSingleQuotedAttributeValue | S::UnclosedDoubleQuotedAttributeValue => {
                    "an attribute value opened by a quote is never closed by the same quote".to_owned()
                }
            },
            quick_xml::Error::IllFormed(i) => match i {
                I::MissingDeclVersion(_) => "the XML declaration does not start with its version (`<?xml version=\"1.0\" …?>`)".to_owned(),
                I::UnknownVersion => "the XML declaration names a version other than 1.0 or 1.1".to_owned(),
                I::MissingDoctypeName => "the DOCTYPE declaration names no root element".to_owned(),
                I::MissingEndTag(name) | I::UnmatchedEndTag(name) if self.stack.is_empty() => {
                    format!("the end tag </{name}> closes no open element")
                }
                I::MissingEndTag(name) => format!("the file ends inside the element <{name}>"),
                I::UnmatchedEndTag(name) => format!("the end tag </{name}> closes no open element"),
                I::MismatchedEndTag { expected, found } => {
                    let opened = self.stack.last().map_or(String::new(), |f| format!(" opened at line {}", f.line));
                    format!("the element <{expected}>{opened} is closed by </{found}>")
                }
                I::DoubleHyphenInComment => "a comment holds `--`, which XML does not allow inside a comment".to_owned(),
                I::UnclosedReference => "an `&` is not closed by `;` (a literal ampersand is written `&amp;`)".to_owned(),
            },
            quick_xml::Error::InvalidAttr(a) => attr_worded(a),
            quick_xml::Error::Encoding(_) => "a byte here is not UTF-8".to_owned(),
            quick_xml::Error::Escape(_) => "an entity or character reference is not valid".to_owned(),
            quick_xml::Error::Io(io) => format!("the file could not be read ({io})"),
            other => other.to_string(),
        }
    }
}

fn attr_worded(e: &quick_xml::events::attributes::AttrError) -> String {
    use quick_xml::events::attributes::AttrError as A;
    match e {
        A::ExpectedEq(_) => "an attribute name is not followed by `=`".to_owned(),
        A::ExpectedValue(_) => "an `=` is not followed by an attribute value".to_owned(),
        A::UnquotedValue(_) => "an attribute value is not quoted".to_owned(),
        A::ExpectedQuote(_, _) => "an attribute value is not closed by its quote".to_owned(),
        A::Duplicated(_, _) => "an attribute appears twice".to_owned(),
    }
}

fn attr_position(e: &quick_xml::events::attributes::AttrError) -> usize {
    use quick_xml::events::attributes::AttrError as A;
    match e {
        A::ExpectedEq(p) | A::ExpectedValue(p) | A::UnquotedValue(p) | A::ExpectedQuote(p, _) | A::Duplicated(p, _) => *p,
    }
}

/// Byte offsets to 1-based lines and columns (columns in characters).
struct Lines<'a> {
    bytes: &'a [u8],
    /// Offset of each line's first byte.
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        let starts = std::iter::once(0).chain(bytes.iter().enumerate().filter(|(_, b)| **b == b'\n').map(|(i, _)| i + 1)).collect();
        Lines { bytes, starts }
    }

    fn at(&self, offset: u64) -> (usize, usize) {
        let offset = usize::try_from(offset).unwrap_or(usize::MAX).min(self.bytes.len());
        let line = self.starts.partition_point(|s| *s <= offset).max(1);
        let start = self.starts[line - 1];
        let column = String::from_utf8_lossy(&self.bytes[start..offset]).chars().count() + 1;
        (line, column)
    }
}

/// The `encoding` of the XML declaration, if there is one.
fn declared_encoding(bytes: &[u8]) -> Option<String> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(200)]).into_owned();
    let decl = head.strip_prefix("\u{feff}").unwrap_or(&head);
    let decl = &decl[..decl.find("?>").filter(|_| decl.starts_with("<?xml"))?];
    quoted_after(decl, "encoding=").or_else(|| quoted_after(decl, "encoding ="))
}

fn quoted_after(text: &str, key: &str) -> Option<String> {
    let rest = &text[text.find(key)? + key.len()..];
    let rest = rest.trim_start().strip_prefix('=').unwrap_or(rest.trim_start()).trim_start();
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let rest = &rest[1..];
    Some(rest[..rest.find(quote)?].to_owned())
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
    use super::{Href, modified_leaf, resolve};

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

    fn inside(p: &str) -> Href {
        Href::Inside { path: p.to_owned() }
    }

    #[test]
    fn hrefs_resolve_inside_the_sequence_or_into_a_sibling_sequence() {
        assert_eq!(resolve("m1/eu", "10-cover/a.pdf"), inside("m1/eu/10-cover/a.pdf"));
        assert_eq!(resolve("m1/eu", "../../m2/a.pdf"), inside("m2/a.pdf"));
        assert_eq!(resolve("", "./m3/a.pdf"), inside("m3/a.pdf"));
        assert_eq!(resolve("", "m3//a.pdf"), inside("m3/a.pdf"));
        assert_eq!(resolve("", "m3/a%20b.pdf"), inside("m3/a b.pdf"), "a URI reference: escapes are decoded");
        assert_eq!(resolve("", "m3%2Fa.pdf"), Href::Outside, "an escaped separator is not a separator");
        assert_eq!(resolve("", "m3/%zz.pdf"), Href::Outside);
        assert_eq!(resolve("", "../0000/m3/a.pdf"), Href::Sibling { sequence: "0000".into(), path: "m3/a.pdf".into() });
        assert_eq!(
            resolve("m1/eu", "../../../0000/m1/eu/eu-regional.xml"),
            Href::Sibling { sequence: "0000".into(), path: "m1/eu/eu-regional.xml".into() }
        );
        assert_eq!(resolve("", "../notes/a.pdf"), Href::Outside, "a sibling folder that is no sequence");
        assert_eq!(resolve("", "../0000/../../etc/passwd"), Href::Outside, "climbing out of the application is refused");
        assert_eq!(resolve("", "../../etc/passwd"), Href::Outside);
        assert_eq!(resolve("", "/etc/passwd"), Href::Outside);
        assert_eq!(resolve("", "file:///etc/passwd"), Href::Outside);
        assert_eq!(resolve("", "C:/x.pdf"), Href::Outside);
        assert_eq!(resolve("", "m3\\x.pdf"), Href::Outside);
        assert_eq!(resolve("", "."), Href::Outside);
    }
}
