//! Mapping documents onto checklist items, and gap analysis over the result.
//!
//! Mapping: a document serves an item when its type is one the item accepts and, for items on
//! ICH sections, its own section (when known) lies on or under one of them. A person's
//! assignments add to that; "not applicable" takes the item out. Gap analysis then gives every
//! item one status, worst problem first, each with the rule (item id), source and an action.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use dossier_model::{Document, DocumentId, Severity};
use serde::Serialize;
use time::Date;

use crate::condition::Context;
use crate::headings::Headings;
use crate::profiles::{Confidence, Format, Item, LanguageRule, Profile, Requirement};
use crate::snapshot::{AppSnapshot, ManualAssignment, Snapshot};
use crate::{CtdTree, Templates};

/// A gap's English message, its code and the values it was written from.
type Message<'c> = (String, &'c str, BTreeMap<String, String>);

/// The PDF rules every eCTD region applies (authorities.md §5.3).
const PDF_RULES_SOURCE: &str = "ICH M8 eCTD PDF specification (S63, S87)";
const HEADINGS_SOURCE: &str = "ICH eCTD v3.2.2 specification and DTD: repeated headings and their attributes (S82)";

/// Where an item stands, worst last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Satisfied,
    NotApplicable,
    /// A fact the item's condition reads is not known yet.
    Undecided,
    /// Valid today but not at the target date.
    Expiring,
    NeedsTranslation,
    Expired,
    FormatProblem,
    Missing,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Satisfied => "satisfied",
            Status::NotApplicable => "not-applicable",
            Status::Undecided => "undecided",
            Status::Expiring => "expiring",
            Status::NeedsTranslation => "needs-translation",
            Status::Expired => "expired",
            Status::FormatProblem => "format-problem",
            Status::Missing => "missing",
        }
    }
}

/// A document placed on an item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Placement {
    pub item: String,
    /// Where the document goes: its own ICH section when it fits the item, else the item's.
    pub section: String,
    pub document: DocumentId,
    pub manual: bool,
}

/// One problem found on an item.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Gap {
    pub application: String,
    pub item: String,
    pub item_title: String,
    pub section: Option<String>,
    pub status: Status,
    pub severity: Severity,
    /// The checklist item id, or a `DB-` rule of ours.
    pub rule: String,
    pub source: String,
    /// `unconfirmed` when the requirement rests on a secondary source or none.
    pub confidence: Confidence,
    pub message: String,
    pub action: String,
    /// The template's action in Chinese, when `action` is the template's; with `action_code`
    /// set, the template's part of the generated action.
    pub action_zh_hans: Option<String>,
    pub action_zh_hant: Option<String>,
    pub document: Option<DocumentId>,
    /// What kind of message `message` is (`missing`, `expired`, …, or the PDF rule id), with
    /// the values it was written from: a UI words it in its own language from these and falls
    /// back to `message`, which stays English.
    pub code: String,
    pub params: BTreeMap<String, String>,
    /// Set when `action` was written here rather than taken from the template (whose action is
    /// English text), with its values in `params`.
    pub action_code: Option<String>,
}

fn params<const N: usize>(pairs: [(&str, String); N]) -> BTreeMap<String, String> {
    pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
}

#[derive(Debug, Clone, Serialize)]
pub struct ItemResult {
    pub item: String,
    pub title: String,
    pub title_zh_hans: Option<String>,
    pub title_zh_hant: Option<String>,
    pub sections: Vec<String>,
    /// The document types the item accepts (for a picker that offers plausible documents first).
    pub doc_types: Vec<String>,
    pub requirement: Requirement,
    pub status: Status,
    pub confidence: Confidence,
    pub documents: Vec<Placement>,
    pub not_applicable_reason: Option<String>,
    /// What to do for this item, from the template (English, 简体, 繁體).
    pub action: String,
    pub action_zh_hans: Option<String>,
    pub action_zh_hant: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Readiness {
    /// Items that must be satisfied (always, or conditional and applying).
    pub required: usize,
    pub satisfied: usize,
    pub percent: u8,
}

#[derive(Debug, Clone, Serialize)]
pub struct AppAnalysis {
    pub application: String,
    pub profile: String,
    pub title: String,
    pub route: Option<String>,
    pub items: Vec<ItemResult>,
    /// Every problem, worst first.
    pub gaps: Vec<Gap>,
    pub readiness: Readiness,
}

impl AppAnalysis {
    pub fn placements(&self) -> impl Iterator<Item = &Placement> {
        self.items.iter().flat_map(|i| &i.documents)
    }
}

/// Documents indexed by type, so mapping 10,000 documents stays linear.
struct Index<'a> {
    by_type: HashMap<&'a str, Vec<&'a Document>>,
    /// Original → its translations.
    translations: HashMap<&'a DocumentId, Vec<&'a Document>>,
    by_id: HashMap<&'a DocumentId, &'a Document>,
    by_section: HashMap<&'a str, Vec<&'a Document>>,
}

