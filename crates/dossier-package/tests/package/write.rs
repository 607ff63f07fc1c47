use std::sync::atomic::AtomicBool;

use dossier_package::backbone::render;
use dossier_package::{Operation, Region, SequencePlan, WriteOptions, Written, plan, write_sequence};

use super::*;

pub fn build(p: &SequencePlan, dir: &Path) -> Written {
    assert!(!p.has_errors(), "{:#?}", p.findings);
    let rendered = render(p, ctd());
    write_sequence(p, &rendered, WriteOptions { dir, us_dtd: None, cancel: None, zip: false }, &mut |_| {}).expect("the sequence is written")
}

/// What the full catalogue says of a built folder that would have stopped the build (what the
/// build wrote itself: util files, backbones, the copies of the leaves), by rule id and file.
fn refused_by_the_build(folder: &Path) -> Vec<(String, String)> {
    let reports = dossier_package::validate::validate_path(folder, None).expect("a sequence folder");
    reports
        .iter()
        .flat_map(|r| dossier_package::validate::Verdict::refusing(r).into_iter().map(|p| (p.rule.clone(), p.file.clone())))
        .collect()
}

#[test]
fn an_eu_sequence_is_valid_against_the_official_dtds() {
    let out = tempfile::tempdir().unwrap();
    let m1 = eu_m1();
    let p = plan(&input(Region::Eu, 0, &m1, sample_leaves(Region::Eu, &m1), vec![]));
    let w = build(&p, out.path());
    let (ok, log) = xmllint(&w.folder, &["--noout", "--valid", "index.xml"]);
    assert!(ok, "index.xml: {log}");
    let (ok, log) = xmllint(&w.folder, &["--noout", "--valid", "m1/eu/eu-regional.xml"]);
    assert!(ok, "eu-regional.xml: {log}");
    let findings = refused_by_the_build(&w.folder);
    assert!(findings.is_empty(), "{findings:#?}");
}

#[test]
fn an_nmpa_sequence_is_valid_against_the_nmpa_schema() {
    let out = tempfile::tempdir().unwrap();
    let m1 = cn_m1();
    let p = plan(&input(Region::Cn, 0, &m1, sample_leaves(Region::Cn, &m1), vec![]));
    let w = build(&p, out.path());
    let (ok, log) = xmllint(&w.folder, &["--noout", "--valid", "index.xml"]);
    assert!(ok, "index.xml: {log}");
    let (ok, log) = xmllint(&w.folder, &["--noout", "--schema", "util/dtd/cn-regional-1-0.xsd", "m1/cn/cn-regional.xml"]);
    assert!(ok, "cn-regional.xml: {log}");
    let regional = std::fs::read_to_string(w.folder.join("m1/cn/cn-regional.xml")).unwrap();
    assert!(regional.contains("首次申请 易普利 &amp; &lt;片剂&gt;"), "Chinese text and escapes survive");
    let findings = refused_by_the_build(&w.folder);
    assert!(findings.is_empty(), "{findings:#?}");
}

#[test]
fn util_files_are_byte_identical_to_the_official_copies() {
    let out = tempfile::tempdir().unwrap();
    let m1 = eu_m1();
    let w = build(&plan(&input(Region::Eu, 0, &m1, sample_leaves(Region::Eu, &m1), vec![])), out.path());
    let specs = shared_specs();
    for (built, official) in [
        ("util/dtd/ich-ectd-3-2.dtd", "ich-ectd-v3.2.2/ich-ectd-3-2.dtd"),
        ("util/style/ectd-2-0.xsl", "ich-ectd-v3.2.2/ectd-2-0.xsl"),
        ("util/dtd/eu-regional.dtd", "eu-m1-v3.1.1/util/dtd/eu-regional.dtd"),
        ("util/dtd/eu-envelope.mod", "eu-m1-v3.1.1/util/dtd/eu-envelope.mod"),
        ("util/dtd/eu-leaf.mod", "eu-m1-v3.1.1/util/dtd/eu-leaf.mod"),
        ("util/style/eu-regional.xsl", "eu-m1-v3.1.1/util/style/eu-regional.xsl"),
    ] {
        let a = std::fs::read(w.folder.join(built)).unwrap();
        // The published MD5 (EU VC 8.2 1.3, 2.3, 3.3–6.3) is what regulators check.
        let pinned = dossier_package::util::all_util_files().into_iter().find(|u| u.path == built).expect("a pinned util file");
        assert_eq!(dossier_package::util::md5_hex(&a), pinned.md5, "{built} has its published MD5");
        // Beside the shared reference folder (developer machines), compare the bytes as well;
        // a checkout without it (a CI runner) still has the published MD5s above.
        if let Ok(b) = std::fs::read(specs.join(official)) {
            assert!(a == b, "{built} differs from the official {official}");
        }
    }
}

