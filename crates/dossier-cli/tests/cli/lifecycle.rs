//! Issue 15, points 2, 3 and 15: sequences 0000–0003 of an application imported into another
//! project as its history (`import-ectd --application`), the next build continuing their
//! lifecycle, every placement of a file kept, and the plan shown and changed before a build.
//!
//! The four sequences are made by a first project (the Examplinib sample) for its NMPA
//! application: 0000 new; 0001 replaces the clinical overview with a file of the same name;
//! 0002 replaces the 2.7.4 summary with a differently named file (a person's choice, `dossier
//! plan --replace`); 0003 deletes the nonclinical overview. A second project, holding only the
//! product facts, imports them.

use crate::copy_dir;
use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::{dossier, json, sample_dir, sample_project};

const SAMPLE_APP: &str = "app_cn";
const APP: &str = "app_cn2";

fn run(project: &Path, args: &[&str]) -> Value {
    let mut cmd = dossier(project);
    cmd.arg("--json").args(args);
    json(&cmd.output().unwrap())
}

fn ok(project: &Path, args: &[&str]) {
    let out = dossier(project).args(args).output().unwrap();
    assert!(out.status.code().is_some_and(|c| c <= 1), "{args:?}: {}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
}

/// A new version of a sample document: the same bytes with a PDF comment after them, in
/// `dir/rel` (so `dossier import dir` gives it the path `rel`).
fn new_version(from: &Path, dir: &Path, rel: &str) -> PathBuf {
    let path = dir.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    let mut bytes = fs::read(from).unwrap();
    bytes.extend_from_slice(format!("%{}\n", dir.display()).as_bytes());
    fs::write(&path, bytes).unwrap();
    path
}

fn doc_id(project: &Path, path: &str) -> String {
    let docs = run(project, &["docs", "list"]);
    let rows = docs.as_array().cloned().or_else(|| docs["documents"].as_array().cloned()).unwrap();
    rows.iter()
        .filter(|d| d["path"] == path)
        .max_by_key(|d| d["version"].as_u64())
        .unwrap_or_else(|| panic!("no document {path}"))["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

fn leaf_for<'a>(index: &'a str, href_part: &str) -> &'a str {
    let at = index.find(href_part).unwrap_or_else(|| panic!("no leaf for {href_part} in\n{index}"));
    let start = index[..at].rfind("<leaf").unwrap();
    let end = start + index[start..].find('>').unwrap();
    &index[start..=end]
}

fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let at = tag.find(&key)? + key.len();
    Some(&tag[at..at + tag[at..].find('"')?])
}

