use std::io::Write;

use dossier_package::reader::{find_sequences, is_ectd_source, read_sequence};
use dossier_package::unzip::{LIMITS, ZipLimits, unzip};
use dossier_package::{Region, plan};

use super::*;

/// A sequence folder holding only `index.xml` (the given text) and `m2/a.pdf`.
fn sequence_with_index(dir: &Path, index: &str) -> PathBuf {
    let seq = dir.join("0000");
    std::fs::create_dir_all(seq.join("m2")).unwrap();
    std::fs::write(seq.join("m2/a.pdf"), b"%PDF-1.4\n%%EOF\n").unwrap();
    std::fs::write(seq.join("index.xml"), index).unwrap();
    seq
}

fn leaf_xml(href: &str, title: &str) -> String {
    format!(
        r#"<m2-common-technical-document-summaries><m2-5-clinical-overview><leaf ID="a" operation="new" xlink:href="{href}" checksum="x" checksum-type="md5"><title>{title}</title></leaf></m2-5-clinical-overview></m2-common-technical-document-summaries>"#
    )
}

fn index_with(doctype: &str, body: &str) -> String {
    format!(
        "<?xml version=\"1.0\"?>\n{doctype}\n<ectd:ectd xmlns:ectd=\"http://www.ich.org/ectd\" xmlns:xlink=\"http://www.w3c.org/1999/xlink\">{body}</ectd:ectd>"
    )
}

#[test]
fn a_built_nmpa_sequence_reads_back_with_every_leaf_on_its_section() {
    let out = tempfile::tempdir().unwrap();
    let m1 = cn_m1();
    let p = plan(&input(Region::Cn, 0, &m1, sample_leaves(Region::Cn, &m1), vec![]));
    let w = super::write::build(&p, out.path());
    let regional: Vec<(Region, String, String)> = m1.iter().map(|n| (Region::Cn, n.element.clone(), n.code.clone())).collect();
    let read = read_sequence(&w.folder, ctd(), &regional);
    assert_eq!((read.number.as_str(), read.region), ("0000", Some(Region::Cn)));
    assert!(read.findings.is_empty(), "{:#?}", read.findings);
    assert_eq!(read.leaves.len(), p.leaves.len(), "every leaf, and not the regional backbone itself");
    for planned in &p.leaves {
        let got = read.leaves.iter().find(|l| l.id == planned.id).unwrap_or_else(|| panic!("{} is read", planned.id));
        assert_eq!(got.section.as_deref(), Some(planned.section.as_str()), "{}", planned.id);
        assert_eq!(got.href, planned.href, "hrefs resolve to the same path from the sequence folder");
        assert_eq!(got.title, planned.title, "titles come back unescaped (& < \" survive)");
        assert_eq!(got.checksum, planned.md5);
        assert!(got.file.is_some());
    }
}

#[test]
fn an_entity_expansion_bomb_is_not_expanded() {
    let dir = tempfile::tempdir().unwrap();
    let mut doctype = String::from("<!DOCTYPE ectd:ectd [\n<!ENTITY lol \"lol\">\n");
    for i in 1..=9 {
        let prev = if i == 1 { "lol".to_owned() } else { format!("lol{}", i - 1) };
        doctype.push_str(&format!("<!ENTITY lol{i} \"{}\">\n", format!("&{prev};").repeat(10)));
    }
    doctype.push_str("]>");
    let seq = sequence_with_index(dir.path(), &index_with(&doctype, &leaf_xml("m2/a.pdf", "&lol9;")));
    let read = read_sequence(&seq, ctd(), &[]);
    assert_eq!(read.leaves.len(), 1);
    assert_eq!(read.leaves[0].title, "&lol9;", "the reference stays literal: nothing was expanded");
    assert!(read.findings.iter().any(|f| f.rule == "DB-ECTD-ENTITY" && f.message.contains("&lol9;")), "{:#?}", read.findings);
    assert!(read.findings.iter().any(|f| f.message.contains("declares entities")), "{:#?}", read.findings);
}

