//! PDF facts and findings at import (`dossier_package::pdf::inspect`).

use lopdf::{Document, Object, dictionary};

use super::sample_documents;

#[test]
fn unembedded_fonts_and_javascript_are_found_at_import_before_anyone_builds() {
    let dir = tempfile::tempdir().unwrap();
    let clean = dir.path().join("clean.pdf");
    std::fs::copy(sample_documents().join("m2/22-intro/introduction.pdf"), &clean).unwrap();
    let rules = |path: &std::path::Path| -> Vec<String> {
        dossier_package::pdf::inspect(path, "x.pdf").findings.into_iter().map(|f| f.rule).collect()
    };
    assert!(!rules(&clean).iter().any(|r| r == "DB-PDF-FONTS" || r == "DB-PDF-JAVASCRIPT"), "{:?}", rules(&clean));

    let dirty = dir.path().join("dirty.pdf");
    let mut doc = Document::load(&clean).unwrap();
    doc.add_object(dictionary! { "Type" => "Font", "Subtype" => "TrueType", "BaseFont" => "Arial-NotEmbedded" });
    doc.add_object(dictionary! { "S" => "JavaScript", "JS" => Object::string_literal("app.alert(1)") });
    doc.save(&dirty).unwrap();
    let found = dossier_package::pdf::inspect(&dirty, "dirty.pdf").findings;
    let fonts = found.iter().find(|f| f.rule == "DB-PDF-FONTS").expect("the unembedded font is reported");
    assert!(fonts.message.contains("Arial-NotEmbedded") && fonts.message.contains("dirty.pdf"), "{}", fonts.message);
    assert!(found.iter().any(|f| f.rule == "DB-PDF-JAVASCRIPT"), "{found:?}");
}

/// A PDF made of `objects` (object 1, 2, … in order) with a correct cross-reference table, the
/// trailer naming `root`: broken structures written byte by byte, with nothing else wrong.
pub fn pdf_of(objects: &[String], root: &str) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{body}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(format!("trailer\n<< /Size {} /Root {root} >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1).as_bytes());
    out
}

const PAGE: &str = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>";

/// Each broken structure of issue 14 (and its neighbours): name, bytes, words the finding's
/// detail must hold.
pub fn broken_pdfs() -> Vec<(&'static str, Vec<u8>, &'static str)> {
    let s = |t: &str| t.to_owned();
    // Object 2 is a /Pages whose only kid is the next one, 100,000 times, then a page.
    let deep_tree = {
        let n = 100_000;
        let mut objects = vec![s("<< /Type /Catalog /Pages 2 0 R >>")];
        for i in 0..n {
            objects.push(format!("<< /Type /Pages /Kids [{} 0 R] /Count 1 >>", i + 3));
        }
        objects.push(s(PAGE));
        pdf_of(&objects, "1 0 R")
    };
    let deep_catalog = {
        let n = 100_000;
        let nested = format!("{}{}", "<< /A ".repeat(n), ">> ".repeat(n));
        pdf_of(&[format!("<< /Type /Catalog /Pages 2 0 R /Deep {nested} >>"), s("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"), s(PAGE)], "1 0 R")
    };
    let deep_array = {
        let n = 100_000;
        let nested = format!("{}{}", "[".repeat(n), "]".repeat(n));
        pdf_of(&[format!("<< /Type /Catalog /Pages 2 0 R /Deep {nested} >>"), s("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"), s(PAGE)], "1 0 R")
    };
    vec![
        ("root-loop.pdf", pdf_of(&[s("2 0 R"), s("1 0 R")], "1 0 R"), "reference loop"),
        ("root-self.pdf", pdf_of(&[s("1 0 R")], "1 0 R"), "reference loop"),
        ("root-missing.pdf", pdf_of(&[s("<< /Type /Pages /Kids [] /Count 0 >>")], "9 0 R"), "missing"),
        ("root-not-dict.pdf", pdf_of(&[s("42")], "1 0 R"), "not a dictionary"),
        (
            "kids-ancestor.pdf",
            pdf_of(&[s("<< /Type /Catalog /Pages 2 0 R >>"), s("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"), s("<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>")], "1 0 R"),
            "page tree loops",
        ),
        (
            "kids-self.pdf",
            pdf_of(&[s("<< /Type /Catalog /Pages 2 0 R >>"), s("<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 1 >>"), s(PAGE)], "1 0 R"),
            "page tree loops",
        ),
        (
            "kids-twice.pdf",
            pdf_of(&[s("<< /Type /Catalog /Pages 2 0 R >>"), s("<< /Type /Pages /Kids [3 0 R 3 0 R] /Count 2 >>"), s(PAGE)], "1 0 R"),
            "reached twice",
        ),
        ("deep-tree.pdf", deep_tree, "nested deeper than 256"),
        ("deep-catalog.pdf", deep_catalog, "catalogue"),
        ("deep-array.pdf", deep_array, "catalogue"),
        (
            "count-lies.pdf",
            pdf_of(&[s("<< /Type /Catalog /Pages 2 0 R >>"), s("<< /Type /Pages /Kids [3 0 R] /Count 5 >>"), s(PAGE)], "1 0 R"),
            "says it holds 5 pages but holds 1",
        ),
        ("no-pages.pdf", pdf_of(&[s("<< /Type /Catalog >>")], "1 0 R"), "no page tree (/Pages)"),
        (
            "kid-missing.pdf",
            pdf_of(&[s("<< /Type /Catalog /Pages 2 0 R >>"), s("<< /Type /Pages /Kids [3 0 R 7 0 R] /Count 2 >>"), s(PAGE)], "1 0 R"),
            "object 7 0, which is missing",
        ),
        (
            "zero-pages.pdf",
            pdf_of(&[s("<< /Type /Catalog /Pages 2 0 R >>"), s("<< /Type /Pages /Kids [] /Count 0 >>")], "1 0 R"),
            "holds no page",
        ),
    ]
}

/// Runs `f` on a thread with the default stack (2 MiB, as import's workers have): a recursion
/// as deep as the input would overflow it and abort the test binary.
fn on_default_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::spawn(f).join().expect("no panic, no stack overflow")
}

