//! Hostile cases: damaged blobs, edits behind the program's back, control characters in facts (issue 14: 2, 17, 18).
//!
//! Table cases go in [`cases`] (run by the test below on one project with a built sequence, each
//! followed by the whole-project checks of [`super::run`]); a case that needs a test of its own
//! is a `#[test]` here whose name is listed in [`STANDALONE`].

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use super::{Case, Expect, s};
use crate::{dossier, sample_project};

/// The names of this module's standalone `#[test]` functions, counted by the suite's size test.
pub(super) const STANDALONE: &[&str] = &[
    "a_blob_changed_by_one_byte_stops_the_build_naming_the_document_and_the_original_repairs_it",
    "blobs_truncated_grown_linked_replaced_by_a_folder_or_a_fifo_or_deleted_stop_the_folder_and_the_zip_build",
    "a_damaged_blob_stops_the_hk_bundle_naming_the_document",
    "a_damaged_generated_cover_letter_stops_the_build_naming_it",
    "verify_names_the_document_whose_stored_copy_is_damaged_linked_or_missing",
    "text_smuggled_into_the_store_never_reaches_a_letter_a_report_a_table_of_contents_or_a_backbone",
    "an_update_of_a_document_row_with_sqlite_is_named_by_verify_but_not_by_audit_verify",
    "sqlite_edits_of_every_table_holding_user_data_are_named_by_verify",
    "a_deleted_row_and_a_row_inserted_without_an_audit_record_are_named_by_verify",
    "a_normal_session_leaves_verify_and_audit_verify_clean",
    "the_audit_heads_hash_is_the_same_in_audit_verify_and_the_gap_report",
];

/// The sample's facts file with `from` replaced by `to` (TOML escapes such as `\u202E` in `to`
/// become the character), written under `d`; returns `facts import FILE`.
fn sample_facts_with(d: &Path, from: &str, to: &str) -> Vec<String> {
    let text = fs::read_to_string(crate::sample_dir().join("facts.toml")).unwrap();
    assert!(text.contains(from), "the sample facts hold {from}");
    let path = d.join("facts.toml");
    fs::write(&path, text.replacen(from, to, 1)).unwrap();
    vec!["facts".into(), "import".into(), s(&path)]
}

