//! Issue 15, point 5: an eCTD v4.0 submission unit is recognised and refused in one line, with
//! exit code 3, by `validate`, `import-ectd` (folder and zip) and `import`; a v3.2.2 sequence is
//! not mistaken for one.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The shape of ICH eCTD v4.0 IG §9.1.1's sample: the HL7 RPS interaction in `urn:hl7-org:v3`,
/// with `sha256.txt` beside it (content abridged; written here, not copied).
const UNIT: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<PORP_IN000001UV ITSVersion="XML_1.0" xmlns="urn:hl7-org:v3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="urn:hl7-org:v3 PORP_IN000001UV.xsd">
  <id root="2.16.840.1.113883.3.989.2.1.3.1" extension="a1b2c3"/>
  <creationTime value="20261208"/>
  <controlActProcess classCode="ACTN" moodCode="EVN">
    <subject typeCode="SUBJ"><submissionUnit><id root="2.16.840.1.113883.3.989.2.1.3.2"/></submissionUnit></subject>
  </controlActProcess>
</PORP_IN000001UV>
"#;

/// `application/1/` holding a v4.0 unit and one document.
fn v4_application(dir: &Path) -> PathBuf {
    let seq = dir.join("application/1");
    fs::create_dir_all(seq.join("m2/23-qos")).unwrap();
    fs::write(seq.join("submissionunit.xml"), UNIT).unwrap();
    fs::write(seq.join("sha256.txt"), "0000000000000000000000000000000000000000000000000000000000000000").unwrap();
    fs::write(seq.join("m2/23-qos/qos.pdf"), "%PDF-1.4\n").unwrap();
    dir.join("application")
}

fn dossier_bare() -> Command {
    Command::cargo_bin("dossier").expect("the dossier binary is built")
}

/// Exit code 3 and one stderr line saying what it is, what this version reads and what to do.
fn assert_refused(out: &std::process::Output, shown: &Path) {
    let err = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = err.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(out.status.code(), Some(3), "a distinct exit code for v4.0 input:\n{err}");
    assert_eq!(lines.len(), 1, "one line:\n{err}");
    for part in ["eCTD v4.0 submission unit", "reads eCTD v3.2.2", "ask the sender for the v3.2.2 sequence", &shown.display().to_string()] {
        assert!(lines[0].contains(part), "says {part:?}: {}", lines[0]);
    }
}

#[test]
fn validate_says_a_v4_unit_is_one_and_exits_3_for_the_unit_and_its_application_folder() {
    let dir = tempfile::tempdir().unwrap();
    let app = v4_application(dir.path());
    for path in [app.clone(), app.join("1")] {
        let out = dossier_bare().arg("validate").arg(&path).output().unwrap();
        assert_refused(&out, &path);
        let out = dossier_bare().args(["validate", "--region", "us"]).arg(&path).output().unwrap();
        assert_refused(&out, &path);
    }
}

#[test]
fn import_ectd_and_import_refuse_a_v4_unit_folder_and_zip_in_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let app = v4_application(dir.path());
    let project = super::sample_project(dir.path());
    let out = super::dossier(&project).arg("import-ectd").arg(&app).output().unwrap();
    assert_refused(&out, &app);
    let out = super::dossier(&project).arg("import").arg(&app).output().unwrap();
    assert_refused(&out, &app);

    let zip = dir.path().join("unit.zip");
    let mut w = zip::ZipWriter::new(fs::File::create(&zip).unwrap());
    let opts = zip::write::SimpleFileOptions::default();
    for (name, body) in [("application/1/submissionunit.xml", UNIT), ("application/1/sha256.txt", "00"), ("application/1/m2/23-qos/qos.pdf", "%PDF-1.4\n")] {
        w.start_file(name, opts).unwrap();
        w.write_all(body.as_bytes()).unwrap();
    }
    w.finish().unwrap();
    let out = super::dossier(&project).arg("import-ectd").arg(&zip).output().unwrap();
    assert_refused(&out, &zip);
    assert!(dossier_package::reader::is_ectd_source(&zip), "the app sends such a zip to import-ectd, which words the refusal");
}

#[test]
fn a_v3_sequence_is_not_taken_for_v4_even_beside_a_v4_file_deeper_down() {
    let dir = tempfile::tempdir().unwrap();
    let seq = dir.path().join("0000");
    fs::create_dir_all(seq.join("m1/us")).unwrap();
    fs::write(seq.join("index.xml"), "<?xml version=\"1.0\"?>\n<ectd:ectd xmlns:ectd=\"http://www.ich.org/ectd\"/>\n").unwrap();
    fs::write(seq.join("m1/us/us-regional.xml"), "<?xml version=\"1.0\"?>\n<fda-regional:fda-regional xmlns:fda-regional=\"http://www.ich.org/fda\"/>\n").unwrap();
    // A stray file of the v4.0 name but not an HL7 message, and an HL7 one below a v3.2.2 index.
    fs::write(seq.join("m1/us/submissionunit.xml"), UNIT).unwrap();
    fs::write(dir.path().join("submissionunit.xml.bak"), UNIT).unwrap();
    let out = dossier_bare().arg("validate").arg(&seq).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_ne!(out.status.code(), Some(3), "a v3.2.2 sequence is validated as one:\n{err}");
    assert!(!err.contains("v4.0"), "{err}");
    assert_eq!(dossier_package::v4::unit(&seq), None);
}
