use dossier_package::hk::{BundleInput, BundlePlan, BundleSource, Heading, ItemRef, index, plan, write::write_bundle};

use super::*;

fn headings() -> Vec<Heading> {
    let h = |code: &str, title: &str, parent: Option<&str>| Heading {
        code: code.into(),
        title: title.into(),
        parent: parent.map(Into::into),
    };
    vec![
        h("manufacturer", "Manufacturer documents", None),
        h("gmp-certificates", "GMP certificates (all sites)", Some("manufacturer")),
        h("sales-pack", "Prototype sales pack", None),
    ]
}

fn item(id: &str, title: &str) -> ItemRef {
    ItemRef { id: id.into(), title: title.into() }
}

fn source(rel: &str, section: &str, items: &[ItemRef]) -> BundleSource {
    BundleSource { leaf: leaf_source(&sample_documents().join(rel), rel, section), items: items.to_vec(), role: None }
}

const SPEC: &str = "m3/32-body-data/32p-drug-prod/product-1/32p5-contr-drug-prod/32p51-spec/drug-product-spec.pdf";
const GMP: &str = "company-files/GMP certificate Shenzhen site.pdf";

fn sample_plan(extra: Vec<BundleSource>) -> BundlePlan {
    let m1 = headings();
    let mut sources = vec![
        source(SPEC, "3.2.P.5.1", &[item("HK-11", "Drug product specification")]),
        source(GMP, "hk:gmp-certificates", &[item("HK-03", "GMP certificates")]),
    ];
    sources.extend(extra);
    plan(&BundleInput { number: 0, ctd: ctd(), m1: &m1, route: Some("1plus".into()), sources })
}

#[test]
fn files_go_to_hk_module_1_folders_and_ich_folders_with_their_items_in_the_index() {
    let p = sample_plan(vec![]);
    assert!(!p.has_errors(), "{:#?}", p.findings);
    let paths: Vec<&str> = p.files.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "m1/manufacturer/gmp-certificates/gmp-certificate-shenzhen-site.pdf",
            "m3/32-body-data/32p-drug-prod/examplix-tablet/32p5-contr-drug-prod/32p51-spec/drug-product-spec.pdf",
        ],
        "Module 1 by the profile's headings first, then ICH folders in tree order, a repeated heading in its instance's folder"
    );
    let gmp = &p.rows[0];
    assert_eq!((gmp.item.as_str(), gmp.section_title.as_str(), gmp.route.as_deref()), ("HK-03", "GMP certificates (all sites)", Some("1plus")));
    assert_eq!(p.rows[1].section_title, "Specification(s) (film-coated tablet)", "ICH titles come from the CTD tree, with the instance");
}

#[test]
fn one_document_serving_two_items_on_one_section_is_one_file_with_two_index_rows() {
    let p = sample_plan(vec![source(GMP, "hk:gmp-certificates", &[item("HK-02", "Manufacturer authorisation")])]);
    assert_eq!(p.files.len(), 2, "{:#?}", p.files);
    let items: Vec<&str> = p.rows.iter().filter(|r| r.path.ends_with("gmp-certificate-shenzhen-site.pdf")).map(|r| r.item.as_str()).collect();
    assert_eq!(items, ["HK-02", "HK-03"]);
}

#[test]
fn two_documents_with_one_name_get_distinct_names_and_the_rename_is_reported() {
    let mut other = source("company-files/GMP certificate Shenzhen site.pdf", "hk:gmp-certificates", &[item("HK-03", "GMP certificates")]);
    other.leaf.document = "doc_other".into();
    other.leaf.sha256 = "f".repeat(64);
    let p = sample_plan(vec![other]);
    let names: Vec<&str> = p.files.iter().filter(|f| f.path.starts_with("m1/")).map(|f| f.path.rsplit('/').next().unwrap()).collect();
    assert_eq!(names, ["gmp-certificate-shenzhen-site.pdf", "gmp-certificate-shenzhen-site-2.pdf"], "resolution follows the sorted order, so it is stable");
    assert!(p.findings.iter().any(|f| f.rule == "DB-PKG-NAME-CONFLICT" && f.message.contains("gmp-certificate-shenzhen-site-2.pdf")), "{:#?}", p.findings);
}