/// Control characters and bidi overrides, one case per way text gets in (issue 14, point 17).
pub(super) fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "NUL in the product's INN",
            setup: |d| sample_facts_with(d, r#"inn = "examplinib""#, r#"inn = "exampl\u0000inib""#),
            expect: Expect::Error(&["facts.toml", "product.inn holds U+0000 (NUL)", "retype the value"]),
        },
        Case {
            // "Trojan Source": the name shows in another order than the one stored.
            name: "right-to-left override in the applicant",
            setup: |d| {
                sample_facts_with(d, r#"applicant = "Shenzhen Examplar Biopharma Co., Ltd.""#, r#"applicant = "Shenzhen \u202Edtl ,.oC ramplexE""#)
            },
            expect: Expect::Error(&["facts.toml", "product.applicant holds U+202E (right-to-left override)"]),
        },
        Case {
            name: "ESC sequence in a study title",
            setup: |d| sample_facts_with(d, r#"title = "A Phase 1, "#, r#"title = "\u001B[2J\u001B[31mA Phase 1, "#),
            expect: Expect::Error(&["facts.toml", "study[EXP-101].title holds U+001B (ESC"]),
        },
        Case {
            name: "C1 control (NEL) in a site address",
            setup: |d| sample_facts_with(d, "Huizhou, Guangdong 516083", r"Huizhou,\u0085Guangdong 516083"),
            expect: Expect::Error(&["facts.toml", "product.site[1].address holds U+0085 (a C1 control character)"]),
        },
        Case {
            name: "bell, delete and an isolate at once, in a trade name, a strength and an indication",
            setup: |d| {
                let text = fs::read_to_string(crate::sample_dir().join("facts.toml")).unwrap()
                    .replacen(r#""Examplix""#, r#""Exam\u0007plix""#, 1)
                    .replacen(r#""50 mg""#, r#""50\u007F mg""#, 1)
                    .replacen("First-line treatment", r"\u2067First-line treatment", 1);
                let path = d.join("facts.toml");
                fs::write(&path, text).unwrap();
                vec!["facts".into(), "import".into(), s(&path)]
            },
            expect: Expect::Error(&[
                "3 problems",
                "product.trade_names[1] holds U+0007",
                "product.strengths[1] holds U+007F (DEL)",
                "product.indications[1] holds U+2067 (right-to-left isolate)",
            ]),
        },
        Case {
            name: "a document title in the facts file with a pop-directional-formatting character",
            setup: |d| {
                let text = fs::read_to_string(crate::sample_dir().join("facts.toml")).unwrap();
                let path = d.join("facts.toml");
                let doc = "m5/53-clin-stud-rep/533-rep-human-pk-stud/5331-healthy-subj-pk-init-tol-stud-rep/exp-101/exp-101-csr.pdf";
                fs::write(&path, format!("{text}\n[[document]]\npath = \"{doc}\"\ntitle = \"CSR \\u202C EXP-101\"\n")).unwrap();
                vec!["facts".into(), "import".into(), s(&path)]
            },
            expect: Expect::Error(&["exp-101-csr.pdf].title holds U+202C (pop directional formatting)"]),
        },
        Case {
            name: "right-to-left embedding in an envelope field (envelope --set)",
            setup: |d| {
                let project = super::project_of(d);
                let out = dossier(&project).args(["envelope", "--app", "app_eu"]).output().unwrap();
                let text = String::from_utf8(out.stdout).unwrap().replace("Shenzhen Examplar", "Shenzhen \\u202BExamplar");
                let path = d.join("envelope.toml");
                fs::write(&path, text).unwrap();
                vec!["envelope".into(), "--app".into(), "app_eu".into(), "--set".into(), s(&path)]
            },
            expect: Expect::Error(&["envelope.eu.applicant holds U+202B (right-to-left embedding)"]),
        },
        Case {
            name: "bell in an application's new name (app set --name)",
            setup: |_| vec!["app".into(), "set".into(), "app_hk".into(), "--name".into(), "Hong Kong\u{7} filing".into()],
            expect: Expect::Error(&["application app_hk.title holds U+0007"]),
        },
        Case {
            name: "left-to-right override in a new application's name (app add --name)",
            setup: |_| {
                vec!["app".into(), "add".into(), "--profile".into(), "hk-dh-new-product".into(), "--id".into(), "app_hk2".into(), "--name".into(), "HK \u{202D}2".into()]
            },
            expect: Expect::Error(&["application app_hk2.title holds U+202D (left-to-right override)"]),
        },
        Case {
            name: "escape sequence in a not-applicable reason (app na --reason)",
            setup: |_| {
                vec!["app".into(), "na".into(), "app_hk".into(), "HK-17".into(), "--reason".into(), "\u{1b}]0;pwned\u{7}not needed".into()]
            },
            expect: Expect::Error(&["app_hk/HK-17.not_applicable holds U+001B", "U+0007"]),
        },
    ]
}

#[test]
fn hostile_damage_and_text_are_caught_and_cost_nothing() {
    let cases = cases();
    if !cases.is_empty() {
        super::run(cases);
    }
}

fn text(out: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

/// The sample project with an assignment, an exclusion and a "not applicable" made by hand,
/// app_cn built and zipped and app_hk's bundle built; made once per test binary and copied for
/// each case that damages it.
fn built_project() -> &'static Path {
    static BUILT: std::sync::OnceLock<(tempfile::TempDir, PathBuf)> = std::sync::OnceLock::new();
    let (_, p) = BUILT.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let project = sample_project(dir.path());
        dossier(&project).args(["app", "unassign", "app_hk", "HK-09", "doc_bb90dc0abb20814f"]).assert().success();
        dossier(&project).args(["app", "assign", "app_hk", "HK-44", "doc_c0165d5cc32c3334"]).assert().success();
        dossier(&project).args(["app", "na", "app_hk", "HK-17", "--reason", "no risk management plan is required"]).assert().success();
        dossier(&project).args(["build", "--app", "app_cn", "--zip"]).assert().success();
        dossier(&project).args(["build", "--app", "app_hk"]).assert().success();
        (dir, project)
    });
    p
}

