use std::path::Path;

use dossier_api::{BuildOptions, Project};

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let dest = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &dest);
        } else {
            std::fs::copy(e.path(), dest).unwrap();
        }
    }
}

const EU_ENVELOPE: &str = r#"
[eu]
country = "ema"
agency = "EU-EMA"
procedure = "centralised"
submission_type = "maa"
tracking_numbers = ["to be advised"]
submission_unit = "initial"
applicant = "Shenzhen Examplar Biopharma Co., Ltd."
invented_names = ["Examplix"]
inns = ["examplinib"]
description = "Initial MAA"
"#;

/// The sample project (a copy, so it can be changed) with its applications and an EU envelope.
pub fn sample(dir: &Path) -> (Project, std::path::PathBuf) {
    let src = dir.join("src");
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../sample-dossiers/examplinib"), &src);
    let (mut project, _) = dossier_api::init_project(&dir.join("p.dossier"), Some(&src), super::actor(), &mut |_| {}).unwrap();
    dossier_api::set_envelope(&mut project, "app_eu", EU_ENVELOPE).unwrap();
    (project, src)
}

fn build(project: &mut Project, app: &str) -> dossier_api::Result<dossier_api::BuildReport> {
    dossier_api::build(project, app, &BuildOptions { zip: true, ..BuildOptions::default() }, &mut |_| {}, None)
}

#[test]
fn changing_one_document_and_rebuilding_gives_0001_with_exactly_one_replace() {
    let dir = tempfile::tempdir().unwrap();
    let (mut project, src) = sample(dir.path());
    let first = build(&mut project, "app_eu").unwrap();
    assert_eq!(first.sequence, "0000");
    assert!(first.new > 40 && first.replaced == 0, "{first:#?}");
    let spec = src.join("documents/m3/32-body-data/32p-drug-prod/product-1/32p5-contr-drug-prod/32p51-spec/drug-product-spec.pdf");
    let mut bytes = std::fs::read(&spec).unwrap();
    bytes.extend_from_slice(b"\n% revised specification\n");
    std::fs::write(&spec, bytes).unwrap();
    super::import(&mut project, &[src.join("documents")]);
    let second = build(&mut project, "app_eu").unwrap();
    assert_eq!((second.sequence.as_str(), second.new, second.replaced, second.deleted), ("0001", 0, 1, 0), "{:#?}", second.leaves);
    assert_eq!(second.unchanged, first.new - 1, "nothing else is resent");
    let rows = dossier_api::sequences(&project, "app_eu").unwrap();
    assert_eq!(rows.len(), 2);
    let envelope = |seq: &str| {
        let text = std::fs::read_to_string(project.root().join(format!("builds/app_eu/{seq}/m1/eu/eu-regional.xml"))).unwrap();
        text.split("<identifier>").nth(1).unwrap().split('<').next().unwrap().to_owned()
    };
    assert_eq!(envelope("0000"), envelope("0001"), "EU VC 9.8: the envelope UUID is kept");
    // The cumulative view: every leaf of 0000 still current, the specification now from 0001.
    let view = dossier_api::cumulative(&project, "app_eu").unwrap();
    assert_eq!(view.len(), first.new, "one current leaf per document sent");
    let revised: Vec<_> = view.iter().filter(|l| l.sequence == "0001").collect();
    assert_eq!(revised.len(), 1, "{revised:#?}");
    assert_eq!(revised[0].section, "3.2.P.5.1");
    assert!(revised[0].href.as_deref().is_some_and(|h| h.ends_with("drug-product-spec.pdf")));
    let steps: Vec<(&str, &str)> = revised[0].lifecycle.iter().map(|s| (s.sequence.as_str(), s.operation.as_str())).collect();
    assert_eq!(steps, [("0000", "new"), ("0001", "replace")]);
    let modules: Vec<&str> = view.iter().map(|l| l.section.trim_start_matches("eu:").split('.').next().unwrap()).collect();
    assert!(view[0].section.starts_with("eu:1") && modules.windows(2).all(|w| w[0] <= w[1]), "Module 1 to 5: {modules:?}");
}

