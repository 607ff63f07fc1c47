use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use dossier_api::{BuildOptions, Project, ValidationReport, ValidationStatus};
use dossier_model::Severity;

use super::build::sample;

const US_ENVELOPE: &str = r#"
[us]
applicant_id = "123456789"
company_name = "Shenzhen Examplar Biopharma Co., Ltd."
description = "Original NDA"
contact_name = "Jane Roe"
contact_type = "fdaact1"
contact_phone = "+1-555-0100"
phone_type = "fdatnt1"
contact_email = "ra@example.com"
application_number = "000000"
application_type = "fdaat2"
submission_type = "fdast1"
submission_sub_type = "fdasst1"
"#;

fn build_and_validate(project: &mut Project, app: &str) -> ValidationReport {
    dossier_api::build(project, app, &BuildOptions::default(), &mut |_| {}, None).unwrap();
    dossier_api::validate_folder(&project.root().join("builds").join(app), None).unwrap()
}

/// Failed error-level rules (EU P/F, FDA High, NMPA 错误) with the file name.
fn errors(report: &ValidationReport) -> Vec<(String, String)> {
    report
        .sequences
        .iter()
        .flat_map(|s| &s.problems)
        .filter(|p| p.status == ValidationStatus::Fail && p.severity == Severity::Error)
        .map(|p| (p.rule.clone(), p.file.rsplit('/').next().unwrap_or_default().to_owned()))
        .collect()
}

#[test]
fn the_sample_eu_build_fails_only_the_planted_problems() {
    let dir = tempfile::tempdir().unwrap();
    let (mut project, _) = sample(dir.path());
    let report = build_and_validate(&mut project, "app_eu");
    assert_eq!(report.sequences.len(), 1);
    let mut failed = errors(&report);
    failed.sort();
    let expected = [("15.11", "10-cover"), ("16.1", "eps-19-0412-ames-test.pdf"), ("16.2", "batch-analysis-ds.pdf")];
    assert_eq!(
        failed,
        expected.map(|(r, f)| (r.to_owned(), f.to_owned())),
        "P5 (PDF 1.3), P4 (encrypted) and the tracking table the sample has not prepared, nothing else: {:#?}",
        report.sequences[0].problems
    );
    assert!(report.has_errors(), "P/F failures make the command exit 1");
}

/// The sample with its input problems put right: P4 decrypted, P5 re-saved as PDF 1.4, and an
/// EU tracking table added. What remains to fail would be the packager's fault.
fn put_right(src: &Path) {
    let docs = src.join("documents");
    let p4 = docs.join("m3/32-body-data/32s-drug-sub/substance-1-manufacturer-1/32s4-contr-drug-sub/32s44-batch-analys/batch-analysis-ds.pdf");
    let decrypted = p4.with_extension("tmp");
    let out = Command::new("qpdf")
        .args(["--password=examplar-ds-2024", "--decrypt"])
        .arg(&p4)
        .arg(&decrypted)
        .output()
        .expect("qpdf is installed (scripts/install-system-deps.sh)");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    std::fs::rename(&decrypted, &p4).unwrap();
    let p5 = docs.join("m4/42-stud-rep/423-tox/4233-genotox/42331-in-vitro/eps-19-0412-ames-test.pdf");
    let mut bytes = std::fs::read(&p5).unwrap();
    assert!(bytes.starts_with(b"%PDF-1.3"));
    bytes[5..8].copy_from_slice(b"1.4");
    std::fs::write(&p5, bytes).unwrap();
    let cover = docs.join("m1/eu/10-cover/ema/cover-letter-ema.pdf");
    let mut tracking = std::fs::read(&cover).unwrap();
    tracking.extend_from_slice(b"\n% tracking table\n");
    std::fs::write(docs.join("m1/eu/10-cover/ema/ema-tracking-var.pdf"), tracking).unwrap();
}

#[test]
fn our_builds_of_the_sample_put_right_fail_no_error_level_rule() {
    let dir = tempfile::tempdir().unwrap();
    let (mut project, src) = sample(dir.path());
    put_right(&src);
    super::import(&mut project, &[src.join("documents")]);
    dossier_api::set_envelope(&mut project, "app_us", US_ENVELOPE).unwrap();
    for app in ["app_eu", "app_cn", "app_us"] {
        let report = build_and_validate(&mut project, app);
        assert!(errors(&report).is_empty(), "{app}: no P/F, High or 错误 rule fails: {:#?}", report.sequences[0].problems);
        assert!(!report.has_errors(), "{app}");
        let not_evaluated: Vec<_> = report.sequences[0].rules.iter().filter(|r| r.status == ValidationStatus::NotEvaluated).collect();
        assert!(not_evaluated.is_empty(), "{app}: a first sequence needs no earlier one: {not_evaluated:#?}");
    }
    // Without the FDA DTD (not available offline) the us-regional.xml rules are unverifiable,
    // never passed silently.
    let us = dossier_api::validate_folder(&project.root().join("builds/app_us"), None).unwrap();
    let unverifiable: BTreeSet<&str> =
        us.sequences[0].rules.iter().filter(|r| r.status == ValidationStatus::Unverifiable).map(|r| r.rule.as_str()).collect();
    assert!(unverifiable.contains("DB-US-REGIONAL-DTD"), "{unverifiable:?}");
}

#[test]
fn an_unknown_region_is_refused_with_the_accepted_values() {
    let dir = tempfile::tempdir().unwrap();
    let err = dossier_api::validate_folder(dir.path(), Some("xx")).unwrap_err();
    assert!(err.message.contains("eu, us or cn"), "{err}");
}

#[test]
fn a_builds_verdict_is_what_validate_says_of_the_built_folder() {
    let dir = tempfile::tempdir().unwrap();
    let (mut project, _) = sample(dir.path());
    for app in ["app_eu", "app_cn"] {
        let built = dossier_api::build(&mut project, app, &BuildOptions::default(), &mut |_| {}, None).unwrap();
        let verdict = built.verdict.clone().expect("a build carries its verdict");
        let folder = built.folder.clone().unwrap();
        let validated = dossier_api::validate_folder(&folder, None).unwrap();
        assert_eq!(verdict, validated.verdict, "{app}: one verdict, the same counts by severity and level");
        assert_eq!(built.validation.as_ref().unwrap().problems, validated.sequences[0].problems, "{app}: the same problems");
        assert!(verdict.would_be_rejected, "{app}: the planted P4 and P5 fail a rejection-level rule: {verdict:?}");
        assert_eq!(verdict.errors, errors(&validated).len(), "{app}");
    }
}