#[test]
fn every_leaf_md5_and_index_md5_match_the_files() {
    let out = tempfile::tempdir().unwrap();
    let m1 = cn_m1();
    let p = plan(&input(Region::Cn, 0, &m1, sample_leaves(Region::Cn, &m1), vec![]));
    let w = build(&p, out.path());
    for leaf in &p.leaves {
        let bytes = std::fs::read(w.folder.join(leaf.href.as_ref().unwrap())).unwrap();
        assert_eq!(Some(dossier_package::util::md5_hex(&bytes)), leaf.md5, "{:?}", leaf.href);
    }
    let index = std::fs::read(w.folder.join("index.xml")).unwrap();
    let recorded = std::fs::read_to_string(w.folder.join("index-md5.txt")).unwrap();
    assert_eq!(recorded, dossier_package::util::md5_hex(&index));
    assert_eq!(w.index_md5, recorded);
}

#[test]
fn building_the_same_input_twice_gives_byte_identical_folders() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    for region in [Region::Eu, Region::Cn] {
        let m1 = if region == Region::Eu { eu_m1() } else { cn_m1() };
        let wa = build(&plan(&input(region, 0, &m1, sample_leaves(region, &m1), vec![])), &a.path().join(region.code()));
        let wb = build(&plan(&input(region, 0, &m1, sample_leaves(region, &m1), vec![])), &b.path().join(region.code()));
        assert!(tree_bytes(&wa.folder) == tree_bytes(&wb.folder), "{region:?} builds differ");
    }
}

#[test]
fn a_second_sequence_with_one_replace_is_valid_and_points_into_the_first() {
    let out = tempfile::tempdir().unwrap();
    for region in [Region::Eu, Region::Cn] {
        let dir = out.path().join(region.code());
        let m1 = if region == Region::Eu { eu_m1() } else { cn_m1() };
        let leaves = sample_leaves(region, &m1);
        let first = plan(&input(region, 0, &m1, leaves.clone(), vec![]));
        build(&first, &dir);
        let mut changed = leaves.clone();
        // A new version of the drug product specification (another file's bytes stand in).
        let spec = changed.iter().position(|l| l.section == "3.2.P.5.1").unwrap();
        let other = leaf_source(&sample_documents().join("m2/22-intro/introduction.pdf"), &changed[spec].lineage, "3.2.P.5.1");
        changed[spec] = LeafSource { file_name: changed[spec].file_name.clone(), ..other };
        // Every sequence carries its own cover letter (EU M1: 1.0 is never empty, EU VC 10.1).
        let letter = sample_documents().join("m2/23-qos/qos-drug-product.pdf");
        changed.push(leaf_source(&letter, "cover-letter-0001", &format!("{}:1.0", region.code())));
        let second = plan(&input(region, 1, &m1, changed, history_of(&first)));
        assert_eq!(second.count(Operation::Replace), 1);
        assert_eq!(second.leaves.len(), 2, "the replaced specification and the new letter");
        let w = build(&second, &dir);
        let index = std::fs::read_to_string(w.folder.join("index.xml")).unwrap();
        let replace = second.leaves.iter().find(|l| l.operation == Operation::Replace).unwrap();
        let target = &replace.modifies.as_ref().unwrap().id;
        assert!(index.contains(&format!("modified-file=\"../0000/index.xml#{target}\"")), "{index}");
        let (ok, log) = xmllint(&w.folder, &["--noout", "--valid", "index.xml"]);
        assert!(ok, "{region:?} 0001 index.xml: {log}");
        let findings = refused_by_the_build(&w.folder);
        assert!(findings.is_empty(), "{findings:#?}");
    }
}

