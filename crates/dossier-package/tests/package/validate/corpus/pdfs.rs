//! PDF mutations (EU VC 16.x, NMPA group 6, our font rule). Each edit is made with lopdf and
//! the file linearised again with qpdf, so that only the planted property changes; the
//! sequence is resealed (leaf checksum, index-md5.txt) afterwards.

use std::fs;
use std::path::Path;

use dossier_package::Region;
use lopdf::{Dictionary, Document, Object, dictionary};

use super::{Case, QOS, fail, pass, qpdf, reseal, seq};
use crate::sample_documents;

const COVER_EU: &str = "m1/eu/10-cover/ema/cover-letter-ema.pdf";
const INTRO: &str = "m2/22-intro/introduction.pdf";
const ENCRYPTED: &str =
    "m3/32-body-data/32s-drug-sub/substance-1-manufacturer-1/32s4-contr-drug-sub/32s44-batch-analys/batch-analysis-ds.pdf";
const ENCRYPTED_PASSWORD: &str = "examplar-ds-2024";

/// Loads, edits, saves and linearises a PDF in place.
pub fn edit(path: &Path, f: impl FnOnce(&mut Document)) {
    edit_unlinearised(path, f);
    let p = path.to_string_lossy();
    qpdf(&["--linearize", "--replace-input", &p]);
}

/// Loads, edits and saves a PDF in place (no longer linearised: lopdf writes a plain file).
pub fn edit_unlinearised(path: &Path, f: impl FnOnce(&mut Document)) {
    let mut doc = Document::load(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    f(&mut doc);
    doc.save(path).unwrap();
}

pub fn has_bookmarks(doc: &Document) -> bool {
    doc.catalog()
        .ok()
        .and_then(|c| c.get(b"Outlines").ok())
        .and_then(|o| o.as_reference().ok().and_then(|id| doc.get_dictionary(id).ok()).or_else(|| o.as_dict().ok()))
        .is_some_and(|o| o.has(b"First"))
}

fn first_page(doc: &Document) -> lopdf::ObjectId {
    *doc.get_pages().values().next().unwrap()
}

/// Adds a link annotation with `action` to the first page.
fn add_link(doc: &mut Document, action: Dictionary) {
    let page = first_page(doc);
    let annot = doc.add_object(dictionary! {
        "Type" => "Annot", "Subtype" => "Link", "Rect" => vec![0.into(), 0.into(), 10.into(), 10.into()],
        "Border" => vec![0.into(), 0.into(), 0.into()], "A" => action,
    });
    let page = doc.get_object_mut(page).unwrap().as_dict_mut().unwrap();
    page.set("Annots", vec![Object::Reference(annot)]);
}

/// Adds `font` to the first page's font resources as /FX (so that qpdf keeps it).
fn add_font(doc: &mut Document, font: lopdf::ObjectId) {
    let page = first_page(doc);
    let resources = doc.get_dictionary(page).unwrap().get(b"Resources").unwrap().clone();
    let resources = match resources {
        Object::Reference(id) => doc.get_object_mut(id).unwrap().as_dict_mut().unwrap(),
        _ => doc.get_object_mut(page).unwrap().as_dict_mut().unwrap().get_mut(b"Resources").unwrap().as_dict_mut().unwrap(),
    };
    let fonts = resources.get(b"Font").unwrap().clone();
    match fonts {
        Object::Reference(id) => doc.get_object_mut(id).unwrap().as_dict_mut().unwrap().set("FX", font),
        _ => resources.get_mut(b"Font").unwrap().as_dict_mut().unwrap().set("FX", font),
    }
}

fn set_header(path: &Path, version: &str) {
    let mut bytes = fs::read(path).unwrap();
    assert!(bytes.starts_with(b"%PDF-1.") && version.len() == 3);
    bytes[5..8].copy_from_slice(version.as_bytes());
    fs::write(path, bytes).unwrap();
}

/// Applies `f` to the file at `rel` in sequence 0000 and reseals.
fn on(region: Region, rel: &'static str, f: impl Fn(&Path) + Send + Sync + 'static) -> impl Fn(&Path) + Send + Sync + 'static {
    move |app: &Path| {
        let s = seq(app, "0000");
        f(&s.join(rel));
        reseal(&s, region);
    }
}

fn region_rule(region: Region, eu: &'static str, cn: &'static str) -> &'static str {
    if region == Region::Eu { eu } else { cn }
}