/// A copy of [`built_project`] under `dir` (the original is never opened again: a command on
/// it would race with the copies).
fn copy_of_built(dir: &Path) -> PathBuf {
    let from = built_project();
    let to = dir.join("copy.dossier");
    crate::copy_dir(from, &to);
    to
}

/// Runs SQL on the project's store from outside, as `sqlite3` would.
fn sqlite(project: &Path, sql: &str) {
    rusqlite::Connection::open(project.join("project.sqlite")).unwrap().execute_batch(sql).unwrap();
}

fn first(project: &Path, sql: &str) -> String {
    rusqlite::Connection::open(project.join("project.sqlite")).unwrap().query_row(sql, [], |r| r.get(0)).unwrap()
}

/// `dossier verify` exits 1 with every one of `wanted` in its output; `audit verify` still
/// passes (the chain is intact: only the data changed).
fn verify_names(project: &Path, wanted: &[&str]) {
    let out = dossier(project).arg("verify").output().unwrap();
    let t = text(&out);
    assert_eq!(out.status.code(), Some(1), "verify must report the edit:\n{t}");
    for w in wanted {
        assert!(t.contains(w), "verify output lacks `{w}`:\n{t}");
    }
    assert!(t.contains("restore project.sqlite from a backup"), "and says what to do:\n{t}");
}

