//! Instances of the repeated CTD headings, and which one each document is filed under.
//!
//! ICH repeats 3.2.S (and 2.3.S) per drug substance and manufacturer, 3.2.P (and 2.3.P) per
//! drug product, 2.7.3 and 5.3.5 per indication. The instances come from the product facts: a
//! drug substance manufacturer site each (its `substance`, else the INN), a dosage form each,
//! an excipient each (3.2.P.4, when the facts list excipients), an indication each. A document says which it belongs to through its scope (`substance`,
//! `manufacturer`, `dosage_form`, `indication`; a study's documents and its report take the
//! study's indication when it is one the product records). With one instance recorded nothing
//! needs saying; with several, a document that does not say is [`Unresolved`], never a silent
//! pick: the gap analysis reports it and the build stops on it.
//!
//! Folders are ICH Appendix 4's numbered placeholders (`substance-1-manufacturer-2`,
//! `product-2`, `indication-2`): short and legal whatever the names, which go into the
//! headings' attributes. An instance keeps the folder an earlier sequence gave it, so adding an
//! indication never moves the files of another.

use std::collections::{BTreeMap, HashMap, HashSet};

use dossier_model::{Document, Facts};
use serde::{Deserialize, Serialize};

use crate::CtdTree;

pub const SUBSTANCE: &str = "substance-manufacturer";
pub const PRODUCT: &str = "product";
pub const INDICATION: &str = "indication";
pub const EXCIPIENT: &str = "excipient";

/// One field of a document's scope (`dossier_model::Scope`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    /// As in the facts file and `Scope::fields`.
    pub name: &'static str,
    /// The repeat kind it picks an instance of.
    pub kind: &'static str,
    /// The heading attribute whose value it names.
    pub attribute: &'static str,
    /// What the recorded values are called in messages.
    pub plural: &'static str,
}

/// Every scope field. Within a kind the last is the one that tells its instances apart.
pub const FIELDS: [Field; 5] = [
    Field { name: "substance", kind: SUBSTANCE, attribute: "substance", plural: "drug substances" },
    Field { name: "manufacturer", kind: SUBSTANCE, attribute: "manufacturer", plural: "drug substance manufacturers" },
    Field { name: "dosage_form", kind: PRODUCT, attribute: "dosageform", plural: "dosage forms" },
    Field { name: "excipient", kind: EXCIPIENT, attribute: "excipient", plural: "excipients" },
    Field { name: "indication", kind: INDICATION, attribute: "indication", plural: "indications" },
];

/// The scope field named `name`.
pub fn field(name: &str) -> Option<&'static Field> {
    FIELDS.iter().find(|f| f.name == name)
}

/// One instance of a repeating CTD heading (3.2.S per substance and manufacturer, 3.2.P per
/// product, 2.7.3 / 5.3.5 per indication, 3.2.P.4 per excipient).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Instance {
    /// Folder under the heading's own folder (ICH Appendix 4: `substance-1-manufacturer-1`).
    pub folder: String,
    /// DTD attributes of the heading element, e.g. `("substance", "examplinib")`.
    pub attributes: Vec<(String, String)>,
}

impl Instance {
    /// What tells two instances apart across sequences: their attributes (the folder is only
    /// where the files go), or the folder when the heading carries none.
    pub fn key(&self) -> String {
        if self.attributes.is_empty() {
            return format!("@{}", self.folder);
        }
        self.attributes.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("\u{1f}")
    }

    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// `examplinib by Plant A`, `tablet`, `non-small cell lung cancer`.
    pub fn describe(&self) -> String {
        match (self.attribute("substance"), self.attribute("manufacturer"), self.attribute("dosageform")) {
            (Some(s), Some(m), _) => format!("{s} by {m}"),
            (None, _, Some(form)) => form.to_owned(),
            _ => self.attributes.iter().map(|(_, v)| v.as_str()).collect::<Vec<_>>().join(", "),
        }
    }
}

/// The instances of repeating headings a leaf sits under, by the tree's `repeat` kind
/// (`substance-manufacturer`, `product`, `excipient`, `indication`). Empty below headings
/// that do not repeat.
pub type Heading = BTreeMap<String, Instance>;

/// One string naming a leaf's heading instances; equal for the same headings in any sequence.
pub fn heading_key(heading: &Heading) -> String {
    heading.iter().map(|(kind, i)| format!("{kind}:{}", i.key())).collect::<Vec<_>>().join("\u{1e}")
}

/// What a repeat kind is called in messages.
pub fn kind_noun(kind: &str) -> &str {
    match kind {
        SUBSTANCE => "drug substance and manufacturer",
        PRODUCT => "drug product (dosage form)",
        INDICATION => "indication",
        "excipient" => "excipient",
        "novel-excipient" => "novel excipient",
        other => other,
    }
}

/// Why a document's instance of one repeated heading is not known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unresolved {
    /// The repeat kind (`indication`, …).
    pub kind: String,
    /// The scope field a person sets to say it: `manufacturer`, `dosage_form`, `indication`.
    pub field: &'static str,
    /// What the document states, when it names a value the facts do not record; `None` when it
    /// states nothing and several are recorded.
    pub stated: Option<String>,
    /// The recorded instances, described (`examplinib by Plant A`).
    pub choices: Vec<String>,
}

/// The instances of each repeated heading, in the facts' order.
#[derive(Debug, Clone, Default)]
pub struct Headings {
    kinds: BTreeMap<&'static str, Vec<Instance>>,
    /// Study protocol number → its indication.
    study_indication: HashMap<String, String>,
    /// A study report's document id → its study's indication.
    csr_indication: HashMap<String, String>,
}

