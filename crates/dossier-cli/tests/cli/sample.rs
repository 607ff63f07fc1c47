use std::collections::BTreeSet;

use super::{dossier, json, sample_dir, sample_project};

#[test]
fn init_from_the_sample_lists_every_file_with_hashes_pdf_facts_and_a_type() {
    let dir = tempfile::tempdir().unwrap();
    let project = sample_project(dir.path());
    let docs = json(&dossier(&project).args(["docs", "list", "--json"]).output().unwrap());
    let docs = docs.as_array().unwrap();
    let files = walkdir::WalkDir::new(sample_dir().join("documents")).into_iter().filter(|e| e.as_ref().unwrap().file_type().is_file()).count();
    assert_eq!(docs.len(), files, "every sample file is a document");
    for d in docs {
        assert_eq!(d["sha256"].as_str().unwrap().len(), 64);
        assert_eq!(d["md5"].as_str().unwrap().len(), 32);
        assert!(d["pdf_version"].is_string() || d["encrypted"] == true, "PDF facts for {}", d["path"]);
    }
    let typed = docs.iter().filter(|d| d["doc_type"].is_string()).count();
    assert!(typed * 100 / docs.len() >= 95, "at least 95% get a type ({typed} of {})", docs.len());
}

#[test]
fn importing_the_sample_again_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let project = sample_project(dir.path());
    let before = json(&dossier(&project).args(["audit", "log", "--limit", "100000", "--json"]).output().unwrap());
    let report = json(&dossier(&project).args(["import", "--json"]).arg(sample_dir().join("documents")).output().unwrap());
    assert_eq!(report["imported"], 0);
    let after = json(&dossier(&project).args(["audit", "log", "--limit", "100000", "--json"]).output().unwrap());
    assert_eq!(before, after, "no change, no audit record");
    dossier(&project).args(["audit", "verify"]).assert().success();
}

#[test]
fn the_pdf_problems_planted_in_the_sample_are_found_at_import() {
    let dir = tempfile::tempdir().unwrap();
    let project = sample_project(dir.path());
    let docs = json(&dossier(&project).args(["docs", "list", "--json"]).output().unwrap());
    let rules_of = |suffix: &str| -> Vec<String> {
        let d = docs.as_array().unwrap().iter().find(|d| d["path"].as_str().unwrap().ends_with(suffix)).unwrap();
        d["findings"].as_array().unwrap().iter().map(|f| f["rule"].as_str().unwrap().to_owned()).collect()
    };
    assert_eq!(rules_of("32s44-batch-analys/batch-analysis-ds.pdf"), ["DB-PDF-ENCRYPTED"], "P4");
    assert_eq!(rules_of("42331-in-vitro/eps-19-0412-ames-test.pdf"), ["DB-PDF-VERSION"], "P5");
}

/// The sample's `expected-gaps.toml`: the planted problems, and every other gap the sample's
/// README explains.
#[derive(serde::Deserialize)]
struct Expected {
    gap: Vec<ExpectedGap>,
}

#[derive(serde::Deserialize)]
struct ExpectedGap {
    application: String,
    rule: String,
    status: String,
    #[serde(default)]
    planted: Option<String>,
}

#[test]
fn gap_analysis_reports_every_planted_problem_and_nothing_unexplained() {
    let dir = tempfile::tempdir().unwrap();
    let project = sample_project(dir.path());
    let analyses = json(&dossier(&project).args(["gaps", "--json"]).output().unwrap());
    let found: BTreeSet<(String, String, String)> = analyses
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|a| a["gaps"].as_array().unwrap().clone())
        .map(|g| (g["application"].as_str().unwrap().into(), g["rule"].as_str().unwrap().into(), g["status"].as_str().unwrap().into()))
        .collect();
    let text = std::fs::read_to_string(sample_dir().join("expected-gaps.toml")).unwrap();
    let expected: Expected = toml::from_str(&text).unwrap();
    let expected_set: BTreeSet<(String, String, String)> =
        expected.gap.iter().map(|g| (g.application.clone(), g.rule.clone(), g.status.clone())).collect();
    let planted: BTreeSet<&str> = expected.gap.iter().filter_map(|g| g.planted.as_deref()).collect();
    assert_eq!(planted, BTreeSet::from(["P1", "P2", "P3", "P4", "P5", "P6"]), "every planted problem has an expected gap");
    let unexplained: Vec<_> = found.difference(&expected_set).collect();
    let unreported: Vec<_> = expected_set.difference(&found).collect();
    assert!(unexplained.is_empty(), "gaps the sample README does not explain: {unexplained:#?}");
    assert!(unreported.is_empty(), "expected gaps not reported: {unreported:#?}");
    for g in analyses.as_array().unwrap().iter().flat_map(|a| a["gaps"].as_array().unwrap().clone()) {
        for field in ["rule", "source", "action", "message"] {
            assert!(!g[field].as_str().unwrap_or_default().is_empty(), "every finding has a {field}: {g}");
        }
    }
}

