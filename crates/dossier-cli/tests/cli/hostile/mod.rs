//! Hostile and broken inputs, end to end through the binary: each case gets a clear error or
//! finding that names the file and says what to do, and nothing is lost — after every case the
//! project is whole (`whole::assert_whole`), no document disappeared and the sequence built
//! before the case is byte for byte what it was.
//!
//! Lower layers test the same readers in detail (`dossier-api/tests/api/import.rs`,
//! `dossier-package/tests/package/reader.rs`); this table is the user's view of all of them.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

mod import;
mod integrity;
mod paths;
mod sequences;

use super::whole::{assert_whole, md5_hex};
use super::{dossier, json, sample_project};

/// How a case must end.
#[derive(Debug, Clone, Copy)]
pub(super) enum Expect {
    /// Exit 0 or 1 (findings), output mentioning every one of these.
    Finding(&'static [&'static str]),
    /// Exit 2 with an error mentioning every one of these.
    Error(&'static [&'static str]),
}

pub(super) struct Case {
    pub(super) name: &'static str,
    /// Writes the input under the scratch folder and returns the arguments.
    pub(super) setup: fn(&Path) -> Vec<String>,
    pub(super) expect: Expect,
}

pub(super) fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../dossier-api/tests/fixtures").join(name)
}

pub(super) fn s(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

/// A folder holding one file `name` with `bytes`; returns `import FOLDER`.
pub(super) fn import_one(dir: &Path, name: &str, bytes: &[u8]) -> Vec<String> {
    let folder = dir.join("incoming");
    let path = folder.join(name);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, bytes).unwrap();
    vec!["import".into(), s(&folder)]
}

/// A good PDF made distinct by a trailer comment, so every case imports new bytes.
pub(super) fn unique_pdf(tag: &str) -> Vec<u8> {
    let mut bytes = fs::read(fixture("good.pdf")).unwrap();
    bytes.extend_from_slice(format!("\n% {tag}\n").as_bytes());
    bytes
}

