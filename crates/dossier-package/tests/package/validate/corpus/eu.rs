//! EU M1 validation criteria v8.2: one failing and one passing case per rule (PDF rules in
//! `pdfs.rs`), plus our own `DB-` rules on an EU sequence.

use std::fs;
use std::path::Path;

use dossier_package::Region;

use super::*;

const EU: Region = Region::Eu;
const REGIONAL: &str = "m1/eu/eu-regional.xml";
pub const TRACKING: &str = "m1/eu/10-cover/ema/ema-tracking-var.pdf";

fn s0(app: &Path) -> PathBuf {
    seq(app, "0000")
}

fn s1(app: &Path) -> PathBuf {
    seq(app, "0001")
}

/// Edits a backbone of sequence `n` and reseals.
fn backbone(n: &'static str, rel: &'static str, f: fn(String) -> String) -> impl Fn(&Path) + Send + Sync {
    move |app: &Path| {
        let s = seq(app, n);
        edit(&s.join(rel), f);
        reseal(&s, EU);
    }
}

fn noop_rewrite(rel: &'static str) -> impl Fn(&Path) + Send + Sync {
    move |app: &Path| {
        let p = s0(app).join(rel);
        let bytes = fs::read(&p).unwrap();
        fs::write(&p, bytes).unwrap();
    }
}

/// The replace leaf of sequence 0001 (its modified-file points into 0000).
fn replace_leaf(index: &str) -> String {
    let at = index.find("operation=\"replace\"").expect("0001 has a replace leaf");
    let start = index[..at].rfind("<leaf ").unwrap();
    let end = at + index[at..].find("</leaf>").unwrap() + "</leaf>".len();
    index[start..end].to_owned()
}

fn edit_replace_leaf(app: &Path, f: impl FnOnce(&str) -> String) {
    let s = s1(app);
    edit(&s.join("index.xml"), |text| {
        let leaf = replace_leaf(&text);
        text.replacen(&leaf, &f(&leaf), 1)
    });
    reseal(&s, EU);
}

fn set_attr(tag: &str, name: &str, value: &str) -> String {
    let old = attr(tag, name).unwrap_or_else(|| panic!("no {name} in {tag}"));
    tag.replacen(&format!(" {name}=\"{old}\""), &format!(" {name}=\"{value}\""), 1)
}

fn remove_attr(tag: &str, name: &str) -> String {
    let old = attr(tag, name).unwrap_or_else(|| panic!("no {name} in {tag}"));
    tag.replacen(&format!(" {name}=\"{old}\""), "", 1)
}

/// The envelope block of eu-regional.xml.
fn envelope(text: &str) -> String {
    let start = text.find("<envelope ").unwrap();
    let end = text.find("</envelope>").unwrap() + "</envelope>".len();
    text[start..end].to_owned()
}

/// Adds a second envelope for `country` (with `uuid`, or the same UUID when `None`).
fn second_envelope(text: String, country: &str, uuid: Option<&str>) -> String {
    let env = envelope(&text);
    let mut other = env.replacen("country=\"ema\"", &format!("country=\"{country}\""), 1);
    if let Some(u) = uuid {
        let old = &other[other.find("<identifier>").unwrap() + 12..other.find("</identifier>").unwrap()].to_owned();
        other = other.replacen(old.as_str(), u, 1);
    }
    text.replacen(&env, &format!("{env}\n    {other}"), 1)
}

