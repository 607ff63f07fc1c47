use dossier_api::{export_facts, import_facts};

use super::{fixture, import, new_project};

const FACTS: &str = r#"
[product]
inn = "examplinib"
modality = "chemical"
trade_names = ["Examplix", "易普利"]

[[study]]
id = "EXP-301"
phase = "3"
pivotal = true
csr = "good.pdf"
[study.subjects]
total = 100
hong_kong = 5
mainland_china = 40

[[approval]]
authority = "NMPA"
country = "CN"
date = 2025-06-18
proof = "good.pdf"

[[document]]
path = "pdf-1.3.pdf"
type = "gmp-certificate"
expires = 2025-09-30
language = "en"
"#;

#[test]
fn facts_round_trip_through_export_and_import() {
    let dir = tempfile::tempdir().unwrap();
    let mut project = new_project(dir.path());
    import(&mut project, &[fixture("good.pdf"), fixture("pdf-1.3.pdf")]);
    let report = import_facts(&mut project, FACTS).unwrap();
    assert_eq!((report.studies, report.approvals, report.documents_described), (1, 1, 1));
    let exported = export_facts(&project).unwrap();
    assert!(exported.contains("csr = \"good.pdf\""), "references are written as paths:\n{exported}");
    assert!(exported.contains("expires = \"2025-09-30\""), "{exported}");
    let before = project.store.audit_log(1000).unwrap().len();
    import_facts(&mut project, &exported).unwrap();
    assert_eq!(project.store.audit_log(1000).unwrap().len(), before, "importing the export changes nothing");
    let gmp = dossier_api::show_document(&project, "pdf-1.3.pdf").unwrap();
    assert_eq!(gmp.document.classification.doc_type.as_deref(), Some("gmp-certificate"));
}

#[test]
fn every_problem_in_a_facts_file_is_reported_and_nothing_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    let mut project = new_project(dir.path());
    import(&mut project, &[fixture("good.pdf")]);
    let broken = FACTS
        .replace("csr = \"good.pdf\"", "csr = \"missing-csr.pdf\"")
        .replace("type = \"gmp-certificate\"", "type = \"no-such-type\"");
    let err = import_facts(&mut project, &broken).unwrap_err();
    assert!(err.message.contains("missing-csr.pdf"), "{}", err.message);
    assert!(err.message.contains("pdf-1.3.pdf"), "the unimported document is named: {}", err.message);
    assert_eq!(project.store.facts().unwrap().product, None, "nothing was stored");
}

#[test]
fn a_malformed_facts_file_names_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let mut project = new_project(dir.path());
    let err = import_facts(&mut project, "[product]\ninn = \"x\"\nmodality = \"herbal\"\n").unwrap_err();
    assert!(err.message.contains("line 3") || err.message.contains("herbal"), "{}", err.message);
}

#[test]
fn a_study_listed_twice_is_refused_by_name_and_nothing_is_stored() {
    // Found by the facts fuzz target: the second entry silently replaced the first.
    let dir = tempfile::tempdir().unwrap();
    let mut project = new_project(dir.path());
    let twice = "[[study]]\nid = \"EXP-101\"\nphase = \"1\"\n[study.subjects]\ntotal = 48\n\n\
                 [[study]]\nid = \"EXP-101\"\nphase = \"2\"\n[study.subjects]\ntotal = 612\n";
    let err = import_facts(&mut project, twice).unwrap_err();
    assert!(err.message.contains("`EXP-101` is listed twice"), "{}", err.message);
    assert!(project.store.facts().unwrap().studies.is_empty(), "nothing was stored");
}

#[test]
fn a_protocol_number_with_surrounding_spaces_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut project = new_project(dir.path());
    let err = import_facts(&mut project, "[[study]]\nid = \" EXP-102\"\nphase = \"2\"\n[study.subjects]\ntotal = 1\n").unwrap_err();
    assert!(err.message.contains("\" EXP-102\"") && err.message.contains("start or end with a space"), "{}", err.message);
}