impl<'a> Index<'a> {
    fn new(docs: &'a [Document]) -> Self {
        // A file imported again with new content is a new version of the same document: only
        // the newest version at each path is on the checklist (older ones stay in the library).
        let mut newest: HashMap<&str, u32> = HashMap::new();
        for d in docs {
            let v = newest.entry(d.source_path.as_str()).or_insert(d.version);
            *v = (*v).max(d.version);
        }
        let mut by_type: HashMap<&str, Vec<&Document>> = HashMap::new();
        let mut by_section: HashMap<&str, Vec<&Document>> = HashMap::new();
        for d in docs.iter().filter(|d| newest[d.source_path.as_str()] == d.version) {
            if let Some(t) = &d.classification.doc_type {
                by_type.entry(t).or_default().push(d);
            }
            if let Some(s) = d.classification.section.as_deref().filter(|s| !s.contains(':')) {
                by_section.entry(s).or_default().push(d);
            }
        }
        let mut translations: HashMap<&DocumentId, Vec<&Document>> = HashMap::new();
        for d in docs {
            if let Some(original) = &d.translation_of {
                translations.entry(original).or_default().push(d);
            }
        }
        Index { by_type, translations, by_id: docs.iter().map(|d| (&d.id, d)).collect(), by_section }
    }
}

pub fn analyse(templates: &Templates, snapshot: &Snapshot) -> Vec<AppAnalysis> {
    let index = Index::new(&snapshot.documents);
    let headings = Headings::from_facts(&snapshot.facts, []);
    snapshot
        .applications
        .iter()
        .filter_map(|app| {
            let profile = templates.profiles.get(&app.profile)?;
            Some(analyse_app(templates, snapshot, &index, &headings, app, profile))
        })
        .collect()
}

fn context(snapshot: &Snapshot, app: &AppSnapshot) -> Context {
    Context {
        route: app.route.clone(),
        modality: snapshot.facts.product.as_ref().map(|p| p.modality.as_str().to_owned()),
        designations: snapshot.facts.approvals.iter().flat_map(|a| a.designations.iter().cloned()).collect(),
        flags: app.flags.clone(),
    }
}