/// Sequences 0000–0003 of the sample's NMPA application; returns the first project.
fn four_sequences(dir: &Path) -> PathBuf {
    let a = sample_project(dir);
    ok(&a, &["build", "--app", SAMPLE_APP]);
    let docs = sample_dir().join("documents");
    new_version(&docs.join("m2/25-clin-over/clinical-overview.pdf"), &dir.join("v1"), "m2/25-clin-over/clinical-overview.pdf");
    ok(&a, &["import", dir.join("v1").to_str().unwrap()]);
    ok(&a, &["build", "--app", SAMPLE_APP]);
    new_version(&docs.join("m2/27-clin-sum/summary-clin-safety.pdf"), &dir.join("v2"), "m2/27-clin-sum/summary-clin-safety-v2.pdf");
    ok(&a, &["import", dir.join("v2").to_str().unwrap()]);
    let index0 = fs::read_to_string(a.join("builds/app_cn/0000/index.xml")).unwrap();
    let old_274 = attr(leaf_for(&index0, "summary-clin-safety.pdf"), "ID").unwrap().to_owned();
    let v2 = doc_id(&a, "m2/27-clin-sum/summary-clin-safety-v2.pdf");
    let old = doc_id(&a, "m2/27-clin-sum/summary-clin-safety.pdf");
    // Point 15: the differently named new version is suggested, not guessed.
    let plan = run(&a, &["build", "--app", SAMPLE_APP, "--dry-run"]);
    let row = plan["plan"].as_array().unwrap().iter().find(|r| r["document"] == v2.as_str()).expect("the v2 summary is planned");
    assert_eq!(row["operation"], "new", "without a choice a differently named file goes out as new: {row}");
    assert_eq!(row["suggested"]["id"], old_274.as_str(), "the one current 2.7.4 leaf is suggested: {row}");
    let target = format!("0000:{old_274}");
    let chosen = run(&a, &["plan", "--app", SAMPLE_APP, "--replace", &v2, "--target", &target]);
    let row = chosen["plan"].as_array().unwrap().iter().find(|r| r["document"] == v2.as_str()).unwrap();
    assert_eq!((row["operation"].as_str(), row["target"]["id"].as_str()), (Some("replace"), Some(old_274.as_str())), "{row}");
    assert!(!chosen["plan"].as_array().unwrap().iter().any(|r| r["document"] == old.as_str()), "the replaced version is not kept beside it");
    ok(&a, &["build", "--app", SAMPLE_APP]);
    // The builder keeps a replaced file's name; another tool may not: 0002's replacement is
    // renamed by hand, with its href and index-md5.txt.
    let seq2 = a.join("builds/app_cn/0002");
    let index2 = fs::read_to_string(seq2.join("index.xml")).unwrap();
    assert!(index2.contains("m2/27-clin-sum/summary-clin-safety.pdf"), "{index2}");
    fs::rename(seq2.join("m2/27-clin-sum/summary-clin-safety.pdf"), seq2.join("m2/27-clin-sum/summary-clin-safety-v2.pdf")).unwrap();
    let index2 = index2.replace("m2/27-clin-sum/summary-clin-safety.pdf", "m2/27-clin-sum/summary-clin-safety-v2.pdf");
    fs::write(seq2.join("index.xml"), &index2).unwrap();
    fs::write(seq2.join("index-md5.txt"), hex::encode(<md5::Md5 as md5::Digest>::digest(index2.as_bytes()))).unwrap();
    let nonclinical = doc_id(&a, "m2/24-nonclin-over/nonclinical-overview.pdf");
    ok(&a, &["app", "unassign", SAMPLE_APP, "CN-41", &nonclinical]);
    ok(&a, &["build", "--app", SAMPLE_APP]);
    let index3 = fs::read_to_string(a.join("builds/app_cn/0003/index.xml")).unwrap();
    assert!(index3.contains("operation=\"delete\""), "0003 deletes the nonclinical overview:\n{index3}");
    a
}

/// A project holding the sample's product facts (no documents) and an NMPA application with
/// the sample's envelope.
fn second_project(dir: &Path) -> PathBuf {
    let company = dir.join("company");
    fs::create_dir_all(&company).unwrap();
    let facts = fs::read_to_string(sample_dir().join("facts.toml")).unwrap();
    // Without the documents: no [[document]] entries, no study CSR or approval proof paths.
    let kept: String = facts
        .split("\n[[")
        .enumerate()
        .filter(|(i, p)| *i == 0 || !p.starts_with("document]]"))
        .map(|(i, p)| if i == 0 { p.to_owned() } else { format!("\n[[{p}") })
        .collect::<String>()
        .lines()
        .filter(|l| !l.starts_with("csr =") && !l.starts_with("proof ="))
        .map(|l| format!("{l}\n"))
        .collect();
    fs::write(company.join("facts.toml"), kept).unwrap();
    let b = dir.join("b.dossier");
    ok(Path::new("."), &["init", b.to_str().unwrap(), "--from", company.to_str().unwrap()]);
    ok(&b, &["app", "add", "--profile", "nmpa-nda-domestic", "--id", APP]);
    let envelope = dir.join("envelope.toml");
    fs::write(
        &envelope,
        r#"[cn]
application_id = "CXHS2600001"
application_type = { code = "cnapt2", version = "1.1" }
product_type = { code = "cnprt1" }
product_number = "2026000001"
regulatory_activity_type = { code = "cnrat2" }
sequence_type = { code = "cnsqt1" }
description = "补充申请"
contact_name = "林晓"
contact_phone = "+86 755 0000 0000"
contact_email = "ra@examplar.example"
"#,
    )
    .unwrap();
    ok(&b, &["envelope", "--app", APP, "--set", envelope.to_str().unwrap()]);
    b
}

