//! The sequence plan: from plain data about the documents to place, the application's earlier
//! sequences and its envelope, every leaf of the next sequence with its path, id, operation and
//! checksum. Pure and deterministic: no clock, no randomness, no file system (blob paths are
//! carried, never opened), so the same input always gives the same plan.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;

use dossier_model::{Finding, Severity};
use dossier_rules::{CtdNode, CtdTree};
use serde::Serialize;

use crate::envelope::Envelope;
use crate::names::{MAX_NAME, NamingRules, clean_ext};
use crate::{Region, backbone, util};

/// One document to place on one section: what the planner needs, nothing it has to look up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeafSource {
    /// ICH code (`3.2.P.5.1`) or regional code with its region (`eu:1.3.1`, `cn:1.3.8.9`).
    pub section: String,
    pub document: String,
    /// What makes two documents versions of each other (their source path): a new version on the
    /// same section replaces the old one instead of being added beside it.
    pub lineage: String,
    pub sha256: String,
    pub md5: String,
    pub size: u64,
    pub file_name: String,
    pub title: String,
    /// BCP-47 (`en`, `zh-Hans`); EU product information uses it for its language folder.
    pub language: Option<String>,
    /// Where the bytes are (the blob store); copied by the writer, never read by the planner.
    pub blob: PathBuf,
    /// The instances of repeating headings the document is filed under (only the kinds its
    /// section sits below; see [`Heading`]).
    pub heading: Heading,
}

/// A heading of a regional Module 1 tree, in the order its DTD/XSD declares it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegionalNode {
    /// `1.3.1` (a `eu:`/`cn:`/`us:` prefix is accepted and ignored).
    pub code: String,
    pub element: String,
    /// Folder segment; when absent the code's digits are used (`1.3.1` → `131`); empty for none.
    pub folder: Option<String>,
    pub parent: Option<String>,
}

pub use dossier_rules::headings::{Heading, Instance, heading_key, kind_noun};

/// Which backbone file holds a leaf.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Backbone {
    /// `index.xml` (Modules 2–5).
    Index,
    /// `m1/<region>/<region>-regional.xml`.
    Regional,
}

impl Backbone {
    pub fn as_str(self) -> &'static str {
        match self {
            Backbone::Index => "index",
            Backbone::Regional => "regional",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "index" => Some(Backbone::Index),
            "regional" => Some(Backbone::Regional),
            _ => None,
        }
    }
}

/// ICH leaf operations; `unchanged` is deliberately not one (it fails the DTD).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Operation {
    New,
    Append,
    Replace,
    Delete,
}

impl Operation {
    pub fn as_str(self) -> &'static str {
        match self {
            Operation::New => "new",
            Operation::Append => "append",
            Operation::Replace => "replace",
            Operation::Delete => "delete",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "new" => Some(Operation::New),
            "append" => Some(Operation::Append),
            "replace" => Some(Operation::Replace),
            "delete" => Some(Operation::Delete),
            _ => None,
        }
    }
}

/// A leaf an earlier sequence of the application sent, as the store recorded it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PriorLeaf {
    pub sequence: String,
    pub id: String,
    pub backbone: Backbone,
    pub section: String,
    pub lineage: String,
    pub document: Option<String>,
    pub operation: Operation,
    /// Path from the sequence folder; `None` for a delete.
    pub href: Option<String>,
    pub md5: Option<String>,
    pub title: String,
    /// The leaf this one replaced, appended to or deleted: `(sequence, id)`.
    pub modifies: Option<(String, String)>,
    /// The heading instances it was filed under.
    pub heading: Heading,
}

/// A leaf an operation points back to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Target {
    pub sequence: String,
    pub id: String,
    pub backbone: Backbone,
}

/// One leaf of the planned sequence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlannedLeaf {
    pub id: String,
    pub backbone: Backbone,
    /// The section as given (`3.2.P.5.1`, `eu:1.3.1`).
    pub section: String,
    pub lineage: String,
    pub document: Option<String>,
    pub operation: Operation,
    /// Path from the sequence folder (`m3/32-body-data/…/spec.pdf`); `None` for a delete.
    pub href: Option<String>,
    pub modifies: Option<Target>,
    pub md5: Option<String>,
    pub size: u64,
    #[serde(skip)]
    pub blob: Option<PathBuf>,
    /// The blob's SHA-256 as the store recorded it (the writer checks the bytes against it);
    /// empty for a delete.
    #[serde(skip)]
    pub sha256: String,
    pub title: String,
    pub language: Option<String>,
    /// The heading instances the leaf is filed under (a delete: those of the leaf it deletes).
    pub heading: Heading,
}

