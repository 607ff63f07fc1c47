//! Mapping documents onto checklist items, and gap analysis over the result.
//!
//! Mapping: a document serves an item when its type is one the item accepts and, for items on
//! ICH sections, its own section (when known) lies on or under one of them. A person's
//! assignments add to that; "not applicable" takes the item out. Gap analysis then gives every
//! item one status, worst problem first, each with the rule (item id), source and an action.

use std::collections::{BTreeSet, HashMap};

use dossier_model::{ClassificationOrigin, Document, DocumentId, Finding, Severity};
use serde::Serialize;
use time::Date;

use crate::condition::Context;
use crate::profiles::{Confidence, Item, LanguageRule, Profile, Requirement};
use crate::snapshot::{AppSnapshot, ManualAssignment, Snapshot};
use crate::Templates;

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
    pub document: Option<DocumentId>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ItemResult {
    pub item: String,
    pub title: String,
    pub title_zh_hans: Option<String>,
    pub title_zh_hant: Option<String>,
    pub sections: Vec<String>,
    pub requirement: Requirement,
    pub status: Status,
    pub confidence: Confidence,
    pub documents: Vec<Placement>,
    pub not_applicable_reason: Option<String>,
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
    by_id: HashMap<&'a DocumentId, &'a Document>,
    by_section: HashMap<&'a str, Vec<&'a Document>>,
}

impl<'a> Index<'a> {
    fn new(docs: &'a [Document]) -> Self {
        let mut by_type: HashMap<&str, Vec<&Document>> = HashMap::new();
        let mut by_section: HashMap<&str, Vec<&Document>> = HashMap::new();
        for d in docs {
            if let Some(t) = &d.classification.doc_type {
                by_type.entry(t).or_default().push(d);
            } else if let Some(s) = &d.classification.section {
                by_section.entry(s).or_default().push(d);
            }
        }
        Index { by_type, by_id: docs.iter().map(|d| (&d.id, d)).collect(), by_section }
    }
}

