//! `dossier import-ectd` on sequences whose backbone is not well-formed (issue 15, point 1).

use std::fs;
use std::path::{Path, PathBuf};

use super::{dossier, json};

/// An application folder: `0000` well-formed (one leaf each in index.xml and us-regional.xml),
/// `0001` whose index.xml ends inside an element.
fn application(dir: &Path) -> PathBuf {
    let app = dir.join("app");
    for seq in ["0000", "0001"] {
        let s = app.join(seq);
        fs::create_dir_all(s.join("m2")).unwrap();
        fs::create_dir_all(s.join("m1/us")).unwrap();
        fs::write(s.join(format!("m2/overview-{seq}.pdf")), format!("%PDF-1.4\n% {seq}\n%%EOF\n")).unwrap();
        fs::write(
            s.join("m1/us/us-regional.xml"),
            "<?xml version=\"1.0\"?>\n<fda-regional:fda-regional xmlns:fda-regional=\"http://www.ich.org/fda\" xmlns:xlink=\"http://www.w3c.org/1999/xlink\" dtd-version=\"3.3\"><m1-regional/></fda-regional:fda-regional>\n",
        )
        .unwrap();
    }
    let index = |seq: &str, close: bool| {
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ectd:ectd xmlns:ectd=\"http://www.ich.org/ectd\" xmlns:xlink=\"http://www.w3c.org/1999/xlink\">\n<m2-common-technical-document-summaries>\n<m2-5-clinical-overview>\n<leaf ID=\"o{seq}\" operation=\"new\" xlink:href=\"m2/overview-{seq}.pdf\">\n<title>Overview {seq}</title>\n</leaf>\n{}",
            if close { "</m2-5-clinical-overview>\n</m2-common-technical-document-summaries>\n</ectd:ectd>\n" } else { "" }
        )
    };
    fs::write(app.join("0000/index.xml"), index("0000", true)).unwrap();
    fs::write(app.join("0001/index.xml"), index("0001", false)).unwrap();
    app
}

fn project(dir: &Path) -> PathBuf {
    let project = dir.join("p.dossier");
    assert_cmd::Command::cargo_bin("dossier").unwrap().arg("init").arg(&project).assert().success();
    project
}

#[test]
fn import_ectd_refuses_a_malformed_backbone_naming_file_line_column_and_reason_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let app = application(dir.path());
    let project = project(dir.path());
    let words = "0001/index.xml: not well-formed XML at line 8, column 1: the file ends inside the element <m2-5-clinical-overview> opened at line 4";

    let out = dossier(&project).arg("import-ectd").arg(&app).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "exit 1, like other import problems:\n{text}\n{}", String::from_utf8_lossy(&out.stderr));
    assert!(text.contains(words), "the text names file, line, column and reason:\n{text}");
    assert!(text.contains("error [DB-US-INDEX-XML]"), "under the FDA region's well-formed rule:\n{text}");

    let dir2 = tempfile::tempdir().unwrap();
    let app = application(dir2.path());
    let project = self::project(dir2.path());
    let out = dossier(&project).arg("--json").arg("import-ectd").arg(&app).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let report = json(&out);
    let findings = report["findings"].as_array().unwrap();
    let f = findings.iter().find(|f| f["code"] == "backbone-malformed").unwrap_or_else(|| panic!("{findings:#?}"));
    assert_eq!(f["severity"], "error");
    assert_eq!((f["params"]["path"].as_str(), f["params"]["line"].as_str(), f["params"]["column"].as_str()), (Some("index.xml"), Some("8"), Some("1")));
    assert!(f["message"].as_str().unwrap().contains(words), "{f:#}");
    // 0000 is read and imported; nothing of 0001's broken backbone is.
    let leaves = report["leaves"].as_array().unwrap();
    assert!(leaves.iter().all(|l| l["sequence"] == "0000"), "{leaves:#?}");
    assert_eq!(report["imported"], 1, "{report:#}");
}

/// Issue 15, point 13: import-ectd runs the one validator, the catalogue engine, over what it
/// reads; its verdict is exactly what `dossier validate` says of the same folder.
#[test]
fn import_ectd_carries_the_verdict_dossier_validate_gives_of_the_same_folder() {
    let dir = tempfile::tempdir().unwrap();
    let app = application(dir.path());
    let project = project(dir.path());
    let imported = json(&dossier(&project).arg("--json").arg("import-ectd").arg(&app).output().unwrap());
    let validated = json(&dossier(&project).arg("--json").arg("validate").arg(&app).output().unwrap());
    let verdict = &imported["verdict"];
    assert!(verdict.is_object(), "import-ectd --json carries a verdict: {imported:#}");
    assert_eq!(verdict, &validated["verdict"], "the same verdict as dossier validate");
    assert_eq!(imported["validation"].as_array().map(Vec::len), Some(2), "one report per sequence read");
    assert!(verdict["would_be_rejected"].as_bool().unwrap(), "0001's index.xml is not well-formed: {verdict:#}");

    let text = String::from_utf8_lossy(&dossier(&project).arg("import-ectd").arg(&app).output().unwrap().stdout).into_owned();
    assert!(text.contains("verdict: would be rejected"), "the text prints the verdict line:\n{text}");
}
