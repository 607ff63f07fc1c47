//! Instances of the repeated CTD headings, and which one each document is filed under.
//!
//! ICH repeats 3.2.S (and 2.3.S) per drug substance and manufacturer, 3.2.P (and 2.3.P) per
//! drug product, 2.7.3 and 5.3.5 per indication. The instances come from the product facts: a
//! drug substance manufacturer site each (its `substance`, else the INN), a dosage form each,
//! an indication each. A document says which it belongs to through its scope (`substance`,
//! `manufacturer`, `dosage_form`, `indication`; a study's documents and its report take the
//! study's indication when it is one the product records). With one instance recorded nothing needs saying; with several, a document that
//! does not say is an error naming the choices, never a silent pick.
//!
//! Folders are ICH Appendix 4's numbered placeholders (`substance-1-manufacturer-2`,
//! `product-2`, `indication-2`): short and legal whatever the names, which go into the
//! headings' attributes. An instance keeps the folder an earlier sequence gave it, so adding an
//! indication never moves the files of another.

use std::collections::{BTreeMap, HashMap, HashSet};

use dossier_model::{Document, Facts, Finding, Severity};
use dossier_package::{Heading, Instance, PriorLeaf, kind_noun};
use dossier_rules::Templates;

use crate::{Project, Result};

const SUBSTANCE: &str = "substance-manufacturer";
const PRODUCT: &str = "product";
const INDICATION: &str = "indication";

/// The instances of each repeated heading, in the facts' order.
pub(crate) struct Headings {
    kinds: BTreeMap<&'static str, Vec<Instance>>,
    /// Study protocol number → its indication.
    study_indication: HashMap<String, String>,
    /// A study report's document id → its study's indication.
    csr_indication: HashMap<String, String>,
}

impl Headings {
    /// The instances the product facts record, with the folders earlier sequences gave them.
    pub(crate) fn load(project: &Project, history: &[PriorLeaf]) -> Result<Headings> {
        Ok(Self::from_facts(&project.store.facts()?, history))
    }

    pub(crate) fn from_facts(facts: &Facts, history: &[PriorLeaf]) -> Headings {
        let mut kinds: BTreeMap<&'static str, Vec<Instance>> = BTreeMap::new();
        let study_indication =
            facts.studies.iter().filter_map(|s| Some((s.id.clone(), s.indication.clone()?))).collect();
        let csr_indication =
            facts.studies.iter().filter_map(|s| Some((s.csr.clone()?, s.indication.clone()?))).collect();
        let Some(product) = &facts.product else { return Headings { kinds, study_indication, csr_indication } };

        // 3.2.S: one per drug substance manufacturer, numbered per substance.
        let mut substances: Vec<(String, Vec<String>)> = Vec::new();
        for site in product.sites.iter().filter(|s| s.role.to_lowercase().contains("substance")) {
            let substance = site.substance.clone().unwrap_or_else(|| product.inn.clone());
            match substances.iter_mut().find(|(s, _)| s.eq_ignore_ascii_case(&substance)) {
                Some((_, makers)) => makers.push(site.name.clone()),
                None => substances.push((substance, vec![site.name.clone()])),
            }
        }
        if substances.is_empty() {
            if let Some(applicant) = &product.applicant {
                substances.push((product.inn.clone(), vec![applicant.clone()]));
            }
        }
        let mut wanted = Vec::new();
        for (s, (substance, makers)) in substances.iter().enumerate() {
            for (m, maker) in makers.iter().enumerate() {
                wanted.push((
                    (s + 1, m + 1),
                    vec![("substance".to_owned(), substance.clone()), ("manufacturer".to_owned(), maker.clone())],
                ));
            }
        }
        let folder = |(s, m): (usize, usize)| format!("substance-{s}-manufacturer-{m}");
        kinds.insert(SUBSTANCE, settle(SUBSTANCE, wanted, folder, |(s, m)| (s, m + 1), history));

        // 3.2.P: one per dosage form (one without a dosage form when none is recorded).
        let name = product.trade_names.first().cloned().unwrap_or_else(|| product.inn.clone());
        let maker = product.sites.iter().find(|s| s.role.to_lowercase().contains("drug product")).map(|s| s.name.clone());
        let forms: Vec<Option<&String>> =
            if product.dosage_forms.is_empty() { vec![None] } else { product.dosage_forms.iter().map(Some).collect() };
        let wanted = forms
            .iter()
            .enumerate()
            .map(|(i, form)| {
                let mut attrs = vec![("product-name".to_owned(), name.clone())];
                attrs.extend(form.map(|f| ("dosageform".to_owned(), f.clone())));
                attrs.extend(maker.clone().map(|m| ("manufacturer".to_owned(), m)));
                (i + 1, attrs)
            })
            .collect();
        kinds.insert(PRODUCT, settle(PRODUCT, wanted, |n| format!("product-{n}"), |n| n + 1, history));

        // 2.7.3 and 5.3.5: one per indication.
        let wanted =
            product.indications.iter().enumerate().map(|(i, ind)| (i + 1, vec![("indication".to_owned(), ind.clone())])).collect();
        kinds.insert(INDICATION, settle(INDICATION, wanted, |n| format!("indication-{n}"), |n| n + 1, history));
        Headings { kinds, study_indication, csr_indication }
    }