#[test]
fn a_cancelled_build_leaves_no_folder_behind() {
    let out = tempfile::tempdir().unwrap();
    let m1 = eu_m1();
    let p = plan(&input(Region::Eu, 0, &m1, sample_leaves(Region::Eu, &m1), vec![]));
    let cancel = AtomicBool::new(true);
    let err = write_sequence(&p, &render(&p, ctd()), WriteOptions { dir: out.path(), us_dtd: None, cancel: Some(&cancel), zip: false }, &mut |_| {})
        .unwrap_err();
    assert!(matches!(err, dossier_package::Error::Cancelled), "{err}");
    assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 0, "neither 0000 nor a temp folder remains");
}

#[test]
fn an_existing_sequence_folder_is_never_overwritten() {
    let out = tempfile::tempdir().unwrap();
    let m1 = eu_m1();
    let p = plan(&input(Region::Eu, 0, &m1, sample_leaves(Region::Eu, &m1), vec![]));
    build(&p, out.path());
    let before = tree_bytes(&out.path().join("0000"));
    let mut fewer = sample_leaves(Region::Eu, &m1);
    fewer.pop();
    let other = plan(&input(Region::Eu, 0, &m1, fewer, vec![]));
    let err = write_sequence(&other, &render(&other, ctd()), WriteOptions { dir: out.path(), us_dtd: None, cancel: None, zip: false }, &mut |_| {})
        .unwrap_err();
    assert!(err.to_string().contains("next sequence"), "{err}");
    assert!(tree_bytes(&out.path().join("0000")) == before, "the earlier build is intact");
    let names: Vec<_> = std::fs::read_dir(out.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names, [std::ffi::OsString::from("0000")], "no temp folder is left behind");
}

#[test]
fn the_leftover_of_a_build_killed_before_it_was_recorded_is_replaced_by_the_same_sequence() {
    // The store records a sequence after its folder is renamed into place; a kill in between
    // leaves the folder unrecorded, and the re-run plans the same number with the same files.
    let out = tempfile::tempdir().unwrap();
    let m1 = eu_m1();
    let p = plan(&input(Region::Eu, 0, &m1, sample_leaves(Region::Eu, &m1), vec![]));
    build(&p, out.path());
    let before = tree_bytes(&out.path().join("0000"));
    std::fs::write(out.path().join("0000.zip"), b"the zip of the leftover").unwrap();
    build(&p, out.path());
    assert!(tree_bytes(&out.path().join("0000")) == before, "the same sequence again");
    let names: Vec<_> = std::fs::read_dir(out.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names, [std::ffi::OsString::from("0000")], "the leftover's zip and the moved-aside folder are gone");
}

#[test]
fn a_us_sequence_builds_and_says_the_fda_dtd_is_missing() {
    let out = tempfile::tempdir().unwrap();
    let m1 = us_m1();
    let dir = sample_documents();
    let leaves = vec![
        leaf_source(&dir.join("m1/us/fda-form-356h.pdf"), "form", "us:1.1"),
        leaf_source(&dir.join("m1/us/draft-labeling-text-pi.pdf"), "pi", "us:1.14.1.3"),
        leaf_source(&dir.join("m2/25-clin-over/clinical-overview.pdf"), "co", "2.5"),
    ];
    let w = build(&plan(&input(Region::Us, 0, &m1, leaves, vec![])), out.path());
    let (ok, log) = xmllint(&w.folder, &["--noout", "--valid", "index.xml"]);
    assert!(ok, "{log}");
    let refused = refused_by_the_build(&w.folder);
    assert!(refused.is_empty(), "{refused:#?}");
    let report = w.validation.as_ref().expect("the build's own validation");
    let dtd: Vec<_> = report.problems.iter().filter(|p| p.message.contains("dossier util add")).collect();
    assert_eq!(dtd.len(), 1, "the missing FDA DTD is said once: {:#?}", report.problems);
    assert_ne!(dtd[0].status, dossier_package::validate::Status::Pass, "{:#?}", dtd[0]);
}

