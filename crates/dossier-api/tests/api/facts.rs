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

/// Issue 14, point 17: each kind of unsafe character, in each kind of field, refused with the
/// field named; nothing stored.
#[test]
fn control_characters_and_bidi_overrides_are_refused_naming_the_field_and_nothing_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    let mut project = new_project(dir.path());
    import(&mut project, &[fixture("good.pdf"), fixture("pdf-1.3.pdf")]);
    import_facts(&mut project, FACTS).unwrap();
    let before = export_facts(&project).unwrap();
    let cases: &[(&str, &str, &str)] = &[
        (r#"inn = "examplinib""#, r#"inn = "ex\u0000amplinib""#, "product.inn holds U+0000 (NUL)"),
        (r#""Examplix""#, r#""Exam\u0007plix""#, "product.trade_names[1] holds U+0007 (BEL, the bell)"),
        (r#""易普利""#, r#""易\u001B[0m普利""#, "product.trade_names[2] holds U+001B (ESC"),
        (r#"modality = "chemical""#, "modality = \"chemical\"\napplicant = \"Acme\\u009B\"", "product.applicant holds U+009B (a C1 control character)"),
        (r#"modality = "chemical""#, "modality = \"chemical\"\nmah = \"Acme\\u007F\"", "product.mah holds U+007F (DEL)"),
        (r#"phase = "3""#, "phase = \"3\"\ntitle = \"\\u202Egnp.exe\"", "study[EXP-301].title holds U+202E (right-to-left override)"),
        (r#"phase = "3""#, "phase = \"3\"\nindication = \"x\\u2066y\\u2069\"", "study[EXP-301].indication holds U+2066 (left-to-right isolate), U+2069"),
        (r#"id = "EXP-301""#, r#"id = "EXP-301\u200D\u202A""#, "study[EXP-301\\u{200d}\\u{202a}].id holds U+202A (left-to-right embedding)"),
        (r#"authority = "NMPA""#, r#"authority = "NM\u0008PA""#, "approval[1].authority holds U+0008 (backspace)"),
        (r#"language = "en""#, "language = \"en\"\ntitle = \"GMP\\rcertificate\"", "document[pdf-1.3.pdf].title holds U+000D (carriage return)"),
    ];
    for (from, to, wanted) in cases {
        let text = FACTS.replacen(from, to, 1);
        assert_ne!(text, FACTS, "the case applies: {from}");
        let err = import_facts(&mut project, &text).expect_err(wanted);
        assert!(err.message.contains(wanted), "wanted `{wanted}` in:\n{}", err.message);
        assert!(err.message.contains("retype the value without it"), "{}", err.message);
        assert!(!err.message.chars().any(|c| c.is_control() && c != '\n'), "the message itself carries none: {:?}", err.message);
        assert_eq!(export_facts(&project).unwrap(), before, "{wanted}: nothing was stored");
    }
}

#[test]
fn tabs_line_breaks_and_right_to_left_marks_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    let mut project = new_project(dir.path());
    import(&mut project, &[fixture("good.pdf"), fixture("pdf-1.3.pdf")]);
    let text = FACTS
        .replacen(r#"modality = "chemical""#, "modality = \"chemical\"\napplicant = \"شركة\\u200F Examplar\\tLtd.\"", 1)
        .replacen(
            "[[study]]",
            "[[product.site]]\nname = \"Site\"\naddress = \"\"\"\nline one\r\nline two\n\"\"\"\ncountry = \"CN\"\nrole = \"x\"\n\n[[study]]",
            1,
        );
    import_facts(&mut project, &text).expect("a mark, a tab and line breaks are text");
    let stored = project.store.facts().unwrap();
    let p = stored.product.unwrap();
    assert_eq!(p.applicant.as_deref(), Some("شركة\u{200F} Examplar\tLtd."));
    assert_eq!(p.sites[0].address.as_deref(), Some("line one\r\nline two\n"));
}
