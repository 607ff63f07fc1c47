use dossier_rules::{ManualAssignment, Status, Templates, analyse};
use time::macros::date;

use super::{app, doc, snapshot};

fn status_of(analysis: &dossier_rules::AppAnalysis, item: &str) -> Status {
    analysis.items.iter().find(|i| i.item == item).unwrap_or_else(|| panic!("item {item}")).status
}

#[test]
fn an_expired_certificate_is_reported_even_when_another_is_valid() {
    let mut valid = doc(1, "company/gmp-a.pdf", "gmp-certificate", None);
    valid.expires = Some(date!(2028 - 01 - 01));
    let mut expired = doc(2, "company/gmp-b.pdf", "gmp-certificate", None);
    expired.expires = Some(date!(2025 - 09 - 30));
    let snap = snapshot(vec![valid, expired], vec![app("app_hk", "hk-dh-new-product", Some("1plus"))]);
    let a = &analyse(Templates::embedded(), &snap)[0];
    let expired_gaps: Vec<_> = a.gaps.iter().filter(|g| g.status == Status::Expired).collect();
    assert_eq!(expired_gaps.len(), 1, "{:#?}", a.gaps);
    assert!(expired_gaps[0].message.contains("gmp-b.pdf"));
}

#[test]
fn a_cover_letter_made_for_one_authority_does_not_serve_another() {
    let eu_letter = doc(3, "m1/eu/10-cover/cover-letter-ema.pdf", "cover-letter", Some("eu:1.0"));
    let id = eu_letter.id.clone();
    let snap = snapshot(vec![eu_letter], vec![app("app_cn", "nmpa-nda-domestic", None)]);
    let a = &analyse(Templates::embedded(), &snap)[0];
    assert!(a.placements().all(|p| p.document != id), "the EMA letter is not placed on any NMPA item");
}

#[test]
fn a_certificate_filed_for_one_authority_still_serves_another() {
    let cpp = doc(4, "m1/cn/1389/cpp.pdf", "cpp", Some("cn:1.3.8.9"));
    let snap = snapshot(vec![cpp.clone()], vec![app("app_hk", "hk-dh-new-product", Some("1plus"))]);
    let a = &analyse(Templates::embedded(), &snap)[0];
    assert!(a.placements().any(|p| p.document == cpp.id), "a CPP is evidence for every region");
}

#[test]
fn only_the_newest_version_of_a_file_is_placed() {
    let old = doc(5, "m2/25-clin-over/clinical-overview.pdf", "clinical-overview", Some("2.5"));
    let mut new = doc(6, "m2/25-clin-over/clinical-overview.pdf", "clinical-overview", Some("2.5"));
    new.version = 2;
    let snap = snapshot(vec![old.clone(), new.clone()], vec![app("app_eu", "ema-maa-centralised", None)]);
    let a = &analyse(Templates::embedded(), &snap)[0];
    let placed: Vec<_> = a.placements().filter(|p| p.section == "2.5").map(|p| p.document.clone()).collect();
    assert_eq!(placed, vec![new.id], "the old version stays in the library, off the checklist");
}

#[test]
fn an_item_whose_condition_reads_an_unrecorded_fact_is_undecided_and_says_which() {
    let snap = snapshot(vec![], vec![app("app_cn", "nmpa-nda-imported", None)]);
    let a = &analyse(Templates::embedded(), &snap)[0];
    let undecided: Vec<_> = a.gaps.iter().filter(|g| g.status == Status::Undecided).collect();
    assert!(!undecided.is_empty(), "applicant_in_region is not recorded");
    assert!(undecided.iter().all(|g| g.action.contains("dossier app set")), "{undecided:#?}");
}

#[test]
fn not_applicable_with_a_reason_takes_an_item_out_of_readiness() {
    let mut a = app("app_hk", "hk-dh-new-product", Some("1plus"));
    a.manual.push(ManualAssignment::NotApplicable { item: "HK-07".into(), reason: "waived at the pre-NDA meeting".into() });
    let snap = snapshot(vec![], vec![a]);
    let analysis = &analyse(Templates::embedded(), &snap)[0];
    assert_eq!(status_of(analysis, "HK-07"), Status::NotApplicable);
    assert!(analysis.gaps.iter().all(|g| g.item != "HK-07"));
}

#[test]
fn a_translation_rides_along_with_its_chinese_original_for_nmpa() {
    let mut original = doc(7, "company/licence-zh.pdf", "manufacturing-licence", None);
    original.language = Some("zh-Hans".into());
    let mut translation = doc(8, "company/licence-en.pdf", "manufacturing-licence", None);
    translation.translation_of = Some(original.id.clone());
    let mut a = app("app_cn", "nmpa-nda-domestic", None);
    a.flags.insert("applicant_in_region".into(), true);
    let snap = snapshot(vec![original, translation], vec![a]);
    let analysis = &analyse(Templates::embedded(), &snap)[0];
    assert!(
        !analysis.gaps.iter().any(|g| g.status == Status::NeedsTranslation && g.message.contains("licence")),
        "{:#?}",
        analysis.gaps
    );
}

