use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use dossier_api::{BuildOptions, ImportOptions, NewApplication, Project};

use super::build::sample;

fn import_ectd(project: &mut Project, path: &Path) -> dossier_api::ImportEctdReport {
    dossier_api::import_ectd(project, path, &ImportOptions::default(), &mut |_| {}).unwrap()
}

/// The sample's NMPA application built as sequence 0000.
fn built_cn(dir: &Path) -> (Project, dossier_api::BuildReport) {
    let (mut project, _) = sample(dir);
    let report = dossier_api::build(&mut project, "app_cn", &BuildOptions { zip: true, ..BuildOptions::default() }, &mut |_| {}, None).unwrap();
    (project, report)
}

fn sections_by_sha(project: &Project) -> BTreeMap<String, Option<String>> {
    project
        .store
        .documents(&dossier_api::DocumentFilter::default())
        .unwrap()
        .into_iter()
        .map(|d| (d.sha256, d.classification.section))
        .collect()
}

fn add_hk(project: &mut Project) {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../sample-dossiers/examplinib/applications.toml")).unwrap();
    let value: toml::Value = toml::from_str(&text).unwrap();
    let hk = value["application"].as_array().unwrap().iter().find(|a| a["id"].as_str() == Some("app_hk")).unwrap();
    let new: NewApplication = hk.clone().try_into().unwrap();
    dossier_api::add_application(project, &new).unwrap();
}

fn is_m2_to_m5(section: &str) -> bool {
    section.starts_with(['2', '3', '4', '5'])
}

#[test]
fn an_nmpa_sequence_round_trips_with_the_same_documents_on_the_same_sections_and_maps_to_hk_alike() {
    let dir = tempfile::tempdir().unwrap();
    let (original, built) = built_cn(&dir.path().join("a"));
    let mut fresh = super::new_project(&dir.path().join("b"));
    let report = import_ectd(&mut fresh, built.folder.as_ref().unwrap());
    assert_eq!(report.sequences, ["0000"]);
    assert_eq!(report.checksum_mismatches, 0, "{:#?}", report.findings);
    assert!(report.findings.iter().all(|f| f.severity < dossier_model::Severity::Warning), "{:#?}", report.findings);

    let back = sections_by_sha(&fresh);
    let leaf_docs: BTreeSet<(String, String)> = built
        .leaves
        .iter()
        .map(|l| {
            let doc = original.store.document(&dossier_model::DocumentId::parse(l.document.as_ref().unwrap()).unwrap()).unwrap();
            (doc.sha256, l.section.clone())
        })
        .collect();
    let shas: BTreeSet<&String> = leaf_docs.iter().map(|(s, _)| s).collect();
    assert_eq!(back.keys().collect::<BTreeSet<_>>(), shas, "exactly the documents of the sequence come back (by SHA-256)");
    for (sha, section) in &leaf_docs {
        let placed_once = leaf_docs.iter().filter(|(s, _)| s == sha).count() == 1;
        if placed_once {
            assert_eq!(back[sha].as_ref(), Some(section), "{sha} comes back on its section");
        } else {
            assert!(leaf_docs.contains(&(sha.clone(), back[sha].clone().unwrap())), "{sha} comes back on one of its sections");
        }
    }

    // Mapped to Hong Kong, Modules 2-5 get the same documents on the same sections.
    add_hk(&mut fresh);
    let hk_placements = |p: &Project| -> BTreeSet<(String, String, String)> {
        let docs: BTreeMap<String, String> =
            p.store.documents(&dossier_api::DocumentFilter::default()).unwrap().into_iter().map(|d| (d.id.to_string(), d.sha256)).collect();
        dossier_api::placements(p, "app_hk")
            .unwrap()
            .into_iter()
            .filter(|pl| is_m2_to_m5(&pl.section))
            .filter_map(|pl| docs.get(&pl.document.to_string()).map(|sha| (pl.item, pl.section, sha.clone())))
            .collect()
    };
    let in_sequence: BTreeSet<&String> = shas.iter().copied().collect();
    let expected: BTreeSet<_> = hk_placements(&original).into_iter().filter(|(_, _, sha)| in_sequence.contains(sha)).collect();
    let got = hk_placements(&fresh);
    // eCTD carries sections, not document types: the imported types are guesses from the path,
    // but on Modules 2-5 the section decides, so the placements are the same.
    let missing: BTreeSet<(String, String)> = expected.difference(&got).map(|(i, s, sha)| (format!("{i} {s}"), sha[..16].to_owned())).collect();
    let extra: Vec<_> = got.difference(&expected).collect();
    assert!(missing.is_empty(), "HK M2-5 placements are the same after the round trip: {missing:#?}");
    assert!(extra.is_empty(), "nothing is placed that the original did not place: {extra:#?}");

    // Once a person confirms the document types the sample's facts give, the placements match.
    let types: BTreeMap<String, String> = original
        .store
        .documents(&dossier_api::DocumentFilter::default())
        .unwrap()
        .into_iter()
        .filter_map(|d| Some((d.sha256, d.classification.doc_type?)))
        .collect();
    for d in fresh.store.documents(&dossier_api::DocumentFilter::default()).unwrap() {
        let Some(t) = types.get(&d.sha256).filter(|t| d.classification.doc_type.as_ref() != Some(*t)) else { continue };
        let change = dossier_api::SetType { doc_type: t.clone(), section: d.classification.section.clone(), language: None };
        dossier_api::set_document_type(&mut fresh, d.id.as_str(), &change).unwrap();
    }
    let got = hk_placements(&fresh);
    let missing: Vec<_> = expected.difference(&got).collect();
    let extra: Vec<_> = got.difference(&expected).collect();
    assert!(missing.is_empty() && extra.is_empty(), "with the same types, HK M2-5 placements are the same:\nmissing {missing:#?}\nextra {extra:#?}");
    original.store.integrity_check().unwrap();
}

