use std::path::Path;

use dossier_api::{BuildOptions, BundleReport, PackageKind, Project};

use super::build::sample;

fn build(project: &mut Project) -> dossier_api::Result<BundleReport> {
    dossier_api::build_bundle(project, "app_hk", &BuildOptions { zip: true, ..BuildOptions::default() }, &mut |_| {}, None)
}

fn index_lines(folder: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(folder.join("index.csv")).unwrap();
    text.trim_start_matches('\u{FEFF}').lines().map(str::to_owned).collect()
}

#[test]
fn the_hong_kong_application_builds_a_ctd_bundle_with_an_index_of_every_file() {
    let dir = tempfile::tempdir().unwrap();
    let (mut project, _) = sample(dir.path());
    assert_eq!(dossier_api::package_kind(&project, "app_hk").unwrap(), PackageKind::CtdBundle);
    assert_eq!(dossier_api::package_kind(&project, "app_cn").unwrap(), PackageKind::EctdSequence);
    let report = build(&mut project).unwrap();
    let folder = report.folder.clone().unwrap();
    assert_eq!(folder, project.root().join("builds/app_hk/0000"));
    assert!(report.zip.as_ref().unwrap().is_file());
    let lines = index_lines(&folder);
    assert_eq!(lines[0], "file,item,item_title,section,section_title,route,document,title,sha256,md5,size,role");
    assert_eq!(lines.len() - 1, report.rows.len(), "one line per row");
    let placements = dossier_api::placements(&project, "app_hk").unwrap();
    for p in &placements {
        assert!(
            report.rows.iter().any(|r| r.item == p.item && r.section == p.section && r.document == p.document.to_string()),
            "placement {p:?} is in the index"
        );
    }
    for r in &report.rows {
        let bytes = std::fs::read(folder.join(&r.path)).unwrap();
        assert_eq!(dossier_package::util::md5_hex(&bytes), r.md5, "{}: the index MD5 is the file's", r.path);
        let name = r.path.rsplit('/').next().unwrap();
        if r.item.is_empty() {
            assert!(["table-of-contents.pdf", "cover-letter.pdf"].contains(&r.path.as_str()), "{}: files serving no item sit at the root", r.path);
            continue;
        }
        assert!(dossier_package::names::NamingRules { allow_underscore: false, max_path: 180 }.is_legal_name(name), "{name} is upload-ready");
        assert!(r.path.starts_with("m1/") || r.path.starts_with("m2/") || r.path.starts_with("m3/") || r.path.starts_with("m4/") || r.path.starts_with("m5/"), "{}", r.path);
        if let Some(hk) = r.section.strip_prefix("hk:") {
            assert!(r.path.contains(&format!("/{hk}/")), "{}: Module 1 folders follow the HK profile's codes", r.path);
        }
    }
    assert!(report.rows.iter().all(|r| r.route.as_deref() == Some("1plus")), "the route is on every row");
    let rows = dossier_api::sequences(&project, "app_hk").unwrap();
    assert_eq!((rows.len(), rows[0].kind.as_str(), rows[0].region.as_str()), (1, "bundle", "hk-ctd"));
}

#[test]
fn a_second_hk_build_is_0001_and_leaves_0000_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let (mut project, _) = sample(dir.path());
    build(&mut project).unwrap();
    let before = std::fs::read(project.root().join("builds/app_hk/0000.zip")).unwrap();
    let second = build(&mut project).unwrap();
    assert_eq!(second.number, "0001");
    assert_eq!(std::fs::read(project.root().join("builds/app_hk/0000.zip")).unwrap(), before, "0000 is never overwritten");
}

#[test]
fn building_the_hk_bundle_of_the_same_project_twice_gives_byte_identical_zips() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, _) = sample(&dir.path().join("a"));
    let (mut b, _) = sample(&dir.path().join("b"));
    let za = build(&mut a).unwrap().zip.unwrap();
    let zb = build(&mut b).unwrap().zip.unwrap();
    assert!(std::fs::read(za).unwrap() == std::fs::read(zb).unwrap(), "same project, same bytes");
}

#[test]
fn a_dry_run_plans_the_bundle_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (mut project, _) = sample(dir.path());
    let report = dossier_api::build_bundle(&mut project, "app_hk", &BuildOptions { dry_run: true, ..BuildOptions::default() }, &mut |_| {}, None).unwrap();
    assert!(report.files > 0 && report.folder.is_none());
    assert!(!project.root().join("builds/app_hk").exists());
    assert!(dossier_api::sequences(&project, "app_hk").unwrap().is_empty());
}

#[test]
fn an_ectd_application_is_not_built_as_a_bundle() {
    let dir = tempfile::tempdir().unwrap();
    let (mut project, _) = sample(dir.path());
    let err = build_as_bundle(&mut project, "app_eu");
    assert!(err.message.contains("dossier build --app app_eu"), "{err}");
}

fn build_as_bundle(project: &mut Project, app: &str) -> dossier_api::ApiError {
    dossier_api::build_bundle(project, app, &BuildOptions::default(), &mut |_| {}, None).unwrap_err()
}

#[test]
fn the_bundle_opens_with_a_table_of_contents_of_every_file_with_its_pages() {
    let dir = tempfile::tempdir().unwrap();
    let (mut project, _) = sample(dir.path());
    let report = build(&mut project).unwrap();
    let folder = report.folder.clone().unwrap();
    assert_eq!(report.rows[0].role.as_deref(), Some("table-of-contents"), "listed first in the index");
    assert!(index_lines(&folder)[1].starts_with("table-of-contents.pdf,"));
    let info = super::report::run("pdfinfo", &[], &folder.join("table-of-contents.pdf"));
    let pages: usize = info.lines().find_map(|l| l.strip_prefix("Pages:")).unwrap().trim().parse().unwrap();
    super::report::check(&folder.join("table-of-contents.pdf"), pages, |_, _| String::new());
    // `-raw` keeps a cell's wrapped lines together: joined, they give the whole path.
    let text = super::report::run("pdftotext", &["-raw", "-enc", "UTF-8"], &folder.join("table-of-contents.pdf")).replace('\n', "");
    for r in report.rows.iter().skip(1) {
        assert!(text.contains(&r.path), "{} is listed in the contents", r.path);
    }
    assert!(text.contains("Table of contents") && text.contains("bundle 0000"), "{text}");
    let letter = report.rows.iter().find(|r| r.role.as_deref() == Some("cover-letter")).expect("a cover letter");
    let sample_letter = std::fs::read(dir.path().join("src/documents/m1/hk/cover-letter-hk.pdf")).unwrap();
    assert_eq!(std::fs::read(folder.join(&letter.path)).unwrap(), sample_letter, "the user's Hong Kong letter is the one sent");
    assert!(!report.findings.iter().any(|f| f.rule == "DB-GEN-LETTER"), "nothing is generated beside it");
}