#[test]
fn an_external_entity_is_never_loaded() {
    let dir = tempfile::tempdir().unwrap();
    let secret = dir.path().join("secret.txt");
    std::fs::write(&secret, "TOP-SECRET").unwrap();
    let doctype = format!("<!DOCTYPE ectd:ectd [<!ENTITY xxe SYSTEM \"file://{}\">]>", secret.display());
    let seq = sequence_with_index(dir.path(), &index_with(&doctype, &leaf_xml("m2/a.pdf", "Overview &xxe;")));
    let read = read_sequence(&seq, ctd(), &[]);
    assert_eq!(read.leaves[0].title, "Overview &xxe;");
    assert!(!format!("{read:?}").contains("TOP-SECRET"), "the file's content appears nowhere");
}

#[test]
fn hrefs_out_of_the_sequence_are_reported_and_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("outside.pdf"), b"%PDF-1.4").unwrap();
    let body = [
        leaf_xml("../outside.pdf", "Parent"),
        leaf_xml(&dir.path().join("outside.pdf").display().to_string(), "Absolute"),
        leaf_xml("m2/link.pdf", "Link"),
    ]
    .join("");
    let seq = sequence_with_index(dir.path(), &index_with("", &body));
    std::os::unix::fs::symlink(dir.path().join("outside.pdf"), seq.join("m2/link.pdf")).unwrap();
    let read = read_sequence(&seq, ctd(), &[]);
    assert!(read.leaves.iter().all(|l| l.file.is_none()), "no file outside the sequence is offered for import: {:#?}", read.leaves);
    let refused = read.findings.iter().filter(|f| f.rule == "DB-ECTD-HREF").count();
    assert_eq!(refused, 3, "{:#?}", read.findings);
    assert!(read.findings.iter().any(|f| f.message.contains("../outside.pdf")), "the href is named");
}

#[test]
fn an_application_folder_lists_its_sequences_in_order() {
    let dir = tempfile::tempdir().unwrap();
    for n in ["0001", "0000", "notes"] {
        std::fs::create_dir_all(dir.path().join(n)).unwrap();
        std::fs::write(dir.path().join(n).join("index.xml"), "<x/>").unwrap();
    }
    let found = find_sequences(dir.path()).unwrap();
    assert_eq!(found, [dir.path().join("0000"), dir.path().join("0001")]);
}

#[test]
fn sequences_folders_and_zips_of_them_are_told_from_loose_documents() {
    let dir = tempfile::tempdir().unwrap();
    let app = dir.path().join("client/app");
    let seq = sequence_with_index(&app, "<x/>");
    assert!(is_ectd_source(&seq), "a sequence folder");
    assert!(is_ectd_source(&app), "an application folder");
    assert!(is_ectd_source(&dir.path().join("client")), "a folder holding only the application folder (as unzipped)");
    assert!(!is_ectd_source(&seq.join("m2")), "a folder of documents");
    assert!(!is_ectd_source(&seq.join("m2/a.pdf")), "a document");
    std::fs::create_dir_all(dir.path().join("client/other")).unwrap();
    assert!(!is_ectd_source(&dir.path().join("client")), "a folder holding more than the application");

    let zip_of = |name: &str, entries: &[&str]| {
        let path = dir.path().join(name);
        let mut zip = ::zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
        for e in entries {
            zip.start_file(*e, ::zip::write::SimpleFileOptions::default()).unwrap();
            zip.write_all(b"<x/>").unwrap();
        }
        zip.finish().unwrap();
        path
    };
    assert!(is_ectd_source(&zip_of("seq.zip", &["index.xml", "m2/a.pdf"])));
    assert!(is_ectd_source(&zip_of("app.ZIP", &["app/0000/index.xml", "app/0000/m1/x.pdf"])));
    assert!(!is_ectd_source(&zip_of("docs.zip", &["docs/a.pdf", "docs/b.pdf"])), "a zip of documents");
    assert!(!is_ectd_source(&zip_of("deep.zip", &["a/b/c/0000/index.xml"])), "an index.xml too deep to be a sequence's");
    std::fs::write(dir.path().join("broken.zip"), b"PK not really").unwrap();
    assert!(!is_ectd_source(&dir.path().join("broken.zip")));
    assert!(!is_ectd_source(&dir.path().join("missing")));
}