fn analyse_app(
    templates: &Templates,
    snapshot: &Snapshot,
    index: &Index<'_>,
    headings: &Headings,
    app: &AppSnapshot,
    profile: &Profile,
) -> AppAnalysis {
    let cx = context(snapshot, app);
    let at = app.target_date.unwrap_or(snapshot.today);
    let mut items = Vec::with_capacity(profile.items.len());
    let mut gaps = Vec::new();
    let mut readiness = Readiness::default();
    for item in &profile.items {
        let not_applicable = app.manual.iter().find_map(|m| match m {
            ManualAssignment::NotApplicable { item: i, reason } if *i == item.id => Some(reason.clone()),
            _ => None,
        });
        let documents = map_item(templates, index, app, item);
        let applies = match item.requirement {
            Requirement::Always => Some(true),
            Requirement::Optional => Some(false),
            Requirement::Conditional => item.when.as_ref().and_then(|c| c.eval(&cx)),
        };
        let gap = |status: Status, (message, code, params): Message, document: Option<DocumentId>| Gap {
            application: app.id.clone(),
            item: item.id.clone(),
            item_title: item.title.clone(),
            section: item.sections.first().cloned(),
            status,
            severity: severity(status, item.confidence),
            rule: item.id.clone(),
            source: item.source.clone(),
            confidence: item.confidence,
            message,
            action: item.action.clone(),
            action_zh_hans: item.action_zh_hans.clone(),
            action_zh_hant: item.action_zh_hant.clone(),
            document,
            code: code.into(),
            params,
            action_code: None,
        };
        let mut problems: Vec<Gap> = Vec::new();
        let status = if not_applicable.is_some() {
            Status::NotApplicable
        } else if documents.is_empty() {
            match applies {
                Some(true) => {
                    problems.push(gap(
                        Status::Missing,
                        (format!("{}: no document yet", item.title), "missing", params([("item", item.id.clone())])),
                        None,
                    ));
                    Status::Missing
                }
                Some(false) => Status::NotApplicable,
                None => {
                    let unknown = item.when.as_ref().map(|c| c.unknown_facts(&cx)).unwrap_or_default();
                    let mut g = gap(
                        Status::Undecided,
                        (
                            format!("{}: applies depending on {}, which is not recorded", item.title, unknown.join(", ")),
                            "undecided",
                            params([("item", item.id.clone()), ("facts", unknown.join(", ")), ("app", app.id.clone())]),
                        ),
                        None,
                    );
                    g.action_code = Some("record-facts".into());
                    g.action = format!(
                        "Record {} on the application (dossier app set {} FACT=true|false); then: {}",
                        unknown.join(", "),
                        app.id,
                        item.action
                    );
                    problems.push(g);
                    Status::Undecided
                }
            }
        } else {
            check_documents(index, item, &documents, snapshot.today, at, &gap, &mut problems);
            if profile.header.format != Format::HkCtd {
                check_instances(&templates.ctd, headings, index, &documents, &gap, &mut problems);
            }
            problems.iter().map(|g| g.status).max().unwrap_or(Status::Satisfied)
        };
        if applies == Some(true) && not_applicable.is_none() {
            readiness.required += 1;
            if status == Status::Satisfied || status == Status::Expiring {
                readiness.satisfied += 1;
            }
        }
        gaps.extend(problems);
        items.push(ItemResult {
            item: item.id.clone(),
            title: item.title.clone(),
            title_zh_hans: item.title_zh_hans.clone(),
            title_zh_hant: item.title_zh_hant.clone(),
            sections: item.sections.clone(),
            doc_types: item.doc_types.clone(),
            requirement: item.requirement,
            status,
            confidence: item.confidence,
            documents,
            not_applicable_reason: not_applicable,
            action: item.action.clone(),
            action_zh_hans: item.action_zh_hans.clone(),
            action_zh_hant: item.action_zh_hant.clone(),
        });
    }
    // A broken file on several items is one problem to fix, reported once.
    let mut seen_files = BTreeSet::new();
    gaps.retain(|g| {
        let per_file = g.status == Status::FormatProblem || g.rule == INSTANCE_RULE;
        !per_file || seen_files.insert((g.rule.clone(), g.document.clone()))
    });
    gaps.extend(companion_gaps(templates, index, app, profile));
    gaps.sort_by(|a, b| b.severity.cmp(&a.severity).then(b.status.cmp(&a.status)).then(a.item.cmp(&b.item)));
    readiness.percent = if readiness.required == 0 {
        100
    } else {
        (readiness.satisfied * 100 / readiness.required) as u8
    };
    AppAnalysis {
        application: app.id.clone(),
        profile: profile.id().to_owned(),
        title: app.title.clone(),
        route: app.route.clone(),
        items,
        gaps,
        readiness,
    }
}

fn severity(status: Status, confidence: Confidence) -> Severity {
    let base = match status {
        Status::Satisfied | Status::NotApplicable => Severity::Info,
        Status::Undecided | Status::Expiring => Severity::Warning,
        Status::NeedsTranslation | Status::Expired | Status::FormatProblem | Status::Missing => Severity::Error,
    };
    // An unconfirmed requirement is shown, but never blocks as hard as a confirmed one.
    if confidence == Confidence::Unconfirmed && base == Severity::Error { Severity::Warning } else { base }
}

/// `hk` for a path under `m1/hk/`: the region whose Module 1 folder holds the document.
fn module_1_region(path: &str) -> Option<&str> {
    let mut parts = path.split('/');
    while let Some(p) = parts.next() {
        if p == "m1" {
            return parts.next();
        }
    }
    None
}

