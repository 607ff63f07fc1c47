//! Running the catalogue over sequences on disk: any sequence or application folder, ours or
//! another tool's, read-only. Checks report [`Hit`]s by check name; the catalogue turns each
//! into the region's published rule (id, level, message, fix). Every implemented rule of the
//! region ends with a status: Pass, Fail, Not evaluated (earlier sequences missing) or
//! Unverifiable — never a silent pass.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

use dossier_model::Severity;
use serde::Serialize;

use super::catalogue::Catalogue;
use super::read::{self, Backbone};
use crate::reader::Refusal;
use super::{backbones, leaves, pdf_rules, structure};
use crate::Region;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Pass,
    Unverifiable,
    NotEvaluated,
    Fail,
}

/// What one check found on one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub check: &'static str,
    /// Narrows the rule (the util file for EU 1.x–6.x).
    pub subject: Option<String>,
    pub file: String,
    pub detail: String,
    pub status: Status,
}

impl Hit {
    pub fn fail(check: &'static str, file: impl Into<String>, detail: impl Into<String>) -> Self {
        Hit { check, subject: None, file: file.into(), detail: detail.into(), status: Status::Fail }
    }

    pub fn not_evaluated(check: &'static str, file: impl Into<String>, detail: impl Into<String>) -> Self {
        Hit { status: Status::NotEvaluated, ..Hit::fail(check, file, detail) }
    }

    pub fn unverifiable(check: &'static str, file: impl Into<String>, detail: impl Into<String>) -> Self {
        Hit { status: Status::Unverifiable, ..Hit::fail(check, file, detail) }
    }

    pub fn about(mut self, subject: &str) -> Self {
        self.subject = Some(subject.to_owned());
        self
    }
}

/// One reported problem, in the region's terms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub rule: String,
    /// The region's own level (`P/F`, `High`, `错误`…).
    pub level: String,
    pub severity: Severity,
    pub status: Status,
    /// Path from the sequence folder; empty for the sequence as a whole.
    pub file: String,
    pub message: String,
    pub fix: String,
    /// The catalogue's message and fix in 简体中文 and 繁體中文; a check's detail (often a
    /// library's English words) follows the message as in `message`.
    pub zh_hans: Wording,
    pub zh_hant: Wording,
}

/// A problem's message and fix in one language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Wording {
    pub message: String,
    pub fix: String,
}

impl Wording {
    fn of(message: &Option<String>, fix: &Option<String>, detail: &str) -> Self {
        let message = message.clone().unwrap_or_default();
        let message = if detail.is_empty() { message } else { format!("{message} ({detail})") };
        Wording { message, fix: fix.clone().unwrap_or_default() }
    }
}

/// The status of one implemented rule for one sequence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleStatus {
    pub rule: String,
    pub level: String,
    pub status: Status,
    pub problems: usize,
    /// Why the rule was not evaluated, when a refused backbone is the reason.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SequenceReport {
    pub sequence: String,
    pub folder: PathBuf,
    pub region: Region,
    pub files: u64,
    pub bytes: u64,
    pub problems: Vec<Problem>,
    pub rules: Vec<RuleStatus>,
}

impl SequenceReport {
    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(|p| p.severity == Severity::Error && p.status == Status::Fail)
    }

    /// Rule ids that failed, sorted and unique (for tests and summaries).
    pub fn failed_rules(&self) -> Vec<&str> {
        let mut ids: Vec<&str> = self.problems.iter().filter(|p| p.status == Status::Fail).map(|p| p.rule.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }
}

/// Everything the lifecycle rules need from earlier sequences: every sequence read before the
/// one checked (all earlier siblings on disk, whatever gaps there are), so that a rule is "not
/// evaluated" only for a leaf whose target sequence is not among them.
#[derive(Debug, Default)]
pub struct History {
    /// Sequences whose backbones were read, by folder name.
    pub known: HashSet<String>,
    /// `(sequence, backbone path, leaf id)` → (section, exempt from the same-section rule).
    pub leaves: HashMap<(String, String, String), (String, bool)>,
    /// Leaves already replaced or deleted → the sequence that first did it.
    pub superseded: HashMap<(String, String, String), String>,
    /// The EU envelope UUID of the latest sequence read.
    pub uuid: Option<(String, String)>,
}

/// One sequence being checked.
#[derive(Debug)]
pub struct Sequence {
    pub name: String,
    pub folder: PathBuf,
    pub region: Region,
    pub tree: read::Tree,
    pub index: Option<Backbone>,
    pub regional: Option<Backbone>,
    /// Files refused before any rule could look at them (a backbone past the size cap).
    pub refused: Vec<Hit>,
    /// Backbones whose content was not read, with why (`index.xml`, "is not well-formed XML:
    /// line 3, column 5: …"): the rules that need it are not evaluated.
    pub unread: Vec<(String, String)>,
    /// MD5s the builder computed while it copied each leaf (path from the sequence folder):
    /// the leaf-checksum rule compares these instead of reading the file again.
    pub known_md5: HashMap<String, String>,
}