#[test]
fn a_zip_slip_entry_is_skipped_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    let zip_path = dir.path().join("evil.zip");
    let mut zip = ::zip::ZipWriter::new(std::fs::File::create(&zip_path).unwrap());
    let opts = ::zip::write::SimpleFileOptions::default();
    zip.start_file("0000/index.xml", opts).unwrap();
    zip.write_all(b"<x/>").unwrap();
    zip.start_file("../escaped.txt", opts).unwrap();
    zip.write_all(b"gotcha").unwrap();
    zip.start_file("/tmp/absolute-escape.txt", opts).unwrap();
    zip.write_all(b"gotcha").unwrap();
    zip.finish().unwrap();
    let dest = dir.path().join("out");
    let result = unzip(&zip_path, &dest, &LIMITS).unwrap();
    assert_eq!(result.files, 1);
    assert!(dest.join("0000/index.xml").is_file());
    assert!(!dir.path().join("escaped.txt").exists(), "nothing lands beside the extraction folder");
    assert_eq!(result.findings.iter().filter(|f| f.rule == "DB-ECTD-ZIP-SLIP").count(), 2, "{:#?}", result.findings);
}

#[test]
fn a_zip_that_expands_past_the_limit_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let zip_path = dir.path().join("bomb.zip");
    let mut zip = ::zip::ZipWriter::new(std::fs::File::create(&zip_path).unwrap());
    zip.start_file("0000/big.bin", ::zip::write::SimpleFileOptions::default()).unwrap();
    zip.write_all(&vec![0u8; 1 << 20]).unwrap();
    zip.finish().unwrap();
    let limits = ZipLimits { total_bytes: 1000, ..LIMITS };
    let result = unzip(&zip_path, &dir.path().join("out"), &limits).unwrap();
    assert!(result.refused, "refused before extracting");
    assert_eq!(result.findings[0].code.as_deref(), Some("zip-refused-total"), "{:#?}", result.findings);
    assert!(result.findings[0].message.contains("more than the 1000"), "{}", result.findings[0].message);
    assert!(!dir.path().join("out").exists(), "nothing extracted");
}

#[test]
fn control_and_bidi_characters_are_removed_from_titles_with_a_finding() {
    let dir = tempfile::tempdir().unwrap();
    let seq = sequence_with_index(dir.path(), &index_with("", &leaf_xml("m2/a.pdf", "Over\u{7}view\u{202E}fdp.exe")));
    let read = read_sequence(&seq, ctd(), &[]);
    assert_eq!(read.leaves[0].title, "Overviewfdp.exe");
    let f = read.findings.iter().find(|f| f.code.as_deref() == Some("leaf-title-control")).expect("a finding names the leaf");
    assert_eq!(f.params["chars"], "U+0007 U+202E");
    assert_eq!(f.params["leaf"], "a");
}

#[test]
fn a_backbone_that_is_a_link_or_a_fifo_is_reported_and_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let seq = sequence_with_index(dir.path(), &index_with("", &leaf_xml("m2/a.pdf", "A")));
    std::fs::rename(seq.join("index.xml"), dir.path().join("real.xml")).unwrap();
    std::os::unix::fs::symlink(dir.path().join("real.xml"), seq.join("index.xml")).unwrap();
    assert_eq!(find_sequences(&seq).unwrap(), [seq.clone()], "a linked index.xml still marks the sequence");
    let read = read_sequence(&seq, ctd(), &[]);
    assert!(read.leaves.is_empty(), "nothing read through the link");
    assert!(read.findings.iter().any(|f| f.code.as_deref() == Some("backbone-not-regular")), "{:#?}", read.findings);
    std::fs::remove_file(seq.join("index.xml")).unwrap();
    assert!(std::process::Command::new("mkfifo").arg(seq.join("index.xml")).status().unwrap().success());
    let read = read_sequence(&seq, ctd(), &[]);
    let f = read.findings.iter().find(|f| f.code.as_deref() == Some("backbone-not-regular")).expect("the FIFO is named");
    assert!(f.message.contains("FIFO"), "{}", f.message);
}

