use dossier_report::{FontPaths, GapReport, GapReportInput, Lang, gap_report, gap_report_csv, gap_report_pdf};

use super::support::{check_pdf, date, flat, snapshot, templates};

fn report(lang: Lang) -> GapReport {
    let snap = snapshot();
    let t = templates();
    let analyses = dossier_rules::analyse(t, &snap);
    let matrix = dossier_rules::reuse_matrix(&snap.documents, &analyses);
    let hk = t.profiles.get("hk-dh-new-product").expect("the HK profile");
    let app = snap.applications.iter().find(|a| a.id == "app_hk");
    let routes = dossier_rules::evaluate_routes(t, &snap, hk, app);
    gap_report(&GapReportInput {
        builds: &[],
        templates: t,
        facts: &snap.facts,
        analyses: &analyses,
        hk_routes: Some((Some("app_hk"), &routes)),
        matrix: &matrix,
        lang,
        date: date(),
        audit_head: None,
    })
    .expect("the report builds")
}

#[test]
fn findings_keep_the_rules_worst_first_order_with_rule_and_source() {
    let r = report(Lang::En);
    assert_eq!(r.applications.len(), 4);
    for a in &r.applications {
        assert!(!a.findings.is_empty(), "an empty project has findings for {}", a.id);
        assert!(a.findings.windows(2).all(|w| w[0].severity >= w[1].severity), "worst first in {}", a.id);
        assert!(a.findings.iter().all(|f| !f.rule.is_empty() && !f.source.is_empty()), "every finding has a rule and a source");
    }
}

#[test]
fn every_source_cited_appears_in_the_appendix_with_its_catalogue_entry() {
    let r = report(Lang::En);
    let s4 = r.sources.iter().find(|s| s.id == "S4").expect("the HK profile cites S4");
    assert!(s4.text.contains("pharmatomarket.com"), "the catalogue text: {s4:?}");
    assert!(s4.cited_by.contains(&"app_hk".to_owned()), "{s4:?}");
    assert!(r.sources.iter().all(|s| !s.text.is_empty()), "every cited source is explained");
}

#[test]
fn template_titles_follow_the_report_language() {
    let r = report(Lang::ZhHant);
    let cn = r.applications.iter().find(|a| a.id == "app_cn").expect("app_cn");
    assert!(cn.profile_title.contains("藥監局"), "traditional profile title: {}", cn.profile_title);
    let hk = r.hk_routes.as_ref().expect("routes");
    assert!(hk.routes.iter().any(|x| x.title == "「1+」機制"), "traditional route title");
}

#[test]
fn the_pdf_has_the_chart_the_route_verdicts_and_the_appendix() {
    let r = report(Lang::En);
    let pdf = gap_report_pdf(&r, &FontPaths::default()).expect("renders");
    let text = flat(&check_pdf(&pdf.bytes, pdf.pages));
    for expected in [
        "Gap analysis report",
        "Examplix / 易普利 (examplinib)",
        "Readiness per application",
        "Required checklist items satisfied",
        "Hong Kong evaluation routes",
        "\"1+\" mechanism: Open",
        "Findings per application",
        "DH · app_hk",
        "Appendix: sources cited",
        "Page 1 of",
    ] {
        assert!(text.contains(expected), "`{expected}` in the report:\n{text}");
    }
}

#[test]
fn the_chinese_reports_use_chinese_labels_and_glyphs() {
    for (lang, expected) in [(Lang::ZhHans, ["差距分析报告", "各申请的准备程度", "香港审批途径", "附录：引用的来源"]), (Lang::ZhHant, ["差距分析報告", "各申請的準備程度", "香港審批途徑", "附錄：引用的來源"])] {
        let pdf = gap_report_pdf(&report(lang), &FontPaths::default()).expect("renders");
        let text = flat(&check_pdf(&pdf.bytes, pdf.pages));
        for e in expected {
            assert!(text.contains(e), "`{e}` in the {lang:?} report");
        }
    }
}

#[test]
fn the_same_report_gives_the_same_bytes() {
    let a = gap_report_pdf(&report(Lang::ZhHans), &FontPaths::default()).expect("renders");
    let b = gap_report_pdf(&report(Lang::ZhHans), &FontPaths::default()).expect("renders");
    assert_eq!(a.bytes, b.bytes, "deterministic output");
}

#[test]
fn the_csv_has_one_row_per_finding_route_condition_and_source() {
    let r = report(Lang::En);
    let csv = gap_report_csv(&r);
    let count = |part: &str| csv.lines().filter(|l| l.starts_with(&format!("{part},"))).count();
    assert_eq!(count("finding"), r.applications.iter().map(|a| a.findings.len()).sum::<usize>());
    assert_eq!(count("readiness"), 4);
    assert_eq!(count("source"), r.sources.len());
    assert_eq!(count("route"), r.hk_routes.as_ref().map_or(0, |h| h.routes.len()));
}
