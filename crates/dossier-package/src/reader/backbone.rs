//! One backbone read in one streaming quick-xml pass into plain data ([`Backbone`]), under
//! limits, with no DTD processing; XML that is not well-formed is named by line, column and
//! reason.

use std::path::Path;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::{INSTANCE_ATTRIBUTES, MAX_BACKBONE_BYTES, MAX_VALUE, Href, resolve};

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