fn import_cases() -> Vec<Case> {
    vec![
        Case {
            name: "encrypted PDF",
            setup: |d| import_one(d, "enc.pdf", &fs::read(fixture("encrypted.pdf")).unwrap()),
            expect: Expect::Finding(&["enc.pdf", "DB-PDF-ENCRYPTED", "save an unsecured copy"]),
        },
        Case {
            name: "corrupt PDF (garbage cross-reference table)",
            setup: |d| import_one(d, "corrupt.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage\nxref\nnot a table\n%%EOF\n"),
            expect: Expect::Finding(&["corrupt.pdf", "DB-PDF-CORRUPT", "export it again"]),
        },
        Case {
            name: "truncated PDF",
            setup: |d| import_one(d, "cut.pdf", &fs::read(fixture("truncated.pdf")).unwrap()),
            expect: Expect::Finding(&["cut.pdf", "DB-PDF-TRUNCATED"]),
        },
        Case {
            name: "not a PDF but named .pdf",
            setup: |d| import_one(d, "word.pdf", b"PK\x03\x04 a docx really"),
            expect: Expect::Finding(&["word.pdf", "DB-PDF-NOT-PDF", "replace it with the real PDF"]),
        },
        Case {
            name: "PDF 1.3",
            setup: |d| import_one(d, "old.pdf", &fs::read(fixture("pdf-1.3.pdf")).unwrap()),
            expect: Expect::Finding(&["old.pdf", "DB-PDF-VERSION"]),
        },
        Case {
            name: "0-byte file",
            setup: |d| import_one(d, "zero.pdf", b""),
            expect: Expect::Finding(&["zero.pdf", "DB-IMP-EMPTY", "replace it with the real document"]),
        },
        Case {
            name: "control character in a name",
            setup: |d| import_one(d, "bell\u{7}.pdf", &unique_pdf("bell")),
            expect: Expect::Finding(&["DB-IMP-NAME-CONTROL", "rename it to bell_.pdf"]),
        },
        Case {
            name: "name that is not UTF-8",
            setup: |d| {
                use std::os::unix::ffi::OsStrExt;
                let folder = d.join("incoming");
                fs::create_dir_all(&folder).unwrap();
                fs::write(folder.join(std::ffi::OsStr::from_bytes(b"scan-\xff.pdf")), unique_pdf("latin1")).unwrap();
                vec!["import".into(), s(&folder)]
            },
            expect: Expect::Finding(&["DB-IMP-NAME-ENCODING", "rename it"]),
        },
        Case {
            name: "a file named with `..` (hidden by its leading dot)",
            setup: |d| import_one(d, "..report.pdf", &unique_pdf("dotdot")),
            expect: Expect::Finding(&["..report.pdf", "system or hidden file"]),
        },
        Case {
            name: "a path with `..` climbing out and back in",
            setup: |d| {
                import_one(d, "x/climb.pdf", &unique_pdf("climb"));
                vec!["import".into(), s(&d.join("incoming/x/../x"))]
            },
            expect: Expect::Finding(&["\"imported\": 1"]),
        },
        Case {
            // Windows cannot hold such a name and some zip tools strip it.
            name: "trailing dot in a name",
            setup: |d| import_one(d, "letter.pdf.", &unique_pdf("dot")),
            expect: Expect::Finding(&["\"imported\": 1", "DB-IMP-NAME-TRAILING", "letter.pdf.", "rename it to \\\"letter.pdf\\\""]),
        },
        Case {
            name: "trailing space in a folder name",
            setup: |d| import_one(d, "annex /letter.pdf", &unique_pdf("space")),
            expect: Expect::Finding(&["\"imported\": 1", "DB-IMP-NAME-TRAILING", "annex /letter.pdf", "rename it to \\\"annex\\\""]),
        },
        Case {
            // set_len makes a 5 GB file of holes in no time; the import must not read it.
            name: "5 GB sparse file",
            setup: |d| {
                let folder = d.join("incoming");
                fs::create_dir_all(&folder).unwrap();
                fs::File::create(folder.join("placeholder.pdf")).unwrap().set_len(5 << 30).unwrap();
                vec!["import".into(), s(&folder)]
            },
            expect: Expect::Finding(&["placeholder.pdf", "sparse placeholder", "replace it with the real file", "\"imported\": 0"]),
        },
        Case {
            name: "300-character path",
            setup: |d| {
                let deep = ["a".repeat(70), "b".repeat(70), "c".repeat(70), "d".repeat(70)].join("/");
                import_one(d, &format!("{deep}/long-name.pdf"), &unique_pdf("long"))
            },
            expect: Expect::Finding(&["\"imported\": 1"]),
        },
        Case {
            name: "Chinese name",
            setup: |d| import_one(d, "说明书-中文.pdf", &unique_pdf("zh")),
            expect: Expect::Finding(&["\"imported\": 1"]),
        },
        Case {
            name: "mixed-script name (Latin, Cyrillic, Han, Greek)",
            setup: |d| import_one(d, "Résumé-Сводка-摘要-Σύνοψη.pdf", &unique_pdf("mixed")),
            expect: Expect::Finding(&["\"imported\": 1"]),
        },
        Case {
            // One file on Windows and macOS, and one name once eCTD lower-cases it.
            name: "case-only collision",
            setup: |d| {
                import_one(d, "Report.pdf", &unique_pdf("upper"));
                import_one(d, "report.pdf", &unique_pdf("lower"))
            },
            expect: Expect::Finding(&["\"imported\": 2", "DB-IMP-NAME-CASE", "differ only in letter case"]),
        },
        Case {
            name: "symbolic link loop",
            setup: |d| {
                let folder = d.join("incoming");
                fs::create_dir_all(&folder).unwrap();
                std::os::unix::fs::symlink("..", folder.join("loop")).unwrap();
                vec!["import".into(), s(&folder)]
            },
            expect: Expect::Finding(&["loop", "symbolic link loop", "not followed"]),
        },
        Case {
            name: "symbolic link out of the tree",
            setup: |d| {
                let folder = d.join("incoming");
                fs::create_dir_all(&folder).unwrap();
                fs::write(d.join("secret.pdf"), unique_pdf("secret")).unwrap();
                std::os::unix::fs::symlink(d.join("secret.pdf"), folder.join("escape.pdf")).unwrap();
                vec!["import".into(), s(&folder)]
            },
            expect: Expect::Finding(&["escape.pdf", "outside the imported folder", "not followed"]),
        },
        Case {
            name: "missing path",
            setup: |d| vec!["import".into(), s(&d.join("nowhere"))],
            expect: Expect::Error(&["nowhere", "check the path"]),
        },
    ]
}