    /// Whether some instance carries `attribute` = `value` (compared without regard to case).
    pub(crate) fn records(&self, attribute_name: &str, value: &str) -> bool {
        self.kinds.values().flatten().any(|i| attribute(i, attribute_name).is_some_and(|a| same(a, value)))
    }

    /// The heading instances of `doc` placed on `section`, and what stops the choice: a
    /// finding (an error) when several instances are recorded and the document does not say
    /// which, or names one that is not recorded. The heading then holds the first instance,
    /// so a dry run still shows a whole plan.
    pub(crate) fn of(&self, section: &str, doc: &Document) -> (Heading, Vec<Finding>) {
        let mut heading = Heading::new();
        let mut findings = Vec::new();
        for kind in repeated_kinds(section) {
            let Some(choices) = self.kinds.get(kind.as_str()).filter(|c| !c.is_empty()) else { continue };
            let (stated, field) = self.stated(&kind, doc, choices);
            let matching: Vec<&Instance> =
                choices.iter().filter(|i| stated.iter().all(|(attr, v)| attribute(i, attr).is_some_and(|a| same(a, v)))).collect();
            let names = || choices.iter().map(describe).collect::<Vec<_>>().join("; ");
            match matching.as_slice() {
                [one] => {
                    heading.insert(kind.clone(), (*one).clone());
                }
                [] => {
                    let said = stated.iter().map(|(_, v)| format!("\"{v}\"")).collect::<Vec<_>>().join(" and ");
                    findings.push(Finding::new(
                        "DB-PKG-INSTANCE",
                        Severity::Error,
                        format!(
                            "{} ({}) on {section} names the {} {said}, which the product facts do not record (they record: {}); correct the document's {field} or add it to the product facts",
                            doc.file_name,
                            doc.id,
                            kind_noun(&kind),
                            names()
                        ),
                    ));
                    heading.insert(kind.clone(), choices[0].clone());
                }
                several => {
                    findings.push(Finding::new(
                        "DB-PKG-INSTANCE",
                        Severity::Error,
                        format!(
                            "{} ({}) is on {section}, which is repeated per {}, and the product has {}: {}; say which it belongs to by setting its {field} (document panel, or `{field} = \"…\"` in its [[document]] facts)",
                            doc.file_name,
                            doc.id,
                            kind_noun(&kind),
                            several.len(),
                            several.iter().map(|i| describe(i)).collect::<Vec<_>>().join("; ")
                        ),
                    ));
                    heading.insert(kind.clone(), several[0].clone());
                }
            }
        }
        (heading, findings)
    }