#[test]
fn repeated_headings_are_written_once_per_instance_each_with_its_attributes_and_folder() {
    let out = tempfile::tempdir().unwrap();
    let m1 = eu_m1();
    let instance = |folder: &str, attrs: &[(&str, &str)]| Instance {
        folder: folder.into(),
        attributes: attrs.iter().map(|(k, v)| ((*k).into(), (*v).into())).collect(),
    };
    let second_maker = instance("substance-1-manufacturer-2", &[("substance", "examplinib"), ("manufacturer", "Plant B & <Sons>")]);
    let second_indication = instance("indication-2", &[("indication", "gastric cancer")]);
    // Every second 3.2.S document and every second 5.3.5 document goes under the other instance.
    let mut leaves = sample_leaves(Region::Eu, &m1);
    let (mut s, mut c) = (0, 0);
    for leaf in &mut leaves {
        if leaf.heading.contains_key("substance-manufacturer") {
            s += 1;
            if s % 2 == 0 {
                leaf.heading.insert("substance-manufacturer".into(), second_maker.clone());
            }
        }
        if leaf.section.starts_with("5.3.5") {
            c += 1;
            if c % 2 == 0 {
                leaf.heading.insert("indication".into(), second_indication.clone());
            }
        }
    }
    assert!(s >= 2 && c >= 2, "the sample has documents under both headings");
    let p = plan(&input(Region::Eu, 0, &m1, leaves.clone(), vec![]));
    let w = build(&p, out.path());
    let (ok, log) = xmllint(&w.folder, &["--noout", "--valid", "index.xml"]);
    assert!(ok, "index.xml: {log}");
    let index = std::fs::read_to_string(w.folder.join("index.xml")).unwrap();
    assert_eq!(index.matches("<m3-2-s-drug-substance ").count(), 2, "{index}");
    assert!(index.contains(r#"<m3-2-s-drug-substance substance="examplinib" manufacturer="Plant B &amp; &lt;Sons&gt;">"#));
    assert_eq!(index.matches("<m5-3-5-reports-of-efficacy-and-safety-studies ").count(), 2);
    assert!(w.folder.join("m3/32-body-data/32s-drug-sub/substance-1-manufacturer-2").is_dir());
    assert!(w.folder.join("m5/53-clin-stud-rep/535-rep-effic-safety-stud/indication-2").is_dir());
    assert!(refused_by_the_build(&w.folder).is_empty());

    // Nothing changed: the next sequence sends nothing under either instance.
    let again = plan(&input(Region::Eu, 1, &m1, leaves, history_of(&p)));
    assert!(again.leaves.is_empty() && again.unchanged == p.leaves.len(), "{:#?}", again.leaves);
}

/// The ways a stored file can stop being what was imported, each done to a copy in `blob`.
/// (Unreadable by permissions cannot be made for root, which runs these tests in CI; a folder
/// and a FIFO are read failures of the same kind.)
pub fn damages() -> Vec<(&'static str, fn(&Path))> {
    vec![
        ("one byte changed", |p| {
            let mut b = std::fs::read(p).unwrap();
            let mid = b.len() / 2;
            b[mid] ^= 0x01;
            std::fs::write(p, b).unwrap();
        }),
        ("truncated", |p| std::fs::OpenOptions::new().write(true).open(p).unwrap().set_len(100).unwrap()),
        ("grown by a byte", |p| {
            let mut b = std::fs::read(p).unwrap();
            b.push(b'\n');
            std::fs::write(p, b).unwrap();
        }),
        ("deleted", |p| std::fs::remove_file(p).unwrap()),
        ("a symbolic link to a file with the same bytes", |p| {
            let real = p.with_extension("real");
            std::fs::rename(p, &real).unwrap();
            std::os::unix::fs::symlink(&real, p).unwrap();
        }),
        ("a folder", |p| {
            std::fs::remove_file(p).unwrap();
            std::fs::create_dir(p).unwrap();
        }),
        ("a FIFO", |p| {
            std::fs::remove_file(p).unwrap();
            rustix::fs::mknodat(rustix::fs::CWD, p, rustix::fs::FileType::Fifo, rustix::fs::Mode::from_raw_mode(0o644), 0).unwrap();
        }),
    ]
}

/// Copies every leaf's blob into `store` (named by its SHA-256, as the blob store does) and
/// points the leaves there.
pub fn with_blob_copies(mut leaves: Vec<dossier_package::LeafSource>, store: &Path) -> Vec<dossier_package::LeafSource> {
    std::fs::create_dir_all(store).unwrap();
    for l in &mut leaves {
        let copy = store.join(&l.sha256);
        std::fs::copy(&l.blob, &copy).unwrap();
        l.blob = copy;
    }
    leaves
}

#[test]
fn a_damaged_blob_stops_the_build_naming_it_and_leaves_nothing_for_the_folder_and_for_the_zip() {
    let m1 = eu_m1();
    for (what, damage) in damages() {
        for zip in [false, true] {
            let dir = tempfile::tempdir().unwrap();
            let leaves = with_blob_copies(sample_leaves(Region::Eu, &m1), &dir.path().join("blobs"));
            let victim = leaves[leaves.len() / 2].blob.clone();
            damage(&victim);
            let out = dir.path().join("out");
            let p = plan(&input(Region::Eu, 0, &m1, leaves, vec![]));
            let err = write_sequence(&p, &render(&p, ctd()), WriteOptions { dir: &out, us_dtd: None, cancel: None, zip }, &mut |_| {})
                .expect_err(what);
            match &err {
                dossier_package::Error::BlobDamaged { blob, .. } => assert_eq!(blob, &victim, "{what}: names the blob"),
                other => panic!("{what} (zip {zip}): {other}"),
            }
            assert!(err.to_string().contains("import the document again"), "{what}: {err}");
            let left: Vec<_> = std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name()).collect();
            assert!(left.is_empty(), "{what} (zip {zip}): nothing under a final name and no temp left: {left:?}");
        }
    }
}

#[test]
fn the_zip_writer_checks_a_blob_by_itself() {
    let dir = tempfile::tempdir().unwrap();
    let blob = dir.path().join("blob");
    std::fs::write(&blob, b"what was imported").unwrap();
    let sha = hex::encode(<sha2::Sha256 as sha2::Digest>::digest(b"what was imported"));
    std::fs::write(&blob, b"what was imported, changed").unwrap();
    let source = dossier_package::zip::Source::Blob(dossier_package::BlobRef { path: &blob, sha256: &sha, size: 17 });
    let err = dossier_package::zip::write_zip(&[("a.pdf".into(), source)], "0000", &dir.path().join("z.zip"), None).unwrap_err();
    assert!(matches!(err, dossier_package::Error::BlobDamaged { .. }), "{err}");
}

#[test]
fn an_intact_blob_store_builds_the_same_bytes_through_the_checked_copy() {
    // The checked stream must not change what is written: folder and zip as before.
    let m1 = eu_m1();
    let dir = tempfile::tempdir().unwrap();
    let leaves = with_blob_copies(sample_leaves(Region::Eu, &m1), &dir.path().join("blobs"));
    let p = plan(&input(Region::Eu, 0, &m1, leaves, vec![]));
    let w = write_sequence(&p, &render(&p, ctd()), WriteOptions { dir: &dir.path().join("a"), us_dtd: None, cancel: None, zip: true }, &mut |_| {})
        .unwrap();
    for l in p.leaves.iter().filter(|l| l.href.is_some()) {
        let written = std::fs::read(w.folder.join(l.href.as_ref().unwrap())).unwrap();
        assert_eq!(hex::encode(<sha2::Sha256 as sha2::Digest>::digest(&written)), l.sha256);
    }
    let entries = dossier_package::zip::zip_folder(&w.folder, "0000", &dir.path().join("again.zip")).unwrap();
    assert_eq!(entries, std::fs::metadata(w.zip.unwrap()).unwrap().len(), "the zip made while writing equals one made from the folder");
}

/// Builds `region`'s sample sequence, overwriting `util/dtd/ich-ectd-3-2.dtd` in the temp folder
/// while the leaves are copied (after the util files were written, before validation), and
/// returns what stopped the build.
fn build_with_a_damaged_ich_dtd(region: Region, m1: &[dossier_package::RegionalNode]) -> Vec<dossier_model::Finding> {
    let out = tempfile::tempdir().unwrap();
    let p = plan(&input(region, 0, m1, sample_leaves(region, m1), vec![]));
    let tmp = out.path().join(format!(".0000.partial-{}", std::process::id()));
    let mut damage = |_: &dossier_package::WriteProgress| {
        let dtd = tmp.join("util/dtd/ich-ectd-3-2.dtd");
        if dtd.is_file() {
            std::fs::write(&dtd, b"<!-- not the ICH DTD -->").unwrap();
        }
    };
    let err = write_sequence(&p, &render(&p, ctd()), WriteOptions { dir: out.path(), us_dtd: None, cancel: None, zip: false }, &mut damage)
        .expect_err("a damaged util file stops the build");
    assert!(!out.path().join("0000").exists(), "nothing gets the final name");
    match err {
        dossier_package::Error::Invalid(findings) => findings,
        other => panic!("{region:?}: {other}"),
    }
}

#[test]
fn a_damaged_util_file_in_an_nmpa_or_fda_build_carries_that_regions_rule_id() {
    for (region, m1, id) in [(Region::Cn, cn_m1(), "DB-CN-UTIL"), (Region::Us, us_m1(), "DB-US-UTIL-MD5")] {
        let findings = build_with_a_damaged_ich_dtd(region, &m1);
        let rules: Vec<&str> = findings.iter().map(|f| f.rule.as_str()).collect();
        assert!(rules.contains(&id), "{region:?}: the util file's finding is {id}: {findings:#?}");
        let catalogue = dossier_package::validate::catalogue::Catalogue::embedded();
        for f in &findings {
            assert!(catalogue.get(&f.rule, region).is_some(), "{region:?}: {} is a rule of the region's catalogue (no EU id such as 1.3): {f:#?}", f.rule);
        }
    }
}

#[test]
fn the_builds_own_validation_is_what_validate_says_of_the_built_folder() {
    for region in [Region::Eu, Region::Cn, Region::Us] {
        let out = tempfile::tempdir().unwrap();
        let m1 = match region {
            Region::Eu => eu_m1(),
            Region::Cn => cn_m1(),
            Region::Us => us_m1(),
        };
        let w = build(&plan(&input(region, 0, &m1, sample_leaves(region, &m1), vec![])), out.path());
        let built = w.validation.as_ref().expect("the build validates");
        let again = dossier_package::validate::validate_path(&w.folder, Some(region)).unwrap();
        assert_eq!(again.len(), 1);
        assert_eq!(built.problems, again[0].problems, "{region:?}: the same problems, rule for rule");
        assert_eq!(built.rules, again[0].rules, "{region:?}: the same rule statuses");
        assert_eq!(built.folder, w.folder, "{region:?}: the report names the final folder");
        let verdict = dossier_package::validate::Verdict::of(&built.problems, &built.rules);
        assert_eq!(verdict, dossier_package::validate::Verdict::of_reports(&again), "{region:?}");
        assert!(verdict.rules > 0, "{region:?}: the full catalogue ran: {verdict:?}");
    }
}