/// A copy of sequence 0000 of app_cn (built by the fixture project) to be damaged.
pub(super) fn sequence_copy(d: &Path) -> PathBuf {
    let from = d.parent().unwrap().join("project/builds/app_cn/0000");
    let to = d.join("seq/0000");
    for entry in walkdir::WalkDir::new(&from) {
        let entry = entry.unwrap();
        let dest = to.join(entry.path().strip_prefix(&from).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&dest).unwrap();
        } else {
            fs::copy(entry.path(), &dest).unwrap();
        }
    }
    to
}

pub(super) fn edit(path: &Path, f: impl FnOnce(String) -> String) {
    let text = fs::read_to_string(path).unwrap();
    fs::write(path, f(text)).unwrap();
}

/// Gives the first document leaf of a backbone (its second title) the title `title`.
pub(super) fn retitle(path: &Path, title: &str) {
    edit(path, |t| {
        let start = t.match_indices("<title>").nth(1).unwrap().0 + 7;
        let end = start + t[start..].find("</title>").unwrap();
        format!("{}{title}{}", &t[..start], &t[end..])
    });
}

/// The first leaf of index.xml pointing at a PDF: (its href, its checksum).
pub(super) fn first_pdf_leaf(index: &str) -> (String, String) {
    let at = index.find(".pdf\"").unwrap();
    let href_start = index[..at].rfind("xlink:href=\"").unwrap() + 12;
    let href = index[href_start..at + 4].to_owned();
    let sum_start = at + index[at..].find("checksum=\"").unwrap() + 10;
    (href, index[sum_start..sum_start + 32].to_owned())
}

pub(super) fn ectd(seq: &Path) -> Vec<String> {
    vec!["import-ectd".into(), s(seq)]
}