impl Sequence {
    pub fn backbones(&self) -> impl Iterator<Item = &Backbone> {
        self.index.iter().chain(self.regional.iter())
    }
}

/// Validates `path`: a sequence folder (earlier sibling sequences are read for the lifecycle
/// rules) or an application folder (every sequence, in order). `region` is detected from
/// `m1/<region>/` when not given.
pub fn validate_path(path: &Path, region: Option<Region>) -> Result<Vec<SequenceReport>, String> {
    if crate::v4::unit(path).is_some() {
        return Err(crate::v4::message(path));
    }
    if !path.is_dir() {
        return Err(format!("{} is not a folder; give a sequence folder (0000) or an application folder", path.display()));
    }
    let own = sequence_folders(path);
    let (targets, context): (Vec<PathBuf>, Vec<PathBuf>) = if !own.is_empty() && !path.join("index.xml").exists() {
        (own, Vec::new())
    } else {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        // Every earlier sibling, in order: the lifecycle rules need whichever sequence a leaf
        // points to, not only the one before.
        let earlier = application_folder(path).map(|app| sequence_folders(&app)).unwrap_or_default();
        let earlier = earlier.into_iter().filter(|p| p.file_name().is_some_and(|n| *n.to_string_lossy() < *name.as_str())).collect();
        (vec![path.to_path_buf()], earlier)
    };
    let region = match region.or_else(|| targets.iter().find_map(|t| detect_region(t))) {
        Some(r) => r,
        None => return Err(format!("cannot tell the region of {}: no m1/eu, m1/us or m1/cn folder; pass --region", path.display())),
    };
    let mut history = History::default();
    for folder in &context {
        let seq = load(folder, region);
        leaves::record(&seq, &mut history);
    }
    let mut reports = Vec::new();
    for folder in targets {
        let seq = load(&folder, region);
        reports.push(check(&seq, &mut history));
        leaves::record(&seq, &mut history);
    }
    Ok(reports)
}

/// The folder holding the sequence folder `path`. `0003` given from inside the application
/// folder has the parent `""`, where no sibling would be found: the parent of its absolute path.
fn application_folder(path: &Path) -> Option<PathBuf> {
    std::path::absolute(path).ok()?.parent().map(Path::to_path_buf)
}

/// What the builder already knows about the folder it wrote.
#[derive(Debug, Clone, Default)]
pub struct Known {
    /// Each leaf's MD5, computed from the bytes as they were copied (path from the sequence
    /// folder).
    pub md5: HashMap<String, String>,
}

/// Validates the folder a build wrote before it gets its final name: `folder` (a temp folder
/// inside `app_dir`) is checked as sequence `number` of `region`, with the sequences of
/// `app_dir` before it as history — exactly what [`validate_path`] says of the folder once it is
/// `app_dir/number`. What `known` holds is not read again.
pub fn validate_built(folder: &Path, number: &str, region: Region, app_dir: &Path, known: Known) -> SequenceReport {
    let mut history = History::default();
    for earlier in sequence_folders(app_dir).iter().filter(|p| p.file_name().is_some_and(|n| *n.to_string_lossy() < *number)) {
        leaves::record(&load(earlier, region), &mut history);
    }
    // Read where it is; named what it will be (its hrefs into earlier sequences resolve beside
    // it, in `app_dir`).
    let mut seq = load(folder, region);
    seq.name = number.to_owned();
    seq.known_md5 = known.md5;
    check(&seq, &mut history)
}