#[test]
fn an_unchanged_project_builds_no_empty_sequence_and_keeps_earlier_ones() {
    let dir = tempfile::tempdir().unwrap();
    let (mut project, _) = sample(dir.path());
    build(&mut project, "app_eu").unwrap();
    let before = std::fs::read(project.root().join("builds/app_eu/0000.zip")).unwrap();
    let err = build(&mut project, "app_eu").unwrap_err();
    assert!(err.message.contains("nothing"), "{err}");
    assert!(!project.root().join("builds/app_eu/0001").exists());
    assert_eq!(std::fs::read(project.root().join("builds/app_eu/0000.zip")).unwrap(), before, "0000 is intact");
    assert_eq!(dossier_api::sequences(&project, "app_eu").unwrap().len(), 1);
}

#[test]
fn building_the_same_project_twice_gives_byte_identical_zips() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, _) = sample(&dir.path().join("a"));
    let (mut b, _) = sample(&dir.path().join("b"));
    // The EU UUID is random at the first build; fix it so both projects carry the same one.
    for p in [&mut a, &mut b] {
        dossier_api::set_envelope(p, "app_eu", &EU_ENVELOPE.replace("[eu]", "[eu]\nidentifier = \"8f1c9b0e-6a1d-4e2b-9c3f-2d7a5b4e6f10\"")).unwrap();
    }
    let za = build(&mut a, "app_eu").unwrap().zip.unwrap();
    let zb = build(&mut b, "app_eu").unwrap().zip.unwrap();
    assert!(std::fs::read(za).unwrap() == std::fs::read(zb).unwrap(), "same project, same bytes");
}

#[test]
fn a_missing_envelope_is_an_error_that_says_how_to_set_it() {
    let dir = tempfile::tempdir().unwrap();
    let (mut project, _) = sample(dir.path());
    let new = dossier_api::NewApplication { profile: "nmpa-nda-domestic".into(), id: Some("app_cn-new".into()), ..Default::default() };
    dossier_api::add_application(&mut project, &new).unwrap();
    let err = build(&mut project, "app_cn-new").unwrap_err();
    assert!(err.message.contains("dossier envelope --app"), "{err}");
    assert!(!project.root().join("builds/app_cn-new").join("0000").exists());
}

#[test]
fn a_us_dtd_with_the_wrong_md5_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (project, src) = sample(dir.path());
    let fake = src.join("us-regional-v3-3.dtd");
    std::fs::write(&fake, "<!ELEMENT fda-regional:fda-regional ANY>").unwrap();
    let err = dossier_api::add_util_file(&project, &fake).unwrap_err();
    assert!(err.message.contains("bea39be6d3a1716262a30a87657bce2d"), "{err}");
    assert!(!project.root().join("util/us-regional-v3-3.dtd").exists());
}

/// Envelope facts as a user records them (test values; the FDA code lists are not in our sources).
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

#[test]
fn the_fda_application_builds_completely_and_says_the_official_dtd_is_missing() {
    let dir = tempfile::tempdir().unwrap();
    let (mut project, _) = sample(dir.path());
    dossier_api::set_envelope(&mut project, "app_us", US_ENVELOPE).unwrap();
    let report = build(&mut project, "app_us").expect("forms placed on 1.1.x go under m1-1-forms");
    assert_eq!(report.sequence, "0000");
    // Said by the region's own rule (FDA backbone validity), not evaluated, never passed.
    let problems = &report.validation.as_ref().expect("the build's validation").problems;
    let dtd = problems.iter().find(|p| p.message.contains("dossier util add")).expect("the missing DTD is reported");
    assert_eq!(dtd.rule, "DB-US-REGIONAL-DTD", "{dtd:#?}");
    assert_eq!(dtd.status, dossier_api::ValidationStatus::Unverifiable, "{dtd:#?}");
    let regional = project.root().join("builds/app_us/0000/m1/us/us-regional.xml");
    assert!(std::fs::read_to_string(regional).unwrap().contains("m1-1-forms"), "the 356h form is filed under 1.1 Forms");
}

