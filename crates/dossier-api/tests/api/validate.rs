use dossier_api::{BuildOptions, ValidationStatus};

use super::build::sample;

#[test]
fn the_sample_eu_build_fails_only_the_planted_pdf_rules() {
    let dir = tempfile::tempdir().unwrap();
    let (mut project, _) = sample(dir.path());
    dossier_api::build(&mut project, "app_eu", &BuildOptions::default(), &mut |_| {}, None).unwrap();
    let report = dossier_api::validate_folder(&project.root().join("builds/app_eu"), None).unwrap();
    assert_eq!(report.sequences.len(), 1);
    let failed: Vec<(&str, &str)> = report.sequences[0]
        .problems
        .iter()
        .filter(|p| p.status == ValidationStatus::Fail)
        .map(|p| (p.rule.as_str(), p.file.rsplit('/').next().unwrap_or_default()))
        .collect();
    assert_eq!(
        failed,
        [("16.1", "eps-19-0412-ames-test.pdf"), ("16.2", "batch-analysis-ds.pdf")],
        "P5 (PDF 1.3) and P4 (encrypted) only: {:#?}",
        report.sequences[0].problems
    );
    assert!(report.has_errors(), "P/F failures make the command exit 1");
}

#[test]
fn an_unknown_region_is_refused_with_the_accepted_values() {
    let dir = tempfile::tempdir().unwrap();
    let err = dossier_api::validate_folder(dir.path(), Some("xx")).unwrap_err();
    assert!(err.message.contains("eu, us or cn"), "{err}");
}