/// Four-digit subfolders, in order.
fn sequence_folders(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
                .filter(|e| structure::is_sequence_name(&e.file_name().to_string_lossy()))
                .map(|e| e.path())
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

fn detect_region(folder: &Path) -> Option<Region> {
    [Region::Eu, Region::Us, Region::Cn].into_iter().find(|r| folder.join("m1").join(r.code()).is_dir())
}

fn load(folder: &Path, region: Region) -> Sequence {
    let name = folder.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tree = read::tree(folder).unwrap_or_default();
    let mut refused = Vec::new();
    let mut unread = Vec::new();
    // The one reader of `import-ectd` too (crate::reader): one streaming pass, its limits.
    let mut read_backbone = |rel: &str| {
        let mut b = crate::reader::read_backbone(folder, rel, MAX_VALIDATED_LEAVES, &|_| None);
        let why = b.refused.as_ref().map(Refusal::describe);
        match &b.refused {
            None if b.declares_entities => {
                // Reported by its own rule (DB-XML-UNSAFE); nothing it says is used.
                unread.push((rel.to_owned(), "declares entities".to_owned()));
                b = Backbone { rel: b.rel, bytes: b.bytes, doctype_system: b.doctype_system, stylesheet: b.stylesheet, declares_entities: true, ..Backbone::default() };
                Some(b)
            }
            None => Some(b),
            Some(Refusal::Missing) => None,
            // Reported by the region's well-formed rule, which reads `parse_error`.
            Some(Refusal::Malformed(_)) => {
                unread.push((rel.to_owned(), why.unwrap_or_default()));
                Some(b)
            }
            Some(Refusal::Unreadable(e)) => {
                b.parse_error = Some(format!("cannot be read ({e})"));
                unread.push((rel.to_owned(), why.unwrap_or_default()));
                Some(b)
            }
            Some(Refusal::TooLarge { .. } | Refusal::TooManyLeaves { .. } | Refusal::ValueTooLong { .. }) => {
                let why = why.unwrap_or_default();
                refused.push(Hit::fail("file-limit", rel, why.clone()));
                unread.push((rel.to_owned(), why));
                None
            }
            // A link or FIFO: the tree reports it (`file-special`).
            Some(Refusal::NotRegular(_)) => {
                unread.push((rel.to_owned(), why.unwrap_or_default()));
                None
            }
        }
    };
    let r = region.code();
    let index = read_backbone("index.xml");
    let regional = read_backbone(&format!("m1/{r}/{r}-regional.xml"));
    Sequence { index, regional, name, folder: folder.to_path_buf(), region, tree, refused, unread, known_md5: HashMap::new() }
}

/// Checks that read a backbone's content (leaves, headings, envelope), by the backbone they
/// need: when it was refused they are not evaluated, rather than passed or failed.
const CONTENT_CHECKS: &[&str] = &[
    "empty-heading", "node-extension-title", "leaf-id-unique", "leaf-id-digit", "leaf-title", "leaf-operation", "first-sequence-new",
    "checksum-type", "href-forbidden", "href-required", "href-relative", "href-outside", "href-target", "leaf-md5", "modified-forbidden",
    "modified-required", "modified-target", "modified-section", "modified-once", "unreferenced",
];
const INDEX_CONTENT_CHECKS: &[&str] = &["index-valid", "index-doctype", "index-stylesheet"];
const REGIONAL_CONTENT_CHECKS: &[&str] = &[
    "regional-valid", "regional-doctype", "regional-stylesheet", "regional-dtd-version", "sequence-envelope", "uuid-format", "uuid-envelopes",
    "uuid-constant", "related-initial", "related-other", "inn-required", "envelope-ema", "envelope-mrp", "envelope-national", "envelope-cep",
    "envelope-edqm", "envelope-country", "product-number", "cn-cv", "cn-combination", "tracking-present", "tracking-name",
];

/// Hits that only follow from a refused backbone (its own finding says what is wrong): "missing"
/// for a backbone that is there but refused.
fn follows_from_refusal(seq: &Sequence, hit: &Hit) -> bool {
    let refused = |rel: &str| seq.unread.iter().any(|(r, _)| r == rel);
    match hit.check {
        "index-present" | "index-name" => refused("index.xml"),
        "regional-present" | "regional-name" => refused(&crate::reader::regional_rel(seq.region)),
        _ => false,
    }
}

/// Runs every check on one sequence and maps the hits onto the catalogue.
pub fn check(seq: &Sequence, history: &mut History) -> SequenceReport {
    let mut hits = seq.refused.clone();
    hits.extend(structure::check(seq));
    hits.extend(backbones::check(seq, history));
    hits.extend(leaves::check(seq, history));
    hits.extend(pdf_rules::check(seq));
    hits.retain(|h| !follows_from_refusal(seq, h));
    report(seq, hits)
}

/// Leaves in one backbone the validator reads. The reader streams (plain data, no tree: a
/// 50,000-leaf, 9.5 MB index.xml read and refused at its last byte peaks at 57 MB RSS for the
/// whole `dossier validate`, against 147 MB when libxml2 parsed it for well-formedness), but
/// the DTD oracle (libxml2, `against_dtd`) still builds its tree of the whole backbone: the same
/// backbone, well-formed, validates at a 172 MB peak (debug build), as before the one reader
/// (171 MB, when roxmltree held it as well): libxml2's tree is the peak. 50,000 is over three times the
/// largest sequence built here (14,039 leaves) and keeps a hostile backbone under ~200 MB; the
/// import, which has no DTD step, allows [`crate::reader::MAX_LEAVES`].
pub const MAX_VALIDATED_LEAVES: usize = 50_000;

/// Problems listed per rule and sequence; past this a rule's `problems` count keeps counting.
/// A real sequence's worst rule lists a few hundred (every file of a badly named folder).
pub const MAX_PROBLEMS_PER_RULE: usize = 1_000;

/// Hits worded by the catalogue into problems, and each rule's status: the one mapping for a
/// sequence and for a Hong Kong bundle.
pub(crate) struct Tally {
    problems: Vec<Problem>,
    /// Rule id → (level, status, problems counted).
    by_rule: BTreeMap<String, (String, Status, usize)>,
}

impl Tally {
    /// Every one of `rules` that is implemented starts as Pass.
    pub(crate) fn new<'a>(rules: impl Iterator<Item = &'a super::catalogue::Rule>) -> Self {
        let by_rule = rules.filter(|r| r.implemented).map(|r| (r.id.clone(), (r.level.clone(), Status::Pass, 0))).collect();
        Tally { problems: Vec::new(), by_rule }
    }

    /// `hit` as a problem of `rule`.
    pub(crate) fn add(&mut self, hit: &Hit, rule: &super::catalogue::Rule) {
        let Some(entry) = self.by_rule.get_mut(&rule.id) else { return };
        entry.1 = entry.1.max(hit.status);
        entry.2 += 1;
        if entry.2 > MAX_PROBLEMS_PER_RULE {
            // Counted, not listed: a hostile backbone of 100,000 missing leaves would otherwise
            // hold 100,000 worded problems (in three languages) in memory.
            return;
        }
        let Wording { message, fix } = Wording::of(&rule.message, &rule.fix, &hit.detail);
        self.problems.push(Problem {
            rule: rule.id.clone(),
            level: rule.level.clone(),
            severity: rule.severity(),
            status: hit.status,
            file: hit.file.clone(),
            message,
            fix,
            zh_hans: Wording::of(&rule.message_zh_hans, &rule.fix_zh_hans, &hit.detail),
            zh_hant: Wording::of(&rule.message_zh_hant, &rule.fix_zh_hant, &hit.detail),
        });
    }

    /// Marks `rule` not evaluated, with why, unless a hit already decided it.
    fn not_evaluated(&mut self, rule: &str, reason: &str, reasons: &mut BTreeMap<String, String>) {
        if let Some(entry) = self.by_rule.get_mut(rule).filter(|e| e.1 == Status::Pass) {
            entry.1 = Status::NotEvaluated;
            reasons.insert(rule.to_owned(), reason.to_owned());
        }
    }

    /// The problems, worst first, and each rule's status (with the reason it was not evaluated).
    pub(crate) fn finish(mut self, mut reasons: BTreeMap<String, String>) -> (Vec<Problem>, Vec<RuleStatus>) {
        self.problems.sort_by(|a, b| b.severity.cmp(&a.severity).then_with(|| a.rule.cmp(&b.rule)).then_with(|| a.file.cmp(&b.file)));
        self.problems.dedup();
        let rules = self
            .by_rule
            .into_iter()
            .map(|(rule, (level, status, problems))| {
                let reason = reasons.remove(&rule);
                RuleStatus { rule, level, status, problems, reason }
            })
            .collect();
        (self.problems, rules)
    }
}