#[test]
fn a_backbone_over_a_value_limit_keeps_none_of_its_leaves() {
    let dir = tempfile::tempdir().unwrap();
    let body = format!("{}{}", leaf_xml("m2/a.pdf", "A"), leaf_xml("m2/a.pdf", &"x".repeat(dossier_package::reader::MAX_VALUE + 1)));
    let seq = sequence_with_index(dir.path(), &index_with("", &body));
    let read = read_sequence(&seq, ctd(), &[]);
    assert!(read.leaves.is_empty(), "the leaf read before the long value is dropped too");
    assert!(read.findings.iter().any(|f| f.code.as_deref() == Some("backbone-limit-value")), "{:#?}", read.findings);
}

/// The first line `xmllint --noout` names for `file` ("file:12: parser error : …"), or `None`
/// when xmllint is not installed (CI installs it: scripts/test.sh).
fn xmllint_line(file: &Path) -> Option<usize> {
    let out = std::process::Command::new("xmllint").arg("--noout").arg(file).output().ok()?;
    let text = String::from_utf8_lossy(&out.stderr).into_owned();
    let first = text.lines().find(|l| l.contains("parser error"))?;
    let after = first.strip_prefix(&format!("{}:", file.display()))?;
    Some(after.split(':').next()?.trim().parse().expect("a line number"))
}

const HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ectd:ectd xmlns:ectd=\"http://www.ich.org/ectd\" xmlns:xlink=\"http://www.w3c.org/1999/xlink\">\n<m2-common-technical-document-summaries>\n";
const TAIL: &str = "</m2-common-technical-document-summaries>\n</ectd:ectd>\n";

/// Backbones that are not well-formed, each with the words its reason must use.
fn malformed_backbones() -> Vec<(&'static str, Vec<u8>, &'static str)> {
    let leaf = "<leaf ID=\"a\" operation=\"new\" xlink:href=\"m2/a.pdf\">\n<title>A</title>\n</leaf>\n";
    let with = |body: &str| format!("{HEAD}{body}{TAIL}").into_bytes();
    vec![
        ("mismatched end tag", with(&format!("<m2-5-clinical-overview>\n{leaf}</m2-5-clinical-overvie>\n")), "the element <m2-5-clinical-overview> opened at line 4 is closed by </m2-5-clinical-overvie>"),
        ("ends inside an element", format!("{HEAD}<m2-5-clinical-overview>\n{leaf}").into_bytes(), "the file ends inside the element <m2-5-clinical-overview> opened at line 4"),
        ("unquoted attribute", with("<leaf ID=a operation=\"new\">\n<title>A</title></leaf>\n"), "an attribute value is not quoted"),
        ("attribute twice", with("<leaf ID=\"a\" ID=\"b\">\n<title>A</title></leaf>\n"), "an attribute appears twice"),
        ("second root", format!("{HEAD}{TAIL}<again/>\n").into_bytes(), "a second root element <again> follows the root element <ectd:ectd>"),
        ("text after the root", format!("{HEAD}{TAIL}trailing\n").into_bytes(), "there is text after the end of the root element <ectd:ectd>"),
        ("comment never closed", with("<!-- never closed\n"), "a comment `<!--` is never closed by `-->` (it opens at line 4)"),
        ("< in an attribute", with("<leaf ID=\"a\" operation=\"a<b\"><title>x</title></leaf>\n"), "holds a `<`"),
        ("bare ampersand", with("<leaf ID=\"a\"><title>R & D</title></leaf>\n"), "an `&`"),
        ("not UTF-8", with("<leaf ID=\"a\"><title>caf\u{0}</title></leaf>\n").into_iter().map(|b| if b == 0 { 0xE9 } else { b }).collect(), "not UTF-8"),
    ]
}