#[test]
fn imported_sequences_are_the_applications_history_and_the_next_build_continues_them() {
    let dir = tempfile::tempdir().unwrap();
    let a = four_sequences(dir.path());
    let b = second_project(dir.path());
    let built = a.join("builds/app_cn");

    // Refusals: the sample's own application was built there, not imported; a region mismatch.
    let refused = dossier(&a).args(["import-ectd", built.join("0000").to_str().unwrap(), "--application", "app_cn"]).output().unwrap();
    assert!(!refused.status.success());
    ok(&b, &["app", "add", "--profile", "ema-maa-centralised", "--id", "app_eu2"]);
    let wrong = dossier(&b).args(["import-ectd", built.to_str().unwrap(), "--application", "app_eu2"]).output().unwrap();
    let said = String::from_utf8_lossy(&wrong.stderr);
    assert!(!wrong.status.success() && said.contains("cn") && said.contains("eu") && said.contains("app_eu2"), "{said}");

    let report = run(&b, &["import-ectd", built.to_str().unwrap(), "--application", APP]);
    assert_eq!(report["recorded"], serde_json::json!(["0000", "0001", "0002", "0003"]), "{}", report["findings"]);
    let again = run(&b, &["import-ectd", built.to_str().unwrap(), "--application", APP]);
    assert_eq!(again["recorded"], serde_json::json!([]));
    assert_eq!(again["already_recorded"], serde_json::json!(["0000", "0001", "0002", "0003"]), "a second import changes nothing");

    // The cumulative view: what the regulator holds.
    let cumulative = run(&b, &["sequences", "--app", APP, "--cumulative"]);
    let leaves = cumulative.as_array().unwrap();
    assert!(!leaves.is_empty(), "the cumulative view shows the imported history");
    let on = |section: &str| leaves.iter().filter(|l| l["section"] == section).collect::<Vec<_>>();
    assert!(on("2.4").is_empty(), "the nonclinical overview deleted in 0003 is not current");
    let co = on("2.5");
    assert_eq!(co.len(), 1, "{co:?}");
    assert_eq!(co[0]["sequence"], "0001");
    assert_eq!(co[0]["lifecycle"], serde_json::json!([{"sequence": "0000", "operation": "new"}, {"sequence": "0001", "operation": "replace"}]));
    let safety = on("2.7.4");
    assert_eq!(safety.len(), 1, "one current 2.7.4 summary, the differently named replacement: {safety:?}");
    assert!(safety[0]["href"].as_str().unwrap().ends_with("summary-clin-safety-v2.pdf"), "{:?}", safety[0]);

    // A retired document is not placed on a new application's checklist.
    let nonclinical = doc_id(&b, "m2/24-nonclin-over/nonclinical-overview.pdf");
    ok(&b, &["app", "add", "--profile", "nmpa-nda-domestic", "--id", "app_cn3"]);
    let gaps = serde_json::to_string(&run(&b, &["gaps", "--app", "app_cn3"])).unwrap();
    assert!(!gaps.contains(&nonclinical), "the deleted nonclinical overview is placed on a checklist");
    let replaced = doc_id(&b, "m2/27-clin-sum/summary-clin-safety.pdf");
    assert!(!gaps.contains(&replaced), "the replaced 2.7.4 summary is placed on a checklist");

    // Change one document (a new version at its path) and build 0004 beside the imported ones.
    let out = dir.path().join("out");
    let folder = out.join(APP);
    fs::create_dir_all(&folder).unwrap();
    for n in ["0000", "0001", "0002", "0003"] {
        copy_dir(&built.join(n), &folder.join(n));
    }
    let current_co = fs::read(built.join("0001/m2/25-clin-over/clinical-overview.pdf")).unwrap();
    fs::create_dir_all(dir.path().join("v3/m2/25-clin-over")).unwrap();
    let v3 = dir.path().join("v3/m2/25-clin-over/clinical-overview.pdf");
    fs::write(&v3, [current_co, b"%v3\n".to_vec()].concat()).unwrap();
    ok(&b, &["import", dir.path().join("v3").to_str().unwrap()]);
    let plan = run(&b, &["build", "--app", APP, "--dry-run"]);
    assert_eq!(plan["sequence"], "0004", "the next number follows the last imported");
    let rows = plan["plan"].as_array().unwrap();
    assert!(rows.iter().all(|r| r["operation"] != "delete"), "nothing the regulator holds is deleted unasked: {rows:?}");
    ok(&b, &["build", "--app", APP, "--out", out.to_str().unwrap()]);
    let index1 = fs::read_to_string(built.join("0001/index.xml")).unwrap();
    let co_leaf_0001 = attr(leaf_for(&index1, "clinical-overview.pdf"), "ID").unwrap();
    let index4 = fs::read_to_string(folder.join("0004/index.xml")).unwrap();
    let leaf = leaf_for(&index4, "clinical-overview.pdf");
    assert_eq!(attr(leaf, "operation"), Some("replace"), "{leaf}");
    assert_eq!(attr(leaf, "modified-file"), Some(format!("../0001/index.xml#{co_leaf_0001}").as_str()), "{leaf}");
    assert_eq!(index4.matches("<leaf ").count(), 2, "only the changed document is sent (beside the regional backbone):\n{index4}");
    let regional = fs::read_to_string(folder.join("0004/m1/cn/cn-regional.xml")).unwrap();
    assert!(regional.contains("<related-sequence>0000</related-sequence>"), "{regional}");

    // Validate the application folder: imported sequences and 0004 side by side.
    let validated = run(&b, &["validate", folder.to_str().unwrap()]);
    let seq4 = validated["sequences"].as_array().unwrap().iter().find(|s| s["sequence"] == "0004").expect("0004 validated");
    for rule in ["DB-CN-MODIFIED", "DB-CN-MODIFIED-TARGET"] {
        let r = seq4["rules"].as_array().unwrap().iter().find(|r| r["rule"] == rule).unwrap_or_else(|| panic!("{rule} in {seq4}"));
        assert_eq!(r["status"], "pass", "{rule}: {r}");
    }
}

