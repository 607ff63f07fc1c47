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