#[test]
fn broken_catalogues_and_page_trees_are_corrupt_with_what_is_wrong_and_no_page_count() {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes, words) in broken_pdfs() {
        let path = dir.path().join(name);
        std::fs::write(&path, &bytes).unwrap();
        let inspection = on_default_stack(move || dossier_package::pdf::inspect(&path, name));
        let corrupt = inspection.findings.iter().find(|f| f.rule == "DB-PDF-CORRUPT");
        let corrupt = corrupt.unwrap_or_else(|| panic!("{name}: no DB-PDF-CORRUPT in {:#?}", inspection.findings));
        assert!(corrupt.message.contains(name) && corrupt.message.contains(words), "{name}: {}", corrupt.message);
        assert!(corrupt.message.contains("export it again"), "{}", corrupt.message);
        let pages = inspection.facts.as_ref().and_then(|f| f.pages);
        assert_eq!(pages, None, "{name}: a broken tree has no trustworthy page count");
    }
}

#[test]
fn a_well_formed_tree_built_the_same_way_is_not_corrupt_and_counts_its_pages() {
    let s = |t: &str| t.to_owned();
    let two_levels = pdf_of(
        &[
            s("<< /Type /Catalog /Pages 2 0 R >>"),
            s("<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 3 >>"),
            s("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>"),
            s("<< /Type /Pages /Parent 2 0 R /Kids [5 0 R 6 0 R] /Count 2 >>"),
            s("<< /Type /Page /Parent 4 0 R /MediaBox [0 0 612 792] >>"),
            s("<< /Type /Page /Parent 4 0 R /MediaBox [0 0 612 792] >>"),
        ],
        "1 0 R",
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fine.pdf");
    std::fs::write(&path, two_levels).unwrap();
    let inspection = dossier_package::pdf::inspect(&path, "fine.pdf");
    assert!(!inspection.findings.iter().any(|f| f.rule == "DB-PDF-CORRUPT"), "{:#?}", inspection.findings);
    assert_eq!(inspection.facts.and_then(|f| f.pages), Some(3));
}