#[test]
fn the_route_assistant_opens_one_plus_on_the_nmpa_approval_and_asks_for_the_expert_report() {
    let dir = tempfile::tempdir().unwrap();
    let project = sample_project(dir.path());
    let report = json(&dossier(&project).args(["route", "hk", "--json"]).output().unwrap());
    let one_plus = report["routes"].as_array().unwrap().iter().find(|r| r["id"] == "1plus").expect("a 1+ route");
    assert_eq!(one_plus["verdict"], "open", "{one_plus:#}");
    let evidence: String = one_plus["conditions"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["evidence"].as_array().unwrap().clone())
        .map(|e| e.as_str().unwrap().to_owned())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(evidence.contains("NMPA"), "the NMPA approval is the reference: {evidence}");
    assert!(evidence.contains("EXP-301") && evidence.contains("hong kong") && evidence.contains("mainland china"), "{evidence}");
    let missing = one_plus["missing_documents"].as_array().unwrap();
    assert!(
        missing.iter().any(|m| m.as_str().unwrap().to_lowercase().contains("expert")),
        "the local expert's report is missing: {missing:?}"
    );
    let standard = report["routes"].as_array().unwrap().iter().find(|r| r["id"] == "standard").unwrap();
    assert_eq!(standard["verdict"], "closed", "one reference approval is not two");
}

#[test]
fn facts_export_then_import_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let project = sample_project(dir.path());
    let out = dir.path().join("facts.toml");
    dossier(&project).args(["facts", "export", "--out"]).arg(&out).assert().success();
    let before = json(&dossier(&project).args(["audit", "log", "--json"]).output().unwrap());
    dossier(&project).args(["facts", "import"]).arg(&out).assert().success();
    let after = json(&dossier(&project).args(["audit", "log", "--json"]).output().unwrap());
    assert_eq!(before, after);
}

