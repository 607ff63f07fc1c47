//! Our writer's builds of the whole sample, planted problems included: exactly the planted
//! problems fail. The sample carries two planted PDF problems (P4 encrypted batch analysis, P5
//! PDF 1.3 Ames test), which every EU/NMPA build reports, and has no EU tracking table yet (a
//! "not prepared" Module 1 item). One-fault mutations of a clean build are in `corpus`.

use std::collections::BTreeSet;
use std::path::PathBuf;

use dossier_model::Severity;

use dossier_package::validate::{SequenceReport, Status, validate_path};
use dossier_package::{Region, plan};

use super::super::write::build;
use super::super::*;

const BATCH: &str = "batch-analysis-ds.pdf";
const AMES: &str = "ames-test.pdf";

pub struct Fixture {
    _dir: tempfile::TempDir,
    #[allow(dead_code)]
    pub app: PathBuf,
    pub seq: PathBuf,
}

pub fn built(region: Region) -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let app = dir.path().join("app");
    let m1 = if region == Region::Eu { eu_m1() } else { cn_m1() };
    let w = build(&plan(&input(region, 0, &m1, sample_leaves(region, &m1), vec![])), &app);
    Fixture { _dir: dir, app, seq: w.folder }
}

pub fn validate(f: &Fixture, region: Region) -> SequenceReport {
    let mut reports = validate_path(&f.seq, Some(region)).expect("validates");
    reports.remove(0)
}

/// Failed rule ids, ignoring the planted PDF problems of the sample.
pub fn failed(r: &SequenceReport) -> Vec<String> {
    let mut ids: Vec<String> = r
        .problems
        .iter()
        .filter(|p| p.status == dossier_package::validate::Status::Fail)
        .filter(|p| !(p.file.ends_with(BATCH) || p.file.ends_with(AMES)))
        .map(|p| p.rule.clone())
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

#[test]
fn our_eu_build_fails_only_the_planted_problems() {
    let f = built(Region::Eu);
    let r = validate(&f, Region::Eu);
    let errors: Vec<(&str, &str)> = r
        .problems
        .iter()
        .filter(|p| p.status == Status::Fail && p.severity == Severity::Error)
        .map(|p| (p.rule.as_str(), p.file.as_str()))
        .collect();
    assert_eq!(errors.len(), 3, "{errors:#?}");
    assert!(errors.iter().any(|(r, f)| *r == "16.2" && f.ends_with(BATCH)), "P4 encrypted PDF is reported under 16.2: {errors:?}");
    assert!(errors.iter().any(|(r, f)| *r == "16.1" && f.ends_with(AMES)), "P5 PDF 1.3 is reported under 16.1: {errors:?}");
    assert!(errors.iter().any(|(r, _)| *r == "15.11"), "the tracking table the sample has not prepared: {errors:?}");
    // The sample's PDFs are not linearised and do not open the bookmarks pane: EU best practice.
    let warnings: BTreeSet<&str> = r.problems.iter().filter(|p| p.severity == Severity::Warning).map(|p| p.rule.as_str()).collect();
    assert_eq!(warnings, BTreeSet::from(["16.BP5", "16.BP8"]), "{:#?}", r.problems);
}

#[test]
fn our_nmpa_build_fails_only_the_planted_pdf_rules() {
    let f = built(Region::Cn);
    let r = validate(&f, Region::Cn);
    assert!(failed(&r).is_empty(), "{:#?}", r.problems);
    let planted: Vec<&str> = r.problems.iter().map(|p| p.rule.as_str()).collect();
    assert_eq!(planted, ["DB-CN-PDF-PASSWORD", "DB-CN-PDF-VERSION"], "{:#?}", r.problems);
}

#[test]
fn broken_catalogues_and_page_trees_in_a_sequence_fail_the_corrupt_file_rule_with_the_problem() {
    let f = built(Region::Eu);
    let target = "m2/23-qos/qos-drug-product.pdf";
    assert!(f.seq.join(target).is_file(), "the fixture holds {target}");
    for (name, bytes, words) in crate::pdf::broken_pdfs() {
        std::fs::write(f.seq.join(target), &bytes).unwrap();
        let seq = f.seq.clone();
        let r = std::thread::spawn(move || validate_path(&seq, Some(Region::Eu)).expect("validates").remove(0)).join().expect("no stack overflow");
        let corrupt = r.problems.iter().find(|p| p.rule == "16.5" && p.file == target);
        let corrupt = corrupt.unwrap_or_else(|| panic!("{name}: 16.5 not failed: {:#?}", r.problems));
        assert_eq!(corrupt.status, Status::Fail);
        assert!(corrupt.message.contains(words), "{name}: {}", corrupt.message);
    }
}