pub fn cases() -> Vec<Case> {
    let mut out = Vec::new();
    for region in [Region::Eu, Region::Cn] {
        let r = region;
        let version = region_rule(r, "16.1", "DB-CN-PDF-VERSION");
        out.push(fail(if r == Region::Eu { "eu pdf 1.3" } else { "cn pdf 1.3" }, r, &[version], on(r, QOS, |p| set_header(p, "1.3"))));
        out.push(pass(
            if r == Region::Eu { "eu pdf 1.3 header with a 1.4 catalogue version" } else { "cn pdf 1.3 header with a 1.4 catalogue version" },
            r,
            version,
            on(r, QOS, |p| {
                edit(p, |d| d.catalog_mut().unwrap().set("Version", Object::Name(b"1.4".to_vec())));
                set_header(p, "1.3");
            }),
        ));
        let newer = region_rule(r, "16.BP1", "DB-CN-PDF-VERSION");
        out.push(fail(if r == Region::Eu { "eu pdf 2.0" } else { "cn pdf 2.0" }, r, &[newer], on(r, QOS, |p| {
            let mut bytes = fs::read(p).unwrap();
            bytes[5..8].copy_from_slice(b"2.0");
            fs::write(p, bytes).unwrap();
        })));
        out.push(pass(if r == Region::Eu { "eu pdf 1.4" } else { "cn pdf 1.4" }, r, newer, on(r, QOS, |p| set_header(p, "1.4"))));

        let password = region_rule(r, "16.2", "DB-CN-PDF-PASSWORD");
        out.push(fail(if r == Region::Eu { "eu encrypted pdf" } else { "cn encrypted pdf" }, r, &[password], on(r, QOS, |p| {
            fs::copy(sample_documents().join(ENCRYPTED), p).unwrap();
        })));
        out.push(pass(if r == Region::Eu { "eu decrypted copy of the encrypted pdf" } else { "cn decrypted copy of the encrypted pdf" }, r, password, on(r, QOS, |p| {
            let (src, dst) = (sample_documents().join(ENCRYPTED), p.to_string_lossy().into_owned());
            qpdf(&[&format!("--password={ENCRYPTED_PASSWORD}"), "--decrypt", &src.to_string_lossy(), &dst]);
            edit(p, |d| {
                if has_bookmarks(d) {
                    d.catalog_mut().unwrap().set("PageMode", Object::Name(b"UseOutlines".to_vec()));
                }
            });
        })));

        let security = region_rule(r, "16.3", "DB-CN-PDF-SECURITY");
        out.push(fail(if r == Region::Eu { "eu pdf with edit restrictions" } else { "cn pdf with edit restrictions" }, r, &[security], on(r, QOS, restrict(&["--modify=annotate"]))));
        out.push(pass(if r == Region::Eu { "eu pdf with no restrictions" } else { "cn pdf with no restrictions" }, r, security, on(r, QOS, |p| edit(p, |_| {}))));

        let corrupt = region_rule(r, "16.5", "DB-CN-PDF-CORRUPT");
        out.push(fail(if r == Region::Eu { "eu corrupt pdf" } else { "cn corrupt pdf" }, r, &[corrupt], on(r, QOS, |p| {
            fs::write(p, b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R\nthis is not a PDF any more\n").unwrap();
        })));
        out.push(pass(if r == Region::Eu { "eu pdf rewritten by another tool" } else { "cn pdf rewritten by another tool" }, r, corrupt, on(r, QOS, |p| edit(p, |_| {}))));

        let js = region_rule(r, "16.BP10", "DB-CN-PDF-JAVASCRIPT");
        out.push(fail(if r == Region::Eu { "eu javascript in a pdf" } else { "cn javascript in a pdf" }, r, &[js], on(r, QOS, |p| {
            edit(p, |d| add_link(d, dictionary! { "S" => "JavaScript", "JS" => Object::string_literal("app.alert(1)") }))
        })));
        out.push(pass(if r == Region::Eu { "eu link with a go-to action" } else { "cn link with a go-to action" }, r, js, on(r, QOS, |p| {
            edit(p, |d| {
                let page = first_page(d);
                add_link(d, dictionary! { "S" => "GoTo", "D" => vec![Object::Reference(page), "XYZ".into(), Object::Null, Object::Null, Object::Null] })
            })
        })));

        let target = region_rule(r, "16.BP2", "DB-CN-PDF-LINK");
        out.push(fail(if r == Region::Eu { "eu broken bookmark" } else { "cn broken bookmark" }, r, &[target], on(r, QOS, |p| {
            edit(p, |d| {
                let item = d.objects.iter().find(|(_, o)| o.as_dict().is_ok_and(|x| x.has(b"Title") && x.has(b"Parent"))).map(|(id, _)| *id).expect("a bookmark");
                let stray = d.add_object(dictionary! { "Type" => "Annot" });
                d.get_object_mut(item).unwrap().as_dict_mut().unwrap().set("Dest", vec![Object::Reference(stray), "Fit".into()]);
            })
        })));
        out.push(fail(if r == Region::Eu { "eu link to a missing file" } else { "cn link to a missing file" }, r, &[target], on(r, QOS, |p| {
            edit(p, |d| add_link(d, dictionary! { "S" => "GoToR", "F" => Object::string_literal("../22-intro/no-such-file.pdf"), "D" => vec![0.into(), "Fit".into()] }))
        })));
        let relative = region_rule(r, "16.BP7", "DB-CN-PDF-LINK-RELATIVE");
        out.push(pass(if r == Region::Eu { "eu relative link to another leaf" } else { "cn relative link to another leaf" }, r, target, on(r, QOS, link_to_intro)));
        out.push(pass(if r == Region::Eu { "eu relative link is relative" } else { "cn relative link is relative" }, r, relative, on(r, QOS, link_to_intro)));
        out.push(fail(if r == Region::Eu { "eu absolute link" } else { "cn absolute link" }, r, &[relative], on(r, QOS, |p| {
            edit(p, |d| add_link(d, dictionary! { "S" => "GoToR", "F" => Object::string_literal("C:\\dossier\\m2\\22-intro\\introduction.pdf"), "D" => vec![0.into(), "Fit".into()] }))
        })));

        out.push(fail(if r == Region::Eu { "eu unembedded font" } else { "cn unembedded font" }, r, &["DB-PDF-FONTS"], on(r, QOS, |p| {
            edit(p, |d| {
                let font = d.add_object(dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica" });
                add_font(d, font);
            })
        })));
        out.push(pass(if r == Region::Eu { "eu type 3 font needs no embedding" } else { "cn type 3 font needs no embedding" }, r, "DB-PDF-FONTS", on(r, QOS, |p| {
            edit(p, |d| {
                let font = d.add_object(dictionary! { "Type" => "Font", "Subtype" => "Type3", "FontMatrix" => vec![0.001.into(), 0.into(), 0.into(), 0.001.into(), 0.into(), 0.into()] });
                add_font(d, font);
            })
        })));
    }
    let eu = Region::Eu;
    // 16.3 exempts files in 1.0, 1.2, 3.3, 4.3 and 5.4; 16.4 allows 1.0 and 1.2 only some restrictions.
    out.push(pass("eu cover letter may restrict changes", eu, "16.3", on(eu, COVER_EU, restrict(&["--modify=annotate"]))));
    out.push(pass("eu cover letter may restrict changes (16.4)", eu, "16.4", on(eu, COVER_EU, restrict(&["--modify=annotate"]))));
    out.push(fail("eu cover letter may not restrict printing", eu, &["16.4"], on(eu, COVER_EU, restrict(&["--print=none"]))));

    out.push(fail("eu pdf without fast web view", eu, &["16.BP5"], on(eu, QOS, |p| edit_unlinearised(p, |_| {}))));
    out.push(pass("eu cover letter needs no fast web view", eu, "16.BP5", on(eu, COVER_EU, |p| edit_unlinearised(p, |_| {}))));
    out.push(fail("eu two-column initial view", eu, &["16.BP6"], on(eu, QOS, |p| {
        edit(p, |d| d.catalog_mut().unwrap().set("PageLayout", Object::Name(b"TwoColumnLeft".to_vec())))
    })));
    out.push(pass("eu open action keeps the default zoom", eu, "16.BP6", on(eu, QOS, |p| {
        edit(p, |d| {
            let page = first_page(d);
            d.catalog_mut().unwrap().set("OpenAction", vec![Object::Reference(page), "XYZ".into(), Object::Null, Object::Null, Object::Null]);
        })
    })));
    out.push(fail("eu bookmarks with the pane closed", eu, &["16.BP8"], on(eu, QOS, |p| {
        edit(p, |d| d.catalog_mut().unwrap().set("PageMode", Object::Name(b"UseNone".to_vec())))
    })));
    out.push(pass("eu bookmarks with the pane open", eu, "16.BP8", on(eu, QOS, |p| edit(p, |_| {}))));
    out.push(fail("eu pane open without bookmarks", eu, &["16.BP9"], on(eu, QOS, |p| {
        edit(p, |d| {
            d.catalog_mut().unwrap().remove(b"Outlines");
        })
    })));
    out.push(pass("eu no bookmarks and no pane", eu, "16.BP9", on(eu, QOS, |p| {
        edit(p, |d| {
            let c = d.catalog_mut().unwrap();
            c.remove(b"Outlines");
            c.set("PageMode", Object::Name(b"UseNone".to_vec()));
        })
    })));
    out
}

fn link_to_intro(p: &Path) {
    edit(p, |d| add_link(d, dictionary! { "S" => "GoToR", "F" => Object::string_literal(format!("../../{INTRO}")), "D" => vec![0.into(), "Fit".into()] }));
}

/// Encrypts with an empty user password (opens without one) and an owner password, with the
/// given qpdf restriction flags.
fn restrict(flags: &'static [&'static str]) -> impl Fn(&Path) + Send + Sync + 'static {
    move |p: &Path| {
        let src = p.with_extension("src");
        fs::rename(p, &src).unwrap();
        let (s, d) = (src.to_string_lossy().into_owned(), p.to_string_lossy().into_owned());
        let mut args: Vec<&str> = vec!["--linearize", "--encrypt", "", "owner-secret", "256"];
        args.extend(flags);
        args.extend(["--", &s, &d]);
        qpdf(&args);
        fs::remove_file(&src).unwrap();
    }
}