/// The documents that serve `item` in this application.
fn map_item(templates: &Templates, index: &Index<'_>, app: &AppSnapshot, item: &Item) -> Vec<Placement> {
    let ich_sections: Vec<&str> = item.sections.iter().filter(|s| !s.contains(':')).map(String::as_str).collect();
    let fits = |doc: &Document| -> Option<String> {
        match doc.classification.section.as_deref() {
            Some(s) if !s.contains(':') && !ich_sections.is_empty() => ich_sections
                .iter()
                .find(|item_s| templates.ctd.is_within(s, item_s) || templates.ctd.is_within(item_s, s))
                .map(|item_s| if templates.ctd.is_within(s, item_s) { s.to_owned() } else { (*item_s).to_owned() })
                // A type that belongs in two modules (a study synopsis in 5.3 and in 2.7.6)
                // serves the item in its other module too; within one module the document's own
                // section decides (a phase 1 PK report on 5.3.3.1 is not an efficacy study).
                .or_else(|| {
                    let t = doc.classification.doc_type.as_deref().and_then(|t| templates.doc_types.get(t))?;
                    let module = |code: &str| code.split('.').next().map(str::to_owned);
                    ich_sections
                        .iter()
                        .filter(|item_s| module(item_s) != module(s))
                        .find(|item_s| t.sections.iter().any(|ts| ts == *item_s))
                        .map(|s| (*s).to_owned())
                }),
            _ => item.sections.first().cloned(),
        }
    };
    // A document on another region's Module 1 section was made for that authority (its cover
    // letter, its form, its labels); it serves this one only by a person's assignment.
    let region = item.sections.iter().find_map(|s| s.split_once(':').map(|(r, _)| r));
    let other_region = |doc: &Document| {
        let evidence = doc.classification.doc_type.as_deref().and_then(|t| templates.doc_types.get(t)).is_some_and(|t| t.issued_evidence);
        if evidence {
            return false;
        }
        let by_section = doc.classification.section.as_deref().and_then(|s| s.split_once(':')).map(|(r, _)| r);
        let by_folder = module_1_region(&doc.source_path);
        by_section.or(by_folder).is_some_and(|r| region.is_none_or(|own| own != r))
    };
    let mut out: Vec<Placement> = Vec::new();
    let mut seen: std::collections::HashSet<&DocumentId> = std::collections::HashSet::new();
    // Documents a person took off this item count as already seen, so mapping skips them.
    for m in &app.manual {
        if let ManualAssignment::Exclude { item: i, document } = m {
            if *i == item.id {
                seen.insert(document);
            }
        }
    }
    for t in &item.doc_types {
        for doc in index.by_type.get(t.as_str()).into_iter().flatten() {
            if other_region(doc) {
                continue;
            }
            if let Some(section) = fits(doc) {
                if seen.insert(&doc.id) {
                    out.push(Placement { item: item.id.clone(), section, document: doc.id.clone(), manual: false });
                }
            }
        }
    }
    // On Modules 2–5 the section is the key: whatever sits on or under the item's section
    // serves it, even when its type is one the item does not list.
    for s in &ich_sections {
        for node in templates.ctd.subtree(s) {
            for doc in index.by_section.get(node.code.as_str()).into_iter().flatten() {
                if seen.insert(&doc.id) {
                    out.push(Placement { item: item.id.clone(), section: node.code.clone(), document: doc.id.clone(), manual: false });
                }
            }
        }
    }
    for m in &app.manual {
        if let ManualAssignment::Assign { item: i, document } = m {
            if *i == item.id && index.by_id.contains_key(document) && seen.insert(document) {
                let doc = index.by_id[document];
                let section = fits(doc).or_else(|| item.sections.first().cloned()).unwrap_or_default();
                out.push(Placement { item: item.id.clone(), section, document: document.clone(), manual: true });
            }
        }
    }
    out
}