/// Error-level failures (EU P/F) of a validation that concern `file` (or the sequence as a
/// whole when `file` is empty).
fn failures_about(folder: &Path, file: &str) -> String {
    let report = dossier_api::validate_folder(folder, None).unwrap();
    report
        .sequences
        .iter()
        .flat_map(|s| &s.problems)
        .filter(|p| p.status == dossier_api::ValidationStatus::Fail && p.severity == dossier_model::Severity::Error)
        .filter(|p| if file.is_empty() { p.file.is_empty() || p.file.contains("toc") } else { p.file.ends_with(file) })
        .map(|p| format!("{} {} {}\n", p.rule, p.file, p.message))
        .collect()
}

/// A generated PDF passes `qpdf --check`, embeds and subsets every font, is PDF 1.7 without
/// security (the report tests' check; the page count is taken from the file).
fn valid_generated_pdf(path: &Path) {
    let info = super::report::run("pdfinfo", &[], path);
    let pages: usize = info.lines().find_map(|l| l.strip_prefix("Pages:")).unwrap().trim().parse().unwrap();
    assert!(pages >= 1);
    super::report::check(path, pages, |_, _| String::new());
}

/// The text with cell lines joined (`-raw` keeps each cell's lines together).
fn pdf_text(path: &Path) -> String {
    super::report::run("pdftotext", &["-raw", "-enc", "UTF-8"], path).replace('\n', "")
}

#[test]
fn every_sequence_gets_a_table_of_contents_beside_it_in_the_authority_s_language() {
    let dir = tempfile::tempdir().unwrap();
    let (mut project, _) = sample(dir.path());
    let eu = build(&mut project, "app_eu").unwrap();
    let toc = eu.toc.clone().expect("a contents file");
    assert_eq!(toc, project.root().join("builds/app_eu/0000-toc.pdf"), "beside the sequence, never inside it");
    valid_generated_pdf(&toc);
    let text = pdf_text(&toc);
    assert!(text.contains("sequence 0000") && text.contains("Table of contents"), "{text}");
    for leaf in &eu.leaves {
        let href = leaf.href.as_deref().unwrap();
        assert!(text.contains(href), "{href} is listed");
    }
    assert_eq!(failures_about(&project.root().join("builds/app_eu"), ""), "", "the contents file beside the sequence disturbs nothing");

    let cn = build(&mut project, "app_cn").unwrap();
    valid_generated_pdf(cn.toc.as_ref().unwrap());
    let text = pdf_text(cn.toc.as_ref().unwrap());
    assert!(text.contains("目录") && text.contains("，序列 0000"), "NMPA contents are in Chinese: {text}");
    assert!(text.contains("说明函"), "the Chinese titles of Module 1 are kept: {text}");
}