#[test]
fn a_backbone_that_is_not_well_formed_is_refused_with_line_column_and_reason_as_xmllint_places_it() {
    let dir = tempfile::tempdir().unwrap();
    let xmllint = std::process::Command::new("xmllint").arg("--version").output().is_ok();
    let mut compared = 0;
    let cases = malformed_backbones();
    let count = cases.len();
    for (case, bytes, words) in cases {
        let seq = sequence_with_index(&dir.path().join(case.replace(' ', "-")), "");
        std::fs::write(seq.join("index.xml"), &bytes).unwrap();
        let read = read_sequence(&seq, ctd(), &[]);
        let f = read.findings.iter().find(|f| f.code.as_deref() == Some("backbone-malformed")).unwrap_or_else(|| panic!("{case}: {:#?}", read.findings));
        assert_eq!(f.severity, dossier_model::Severity::Error, "{case}");
        assert!(f.params["reason"].contains(words), "{case}: {:?} does not say {words:?}", f.params["reason"]);
        assert!(f.message.contains("0000/index.xml") && f.message.contains(&format!("line {}, column {}", f.params["line"], f.params["column"])), "{case}: {}", f.message);
        assert!(read.leaves.is_empty(), "{case}: a refused backbone gives no leaves");
        if let Some(line) = xmllint_line(&seq.join("index.xml")) {
            assert_eq!(f.params["line"], line.to_string(), "{case}: the line xmllint names ({})", f.message);
            compared += 1;
        }
    }
    assert!(!xmllint || compared == count, "xmllint is installed: every case is compared with it ({compared} of {count})");
}

#[test]
fn import_and_validation_give_the_same_words_for_a_malformed_backbone() {
    let dir = tempfile::tempdir().unwrap();
    for (case, bytes, _) in malformed_backbones() {
        let seq = sequence_with_index(&dir.path().join(case.replace(' ', "-")), "");
        std::fs::create_dir_all(seq.join("m1/eu")).unwrap();
        std::fs::write(seq.join("index.xml"), &bytes).unwrap();
        let read = read_sequence(&seq, ctd(), &[]);
        let f = read.findings.iter().find(|f| f.code.as_deref() == Some("backbone-malformed")).unwrap();
        let words = format!("line {}, column {}: {}", f.params["line"], f.params["column"], f.params["reason"]);
        let report = &dossier_package::validate::validate_path(&seq, Some(Region::Eu)).unwrap()[0];
        let p = report.problems.iter().find(|p| p.rule == "7.3").unwrap_or_else(|| panic!("{case}: EU 7.3 is reported: {:#?}", report.problems));
        assert!(p.message.contains(&words), "{case}: {:?} does not hold {words:?}", p.message);
        assert!(!p.message.contains("Null pointer"), "{}", p.message);
    }
}

/// A US sequence: `index.xml` with one leaf `x1`, and `us-regional.xml` with the given leaves.
fn us_sequence(dir: &Path, regional_leaves: &[(&str, &str)]) -> PathBuf {
    let seq = sequence_with_index(dir, &index_with("", &leaf_xml("m2/a.pdf", "Overview").replace("ID=\"a\"", "ID=\"x1\"")));
    std::fs::create_dir_all(seq.join("m1/us/cover")).unwrap();
    let mut body = String::new();
    for (id, file) in regional_leaves {
        std::fs::write(seq.join("m1/us/cover").join(file), b"%PDF-1.4\n%%EOF\n").unwrap();
        body.push_str(&format!("<leaf ID=\"{id}\" operation=\"new\" xlink:href=\"cover/{file}\"><title>{file}</title></leaf>"));
    }
    let regional = format!(
        "<?xml version=\"1.0\"?>\n<fda-regional:fda-regional xmlns:fda-regional=\"http://www.ich.org/fda\" xmlns:xlink=\"http://www.w3c.org/1999/xlink\" dtd-version=\"3.3\"><m1-regional><m1-2-cover-letters>{body}</m1-2-cover-letters></m1-regional></fda-regional:fda-regional>"
    );
    std::fs::write(seq.join("m1/us/us-regional.xml"), regional).unwrap();
    seq
}

#[test]
fn leaf_ids_are_unique_per_backbone_and_a_duplicate_carries_the_regions_rule_id() {
    let dir = tempfile::tempdir().unwrap();
    let seq = us_sequence(&dir.path().join("a"), &[("x1", "a.pdf")]);
    let read = read_sequence(&seq, ctd(), &[]);
    assert_eq!(read.region, Some(Region::Us));
    assert!(!read.findings.iter().any(|f| f.code.as_deref() == Some("leaf-id-duplicate")), "one ID in each of two documents is no duplicate: {:#?}", read.findings);

    let seq = us_sequence(&dir.path().join("b"), &[("x2", "a.pdf"), ("x2", "b.pdf")]);
    let read = read_sequence(&seq, ctd(), &[]);
    let fda = &dossier_package::validate::catalogue::Catalogue::embedded().rules_for(Region::Us, "leaf-id-unique", None)[0].id;
    let dup: Vec<_> = read.findings.iter().filter(|f| f.code.as_deref() == Some("leaf-id-duplicate")).collect();
    assert_eq!(dup.len(), 1, "{:#?}", read.findings);
    assert_eq!(&dup[0].rule, fda, "the FDA rule, not EU 11.11");
    assert_ne!(dup[0].rule, "11.11");
    assert!(dup[0].message.contains("m1/us/us-regional.xml") && dup[0].message.contains("x2"), "{}", dup[0].message);
}

