//! The Hong Kong CTD bundle (profile format `hk-ctd`). Hong Kong takes no eCTD: documents are
//! uploaded one by one through the DoH portal (PRS 2.0), presented in ICH CTD structure
//! (authorities.md §1.7, S10). So the bundle is a folder per CTD section — Module 1 by the HK
//! profile's own headings, Modules 2–5 by ICH folder names — with upload-ready file names, and
//! an index (`index.csv`) mapping every file to its checklist item, section, route and hashes.
//!
//! [`plan`] is pure and deterministic like the sequence planner; [`write`] is the I/O (temp
//! folder renamed into place); [`index`] renders the index rows.

pub mod index;
pub mod pdf;
pub mod write;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;

use dossier_model::{Finding, Severity};
use dossier_rules::{CtdNode, CtdTree};
use serde::Serialize;

use crate::names::NamingRules;
use crate::plan::{LeafSource, leaf_path, sequence_name, strip_region};

/// The section prefix of Hong Kong Module 1 headings (`hk:gmp-certificates`).
pub const PREFIX: &str = "hk";

/// The longest path, counted from the bundle folder name (`0000/…`). Hong Kong publishes no
/// limit; the eCTD one (EU VC 15.3) keeps the bundle portable to every archive and portal.
const MAX_PATH: usize = 180;

/// A Module 1 heading of the HK profile, in profile order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// The profile's code, without the `hk:` prefix (`gmp-certificates`).
    pub code: String,
    pub title: String,
    pub parent: Option<String>,
}

/// A checklist item a file serves.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct ItemRef {
    pub id: String,
    pub title: String,
}

/// One document placed on one section, with the items it serves there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundleSource {
    pub leaf: LeafSource,
    pub items: Vec<ItemRef>,
    /// `cover-letter` for the application's cover letter; it is listed first in the index.
    pub role: Option<String>,
}

#[derive(Debug, Clone)]
pub struct BundleInput<'a> {
    /// The bundle's number (0 for `0000`); every build is complete, numbers only keep builds apart.
    pub number: u32,
    pub ctd: &'a CtdTree,
    pub m1: &'a [Heading],
    /// The application's route (`1plus`), written into every index row.
    pub route: Option<String>,
    pub sources: Vec<BundleSource>,
}

/// One row of the index: one file on one checklist item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IndexRow {
    /// From the bundle folder (`m1/manufacturer/gmp-certificates/gmp-certificate.pdf`).
    pub path: String,
    pub item: String,
    pub item_title: String,
    pub section: String,
    pub section_title: String,
    pub route: Option<String>,
    pub document: String,
    pub title: String,
    pub sha256: String,
    pub md5: String,
    pub size: u64,
    pub role: Option<String>,
}

/// One file to copy into the bundle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BundleFile {
    pub path: String,
    pub size: u64,
    #[serde(skip)]
    pub blob: PathBuf,
    /// As the store recorded it; the writer checks the bytes against it.
    #[serde(skip)]
    pub sha256: String,
}

/// A generated file for the bundle root, already in the blob store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// File name at the bundle root (`table-of-contents.pdf`).
    pub name: String,
    pub title: String,
    /// `table-of-contents` or `cover-letter`.
    pub role: String,
    /// The project document it is, if it is one (the user's own cover letter).
    pub document: Option<String>,
    pub sha256: String,
    pub md5: String,
    pub size: u64,
    pub blob: PathBuf,
}

#[derive(Debug, Clone, Serialize)]
pub struct BundlePlan {
    pub number: String,
    pub files: Vec<BundleFile>,
    /// Index rows in bundle order: the cover letter first, then Module 1 headings in profile
    /// order, then Modules 2–5 in ICH order.
    pub rows: Vec<IndexRow>,
    /// Renames, conflicts and sections that do not exist. Any `Error` means do not build.
    pub findings: Vec<Finding>,
}

impl BundlePlan {
    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(|f| f.severity == Severity::Error)
    }

    pub fn bytes(&self) -> u64 {
        self.files.iter().map(|f| f.size).sum()
    }

    /// Adds a file the program generated (table of contents, cover letter) at the bundle root,
    /// listed first in the index: it serves no checklist item, so its item fields are empty.
    pub fn add_generated(&mut self, file: GeneratedFile) {
        let path = file.name.clone();
        self.files.insert(0, BundleFile { path: path.clone(), size: file.size, blob: file.blob, sha256: file.sha256.clone() });
        self.rows.insert(
            0,
            IndexRow {
                path,
                item: String::new(),
                item_title: String::new(),
                section: String::new(),
                section_title: String::new(),
                route: self.rows.first().and_then(|r| r.route.clone()),
                document: file.document.unwrap_or_default(),
                title: file.title,
                sha256: file.sha256,
                md5: file.md5,
                size: file.size,
                role: Some(file.role),
            },
        );
    }

    /// The path of the cover letter, when one is placed.
    pub fn cover_letter(&self) -> Option<&str> {
        self.rows.iter().find(|r| r.role.as_deref() == Some("cover-letter")).map(|r| r.path.as_str())
    }
}

enum Resolved<'t> {
    Module1(usize),
    Ich(&'t CtdNode),
}