/// Point 3: one file on two headings keeps both placements, and the note names the right one.
#[test]
fn a_file_on_two_headings_keeps_every_placement() {
    let dir = tempfile::tempdir().unwrap();
    let a = sample_project(dir.path());
    ok(&a, &["build", "--app", SAMPLE_APP]);
    let built = a.join("builds/app_cn/0000");
    let index = fs::read_to_string(built.join("index.xml")).unwrap();
    // The sample's EXP-101 synopsis is sent in 2.7 and again in 5.3.
    let leaves: Vec<&str> = index.match_indices("<leaf ").map(|(at, _)| &index[at..at + index[at..].find('>').unwrap()]).collect();
    let md5 = |l: &str| attr(l, "checksum").unwrap_or("").to_owned();
    let first = leaves.iter().copied().find(|l| leaves.iter().filter(|o| md5(o) == md5(l)).count() == 2).expect("the sample sends a file on two headings");
    let twice: Vec<&str> = leaves.iter().copied().filter(|l| md5(l) == md5(first)).collect();
    let b = second_project(dir.path());
    let report = run(&b, &["import-ectd", built.to_str().unwrap(), "--application", APP]);
    let history = run(&b, &["sequences", "--app", APP, "--cumulative"]);
    let first_href = attr(twice[0], "xlink:href").unwrap();
    let second_href = attr(twice[1], "xlink:href").unwrap();
    let placed = |href: &str| history.as_array().unwrap().iter().find(|l| l["href"] == href).cloned().unwrap_or_else(|| panic!("{href} in {history}"));
    let (first, second) = (placed(first_href), placed(second_href));
    assert_eq!(first["document"], second["document"], "one document");
    assert_ne!(first["section"], second["section"], "each placement keeps its own section");
    let doc = run(&b, &["docs", "show", first["document"].as_str().unwrap()]);
    let document = if doc["document"].is_null() { &doc } else { &doc["document"] };
    // The document's own section is its study-level home; the note names the other placement,
    // with that placement's own leaf.
    let (home, other, other_leaf) = if document["classification"]["section"] == first["section"] {
        (&first, &second, attr(twice[1], "ID").unwrap())
    } else {
        (&second, &first, attr(twice[0], "ID").unwrap())
    };
    assert_eq!(document["classification"]["section"], home["section"], "{document}");
    assert!(home["section"].as_str().unwrap().starts_with('5'), "a study-level module over an M2 summary: {document}");
    let note = document["findings"].as_array().unwrap().iter().find(|f| f["code"] == "leaf-also-placed").expect("an also-in note");
    assert_eq!(note["params"]["section"], other["section"], "the note names the other placement's section: {note}");
    assert_eq!(note["params"]["leaf"], other_leaf, "and that placement's own leaf: {note}");
    assert!(report["findings"].as_array().is_some());
}