/// An EU application folder: `0000` holding `m3/a.pdf`, and `0001` whose index.xml points at its
/// own files through tricky but relative hrefs and at 0000's file through `../0000/`. Every leaf
/// has an empty title, so that the validator names each leaf it read (EU VC 11.3).
fn tricky_application(dir: &Path) -> PathBuf {
    let app = dir.join("app");
    for (seq, files) in [("0000", &["m3/a.pdf"][..]), ("0001", &["m3/a.pdf", "m3/b.pdf", "m3/c d.pdf"][..])] {
        std::fs::create_dir_all(app.join(seq).join("m3")).unwrap();
        std::fs::create_dir_all(app.join(seq).join("m1/eu")).unwrap();
        for f in files {
            std::fs::write(app.join(seq).join(f), b"%PDF-1.4\n%%EOF\n").unwrap();
        }
    }
    let leaf = |id: &str, href: &str| format!("<leaf ID=\"{id}\" operation=\"new\" xlink:href=\"{href}\" checksum-type=\"md5\"><title></title></leaf>");
    let body = format!(
        "<m3-quality><m3-2-body-of-data><m3-2-r-regional-information>{}{}{}{}</m3-2-r-regional-information></m3-2-body-of-data></m3-quality>",
        leaf("dot", "./m3/a.pdf"),
        leaf("double", "m3//b.pdf"),
        leaf("escaped", "m3/c%20d.pdf"),
        leaf("sibling", "../0000/m3/a.pdf"),
    );
    std::fs::write(app.join("0000/index.xml"), index_with("", "")).unwrap();
    std::fs::write(app.join("0001/index.xml"), index_with("", &body)).unwrap();
    app
}

#[test]
fn tricky_hrefs_resolve_the_same_for_import_and_validation() {
    use dossier_package::reader::{Href, resolve};
    let dir = tempfile::tempdir().unwrap();
    let app = tricky_application(dir.path());
    let read = read_sequence(&app.join("0001"), ctd(), &[]);
    let href = |id: &str| read.leaves.iter().find(|l| l.id == id).unwrap_or_else(|| panic!("{id} is read")).href.clone();
    assert_eq!(href("dot").as_deref(), Some("m3/a.pdf"));
    assert_eq!(href("double").as_deref(), Some("m3/b.pdf"));
    assert_eq!(href("escaped").as_deref(), Some("m3/c d.pdf"), "xlink:href is a URI reference: %20 is a space");
    assert_eq!(href("sibling"), None, "a file of 0000 is not imported as a document of 0001");
    let sibling = read.leaves.iter().find(|l| l.id == "sibling").unwrap();
    assert_eq!(sibling.target, Some(Href::Sibling { sequence: "0000".into(), path: "m3/a.pdf".into() }));
    assert!(sibling.file.is_none());
    assert!(read.findings.iter().any(|f| f.code.as_deref() == Some("href-sibling")), "{:#?}", read.findings);
    assert!(!read.findings.iter().any(|f| f.code.as_deref() == Some("href-outside")), "a sibling is no escape: {:#?}", read.findings);
    for l in &read.leaves {
        assert_eq!(l.target.as_ref().and_then(Href::inside), l.href.as_deref(), "{}: one resolution", l.id);
    }
    assert_eq!(resolve("", "../0000/m3/a.pdf"), sibling.target.clone().unwrap());

    // The validator follows the same rule: every target found, every file of 0001 referenced.
    let report = &dossier_package::validate::validate_path(&app.join("0001"), Some(Region::Eu)).unwrap()[0];
    let failed = |rule: &str| report.problems.iter().filter(|p| p.rule == rule && p.status == dossier_package::validate::Status::Fail).map(|p| p.file.clone()).collect::<Vec<_>>();
    assert!(failed("11.6").is_empty(), "every href reaches its file: {:?}", failed("11.6"));
    assert!(failed("DB-HREF-OUTSIDE").is_empty(), "{:?}", failed("DB-HREF-OUTSIDE"));
    let unreferenced = failed("15.8");
    for f in ["m3/a.pdf", "m3/b.pdf", "m3/c d.pdf"] {
        assert!(!unreferenced.contains(&f.to_owned()), "{f} is referenced: {unreferenced:?}");
    }
}