pub fn plan(input: &BundleInput<'_>) -> BundlePlan {
    let rules = NamingRules { allow_underscore: false, max_path: MAX_PATH };
    let number = sequence_name(input.number);
    let mut findings = Vec::new();
    let ich_order: HashMap<&str, usize> =
        input.ctd.nodes().iter().enumerate().map(|(i, n)| (n.code.as_str(), i)).collect();

    // The same document on the same section is one file serving every item that placed it.
    let mut merged: BTreeMap<(String, String), BundleSource> = BTreeMap::new();
    for src in &input.sources {
        let entry = merged.entry((src.leaf.section.clone(), src.leaf.document.clone())).or_insert_with(|| {
            let mut s = src.clone();
            s.items.clear();
            s
        });
        entry.items.extend(src.items.iter().cloned());
        entry.role = entry.role.clone().or_else(|| src.role.clone());
    }

    let mut resolved: Vec<((u8, usize), BundleSource, Resolved<'_>)> = Vec::new();
    for (_, mut src) in merged {
        src.items.sort();
        src.items.dedup();
        let cover = u8::from(src.role.as_deref() != Some("cover-letter"));
        if let Some(code) = src.leaf.section.strip_prefix(PREFIX).and_then(|s| s.strip_prefix(':')) {
            match input.m1.iter().position(|h| h.code == code) {
                Some(i) => resolved.push(((cover, i), src, Resolved::Module1(i))),
                None => findings.push(unknown_section(&src.leaf)),
            }
        } else if let Some(node) = input.ctd.get(&src.leaf.section) {
            resolved.push(((cover, 1_000_000 + ich_order[node.code.as_str()]), src, Resolved::Ich(node)));
        } else {
            findings.push(unknown_section(&src.leaf));
        }
    }
    resolved.sort_by(|a, b| (a.0, &a.1.leaf.lineage, &a.1.leaf.document).cmp(&(b.0, &b.1.leaf.lineage, &b.1.leaf.document)));

    let mut used = HashSet::new();
    let mut files = Vec::new();
    let mut rows = Vec::new();
    for (_, src, section) in resolved {
        let (folder, section_title) = match section {
            Resolved::Module1(i) => (module1_folder(input.m1, i), input.m1[i].title.clone()),
            Resolved::Ich(node) => (crate::plan::ich_folder(input.ctd, node, &src.leaf.heading), instance_title(&node.title, &src.leaf.heading)),
        };
        let Some(path) = leaf_path(&rules, &number, &folder, &src.leaf, &mut used, &mut findings) else { continue };
        let leaf = &src.leaf;
        files.push(BundleFile { path: path.clone(), size: leaf.size, blob: leaf.blob.clone(), sha256: leaf.sha256.clone() });
        let title = if leaf.title.trim().is_empty() { leaf.file_name.clone() } else { leaf.title.clone() };
        for item in &src.items {
            rows.push(IndexRow {
                path: path.clone(),
                item: item.id.clone(),
                item_title: item.title.clone(),
                section: leaf.section.clone(),
                section_title: section_title.clone(),
                route: input.route.clone(),
                document: leaf.document.clone(),
                title: title.clone(),
                sha256: leaf.sha256.clone(),
                md5: leaf.md5.clone(),
                size: leaf.size,
                role: src.role.clone(),
            });
        }
    }
    if files.is_empty() {
        findings.push(Finding::new(
            "DB-PKG-EMPTY",
            Severity::Error,
            format!("bundle {number} would hold no file: no document is placed on the application's checklist; import or assign documents first"),
        )
        .coded("bundle-empty", [("bundle", &number)]));
    }
    BundlePlan { number, files, rows, findings }
}

fn unknown_section(leaf: &LeafSource) -> Finding {
    Finding::new(
        "DB-PKG-SECTION",
        Severity::Error,
        format!(
            "{} ({}) is placed on `{}`, which is neither an ICH M2–M5 heading nor a Hong Kong Module 1 heading (`{PREFIX}:…`); correct its section",
            leaf.file_name, leaf.document, leaf.section
        ),
    )
    .coded("section-unknown", [("file", &leaf.file_name), ("document", &leaf.document), ("section", &leaf.section), ("region", PREFIX)])
}

/// `m1/<ancestor codes>/<code>`: the profile's codes are already legal folder names, and
/// cleaning keeps that true if a profile ever adds one that is not.
fn module1_folder(m1: &[Heading], i: usize) -> String {
    let rules = NamingRules { allow_underscore: false, max_path: MAX_PATH };
    let mut segments = Vec::new();
    let mut current = Some(i);
    while let Some(idx) = current {
        segments.push(rules.clean_stem(&m1[idx].code, 40));
        current = m1[idx].parent.as_deref().and_then(|p| m1.iter().position(|h| h.code == strip_region(p)));
    }
    segments.reverse();
    format!("m1/{}", segments.join("/"))
}

/// A section's title with the instance it belongs to, since the bundle has no XML attributes
/// to say so: `Specification(s) (film-coated tablet)`, `Reports of Efficacy and Safety Studies
/// (NSCLC)`, `Specification (examplinib, Plant A)`.
fn instance_title(title: &str, heading: &crate::Heading) -> String {
    let names: Vec<String> = heading
        .values()
        .map(|i| match i.attribute("dosageform") {
            Some(form) => form.to_owned(),
            None => i.attributes.iter().map(|(_, v)| v.as_str()).collect::<Vec<_>>().join(", "),
        })
        .filter(|n| !n.is_empty())
        .collect();
    if names.is_empty() { title.to_owned() } else { format!("{title} ({})", names.join("; ")) }
}

