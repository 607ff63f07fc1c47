//! Generated documents over the real Examplinib sample: every PDF passes `qpdf --check`,
//! embeds all its fonts, yields its English and Chinese text to `pdftotext`, has the pages it
//! says it has, and comes out byte-identical from a second run.

use std::path::Path;
use std::process::Command;

use dossier_api::{GapReportOptions, Lang, ReportFormat};
use time::macros::date;

use super::build::sample;

pub fn run(tool: &str, args: &[&str], path: &Path) -> String {
    let mut cmd = Command::new(tool);
    cmd.args(args).arg(path);
    if tool == "pdftotext" {
        cmd.arg("-");
    }
    let out = cmd.output().unwrap_or_else(|e| panic!("cannot run {tool} (scripts/install-system-deps.sh installs it): {e}"));
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "{tool} fails on {}:\n{text}", path.display());
    text
}

/// Structure, fonts, page count and page labels; returns the text with line breaks flattened.
pub fn check(path: &Path, pages: usize, page_label: impl Fn(usize, usize) -> String) -> String {
    assert!(run("qpdf", &["--check"], path).contains("No syntax or stream encoding errors"), "qpdf --check {}", path.display());
    let fonts = run("pdffonts", &[], path);
    for row in fonts.lines().skip(2) {
        let cols: Vec<&str> = row.split_whitespace().collect();
        let n = cols.len();
        assert!(n >= 7 && cols[n - 5] == "yes" && cols[n - 4] == "yes", "every font embedded and subset in {}:\n{fonts}", path.display());
    }
    let info = run("pdfinfo", &[], path);
    let field = |name: &str| info.lines().find_map(|l| l.strip_prefix(name)).map(str::trim).unwrap_or_default().to_owned();
    assert_eq!(field("Pages:"), pages.to_string(), "page count of {}", path.display());
    assert_eq!(field("PDF version:"), "1.7", "PDF 1.7");
    assert_eq!(field("Encrypted:"), "no", "no security");
    let text = run("pdftotext", &["-enc", "UTF-8"], path);
    for (i, page) in text.split('\u{c}').take(pages).enumerate() {
        assert!(page.contains(&page_label(i + 1, pages)), "page {} of {} is numbered", i + 1, path.display());
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn every_cover_letter_of_the_sample_is_a_valid_one_page_pdf_in_its_language() {
    let dir = tempfile::tempdir().unwrap();
    let (project, _) = sample(dir.path());
    let d = Some(date!(2026 - 11 - 20));
    for (app, expected) in [
        ("app_us", "U.S. Food and Drug Administration"),
        ("app_eu", "European Medicines Agency"),
        ("app_hk", "Department of Health"),
        ("app_cn", "国家药品监督管理局药品审评中心："),
    ] {
        let out = dir.path().join(format!("{app}.pdf"));
        let written = dossier_api::write_cover_letter(&project, app, d, &out, false).unwrap();
        assert_eq!(written.pages, Some(1), "{app}: a one-page letter");
        let zh = app == "app_cn";
        let text = check(&out, 1, |n, t| if zh { format!("第{n}页，共{t}页") } else { format!("Page {n} of {t}") });
        assert!(text.contains(expected), "{app} letter addressed to `{expected}`:\n{text}");
        assert!(text.contains("Shenzhen Examplar Biopharma Co., Ltd."), "{app}: the applicant from the facts");
        assert!(text.contains(if zh { "说明函" } else { "Cover letter" }), "{app}: its title");
        let again = dir.path().join(format!("{app}-again.pdf"));
        dossier_api::write_cover_letter(&project, app, d, &again, false).unwrap();
        assert_eq!(std::fs::read(&out).unwrap(), std::fs::read(&again).unwrap(), "{app}: same input, same bytes");
    }
}

#[test]
fn the_gap_report_of_the_sample_is_valid_in_every_language_and_deterministic() {
    let dir = tempfile::tempdir().unwrap();
    let (project, _) = sample(dir.path());
    for (lang, label, expected) in [
        (Lang::En, "Page {n} of {t}", ["Gap analysis report", "Readiness per application", "\"1+\" mechanism: Open", "Appendix: sources cited"]),
        (Lang::ZhHans, "第{n}页，共{t}页", ["差距分析报告", "各申请的准备程度", "「1+」机制：可行", "附录：引用的来源"]),
        (Lang::ZhHant, "第{n}頁，共{t}頁", ["差距分析報告", "各申請的準備程度", "「1+」機制：可行", "附錄：引用的來源"]),
    ] {
        let options = GapReportOptions { app: None, lang, date: Some(date!(2026 - 11 - 20)) };
        let out = dir.path().join(format!("gaps-{}.pdf", lang.bcp47()));
        let written = dossier_api::write_gap_report(&project, &options, ReportFormat::Pdf, &out, false).unwrap();
        let pages = written.pages.unwrap();
        assert!(pages >= 5, "cover, chart, routes, findings, reuse and sources take pages: {pages}");
        let text = check(&out, pages, |n, t| label.replace("{n}", &n.to_string()).replace("{t}", &t.to_string()));
        for e in expected {
            assert!(text.contains(e), "`{e}` in the {lang:?} report");
        }
        assert!(text.contains("Examplix / 易普利 (examplinib)"), "the product with its Chinese trade name");
        let again = dir.path().join("again.pdf");
        dossier_api::write_gap_report(&project, &options, ReportFormat::Pdf, &again, true).unwrap();
        assert_eq!(std::fs::read(&out).unwrap(), std::fs::read(&again).unwrap(), "{lang:?}: same input, same bytes");
    }
}

#[test]
fn csv_and_json_carry_the_same_findings_as_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let (project, _) = sample(dir.path());
    let options = GapReportOptions { app: Some("app_hk".into()), lang: Lang::En, date: Some(date!(2026 - 11 - 20)) };
    let report = dossier_api::gap_report(&project, &options).unwrap();
    assert_eq!(report.applications.len(), 1, "--app reports one application");
    assert!(report.hk_routes.is_some(), "a Hong Kong report carries the route verdicts");
    let findings = report.applications[0].findings.len();
    let csv_path = dir.path().join("gaps.csv");
    dossier_api::write_gap_report(&project, &options, ReportFormat::Csv, &csv_path, false).unwrap();
    let csv = std::fs::read_to_string(&csv_path).unwrap();
    assert_eq!(csv.lines().filter(|l| l.starts_with("finding,app_hk,")).count(), findings, "one CSV row per finding");
    let json_path = dir.path().join("gaps.json");
    dossier_api::write_gap_report(&project, &options, ReportFormat::Json, &json_path, false).unwrap();
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&json_path).unwrap()).unwrap();
    assert_eq!(json["applications"][0]["findings"].as_array().map(Vec::len), Some(findings), "the JSON is the same content");

    let us = GapReportOptions { app: Some("app_us".into()), ..options };
    assert!(dossier_api::gap_report(&project, &us).unwrap().hk_routes.is_none(), "an FDA-only report has no HK routes");
}

