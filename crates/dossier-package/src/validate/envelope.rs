//! Envelope rules beyond the sequence number and UUID: which envelopes a procedure needs and an
//! envelope for every country a leaf is filed for (EU VC 14.1–14.5, 14.9); NMPA controlled
//! vocabularies and the application × activity × sequence type combinations (group 4, from
//! `templates/validation/nmpa-cv.toml`).

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

use super::engine::Hit;
use super::read::Backbone;

/// One EU envelope as the rules need it.
#[derive(Debug, Default)]
struct EuEnvelope {
    country: String,
    submission: String,
    procedure: String,
}

fn parse(b: &Backbone) -> Option<roxmltree::Document<'_>> {
    let text = std::str::from_utf8(&b.bytes).ok()?;
    roxmltree::Document::parse_with_options(text, roxmltree::ParsingOptions { allow_dtd: true, ..Default::default() }).ok()
}

fn child_attr(node: roxmltree::Node<'_, '_>, element: &str, attr: &str) -> String {
    node.children().find(|c| c.tag_name().name() == element).and_then(|c| c.attribute(attr)).unwrap_or_default().to_owned()
}

/// True for an EDQM submission (a CEP), which needs no tracking table (EU VC 15.11).
pub fn eu_is_edqm(b: &Backbone) -> bool {
    let Some(doc) = parse(b) else { return false };
    let envelopes: Vec<_> = doc.descendants().filter(|n| n.tag_name().name() == "envelope").collect();
    !envelopes.is_empty()
        && envelopes.iter().all(|e| e.attribute("country") == Some("edqm") || child_attr(*e, "submission", "type") == "cep")
}

pub fn eu(b: &Backbone) -> Vec<Hit> {
    let Some(doc) = parse(b) else { return Vec::new() };
    let envelopes: Vec<EuEnvelope> = doc
        .descendants()
        .filter(|n| n.tag_name().name() == "envelope")
        .map(|e| EuEnvelope {
            country: e.attribute("country").unwrap_or_default().to_owned(),
            submission: child_attr(e, "submission", "type"),
            procedure: child_attr(e, "procedure", "type"),
        })
        .collect();
    let Some(first) = envelopes.first() else { return Vec::new() };
    let count = |f: &dyn Fn(&EuEnvelope) -> bool| envelopes.iter().filter(|e| f(e)).count();
    // Country envelopes: member states, not the agency (ema) or the EDQM.
    let countries = count(&|e| !matches!(e.country.as_str(), "ema" | "edqm"));
    let cep = envelopes.iter().any(|e| e.submission == "cep");
    let mut hits = Vec::new();
    let rel = &b.rel;
    match first.procedure.as_str() {
        "centralised" if !cep => {
            let ema = count(&|e| e.country == "ema");
            if ema != 1 {
                hits.push(Hit::fail("envelope-ema", rel, format!("{ema} envelopes for ema")));
            }
        }
        "mutual-recognition" | "decentralised" if countries == 0 => {
            hits.push(Hit::fail("envelope-mrp", rel, format!("{} procedure with no country envelope", first.procedure)));
        }
        "national" if countries != 1 => hits.push(Hit::fail("envelope-national", rel, format!("{countries} country envelopes"))),
        _ => {}
    }
    if cep {
        let edqm = count(&|e| e.country == "edqm");
        if edqm != 1 {
            hits.push(Hit::fail("envelope-cep", rel, format!("{edqm} envelopes for edqm")));
        }
    }
    for e in envelopes.iter().filter(|e| e.country == "edqm" && e.procedure != "centralised") {
        hits.push(Hit::fail("envelope-edqm", rel, format!("procedure {:?}", e.procedure)));
    }
    // 14.5: country-specific leaves (under `specific` or `pi-doc`) that add content.
    let mut missing: Vec<String> = Vec::new();
    for leaf in doc.descendants().filter(|n| n.tag_name().name() == "leaf") {
        if !matches!(leaf.attribute("operation"), Some("new" | "replace" | "append")) {
            continue;
        }
        let Some(country) = leaf.ancestors().find_map(|a| a.attribute("country").filter(|_| a.tag_name().name() != "envelope")) else {
            continue;
        };
        if country != "common" && !envelopes.iter().any(|e| e.country == country) && !missing.iter().any(|m| m == country) {
            missing.push(country.to_owned());
        }
    }
    for country in missing {
        hits.push(Hit::fail("envelope-country", rel, format!("leaves for {country}, no envelope for {country}")));
    }
    hits
}

#[derive(Debug, Deserialize)]
struct Vocabulary {
    codes: BTreeMap<String, Vec<String>>,
    combinations: BTreeMap<String, BTreeMap<String, Vec<String>>>,
}

fn vocabulary() -> &'static Vocabulary {
    static V: OnceLock<Vocabulary> = OnceLock::new();
    V.get_or_init(|| {
        toml::from_str(include_str!("../../../../templates/validation/nmpa-cv.toml")).expect("templates/validation/nmpa-cv.toml is checked by a test")
    })
}

const CN_CODES: [&str; 4] = ["application-type", "product-type", "regulatory-activity-type", "sequence-type"];

pub fn cn(b: &Backbone) -> Vec<Hit> {
    let Some(doc) = parse(b) else { return Vec::new() };
    let Some(envelope) = doc.descendants().find(|n| n.tag_name().name() == "cn-envelope") else { return Vec::new() };
    let v = vocabulary();
    let mut hits = Vec::new();
    let mut codes = BTreeMap::new();
    for name in CN_CODES {
        let code = child_attr(envelope, name, "code");
        if code.is_empty() {
            continue; // a missing element is the schema's to report
        }
        if !v.codes.get(name).is_some_and(|list| list.contains(&code)) {
            hits.push(Hit::fail("cn-cv", &b.rel, format!("{name} {code:?}")));
        } else {
            codes.insert(name, code);
        }
    }
    if let (Some(apt), Some(rat), Some(sqt)) = (codes.get("application-type"), codes.get("regulatory-activity-type"), codes.get("sequence-type")) {
        let allowed = v.combinations.get(apt).and_then(|m| m.get(rat)).is_some_and(|s| s.contains(sqt));
        if !allowed {
            hits.push(Hit::fail("cn-combination", &b.rel, format!("{apt} × {rat} × {sqt}")));
        }
    }
    hits
}

#[cfg(test)]
mod tests {
    use super::vocabulary;

    #[test]
    fn the_nmpa_vocabulary_loads_and_every_combination_uses_known_codes() {
        let v = vocabulary();
        for (apt, rats) in &v.combinations {
            assert!(v.codes["application-type"].contains(apt), "{apt}");
            for (rat, sqts) in rats {
                assert!(v.codes["regulatory-activity-type"].contains(rat), "{rat}");
                assert!(sqts.iter().all(|s| v.codes["sequence-type"].contains(s)), "{sqts:?}");
            }
        }
        assert_eq!(v.combinations.len(), 4, "cnapt1-4 each have their activities");
    }
}