fn check_documents(
    index: &Index<'_>,
    item: &Item,
    placed: &[Placement],
    today: Date,
    at: Date,
    gap: &dyn Fn(Status, Message, Option<DocumentId>) -> Gap,
    problems: &mut Vec<Gap>,
) {
    let docs: Vec<&Document> = placed.iter().filter_map(|p| index.by_id.get(&p.document).copied()).collect();
    for doc in &docs {
        let pdf_problems = doc
            .findings
            .iter()
            .filter(|f| f.rule.starts_with("DB-PDF") && (f.severity == Severity::Error || f.rule == "DB-PDF-VERSION"));
        for f in pdf_problems {
            let mut g = gap(
                Status::FormatProblem,
                (f.message.clone(), f.rule.as_str(), params([("path", doc.source_path.clone())])),
                Some(doc.id.clone()),
            );
            g.action_code = Some("replace-pdf".into());
            // The PDF rules are technical requirements of every eCTD region, whatever the item.
            g.rule = f.rule.clone();
            g.severity = Severity::Error;
            g.confidence = Confidence::Confirmed;
            g.source = PDF_RULES_SOURCE.into();
            g.action = format!("Replace {} with a readable, unsecured PDF 1.4–1.7 and import it", doc.source_path);
            (g.action_zh_hans, g.action_zh_hant) = (None, None);
            problems.push(g);
        }
    }
    if item.must_be_valid {
        for d in &docs {
            let Some(expires) = d.expires else { continue };
            let day = dossier_model::day::format(expires);
            if expires < today {
                problems.push(gap(
                    Status::Expired,
                    (format!("{} expired on {day}", d.source_path), "expired", params([("path", d.source_path.clone()), ("day", day)])),
                    Some(d.id.clone()),
                ));
            } else if expires < at {
                let target = dossier_model::day::format(at);
                problems.push(gap(
                    Status::Expiring,
                    (
                        format!("{} expires on {day}, before the target date {target}", d.source_path),
                        "expiring",
                        params([("path", d.source_path.clone()), ("day", day), ("target", target)]),
                    ),
                    Some(d.id.clone()),
                ));
            }
        }
    }
    // Documents without a language marker are taken as English, the default of every profile
    // but NMPA's; Chinese documents are recognised from their names or stated in facts.
    let langs = |d: &Document| -> Vec<String> {
        d.language.as_deref().unwrap_or("en").split('+').map(str::to_owned).collect()
    };
    let has_lang = |d: &Document, l: &str| langs(d).iter().any(|x| x == l);
    let translation_in =
        |d: &Document, l: &str| index.translations.get(&d.id).is_some_and(|ts| ts.iter().any(|t| has_lang(t, l)));
    match &item.language {
        LanguageRule::Any => {}
        LanguageRule::Only(l) => {
            for d in docs.iter().filter(|d| !has_lang(d, l)) {
                // A translation of a document in the right language rides along with it.
                let is_translation_of_ok = d.translation_of.as_ref().is_some_and(|o| index.by_id.get(o).is_some_and(|o| has_lang(o, l)));
                if is_translation_of_ok || translation_in(d, l) {
                    continue;
                }
                problems.push(gap(
                    Status::NeedsTranslation,
                    (
                        format!("{} is in {}, the item needs {l}", d.source_path, langs(d).join("+")),
                        "wrong-language",
                        params([("path", d.source_path.clone()), ("have", langs(d).join("+")), ("need", l.clone())]),
                    ),
                    Some(d.id.clone()),
                ));
            }
        }
        LanguageRule::Bilingual(required) => {
            for l in required.iter().filter(|l| !docs.iter().any(|d| has_lang(d, l))) {
                let have: BTreeSet<String> = docs.iter().flat_map(|d| langs(d)).collect();
                problems.push(gap(
                    Status::NeedsTranslation,
                    {
                        let have = have.into_iter().collect::<Vec<_>>().join(", ");
                        (
                            format!("{}: no version in {l} (have {have})", item.title),
                            "no-version-in",
                            params([("item", item.id.clone()), ("need", l.clone()), ("have", have)]),
                        )
                    },
                    None,
                ));
            }
        }
        LanguageRule::OriginalPlusTranslation(target) => {
            for d in docs.iter().filter(|d| !has_lang(d, target)) {
                if !translation_in(d, target) {
                    problems.push(gap(
                        Status::NeedsTranslation,
                        (
                            format!("{} ({}) has no {target} translation", d.source_path, langs(d).join("+")),
                            "no-translation",
                            params([("path", d.source_path.clone()), ("have", langs(d).join("+")), ("need", target.clone())]),
                        ),
                        Some(d.id.clone()),
                    ));
                }
            }
        }
    }
}