#[test]
fn an_unknown_application_is_not_found() {
    let dir = tempfile::tempdir().unwrap();
    let (project, _) = sample(dir.path());
    let err = dossier_api::write_cover_letter(&project, "app_xx", None, &dir.path().join("x.pdf"), false).unwrap_err();
    assert_eq!(err.code, dossier_api::ErrorCode::NotFound, "{err}");
    assert!(!dir.path().join("x.pdf").exists(), "nothing written");
}

#[test]
fn the_gap_report_shows_the_verdict_of_the_applications_last_build() {
    let dir = tempfile::tempdir().unwrap();
    let (mut project, _) = sample(dir.path());
    let options = GapReportOptions { app: Some("app_cn".into()), lang: Lang::ZhHans, date: Some(date!(2026 - 11 - 20)) };
    let before = dossier_api::gap_report(&project, &options).unwrap();
    assert_eq!(before.applications[0].last_build, None, "nothing built yet, no verdict");
    let built = dossier_api::build(&mut project, "app_cn", &dossier_api::BuildOptions::default(), &mut |_| {}, None).unwrap();
    let verdict = built.verdict.expect("the build's verdict");
    let report = dossier_api::gap_report(&project, &options).unwrap();
    let shown = report.applications[0].last_build.clone().expect("the last build's verdict");
    assert_eq!(shown.sequence, "0000");
    assert_eq!(
        (shown.errors, shown.warnings, shown.notes, shown.rejecting, shown.would_be_rejected),
        (verdict.errors, verdict.warnings, verdict.notes, verdict.rejecting, verdict.would_be_rejected),
        "the same verdict as the build's"
    );
    assert!(shown.would_be_rejected, "the planted P4 and P5 are 错误");
    let pdf = dir.path().join("gaps.pdf");
    dossier_api::write_gap_report(&project, &options, ReportFormat::Pdf, &pdf, false).unwrap();
}