impl Headings {
    /// The instances the product facts record, with the folders `earlier` sequences gave them
    /// (the headings of their leaves).
    pub fn from_facts<'h>(facts: &Facts, earlier: impl IntoIterator<Item = &'h Heading>) -> Headings {
        let earlier: Vec<&Heading> = earlier.into_iter().collect();
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
        if substances.is_empty()
            && let Some(applicant) = &product.applicant
        {
            substances.push((product.inn.clone(), vec![applicant.clone()]));
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
        kinds.insert(SUBSTANCE, settle(SUBSTANCE, wanted, folder, |(s, m)| (s, m + 1), &earlier));

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
        kinds.insert(PRODUCT, settle(PRODUCT, wanted, |n| format!("product-{n}"), |n| n + 1, &earlier));

        // 2.7.3 and 5.3.5: one per indication.
        let wanted =
            product.indications.iter().enumerate().map(|(i, ind)| (i + 1, vec![("indication".to_owned(), ind.clone())])).collect();
        kinds.insert(INDICATION, settle(INDICATION, wanted, |n| format!("indication-{n}"), |n| n + 1, &earlier));

        // 3.2.P.4: one per excipient controlled on its own (none recorded: one for all of them,
        // in Appendix 4's placeholder folder).
        let wanted =
            product.excipients.iter().enumerate().map(|(i, e)| (i + 1, vec![("excipient".to_owned(), e.clone())])).collect();
        kinds.insert(EXCIPIENT, settle(EXCIPIENT, wanted, |n| format!("excipient-{n}"), |n| n + 1, &earlier));
        Headings { kinds, study_indication, csr_indication }
    }

    /// The recorded instances of one repeat kind.
    pub fn choices(&self, kind: &str) -> &[Instance] {
        self.kinds.get(kind).map_or(&[], Vec::as_slice)
    }

    /// The distinct values of `attribute` among a kind's instances, in the facts' order.
    pub fn values(&self, kind: &str, attribute: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for v in self.choices(kind).iter().filter_map(|i| i.attribute(attribute)) {
            if !out.iter().any(|o| same(o, v)) {
                out.push(v.to_owned());
            }
        }
        out
    }

    /// Whether some instance carries `attribute` = `value` (compared without regard to case).
    pub fn records(&self, attribute: &str, value: &str) -> bool {
        self.kinds.values().flatten().any(|i| i.attribute(attribute).is_some_and(|a| same(a, value)))
    }

    /// The heading instances of `doc` placed on `section`, and what stops the choice: several
    /// instances recorded and the document does not say which, or it names one that is not
    /// recorded. The heading then holds the first instance, so a dry run still shows a whole
    /// plan.
    pub fn of(&self, ctd: &CtdTree, section: &str, doc: &Document) -> (Heading, Vec<Unresolved>) {
        let mut heading = Heading::new();
        let mut unresolved = Vec::new();
        for kind in repeated_kinds(ctd, section) {
            let choices = self.choices(&kind);
            if choices.is_empty() {
                continue;
            }
            let stated = self.stated(&kind, doc);
            let field = FIELDS.iter().rev().find(|f| f.kind == kind).map_or("scope", |f| f.name);
            let matching: Vec<&Instance> =
                choices.iter().filter(|i| stated.iter().all(|(attr, v)| i.attribute(attr).is_some_and(|a| same(a, v)))).collect();
            match matching.as_slice() {
                [one] => {
                    heading.insert(kind.clone(), (*one).clone());
                }
                [] => {
                    let said = stated.iter().map(|(_, v)| v.as_str()).collect::<Vec<_>>().join(" / ");
                    unresolved.push(Unresolved {
                        kind: kind.clone(),
                        field,
                        stated: Some(said),
                        choices: choices.iter().map(Instance::describe).collect(),
                    });
                    heading.insert(kind.clone(), choices[0].clone());
                }
                several => {
                    unresolved.push(Unresolved {
                        kind: kind.clone(),
                        field,
                        stated: None,
                        choices: several.iter().map(|i| i.describe()).collect(),
                    });
                    heading.insert(kind.clone(), several[0].clone());
                }
            }
        }
        (heading, unresolved)
    }

    /// What the document says about one kind, as `(attribute, value)` pairs. A study's
    /// indication counts, when the document states none, only when it is one the product
    /// records: studies often describe their population in other words.
    pub fn stated(&self, kind: &str, doc: &Document) -> Vec<(&'static str, String)> {
        let mut out: Vec<(&'static str, String)> = doc
            .scope
            .fields()
            .into_iter()
            .filter_map(|(name, value)| Some((field(name).filter(|f| f.kind == kind)?.attribute, value.clone()?)))
            .collect();
        if kind == INDICATION && out.is_empty() {
            let from_study = doc
                .study
                .as_ref()
                .and_then(|s| self.study_indication.get(s))
                .or_else(|| self.csr_indication.get(doc.id.as_str()))
                .filter(|i| self.records("indication", i));
            out.extend(from_study.map(|i| ("indication", i.clone())));
        }
        out
    }
}

/// The repeat kinds of the headings at and above an ICH section (none for Module 1).
pub fn repeated_kinds(ctd: &CtdTree, section: &str) -> Vec<String> {
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
    earlier: &[&Heading],
) -> Vec<Instance> {
    let before: HashMap<String, String> =
        earlier.iter().filter_map(|h| h.get(kind)).map(|i| (i.key(), i.folder.clone())).collect();
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

/// Equal without regard to case or surrounding spaces.
pub fn same(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}