#[test]
fn without_a_cover_letter_the_build_generates_one_files_it_and_sends_it_once() {
    let dir = tempfile::tempdir().unwrap();
    let (mut project, _) = sample(dir.path());
    let item = "EU-01";
    let placed: Vec<_> = dossier_api::placements(&project, "app_eu").unwrap().into_iter().filter(|p| p.item == item).collect();
    assert!(!placed.is_empty(), "the sample has its own EMA letter");
    for p in &placed {
        dossier_api::unassign(&mut project, "app_eu", item, Some(p.document.as_str())).unwrap();
    }
    let dry = dossier_api::build(&mut project, "app_eu", &BuildOptions { dry_run: true, ..BuildOptions::default() }, &mut |_| {}, None).unwrap();
    assert!(dry.findings.iter().any(|f| f.rule == "DB-GEN-LETTER"), "a dry run says a letter will be generated");
    assert!(dry.generated.is_none(), "…and generates nothing");

    let first = build(&mut project, "app_eu").unwrap();
    let generated = first.generated.clone().expect("a letter was generated");
    assert_eq!((generated.item.as_str(), generated.section.as_str()), (item, "eu:1.0"));
    let leaf = first.leaves.iter().find(|l| l.document.as_deref() == Some(generated.document.as_str())).expect("the letter is a leaf");
    assert!(leaf.href.as_deref().unwrap().starts_with("m1/eu/10-cover/"), "{leaf:?}");
    valid_generated_pdf(&first.folder.clone().unwrap().join(leaf.href.as_deref().unwrap()));
    let text = pdf_text(&first.folder.clone().unwrap().join(leaf.href.as_deref().unwrap()));
    assert!(text.contains("Examplix") || text.contains("examplinib"), "the letter is filled from the facts: {text}");
    assert_eq!(failures_about(&first.folder.clone().unwrap(), leaf.href.as_deref().unwrap()), "", "the generated letter passes every P/F rule");

    let doc = dossier_api::show_document(&project, &generated.document).unwrap();
    assert_eq!(doc.document.classification.doc_type.as_deref(), Some("cover-letter"));
    let gaps = dossier_api::gaps(&project, Some("app_eu")).unwrap();
    let status = gaps[0].items.iter().find(|i| i.item == item).unwrap().status;
    assert_eq!(status, dossier_api::Status::Satisfied, "the checklist counts the generated letter");

    // Nothing changed: the letter is not generated again, so there is nothing to send.
    let err = build(&mut project, "app_eu").unwrap_err();
    assert!(err.message.contains("nothing"), "{err}");
}

pub const SECOND: &str = "Second indication for the test";

/// The sample with a second indication recorded (in front of the sample's own).
pub fn two_indications(dir: &Path) -> (Project, std::path::PathBuf, String) {
    let (mut project, src) = sample(dir);
    let facts = std::fs::read_to_string(src.join("facts.toml")).unwrap();
    let two = facts.replacen("indications = [\n", &format!("indications = [\n  \"{SECOND}\",\n"), 1);
    assert_ne!(two, facts, "the sample's facts list indications");
    std::fs::write(src.join("facts.toml"), two).unwrap();
    dossier_api::import_facts_file(&mut project, &src.join("facts.toml")).unwrap();
    let first = project.store.facts().unwrap().product.unwrap().indications[1].clone();
    (project, src, first)
}

pub fn documents_on(project: &Project, prefixes: &[&str]) -> Vec<dossier_api::DocumentRow> {
    dossier_api::list_documents(project, &dossier_api::DocumentFilter::default())
        .unwrap()
        .into_iter()
        .filter(|d| d.section.as_deref().is_some_and(|s| prefixes.iter().any(|p| s.starts_with(p))))
        .collect()
}

pub fn set_indication(project: &mut Project, id: &str, indication: &str) {
    let change = dossier_api::SetScope { indication: Some(indication.into()), ..Default::default() };
    dossier_api::set_document_scope(project, id, &change).unwrap();
}

