//! NMPA (验证标准 V1.1 groups 2–4, our `DB-CN-` ids): one failing and one passing case per
//! rule (PDF rules in `pdfs.rs`).

use std::fs;
use std::path::Path;

use dossier_package::Region;

use super::eu::{flip, long_path};
use super::*;

const CN: Region = Region::Cn;
const REGIONAL: &str = "m1/cn/cn-regional.xml";

fn s0(app: &Path) -> PathBuf {
    seq(app, "0000")
}

fn backbone(n: &'static str, rel: &'static str, f: fn(String) -> String) -> impl Fn(&Path) + Send + Sync {
    move |app: &Path| {
        let s = seq(app, n);
        edit(&s.join(rel), f);
        reseal(&s, CN);
    }
}

fn noop(app: &Path) {
    let p = s0(app).join("index.xml");
    let bytes = fs::read(&p).unwrap();
    fs::write(&p, bytes).unwrap();
}

fn replace_leaf(app: &Path, f: impl FnOnce(&str) -> String) {
    let s = seq(app, "0001");
    edit(&s.join("index.xml"), |text| {
        let at = text.find("operation=\"replace\"").unwrap();
        let start = text[..at].rfind("<leaf ").unwrap();
        let end = at + text[at..].find("</leaf>").unwrap() + "</leaf>".len();
        let leaf = text[start..end].to_owned();
        text.replacen(&leaf, &f(&leaf), 1)
    });
    reseal(&s, CN);
}

/// Adds to 0001, before its replace leaf, a leaf with `operation` and the same modified-file
/// (its own ID and a copy of the file).
fn twin_of_replace(app: &Path, operation: &str) {
    let s = seq(app, "0001");
    edit(&s.join("index.xml"), |text| {
        let at = text.find("operation=\"replace\"").unwrap();
        let start = text[..at].rfind("<leaf ").unwrap();
        let end = at + text[at..].find("</leaf>").unwrap() + "</leaf>".len();
        let leaf = text[start..end].to_owned();
        let href = attr(&leaf, "xlink:href").unwrap();
        let copy = format!("{}/twin.pdf", href.rsplit_once('/').unwrap().0);
        fs::copy(s.join(&href), s.join(&copy)).unwrap();
        let twin = with(&with(&with(&leaf, "ID", "lf-twin"), "xlink:href", &copy), "operation", operation);
        text.replacen(&leaf, &format!("{twin}\n{leaf}"), 1)
    });
    reseal(&s, CN);
}

fn without(tag: &str, name: &str) -> String {
    let old = attr(tag, name).unwrap();
    tag.replacen(&format!(" {name}=\"{old}\""), "", 1)
}

fn with(tag: &str, name: &str, value: &str) -> String {
    let old = attr(tag, name).unwrap();
    tag.replacen(&format!(" {name}=\"{old}\""), &format!(" {name}=\"{value}\""), 1)
}

fn envelope_code(element: &'static str, code: &'static str) -> impl Fn(&Path) + Send + Sync {
    move |app: &Path| {
        let s = s0(app);
        edit(&s.join(REGIONAL), |t| {
            let start = t.find(&format!("<{element} code=\"")).unwrap();
            let end = start + t[start..].find("/>").unwrap() + 2;
            t.replacen(&t[start..end].to_owned(), &format!("<{element} code=\"{code}\"/>"), 1)
        });
        reseal(&s, CN);
    }
}