#[test]
fn errors_name_the_item_and_exit_with_code_2() {
    let dir = tempfile::tempdir().unwrap();
    let project = sample_project(dir.path());
    let out = dossier(&project).args(["docs", "set-type", "no-such-file.pdf", "cpp"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no-such-file.pdf"));
    let usage = dossier(&project).args(["docs", "frobnicate"]).output().unwrap();
    assert_eq!(usage.status.code(), Some(1), "usage errors exit 1");
    let missing = dossier(&dir.path().join("nowhere")).arg("info").output().unwrap();
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("dossier init"));
}

#[test]
fn build_validate_checks_the_new_sequence_against_every_rule_and_exits_1_on_what_would_be_rejected() {
    let dir = tempfile::tempdir().unwrap();
    let project = sample_project(dir.path());
    let out = dossier(&project).args(["build", "--app", "app_cn", "--validate"]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "the sample's planted P4 and P5 are 错误: {text}");
    assert!(text.contains("table of contents:") && text.contains("rules checked"), "{text}");
    // The planted encrypted (P4) and PDF 1.3 (P5) files, each named with what to do.
    assert!(text.contains("batch-analysis-ds.pdf") && text.contains("eps-19-0412-ames-test.pdf"), "{text}");
    assert!(text.contains("what to do:"), "{text}");
    // What NMPA now holds: every leaf the sequence sent, each new in 0000.
    let held = dossier(&project).args(["sequences", "--app", "app_cn", "--cumulative"]).output().unwrap();
    let table = String::from_utf8_lossy(&held.stdout);
    assert!(held.status.success() && table.contains("0000 new") && table.contains("leaves current"), "{table}");
    let leaves = json(&dossier(&project).args(["sequences", "--app", "app_cn", "--cumulative", "--json"]).output().unwrap());
    let leaves = leaves.as_array().unwrap();
    assert!(leaves.len() > 40 && leaves[0]["section"].as_str().unwrap().starts_with("cn:1"), "Module 1 first: {:?}", leaves[0]);
    assert!(leaves.iter().all(|l| l["lifecycle"][0]["operation"] == "new" && l["sequence"] == "0000"));
}

#[test]
fn build_validate_json_carries_the_verdict_of_the_full_catalogue_and_exits_1_when_it_would_be_rejected() {
    let dir = tempfile::tempdir().unwrap();
    let project = sample_project(dir.path());
    let out = dossier(&project).args(["--json", "build", "--app", "app_eu", "--validate"]).output().unwrap();
    let report = json(&out);
    let verdict = &report["verdict"];
    assert_eq!(verdict["would_be_rejected"], true, "the planted P4 (16.2) and P5 (16.1) are P/F: {verdict}");
    assert_eq!(out.status.code(), Some(1), "--validate exits 1 on a verdict of rejection, in JSON as in text");
    let problems = report["validation"]["problems"].as_array().expect("the build's own validation is in the JSON");
    let failed_errors = problems.iter().filter(|p| p["status"] == "fail" && p["severity"] == "error").count();
    assert_eq!(verdict["errors"].as_u64().unwrap() as usize, failed_errors, "the verdict counts the listed problems: {verdict}");
    let rules: BTreeSet<&str> = problems.iter().filter(|p| p["status"] == "fail").map(|p| p["rule"].as_str().unwrap()).collect();
    assert!(rules.contains("16.1") && rules.contains("16.2"), "{rules:?}");
    // The same verdict as `dossier validate` gives of the folder the build named.
    let folder = report["folder"].as_str().unwrap();
    let validated = json(&dossier(&project).args(["--json", "validate", folder]).output().unwrap());
    assert_eq!(validated["verdict"], *verdict, "one verdict, whoever asks");
}

#[test]
fn the_hong_kong_bundle_reports_the_planted_encrypted_pdf_with_our_own_rule() {
    let dir = tempfile::tempdir().unwrap();
    let project = sample_project(dir.path());
    let report = json(&dossier(&project).args(["--json", "build", "--app", "app_hk"]).output().unwrap());
    let problems = report["validation"]["problems"].as_array().expect("the bundle's PDF checks");
    let p4 = problems.iter().find(|p| p["file"].as_str().unwrap().ends_with("batch-analysis-ds.pdf")).expect("P4 is reported");
    assert_eq!(p4["rule"], "DB-HK-PDF-PASSWORD", "Hong Kong publishes no PDF rule: the id is ours: {p4}");
    assert_eq!(report["verdict"]["errors"], 1, "{}", report["verdict"]);
}

#[test]
fn docs_scope_shows_the_choices_and_sets_one_by_a_unique_part_of_it() {
    let dir = tempfile::tempdir().unwrap();
    let project = sample_project(dir.path());
    let csr = "m5/53-clin-stud-rep/535-rep-effic-safety-stud/nsclc/5352-stud-rep-uncontr/exp-102/exp-102-csr.pdf";
    let shown = dossier(&project).args(["docs", "scope", csr]).output().unwrap();
    let text = String::from_utf8_lossy(&shown.stdout);
    assert!(shown.status.success() && text.contains("indication") && text.contains("(not stated)"), "{text}");

    let refused = dossier(&project).args(["docs", "scope", csr, "--indication", "gastric cancer"]).output().unwrap();
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("not one of the indications"), "{}", String::from_utf8_lossy(&refused.stderr));

    let set = json(&dossier(&project).args(["--json", "docs", "scope", csr, "--indication", "exon 19"]).output().unwrap());
    let value = set[0]["value"].as_str().unwrap();
    assert!(value.starts_with("First-line treatment"), "the one recorded indication containing it: {value}");
}