fn xmllint_valid(folder: &Path) {
    let out = std::process::Command::new("xmllint")
        .current_dir(folder)
        .args(["--noout", "--valid", "index.xml"])
        .output()
        .expect("xmllint is installed (scripts/install-system-deps.sh)");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn two_indications_stop_the_build_until_each_document_says_which_it_belongs_to() {
    let dir = tempfile::tempdir().unwrap();
    let (mut project, _, _) = two_indications(dir.path());
    let clinical = documents_on(&project, &["2.7.3", "5.3.5"]);
    assert!(clinical.len() >= 5, "the sample files a summary and study reports there");
    let dry = dossier_api::build(&mut project, "app_eu", &BuildOptions { dry_run: true, ..BuildOptions::default() }, &mut |_| {}, None).unwrap();
    let asked: Vec<_> = dry.findings.iter().filter(|f| f.rule == "DB-PKG-INSTANCE").collect();
    let all = documents_on(&project, &[""]);
    let named: std::collections::BTreeSet<&str> =
        all.iter().filter(|d| asked.iter().any(|f| f.message.contains(d.id.as_str()))).map(|d| d.path.as_str()).collect();
    assert!(asked.len() >= 5 && named.len() == asked.len(), "one error per placed document: {named:#?}");
    assert!(named.iter().any(|p| p.ends_with("summary-clin-efficacy-nsclc.pdf")) && named.iter().any(|p| p.ends_with("exp-301-csr.pdf")));
    assert!(asked.iter().all(|f| f.severity == dossier_model::Severity::Error && f.message.contains(SECOND)), "{asked:#?}");
    let err = build(&mut project, "app_eu").unwrap_err();
    assert!(err.message.contains("say which it belongs to"), "{err}");
    // The error carries the findings that stop it, coded so the app words them in its language.
    assert_eq!(err.findings.len(), asked.len(), "{:#?}", err.findings);
    let first = &err.findings[0];
    assert_eq!(first.code.as_deref(), Some("instance-unstated"));
    assert_eq!(first.params.get("field").map(String::as_str), Some("indication"));
    assert!(first.params["choices"].contains(SECOND) && first.message.contains(first.params["file"].as_str()), "{first:#?}");
    let json = serde_json::to_value(&err).unwrap();
    assert_eq!(json["findings"][0]["code"], "instance-unstated", "{json}");
    // The gap analysis says so before anyone builds, for the eCTD applications only.
    let gaps = dossier_api::gaps(&project, None).unwrap();
    let eu = gaps.iter().find(|a| a.application == "app_eu").unwrap();
    assert_eq!(eu.gaps.iter().filter(|g| g.rule == "DB-PKG-INSTANCE").count(), asked.len(), "the same documents as the build");
    let hk = gaps.iter().find(|a| a.application == "app_hk").unwrap();
    assert!(!hk.gaps.iter().any(|g| g.rule == "DB-PKG-INSTANCE"));

    let refused = dossier_api::set_document_scope(
        &mut project,
        clinical[0].id.as_str(),
        &dossier_api::SetScope { indication: Some("Gastric cancer".into()), ..Default::default() },
    )
    .unwrap_err();
    assert!(refused.message.contains("Gastric cancer") && refused.message.contains(SECOND), "{refused}");
    let summary = all.iter().find(|d| d.path.ends_with("summary-clin-efficacy-nsclc.pdf")).unwrap();
    assert_eq!(summary.section.as_deref(), Some("2.7"), "its own section does not repeat; the application places it on 2.7.3");
    let fields = dossier_api::scope_fields(&project, summary.id.as_str()).unwrap();
    assert_eq!(fields.len(), 1);
    assert!(fields[0].field == "indication" && fields[0].needed && fields[0].options.len() == 2, "{fields:?}");
}

#[test]
fn two_indications_build_two_headings_and_keep_their_lifecycles_apart() {
    let dir = tempfile::tempdir().unwrap();
    let (mut project, src, first) = two_indications(dir.path());
    // The pivotal study and the efficacy summary go under the sample's indication, the
    // supportive studies under the second.
    let mut moved = None;
    for d in documents_on(&project, &["2.7", "5.3.5"]).into_iter().filter(|d| d.section.as_deref() != Some("2.7") || d.path.contains("efficacy")) {
        let pivotal = d.path.contains("exp-301") || d.path.contains("summary-clin-efficacy");
        set_indication(&mut project, d.id.as_str(), if pivotal { &first } else { SECOND });
        if d.path.ends_with("exp-201-csr.pdf") {
            moved = Some(d.id.clone());
        }
    }
    let first_build = build(&mut project, "app_eu").unwrap();
    let folder = first_build.folder.clone().unwrap();
    xmllint_valid(&folder);
    let index = std::fs::read_to_string(folder.join("index.xml")).unwrap();
    assert_eq!(index.matches("<m5-3-5-reports-of-efficacy-and-safety-studies indication=").count(), 2, "{index}");
    assert!(index.contains(&format!("<m5-3-5-reports-of-efficacy-and-safety-studies indication=\"{SECOND}\">")));
    let stud = folder.join("m5/53-clin-stud-rep/535-rep-effic-safety-stud");
    assert!(stud.join("indication-1").is_dir() && stud.join("indication-2").is_dir());
    let href_of = |report: &dossier_api::BuildReport, name: &str| {
        report.leaves.iter().find(|l| l.href.as_deref().is_some_and(|h| h.ends_with(name))).and_then(|l| l.href.clone()).unwrap()
    };
    let toc = std::process::Command::new("pdftotext").args(["-raw"]).arg(first_build.toc.as_ref().unwrap()).arg("-").output().unwrap();
    let toc = String::from_utf8_lossy(&toc.stdout).replace('\n', " ");
    assert!(toc.contains(&format!("({SECOND})")), "the table of contents names each report's indication: {toc}");
    let csr_102 = href_of(&first_build, "exp-102-csr.pdf");
    assert!(csr_102.contains("/indication-1/"), "{SECOND} is recorded first: {csr_102}");
    assert!(href_of(&first_build, "exp-301-csr.pdf").contains("/indication-2/"));

    // A new version of a supportive study's report replaces its leaf under the same heading.
    let path = src.join("documents").join(
        "m5/53-clin-stud-rep/535-rep-effic-safety-stud/nsclc/5352-stud-rep-uncontr/exp-102/exp-102-csr.pdf",
    );
    let mut bytes = std::fs::read(&path).unwrap();
    bytes.extend_from_slice(b"\n% amended report\n");
    std::fs::write(&path, bytes).unwrap();
    super::import(&mut project, &[src.join("documents")]);
    let new_csr = documents_on(&project, &["5.3.5"]).into_iter().find(|d| d.path.ends_with("exp-102-csr.pdf") && d.version == 2).unwrap();
    set_indication(&mut project, new_csr.id.as_str(), SECOND);
    let second = build(&mut project, "app_eu").unwrap();
    assert_eq!((second.new, second.replaced, second.deleted), (0, 1, 0), "{:#?}", second.leaves);
    let replace = &second.leaves[0];
    assert!(replace.href.as_deref().unwrap().contains("/indication-1/"), "{replace:?}");
    assert!(replace.heading.values().any(|i| i.attributes.iter().any(|(_, v)| v == SECOND)));
    xmllint_valid(second.folder.as_ref().unwrap());

    // A report moved to the other indication leaves one heading and joins the other.
    set_indication(&mut project, moved.unwrap().as_str(), &first);
    let third = build(&mut project, "app_eu").unwrap();
    assert_eq!((third.new, third.replaced, third.deleted), (1, 0, 1), "{:#?}", third.leaves);
    let index = std::fs::read_to_string(third.folder.as_ref().unwrap().join("index.xml")).unwrap();
    assert_eq!(index.matches("<m5-3-5-reports-of-efficacy-and-safety-studies indication=").count(), 2, "the delete sits under its own heading: {index}");
    xmllint_valid(third.folder.as_ref().unwrap());
}

#[test]
fn excipients_controlled_one_by_one_get_a_3_2_p_4_heading_each_and_come_back_through_import_ectd() {
    let dir = tempfile::tempdir().unwrap();
    let (mut project, src) = sample(dir.path());
    let facts = std::fs::read_to_string(src.join("facts.toml")).unwrap();
    let with = facts.replacen("dosage_forms = [", "excipients = [\"lactose monohydrate\", \"polymer X (novel)\"]\ndosage_forms = [", 1);
    std::fs::write(src.join("facts.toml"), with).unwrap();
    dossier_api::import_facts_file(&mut project, &src.join("facts.toml")).unwrap();
    // Two excipient specifications, made from one of the sample's PDFs.
    let pdf = std::fs::read(src.join("documents/m2/22-intro/introduction.pdf")).unwrap();
    let folder = src.join("extra/32p4-contr-excip");
    std::fs::create_dir_all(&folder).unwrap();
    for (name, tag) in [("lactose-spec.pdf", "a"), ("polymer-x-spec.pdf", "b")] {
        let mut bytes = pdf.clone();
        bytes.extend_from_slice(format!("\n% {tag}\n").as_bytes());
        std::fs::write(folder.join(name), bytes).unwrap();
    }
    super::import(&mut project, &[src.join("extra")]);
    for (name, excipient) in [("lactose-spec.pdf", "lactose"), ("polymer-x-spec.pdf", "polymer X")] {
        let path = format!("32p4-contr-excip/{name}");
        let change = dossier_api::SetType { doc_type: "excipient-specification".into(), section: Some("3.2.P.4.1".into()), language: None };
        dossier_api::set_document_type(&mut project, &path, &change).unwrap();
        let scope = dossier_api::SetScope { excipient: Some(excipient.into()), ..Default::default() };
        let row = dossier_api::set_document_scope(&mut project, &path, &scope).unwrap();
        assert!(row.scope.excipient.as_deref().is_some_and(|e| e.starts_with(excipient)), "a unique part picks the recorded name");
    }
    let built = build(&mut project, "app_eu").unwrap();
    let folder = built.folder.clone().unwrap();
    xmllint_valid(&folder);
    let index = std::fs::read_to_string(folder.join("index.xml")).unwrap();
    assert!(index.contains(r#"<m3-2-p-4-control-of-excipients excipient="lactose monohydrate">"#), "{index}");
    assert!(index.contains(r#"<m3-2-p-4-control-of-excipients excipient="polymer X (novel)">"#));
    let p4 = folder.join("m3/32-body-data/32p-drug-prod/product-1/32p4-contr-excip");
    assert!(p4.join("excipient-1/lactose-spec.pdf").is_file() && p4.join("excipient-2/polymer-x-spec.pdf").is_file());

    let (mut fresh, _) = dossier_api::init_project(&dir.path().join("fresh.dossier"), None, super::actor(), &mut |_| {}).unwrap();
    dossier_api::import_ectd(&mut fresh, &folder, &dossier_api::ImportOptions::default(), &mut |_| {}).unwrap();
    let back = fresh.store.documents(&dossier_api::DocumentFilter::default()).unwrap();
    let polymer = back.iter().find(|d| d.file_name == "polymer-x-spec.pdf").unwrap();
    assert_eq!(polymer.scope.excipient.as_deref(), Some("polymer X (novel)"));
}

#[test]
fn a_sequence_built_before_instances_were_recorded_is_continued_under_the_same_headings() {
    let dir = tempfile::tempdir().unwrap();
    let (mut project, _) = sample(dir.path());
    build(&mut project, "app_eu").unwrap();
    // What a project built before schema 7 holds: leaves without their heading instances.
    let db = rusqlite::Connection::open(project.root().join("project.sqlite")).unwrap();
    assert!(db.execute("UPDATE sequence_leaf SET heading = NULL", []).unwrap() > 40);
    drop(db);
    // A study report moves out of 5.3.5: its delete must sit under the 5.3.5 heading it was
    // sent under, which the DTD requires to carry its indication.
    let csr = "m5/53-clin-stud-rep/535-rep-effic-safety-stud/nsclc/5352-stud-rep-uncontr/exp-201/exp-201-csr.pdf";
    let change = dossier_api::SetType { doc_type: "clinical-overview".into(), section: Some("2.5".into()), language: None };
    dossier_api::set_document_type(&mut project, csr, &change).unwrap();
    let next = build(&mut project, "app_eu").unwrap();
    assert_eq!(next.deleted, 1, "{:#?}", next.leaves);
    let index = std::fs::read_to_string(next.folder.as_ref().unwrap().join("index.xml")).unwrap();
    assert!(index.contains("<m5-3-5-reports-of-efficacy-and-safety-studies indication=\"First-line"), "{index}");
    xmllint_valid(next.folder.as_ref().unwrap());
}