#[test]
fn a_section_that_is_neither_ich_nor_hong_kong_is_an_error_naming_the_file() {
    let p = sample_plan(vec![source(GMP, "eu:1.3.1", &[item("HK-03", "GMP")])]);
    assert!(p.has_errors());
    assert!(p.findings.iter().any(|f| f.message.contains("GMP certificate Shenzhen site.pdf") && f.message.contains("eu:1.3.1")), "{:#?}", p.findings);
}

#[test]
fn the_cover_letter_is_listed_first() {
    let mut cover = source("m1/cn/10-cover/cover-letter-cn.pdf", "hk:sales-pack", &[item("HK-15", "Sales pack")]);
    cover.role = Some("cover-letter".into());
    let p = sample_plan(vec![cover]);
    assert_eq!(p.cover_letter(), Some("m1/sales-pack/cover-letter-cn.pdf"));
    assert_eq!(p.rows[0].role.as_deref(), Some("cover-letter"));
}

#[test]
fn a_written_bundle_holds_the_index_and_every_file_and_is_never_overwritten() {
    let out = tempfile::tempdir().unwrap();
    let p = sample_plan(vec![]);
    let csv = index::render_csv(&p.rows);
    let w = write_bundle(&p, &csv, out.path(), None, &mut |_| {}).unwrap();
    assert_eq!(w.folder, out.path().join("0000"));
    assert_eq!(std::fs::read(w.folder.join("index.csv")).unwrap(), csv);
    for f in &p.files {
        assert_eq!(std::fs::metadata(w.folder.join(&f.path)).unwrap().len(), f.size, "{}", f.path);
    }
    // The same bundle again is the re-run of a build killed before the store recorded it.
    write_bundle(&p, &csv, out.path(), None, &mut |_| {}).expect("an unrecorded identical leftover is replaced");
    let other = sample_plan(vec![source("m1/cn/10-cover/cover-letter-cn.pdf", "hk:sales-pack", &[item("HK-15", "Sales pack")])]);
    let err = write_bundle(&other, &index::render_csv(&other.rows), out.path(), None, &mut |_| {}).unwrap_err();
    assert!(matches!(err, dossier_package::Error::AlreadyBuilt(_)), "{err}");
    assert_eq!(std::fs::read(w.folder.join("index.csv")).unwrap(), csv, "the earlier bundle is intact");
    let leftovers: Vec<_> = std::fs::read_dir(out.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(leftovers, [std::ffi::OsString::from("0000")], "no partial folder is left behind");
}

#[test]
fn a_damaged_blob_stops_the_bundle_naming_it_and_leaves_nothing() {
    for (what, damage) in super::write::damages() {
        let dir = tempfile::tempdir().unwrap();
        let mut p = sample_plan(vec![]);
        let store = dir.path().join("blobs");
        std::fs::create_dir_all(&store).unwrap();
        for f in &mut p.files {
            let copy = store.join(&f.sha256);
            std::fs::copy(&f.blob, &copy).unwrap();
            f.blob = copy;
        }
        let victim = p.files[1].blob.clone();
        damage(&victim);
        let out = dir.path().join("out");
        let err = write_bundle(&p, &index::render_csv(&p.rows), &out, None, &mut |_| {}).expect_err(what);
        assert!(matches!(&err, dossier_package::Error::BlobDamaged { blob, .. } if *blob == victim), "{what}: {err}");
        assert_eq!(std::fs::read_dir(&out).unwrap().count(), 0, "{what}: no bundle and no temp folder");
    }
}