#[test]
fn import_and_validation_see_the_same_leaves_of_a_sequence() {
    let dir = tempfile::tempdir().unwrap();
    let app = tricky_application(dir.path());
    let read = read_sequence(&app.join("0001"), ctd(), &[]);
    let mut imported: Vec<String> = read.leaves.iter().map(|l| format!("{}#{}", l.backbone, l.id)).collect();
    imported.sort();
    let report = &dossier_package::validate::validate_path(&app.join("0001"), Some(Region::Eu)).unwrap()[0];
    let mut validated: Vec<String> = report.problems.iter().filter(|p| p.rule == "11.3").map(|p| p.file.clone()).collect();
    validated.sort();
    assert_eq!(imported, validated, "the same leaves, named the same way");
    assert_eq!(imported.len(), 4);
    let sections: std::collections::BTreeSet<_> = read.leaves.iter().map(|l| l.section.clone()).collect();
    assert_eq!(sections.into_iter().collect::<Vec<_>>(), [Some("3.2.R".to_owned())], "{:#?}", read.leaves);

    // A backbone that breaks after its first leaf: neither keeps that leaf (the import used to).
    let broken = app.join("0002");
    std::fs::create_dir_all(broken.join("m1/eu")).unwrap();
    let index = std::fs::read_to_string(app.join("0001/index.xml")).unwrap();
    let cut = index.find("<leaf ID=\"double\"").unwrap();
    std::fs::write(broken.join("index.xml"), format!("{}<leaf ID=\"double\" operation=new>", &index[..cut])).unwrap();
    let read = read_sequence(&broken, ctd(), &[]);
    let report = &dossier_package::validate::validate_path(&broken, Some(Region::Eu)).unwrap()[0];
    let imported: Vec<_> = read.leaves.iter().map(|l| format!("{}#{}", l.backbone, l.id)).collect();
    let validated: Vec<_> = report.problems.iter().filter(|p| p.rule == "11.3").map(|p| p.file.clone()).collect();
    assert_eq!(imported, validated, "a refused backbone gives no leaf to either");
}

/// An EU sequence whose files are all referenced by well-formed backbones; `index` replaces
/// index.xml.
fn eu_sequence_with(dir: &Path, index: Option<&str>) -> PathBuf {
    let seq = sequence_with_index(dir, &index_with("", &leaf_xml("m2/a.pdf", "Overview")));
    std::fs::create_dir_all(seq.join("m1/eu/10-cover/ema")).unwrap();
    std::fs::write(seq.join("m1/eu/10-cover/ema/ema-cover.pdf"), b"%PDF-1.4\n%%EOF\n").unwrap();
    std::fs::write(
        seq.join("m1/eu/eu-regional.xml"),
        "<?xml version=\"1.0\"?>\n<eu:eu-backbone xmlns:eu=\"http://europa.eu.int\" xmlns:xlink=\"http://www.w3c.org/1999/xlink\"><m1-eu><m1-0-cover><specific country=\"ema\"><leaf ID=\"c\" operation=\"new\" xlink:href=\"10-cover/ema/ema-cover.pdf\"><title>Cover</title></leaf></specific></m1-0-cover></m1-eu></eu:eu-backbone>\n",
    )
    .unwrap();
    if let Some(text) = index {
        std::fs::write(seq.join("index.xml"), text).unwrap();
    }
    seq
}

