//! Reading a sequence folder for validation: its files and folders (symlinks are never
//! followed), and its backbones as plain data (leaves, headings, envelope values, prolog).
//!
//! Backbones are parsed without loading any DTD and without expanding entities; one that
//! declares entities is not parsed further (`DB-XML-UNSAFE`), which closes XXE and "billion
//! laughs" before they start.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// One file or folder, `/`-separated from the sequence folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub rel: String,
    pub size: u64,
    /// Folders only: nothing inside.
    pub empty: bool,
    /// Files only: what it is when it is not a regular file ("a symbolic link", "a FIFO (named
    /// pipe)", "a device"…). Such a file is listed, reported, and never opened.
    pub special: Option<&'static str>,
}

#[derive(Debug, Clone, Default)]
pub struct Tree {
    pub files: Vec<Entry>,
    pub dirs: Vec<Entry>,
}

/// Lists `root` recursively; symlinks are listed as files and never followed.
pub fn tree(root: &Path) -> std::io::Result<Tree> {
    let mut out = Tree::default();
    let mut stack = vec![PathBuf::new()];
    while let Some(rel) = stack.pop() {
        let mut count = 0;
        for e in fs::read_dir(root.join(&rel))? {
            let e = e?;
            count += 1;
            let child = rel.join(e.file_name());
            let meta = fs::symlink_metadata(e.path())?;
            let text = child.to_string_lossy().replace('\\', "/");
            if meta.is_dir() {
                stack.push(child);
                out.dirs.push(Entry { rel: text, size: 0, empty: false, special: None });
            } else {
                let special = crate::regular::special_kind(meta.file_type());
                out.files.push(Entry { rel: text, size: meta.len(), empty: false, special });
            }
        }
        if count == 0 && !rel.as_os_str().is_empty() {
            let text = rel.to_string_lossy().replace('\\', "/");
            if let Some(d) = out.dirs.iter_mut().find(|d| d.rel == text) {
                d.empty = true;
            }
        }
    }
    out.files.sort_by(|a, b| a.rel.cmp(&b.rel));
    out.dirs.sort_by(|a, b| a.rel.cmp(&b.rel));
    Ok(out)
}

/// One leaf of a backbone.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Leaf {
    pub id: String,
    pub operation: String,
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
}

/// What a backbone says, read once.
#[derive(Debug, Clone, Default)]
pub struct Backbone {
    /// Path from the sequence folder (`index.xml`, `m1/eu/eu-regional.xml`).
    pub rel: String,
    pub bytes: Vec<u8>,
    pub doctype_system: Option<String>,
    pub stylesheet: Option<String>,
    pub declares_entities: bool,
    /// `None` when not well-formed (the message says why).
    pub parse_error: Option<String>,
    pub root_attributes: BTreeMap<String, String>,
    pub leaves: Vec<Leaf>,
    /// Headings with no leaf below them (EU VC 10.1), as element paths.
    pub empty_headings: Vec<String>,
    /// Node-extensions with an empty title (EU VC 12.1).
    pub untitled_extensions: usize,
    /// Envelope text values by element name, in document order (first envelope first).
    pub envelope: Vec<(String, String)>,
}

impl Backbone {
    /// The folder hrefs are relative to, from the sequence folder (`""`, `m1/eu`).
    pub fn base(&self) -> &str {
        self.rel.rsplit_once('/').map_or("", |(b, _)| b)
    }

    pub fn envelope_values(&self, name: &str) -> impl Iterator<Item = &str> {
        self.envelope.iter().filter(move |(n, _)| n == name).map(|(_, v)| v.as_str())
    }
}

/// Envelope subtrees: not headings, never need leaves.
const ENVELOPES: &[&str] = &["eu-envelope", "cn-envelope", "admin"];

pub fn backbone(rel: &str, bytes: Vec<u8>) -> Backbone {
    let mut b = Backbone { rel: rel.to_owned(), ..Backbone::default() };
    let text = String::from_utf8_lossy(&bytes).into_owned();
    b.bytes = bytes;
    let prolog_end = root_start(&text);
    let prolog = &text[..prolog_end];
    b.doctype_system = prolog.find("<!DOCTYPE").and_then(|at| quoted_after(&prolog[at..], "SYSTEM"));
    b.stylesheet = prolog.find("<?xml-stylesheet").and_then(|at| quoted_after(&prolog[at..], "href="));
    b.declares_entities = prolog.contains("<!ENTITY");
    if let Err(e) = super::parse(&b.bytes) {
        b.parse_error = Some(e);
        return b;
    }
    if b.declares_entities {
        return b;
    }
    let opts = roxmltree::ParsingOptions { allow_dtd: true, ..Default::default() };
    let doc = match roxmltree::Document::parse_with_options(&text, opts) {
        Ok(d) => d,
        Err(e) => {
            b.parse_error = Some(e.to_string());
            return b;
        }
    };
    let root = doc.root_element();
    b.root_attributes = root.attributes().map(|a| (a.name().to_owned(), a.value().to_owned())).collect();
    for node in root.descendants().filter(|n| n.is_element()) {
        let name = node.tag_name().name();
        if ENVELOPES.contains(&name) {
            for v in node.descendants().filter(|n| n.is_element()) {
                let value = v.text().map(str::trim).unwrap_or_default();
                if v.children().all(|c| !c.is_element()) {
                    b.envelope.push((v.tag_name().name().to_owned(), value.to_owned()));
                }
            }
            continue;
        }
        if node.ancestors().any(|a| ENVELOPES.contains(&a.tag_name().name())) {
            continue;
        }
        match name {
            "leaf" => b.leaves.push(leaf(node)),
            "title" => {}
            _ if node == root => {}
            _ => {
                if name == "node-extension" && title_of(node).is_empty() {
                    b.untitled_extensions += 1;
                }
                let lowest = !node.children().any(|c| c.is_element() && !matches!(c.tag_name().name(), "title" | "leaf"));
                if lowest && !node.children().any(|c| c.tag_name().name() == "leaf") {
                    b.empty_headings.push(path_of(node));
                }
            }
        }
    }
    b
}