const INSTANCE_RULE: &str = "DB-PKG-INSTANCE";

/// An eCTD files each document under one instance of every repeated heading above its section
/// (2.7.3 / 5.3.5 per indication, 3.2.P per dosage form, 3.2.S per substance and manufacturer).
/// With several recorded and none stated, or one named that is not recorded, the build cannot
/// place the document: the item waits on that fact, and the build stops on it.
fn check_instances(
    ctd: &CtdTree,
    headings: &Headings,
    index: &Index<'_>,
    placed: &[Placement],
    gap: &dyn Fn(Status, Message, Option<DocumentId>) -> Gap,
    problems: &mut Vec<Gap>,
) {
    for p in placed.iter().filter(|p| !p.section.contains(':')) {
        let Some(doc) = index.by_id.get(&p.document) else { continue };
        for u in headings.of(ctd, &p.section, doc).1 {
            let field = u.field.replace('_', " ");
            let choices = u.choices.join("; ");
            let (text, code) = match &u.stated {
                Some(stated) => (
                    format!("{} names the {field} \"{stated}\", which the product facts do not record ({choices})", doc.source_path),
                    "instance-unknown",
                ),
                None => (
                    format!(
                        "{} is on {}, which is repeated per {field}; the product records several ({choices}) and the document does not say which",
                        doc.source_path, p.section
                    ),
                    "instance-unstated",
                ),
            };
            let values = params([
                ("path", doc.source_path.clone()),
                ("section", p.section.clone()),
                ("field", u.field.to_owned()),
                ("choices", choices),
                ("stated", u.stated.clone().unwrap_or_default()),
            ]);
            let mut g = gap(Status::Undecided, (text, code, values), Some(doc.id.clone()));
            g.rule = INSTANCE_RULE.into();
            g.severity = Severity::Error;
            g.confidence = Confidence::Confirmed;
            g.source = HEADINGS_SOURCE.into();
            g.action_code = Some("set-scope".into());
            g.action = format!(
                "Say which {field} it belongs to: open the document and choose under \"Belongs to\", or `dossier docs scope {} --{} …`",
                doc.id,
                u.field.replace('_', "-")
            );
            (g.action_zh_hans, g.action_zh_hant) = (None, None);
            problems.push(g);
        }
    }
}

/// Documents that must come with a companion (a CSR with its synopsis, same study), for the
/// types this profile accepts.
fn companion_gaps(templates: &Templates, index: &Index<'_>, app: &AppSnapshot, profile: &Profile) -> Vec<Gap> {
    let mut out = Vec::new();
    for t in templates.doc_types.all() {
        let Some(companion) = &t.companion else { continue };
        let Some(item) = profile.items.iter().find(|i| i.doc_types.contains(&t.id)) else { continue };
        for doc in index.by_type.get(t.id.as_str()).into_iter().flatten() {
            let Some(study) = &doc.study else { continue };
            let has = index.by_type.get(companion.as_str()).into_iter().flatten().any(|c| c.study.as_ref() == Some(study));
            if !has {
                let companion_title = templates.doc_types.get(companion).map_or(companion.as_str(), |c| c.title.as_str());
                out.push(Gap {
                    application: app.id.clone(),
                    item: item.id.clone(),
                    item_title: item.title.clone(),
                    section: templates.doc_types.get(companion).and_then(|c| c.sections.first().cloned()),
                    status: Status::Missing,
                    severity: Severity::Warning,
                    rule: "DB-COMPANION".into(),
                    source: t.companion_source.clone().unwrap_or_default(),
                    confidence: Confidence::Unconfirmed,
                    message: format!("{} for study {study} has no {companion_title}", doc.source_path),
                    action: format!("Import the {companion_title} of study {study} and link it to the study (facts [[document]] study = \"{study}\")"),
                    action_zh_hans: None,
                    action_zh_hant: None,
                    document: Some(doc.id.clone()),
                    code: "companion".into(),
                    params: params([
                        ("path", doc.source_path.clone()),
                        ("study", study.clone()),
                        ("companion", companion.clone()),
                    ]),
                    action_code: Some("import-companion".into()),
                });
            }
        }
    }
    out
}