    /// What the document says about one kind, as `(attribute, value)` pairs, and the field a
    /// person sets to say it. A study's indication counts only when it is one the product
    /// records: studies often describe their population in other words.
    fn stated(&self, kind: &str, doc: &Document, choices: &[Instance]) -> (Vec<(&'static str, String)>, &'static str) {
        let scope = &doc.scope;
        match kind {
            SUBSTANCE => {
                let mut out = Vec::new();
                out.extend(scope.substance.clone().map(|s| ("substance", s)));
                out.extend(scope.manufacturer.clone().map(|m| ("manufacturer", m)));
                (out, "manufacturer")
            }
            PRODUCT => (scope.dosage_form.clone().map(|f| ("dosageform", f)).into_iter().collect(), "dosage_form"),
            INDICATION => {
                let from_study = doc
                    .study
                    .as_ref()
                    .and_then(|s| self.study_indication.get(s))
                    .or_else(|| self.csr_indication.get(doc.id.as_str()))
                    .filter(|i| choices.iter().any(|c| attribute(c, "indication").is_some_and(|a| same(a, i))))
                    .cloned();
                (scope.indication.clone().or(from_study).map(|i| ("indication", i)).into_iter().collect(), "indication")
            }
            _ => (Vec::new(), "scope"),
        }
    }
}

/// The repeat kinds of the headings at and above an ICH section (none for Module 1).
fn repeated_kinds(section: &str) -> Vec<String> {
    let ctd = &Templates::embedded().ctd;
    let mut kinds = Vec::new();
    let mut current = ctd.get(section);
    while let Some(node) = current {
        kinds.extend(node.repeat.clone());
        current = node.parent.as_deref().and_then(|p| ctd.get(p));
    }
    kinds
}

/// Gives each wanted instance a folder: the one an earlier sequence used for the same
/// attributes, else its own number, moved on past folders earlier sequences gave to others.
fn settle<N: Copy>(
    kind: &str,
    wanted: Vec<(N, Vec<(String, String)>)>,
    folder: impl Fn(N) -> String,
    next: impl Fn(N) -> N,
    history: &[PriorLeaf],
) -> Vec<Instance> {
    let before: HashMap<String, String> = history
        .iter()
        .filter_map(|l| l.heading.as_ref()?.get(kind))
        .map(|i| (i.key(), i.folder.clone()))
        .collect();
    let mut taken: HashSet<String> = before.values().cloned().collect();
    wanted
        .into_iter()
        .map(|(mut n, attributes)| {
            let key = Instance { folder: String::new(), attributes: attributes.clone() }.key();
            let dir = match before.get(&key) {
                Some(f) => f.clone(),
                None => {
                    while taken.contains(&folder(n)) {
                        n = next(n);
                    }
                    folder(n)
                }
            };
            taken.insert(dir.clone());
            Instance { folder: dir, attributes }
        })
        .collect()
}

fn attribute<'i>(instance: &'i Instance, name: &str) -> Option<&'i str> {
    instance.attributes.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

fn same(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// `examplinib by Plant A`, `tablet`, `non-small cell lung cancer`.
fn describe(instance: &Instance) -> String {
    match (attribute(instance, "substance"), attribute(instance, "manufacturer"), attribute(instance, "dosageform")) {
        (Some(s), Some(m), _) => format!("{s} by {m}"),
        (None, _, Some(form)) => form.to_owned(),
        _ => instance.attributes.iter().map(|(_, v)| v.as_str()).collect::<Vec<_>>().join(", "),
    }
}

/// One field of a document's scope a person can set, with the values the product facts allow.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ScopeField {
    /// `substance`, `manufacturer`, `dosage_form` or `indication`.
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
    let doc = project.store.document(&id)?;
    let headings = Headings::load(project, &[])?;
    let mut sections: Vec<String> = doc.classification.section.clone().into_iter().collect();
    for app in project.store.applications()? {
        sections.extend(crate::placements(project, app.id.as_str())?.into_iter().filter(|p| p.document == id).map(|p| p.section));
    }
    let mut kinds: Vec<String> = Vec::new();
    for kind in sections.iter().flat_map(|s| repeated_kinds(s)) {
        if !kinds.contains(&kind) {
            kinds.push(kind);
        }
    }
    let mut fields = Vec::new();
    for kind in kinds {
        let Some(choices) = headings.kinds.get(kind.as_str()).filter(|c| !c.is_empty()) else { continue };
        let (stated, _) = headings.stated(&kind, &doc, choices);
        let names: &[(&'static str, &str)] = match kind.as_str() {
            SUBSTANCE => &[("substance", "substance"), ("manufacturer", "manufacturer")],
            PRODUCT => &[("dosage_form", "dosageform")],
            INDICATION => &[("indication", "indication")],
            _ => &[],
        };
        for &(field, attr) in names {
            let mut options: Vec<String> = Vec::new();
            for c in choices {
                if let Some(v) = attribute(c, attr).filter(|v| !options.iter().any(|o| same(o, v))) {
                    options.push(v.to_owned());
                }
            }
            let value = stated.iter().find(|(a, _)| *a == attr).map(|(_, v)| v.clone());
            // Substance alone never picks a manufacturer; a field is needed when it tells apart.
            let needed = options.len() > 1 && value.is_none() && (field != "substance" || stated.is_empty());
            fields.push(ScopeField { field, options, value, needed });
        }
    }
    Ok(fields)
}

/// A person's statement of which heading instances a document belongs to. `None` leaves a
/// field as it is; an empty string clears it.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct SetScope {
    pub substance: Option<String>,
    pub manufacturer: Option<String>,
    pub dosage_form: Option<String>,
    pub indication: Option<String>,
}