fn leaf(node: roxmltree::Node<'_, '_>) -> Leaf {
    let attr = |name: &str| node.attributes().find(|a| a.name() == name).map(|a| a.value().to_owned());
    let mut exempt = false;
    let mut chain = Vec::new();
    for a in node.ancestors().skip(1).filter(|n| n.is_element()) {
        let name = a.tag_name().name();
        if name == "node-extension" || name.starts_with("m3-2-a") {
            exempt = true;
        }
        if name == "node-extension" {
            continue;
        }
        let mut attrs: Vec<String> =
            a.attributes().filter(|x| !matches!(x.name(), "ID" | "dtd-version" | "schema-version")).map(|x| format!("{}={}", x.name(), x.value())).collect();
        attrs.sort();
        chain.push(if attrs.is_empty() { name.to_owned() } else { format!("{name}[{}]", attrs.join(",")) });
    }
    chain.reverse();
    Leaf {
        id: attr("ID").unwrap_or_default(),
        operation: attr("operation").unwrap_or_default(),
        href: attr("href").filter(|h| !h.is_empty()),
        checksum: attr("checksum").filter(|c| !c.is_empty()),
        checksum_type: attr("checksum-type"),
        modified_file: attr("modified-file").filter(|m| !m.is_empty()),
        title: title_of(node),
        section: chain.join("/"),
        exempt_section: exempt,
    }
}

fn title_of(node: roxmltree::Node<'_, '_>) -> String {
    node.children()
        .find(|c| c.tag_name().name() == "title")
        .map(|t| t.descendants().filter_map(|d| d.text()).collect::<String>().trim().to_owned())
        .unwrap_or_default()
}

fn path_of(node: roxmltree::Node<'_, '_>) -> String {
    let mut names: Vec<&str> = node.ancestors().filter(|n| n.is_element()).map(|n| n.tag_name().name()).collect();
    names.reverse();
    names.join("/")
}

/// Byte offset of the root element's start tag (after the XML declaration, PIs, comments and
/// DOCTYPE with its internal subset).
fn root_start(text: &str) -> usize {
    let mut i = 0;
    let bytes = text.as_bytes();
    let mut depth = 0i32;
    while i < bytes.len() {
        match bytes[i] {
            b'[' => depth += 1,
            b']' => depth -= 1,
            b'<' if depth == 0 => {
                let next = bytes.get(i + 1).copied().unwrap_or(0);
                if next != b'?' && next != b'!' {
                    return i;
                }
            }
            _ => {}
        }
        i += 1;
    }
    text.len()
}

fn quoted_after(text: &str, key: &str) -> Option<String> {
    let rest = &text[text.find(key)? + key.len()..];
    let rest = rest.trim_start();
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let rest = &rest[1..];
    Some(rest[..rest.find(quote)?].to_owned())
}

/// `base` joined with a relative `href`, normalised. `Some("m3/x.pdf")` inside this sequence,
/// `Some("@0000/m3/x.pdf")` in a sibling sequence folder, `None` when it leaves the application
/// folder or is absolute.
pub fn resolve(base: &str, href: &str) -> Option<String> {
    if href.starts_with('/') || href.contains('\\') || href.contains(':') {
        return None;
    }
    const HERE: &str = "\0";
    let mut stack: Vec<&str> = std::iter::once(HERE).chain(base.split('/').filter(|s| !s.is_empty())).collect();
    for seg in href.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                stack.pop()?;
            }
            s => stack.push(s),
        }
    }
    match stack.first() {
        Some(&HERE) => Some(stack[1..].join("/")),
        Some(_) => Some(format!("@{}", stack.join("/"))),
        None => None,
    }
}

#[cfg(test)]
mod tests {
    use super::resolve;

    #[test]
    fn hrefs_resolve_inside_the_sequence_or_into_a_sibling_sequence() {
        assert_eq!(resolve("m1/eu", "10-cover/a.pdf").as_deref(), Some("m1/eu/10-cover/a.pdf"));
        assert_eq!(resolve("", "m3/x.pdf").as_deref(), Some("m3/x.pdf"));
        assert_eq!(resolve("", "../0000/index.xml").as_deref(), Some("@0000/index.xml"));
        assert_eq!(resolve("m1/eu", "../../../0000/m1/eu/eu-regional.xml").as_deref(), Some("@0000/m1/eu/eu-regional.xml"));
        assert_eq!(resolve("", "../../etc/passwd"), None, "climbing out of the application is refused");
        assert_eq!(resolve("", "/etc/passwd"), None);
        assert_eq!(resolve("", "m3\\x.pdf"), None);
    }
}
