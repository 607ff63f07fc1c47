//! A valid sequence from our writer, broken one way per test: exactly the rule for that fault
//! fires. The sample carries two planted PDF problems (P4 encrypted batch analysis, P5 PDF 1.3
//! Ames test), which every EU/NMPA build reports; `only` ignores them.

use std::fs;
use std::path::Path;
use std::path::PathBuf;

use dossier_package::validate::{SequenceReport, validate_path};
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
fn our_eu_build_fails_only_the_planted_pdf_rules() {
    let f = built(Region::Eu);
    let r = validate(&f, Region::Eu);
    assert!(failed(&r).is_empty(), "{:#?}", r.problems);
    let planted: Vec<(&str, &str)> = r.problems.iter().map(|p| (p.rule.as_str(), p.file.as_str())).collect();
    assert!(planted.iter().any(|(r, f)| *r == "16.2" && f.ends_with(BATCH)), "P4 encrypted PDF is reported under 16.2: {planted:?}");
    assert!(planted.iter().any(|(r, f)| *r == "16.1" && f.ends_with(AMES)), "P5 PDF 1.3 is reported under 16.1: {planted:?}");
    assert_eq!(planted.len(), 2, "{planted:?}");
}

#[test]
fn our_nmpa_build_fails_only_the_planted_pdf_rules() {
    let f = built(Region::Cn);
    let r = validate(&f, Region::Cn);
    assert!(failed(&r).is_empty(), "{:#?}", r.problems);
    let planted: Vec<&str> = r.problems.iter().map(|p| p.rule.as_str()).collect();
    assert_eq!(planted, ["DB-CN-PDF-PASSWORD", "DB-CN-PDF-VERSION"], "{:#?}", r.problems);
}

fn edit(path: &Path, f: impl FnOnce(String) -> String) {
    let text = fs::read_to_string(path).unwrap();
    let changed = f(text.clone());
    assert_ne!(text, changed, "the edit of {} changed nothing", path.display());
    fs::write(path, changed).unwrap();
}

/// After editing a backbone: the regional leaf's checksum in index.xml and index-md5.txt are
/// made right again, so only the planted fault remains.
fn refresh(seq: &Path, region: Region) {
    let r = region.code();
    let regional = fs::read(seq.join(format!("m1/{r}/{r}-regional.xml"))).unwrap();
    let md5 = dossier_package::util::md5_hex(&regional);
    let index = fs::read_to_string(seq.join("index.xml")).unwrap();
    let href = format!("xlink:href=\"m1/{r}/{r}-regional.xml\" checksum=\"");
    let at = index.find(&href).unwrap() + href.len();
    let index = format!("{}{md5}{}", &index[..at], &index[at + 32..]);
    fs::write(seq.join("index.xml"), &index).unwrap();
    fs::write(seq.join("index-md5.txt"), dossier_package::util::md5_hex(index.as_bytes())).unwrap();
}

/// Renames the file at `rel` to `name` and points its leaf at the new name.
fn rename_leaf(seq: &Path, rel: &str, name: &str) -> String {
    let new_rel = format!("{}/{name}", rel.rsplit_once('/').unwrap().0);
    fs::rename(seq.join(rel), seq.join(&new_rel)).unwrap();
    edit(&seq.join("index.xml"), |s| s.replace(&format!("\"{rel}\""), &format!("\"{new_rel}\"")));
    refresh(seq, Region::Eu);
    new_rel
}

const QOS: &str = "m2/23-qos/qos-drug-product.pdf";

fn assert_only(f: &Fixture, region: Region, expected: &[&str]) {
    let r = validate(f, region);
    assert_eq!(failed(&r), expected, "{:#?}", r.problems);
}

#[test]
fn a_flipped_byte_in_a_leaf_fails_11_2() {
    let f = built(Region::Eu);
    let mut bytes = fs::read(f.seq.join(QOS)).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0x01;
    fs::write(f.seq.join(QOS), bytes).unwrap();
    assert_only(&f, Region::Eu, &["11.2"]);
}

#[test]
fn a_missing_leaf_file_fails_11_6() {
    let f = built(Region::Eu);
    fs::remove_file(f.seq.join(QOS)).unwrap();
    assert_only(&f, Region::Eu, &["11.6"]);
}

#[test]
fn an_unreferenced_file_fails_15_8() {
    let f = built(Region::Eu);
    fs::copy(f.seq.join(QOS), f.seq.join("m2/23-qos/stray.pdf")).unwrap();
    assert_only(&f, Region::Eu, &["15.8"]);
}

#[test]
fn an_upper_case_file_name_fails_15_6_in_the_eu() {
    let f = built(Region::Eu);
    rename_leaf(&f.seq, QOS, "QOS-drug-product.pdf");
    assert_only(&f, Region::Eu, &["15.6"]);
}

#[test]
fn an_underscore_fails_15_6_in_the_eu() {
    let f = built(Region::Eu);
    rename_leaf(&f.seq, QOS, "qos_drug_product.pdf");
    assert_only(&f, Region::Eu, &["15.6"]);
}

#[test]
fn a_70_character_file_name_fails_15_4() {
    let f = built(Region::Eu);
    rename_leaf(&f.seq, QOS, &format!("{}.pdf", "q".repeat(66)));
    assert_only(&f, Region::Eu, &["15.4"]);
}