pub(super) fn write_zip(path: &Path, entries: &[(&str, &[u8])]) {
    let mut zip = zip::ZipWriter::new(fs::File::create(path).unwrap());
    for (name, bytes) in entries {
        zip.start_file(*name, zip::write::SimpleFileOptions::default()).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap();
}

fn ectd_cases() -> Vec<Case> {
    vec![
        Case {
            name: "index.xml with an external entity (XXE)",
            setup: |d| {
                let seq = sequence_copy(d);
                edit(&seq.join("index.xml"), |t| {
                    t.replacen(
                        "<!DOCTYPE ectd:ectd SYSTEM \"util/dtd/ich-ectd-3-2.dtd\">",
                        "<!DOCTYPE ectd:ectd SYSTEM \"util/dtd/ich-ectd-3-2.dtd\" [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>",
                        1,
                    )
                });
                retitle(&seq.join("index.xml"), "&xxe;");
                ectd(&seq)
            },
            expect: Expect::Finding(&["index.xml", "DB-ECTD-ENTITY", "neither loaded nor expanded", "&xxe;"]),
        },
        Case {
            name: "billion-laughs entity expansion bomb",
            setup: |d| {
                let seq = sequence_copy(d);
                let mut decl = String::from("<!ENTITY l0 \"lol\">");
                for i in 1..10 {
                    decl.push_str(&format!("<!ENTITY l{i} \"{}\">", format!("&l{};", i - 1).repeat(10)));
                }
                edit(&seq.join("index.xml"), |t| {
                    t.replacen(
                        "<!DOCTYPE ectd:ectd SYSTEM \"util/dtd/ich-ectd-3-2.dtd\">",
                        &format!("<!DOCTYPE ectd:ectd SYSTEM \"util/dtd/ich-ectd-3-2.dtd\" [{decl}]>"),
                        1,
                    )
                });
                retitle(&seq.join("index.xml"), "&l9;");
                ectd(&seq)
            },
            expect: Expect::Finding(&["index.xml", "DB-ECTD-ENTITY", "&l9;", "correct the titles after import"]),
        },
        Case {
            name: "missing DTD (util/ folder removed)",
            setup: |d| {
                let seq = sequence_copy(d);
                fs::remove_dir_all(seq.join("util")).unwrap();
                ectd(&seq)
            },
            expect: Expect::Finding(&["\"already_known\""]),
        },
        Case {
            name: "wrong checksum on a leaf",
            setup: |d| {
                let seq = sequence_copy(d);
                let (href, _) = first_pdf_leaf(&fs::read_to_string(seq.join("index.xml")).unwrap());
                let mut bytes = fs::read(seq.join(&href)).unwrap();
                bytes.extend_from_slice(b"\n% tampered\n");
                fs::write(seq.join(&href), bytes).unwrap();
                ectd(&seq)
            },
            expect: Expect::Finding(&["\"rule\": \"11.2\"", "backbone's checksum", "ask the sender for the original"]),
        },
        Case {
            name: "leaf href escaping the sequence with ../",
            setup: |d| {
                let seq = sequence_copy(d);
                fs::write(d.join("seq/outside.pdf"), unique_pdf("outside")).unwrap();
                edit(&seq.join("index.xml"), |t| {
                    let (href, _) = first_pdf_leaf(&t);
                    t.replacen(&format!("xlink:href=\"{href}\""), "xlink:href=\"../outside.pdf\"", 1)
                });
                ectd(&seq)
            },
            expect: Expect::Finding(&["DB-ECTD-HREF", "../outside.pdf", "points outside the sequence folder"]),
        },
        Case {
            name: "leaf href with an absolute path",
            setup: |d| {
                let seq = sequence_copy(d);
                edit(&seq.join("index.xml"), |t| {
                    let (href, _) = first_pdf_leaf(&t);
                    t.replacen(&format!("xlink:href=\"{href}\""), "xlink:href=\"/etc/passwd\"", 1)
                });
                ectd(&seq)
            },
            expect: Expect::Finding(&["DB-ECTD-HREF", "/etc/passwd", "not followed"]),
        },
        Case {
            name: "leaf href that is a URL",
            setup: |d| {
                let seq = sequence_copy(d);
                edit(&seq.join("index.xml"), |t| {
                    let (href, _) = first_pdf_leaf(&t);
                    t.replacen(&format!("xlink:href=\"{href}\""), "xlink:href=\"http://evil.example/x.pdf\"", 1)
                });
                ectd(&seq)
            },
            expect: Expect::Finding(&["DB-ECTD-HREF", "http://evil.example/x.pdf"]),
        },
        Case {
            name: "leaf file that is a symbolic link out of the sequence",
            setup: |d| {
                let seq = sequence_copy(d);
                fs::write(d.join("secret.pdf"), unique_pdf("linked")).unwrap();
                let (href, _) = first_pdf_leaf(&fs::read_to_string(seq.join("index.xml")).unwrap());
                fs::remove_file(seq.join(&href)).unwrap();
                std::os::unix::fs::symlink(d.join("secret.pdf"), seq.join(&href)).unwrap();
                ectd(&seq)
            },
            expect: Expect::Finding(&["DB-ECTD-HREF", "symbolic link out of the sequence folder"]),
        },
        Case {
            name: "leaf whose file is missing",
            setup: |d| {
                let seq = sequence_copy(d);
                let (href, _) = first_pdf_leaf(&fs::read_to_string(seq.join("index.xml")).unwrap());
                fs::remove_file(seq.join(&href)).unwrap();
                ectd(&seq)
            },
            expect: Expect::Finding(&["\"rule\": \"11.6\"", "is missing"]),
        },
        Case {
            // IDs are unique within one XML document; reported under the region's rule (NMPA's
            // here, not EU VC 11.11: issue 15, point 8).
            name: "duplicate leaf ids",
            setup: |d| {
                let seq = sequence_copy(d);
                edit(&seq.join("index.xml"), |t| {
                    let ids: Vec<&str> = t.split("<leaf ID=\"").skip(2).take(2).map(|r| r.split('"').next().unwrap()).collect();
                    t.replace(&format!("ID=\"{}\"", ids[1]), &format!("ID=\"{}\"", ids[0]))
                });
                ectd(&seq)
            },
            expect: Expect::Finding(&["\"rule\": \"DB-CN-LEAF-ID\"", "two leaves of index.xml share the ID"]),
        },
        Case {
            name: "circular related sequences (0001 relates to itself, 0000 to 0001)",
            setup: |d| {
                let seq = sequence_copy(d);
                let second = d.join("seq/0001");
                fs::rename(&seq, &second).unwrap();
                let first = sequence_copy(d);
                for (folder, related) in [(&first, "0001"), (&second, "0001")] {
                    edit(&folder.join("m1/cn/cn-regional.xml"), |t| {
                        t.replace("<related-sequence>0000</related-sequence>", &format!("<related-sequence>{related}</related-sequence>"))
                    });
                }
                vec!["import-ectd".into(), s(&d.join("seq"))]
            },
            expect: Expect::Finding(&["\"0000\"", "\"0001\""]),
        },
        Case {
            name: "index.xml that is not well-formed",
            setup: |d| {
                let seq = sequence_copy(d);
                edit(&seq.join("index.xml"), |t| t[..t.len() / 2].to_owned());
                ectd(&seq)
            },
            expect: Expect::Finding(&["\"rule\": \"DB-CN-INDEX-XML\"", "0000/index.xml: not well-formed XML at line"]),
        },
        Case {
            name: "folder without index.xml",
            setup: |d| {
                let seq = sequence_copy(d);
                fs::remove_file(seq.join("index.xml")).unwrap();
                ectd(&seq)
            },
            expect: Expect::Error(&["no eCTD sequence found", "give a sequence folder holding index.xml"]),
        },
        Case {
            name: "zip slip: an entry climbing out with ../",
            setup: |d| {
                let zip = d.join("slip.zip");
                write_zip(&zip, &[("0000/index.xml", b"<ectd/>"), ("../../evil.txt", b"owned")]);
                vec!["import-ectd".into(), s(&zip)]
            },
            expect: Expect::Finding(&["DB-ECTD-ZIP-SLIP", "../../evil.txt", "outside the extraction folder"]),
        },
        Case {
            name: "zip with an absolute entry path",
            setup: |d| {
                let zip = d.join("abs.zip");
                write_zip(&zip, &[("0000/index.xml", b"<ectd/>"), ("/tmp/dossier-evil.txt", b"owned")]);
                vec!["import-ectd".into(), s(&zip)]
            },
            expect: Expect::Finding(&["DB-ECTD-ZIP-SLIP", "/tmp/dossier-evil.txt"]),
        },
        Case {
            name: "a .zip that is not a zip",
            setup: |d| {
                let zip = d.join("fake.zip");
                fs::write(&zip, b"this is no zip").unwrap();
                vec!["import-ectd".into(), s(&zip)]
            },
            expect: Expect::Error(&["fake.zip", "cannot be read as a zip"]),
        },
    ]
}

fn template_and_facts_cases() -> Vec<Case> {
    fn templates_copy(d: &Path) -> PathBuf {
        let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../templates");
        let to = d.join("templates");
        for entry in walkdir::WalkDir::new(&from) {
            let entry = entry.unwrap();
            let dest = to.join(entry.path().strip_prefix(&from).unwrap());
            if entry.file_type().is_dir() {
                fs::create_dir_all(&dest).unwrap();
            } else {
                fs::copy(entry.path(), &dest).unwrap();
            }
        }
        to
    }
    fn facts(d: &Path, text: &str) -> Vec<String> {
        let path = d.join("facts.toml");
        fs::write(&path, text).unwrap();
        vec!["facts".into(), "import".into(), s(&path)]
    }
    vec![
        Case {
            name: "template with a TOML syntax error",
            setup: |d| {
                let t = templates_copy(d);
                edit(&t.join("authorities/hk-dh-new-product.toml"), |t| t + "\n[[item]\nid = ");
                vec!["templates".into(), s(&t)]
            },
            expect: Expect::Finding(&["authorities/hk-dh-new-product.toml:", "unclosed array table"]),
        },
        Case {
            name: "template folder without the CTD tree",
            setup: |d| {
                let t = templates_copy(d);
                fs::remove_file(t.join("ctd/ctd-tree.toml")).unwrap();
                vec!["templates".into(), s(&t)]
            },
            expect: Expect::Finding(&["ctd/ctd-tree.toml: the file is missing"]),
        },
        Case {
            name: "template naming a document type that does not exist",
            setup: |d| {
                let t = templates_copy(d);
                edit(&t.join("authorities/hk-dh-new-product.toml"), |t| {
                    let at = t.find("doc_types = [\"").expect("an item lists doc_types") + 14;
                    format!("{}no-such-type\", \"{}", &t[..at], &t[at..])
                });
                vec!["templates".into(), s(&t)]
            },
            expect: Expect::Finding(&["authorities/hk-dh-new-product.toml:", "no-such-type"]),
        },
        Case {
            name: "template file that is not UTF-8",
            setup: |d| {
                let t = templates_copy(d);
                fs::write(t.join("doc-types.toml"), b"[[type]]\nid = \"\xff\xfe\"\n").unwrap();
                vec!["templates".into(), s(&t)]
            },
            expect: Expect::Finding(&["doc-types.toml"]),
        },
        Case {
            name: "facts file with a TOML syntax error",
            setup: |d| facts(d, "[product\ninn = \"x\"\n"),
            expect: Expect::Error(&["facts.toml", "line 1"]),
        },
        Case {
            name: "facts file with a wrong type",
            setup: |d| facts(d, "[product]\ninn = 3\n"),
            expect: Expect::Error(&["facts.toml", "line 2", "expected a string"]),
        },
        Case {
            name: "facts file with an impossible date",
            setup: |d| facts(d, "[[approval]]\nauthority = \"NMPA\"\ncountry = \"CN\"\ndate = 2025-02-30\n"),
            expect: Expect::Error(&["facts.toml", "line 4", "invalid date"]),
        },
        Case {
            name: "facts file with an unknown field",
            setup: |d| facts(d, "[[study]]\nid = \"S\"\n[study.subjects]\ntotal = 1\nchinese = 5\n"),
            expect: Expect::Error(&["facts.toml", "unknown field `chinese`"]),
        },
        Case {
            name: "facts file whose regions add up to more than the total",
            setup: |d| facts(d, "[[study]]\nid = \"S\"\nphase = \"3\"\n[study.subjects]\ntotal = 1\nmainland_china = 5\n"),
            expect: Expect::Error(&["facts.toml", "study S", "total is 1"]),
        },
        Case {
            name: "facts file referring to a document never imported",
            setup: |d| facts(d, "[[study]]\nid = \"S\"\nphase = \"3\"\ncsr = \"nowhere/csr.pdf\"\n[study.subjects]\ntotal = 1\n"),
            expect: Expect::Error(&["facts.toml", "nowhere/csr.pdf", "import the document first"]),
        },
        Case {
            name: "facts file that is not UTF-8",
            setup: |d| {
                let path = d.join("facts.toml");
                fs::write(&path, b"[product]\ninn = \"\xff\"\n").unwrap();
                vec!["facts".into(), "import".into(), s(&path)]
            },
            expect: Expect::Error(&["facts.toml", "cannot be read"]),
        },
    ]
}

/// What must survive every case: documents (by id), the facts, and sequence 0000 of app_cn.
struct Kept {
    docs: Vec<String>,
    facts: String,
    zip_md5: String,
}

fn kept(project: &Path) -> Kept {
    let docs = json(&dossier(project).args(["docs", "list", "--json"]).output().unwrap());
    let docs = docs.as_array().unwrap().iter().map(|d| d["id"].as_str().unwrap().to_owned()).collect();
    let facts = String::from_utf8(dossier(project).args(["facts", "export"]).output().unwrap().stdout).unwrap();
    let zip_md5 = md5_hex(&fs::read(project.join("builds/app_cn/0000.zip")).unwrap());
    Kept { docs, facts, zip_md5 }
}

/// The project a case runs against, from the case's scratch folder (`<dir>/case-N` beside
/// `<dir>/project`): for cases that aim at the project's own files.
pub(super) fn project_of(scratch: &Path) -> PathBuf {
    scratch.parent().expect("a case's scratch folder has a parent").join("project")
}

/// Runs `cases` one after another on one project that has a built sequence, checking each.
pub(super) fn run(cases: Vec<Case>) {
    let dir = tempfile::tempdir().unwrap();
    let project = sample_project(dir.path());
    fs::rename(&project, dir.path().join("project")).unwrap();
    let project = dir.path().join("project");
    dossier(&project).args(["build", "--app", "app_cn", "--zip"]).assert().success();
    let mut failures = Vec::new();
    for (i, case) in cases.iter().enumerate() {
        let scratch = dir.path().join(format!("case-{i}"));
        fs::create_dir_all(&scratch).unwrap();
        let before = kept(&project);
        let args = (case.setup)(&scratch);
        let out = dossier(&project).arg("--json").args(&args).output().unwrap();
        let mut text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        if args[0] == "import" {
            // An import reports counts; what is wrong with a file is a finding on its document.
            text.push_str(&String::from_utf8_lossy(&dossier(&project).args(["docs", "list", "--json"]).output().unwrap().stdout));
        }
        let (wanted, codes): (&[&str], &[i32]) = match case.expect {
            Expect::Finding(w) => (w, &[0, 1]),
            Expect::Error(w) => (w, &[2]),
        };
        if !out.status.code().is_some_and(|c| codes.contains(&c)) {
            failures.push(format!("{}: exit {:?}, expected one of {codes:?}\n{text}", case.name, out.status.code()));
        }
        for w in wanted {
            if !text.contains(w) {
                failures.push(format!("{}: output lacks `{w}`\n{text}", case.name));
            }
        }
        let after = kept(&project);
        let lost: Vec<_> = before.docs.iter().filter(|d| !after.docs.contains(d)).collect();
        if !lost.is_empty() {
            failures.push(format!("{}: documents lost: {lost:?}", case.name));
        }
        if before.facts != after.facts && matches!(case.expect, Expect::Error(_)) {
            failures.push(format!("{}: a refused facts file changed the facts", case.name));
        }
        if before.zip_md5 != after.zip_md5 {
            failures.push(format!("{}: the earlier build's zip changed", case.name));
        }
        assert_whole(&project, case.name);
        for escaped in ["/tmp/dossier-evil.txt", "evil.txt"] {
            assert!(!Path::new(escaped).exists() && !dir.path().join(escaped).exists(), "{}: nothing written outside", case.name);
        }
    }
    assert!(failures.is_empty(), "{} of {} cases failed:\n\n{}", failures.len(), cases.len(), failures.join("\n\n"));
}

#[test]
fn hostile_files_and_names_at_import_are_findings_and_cost_nothing() {
    run(import_cases());
}

#[test]
fn hostile_ectd_sequences_and_zips_are_reported_and_cost_nothing() {
    run(ectd_cases());
}

#[test]
fn malformed_templates_and_facts_files_are_refused_with_file_and_line() {
    run(template_and_facts_cases());
}

/// Every hostile case: the rows of the tables, plus the cases that need a test of their own (a
/// race, a damaged store, a read-only folder), which each module names in `STANDALONE`.
#[test]
fn the_hostile_suite_has_at_least_80_cases() {
    let tables = import_cases().len()
        + ectd_cases().len()
        + template_and_facts_cases().len()
        + paths::cases().len()
        + sequences::cases().len()
        + import::cases().len()
        + integrity::cases().len();
    let standalone = paths::STANDALONE.len() + sequences::STANDALONE.len() + import::STANDALONE.len() + integrity::STANDALONE.len();
    assert!(tables + standalone >= 80, "{tables} table cases and {standalone} standalone cases");
}