fn report(seq: &Sequence, hits: Vec<Hit>) -> SequenceReport {
    let catalogue = Catalogue::embedded();
    let mut tally = Tally::new(catalogue.region(seq.region));
    for hit in &hits {
        for rule in catalogue.rules_for(seq.region, hit.check, hit.subject.as_deref()) {
            tally.add(hit, rule);
        }
    }
    let mut reasons = BTreeMap::new();
    for (rel, why) in &seq.unread {
        let own: &[&str] = if rel == "index.xml" { INDEX_CONTENT_CHECKS } else { REGIONAL_CONTENT_CHECKS };
        for check in CONTENT_CHECKS.iter().chain(own) {
            for rule in catalogue.rules_for(seq.region, check, None) {
                tally.not_evaluated(&rule.id, &format!("{rel} {why}"), &mut reasons);
            }
        }
    }
    let (problems, rules) = tally.finish(reasons);
    SequenceReport {
        sequence: seq.name.clone(),
        folder: seq.folder.clone(),
        region: seq.region,
        files: seq.tree.files.len() as u64,
        bytes: seq.tree.files.iter().map(|f| f.size).sum(),
        problems,
        rules,
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    #[test]
    fn a_relative_sequence_folder_finds_its_siblings() {
        // `dossier validate 0003` from inside the application folder: the siblings are in the
        // current folder, not in `""` (where reading them failed and every lifecycle rule was
        // "not evaluated").
        let cwd = std::env::current_dir().unwrap();
        assert_eq!(super::application_folder(Path::new("0003")), Some(cwd.clone()));
        assert_eq!(super::application_folder(Path::new("app/0003")), Some(cwd.join("app")));
    }
}