#[test]
fn a_refused_backbone_gets_its_own_finding_and_no_cascade() {
    use dossier_package::validate::Status;
    let dir = tempfile::tempdir().unwrap();
    let broken = index_with("", &leaf_xml("m2/a.pdf", "Overview")).replace("</m2-5-clinical-overview>", "");
    let malformed = eu_sequence_with(&dir.path().join("malformed"), Some(&broken));
    std::fs::create_dir_all(malformed.join("m3")).unwrap();
    std::fs::write(malformed.join("m3/b.pdf"), b"%PDF-1.4\n%%EOF\n").unwrap();
    let linked = eu_sequence_with(&dir.path().join("linked"), None);
    std::fs::rename(linked.join("index.xml"), dir.path().join("real-index.xml")).unwrap();
    std::os::unix::fs::symlink(dir.path().join("real-index.xml"), linked.join("index.xml")).unwrap();

    for (case, seq, own_rule) in [("not well-formed", &malformed, "7.3"), ("a symbolic link", &linked, "DB-FILE-SPECIAL")] {
        let report = &dossier_package::validate::validate_path(seq, Some(Region::Eu)).unwrap()[0];
        let failed = report.failed_rules();
        assert!(failed.contains(&own_rule), "{case}: its own finding {own_rule}: {failed:?}");
        for cascade in ["15.8", "7.1", "11.6", "11.3"] {
            assert!(!failed.contains(&cascade), "{case}: {cascade} only follows from the refusal: {:#?}", report.problems);
        }
        let unreferenced = report.rules.iter().find(|r| r.rule == "15.8").unwrap();
        assert_eq!(unreferenced.status, Status::NotEvaluated, "{case}: 15.8 needs the backbone");
        assert!(unreferenced.reason.as_deref().is_some_and(|r| r.starts_with("index.xml")), "{case}: the reason names the file: {unreferenced:?}");
        assert!(!report.problems.iter().any(|p| p.rule == "15.8"), "{case}: not one line per file: {:#?}", report.problems);
        let valid = report.rules.iter().find(|r| r.rule == "7.4").unwrap();
        assert_eq!(valid.status, Status::NotEvaluated, "{case}: DTD validity of an unread index.xml is not evaluated");
    }
    let report = &dossier_package::validate::validate_path(&malformed, Some(Region::Eu)).unwrap()[0];
    let reason = report.rules.iter().find(|r| r.rule == "15.8").unwrap().reason.clone().unwrap();
    assert!(reason.contains("line ") && reason.contains("is closed by </m2-common-technical-document-summaries>"), "{reason}");
}

#[test]
fn a_malformed_nmpa_regional_backbone_is_reported_by_import_and_validation_under_one_rule() {
    let dir = tempfile::tempdir().unwrap();
    let seq = sequence_with_index(dir.path(), &index_with("", &leaf_xml("m2/a.pdf", "Overview")));
    std::fs::create_dir_all(seq.join("m1/cn")).unwrap();
    std::fs::write(seq.join("m1/cn/cn-regional.xml"), "<?xml version=\"1.0\"?>\n<cn_ectd xmlns=\"cn_ectd\">\n<cn-envelope>\n</cn_ectd>\n").unwrap();
    let read = read_sequence(&seq, ctd(), &[]);
    let f = read.findings.iter().find(|f| f.code.as_deref() == Some("backbone-malformed")).expect("import reports it");
    let report = &dossier_package::validate::validate_path(&seq, Some(Region::Cn)).unwrap()[0];
    let p = report.problems.iter().find(|p| p.file == "m1/cn/cn-regional.xml" && p.message.contains("line 4, column 1")).unwrap_or_else(|| panic!("validate reports it: {:#?}", report.problems));
    assert_eq!(f.rule, p.rule, "one rule id for both");
    assert!(f.params["reason"].contains("the element <cn-envelope> opened at line 3 is closed by </cn_ectd>"), "{:?}", f.params);
}

#[test]
fn a_backbone_with_a_utf8_byte_order_mark_reads_as_any_other() {
    let dir = tempfile::tempdir().unwrap();
    let seq = sequence_with_index(dir.path(), &format!("\u{feff}{}", index_with("", &leaf_xml("m2/a.pdf", "Overview"))));
    let read = read_sequence(&seq, ctd(), &[]);
    assert!(!read.findings.iter().any(|f| f.code.as_deref() == Some("backbone-malformed")), "{:#?}", read.findings);
    assert_eq!(read.leaves.len(), 1);
}