/// Sets the document's scope. Each value must be one the product facts record (compared
/// without regard to case), so a typo cannot create a heading nobody meant.
pub fn set_document_scope(project: &mut Project, reference: &str, change: &SetScope) -> Result<crate::DocumentRow> {
    let id = project.store.resolve_document(reference)?;
    let mut doc = project.store.document(&id)?;
    let headings = Headings::load(project, &[])?;
    let recorded = |kind: &str, attr: &str| -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for c in headings.kinds.get(kind).into_iter().flatten() {
            if let Some(v) = attribute(c, attr).filter(|v| !out.iter().any(|o| same(o, v))) {
                out.push(v.to_owned());
            }
        }
        out
    };
    let scope = &mut doc.scope;
    for (given, slot, kind, attr, what) in [
        (&change.substance, &mut scope.substance, SUBSTANCE, "substance", "drug substances"),
        (&change.manufacturer, &mut scope.manufacturer, SUBSTANCE, "manufacturer", "drug substance manufacturers"),
        (&change.dosage_form, &mut scope.dosage_form, PRODUCT, "dosageform", "dosage forms"),
        (&change.indication, &mut scope.indication, INDICATION, "indication", "indications"),
    ] {
        let Some(value) = given else { continue };
        let value = value.trim();
        if value.is_empty() {
            *slot = None;
            continue;
        }
        let known = recorded(kind, attr);
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
                    "`{value}` is not one of the {what} the product facts record ({}); {}",
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

#[cfg(test)]
mod tests {
    use dossier_model::{Facts, Product, Site, Study};
    use dossier_package::Operation;

    use super::*;

    fn site(name: &str, role: &str, substance: Option<&str>) -> Site {
        Site { name: name.into(), country: "CN".into(), role: role.into(), substance: substance.map(Into::into), ..Site::default() }
    }

    fn facts() -> Facts {
        Facts {
            product: Some(Product {
                inn: "examplinib".into(),
                trade_names: vec!["Examplix".into()],
                dosage_forms: vec!["tablet".into(), "oral solution".into()],
                indications: vec!["NSCLC".into(), "gastric cancer".into()],
                sites: vec![
                    site("Plant A", "drug substance manufacturer", None),
                    site("Plant B", "drug substance manufacturer", None),
                    site("Plant C", "drug substance manufacturer", Some("otherinib")),
                    site("Plant D", "drug product manufacturer", None),
                ],
                ..Product::default()
            }),
            studies: vec![Study { id: "S-1".into(), indication: Some("gastric cancer".into()), ..Study::default() }],
            ..Facts::default()
        }
    }

    fn doc(section: &str) -> Document {
        Document {
            id: dossier_model::DocumentId::from_sha256(&"0".repeat(64)),
            sha256: "0".repeat(64),
            md5: "0".repeat(32),
            size: 1,
            file_name: "x.pdf".into(),
            source_path: "x.pdf".into(),
            source_path_raw: None,
            version: 1,
            kind: dossier_model::FileKind::Pdf,
            pdf: None,
            classification: dossier_model::Classification { section: Some(section.into()), ..dossier_model::Classification::unknown() },
            language: None,
            title: None,
            issued: None,
            expires: None,
            study: None,
            scope: Default::default(),
            translation_of: None,
            imported_at: time::OffsetDateTime::UNIX_EPOCH,
            findings: Vec::new(),
        }
    }

    fn folders(h: &Headings, kind: &str) -> Vec<String> {
        h.kinds[kind].iter().map(|i| i.folder.clone()).collect()
    }

    #[test]
    fn instances_follow_the_facts_with_appendix_4_folders() {
        let h = Headings::from_facts(&facts(), &[]);
        assert_eq!(
            folders(&h, SUBSTANCE),
            ["substance-1-manufacturer-1", "substance-1-manufacturer-2", "substance-2-manufacturer-1"]
        );
        assert_eq!(attribute(&h.kinds[SUBSTANCE][2], "substance"), Some("otherinib"));
        assert_eq!(folders(&h, PRODUCT), ["product-1", "product-2"]);
        assert_eq!(attribute(&h.kinds[PRODUCT][1], "manufacturer"), Some("Plant D"));
        assert_eq!(folders(&h, INDICATION), ["indication-1", "indication-2"]);
    }

    #[test]
    fn a_document_names_its_instance_or_is_told_to() {
        let h = Headings::from_facts(&facts(), &[]);
        let (heading, problems) = h.of("5.3.5.1", &doc("5.3.5.1"));
        assert_eq!(problems.len(), 1, "two indications, none stated");
        assert!(problems[0].message.contains("NSCLC; gastric cancer") && problems[0].message.contains("indication"), "{}", problems[0].message);
        assert_eq!(heading[INDICATION].folder, "indication-1", "a dry run still shows a whole plan");

        let mut d = doc("5.3.5.1");
        d.study = Some("S-1".into());
        let (heading, problems) = h.of("5.3.5.1", &d);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(heading[INDICATION].folder, "indication-2", "a study's documents take its indication");
        let mut with_report = facts();
        with_report.studies[0].csr = Some(d.id.to_string());
        let (heading, _) = Headings::from_facts(&with_report, &[]).of("5.3.5.1", &doc("5.3.5.1"));
        assert_eq!(heading[INDICATION].folder, "indication-2", "so does the study's report");

        let mut d = doc("3.2.S.4.1");
        d.scope.manufacturer = Some("plant b".into());
        let (heading, problems) = h.of("3.2.S.4.1", &d);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(heading[SUBSTANCE].folder, "substance-1-manufacturer-2", "matched without regard to case");

        d.scope.manufacturer = Some("Plant Z".into());
        let (_, problems) = h.of("3.2.S.4.1", &d);
        assert!(problems[0].message.contains("\"Plant Z\"") && problems[0].message.contains("examplinib by Plant A"), "{}", problems[0].message);

        let mut d = doc("3.2.P.4.1");
        d.scope.dosage_form = Some("oral solution".into());
        let (heading, problems) = h.of("3.2.P.4.1", &d);
        assert!(problems.is_empty());
        assert_eq!(heading[PRODUCT].folder, "product-2");
        assert!(!heading.contains_key("excipient"), "no excipients recorded: Appendix 4's placeholder applies");
        assert!(h.of("2.5", &doc("2.5")).0.is_empty(), "2.5 does not repeat");
    }

    #[test]
    fn an_instance_keeps_the_folder_an_earlier_sequence_gave_it() {
        let mut earlier = facts();
        earlier.product.as_mut().unwrap().indications = vec!["gastric cancer".into()];
        let before = Headings::from_facts(&earlier, &[]);
        let prior = PriorLeaf {
            sequence: "0000".into(),
            id: "lf".into(),
            backbone: dossier_package::Backbone::Index,
            section: "5.3.5.1".into(),
            lineage: "x".into(),
            document: None,
            operation: Operation::New,
            href: None,
            md5: None,
            title: String::new(),
            modifies: None,
            heading: Some(Heading::from([(INDICATION.to_owned(), before.kinds[INDICATION][0].clone())])),
        };
        // NSCLC is added in front: gastric cancer keeps indication-1, NSCLC moves on to the next free one.
        let after = Headings::from_facts(&facts(), &[prior]);
        assert_eq!(folders(&after, INDICATION), ["indication-2", "indication-1"]);
    }
}
