//! Which instance of a repeated CTD heading each document is filed under, for the build and
//! for a person setting it: the instances come from `dossier_rules::headings` (pure); here they
//! are loaded from the store, read back from recorded leaves, turned into build findings, and
//! offered and set per document.

use dossier_model::{Document, Finding, Severity};
use dossier_package::{Heading, kind_noun};
use dossier_rules::Templates;
use dossier_rules::headings::{EXCIPIENT, FIELDS, Headings, Unresolved, field, repeated_kinds, same};

use crate::{Project, Result};

/// The instances the product facts record.
pub(crate) fn load(project: &Project) -> Result<Headings> {
    Ok(Headings::from_facts(&project.store.facts()?, []))
}

/// The heading instances a recorded leaf was filed under: as the store recorded them, or (for
/// a leaf recorded before schema 7, when none were) the first instance of each repeated heading
/// (per indication, substance and manufacturer, product; 3.2.P.4 was never split), which is
/// what every build sent then. A later replace or delete so sits under the heading, with the
/// attributes, the leaf was sent under. `first` is [`load`]'s answer.
pub(crate) fn recorded(stored: Option<&str>, section: &str, first: &Headings) -> Heading {
    if let Some(heading) = stored.and_then(|h| serde_json::from_str(h).ok()) {
        return heading;
    }
    repeated_kinds(&Templates::embedded().ctd, section)
        .into_iter()
        .filter(|k| k != EXCIPIENT)
        .filter_map(|k| Some((k.clone(), first.choices(&k).first()?.clone())))
        .collect()
}

/// The heading instances of `doc` on `section`, with an error finding for each it cannot pick.
pub(crate) fn of(headings: &Headings, section: &str, doc: &Document) -> (Heading, Vec<Finding>) {
    let (heading, unresolved) = headings.of(&Templates::embedded().ctd, section, doc);
    (heading, unresolved.iter().map(|u| finding(u, section, doc)).collect())
}

fn finding(u: &Unresolved, section: &str, doc: &Document) -> Finding {
    let noun = kind_noun(&u.kind);
    let choices = u.choices.join("; ");
    let message = match &u.stated {
        Some(stated) => format!(
            "{} ({}) on {section} names the {noun} \"{stated}\", which the product facts do not record (they record: {}); correct the document's {} or add it to the product facts",
            doc.file_name,
            doc.id,
            u.choices.join("; "),
            u.field
        ),
        None => format!(
            "{} ({}) is on {section}, which is repeated per {noun}, and the product has {}: {}; say which it belongs to by setting its {} (document panel, or `{} = \"…\"` in its [[document]] facts)",
            doc.file_name,
            doc.id,
            u.choices.len(),
            u.choices.join("; "),
            u.field,
            u.field
        ),
    };
    let finding = Finding::new("DB-PKG-INSTANCE", Severity::Error, message);
    let (file, id) = (doc.file_name.as_str(), doc.id.as_str());
    match &u.stated {
        Some(stated) => finding.coded(
            "instance-unknown",
            [("file", file), ("document", id), ("section", section), ("field", u.field), ("stated", stated), ("choices", &choices)],
        ),
        None => finding.coded("instance-unstated", [("file", file), ("document", id), ("section", section), ("field", u.field), ("choices", &choices)]),
    }
}

/// One field of a document's scope a person can set, with the values the product facts allow.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ScopeField {
    /// `substance`, `manufacturer`, `dosage_form`, `excipient` or `indication`.
    pub field: &'static str,
    /// The values recorded in the product facts, in their order.
    pub options: Vec<String>,
    /// What the document states now.
    pub value: Option<String>,
    /// Several values are recorded and the document states none: the build stops until it does.
    pub needed: bool,
}

/// What can be said about which heading instance a document belongs to: a field for each
/// repeated heading at or above its section or a section an application places it on (empty
/// when none repeats).
pub fn scope_fields(project: &Project, reference: &str) -> Result<Vec<ScopeField>> {
    let id = project.store.resolve_document(reference)?;
    // One snapshot gives the facts, the document, and (one analysis of every application) each
    // section the document is placed on.
    let snapshot = crate::snapshot(project)?;
    let headings = Headings::from_facts(&snapshot.facts, []);
    let Some(doc) = snapshot.documents.iter().find(|d| d.id == id) else { return Ok(Vec::new()) };
    let mut sections: Vec<String> = doc.classification.section.clone().into_iter().collect();
    for analysis in dossier_rules::analyse(Templates::embedded(), &snapshot) {
        let placed = analysis.items.into_iter().flat_map(|i| i.documents).filter(|p| p.document == id);
        sections.extend(placed.map(|p| p.section));
    }
    let mut kinds: Vec<String> = Vec::new();
    for kind in sections.iter().flat_map(|s| repeated_kinds(&Templates::embedded().ctd, s)) {
        if !kinds.contains(&kind) {
            kinds.push(kind);
        }
    }
    let mut fields = Vec::new();
    for kind in kinds {
        if headings.choices(&kind).is_empty() {
            continue;
        }
        let stated = headings.stated(&kind, doc);
        for f in FIELDS.iter().filter(|f| f.kind == kind) {
            let options = headings.values(&kind, f.attribute);
            let value = stated.iter().find(|(a, _)| *a == f.attribute).map(|(_, v)| v.clone());
            // Substance alone never picks a manufacturer; a field is needed when it tells apart.
            let needed = options.len() > 1 && value.is_none() && (f.name != "substance" || stated.is_empty());
            fields.push(ScopeField { field: f.name, options, value, needed });
        }
    }
    Ok(fields)
}

/// A person's statement of which heading instances a document belongs to, in the scope's own
/// shape. `None` leaves a field as it is; an empty string clears it.
pub type SetScope = dossier_model::Scope;

/// Sets the document's scope. Each value must be one the product facts record (compared
/// without regard to case), so a typo cannot create a heading nobody meant.
pub fn set_document_scope(project: &mut Project, reference: &str, change: &SetScope) -> Result<crate::DocumentRow> {
    let id = project.store.resolve_document(reference)?;
    let mut doc = project.store.document(&id)?;
    let headings = load(project)?;
    for ((name, given), (_, slot)) in change.fields().into_iter().zip(doc.scope.fields_mut()) {
        let Some(value) = given else { continue };
        let f = field(name).expect("every scope field is in FIELDS");
        let value = value.trim();
        if value.is_empty() {
            *slot = None;
            continue;
        }
        let known = headings.values(f.kind, f.attribute);
        // The value itself, else the one recorded value that contains it (long indications
        // are tedious to type in full).
        let needle = value.to_lowercase();
        let containing: Vec<&String> = known.iter().filter(|k| k.to_lowercase().contains(&needle)).collect();
        match known.iter().find(|k| same(k, value)).or(match containing[..] {
            [one] => Some(one),
            _ => None,
        }) {
            Some(k) => *slot = Some(k.clone()),
            None => {
                return Err(crate::ApiError::invalid(format!(
                    "`{value}` is not one of the {} the product facts record ({}); {}",
                    f.plural,
                    if known.is_empty() { "none is recorded".to_owned() } else { known.join("; ") },
                    if containing.len() > 1 {
                        "it matches several: give more of it"
                    } else {
                        "add it to the product facts first, or pick a recorded one"
                    }
                )));
            }
        }
    }
    project.store.with_tx(&project.actor, |tx| tx.update_document(&doc))?;
    Ok(crate::DocumentRow::from(&doc))
}