#[test]
fn an_update_of_a_document_row_with_sqlite_is_named_by_verify_but_not_by_audit_verify() {
    let dir = tempfile::tempdir().unwrap();
    let project = copy_of_built(dir.path());
    let (id, name): (String, String) = rusqlite::Connection::open(project.join("project.sqlite"))
        .unwrap()
        .query_row("SELECT id, file_name FROM document ORDER BY id LIMIT 1", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    sqlite(&project, &format!("UPDATE document SET file_name = 'renamed-behind.pdf' WHERE id = '{id}'"));
    dossier(&project).args(["audit", "verify"]).assert().success();
    verify_names(&project, &[&format!("document {id}"), "file_name", "\"renamed-behind.pdf\"", &format!("\"{name}\""), "changed outside Dossier Bridge"]);
    let out = dossier(&project).args(["--json", "verify"]).output().unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(report["rows_checked"].as_u64().unwrap() > 100, "every row was compared: {report}");
}

#[test]
fn sqlite_edits_of_every_table_holding_user_data_are_named_by_verify() {
    let dir = tempfile::tempdir().unwrap();
    let cases: &[(&str, &str, &[&str])] = &[
        ("product", "UPDATE product SET inn = 'otherinib'", &["product 1", "inn", "\"otherinib\""]),
        ("site", "UPDATE site SET country = 'XX' WHERE position = 0", &["site 0", "country", "\"XX\""]),
        ("study", "UPDATE study SET subjects_total = subjects_total + 100", &["study ", "subjects_total"]),
        ("approval", "UPDATE approval SET date = '1999-01-01' WHERE position = 0", &["approval 0", "date", "\"1999-01-01\""]),
        ("application", "UPDATE application SET title = 'Hijacked' WHERE id = 'app_cn'", &["application app_cn", "title", "\"Hijacked\""]),
        ("assignment", "UPDATE assignment SET not_applicable = 'not needed' WHERE id = (SELECT min(id) FROM assignment)", &["assignment ", "not_applicable"]),
        ("envelope", "UPDATE application_envelope SET envelope = '{}' WHERE application = 'app_cn'", &["application_envelope app_cn", "envelope"]),
        ("sequence", "UPDATE sequence SET index_md5 = '00000000000000000000000000000000'", &["sequence app_cn/0000", "index_md5"]),
        ("sequence leaf", "UPDATE sequence_leaf SET title = 'Other' WHERE rowid = (SELECT min(rowid) FROM sequence_leaf)", &["sequence_leaf app_cn/0000/", "title", "\"Other\""]),
        ("bundle", "UPDATE bundle SET folder = 'elsewhere'", &["bundle app_hk/0000", "folder", "\"elsewhere\""]),
        ("bundle file", "UPDATE bundle_file SET md5 = 'x' WHERE rowid = (SELECT min(rowid) FROM bundle_file)", &["bundle_file app_hk/0000/", "md5", "\"x\""]),
        ("project", "UPDATE project SET name = 'Renamed'", &["project prj_", "name", "\"Renamed\""]),
    ];
    for (i, (what, sql, wanted)) in cases.iter().enumerate() {
        let case = dir.path().join(format!("case-{i}"));
        fs::create_dir_all(&case).unwrap();
        let project = copy_of_built(&case);
        sqlite(&project, sql);
        let out = dossier(&project).arg("verify").output().unwrap();
        let t = text(&out);
        assert_eq!(out.status.code(), Some(1), "{what}: verify must report the edit:\n{t}");
        for w in *wanted {
            assert!(t.contains(w), "{what}: verify output lacks `{w}`:\n{t}");
        }
        dossier(&project).args(["audit", "verify"]).assert().success();
        fs::remove_dir_all(&case).unwrap();
    }
}

#[test]
fn a_deleted_row_and_a_row_inserted_without_an_audit_record_are_named_by_verify() {
    let dir = tempfile::tempdir().unwrap();
    let project = copy_of_built(dir.path());
    // An exclusion nobody made, and an assignment that vanished.
    let doc = first(&project, "SELECT id FROM document ORDER BY id LIMIT 1");
    let (assignment, item): (i64, String) = rusqlite::Connection::open(project.join("project.sqlite"))
        .unwrap()
        .query_row("SELECT id, item FROM assignment WHERE application = 'app_hk' ORDER BY id LIMIT 1", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    sqlite(
        &project,
        &format!(
            "INSERT INTO exclusion (application, item, document) VALUES ('app_hk', 'HK-X', '{doc}');
             DELETE FROM assignment WHERE id = {assignment};"
        ),
    );
    verify_names(
        &project,
        &[
            &format!("exclusion app_hk/HK-X/{doc}: added outside Dossier Bridge; no audit record describes this row"),
            &format!("assignment {assignment}"),
            "deleted outside Dossier Bridge",
        ],
    );
    assert!(item.starts_with("HK-"));
}

#[test]
fn a_normal_session_leaves_verify_and_audit_verify_clean() {
    let dir = tempfile::tempdir().unwrap();
    let project = copy_of_built(dir.path());
    // More of what a person does: a second sequence, a facts round trip, an item marked not
    // applicable and back, an eCTD sequence of the project's own imported as a new application's.
    let facts = dir.path().join("facts.toml");
    dossier(&project).args(["facts", "export", "--out"]).arg(&facts).assert().success();
    fs::write(&facts, fs::read_to_string(&facts).unwrap().replace("Examplinib", "Examplinib (renamed)")).unwrap();
    dossier(&project).args(["facts", "import"]).arg(&facts).assert().success();
    dossier(&project).args(["app", "unassign", "app_hk", "HK-17"]).assert().success();
    dossier(&project).args(["app", "set", "app_hk", "--name", "Hong Kong, renamed"]).assert().success();
    dossier(&project).args(["build", "--app", "app_eu", "--zip"]).assert().success();
    let out = dossier(&project).arg("verify").output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    dossier(&project).args(["audit", "verify"]).assert().success();
}

#[test]
fn the_audit_heads_hash_is_the_same_in_audit_verify_and_the_gap_report() {
    let dir = tempfile::tempdir().unwrap();
    let project = &copy_of_built(dir.path());
    let out = dossier(project).args(["--json", "audit", "verify"]).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let hash = v["head"]["hash"].as_str().expect("audit verify shows the head's hash").to_owned();
    let record = v["head"]["seq"].as_i64().unwrap();
    assert_eq!(hash.len(), 64);
    let plain = text(&dossier(project).args(["audit", "verify"]).output().unwrap());
    assert!(plain.contains(&format!("head: record {record} hash {hash}")), "{plain}");

    let json_out = dir.path().join("gaps.json");
    let out = dossier(project).args(["--json", "report", "gaps", "--out"]).arg(&json_out).output().unwrap();
    assert!(out.status.code().is_some_and(|c| c < 2), "{}", text(&out));
    let report: serde_json::Value = serde_json::from_slice(&fs::read(&json_out).unwrap()).unwrap();
    assert_eq!(report["audit_head"]["hash"], hash.as_str(), "JSON");
    assert_eq!(report["audit_head"]["record"], record, "JSON");

    let csv_out = dir.path().join("gaps.csv");
    dossier(project).args(["report", "gaps", "--csv", "--out"]).arg(&csv_out).output().unwrap();
    let csv = fs::read_to_string(&csv_out).unwrap();
    assert!(csv.contains(&format!("audit-head,,{record},,{hash},")), "CSV:\n{}", csv.lines().last().unwrap_or(""));

    for (lang, label) in [("en", "Audit trail head"), ("zh-Hans", "审计记录链头")] {
        let pdf_out = dir.path().join(format!("gaps-{lang}.pdf"));
        dossier(project).args(["report", "gaps", "--lang", lang, "--out"]).arg(&pdf_out).output().unwrap();
        let pdf_text = pdftotext(&pdf_out);
        assert!(pdf_text.contains(label), "{lang} PDF names the line");
        assert!(pdf_text.split_whitespace().collect::<String>().contains(&hash), "{lang} PDF holds the hash:\n{pdf_text}");
    }
}

/// The text of a PDF (poppler's `pdftotext`).
pub(super) fn pdftotext(pdf: &Path) -> String {
    let out = std::process::Command::new("pdftotext").arg(pdf).arg("-").output().expect("pdftotext is installed");
    assert!(out.status.success(), "pdftotext {}", pdf.display());
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The first document app_eu's next build would send: (id, file name, section, blob path).
fn eu_leaf(project: &Path) -> (String, String, String, PathBuf) {
    let out = dossier(project).args(["--json", "build", "--app", "app_eu", "--dry-run"]).output().unwrap();
    let plan: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let leaf = plan["leaves"].as_array().unwrap().iter().find(|l| l["document"].is_string()).unwrap();
    let id = leaf["document"].as_str().unwrap().to_owned();
    let (name, sha) = document(project, &id);
    (id, name, leaf["section"].as_str().unwrap().to_owned(), blob_path(project, &sha))
}

/// A document's file name and SHA-256, read from the store.
fn document(project: &Path, id: &str) -> (String, String) {
    rusqlite::Connection::open(project.join("project.sqlite"))
        .unwrap()
        .query_row("SELECT file_name, sha256 FROM document WHERE id = ?1", [id], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
}

fn blob_path(project: &Path, sha: &str) -> PathBuf {
    project.join("blobs").join(&sha[..2]).join(sha)
}

/// Blobs are stored read-only; the damage is done as another program (or a person) would.
fn writable(path: &Path) {
    let mut perms = fs::metadata(path).unwrap().permissions();
    #[allow(clippy::permissions_set_readonly_false)]
    perms.set_readonly(false);
    fs::set_permissions(path, perms).unwrap();
}

fn flip_a_byte(path: &Path) {
    writable(path);
    let mut bytes = fs::read(path).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0x20;
    fs::write(path, bytes).unwrap();
}

/// What a build of `app` left under `builds/app`: must be nothing, or only what was there.
fn left_under(project: &Path, app: &str) -> Vec<String> {
    match fs::read_dir(project.join("builds").join(app)) {
        Ok(entries) => entries.map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect(),
        Err(_) => Vec::new(),
    }
}

/// The build of `app` exits 2 naming the document by id, file name and section, with the fix,
/// and leaves nothing under `builds/app`; app_cn's earlier sequence and zip are untouched.
fn build_refused(project: &Path, args: &[&str], app: &str, doc: (&str, &str, &str)) {
    let cn_zip = crate::whole::md5_hex(&fs::read(project.join("builds/app_cn/0000.zip")).unwrap());
    let before = left_under(project, app);
    let out = dossier(project).args(args).output().unwrap();
    let t = text(&out);
    assert_eq!(out.status.code(), Some(2), "the build must stop:\n{t}");
    for w in ["DB-PKG-BLOB-DAMAGED", doc.0, doc.1, &format!("section {}", doc.2), "import the file again"] {
        assert!(t.contains(w), "the error lacks `{w}`:\n{t}");
    }
    assert_eq!(left_under(project, app), before, "nothing under a final name, no temp left:\n{t}");
    assert_eq!(crate::whole::md5_hex(&fs::read(project.join("builds/app_cn/0000.zip")).unwrap()), cn_zip, "earlier builds intact");
    crate::whole::folder_is_complete(&project.join("builds/app_cn/0000"), "app_cn 0000");
}

#[test]
fn a_blob_changed_by_one_byte_stops_the_build_naming_the_document_and_the_original_repairs_it() {
    let dir = tempfile::tempdir().unwrap();
    let project = copy_of_built(dir.path());
    let (id, name, section, blob) = eu_leaf(&project);
    flip_a_byte(&blob);
    build_refused(&project, &["build", "--app", "app_eu", "--zip"], "app_eu", (&id, &name, &section));
    // The fix the message gives works: the original imported again, the build goes through.
    dossier(&project).arg("import").arg(crate::sample_dir().join("documents")).assert().success();
    dossier(&project).args(["build", "--app", "app_eu", "--zip"]).assert().success();
    let out = dossier(&project).arg("verify").output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let shipped = fs::read(project.join("builds/app_eu/0000").join(format!("{}", plan_href(&project, &id)))).unwrap();
    assert_eq!(crate::whole::md5_hex(&shipped), crate::whole::md5_hex(&fs::read(&blob).unwrap()), "the original bytes were shipped");
}

/// Where app_eu's sequence 0000 put document `id`.
fn plan_href(project: &Path, id: &str) -> String {
    rusqlite::Connection::open(project.join("project.sqlite"))
        .unwrap()
        .query_row("SELECT href FROM sequence_leaf WHERE application = 'app_eu' AND document = ?1", [id], |r| r.get(0))
        .unwrap()
}

#[test]
fn blobs_truncated_grown_linked_replaced_by_a_folder_or_a_fifo_or_deleted_stop_the_folder_and_the_zip_build() {
    let kinds: &[(&str, fn(&Path))] = &[
        ("truncated", |p| {
            writable(p);
            fs::OpenOptions::new().write(true).open(p).unwrap().set_len(1000).unwrap();
        }),
        ("grown", |p| {
            writable(p);
            fs::OpenOptions::new().append(true).open(p).unwrap().set_len(fs::metadata(p).unwrap().len() + 1).unwrap();
        }),
        ("a symbolic link to the same bytes outside the project", |p| {
            let outside = p.parent().unwrap().parent().unwrap().parent().unwrap().parent().unwrap().join("same-bytes.pdf");
            fs::rename(p, &outside).unwrap();
            std::os::unix::fs::symlink(&outside, p).unwrap();
        }),
        ("a folder", |p| {
            fs::remove_file(p).unwrap();
            fs::create_dir(p).unwrap();
        }),
        ("a FIFO", |p| {
            fs::remove_file(p).unwrap();
            assert!(std::process::Command::new("mkfifo").arg(p).status().unwrap().success());
        }),
        ("deleted", |p| fs::remove_file(p).unwrap()),
    ];
    for (what, damage) in kinds {
        for zip in [false, true] {
            let dir = tempfile::tempdir().unwrap();
            let project = copy_of_built(dir.path());
            let (id, name, section, blob) = eu_leaf(&project);
            damage(&blob);
            let mut args = vec!["build", "--app", "app_eu"];
            if zip {
                args.push("--zip");
            }
            // No build may wait on a FIFO: the test would hang here.
            eprintln!("damaged blob: {what}, zip: {zip}");
            build_refused(&project, &args, "app_eu", (&id, &name, &section));
        }
    }
}

#[test]
fn a_damaged_blob_stops_the_hk_bundle_naming_the_document() {
    let dir = tempfile::tempdir().unwrap();
    let project = sample_project(dir.path());
    dossier(&project).args(["build", "--app", "app_cn", "--zip"]).assert().success();
    let out = dossier(&project).args(["--json", "build", "--app", "app_hk", "--dry-run"]).output().unwrap();
    let plan: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let (id, section) = plan["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["document"].as_str().is_some_and(|d| d.starts_with("doc_")))
        .map(|r| (r["document"].as_str().unwrap().to_owned(), r["section"].as_str().unwrap().to_owned()))
        .expect("the HK bundle places documents");
    let (name, sha) = document(&project, &id);
    flip_a_byte(&blob_path(&project, &sha));
    let out = dossier(&project).args(["build", "--app", "app_hk"]).output().unwrap();
    let t = text(&out);
    assert_eq!(out.status.code(), Some(2), "{t}");
    for w in ["DB-PKG-BLOB-DAMAGED", id.as_str(), name.as_str(), "import the file again"] {
        assert!(t.contains(w), "lacks `{w}`:\n{t}");
    }
    assert!(t.contains(&format!("section {section}")), "names the section {section}:\n{t}");
    assert!(left_under(&project, "app_hk").is_empty(), "no bundle, no temp: {:?}", left_under(&project, "app_hk"));
}

#[test]
fn a_damaged_generated_cover_letter_stops_the_build_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let project = copy_of_built(dir.path());
    let out = dossier(&project).args(["--json", "report", "letter", "--app", "app_eu", "--file"]).output().unwrap();
    assert!(out.status.code().is_some_and(|c| c < 2), "{}", text(&out));
    let id = first(&project, "SELECT id FROM document WHERE source_path LIKE 'generated/app_eu/%' ORDER BY imported_at DESC LIMIT 1");
    let (name, sha) = document(&project, &id);
    flip_a_byte(&blob_path(&project, &sha));
    let out = dossier(&project).args(["build", "--app", "app_eu", "--zip"]).output().unwrap();
    let t = text(&out);
    assert_eq!(out.status.code(), Some(2), "{t}");
    for w in ["DB-PKG-BLOB-DAMAGED", id.as_str(), name.as_str(), "import the file again"] {
        assert!(t.contains(w), "lacks `{w}`:\n{t}");
    }
    assert!(left_under(&project, "app_eu").is_empty(), "{:?}", left_under(&project, "app_eu"));
}

#[test]
fn verify_names_the_document_whose_stored_copy_is_damaged_linked_or_missing() {
    let dir = tempfile::tempdir().unwrap();
    let project = copy_of_built(dir.path());
    let docs: Vec<(String, String, String)> = {
        let conn = rusqlite::Connection::open(project.join("project.sqlite")).unwrap();
        let mut stmt = conn.prepare("SELECT id, file_name, sha256 FROM document ORDER BY id LIMIT 3").unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap().map(Result::unwrap).collect()
    };
    flip_a_byte(&blob_path(&project, &docs[0].2));
    let linked = blob_path(&project, &docs[1].2);
    let outside = dir.path().join("outside.pdf");
    fs::rename(&linked, &outside).unwrap();
    std::os::unix::fs::symlink(&outside, &linked).unwrap();
    fs::remove_file(blob_path(&project, &docs[2].2)).unwrap();
    let out = dossier(&project).arg("verify").output().unwrap();
    let t = text(&out);
    assert_eq!(out.status.code(), Some(1), "{t}");
    for (id, name, _) in &docs {
        assert!(t.contains(&format!("document {id} ({name}")), "names {id} ({name}):\n{t}");
    }
    for w in ["no longer matches its SHA-256", "not a regular file", "is missing", "import the file again"] {
        assert!(t.contains(w), "lacks `{w}`:\n{t}");
    }
}

/// The characters `dossier_model::text` never lets out, found in `text` (a form feed between
/// pdftotext's pages is its own).
fn smuggled(text: &str) -> Vec<char> {
    let mut found: Vec<char> = text
        .chars()
        .filter(|&c| (c.is_control() && !matches!(c, '\n' | '\t' | '\r' | '\u{c}')) || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
        .collect();
    found.dedup();
    found
}

#[test]
fn text_smuggled_into_the_store_never_reaches_a_letter_a_report_a_table_of_contents_or_a_backbone() {
    let dir = tempfile::tempdir().unwrap();
    let project = copy_of_built(dir.path());
    let (id, ..) = eu_leaf(&project);
    // What the program refuses at every way in, put in behind its back.
    sqlite(
        &project,
        &format!(
            "UPDATE product SET inn = 'exampl' || char(0x202E) || 'inib' || char(7), applicant = char(27) || '[31mShenzhen Examplar' || char(0) || ' Biopharma',
                 trade_names = '[\"Exam' || char(0x2066) || 'plix\"]';
             UPDATE application SET title = 'EU ' || char(0x202D) || 'MAA' || char(0x85) WHERE id = 'app_eu';
             UPDATE document SET title = 'Introduction' || char(0x202B) || char(8) || ' (smuggled)' WHERE id = '{id}';"
        ),
    );
    let letter = dir.path().join("letter.pdf");
    let out = dossier(&project).args(["report", "letter", "--app", "app_eu", "--out"]).arg(&letter).output().unwrap();
    assert!(out.status.code().is_some_and(|c| c < 2), "{}", text(&out));
    let letter_text = pdftotext(&letter);
    assert!(letter_text.contains("examplinib"), "the name is there, without what was smuggled into it:\n{letter_text}");
    assert_eq!(smuggled(&letter_text), [], "cover letter");
    let raw = fs::read(&letter).unwrap();
    assert!(!raw.windows(3).any(|w| w == "\u{202E}".as_bytes()), "not even in the PDF's metadata");

    for (args, file) in [(&["report", "gaps"][..], "gaps.pdf"), (&["report", "gaps", "--csv"][..], "gaps.csv"), (&["--json", "report", "gaps"][..], "gaps.json")] {
        let path = dir.path().join(file);
        let out = dossier(&project).args(args).arg("--out").arg(&path).output().unwrap();
        assert!(out.status.code().is_some_and(|c| c < 2), "{}", text(&out));
        let body = if file.ends_with(".pdf") { pdftotext(&path) } else { fs::read_to_string(&path).unwrap() };
        let named = if file.ends_with(".csv") { "app_eu" } else { "examplinib" };
        assert!(body.contains(named), "{file} holds the report");
        assert_eq!(smuggled(&body), [], "{file}");
        assert!(!body.contains("\\u0007") && !body.contains("\\u001b") && !body.contains("\\u0000"), "{file}: not even escaped");
    }

    let out = dossier(&project).args(["build", "--app", "app_eu", "--zip"]).output().unwrap();
    assert!(out.status.success(), "the build goes through with the text cleaned:\n{}", text(&out));
    let seq = project.join("builds/app_eu/0000");
    for xml in ["index.xml", "m1/eu/eu-regional.xml"] {
        let body = fs::read_to_string(seq.join(xml)).unwrap();
        assert_eq!(smuggled(&body), [], "{xml}");
        assert!(!body.contains("&#"), "{xml}: no character reference smuggles one back");
    }
    assert!(fs::read_to_string(seq.join("index.xml")).unwrap().contains("Introduction (smuggled)"), "the title is kept, cleaned");
    assert_eq!(smuggled(&pdftotext(&project.join("builds/app_eu/0000-toc.pdf"))), [], "table of contents");
}
