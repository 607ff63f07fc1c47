//! `m1/eu/eu-regional.xml` against the EU M1 v3.1.1 DTD (`eu-regional.dtd` 3.1 with
//! `eu-envelope.mod` and `eu-leaf.mod`).

use super::{LeafStyle, RegionalTree, Xml, write_leaf};
use crate::plan::SequencePlan;

/// How the EU DTD wraps leaves of a heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wrapper {
    None,
    /// `(specific+)` with `country`: files go in `<heading>/<country>/`.
    Specific,
    /// `(pi-doc+)` with `xml:lang`, `type`, `country`: files go in `<heading>/<country>/<lang>/`.
    PiDoc,
}

/// From the content models in `eu-regional.dtd` 3.1 (a DTD fact, checked by validating the
/// output against the DTD in the tests).
pub fn wrapper(element: &str) -> Wrapper {
    match element {
        "m1-0-cover" | "m1-2-form" | "m1-3-2-mockup" | "m1-3-3-specimen" | "m1-3-4-consultation"
        | "m1-3-5-approved" | "m1-responses" | "m1-additional-data" => Wrapper::Specific,
        "m1-3-1-spc-label-pl" => Wrapper::PiDoc,
        _ => Wrapper::None,
    }
}

/// `m1-eu` requires `m1-0-cover`.
const REQUIRED: &[&str] = &["m1-0-cover"];

/// The DTD's `%languages;`; other languages cannot label a `pi-doc`.
const LANGUAGES: &[&str] = &[
    "bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr", "hu", "is", "it", "lt", "lv", "mt", "nl",
    "no", "pl", "pt", "ro", "sk", "sl", "sv",
];

/// The `pi-doc` language of a document's BCP-47 tag (`en-GB` → `en`); English when unknown.
pub fn language(tag: Option<&str>) -> &'static str {
    let primary = tag.and_then(|t| t.split('-').next()).unwrap_or("en").to_ascii_lowercase();
    LANGUAGES.iter().find(|l| **l == primary).copied().unwrap_or("en")
}

pub fn render(plan: &SequencePlan) -> Vec<u8> {
    let mut xml = Xml::new();
    xml.doctype("eu:eu-backbone SYSTEM \"../../util/dtd/eu-regional.dtd\"");
    xml.pi("xml-stylesheet type=\"text/xsl\" href=\"../../util/style/eu-regional.xsl\"");
    xml.start(
        "eu:eu-backbone",
        &[("xmlns:eu", "http://europa.eu.int"), ("xmlns:xlink", super::ich::XLINK_DTD_NS), ("dtd-version", "3.1")],
    );
    let env = plan.envelope.eu.clone().unwrap_or_default();
    xml.start("eu-envelope", &[]);
    xml.start("envelope", &[("country", &env.country)]);
    xml.text_element("identifier", &[], &env.identifier);
    let mut submission: Vec<(&str, &str)> = vec![("type", &env.submission_type)];
    if let Some(mode) = &env.submission_mode {
        submission.push(("mode", mode));
    }
    xml.start("submission", &submission);
    if let Some(n) = &env.submission_number {
        xml.text_element("number", &[], n);
    }
    xml.start("procedure-tracking", &[]);
    for n in &env.tracking_numbers {
        xml.text_element("number", &[], n);
    }
    xml.end("procedure-tracking");
    xml.end("submission");
    xml.empty("submission-unit", &[("type", &env.submission_unit)]);
    xml.text_element("applicant", &[], &env.applicant);
    xml.empty("agency", &[("code", &env.agency)]);
    xml.empty("procedure", &[("type", &env.procedure)]);
    for name in &env.invented_names {
        xml.text_element("invented-name", &[], name);
    }
    for inn in &env.inns {
        xml.text_element("inn", &[], inn);
    }
    xml.text_element("sequence", &[], &plan.number);
    xml.text_element("related-sequence", &[], env.related_sequence.as_deref().unwrap_or(&plan.number));
    xml.text_element("submission-description", &[], &env.description);
    xml.end("envelope");
    xml.end("eu-envelope");

    let tree = RegionalTree::new(plan, REQUIRED);
    let style = LeafStyle { base: "m1/eu", backbone_file: "m1/eu/eu-regional.xml", checksum_on_delete: true };
    xml.start("m1-eu", &[]);
    for r in tree.roots() {
        heading(&mut xml, &tree, r, &env.country, &style);
    }
    xml.end("m1-eu");
    xml.end("eu:eu-backbone");
    xml.finish()
}

fn heading(xml: &mut Xml, tree: &RegionalTree<'_>, i: usize, country: &str, style: &LeafStyle<'_>) {
    let element = &tree.plan.m1[i].element;
    xml.start(element, &[]);
    let leaves = &tree.leaves[i];
    match wrapper(element) {
        Wrapper::None => {
            for leaf in leaves {
                write_leaf(xml, leaf, style);
            }
        }
        Wrapper::Specific => {
            xml.start("specific", &[("country", country)]);
            for leaf in leaves {
                write_leaf(xml, leaf, style);
            }
            xml.end("specific");
        }
        Wrapper::PiDoc => {
            let mut langs: Vec<&str> = leaves.iter().map(|l| language(l.language.as_deref())).collect();
            langs.sort_unstable();
            langs.dedup();
            if langs.is_empty() {
                langs.push("en");
            }
            for lang in langs {
                // `combined`: SmPC, Annex II, labelling and leaflet in one document, the usual
                // centralised-procedure layout; a per-document type needs the document type map.
                xml.start("pi-doc", &[("xml:lang", lang), ("type", "combined"), ("country", country)]);
                for leaf in leaves.iter().filter(|l| language(l.language.as_deref()) == lang) {
                    write_leaf(xml, leaf, style);
                }
                xml.end("pi-doc");
            }
        }
    }
    for c in tree.children(i) {
        heading(xml, tree, c, country, style);
    }
    xml.end(element);
}