pub fn cases() -> Vec<Case> {
    let mut out = vec![
        fail("cn upper-case file name", CN, &["DB-CN-NAME-CHARS"], |app| {
            rename_leaf(&s0(app), CN, QOS, "QOS-drug-product.pdf");
        }),
        pass("cn underscore allowed", CN, "DB-CN-NAME-CHARS", |app| {
            rename_leaf(&s0(app), CN, QOS, "qos_drug_product.pdf");
        }),
        fail("cn 190-character path", CN, &["DB-CN-PATH-LENGTH"], |app| long_path(&s0(app), 190)),
        pass("cn 180-character path", CN, "DB-CN-PATH-LENGTH", |app| long_path(&s0(app), 180)),
        fail("cn 70-character file name", CN, &["DB-CN-FILE-NAME-LENGTH"], |app| {
            rename_leaf(&s0(app), CN, QOS, &format!("{}.pdf", "q".repeat(66)));
        }),
        pass("cn 64-character file name", CN, "DB-CN-FILE-NAME-LENGTH", |app| {
            rename_leaf(&s0(app), CN, QOS, &format!("{}.pdf", "q".repeat(60)));
        }),
        fail("cn 65-character folder name", CN, &["DB-CN-FOLDER-NAME-LENGTH"], |app| {
            rename_folder(&s0(app), CN, "m2/23-qos", &"f".repeat(65));
        }),
        pass("cn 64-character folder name", CN, "DB-CN-FOLDER-NAME-LENGTH", |app| {
            rename_folder(&s0(app), CN, "m2/23-qos", &"f".repeat(64));
        }),
        fail("cn altered util file", CN, &["DB-CN-UTIL"], |app| {
            let p = s0(app).join("util/dtd/ich-ectd-3-2.dtd");
            let text = read(&p).replace("\r\n", "\n");
            fs::write(&p, text).unwrap();
        }),
        pass("cn util files as published", CN, "DB-CN-UTIL", noop),
        fail("cn extra entry at the root", CN, &["DB-CN-ROOT"], |app| fs::create_dir_all(s0(app).join("docs")).map(|_| fs::write(s0(app).join("docs/readme.txt"), "x").unwrap()).unwrap()),
        pass("cn only the allowed root entries", CN, "DB-CN-ROOT", noop),
        fail("cn unreferenced file", CN, &["DB-CN-UNREFERENCED"], |app| {
            fs::copy(s0(app).join(QOS), s0(app).join("m2/23-qos/stray.pdf")).unwrap();
        }),
        pass("cn every file referenced", CN, "DB-CN-UNREFERENCED", noop),
        fail("cn word file", CN, &["DB-CN-EXTENSION"], |app| {
            rename_leaf(&s0(app), CN, QOS, "qos-drug-product.doc");
        }),
        pass("cn text file", CN, "DB-CN-EXTENSION", |app| {
            rename_leaf(&s0(app), CN, QOS, "qos-drug-product.txt");
        }),
        fail("cn 201 MB file", CN, &["DB-CN-FILE-SIZE"], |app| big_leaf(app, 201)),
        pass("cn 2 MB text file", CN, "DB-CN-FILE-SIZE", |app| big_leaf(app, 2)),
        fail("cn empty folder", CN, &["DB-CN-EMPTY-FOLDER"], |app| fs::create_dir_all(s0(app).join("m3/empty")).unwrap()),
        pass("cn no empty folder", CN, "DB-CN-EMPTY-FOLDER", noop),
        fail("cn index.xml missing", CN, &["DB-CN-INDEX"], |app| fs::remove_file(s0(app).join("index.xml")).unwrap()),
        pass("cn index.xml present", CN, "DB-CN-INDEX", noop),
        fail("cn index.xml not well-formed", CN, &["DB-CN-INDEX-XML"], backbone("0000", "index.xml", |s| s.replace("</ectd:ectd>", "</ectd:ectd")))
            .not_evaluated(&[
                "DB-CN-DELETE", "DB-CN-FIRST-NEW", "DB-CN-HREF-RELATIVE", "DB-CN-HREF-TARGET", "DB-CN-INDEX-DTD", "DB-CN-LEAF-ID", "DB-CN-LEAF-ID-DIGIT",
                "DB-CN-LEAF-MD5", "DB-CN-MODIFIED", "DB-CN-MODIFIED-ONCE", "DB-CN-MODIFIED-TARGET", "DB-CN-OPERATION", "DB-CN-UNREFERENCED", "DB-HREF-OUTSIDE",
            ]),
        pass("cn index.xml well-formed", CN, "DB-CN-INDEX-XML", noop),
        fail("cn index.xml not valid", CN, &["DB-CN-INDEX-DTD"], backbone("0000", "index.xml", |s| s.replacen("<leaf ID=\"lf-", "<leaf colour=\"red\" ID=\"lf-", 1))),
        pass("cn index.xml valid", CN, "DB-CN-INDEX-DTD", noop),
        fail("cn leaf file missing", CN, &["DB-CN-HREF-TARGET"], |app| fs::remove_file(s0(app).join(QOS)).unwrap()),
        pass("cn leaf files present", CN, "DB-CN-HREF-TARGET", noop),
        fail("cn backslash in an href", CN, &["DB-CN-HREF-RELATIVE"], backbone("0000", "index.xml", |s| s.replacen(&format!("\"{QOS}\""), &format!("\"{}\"", QOS.replace('/', "\\")), 1))),
        pass("cn forward slashes in hrefs", CN, "DB-CN-HREF-RELATIVE", noop),
        fail("cn append in the first sequence", CN, &["DB-CN-FIRST-NEW"], backbone("0000", "index.xml", |s| {
            let leaf = leaf_xml(&s, QOS);
            s.replacen(&leaf, &leaf.replacen("operation=\"new\"", "operation=\"append\" modified-file=\"index.xml#x\"", 1), 1)
        })),
        pass("cn only new in the first sequence", CN, "DB-CN-FIRST-NEW", noop),
        fail("cn replace without modified-file", CN, &["DB-CN-MODIFIED"], |app| replace_leaf(app, |l| without(l, "modified-file"))).second(),
        pass("cn replace with modified-file", CN, "DB-CN-MODIFIED", noop).second(),
        fail("cn modified-file to no such leaf", CN, &["DB-CN-MODIFIED-TARGET"], |app| replace_leaf(app, |l| with(l, "modified-file", "../0000/index.xml#lf-nowhere"))).second(),
        pass("cn modified-file to the earlier leaf", CN, "DB-CN-MODIFIED-TARGET", noop).second(),
        // Our rule, as EU VC 8.2 11.12: replace, delete and append alike (issue 15, point 10).
        fail("cn second replace of the same leaf", CN, &["DB-CN-MODIFIED-ONCE"], |app| twin_of_replace(app, "replace")).second(),
        fail("cn append to a leaf replaced in the same sequence", CN, &["DB-CN-MODIFIED-ONCE"], |app| twin_of_replace(app, "append")).second(),
        pass("cn one replace of the leaf", CN, "DB-CN-MODIFIED-ONCE", noop).second(),
        fail("cn duplicate leaf ids", CN, &["DB-CN-LEAF-ID"], |app| {
            let s = s0(app);
            let qos = leaf_id(&read(&s.join("index.xml")), QOS);
            edit(&s.join(REGIONAL), |t| {
                let leaf = leaf_xml(&t, "10-cover/cover-letter-cn.pdf");
                t.replacen(&leaf, &with(&leaf, "ID", &qos), 1)
            });
            reseal(&s, CN);
        }),
        pass("cn unique leaf ids", CN, "DB-CN-LEAF-ID", noop),
        fail("cn flipped byte in a leaf", CN, &["DB-CN-LEAF-MD5"], |app| flip(&s0(app).join(QOS))),
        pass("cn changed leaf with its new checksum", CN, "DB-CN-LEAF-MD5", |app| {
            flip(&s0(app).join(QOS));
            reseal(&s0(app), CN);
        }),
        fail("cn stale index-md5.txt", CN, &["DB-CN-INDEX-MD5"], |app| fs::write(s0(app).join("index-md5.txt"), "0".repeat(32)).unwrap()),
        pass("cn index-md5.txt in upper case", CN, "DB-CN-INDEX-MD5", |app| {
            let p = s0(app).join("index-md5.txt");
            let text = read(&p).to_ascii_uppercase();
            fs::write(&p, text).unwrap();
        }),
        fail("cn delete with href", CN, &["DB-CN-DELETE"], |app| replace_leaf(app, |l| with(l, "operation", "delete"))).second(),
        pass("cn delete without href or checksum", CN, "DB-CN-DELETE", |app| {
            let s = seq(app, "0001");
            let mut href = String::new();
            replace_leaf(app, |l| {
                href = attr(l, "xlink:href").unwrap();
                // The ICH DTD requires the checksum attribute: "no checksum" is an empty one.
                with(&without(&with(l, "operation", "delete"), "xlink:href"), "checksum", "")
            });
            fs::remove_file(s.join(&href)).unwrap();
            remove_empty_parents(&s, &href);
        })
        .second(),
        fail("cn regional not valid", CN, &["DB-CN-REGIONAL-XSD"], backbone("0000", REGIONAL, |s| {
            let start = s.find("<product-number>").unwrap();
            let end = s.find("</product-number>").unwrap() + "</product-number>".len();
            let element = s[start..end].to_owned();
            s.replacen(&element, "", 1).replacen("<application-id>", &format!("{element}<application-id>"), 1)
        })),
        pass("cn regional valid", CN, "DB-CN-REGIONAL-XSD", noop),
        fail("cn regional missing", CN, &["DB-CN-REGIONAL"], |app| fs::remove_file(s0(app).join(REGIONAL)).unwrap()),
        pass("cn regional present", CN, "DB-CN-REGIONAL", noop),
        fail("cn nine-digit product number", CN, &["DB-CN-PRODUCT-NUMBER"], backbone("0000", REGIONAL, |s| s.replace("<product-number>2026000001<", "<product-number>202600001<"))),
        pass("cn ten-digit product number", CN, "DB-CN-PRODUCT-NUMBER", noop),
        fail("cn envelope sequence differs from the folder", CN, &["DB-CN-SEQUENCE-ENVELOPE"], backbone("0000", REGIONAL, |s| s.replace("<sequence-number>0000<", "<sequence-number>0007<"))),
        pass("cn envelope sequence equals the folder", CN, "DB-CN-SEQUENCE-ENVELOPE", noop),
        fail("cn unknown activity code", CN, &["DB-CN-CV"], envelope_code("regulatory-activity-type", "cnrat99")),
        pass("cn another known activity code", CN, "DB-CN-CV", envelope_code("regulatory-activity-type", "cnrat6")),
        fail("cn record activity for a clinical trial application", CN, &["DB-CN-COMBINATION"], |app| {
            envelope_code("application-type", "cnapt1")(app);
            envelope_code("regulatory-activity-type", "cnrat3")(app);
        }),
        fail("cn original sequence of a baseline activity", CN, &["DB-CN-COMBINATION"], envelope_code("regulatory-activity-type", "cnrat9")),
        pass("cn supplement of a clinical trial application", CN, "DB-CN-COMBINATION", |app| {
            envelope_code("application-type", "cnapt1")(app);
            envelope_code("regulatory-activity-type", "cnrat2")(app);
        }),
    ];
    let mut misnamed = fail("cn sequence folder not four digits", CN, &["DB-CN-SEQUENCE-FOLDER"], |app| fs::rename(s0(app), app.join("000a")).unwrap());
    misnamed.sequence = "000a";
    out.push(misnamed);
    out.push(pass("cn sequence folder four digits", CN, "DB-CN-SEQUENCE-FOLDER", noop));
    out
}

/// Points the QOS leaf at a sparse text file of `mb` MB instead of the PDF.
fn big_leaf(app: &Path, mb: u64) {
    let s = s0(app);
    let big = "m2/23-qos/qos-drug-product.txt";
    let f = fs::File::create(s.join(big)).unwrap();
    f.set_len(mb << 20).unwrap();
    fs::remove_file(s.join(QOS)).unwrap();
    edit(&s.join("index.xml"), |t| t.replacen(&format!("\"{QOS}\""), &format!("\"{big}\""), 1));
    reseal(&s, CN);
}