/// Point 2, EU: the application UUID and the related sequence of imported sequences are kept
/// by the next build.
#[test]
fn an_imported_eu_application_keeps_its_uuid() {
    let dir = tempfile::tempdir().unwrap();
    let a = sample_project(dir.path());
    ok(&a, &["build", "--app", "app_eu"]);
    let regional0 = fs::read_to_string(a.join("builds/app_eu/0000/m1/eu/eu-regional.xml")).unwrap();
    let uuid = regional0.split("<identifier>").nth(1).and_then(|s| s.split('<').next()).expect("an EU identifier").to_owned();
    let b = second_project(dir.path());
    ok(&b, &["app", "add", "--profile", "ema-maa-centralised", "--id", "app_eu2"]);
    let envelope = dir.path().join("eu.toml");
    fs::write(
        &envelope,
        r#"[eu]
country = "ema"
agency = "EU-EMA"
procedure = "centralised"
submission_type = "var-type2"
tracking_numbers = ["EMEA/H/C/000000/II/0001"]
submission_unit = "initial"
applicant = "Examplar"
invented_names = ["Examplix"]
inns = ["examplinib"]
description = "Type II variation"
"#,
    )
    .unwrap();
    ok(&b, &["envelope", "--app", "app_eu2", "--set", envelope.to_str().unwrap()]);
    let report = run(&b, &["import-ectd", a.join("builds/app_eu").to_str().unwrap(), "--application", "app_eu2"]);
    assert_eq!(report["recorded"], serde_json::json!(["0000"]), "{}", report["findings"]);
    let stored = run(&b, &["envelope", "--app", "app_eu2"]);
    assert_eq!(stored["eu"]["identifier"], uuid.as_str(), "the imported UUID is the application's: {stored}");
    let co = dir.path().join("v/m2/25-clin-over/clinical-overview.pdf");
    new_version(&a.join("builds/app_eu/0000/m2/25-clin-over/clinical-overview.pdf"), &dir.path().join("v"), "m2/25-clin-over/clinical-overview.pdf");
    assert!(co.exists());
    ok(&b, &["import", dir.path().join("v").to_str().unwrap()]);
    let out = dir.path().join("out");
    ok(&b, &["build", "--app", "app_eu2", "--out", out.to_str().unwrap()]);
    let regional1 = fs::read_to_string(out.join("app_eu2/0001/m1/eu/eu-regional.xml")).unwrap();
    assert!(regional1.contains(&format!("<identifier>{uuid}</identifier>")), "{regional1}");
    let index1 = fs::read_to_string(out.join("app_eu2/0001/index.xml")).unwrap();
    let leaf = leaf_for(&index1, "clinical-overview.pdf");
    assert_eq!(attr(leaf, "operation"), Some("replace"), "{leaf}");
    assert!(attr(leaf, "modified-file").is_some_and(|m| m.starts_with("../0000/index.xml#")), "{leaf}");
}