#[test]
fn a_190_character_path_fails_15_3() {
    let f = built(Region::Eu);
    let index = fs::read_to_string(f.seq.join("index.xml")).unwrap();
    let deepest = index
        .split('"')
        .filter(|s| s.starts_with("m3/") && s.ends_with(".pdf") && !s.ends_with(BATCH) && !s.ends_with(AMES))
        .max_by_key(|s| s.rsplit_once('/').unwrap().0.len())
        .unwrap();
    let (dir, leaf) = deepest.rsplit_once('/').unwrap();
    // Lengthen the leaf's folder to 60 characters (legal), then the file name up to a 190-character path.
    let (parent, _) = dir.rsplit_once('/').unwrap();
    let long_dir = format!("{parent}/{}", "d".repeat(60));
    fs::rename(f.seq.join(dir), f.seq.join(&long_dir)).unwrap();
    edit(&f.seq.join("index.xml"), |s| s.replace(&format!("\"{dir}/"), &format!("\"{long_dir}/")));
    let name_len = 190 - 5 - long_dir.len() - 1;
    assert!(name_len <= 64, "a 190-character path with legal names: {name_len}");
    rename_leaf(&f.seq, &format!("{long_dir}/{leaf}"), &format!("{}.pdf", "p".repeat(name_len - 4)));
    assert_only(&f, Region::Eu, &["15.3"]);
}

#[test]
fn an_lf_normalised_ich_dtd_fails_1_3() {
    let f = built(Region::Eu);
    let path = f.seq.join("util/dtd/ich-ectd-3-2.dtd");
    let lf = fs::read_to_string(&path).unwrap().replace("\r\n", "\n");
    fs::write(&path, lf).unwrap();
    assert_only(&f, Region::Eu, &["1.3"]);
}

#[test]
fn a_util_file_in_the_wrong_folder_fails_2_2() {
    let f = built(Region::Eu);
    fs::rename(f.seq.join("util/style/ectd-2-0.xsl"), f.seq.join("util/ectd-2-0.xsl")).unwrap();
    assert_only(&f, Region::Eu, &["2.2"]);
}

#[test]
fn an_envelope_sequence_other_than_the_folder_fails_13_3() {
    let f = built(Region::Eu);
    edit(&f.seq.join("m1/eu/eu-regional.xml"), |s| s.replace("<sequence>0000</sequence>", "<sequence>0007</sequence>"));
    refresh(&f.seq, Region::Eu);
    assert_only(&f, Region::Eu, &["13.3"]);
}

#[test]
fn a_malformed_uuid_fails_9_7() {
    let f = built(Region::Eu);
    edit(&f.seq.join("m1/eu/eu-regional.xml"), |s| s.replace("8f1c9b0e-6a1d", "8f1c9b0e6a1d"));
    refresh(&f.seq, Region::Eu);
    assert_only(&f, Region::Eu, &["9.7"]);
}

#[test]
fn an_empty_folder_fails_15_10() {
    let f = built(Region::Eu);
    fs::create_dir_all(f.seq.join("m2/empty")).unwrap();
    assert_only(&f, Region::Eu, &["15.10"]);
}

#[test]
fn an_extra_file_at_the_root_fails_15_9() {
    let f = built(Region::Eu);
    fs::write(f.seq.join("readme.txt"), "notes").unwrap();
    assert_only(&f, Region::Eu, &["15.9"]);
}

#[test]
fn a_stale_index_md5_fails_8_3() {
    let f = built(Region::Eu);
    fs::write(f.seq.join("index-md5.txt"), "0".repeat(32)).unwrap();
    assert_only(&f, Region::Eu, &["8.3"]);
}

#[test]
fn a_doctype_outside_util_fails_7_5() {
    let f = built(Region::Eu);
    edit(&f.seq.join("index.xml"), |s| s.replacen("SYSTEM \"util/dtd/ich-ectd-3-2.dtd\"", "SYSTEM \"http://example.com/ich-ectd-3-2.dtd\"", 1));
    fs::write(f.seq.join("index-md5.txt"), dossier_package::util::md5_hex(&fs::read(f.seq.join("index.xml")).unwrap())).unwrap();
    assert_only(&f, Region::Eu, &["7.5"]);
}

#[test]
fn an_invalid_operation_fails_7_4() {
    let f = built(Region::Eu);
    edit(&f.seq.join("index.xml"), |s| s.replacen("operation=\"new\"", "operation=\"unchanged\"", 2));
    fs::write(f.seq.join("index-md5.txt"), dossier_package::util::md5_hex(&fs::read(f.seq.join("index.xml")).unwrap())).unwrap();
    let r = validate(&f, Region::Eu);
    assert!(failed(&r).contains(&"7.4".to_owned()), "{:#?}", r.problems);
}

#[test]
fn an_underscore_is_accepted_by_nmpa() {
    let f = built(Region::Cn);
    let rel = "m2/23-qos/qos-drug-product.pdf";
    let new_rel = "m2/23-qos/qos_drug_product.pdf";
    fs::rename(f.seq.join(rel), f.seq.join(new_rel)).unwrap();
    edit(&f.seq.join("index.xml"), |s| s.replace(rel, new_rel));
    refresh(&f.seq, Region::Cn);
    assert_only(&f, Region::Cn, &[]);
}

#[test]
fn an_external_entity_in_a_backbone_is_refused_unread() {
    let f = built(Region::Eu);
    edit(&f.seq.join("index.xml"), |s| {
        s.replacen("\"util/dtd/ich-ectd-3-2.dtd\">", "\"util/dtd/ich-ectd-3-2.dtd\" [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>", 1)
    });
    let r = validate(&f, Region::Eu);
    assert!(failed(&r).contains(&"DB-XML-UNSAFE".to_owned()), "{:#?}", r.problems);
}