pub fn analyse(templates: &Templates, snapshot: &Snapshot) -> Vec<AppAnalysis> {
    let index = Index::new(&snapshot.documents);
    snapshot
        .applications
        .iter()
        .filter_map(|app| {
            let profile = templates.profiles.get(&app.profile)?;
            Some(analyse_app(templates, snapshot, &index, app, profile))
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

fn analyse_app(templates: &Templates, snapshot: &Snapshot, index: &Index<'_>, app: &AppSnapshot, profile: &Profile) -> AppAnalysis {
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
        let gap = |status: Status, message: String, document: Option<DocumentId>| Gap {
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
            document,
        };
        let mut problems: Vec<Gap> = Vec::new();
        let status = if let Some(reason) = &not_applicable {
            let _ = reason;
            Status::NotApplicable
        } else if documents.is_empty() {
            match applies {
                Some(true) => {
                    problems.push(gap(Status::Missing, format!("{}: no document yet", item.title), None));
                    Status::Missing
                }
                Some(false) => Status::NotApplicable,
                None => {
                    let unknown = item.when.as_ref().map(|c| c.unknown_facts(&cx)).unwrap_or_default();
                    let mut g = gap(
                        Status::Undecided,
                        format!("{}: applies depending on {}, which is not recorded", item.title, unknown.join(", ")),
                        None,
                    );
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
            requirement: item.requirement,
            status,
            confidence: item.confidence,
            documents,
            not_applicable_reason: not_applicable,
        });
    }
    gaps.extend(companion_gaps(templates, snapshot, index, app, profile));
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

/// The documents that serve `item` in this application.
fn map_item(templates: &Templates, index: &Index<'_>, app: &AppSnapshot, item: &Item) -> Vec<Placement> {
    let ich_sections: Vec<&str> = item.sections.iter().filter(|s| !s.contains(':')).map(String::as_str).collect();
    let fits = |doc: &Document| -> Option<String> {
        match doc.classification.section.as_deref() {
            Some(s) if !s.contains(':') && !ich_sections.is_empty() => ich_sections
                .iter()
                .find(|item_s| templates.ctd.is_within(s, item_s) || templates.ctd.is_within(item_s, s))
                .map(|item_s| if templates.ctd.is_within(s, item_s) { s.to_owned() } else { (*item_s).to_owned() }),
            _ => item.sections.first().cloned(),
        }
    };
    let mut out: Vec<Placement> = Vec::new();
    let mut seen = BTreeSet::new();
    for t in &item.doc_types {
        for doc in index.by_type.get(t.as_str()).into_iter().flatten() {
            if let Some(section) = fits(doc) {
                if seen.insert(doc.id.clone()) {
                    out.push(Placement { item: item.id.clone(), section, document: doc.id.clone(), manual: false });
                }
            }
        }
    }
    // Untyped documents recognised only by their eCTD folder.
    for s in &ich_sections {
        for doc in index.by_section.get(s).into_iter().flatten() {
            if seen.insert(doc.id.clone()) {
                out.push(Placement { item: item.id.clone(), section: (*s).to_owned(), document: doc.id.clone(), manual: false });
            }
        }
    }
    for m in &app.manual {
        if let ManualAssignment::Assign { item: i, document } = m {
            if *i == item.id && index.by_id.contains_key(document) && seen.insert(document.clone()) {
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
    gap: &dyn Fn(Status, String, Option<DocumentId>) -> Gap,
    problems: &mut Vec<Gap>,
) {
    let docs: Vec<&Document> = placed.iter().filter_map(|p| index.by_id.get(&p.document).copied()).collect();
    for doc in &docs {
        for f in doc.findings.iter().filter(|f| f.severity == Severity::Error && f.rule.starts_with("DB-PDF")) {
            let mut g = gap(Status::FormatProblem, f.message.clone(), Some(doc.id.clone()));
            g.rule = f.rule.clone();
            g.action = format!("Replace {} with a readable, unsecured PDF 1.4–1.7 and import it", doc.source_path);
            problems.push(g);
        }
        if let Some(Finding { rule, message, .. }) = doc.findings.iter().find(|f| f.rule == "DB-PDF-VERSION") {
            let mut g = gap(Status::FormatProblem, message.clone(), Some(doc.id.clone()));
            g.rule = rule.clone();
            g.action = format!("Re-save {} as PDF 1.4 or later and import it", doc.source_path);
            problems.push(g);
        }
    }
    if item.must_be_valid {
        let valid_at = |d: &&Document, day: Date| d.expires.is_none_or(|e| e >= day);
        if !docs.iter().any(|d| valid_at(d, today)) {
            for d in &docs {
                problems.push(gap(
                    Status::Expired,
                    format!("{} expired on {}", d.source_path, d.expires.map(dossier_model::day::format).unwrap_or_default()),
                    Some(d.id.clone()),
                ));
            }
        } else if !docs.iter().any(|d| valid_at(d, at)) {
            for d in docs.iter().filter(|d| !valid_at(d, at)) {
                problems.push(gap(
                    Status::Expiring,
                    format!(
                        "{} expires on {}, before the target date {}",
                        d.source_path,
                        d.expires.map(dossier_model::day::format).unwrap_or_default(),
                        dossier_model::day::format(at)
                    ),
                    Some(d.id.clone()),
                ));
            }
        }
    }
    let lang = |d: &Document| d.language.clone().unwrap_or_else(|| "en".into());
    match &item.language {
        LanguageRule::Any => {}
        LanguageRule::Only(l) => {
            for d in docs.iter().filter(|d| lang(d) != *l) {
                problems.push(gap(
                    Status::NeedsTranslation,
                    format!("{} is in {}, the item needs {l}", d.source_path, lang(d)),
                    Some(d.id.clone()),
                ));
            }
        }
        LanguageRule::Bilingual(langs) => {
            for l in langs.iter().filter(|l| !docs.iter().any(|d| lang(d) == **l)) {
                problems.push(gap(
                    Status::NeedsTranslation,
                    format!("{}: no version in {l} (have {})", item.title, docs.iter().map(|d| lang(d)).collect::<BTreeSet<_>>().into_iter().collect::<Vec<_>>().join(", ")),
                    None,
                ));
            }
        }
        LanguageRule::OriginalPlusTranslation(target) => {
            for d in docs.iter().filter(|d| lang(d) != *target) {
                let translated = docs.iter().any(|t| t.translation_of.as_ref() == Some(&d.id) && lang(t) == *target)
                    || index.by_id.values().any(|t| t.translation_of.as_ref() == Some(&d.id) && lang(t) == *target);
                if !translated {
                    problems.push(gap(
                        Status::NeedsTranslation,
                        format!("{} ({}) has no {target} translation", d.source_path, lang(d)),
                        Some(d.id.clone()),
                    ));
                }
            }
        }
    }
    let _ = ClassificationOrigin::Guess;
}

/// Documents that must come with a companion (a CSR with its synopsis, same study), for the
/// types this profile accepts.
fn companion_gaps(templates: &Templates, snapshot: &Snapshot, index: &Index<'_>, app: &AppSnapshot, profile: &Profile) -> Vec<Gap> {
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
                    document: Some(doc.id.clone()),
                });
            }
        }
    }
    let _ = snapshot;
    out
}