#[test]
fn every_gap_carries_a_message_code_and_the_values_a_ui_words_it_from() {
    let mut expired = doc(7, "company/gmp-b.pdf", "gmp-certificate", None);
    expired.expires = Some(date!(2025 - 09 - 30));
    let snap = snapshot(vec![expired], vec![app("app_hk", "hk-dh-new-product", Some("1plus")), app("app_cn", "nmpa-nda-imported", None)]);
    let analyses = analyse(Templates::embedded(), &snap);
    let gaps: Vec<_> = analyses.iter().flat_map(|a| &a.gaps).collect();
    let expired = gaps.iter().find(|g| g.status == Status::Expired).expect("the expired certificate");
    assert_eq!(expired.code, "expired");
    assert_eq!(expired.params["path"], "company/gmp-b.pdf");
    assert_eq!(expired.params["day"], "2025-09-30");
    let missing = gaps.iter().find(|g| g.status == Status::Missing && g.rule != "DB-COMPANION").expect("a missing item");
    assert_eq!((missing.code.as_str(), &missing.params["item"]), ("missing", &missing.item));
    assert_eq!(missing.action_code, None, "the template's action is used as it is");
    let undecided = gaps.iter().find(|g| g.status == Status::Undecided).expect("an undecided item");
    assert_eq!(undecided.action_code.as_deref(), Some("record-facts"));
    assert!(undecided.params["facts"].contains("applicant_in_region"), "{undecided:#?}");
    assert!(analyses[0].items.iter().any(|i| i.doc_types.iter().any(|t| t == "gmp-certificate")), "items say what types they take");
}

#[test]
fn items_and_their_gaps_carry_the_templates_chinese_actions() {
    let snap = snapshot(vec![], vec![app("app_hk", "hk-dh-new-product", Some("1plus"))]);
    let a = &analyse(Templates::embedded(), &snap)[0];
    let gmp = a.items.iter().find(|i| i.item == "HK-03").expect("the GMP item");
    assert!(gmp.action.contains("certified true copy"), "{gmp:#?}");
    assert_eq!(gmp.action_zh_hans.as_deref(), Some("取得每个生产场地 GMP 证书的核证副本并导入。"));
    assert_eq!(gmp.action_zh_hant.as_deref(), Some("取得每個生產場地 GMP 證書的核證副本並匯入。"));
    let missing = a.gaps.iter().find(|g| g.item == "HK-03" && g.status == Status::Missing).expect("the GMP gap");
    assert_eq!((&missing.action_zh_hans, &missing.action_zh_hant), (&gmp.action_zh_hans, &gmp.action_zh_hant));
    let cn = snapshot(vec![], vec![app("app_cn", "nmpa-nda-imported", None)]);
    let cn = &analyse(Templates::embedded(), &cn)[0];
    let undecided = cn.gaps.iter().find(|g| g.action_code.as_deref() == Some("record-facts")).expect("an undecided item");
    assert!(undecided.action_zh_hans.is_some(), "the template's part of a generated action is there in Chinese");
}

#[test]
fn an_ectd_item_waits_on_a_document_that_does_not_say_which_of_several_indications_it_belongs_to() {
    let csr = doc(20, "m5/535/exp-301-csr.pdf", "clinical-study-report", Some("5.3.5.1"));
    let mut snap = snapshot(vec![csr.clone()], vec![app("app_eu", "ema-maa-centralised", None), app("app_hk", "hk-dh-new-product", Some("1plus"))]);
    snap.facts.product = Some(dossier_model::Product {
        inn: "examplinib".into(),
        indications: vec!["NSCLC".into(), "gastric cancer".into()],
        ..Default::default()
    });
    let analyses = analyse(Templates::embedded(), &snap);
    let eu = &analyses[0];
    let g = eu.gaps.iter().find(|g| g.rule == "DB-PKG-INSTANCE").expect("the eCTD build could not place it");
    assert_eq!((g.status, g.severity, g.code.as_str()), (Status::Undecided, dossier_model::Severity::Error, "instance-unstated"));
    assert_eq!(g.params["field"], "indication");
    assert_eq!(g.params["choices"], "NSCLC; gastric cancer");
    assert_eq!(g.document.as_ref(), Some(&csr.id));
    assert_eq!(status_of(eu, "EU-93"), Status::Undecided, "the item waits on that fact");
    assert_eq!(eu.gaps.iter().filter(|g| g.rule == "DB-PKG-INSTANCE").count(), 1, "one gap per document");
    assert!(!analyses[1].gaps.iter().any(|g| g.rule == "DB-PKG-INSTANCE"), "the Hong Kong bundle has no headings to repeat");

    // Stated: the gap is gone and the item is satisfied. Named but not recorded: a gap again.
    let mut stated = csr.clone();
    stated.scope.indication = Some("gastric cancer".into());
    snap.documents = vec![stated.clone()];
    let eu = &analyse(Templates::embedded(), &snap)[0];
    assert!(!eu.gaps.iter().any(|g| g.rule == "DB-PKG-INSTANCE"), "{:#?}", eu.gaps);
    assert_eq!(status_of(eu, "EU-93"), Status::Satisfied);
    stated.scope.indication = Some("melanoma".into());
    snap.documents = vec![stated];
    let eu = &analyse(Templates::embedded(), &snap)[0];
    let g = eu.gaps.iter().find(|g| g.rule == "DB-PKG-INSTANCE").unwrap();
    assert_eq!((g.code.as_str(), g.params["stated"].as_str()), ("instance-unknown", "melanoma"));
}
