//! Issue 15, point 4: a Module 1 leaf imported from a backbone gets the type its heading
//! declares, for every region; a heading that several types (or none) declare leaves the
//! document to a person.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use dossier_api::{DocumentFilter, ImportOptions, list_documents};
use dossier_rules::{Format, HeadingType, Templates, type_for_section};

/// One sequence `0000` of `region` with one leaf under each `(element, file)`: an empty
/// `index.xml` and the regional backbone, each leaf in its heading element (the reader
/// places a leaf by its nearest known heading; the DTD's nesting is not what is tested).
fn sequence(dir: &Path, region: &str, leaves: &[(String, String)]) {
    let m1 = dir.join("0000/m1").join(region);
    fs::create_dir_all(&m1).unwrap();
    fs::write(dir.join("0000/index.xml"), "<?xml version=\"1.0\"?>\n<ectd:ectd xmlns:ectd=\"http://www.ich.org/ectd\" xmlns:xlink=\"http://www.w3c.org/1999/xlink\"/>\n").unwrap();
    let mut xml = String::from("<?xml version=\"1.0\"?>\n<regional xmlns:xlink=\"http://www.w3c.org/1999/xlink\">\n");
    for (i, (element, file)) in leaves.iter().enumerate() {
        // Each file its own bytes, and a name that tells nothing: the type must come from the heading.
        fs::write(m1.join(file), format!("%PDF-1.4\n% leaf {i} under {element}\n")).unwrap();
        writeln!(xml, "<{element}><leaf ID=\"l{i}\" operation=\"new\" xlink:href=\"{file}\"><title>Leaf {i}</title></leaf></{element}>").unwrap();
    }
    xml.push_str("</regional>\n");
    fs::write(m1.join(format!("{region}-regional.xml")), xml).unwrap();
}

#[test]
fn every_module_1_heading_a_type_declares_gives_that_type_to_an_imported_leaf() {
    let templates = Templates::embedded();
    let mut checked = 0;
    let mut wrong = Vec::new();
    for (format, region) in [(Format::EctdUs, "us"), (Format::EctdEu, "eu"), (Format::EctdCn, "cn")] {
        // Every heading of every profile of the region that has an element and a declaring type.
        let mut expected: Vec<(String, String, HeadingType)> = Vec::new();
        for p in templates.profiles.all().filter(|p| p.header.format == format) {
            for n in &p.m1 {
                let Some(element) = &n.element else { continue };
                let code = format!("{region}:{}", n.code.split_once(':').map_or(n.code.as_str(), |(_, c)| c));
                let Some(found) = type_for_section(templates, &code).filter(|t| *t != HeadingType::Undeclared) else { continue };
                if !expected.iter().any(|(e, _, _)| e == element) {
                    expected.push((element.clone(), code, found));
                }
            }
        }
        let dir = tempfile::tempdir().unwrap();
        let leaves: Vec<(String, String)> = expected.iter().enumerate().map(|(i, (e, _, _))| (e.clone(), format!("doc-{i:03}.pdf"))).collect();
        sequence(&dir.path().join("in"), region, &leaves);
        let mut project = super::new_project(&dir.path().join("p"));
        dossier_api::import_ectd(&mut project, &dir.path().join("in/0000"), &ImportOptions::default(), &mut |_| {}).unwrap();
        let docs = list_documents(&project, &DocumentFilter::default()).unwrap();
        for ((element, code, found), (_, file)) in expected.iter().zip(&leaves) {
            let Some(doc) = docs.iter().find(|d| d.path.ends_with(file.as_str())) else {
                wrong.push(format!("{region} {element}: not imported"));
                continue;
            };
            checked += 1;
            let ok = match found {
                HeadingType::One { doc_type, .. } => doc.doc_type.as_ref() == Some(doc_type) && !doc.needs_review,
                HeadingType::Several(_) => doc.doc_type.is_none() && doc.needs_review,
                HeadingType::Undeclared => unreachable!(),
            };
            if !ok || doc.section.as_deref() != Some(code.as_str()) {
                wrong.push(format!(
                    "{region} {element} ({code}, declared {found:?}): got type {:?}, section {:?}, review {}",
                    doc.doc_type, doc.section, doc.needs_review
                ));
            }
        }
    }
    assert!(checked >= 60, "the profiles' declared headings were all tried ({checked})");
    assert!(wrong.is_empty(), "{} of {checked} headings:\n{}", wrong.len(), wrong.join("\n"));
}

#[test]
fn a_us_cover_letter_comes_in_typed_and_an_ambiguous_eu_heading_comes_in_for_review() {
    let dir = tempfile::tempdir().unwrap();
    sequence(&dir.path().join("us"), "us", &[("m1-2-cover-letters".into(), "letter.pdf".into()), ("m1-3-administrative-information".into(), "admin.pdf".into())]);
    sequence(&dir.path().join("eu"), "eu", &[("m1-3-1-spc-label-pl".into(), "product-information.pdf".into())]);
    let mut project = super::new_project(&dir.path().join("p"));
    for seq in ["us/0000", "eu/0000"] {
        dossier_api::import_ectd(&mut project, &dir.path().join(seq), &ImportOptions::default(), &mut |_| {}).unwrap();
    }
    let docs = list_documents(&project, &DocumentFilter::default()).unwrap();
    let doc = |name: &str| docs.iter().find(|d| d.path.ends_with(name)).unwrap_or_else(|| panic!("{name} imported: {docs:#?}"));
    let letter = doc("letter.pdf");
    assert_eq!(letter.doc_type.as_deref(), Some("cover-letter"), "US 1.2 holds cover letters: {letter:#?}");
    assert!(!letter.needs_review, "the heading told its type");
    let admin = doc("admin.pdf");
    assert!(admin.doc_type.is_none() && admin.needs_review, "US 1.3 declares no type: untyped, for review: {admin:#?}");
    let pi = doc("product-information.pdf");
    assert!(pi.doc_type.is_none() && pi.needs_review, "EU 1.3.1 holds several types: none is guessed, for review: {pi:#?}");
    assert_eq!(pi.section.as_deref(), Some("eu:1.3.1"), "the backbone's section stays");
}