/// Everything the planner needs.
#[derive(Debug, Clone)]
pub struct PlanInput<'a> {
    pub region: Region,
    /// The number of the sequence to build (0 for `0000`).
    pub sequence: u32,
    pub ctd: &'a CtdTree,
    pub m1: &'a [RegionalNode],
    pub leaves: Vec<LeafSource>,
    /// Every leaf of the application's earlier sequences.
    pub history: Vec<PriorLeaf>,
    pub envelope: Envelope,
    /// Delete every leaf still current (withdrawal of the application).
    pub withdrawal: bool,
    /// A person's choices for placed documents (see [`PlanChoice`]).
    pub choices: Vec<PlanChoice>,
}

/// What a person decided for one placed document of the next sequence, kept per application.
///
/// How a new version of an already-sent document is recognised: automatically when it is
/// placed on the same section and heading instances with the same lineage (its source path —
/// a file imported again at the same path, or the next version of an imported leaf's file);
/// otherwise only by this explicit choice, `replaces`, naming the current leaf it replaces. A
/// document placed alone on a section and heading instances where exactly one other leaf is
/// current is *suggested* as its replacement ([`SequencePlan::suggestions`]) but still goes out
/// as `new` until a person chooses: two study reports of one type on 5.3.5.1 are not versions
/// of each other, and a guess there would retire a report the regulator needs.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct PlanChoice {
    pub document: String,
    /// The current leaf `(sequence, id)` the document replaces.
    pub replaces: Option<(String, String)>,
    /// The leaf title to send instead of the document's.
    pub title: Option<String>,
}

/// A placement already sent and still current: not sent again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KeptLeaf {
    pub section: String,
    pub document: String,
    pub title: String,
    /// The current leaf that holds it.
    pub sequence: String,
    pub id: String,
    pub backbone: Backbone,
    pub href: Option<String>,
}

/// A `new` leaf that may be a new version of a current leaf (see [`PlanChoice`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suggestion {
    /// The planned leaf's id.
    pub leaf: String,
    pub document: String,
    pub target: Target,
    pub target_title: String,
}

/// The plan of one sequence.
#[derive(Debug, Clone, Serialize)]
pub struct SequencePlan {
    pub region: Region,
    pub number: String,
    /// Leaves in backbone order (index then regional, tree order, then path).
    pub leaves: Vec<PlannedLeaf>,
    /// Placements already sent unchanged by an earlier sequence (not sent again).
    pub unchanged: usize,
    /// Those placements, each with the current leaf that holds it.
    pub kept: Vec<KeptLeaf>,
    /// `new` leaves that may replace a current leaf, for a person to decide.
    pub suggestions: Vec<Suggestion>,
    pub envelope: Envelope,
    /// What the planner had to decide or could not do. Any `Error` means do not build.
    pub findings: Vec<Finding>,
    #[serde(skip)]
    pub m1: Vec<RegionalNode>,
}

impl SequencePlan {
    pub fn count(&self, op: Operation) -> usize {
        self.leaves.iter().filter(|l| l.operation == op).count()
    }

    /// Bytes of the leaves this sequence copies.
    pub fn bytes(&self) -> u64 {
        self.leaves.iter().filter(|l| l.blob.is_some()).map(|l| l.size).sum()
    }

    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(|f| f.severity == Severity::Error)
    }

    /// Path of the regional backbone from the sequence folder.
    pub fn regional_path(&self) -> String {
        let r = self.region.code();
        format!("m1/{r}/{r}-regional.xml")
    }

    /// The util files this sequence carries.
    pub fn util_files(&self) -> Vec<util::UtilFile> {
        util::util_files(self.region)
    }
}

pub fn sequence_name(n: u32) -> String {
    format!("{n:04}")
}

/// A section resolved against the trees.
enum Resolved<'t> {
    Ich(&'t CtdNode),
    Regional(usize),
}

