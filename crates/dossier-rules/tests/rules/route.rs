use dossier_model::Facts;
use dossier_rules::{Templates, evaluate_routes};

use super::{app, doc, snapshot};

fn condition<'a>(routes: &'a [dossier_rules::RouteResult], route: &str, id: &str) -> &'a dossier_rules::ConditionResult {
    routes.iter().find(|r| r.id == route).and_then(|r| r.conditions.iter().find(|c| c.id == id)).unwrap_or_else(|| panic!("{route}/{id}"))
}

#[test]
fn every_evidence_line_carries_a_code_and_its_values_beside_the_english_text() {
    let facts: Facts = toml::from_str(
        r#"
[product]
inn = "examplinib"
modality = "chemical"

[[study]]
id = "EXP-301"
title = "Pivotal"
phase = "3"
[study.subjects]
total = 48
mainland_china = 40
hong_kong = 8

[[approval]]
authority = "NMPA"
country = "CN"
date = 2025-06-18
number = "国药准字H20253127"
designations = ["breakthrough"]
"#,
    )
    .unwrap();
    let mut snap = snapshot(vec![doc(1, "hk/expert-report.pdf", "local-expert-assessment", None)], vec![]);
    snap.facts = facts;
    let mut hk = app("app_hk", "hk-dh-new-product", Some("1plus"));
    hk.flags.insert("registered_in_region".into(), false);
    let t = Templates::embedded();
    let routes = evaluate_routes(t, &snap, t.profiles.get("hk-dh-new-product").unwrap(), Some(&hk));

    let approval = &condition(&routes, "1plus", "one-reference-approval").evidence_codes[0];
    assert_eq!(approval.code, "reference-approval");
    assert_eq!(
        (approval.params["authority"].as_str(), approval.params["country"].as_str(), approval.params["date"].as_str(), approval.params["number"].as_str()),
        ("NMPA", "CN", "2025-06-18", "国药准字H20253127")
    );
    assert_eq!(approval.text, "NMPA (CN) approval of 2025-06-18, 国药准字H20253127", "the English stays as it was");

    let study = &condition(&routes, "1plus", "local-or-asian-clinical-data").evidence_codes[0];
    assert_eq!(study.code, "clinical-subjects");
    assert_eq!(study.params["regions"], "hong_kong,mainland_china", "in the template's order");
    assert_eq!((study.params["hong_kong"].as_str(), study.params["mainland_china"].as_str(), study.params["total"].as_str()), ("8", "40", "48"));
    assert_eq!(study.text, "study EXP-301: 8 hong kong, 40 mainland china of 48 subjects");

    let new_drug = condition(&routes, "1plus", "new-drug");
    assert_eq!(new_drug.met, Some(true));
    let fact = &new_drug.evidence_codes[0];
    assert_eq!((fact.code.as_str(), fact.params["fact"].as_str(), fact.params["value"].as_str()), ("fact", "registered_in_region", "false"));
    assert_eq!(new_drug.evidence, vec!["registered_in_region = false".to_owned()]);

    let designation = &condition(&routes, "1plus", "prominent-clinical-benefit").evidence_codes[0];
    assert_eq!((designation.code.as_str(), designation.params["designation"].as_str()), ("designation", "breakthrough"));
    let expert = &condition(&routes, "1plus", "local-expert-recognition").evidence_codes[0];
    assert_eq!((expert.code.as_str(), expert.params["path"].as_str()), ("document", "hk/expert-report.pdf"));

    for r in &routes {
        for c in &r.conditions {
            let texts: Vec<&str> = c.evidence_codes.iter().map(|e| e.text.as_str()).collect();
            assert_eq!(texts, c.evidence, "{}/{}: `evidence` is the English of `evidence_codes`", r.id, c.id);
        }
    }
}