fn util_cases(out: &mut Vec<Case>) {
    let files: [(&str, [&'static str; 3]); 6] = [
        ("util/dtd/ich-ectd-3-2.dtd", ["1.1", "1.2", "1.3"]),
        ("util/style/ectd-2-0.xsl", ["2.1", "2.2", "2.3"]),
        ("util/dtd/eu-regional.dtd", ["3.1", "3.2", "3.3"]),
        ("util/dtd/eu-leaf.mod", ["4.1", "4.2", "4.3"]),
        ("util/dtd/eu-envelope.mod", ["5.1", "5.2", "5.3"]),
        ("util/style/eu-regional.xsl", ["6.1", "6.2", "6.3"]),
    ];
    for (rel, [name, folder, md5]) in files {
        let file = rel.rsplit('/').next().unwrap();
        let leak = |s: String| -> &'static str { Box::leak(s.into_boxed_str()) };
        out.push(fail(leak(format!("eu {file} missing")), EU, &[name], move |app| fs::remove_file(s0(app).join(rel)).unwrap()));
        out.push(fail(leak(format!("eu {file} in the wrong folder")), EU, &[folder], move |app| {
            fs::rename(s0(app).join(rel), s0(app).join("util").join(file)).unwrap()
        }));
        out.push(fail(leak(format!("eu {file} altered")), EU, &[md5], move |app| {
            let p = s0(app).join(rel);
            let mut bytes = fs::read(&p).unwrap();
            bytes.extend_from_slice(b"\r\n");
            fs::write(&p, bytes).unwrap();
        }));
        for rule in [name, folder, md5] {
            out.push(pass(leak(format!("eu {file} rewritten byte-identical ({rule})")), EU, rule, noop_rewrite(rel)));
        }
    }
    out.push(fail("eu lf-normalised ich dtd", EU, &["1.3"], |app| {
        let p = s0(app).join("util/dtd/ich-ectd-3-2.dtd");
        let text = read(&p).replace("\r\n", "\n");
        fs::write(&p, text).unwrap();
    }));
}

pub fn cases() -> Vec<Case> {
    let mut out = Vec::new();
    util_cases(&mut out);

    // 7.x index.xml
    out.push(fail("eu index.xml missing", EU, &["7.1"], |app| fs::remove_file(s0(app).join("index.xml")).unwrap()));
    out.push(pass("eu index.xml present", EU, "7.1", noop_rewrite("index.xml")));
    out.push(fail("eu index.xml misnamed", EU, &["7.2"], |app| fs::rename(s0(app).join("index.xml"), s0(app).join("Index.xml")).unwrap()));
    out.push(pass("eu index.xml named correctly", EU, "7.2", noop_rewrite("index.xml")));
    // A refused backbone leaves every rule that reads its content not evaluated (not a cascade).
    out.push(fail("eu index.xml not well-formed", EU, &["7.3"], backbone("0000", "index.xml", |s| s.replace("</ectd:ectd>", "</ectd:ectd"))).not_evaluated(INDEX_CONTENT));
    out.push(pass("eu index.xml with extra whitespace", EU, "7.3", backbone("0000", "index.xml", |s| s.replace("</ectd:ectd>", "</ectd:ectd >\n\n"))));
    out.push(fail("eu index.xml not valid", EU, &["7.4"], backbone("0000", "index.xml", |s| s.replacen("<leaf ID=\"lf-", "<leaf colour=\"red\" ID=\"lf-", 1))));
    out.push(pass("eu index.xml with an optional attribute", EU, "7.4", backbone("0000", "index.xml", |s| s.replacen("<leaf ID=\"lf-", "<leaf version=\"2\" ID=\"lf-", 1))));
    out.push(fail("eu index.xml doctype outside util", EU, &["7.5"], backbone("0000", "index.xml", |s| s.replacen("\"util/dtd/ich-ectd-3-2.dtd\"", "\"http://example.com/ich-ectd-3-2.dtd\"", 1))));
    out.push(pass("eu index.xml doctype into util", EU, "7.5", noop_rewrite("index.xml")));
    out.push(fail("eu index.xml stylesheet outside util", EU, &["7.6"], backbone("0000", "index.xml", |s| s.replacen("href=\"util/style/ectd-2-0.xsl\"", "href=\"http://example.com/ectd-2-0.xsl\"", 1))));
    out.push(pass("eu index.xml stylesheet into util", EU, "7.6", noop_rewrite("index.xml")));

    // 8.x index-md5.txt
    out.push(fail("eu index-md5.txt missing", EU, &["8.1"], |app| fs::remove_file(s0(app).join("index-md5.txt")).unwrap()));
    out.push(pass("eu index-md5.txt present", EU, "8.1", noop_rewrite("index-md5.txt")));
    out.push(fail("eu index-md5.txt misnamed", EU, &["8.2"], |app| fs::rename(s0(app).join("index-md5.txt"), s0(app).join("INDEX-MD5.txt")).unwrap()));
    out.push(pass("eu index-md5.txt with a trailing newline", EU, "8.2", |app| {
        let p = s0(app).join("index-md5.txt");
        let text = read(&p);
        fs::write(&p, format!("{}\n", text.trim())).unwrap();
    }));
    out.push(fail("eu stale index-md5.txt", EU, &["8.3"], |app| fs::write(s0(app).join("index-md5.txt"), "0".repeat(32)).unwrap()));
    out.push(pass("eu index-md5.txt in upper case", EU, "8.3", |app| {
        let p = s0(app).join("index-md5.txt");
        let text = read(&p).to_ascii_uppercase();
        fs::write(&p, text).unwrap();
    }));

    // 9.x eu-regional.xml
    out.push(fail("eu regional missing", EU, &["9.1"], |app| fs::remove_file(s0(app).join(REGIONAL)).unwrap()));
    out.push(pass("eu regional present", EU, "9.1", noop_rewrite(REGIONAL)));
    out.push(fail("eu regional misnamed", EU, &["9.2"], |app| fs::rename(s0(app).join(REGIONAL), s0(app).join("m1/eu/euregional.xml")).unwrap()));
    out.push(pass("eu regional named correctly", EU, "9.2", noop_rewrite(REGIONAL)));
    out.push(fail("eu regional not well-formed", EU, &["9.3"], backbone("0000", REGIONAL, |s| s.replace("</eu:eu-backbone>", "</eu:eu-backbone"))).not_evaluated(REGIONAL_CONTENT));
    out.push(pass("eu regional with a comment", EU, "9.3", backbone("0000", REGIONAL, |s| s.replace("<m1-eu>", "<m1-eu><!-- checked -->"))));
    out.push(fail("eu regional not valid", EU, &["9.4"], backbone("0000", REGIONAL, |s| {
        let start = s.find("<applicant>").unwrap();
        let end = s.find("</applicant>").unwrap() + "</applicant>".len();
        format!("{}{}", &s[..start], &s[end..])
    })));
    out.push(pass("eu regional with a second invented name", EU, "9.4", backbone("0000", REGIONAL, |s| s.replacen("<invented-name>Examplix</invented-name>", "<invented-name>Examplix</invented-name><invented-name>Examplix Forte</invented-name>", 1))));
    // 9.4 is validity "with respect to the EU Module 1 DTD file included in the util/dtd
    // folder": a sequence built with an older EU M1 version is valid against its own DTD; that
    // the DTD is not the current one is 3.3–5.3's finding (issue 15, point 7).
    out.push(pass("eu regional valid against the older eu-envelope.mod in its util folder", EU, "9.4", older_envelope_module).failing_too(&["5.3"]));
    out.push(fail("eu regional invalid against the older eu-envelope.mod in its util folder", EU, &["5.3", "9.4"], |app| {
        older_envelope_module(app);
        let s = s0(app);
        edit(&s.join(REGIONAL), |t| t.replacen("type=\"initial-maa\"", "type=\"maa\"", 1));
        reseal(&s, EU);
    }));
    out.push(fail("eu regional doctype outside util", EU, &["9.5"], backbone("0000", REGIONAL, |s| s.replacen("\"../../util/dtd/eu-regional.dtd\"", "\"eu-regional.dtd\"", 1))));
    out.push(pass("eu regional doctype into util", EU, "9.5", noop_rewrite(REGIONAL)));
    out.push(fail("eu regional stylesheet outside util", EU, &["9.6"], backbone("0000", REGIONAL, |s| s.replacen("href=\"../../util/style/eu-regional.xsl\"", "href=\"eu-regional.xsl\"", 1))));
    out.push(pass("eu regional stylesheet into util", EU, "9.6", noop_rewrite(REGIONAL)));
    out.push(fail("eu malformed uuid", EU, &["9.7"], backbone("0000", REGIONAL, |s| s.replacen("8f1c9b0e-6a1d", "8f1c9b0e6a1d", 1))));
    out.push(pass("eu upper-case uuid", EU, "9.7", backbone("0000", REGIONAL, |s| s.replacen("8f1c9b0e-6a1d-4e2b-9c3f-2d7a5b4e6f10", "8F1C9B0E-6A1D-4E2B-9C3F-2D7A5B4E6F10", 1))));
    out.push(fail("eu uuid changed between sequences", EU, &["9.8"], backbone("0001", REGIONAL, |s| s.replacen("8f1c9b0e-6a1d", "9f1c9b0e-6a1d", 1))).second());
    out.push(pass("eu uuid kept between sequences", EU, "9.8", noop_rewrite(REGIONAL)).second());
    out.push(fail("eu envelopes with different uuids", EU, &["9.9"], backbone("0000", REGIONAL, |s| second_envelope(s, "edqm", Some("11111111-2222-3333-4444-555555555555")))));
    out.push(pass("eu envelopes with one uuid", EU, "9.9", backbone("0000", REGIONAL, |s| second_envelope(s, "edqm", None))));

    // 10.1, 12.1 headings
    out.push(fail("eu heading without a leaf", EU, &["10.1"], |app| {
        let s = s0(app);
        edit(&s.join("index.xml"), |t| {
            let leaf = leaf_xml(&t, "m2/22-intro/introduction.pdf");
            t.replacen(&leaf, "", 1)
        });
        fs::remove_file(s.join("m2/22-intro/introduction.pdf")).unwrap();
        remove_empty_parents(&s, "m2/22-intro/introduction.pdf");
        reseal(&s, EU);
    }));
    out.push(pass("eu heading whose leaf sits in a node-extension", EU, "10.1", backbone("0000", "index.xml", |t| {
        let leaf = leaf_xml(&t, "m2/25-clin-over/clinical-overview.pdf");
        t.replacen(&leaf, &format!("<node-extension ID=\"ne-1\"><title>Overview</title>{leaf}</node-extension>"), 1)
    })));
    out.push(fail("eu node-extension without a title", EU, &["12.1"], backbone("0000", "index.xml", |t| {
        let leaf = leaf_xml(&t, "m2/25-clin-over/clinical-overview.pdf");
        t.replacen(&leaf, &format!("<node-extension ID=\"ne-1\"><title></title>{leaf}</node-extension>"), 1)
    })));
    out.push(pass("eu node-extension with a title", EU, "12.1", backbone("0000", "index.xml", |t| {
        let leaf = leaf_xml(&t, "m2/25-clin-over/clinical-overview.pdf");
        t.replacen(&leaf, &format!("<node-extension ID=\"ne-1\"><title>Overview</title>{leaf}</node-extension>"), 1)
    })));

    // 11.x leaves
    out.push(fail("eu checksum type sha1", EU, &["11.1"], backbone("0000", "index.xml", |t| {
        let leaf = leaf_xml(&t, QOS);
        t.replacen(&leaf, &leaf.replace("checksum-type=\"md5\"", "checksum-type=\"sha1\""), 1)
    })));
    out.push(pass("eu checksum type MD5", EU, "11.1", backbone("0000", "index.xml", |t| {
        let leaf = leaf_xml(&t, QOS);
        t.replacen(&leaf, &leaf.replace("checksum-type=\"md5\"", "checksum-type=\"MD5\""), 1)
    })));
    out.push(fail("eu flipped byte in a leaf", EU, &["11.2"], |app| flip(&s0(app).join(QOS))));
    out.push(pass("eu changed leaf with its new checksum", EU, "11.2", |app| {
        flip(&s0(app).join(QOS));
        reseal(&s0(app), EU);
    }));
    out.push(fail("eu empty leaf title", EU, &["11.3"], backbone("0000", "index.xml", |t| set_title(t, QOS, " "))));
    out.push(pass("eu chinese leaf title", EU, "11.3", backbone("0000", "index.xml", |t| set_title(t, QOS, "易普利"))));
    out.push(fail("eu new leaf without href", EU, &["11.4"], |app| {
        let s = s0(app);
        edit(&s.join("index.xml"), |t| {
            let leaf = leaf_xml(&t, QOS);
            t.replacen(&leaf, &remove_attr(&leaf, "xlink:href"), 1)
        });
        fs::remove_file(s.join(QOS)).unwrap();
        reseal(&s, EU);
    }));
    out.push(pass("eu new leaf with href", EU, "11.4", noop_rewrite("index.xml")));
    out.push(fail("eu delete with href", EU, &["11.5"], |app| edit_replace_leaf(app, |l| set_attr(l, "operation", "delete"))).second());
    out.push(pass("eu delete without href", EU, "11.5", |app| {
        let s = s1(app);
        let index = read(&s.join("index.xml"));
        let href = attr(&replace_leaf(&index), "xlink:href").unwrap();
        edit_replace_leaf(app, |l| remove_attr(&set_attr(l, "operation", "delete"), "xlink:href"));
        fs::remove_file(s.join(&href)).unwrap();
        remove_empty_parents(&s, &href);
    })
    .second());
    out.push(fail("eu leaf file missing", EU, &["11.6"], |app| {
        fs::remove_file(s0(app).join(QOS)).unwrap();
    }));
    out.push(pass("eu leaf pointing into the earlier sequence", EU, "11.6", |app| {
        let s = s1(app);
        let index = read(&s.join("index.xml"));
        let href = attr(&replace_leaf(&index), "xlink:href").unwrap();
        edit_replace_leaf(app, |l| set_attr(l, "xlink:href", &format!("../0000/{href}")));
        fs::remove_file(s.join(&href)).unwrap();
        remove_empty_parents(&s, &href);
    })
    .second());
    out.push(fail("eu replace without modified-file", EU, &["11.7"], |app| edit_replace_leaf(app, |l| remove_attr(l, "modified-file"))).second());
    out.push(pass("eu replace with modified-file", EU, "11.7", noop_rewrite("index.xml")).second());
    out.push(fail("eu new with modified-file", EU, &["11.8"], |app| edit_replace_leaf(app, |l| set_attr(l, "operation", "new"))).second());
    out.push(pass("eu new without modified-file", EU, "11.8", |app| edit_replace_leaf(app, |l| remove_attr(&set_attr(l, "operation", "new"), "modified-file"))).second());
    out.push(fail("eu modified-file to no such leaf", EU, &["11.9"], |app| {
        edit_replace_leaf(app, |l| {
            let m = attr(l, "modified-file").unwrap();
            set_attr(l, "modified-file", &format!("{}#lf-nowhere", m.split('#').next().unwrap()))
        })
    })
    .second());
    out.push(pass("eu modified-file to the earlier leaf", EU, "11.9", noop_rewrite("index.xml")).second());
    out.push(fail("eu modified-file in another section", EU, &["11.10"], |app| {
        let qos = leaf_id(&read(&s0(app).join("index.xml")), QOS);
        edit_replace_leaf(app, |l| set_attr(l, "modified-file", &format!("../0000/index.xml#{qos}")))
    })
    .second());
    out.push(pass("eu modified-file in the same section", EU, "11.10", noop_rewrite("index.xml")).second());
    out.push(fail("eu duplicate leaf ids", EU, &["11.11"], |app| {
        let s = s0(app);
        let qos = leaf_id(&read(&s.join("index.xml")), QOS);
        edit(&s.join(REGIONAL), |t| {
            let leaf = leaf_xml(&t, "10-cover/ema/cover-letter-ema.pdf");
            t.replacen(&leaf, &set_attr(&leaf, "ID", &qos), 1)
        });
        reseal(&s, EU);
    }));
    out.push(pass("eu leaf ids unique", EU, "11.11", noop_rewrite("index.xml")));
    out.push(fail("eu second replace of the same leaf", EU, &["11.12"], |app| {
        let s = s1(app);
        edit(&s.join("index.xml"), |t| {
            let leaf = replace_leaf(&t);
            let href = attr(&leaf, "xlink:href").unwrap();
            let copy = format!("{}/second-copy.pdf", href.rsplit_once('/').unwrap().0);
            fs::copy(s.join(&href), s.join(&copy)).unwrap();
            let twin = set_attr(&set_attr(&leaf, "ID", "lf-twin"), "xlink:href", &copy);
            t.replacen(&leaf, &format!("{leaf}\n{twin}"), 1)
        });
        reseal(&s, EU);
    })
    .second());
    out.push(pass("eu one replace of the leaf", EU, "11.12", noop_rewrite("index.xml")).second());
    lifecycle_cases(&mut out);

    // 13.x sequence folder
    let mut misnamed = fail("eu sequence folder not four digits", EU, &["13.1"], |app| fs::rename(s0(app), app.join("000a")).unwrap());
    misnamed.sequence = "000a";
    out.push(misnamed);
    out.push(pass("eu sequence folder four digits", EU, "13.1", noop_rewrite("index.xml")));
    out.push(fail("eu envelope sequence differs from the folder", EU, &["13.3"], backbone("0000", REGIONAL, |s| s.replace("<sequence>0000</sequence>", "<sequence>0007</sequence>"))));
    out.push(pass("eu envelope sequence equals the folder", EU, "13.3", noop_rewrite(REGIONAL)));

    // 14.x envelope
    out.push(fail("eu two ema envelopes", EU, &["14.1"], backbone("0000", REGIONAL, |s| second_envelope(s, "ema", None))));
    out.push(pass("eu one ema envelope", EU, "14.1", noop_rewrite(REGIONAL)));
    out.push(fail("eu mutual recognition without a country envelope", EU, &["14.2"], backbone("0000", REGIONAL, |s| s.replace("<procedure type=\"centralised\"/>", "<procedure type=\"mutual-recognition\"/>"))));
    out.push(pass("eu mutual recognition with a country envelope", EU, "14.2", backbone("0000", REGIONAL, |s| {
        second_envelope(s, "de", None).replace("<procedure type=\"centralised\"/>", "<procedure type=\"mutual-recognition\"/>")
    })));
    out.push(fail("eu national with no country envelope", EU, &["14.3"], backbone("0000", REGIONAL, |s| s.replace("<procedure type=\"centralised\"/>", "<procedure type=\"national\"/>"))));
    out.push(pass("eu national with one country envelope", EU, "14.3", backbone("0000", REGIONAL, |s| {
        s.replace("<procedure type=\"centralised\"/>", "<procedure type=\"national\"/>").replace("country=\"ema\"", "country=\"de\"")
    })));
    out.push(fail("eu cep without an edqm envelope", EU, &["14.4"], backbone("0000", REGIONAL, |s| s.replace("<submission type=\"maa\">", "<submission type=\"cep\">"))));
    out.push(pass("eu cep with an edqm envelope", EU, "14.4", backbone("0000", REGIONAL, |s| {
        second_envelope(s, "edqm", None).replace("<submission type=\"maa\">", "<submission type=\"cep\">")
    })));
    out.push(fail("eu country leaf without its envelope", EU, &["14.5"], backbone("0000", REGIONAL, |s| s.replacen("<specific country=\"ema\">", "<specific country=\"de\">", 1))));
    out.push(pass("eu common leaf needs no envelope", EU, "14.5", backbone("0000", REGIONAL, |s| s.replacen("<specific country=\"ema\">", "<specific country=\"common\">", 1))));
    out.push(fail("eu initial relating to another sequence", EU, &["14.6"], backbone("0000", REGIONAL, |s| s.replace("<related-sequence>0000</related-sequence>", "<related-sequence>0003</related-sequence>"))));
    out.push(pass("eu initial relating to itself", EU, "14.6", noop_rewrite(REGIONAL)));
    out.push(fail("eu response relating to itself", EU, &["14.7"], backbone("0001", REGIONAL, |s| s.replace("<submission-unit type=\"initial\"/>", "<submission-unit type=\"response\"/>"))).second());
    out.push(pass("eu response relating to the initial", EU, "14.7", backbone("0001", REGIONAL, |s| {
        s.replace("<submission-unit type=\"initial\"/>", "<submission-unit type=\"response\"/>").replace("<related-sequence>0001</related-sequence>", "<related-sequence>0000</related-sequence>")
    }))
    .second());
    out.push(fail("eu initial maa without inn", EU, &["14.8"], backbone("0000", REGIONAL, |s| s.replace("<inn>examplinib</inn>", ""))));
    out.push(pass("eu variation without inn", EU, "14.8", backbone("0001", REGIONAL, |s| {
        s.replace("<inn>examplinib</inn>", "").replace("<submission type=\"maa\">", "<submission type=\"var-type2\">")
    }))
    .second());
    out.push(fail("eu edqm envelope outside a centralised procedure", EU, &["14.9"], backbone("0000", REGIONAL, |s| {
        second_envelope(second_envelope(s, "edqm", None), "de", None).replace("<procedure type=\"centralised\"/>", "<procedure type=\"mutual-recognition\"/>")
    })));
    out.push(pass("eu edqm envelope in a centralised procedure", EU, "14.9", backbone("0000", REGIONAL, |s| second_envelope(s, "edqm", None))));

    // 15.x files and folders
    out.push(fail("eu 190-character path", EU, &["15.3"], |app| long_path(&s0(app), 190)));
    out.push(pass("eu 180-character path", EU, "15.3", |app| long_path(&s0(app), 180)));
    out.push(fail("eu 70-character file name", EU, &["15.4"], |app| {
        rename_leaf(&s0(app), EU, QOS, &format!("{}.pdf", "q".repeat(66)));
    }));
    out.push(pass("eu 64-character file name", EU, "15.4", |app| {
        rename_leaf(&s0(app), EU, QOS, &format!("{}.pdf", "q".repeat(60)));
    }));
    out.push(fail("eu 65-character folder name", EU, &["15.5"], |app| {
        rename_folder(&s0(app), EU, "m2/23-qos", &"f".repeat(65));
    }));
    out.push(pass("eu 64-character folder name", EU, "15.5", |app| {
        rename_folder(&s0(app), EU, "m2/23-qos", &"f".repeat(64));
    }));
    out.push(fail("eu upper-case file name", EU, &["15.6"], |app| {
        rename_leaf(&s0(app), EU, QOS, "QOS-drug-product.pdf");
    }));
    out.push(fail("eu underscore in a file name", EU, &["15.6"], |app| {
        rename_leaf(&s0(app), EU, QOS, "qos_drug_product.pdf");
    }));
    out.push(pass("eu digits and hyphens in a file name", EU, "15.6", |app| {
        rename_leaf(&s0(app), EU, QOS, "qos-2-drug-product-v1.pdf");
    }));
    out.push(fail("eu upper-case folder name", EU, &["15.7"], |app| {
        rename_folder(&s0(app), EU, "m2/23-qos", "23-QOS");
    }));
    out.push(pass("eu digits and hyphens in a folder name", EU, "15.7", |app| {
        rename_folder(&s0(app), EU, "m2/23-qos", "23-qos-2");
    }));
    out.push(fail("eu unreferenced file", EU, &["15.8"], |app| {
        fs::copy(s0(app).join(QOS), s0(app).join("m2/23-qos/stray.pdf")).unwrap();
    }));
    out.push(pass("eu every file referenced", EU, "15.8", noop_rewrite(QOS)));
    out.push(fail("eu extra file at the root", EU, &["15.9"], |app| fs::write(s0(app).join("readme.txt"), "notes").unwrap()));
    out.push(pass("eu only index files at the root", EU, "15.9", noop_rewrite("index-md5.txt")));
    out.push(fail("eu empty folder", EU, &["15.10"], |app| fs::create_dir_all(s0(app).join("m2/empty")).unwrap()));
    out.push(pass("eu no empty folder", EU, "15.10", noop_rewrite(QOS)));
    out.push(fail("eu tracking table missing", EU, &["15.11"], |app| {
        let s = s0(app);
        edit(&s.join(REGIONAL), |t| {
            let leaf = leaf_xml(&t, "10-cover/ema/ema-tracking-var.pdf");
            t.replacen(&leaf, "", 1)
        });
        fs::remove_file(s.join(TRACKING)).unwrap();
        reseal(&s, EU);
    }));
    out.push(pass("eu tracking table present", EU, "15.11", noop_rewrite(TRACKING)));
    // EU M1 IG v3.1.1 "File Naming Convention": CC-FIXED-VAR.EXT, VAR "an additional optional
    // variable component" — `-var` in `cc-tracking-var.pdf` is that component, not the letters.
    out.push(fail("eu tracking table with a wrong fixed part", EU, &["15.12"], |app| {
        rename_leaf(&s0(app), EU, TRACKING, "ema-trackingtable-rsi.pdf");
    }));
    out.push(fail("eu tracking table of another country", EU, &["15.12"], |app| {
        rename_leaf(&s0(app), EU, TRACKING, "common-tracking-var.pdf");
    }));
    out.push(fail("eu tracking table with a wrong country code", EU, &["15.12"], |app| {
        rename_leaf(&s0(app), EU, TRACKING, "de-tracking.pdf");
    }));
    out.push(fail("eu tracking table with an empty variable part", EU, &["15.12"], |app| {
        rename_leaf(&s0(app), EU, TRACKING, "ema-tracking-.pdf");
    }));
    out.push(pass("eu tracking table named correctly", EU, "15.12", noop_rewrite(TRACKING)));
    out.push(pass("eu cover letter whose variable part says tracking", EU, "15.12", |app| {
        let s = s0(app);
        fs::copy(s.join("m1/eu/10-cover/ema/cover-letter-ema.pdf"), s.join("m1/eu/10-cover/ema/ema-cover-trackingtable.pdf")).unwrap();
        edit(&s.join(REGIONAL), |t| {
            let leaf = leaf_xml(&t, "10-cover/ema/cover-letter-ema.pdf");
            let twin = set_attr(&set_attr(&leaf, "ID", "lf-cover-tracking"), "xlink:href", "10-cover/ema/ema-cover-trackingtable.pdf");
            t.replacen(&leaf, &format!("{leaf}\n{twin}"), 1)
        });
        reseal(&s, EU);
    }));
    out.push(pass("eu tracking table without the optional variable part", EU, "15.12", |app| {
        rename_leaf(&s0(app), EU, TRACKING, "ema-tracking.pdf");
    }));
    out.push(pass("eu tracking table with a variable part", EU, "15.12", |app| {
        rename_leaf(&s0(app), EU, TRACKING, "ema-tracking-rsi.pdf");
    }));

    // Our own rules on an EU sequence.
    out.push(fail("eu entity declared in a backbone", EU, &["DB-XML-UNSAFE"], backbone("0000", "index.xml", |s| {
        s.replacen("\"util/dtd/ich-ectd-3-2.dtd\">", "\"util/dtd/ich-ectd-3-2.dtd\" [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>", 1)
    }))
    .not_evaluated(INDEX_CONTENT));
    out.push(pass("eu no entities in backbones", EU, "DB-XML-UNSAFE", noop_rewrite("index.xml")));
    out.push(fail("eu href escaping the application", EU, &["DB-HREF-OUTSIDE"], |app| {
        let s = s0(app);
        edit(&s.join("index.xml"), |t| t.replacen(&format!("\"{QOS}\""), "\"../../outside/qos.pdf\"", 1));
        fs::remove_file(s.join(QOS)).unwrap();
        reseal(&s, EU);
    }));
    out.push(pass("eu href into the earlier sequence stays inside", EU, "DB-HREF-OUTSIDE", |app| {
        let s = s1(app);
        let index = read(&s.join("index.xml"));
        let href = attr(&replace_leaf(&index), "xlink:href").unwrap();
        edit_replace_leaf(app, |l| set_attr(l, "xlink:href", &format!("../0000/{href}")));
        fs::remove_file(s.join(&href)).unwrap();
        remove_empty_parents(&s, &href);
    })
    .second());
    out
}

/// Sequence 0000 as built with an older EU M1 envelope module: our own variant of the current
/// `eu-envelope.mod` whose submission types have `initial-maa` in place of `maa` (the name EU M1
/// v1.4 used), and an envelope that uses it. Valid only against that module (xmllint agrees:
/// `older_eu_dtd_verdicts_agree_with_xmllint`); the module's MD5 is 5.3's finding.
pub fn older_envelope_module(app: &Path) {
    let s = s0(app);
    let module = s.join("util/dtd/eu-envelope.mod");
    let bytes = fs::read(&module).unwrap();
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.contains("type (maa |"), "the current module lists maa first");
    fs::write(&module, text.replacen("type (maa |", "type (initial-maa |", 1)).unwrap();
    edit(&s.join(REGIONAL), |t| t.replacen("<submission type=\"maa\">", "<submission type=\"initial-maa\">", 1));
    reseal(&s, EU);
}

/// Sequence 0003 as a copy of 0001, 0002 absent: its tracking-table replace points to 0001's
/// tracking table (the current one), so that only its 3.2.P.5.1 replace still points to the
/// 0000 leaf that 0001 already replaced.
fn third(app: &Path) -> PathBuf {
    let s = later_sequence(app, EU, "0001", "0003");
    edit(&s.join(REGIONAL), |t| {
        let at = t.find("operation=\"replace\"").unwrap();
        let start = t[..at].rfind("<leaf ").unwrap();
        let tag = &t[start..start + t[start..].find('>').unwrap()];
        let id = attr(tag, "ID").unwrap();
        t.replacen(tag, &set_attr(tag, "modified-file", &format!("../../../0001/m1/eu/eu-regional.xml#{id}")), 1)
    });
    reseal(&s, EU);
    s
}

/// Edits the 3.2.P.5.1 replace leaf of sequence `s`.
fn edit_spec_leaf(s: &Path, f: impl FnOnce(&str) -> String) {
    edit(&s.join("index.xml"), |text| {
        let leaf = replace_leaf(&text);
        text.replacen(&leaf, &f(&leaf), 1)
    });
    reseal(s, EU);
}

/// The 3.2.P.5.1 leaf of 0001, as 0003 names it.
fn spec_0001(app: &Path) -> String {
    format!("../0001/index.xml#{}", attr(&replace_leaf(&read(&s1(app).join("index.xml"))), "ID").unwrap())
}

/// EU VC 8.2 11.12 ("For all leaves with an operation attribute value of replace, delete or
/// append the modified file must not have been replaced or deleted by any other leaf element in
/// any sequence including the current one") over an application with a gap (issue 15, points
/// 10 and 11): whatever sequences are on disk are read; "not evaluated" only for a leaf whose
/// target sequence is absent.
fn lifecycle_cases(out: &mut Vec<Case>) {
    out.push(fail("eu 0001 and 0003 replace one 0000 leaf, 0002 absent", EU, &["11.12"], |app| {
        third(app);
    })
    .at("0003"));
    out.push(pass("eu 0003 replaces the leaf 0001 put in its place, 0002 absent", EU, "11.12", |app| {
        let s = third(app);
        let current = spec_0001(app);
        edit_spec_leaf(&s, |l| set_attr(l, "modified-file", &current));
    })
    .at("0003"));
    out.push(fail("eu append to a leaf replaced in an earlier sequence", EU, &["11.12"], |app| {
        let s = third(app);
        edit_spec_leaf(&s, |l| set_attr(l, "operation", "append"));
    })
    .at("0003"));
    out.push(pass("eu append to the current version of a leaf", EU, "11.12", |app| {
        let s = third(app);
        let current = spec_0001(app);
        edit_spec_leaf(&s, |l| set_attr(&set_attr(l, "operation", "append"), "modified-file", &current));
    })
    .at("0003"));
    out.push(fail("eu append to a leaf replaced later in the same sequence", EU, &["11.12"], |app| {
        let s = s1(app);
        edit(&s.join("index.xml"), |t| {
            let leaf = replace_leaf(&t);
            let href = attr(&leaf, "xlink:href").unwrap();
            let copy = format!("{}/appended.pdf", href.rsplit_once('/').unwrap().0);
            fs::copy(s.join(&href), s.join(&copy)).unwrap();
            let twin = set_attr(&set_attr(&set_attr(&leaf, "ID", "lf-append"), "xlink:href", &copy), "operation", "append");
            // Before the replace: the order of the leaves must not matter.
            t.replacen(&leaf, &format!("{twin}\n{leaf}"), 1)
        });
        reseal(&s, EU);
    })
    .second());
    out.push(
        pass("eu replace of a leaf in an absent sequence is not evaluated", EU, "11.11", |app| {
            let s = third(app);
            edit_spec_leaf(&s, |l| set_attr(l, "modified-file", "../0002/index.xml#lf-0002-spec"));
        })
        .at("0003")
        .not_evaluated(&["11.9", "11.10", "11.12"]),
    );
    // Issue 15, point 12: one problem per wrong leaf, naming it, even for one file.
    out.push(fail("eu two leaves of one file with the same wrong checksum", EU, &["11.2"], |app| {
        let s = s0(app);
        edit(&s.join("index.xml"), |t| {
            let leaf = leaf_xml(&t, QOS);
            let wrong = set_attr(&leaf, "checksum", &"0".repeat(32));
            let a = set_attr(&wrong, "ID", "lf-twin-a");
            let b = set_attr(&wrong, "ID", "lf-twin-b");
            t.replacen(&leaf, &format!("{leaf}\n{a}\n{b}"), 1)
        });
        // Not `reseal`: that would correct the planted checksums.
        let index = fs::read(s.join("index.xml")).unwrap();
        fs::write(s.join("index-md5.txt"), dossier_package::util::md5_hex(&index)).unwrap();
    }));
}

pub fn flip(path: &Path) {
    let mut bytes = fs::read(path).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0x01;
    fs::write(path, bytes).unwrap();
}

/// Lengthens the QOS leaf's path to exactly `total` characters (counted from the sequence
/// folder's first digit) with legal names of at most 64 characters.
pub fn long_path(seq: &Path, total: usize) {
    let region = if seq.join("m1/cn").exists() { Region::Cn } else if seq.join("m1/us").exists() { Region::Us } else { Region::Eu };
    let dir = "m2/23-qos";
    let mut folders = Vec::new();
    let mut len = 5 + dir.len();
    // Folders of 60 characters until the rest fits one file name of at most 64.
    while total - len - 1 > 64 {
        folders.push("d".repeat(60.min(total - len - 1 - 10)));
        len += 1 + folders.last().unwrap().len();
    }
    let name_len = total - len - 1;
    let new_rel = format!("{dir}/{}/{}.pdf", folders.join("/"), "p".repeat(name_len - 4)).replace("//", "/");
    assert_eq!(5 + new_rel.chars().count(), total, "{new_rel}");
    move_leaf(seq, region, QOS, &new_rel);
}

/// The EU rules that read `index.xml`'s content: not evaluated when it is refused.
const INDEX_CONTENT: &[&str] =
    &["10.1", "11.1", "11.10", "11.11", "11.12", "11.2", "11.3", "11.4", "11.5", "11.6", "11.7", "11.8", "11.9", "12.1", "15.8", "7.4", "7.5", "7.6", "DB-HREF-OUTSIDE"];
/// The EU rules that read `eu-regional.xml`'s content (envelope, Module 1 leaves, names from them).
const REGIONAL_CONTENT: &[&str] = &[
    "10.1", "11.1", "11.10", "11.11", "11.12", "11.2", "11.3", "11.4", "11.5", "11.6", "11.7", "11.8", "11.9", "12.1", "13.3", "14.1", "14.2", "14.3",
    "14.4", "14.5", "14.6", "14.7", "14.8", "14.9", "15.11", "15.12", "15.8", "9.4", "9.5", "9.6", "9.7", "9.8", "9.9", "DB-HREF-OUTSIDE",
];