#[test]
fn a_zipped_sequence_imports_like_its_folder() {
    let dir = tempfile::tempdir().unwrap();
    let (_, built) = built_cn(&dir.path().join("a"));
    let mut fresh = super::new_project(&dir.path().join("b"));
    let report = import_ectd(&mut fresh, built.zip.as_ref().unwrap());
    assert_eq!(report.sequences, ["0000"]);
    assert!(report.imported > 0);
    let leftovers: Vec<_> = std::fs::read_dir(fresh.root()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).filter(|n| n.starts_with(".import-ectd")).collect();
    assert!(leftovers.is_empty(), "the extraction folder is removed: {leftovers:?}");
}

#[test]
fn a_leaf_whose_bytes_changed_after_the_build_imports_with_a_checksum_finding_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let (_, built) = built_cn(&dir.path().join("a"));
    let folder = built.folder.unwrap();
    let href = built.leaves.iter().find(|l| l.section.starts_with("3.2.P")).unwrap().href.clone().unwrap();
    let mut bytes = std::fs::read(folder.join(&href)).unwrap();
    bytes.extend_from_slice(b"\n% tampered\n");
    std::fs::write(folder.join(&href), bytes).unwrap();
    let mut fresh = super::new_project(&dir.path().join("b"));
    let report = import_ectd(&mut fresh, &folder);
    assert_eq!(report.checksum_mismatches, 1);
    let finding = report.findings.iter().find(|f| f.rule == "11.2").unwrap();
    assert!(finding.message.contains(&href), "{finding:?}");
    let doc = fresh.store.documents(&Default::default()).unwrap().into_iter().find(|d| d.source_path == href).expect("still imported");
    assert!(doc.findings.iter().any(|f| f.rule == "11.2"), "the document carries the finding too");
}

#[test]
fn imported_documents_keep_their_leaf_title_and_lifecycle() {
    let dir = tempfile::tempdir().unwrap();
    let (_, built) = built_cn(&dir.path().join("a"));
    let mut fresh = super::new_project(&dir.path().join("b"));
    import_ectd(&mut fresh, built.folder.as_ref().unwrap());
    let leaf = &built.leaves[0];
    let doc = fresh.store.documents(&Default::default()).unwrap().into_iter().find(|d| Some(&d.source_path) == leaf.href.as_ref()).unwrap();
    assert_eq!(doc.title.as_deref(), Some(leaf.title.as_str()));
    let lifecycle = doc.findings.iter().find(|f| f.rule == "DB-ECTD-LIFECYCLE").unwrap();
    assert!(lifecycle.message.contains("sequence 0000") && lifecycle.message.contains("operation new"), "{lifecycle:?}");
}

#[test]
fn a_folder_without_a_sequence_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let mut fresh = super::new_project(&dir.path().join("b"));
    std::fs::create_dir_all(dir.path().join("empty")).unwrap();
    let err = dossier_api::import_ectd(&mut fresh, &dir.path().join("empty"), &ImportOptions::default(), &mut |_| {}).unwrap_err();
    assert!(err.message.contains("no eCTD sequence found") && err.message.contains("index.xml"), "{err}");
}

#[test]
fn documents_come_in_with_the_instance_of_the_repeated_heading_they_were_filed_under() {
    use super::build::{SECOND, documents_on, set_indication, two_indications};
    let dir = tempfile::tempdir().unwrap();
    let (mut project, _, first) = two_indications(&dir.path().join("a"));
    for d in documents_on(&project, &["2.7", "5.3.5"]) {
        let pivotal = d.path.contains("exp-301") || d.path.contains("summary-clin-efficacy");
        set_indication(&mut project, d.id.as_str(), if pivotal { &first } else { SECOND });
    }
    let built = dossier_api::build(&mut project, "app_eu", &BuildOptions::default(), &mut |_| {}, None).unwrap();

    let (mut fresh, _) = dossier_api::init_project(&dir.path().join("fresh.dossier"), None, super::actor(), &mut |_| {}).unwrap();
    let report = import_ectd(&mut fresh, built.folder.as_ref().unwrap());
    let docs = fresh.store.documents(&dossier_api::DocumentFilter::default()).unwrap();
    let scope_of = |name: &str| &docs.iter().find(|d| d.file_name == name).unwrap().scope;
    assert_eq!(scope_of("exp-102-csr.pdf").indication.as_deref(), Some(SECOND));
    assert_eq!(scope_of("exp-301-csr.pdf").indication.as_deref(), Some(first.as_str()));
    let spec = scope_of("drug-substance-spec.pdf");
    assert_eq!(spec.substance.as_deref(), Some("examplinib"));
    assert_eq!(spec.manufacturer.as_deref(), Some("Examplar Pharmaceutical (Huizhou) Co., Ltd."));
    let product = scope_of("drug-product-spec.pdf");
    assert_eq!((product.dosage_form.as_deref(), product.manufacturer.as_deref()), (Some("film-coated tablet"), None), "3.2.P's manufacturer is the product's");
    let unrecorded: Vec<_> = report.findings.iter().filter(|f| f.rule == "DB-ECTD-INSTANCE").collect();
    assert_eq!(unrecorded.len(), 5, "two indications, substance, manufacturer and dosage form, each said once: {unrecorded:#?}");
    assert!(unrecorded.iter().any(|f| f.message.contains(SECOND)));
}