/// Plans the next sequence.
pub fn plan(input: &PlanInput<'_>) -> SequencePlan {
    let rules = NamingRules::for_region(input.region);
    let number = sequence_name(input.sequence);
    let mut findings = Vec::new();
    let regional_prefix = format!("{}:", input.region.code());

    // What is current from earlier sequences (the cumulative view), by section, heading
    // instances and lineage.
    let mut active: BTreeMap<(String, String, String), &PriorLeaf> = BTreeMap::new();
    for leaf in crate::cumulative::current(&input.history) {
        active.insert((leaf.section.clone(), heading_key(&leaf.heading), leaf.lineage.clone()), leaf);
    }
    if input.history.iter().any(|l| l.sequence == number) {
        findings.push(Finding::new(
            "13.2",
            Severity::Error,
            format!("sequence {number} was already built for this application; build the next number instead"),
        )
        .coded("sequence-exists", [("sequence", &number)]));
    }

    // Current placements, resolved and ordered by tree position so names are given in a stable order.
    let mut current: Vec<(usize, &LeafSource, Resolved<'_>)> = Vec::new();
    let ich_order: HashMap<&str, usize> =
        input.ctd.nodes().iter().enumerate().map(|(i, n)| (n.code.as_str(), i)).collect();
    for src in if input.withdrawal { &[][..] } else { &input.leaves[..] } {
        if let Some(code) = src.section.strip_prefix(&regional_prefix) {
            match input.m1.iter().position(|n| strip_region(&n.code) == code) {
                Some(i) => current.push((i, src, Resolved::Regional(i))),
                None => findings.push(Finding::new(
                    "DB-PKG-SECTION",
                    Severity::Error,
                    format!(
                        "{} ({}) is placed on {}, which is not a heading of the {} Module 1; place it on an existing heading",
                        src.file_name, src.document, src.section, input.region.code()
                    ),
                )
                .coded(
                    "section-not-regional",
                    [("file", &src.file_name), ("document", &src.document), ("section", &src.section), ("region", input.region.code())],
                )),
            }
        } else if let Some(node) = input.ctd.get(&src.section) {
            current.push((1_000_000 + ich_order[node.code.as_str()], src, Resolved::Ich(node)));
        } else {
            findings.push(Finding::new(
                "DB-PKG-SECTION",
                Severity::Error,
                format!(
                    "{} ({}) is placed on `{}`, which is neither an ICH M2–M5 heading nor a `{}` Module 1 heading; correct its section",
                    src.file_name, src.document, src.section, regional_prefix
                ),
            )
            .coded(
                "section-unknown",
                [("file", &src.file_name), ("document", &src.document), ("section", &src.section), ("region", input.region.code())],
            ));
        }
    }
    current.sort_by(|a, b| {
        (a.0, &a.1.heading, &a.1.lineage, &a.1.document).cmp(&(b.0, &b.1.heading, &b.1.lineage, &b.1.document))
    });

    // A person's `replace` choices: the chosen current leaf is replaced by the document, and
    // the placement that kept it current (its older version, still placed) is not sent.
    let mut chosen: HashMap<&str, &PriorLeaf> = HashMap::new();
    let mut superseded: HashSet<(String, String, String)> = HashSet::new();
    for choice in &input.choices {
        let Some((sequence, id)) = &choice.replaces else { continue };
        if !current.iter().any(|(_, src, _)| src.document == choice.document) {
            continue; // not placed in this sequence: nothing to replace with
        }
        let target = active.iter().find(|(_, p)| &p.sequence == sequence && &p.id == id).map(|(k, p)| (k.clone(), *p));
        match target {
            Some((key, prior)) if prior.document.as_deref() != Some(choice.document.as_str()) => {
                active.remove(&key);
                superseded.insert(key);
                chosen.insert(choice.document.as_str(), prior);
            }
            Some(_) => {}
            // Applied already: a sent leaf of this document replaced the target.
            None if input.history.iter().any(|l| {
                l.document.as_deref() == Some(choice.document.as_str()) && l.modifies.as_ref() == Some(&(sequence.clone(), id.clone()))
            }) => {}
            None => findings.push(Finding::new(
                "DB-PKG-CHOICE",
                Severity::Error,
                format!(
                    "document {} is chosen to replace leaf {id} of sequence {sequence}, which is not a current leaf of this application (replaced or deleted since, or never sent); choose another target with `dossier plan APP --replace DOC --target SEQ:LEAF` or clear the choice with `--new`",
                    choice.document
                ),
            )
            .coded("choice-target-not-current", [("document", choice.document.as_str()), ("sequence", sequence.as_str()), ("leaf", id.as_str())])),
        }
    }
    let titles: HashMap<&str, &str> =
        input.choices.iter().filter_map(|c| Some((c.document.as_str(), c.title.as_deref().filter(|t| !t.trim().is_empty())?))).collect();

    let mut leaves = Vec::new();
    let mut kept = Vec::new();
    let mut used_paths: HashSet<String> = HashSet::new();
    let mut seen_keys: HashSet<(String, String, String)> = HashSet::new();
    let mut unchanged = 0;
    for (_, src, resolved) in &current {
        let mut key = (src.section.clone(), heading_key(&src.heading), src.lineage.clone());
        if superseded.contains(&key) && !chosen.contains_key(src.document.as_str()) {
            continue; // the older version of a document a person chose to replace it
        }
        if !seen_keys.insert(key.clone()) {
            // Two versions of one document on one section: both go, the later one as its own leaf.
            findings.push(Finding::new(
                "DB-PKG-DUPLICATE",
                Severity::Warning,
                format!(
                    "two versions of {} are placed on {}; both are sent — remove the older one if it is not meant to stay",
                    src.lineage, src.section
                ),
            )
            .coded("duplicate-version", [("lineage", &src.lineage), ("section", &src.section)]));
            key.2 = format!("{}#{}", src.lineage, src.document);
            seen_keys.insert(key.clone());
        }
        let prior = match chosen.get(src.document.as_str()) {
            Some(p) => Some(*p),
            None => active.remove(&key),
        };
        if let Some(p) = prior.filter(|p| p.document.as_deref() == Some(src.document.as_str())) {
            unchanged += 1;
            kept.push(KeptLeaf {
                section: src.section.clone(),
                document: src.document.clone(),
                title: p.title.clone(),
                sequence: p.sequence.clone(),
                id: p.id.clone(),
                backbone: p.backbone,
                href: p.href.clone(),
            });
            continue;
        }
        let (backbone, folder) = match resolved {
            Resolved::Ich(node) => match missing_instance(input.ctd, node, &src.heading) {
                None => (Backbone::Index, ich_folder(input.ctd, node, &src.heading)),
                Some(missing) => {
                    findings.push(Finding::new(
                        "DB-PKG-INSTANCE",
                        Severity::Error,
                        format!(
                            "{} is placed on {}, a heading repeated per {}; record the {} in the product facts so the heading can carry its required attributes",
                            src.file_name,
                            src.section,
                            kind_noun(&missing),
                            kind_noun(&missing)
                        ),
                    )
                    .coded("instance-unrecorded", [("file", &src.file_name), ("section", &src.section), ("kind", &missing)]));
                    continue;
                }
            },
            Resolved::Regional(i) => (Backbone::Regional, regional_folder(input, *i, src)),
        };
        let reuse = prior.and_then(|p| p.href.clone()).filter(|h| h.rsplit_once('/').map(|(d, _)| d) == Some(&folder));
        let href = match reuse {
            Some(h) if used_paths.insert(h.clone()) => h,
            _ => match leaf_path(&rules, &number, &folder, src, &mut used_paths, &mut findings) {
                Some(p) => p,
                None => continue,
            },
        };
        let operation = if prior.is_some() { Operation::Replace } else { Operation::New };
        leaves.push(PlannedLeaf {
            id: leaf_id(&number, &src.section, &key.1, &key.2, &src.document),
            backbone,
            section: src.section.clone(),
            lineage: key.2.clone(),
            document: Some(src.document.clone()),
            operation,
            href: Some(href),
            modifies: prior.map(|p| Target { sequence: p.sequence.clone(), id: p.id.clone(), backbone: p.backbone }),
            md5: Some(src.md5.clone()),
            size: src.size,
            blob: Some(src.blob.clone()),
            sha256: src.sha256.clone(),
            title: match titles.get(src.document.as_str()) {
                Some(t) => (*t).to_owned(),
                None if src.title.trim().is_empty() => src.file_name.clone(),
                None => src.title.clone(),
            },
            language: src.language.clone(),
            heading: src.heading.clone(),
        });
    }
    let suggestions = suggestions(&leaves, &input.history);
    // What was sent before and is no longer placed is deleted.
    for ((section, heading, lineage), prior) in active {
        leaves.push(PlannedLeaf {
            id: leaf_id(&number, &section, &heading, &lineage, "delete"),
            backbone: prior.backbone,
            section,
            lineage,
            document: None,
            operation: Operation::Delete,
            href: None,
            modifies: Some(Target { sequence: prior.sequence.clone(), id: prior.id.clone(), backbone: prior.backbone }),
            md5: None,
            size: 0,
            blob: None,
            sha256: String::new(),
            title: prior.title.clone(),
            language: None,
            heading: prior.heading.clone(),
        });
    }
    let order = |l: &PlannedLeaf| -> (Backbone, usize) {
        let pos = match l.section.strip_prefix(&regional_prefix) {
            Some(code) => input.m1.iter().position(|n| strip_region(&n.code) == code).unwrap_or(usize::MAX),
            None => ich_order.get(l.section.as_str()).copied().unwrap_or(usize::MAX),
        };
        (l.backbone, pos)
    };
    leaves.sort_by(|a, b| (order(a), &a.href, &a.id).cmp(&(order(b), &b.href, &b.id)));

    let mut envelope = input.envelope.clone();
    resolve_envelope(&mut envelope, input, &number, &mut findings);
    if leaves.is_empty() && !input.withdrawal {
        findings.push(Finding::new(
            "DB-PKG-EMPTY",
            Severity::Error,
            format!("sequence {number} would send nothing: every placed document was already sent unchanged; change or place a document first"),
        )
        .coded("sequence-empty", [("sequence", &number)]));
    }
    SequencePlan {
        region: input.region,
        number,
        leaves,
        unchanged,
        kept,
        suggestions,
        envelope,
        findings,
        m1: input.m1.to_vec(),
    }
}

/// A `new` leaf alone among the new leaves of its section and heading instances, where exactly
/// one current leaf stays: that leaf is suggested as the one it replaces (see [`PlanChoice`]).
fn suggestions(leaves: &[PlannedLeaf], history: &[PriorLeaf]) -> Vec<Suggestion> {
    let slot = |section: &str, heading: &Heading| (section.to_owned(), heading_key(heading));
    let mut new_on: HashMap<(String, String), usize> = HashMap::new();
    for l in leaves.iter().filter(|l| l.operation == Operation::New) {
        *new_on.entry(slot(&l.section, &l.heading)).or_default() += 1;
    }
    // Current leaves this plan does not replace (kept unchanged or about to be deleted).
    let touched: HashSet<(&str, &str)> = leaves
        .iter()
        .filter(|l| l.operation == Operation::Replace)
        .filter_map(|l| l.modifies.as_ref())
        .map(|t| (t.sequence.as_str(), t.id.as_str()))
        .collect();
    let standing: Vec<&PriorLeaf> =
        crate::cumulative::current(history).filter(|p| !touched.contains(&(p.sequence.as_str(), p.id.as_str()))).collect();
    let mut out = Vec::new();
    for l in leaves.iter().filter(|l| l.operation == Operation::New) {
        let at = slot(&l.section, &l.heading);
        if new_on[&at] != 1 {
            continue;
        }
        let mut others = standing.iter().filter(|p| slot(&p.section, &p.heading) == at);
        if let (Some(p), None) = (others.next(), others.next()) {
            out.push(Suggestion {
                leaf: l.id.clone(),
                document: l.document.clone().unwrap_or_default(),
                target: Target { sequence: p.sequence.clone(), id: p.id.clone(), backbone: p.backbone },
                target_title: p.title.clone(),
            });
        }
    }
    out
}

pub(crate) fn strip_region(code: &str) -> &str {
    code.split_once(':').map_or(code, |(_, c)| c)
}

/// Leaf ids are XML IDs (must not start with a digit, NMPA group 3) derived from what the leaf
/// is, so a rebuild gives the same ids and no two leaves of a sequence share one (EU VC 11.11).
fn leaf_id(sequence: &str, section: &str, heading: &str, lineage: &str, document: &str) -> String {
    // The heading enters only when there is one, so ids of leaves outside repeated headings
    // stay what they were before instances were recorded.
    let text = if heading.is_empty() {
        format!("{sequence}\n{section}\n{lineage}\n{document}")
    } else {
        format!("{sequence}\n{section}\n{heading}\n{lineage}\n{document}")
    };
    let digest = util::md5_hex(text.as_bytes());
    format!("lf-{sequence}-{}", &digest[..16])
}

/// Folder of an ICH heading from the sequence (or bundle) folder: the folders of its
/// ancestors, with the document's instance folder after a repeating heading's own folder, or
/// Appendix 4's placeholder when the document has no instance of that kind.
pub(crate) fn ich_folder(tree: &CtdTree, node: &CtdNode, heading: &Heading) -> String {
    let mut segments = Vec::new();
    let mut current = Some(node);
    while let Some(n) = current {
        if let Some(kind) = &n.repeat {
            match heading.get(kind) {
                Some(instance) if n.instance_folder.is_some() => segments.push(instance.folder.clone()),
                _ => segments.extend(n.instance_folder.clone()),
            }
        }
        segments.extend(n.folder.clone());
        current = n.parent.as_deref().and_then(|p| tree.get(p));
    }
    segments.reverse();
    segments.join("/")
}

/// The first repeat kind at or above `node` whose heading the DTD gives required attributes
/// and of which `heading` has no instance: such a heading cannot be written.
fn missing_instance(tree: &CtdTree, node: &CtdNode, heading: &Heading) -> Option<String> {
    let mut current = Some(node);
    while let Some(n) = current {
        if let Some(kind) = n.repeat.as_ref().filter(|k| !heading.contains_key(*k)) {
            if !backbone::ich::required_attributes(&n.element).is_empty() {
                return Some(kind.clone());
            }
        }
        current = n.parent.as_deref().and_then(|p| tree.get(p));
    }
    None
}

fn regional_folder(input: &PlanInput<'_>, i: usize, src: &LeafSource) -> String {
    let r = input.region.code();
    let mut segments = Vec::new();
    let mut current = Some(i);
    while let Some(idx) = current {
        let node = &input.m1[idx];
        // An empty folder means the heading has no folder of its own (its files sit in its
        // child's or parent's folder).
        let folder = node.folder.clone().unwrap_or_else(|| strip_region(&node.code).replace('.', ""));
        if !folder.is_empty() {
            segments.push(folder);
        }
        current = node.parent.as_deref().and_then(|p| input.m1.iter().position(|n| strip_region(&n.code) == strip_region(p)));
    }
    segments.reverse();
    let mut path = format!("m1/{r}/{}", segments.join("/"));
    if input.region == Region::Eu {
        let country = input.envelope.eu.as_ref().map_or("ema", |e| e.country.as_str());
        match backbone::eu::wrapper(&input.m1[i].element) {
            backbone::eu::Wrapper::None => {}
            backbone::eu::Wrapper::Specific => path.push_str(&format!("/{country}")),
            backbone::eu::Wrapper::PiDoc => {
                path.push_str(&format!("/{country}/{}", backbone::eu::language(src.language.as_deref())))
            }
        }
    }
    path
}

/// Gives a leaf a legal, unique file name in `folder`, shortening it to respect the length
/// limits; `None` (with an error finding) when even the shortest name does not fit.
pub(crate) fn leaf_path(
    rules: &NamingRules,
    sequence: &str,
    folder: &str,
    src: &LeafSource,
    used: &mut HashSet<String>,
    findings: &mut Vec<Finding>,
) -> Option<String> {
    let ext = clean_ext(&src.file_name).unwrap_or_else(|| {
        findings.push(Finding::new(
            "DB-PKG-EXTENSION",
            Severity::Warning,
            format!("{} has no usable extension; it is sent as .pdf — check the file type", src.file_name),
        )
        .coded("no-extension", [("file", &src.file_name)]));
        "pdf".into()
    });
    // Counted from the first digit of the sequence folder (EU VC 15.3).
    let prefix_len = sequence.len() + 1 + folder.len() + 1;
    let room = rules.max_path.saturating_sub(prefix_len).min(MAX_NAME).saturating_sub(ext.len() + 1);
    if room < 8 {
        findings.push(Finding::new(
            "15.3",
            Severity::Error,
            format!(
                "{}: the folder {folder} leaves no room for a file name within the {}-character path limit; shorten the instance folder names",
                src.file_name, rules.max_path
            ),
        )
        .coded("path-no-room", [("file", &src.file_name), ("folder", folder), ("max", &rules.max_path.to_string())]));
        return None;
    }
    let raw_stem = crate::names::split_ext(&src.file_name).0;
    let mut stem = rules.clean_stem(raw_stem, room);
    if stem.is_empty() {
        stem = rules.clean_stem(&src.title, room);
    }
    if stem.is_empty() {
        stem = format!("document-{}", &src.sha256[..8]);
    }
    let wanted = format!("{stem}.{ext}");
    if stem.len() < rules.clean_stem(raw_stem, usize::MAX).len() {
        findings.push(Finding::new(
            "15.4",
            Severity::Info,
            format!("{} is sent as {wanted} to stay within the name and path length limits", src.file_name),
        )
        .coded("name-shortened", [("file", &src.file_name), ("name", &wanted)]));
    }
    let mut candidate = format!("{folder}/{wanted}");
    let mut n = 2;
    while used.contains(&candidate) {
        let suffix = format!("-{n}");
        let cut: String = stem.chars().take(room.saturating_sub(suffix.len())).collect();
        candidate = format!("{folder}/{}{suffix}.{ext}", cut.trim_end_matches('-'));
        n += 1;
    }
    if n > 2 {
        let sent = candidate.rsplit('/').next().unwrap_or_default();
        findings.push(Finding::new(
            "DB-PKG-NAME-CONFLICT",
            Severity::Info,
            format!("{} ({}) would share the name {wanted} with another document in {folder}; it is sent as {sent}", src.file_name, src.document),
        )
        .coded("name-conflict", [("file", &src.file_name), ("document", &src.document), ("name", &wanted), ("folder", folder), ("sent", sent)]));
    }
    used.insert(candidate.clone());
    Some(candidate)
}

/// Fills in what follows from the sequence itself and checks that what the region needs is there.
fn resolve_envelope(envelope: &mut Envelope, input: &PlanInput<'_>, number: &str, findings: &mut Vec<Finding>) {
    let first = input.history.iter().map(|l| l.sequence.as_str()).min().unwrap_or(number).to_owned();
    let missing = |what: &str, findings: &mut Vec<Finding>| {
        let code = match input.region {
            Region::Eu => "envelope-missing-eu",
            Region::Cn => "envelope-missing-cn",
            Region::Us => "envelope-missing-us",
        };
        findings.push(
            Finding::new(
                "DB-PKG-ENVELOPE",
                Severity::Error,
                format!(
                    "the {} envelope is not recorded for this application; set it with `dossier envelope --app ID --set FILE` ({what})",
                    input.region.code()
                ),
            )
            .coded(code, []),
        );
    };
    match input.region {
        Region::Eu => match &mut envelope.eu {
            None => missing("country, agency, procedure, submission type and unit, applicant, invented name", findings),
            Some(eu) => {
                if input.withdrawal {
                    eu.submission_type = "withdrawal".into();
                }
                if eu.related_sequence.is_none() {
                    let own = matches!(eu.submission_unit.as_str(), "initial" | "reformat");
                    eu.related_sequence = Some(if own { number.to_owned() } else { first.clone() });
                }
                if eu.identifier.is_empty() {
                    findings.push(Finding::new(
                        "9.7",
                        Severity::Error,
                        "the EU envelope has no application UUID; the build assigns one at the first sequence and keeps it",
                    )
                    .coded("eu-uuid-missing", []));
                }
                if eu.submission_type == "maa" && eu.submission_unit == "initial" && eu.inns.is_empty() {
                    findings.push(
                        Finding::new("14.8", Severity::Error, "an initial MAA envelope needs the INN; add it to the EU envelope").coded("eu-inn-missing", []),
                    );
                }
                if eu.invented_names.is_empty() {
                    findings.push(
                        Finding::new("DB-PKG-ENVELOPE", Severity::Error, "the EU envelope needs at least one invented name").coded("eu-invented-name-missing", []),
                    );
                }
                if eu.tracking_numbers.is_empty() {
                    eu.tracking_numbers.push("to be advised".into());
                }
            }
        },
        Region::Cn => match &mut envelope.cn {
            None => missing("application id and type, product type and number, activity, contact", findings),
            Some(cn) => {
                if input.withdrawal {
                    cn.sequence_type = crate::envelope::CvCode { code: "cnsqt3".into(), version: None };
                }
                if cn.related_sequence.is_none() {
                    cn.related_sequence = Some(first.clone());
                }
            }
        },
        Region::Us => {
            if envelope.us.is_none() {
                missing("applicant, application number and type, submission type", findings);
            }
        }
    }
}
