use dossier_model::{ClassificationOrigin, DocumentId};
use dossier_store::{DocumentFilter, Store};

#[test]
fn the_same_bytes_are_recorded_once() {
    let mut store = Store::open_in_memory().unwrap();
    let doc = super::sample_document(1, "m1/a.pdf");
    let actor = super::actor();
    assert!(store.with_tx(&actor, |tx| tx.insert_document(&doc)).unwrap());
    assert!(!store.with_tx(&actor, |tx| tx.insert_document(&doc)).unwrap(), "re-import is a no-op");
    assert_eq!(store.documents(&DocumentFilter::default()).unwrap().len(), 1);
}

#[test]
fn new_content_at_a_known_path_is_a_new_version() {
    let mut store = Store::open_in_memory().unwrap();
    let actor = super::actor();
    store.with_tx(&actor, |tx| tx.insert_document(&super::sample_document(1, "x/spec.pdf"))).unwrap();
    store.with_tx(&actor, |tx| tx.insert_document(&super::sample_document(2, "x/spec.pdf"))).unwrap();
    let versions: Vec<u32> =
        store.documents(&DocumentFilter::default()).unwrap().iter().map(|d| d.version).collect();
    assert_eq!(versions, [1, 2]);
    let newest = store.resolve_document("x/spec.pdf").unwrap();
    assert_eq!(newest, super::sample_document(2, "x/spec.pdf").id, "a path names its newest version");
}

#[test]
fn classification_changes_are_stored_and_filterable() {
    let mut store = Store::open_in_memory().unwrap();
    let actor = super::actor();
    let mut doc = super::sample_document(3, "company/gmp.pdf");
    store.with_tx(&actor, |tx| tx.insert_document(&doc)).unwrap();
    doc.classification.doc_type = Some("gmp-certificate".into());
    doc.classification.section = Some("3.2.A.1".into());
    doc.classification.confidence = 1.0;
    doc.classification.origin = ClassificationOrigin::User;
    store.with_tx(&actor, |tx| tx.update_document(&doc)).unwrap();
    let filter = DocumentFilter { section: Some("3.2.A".into()), ..DocumentFilter::default() };
    let found = store.documents(&filter).unwrap();
    assert_eq!(found.len(), 1, "a section filter includes its subsections");
    assert_eq!(found[0].classification.origin, ClassificationOrigin::User);
    let low = DocumentFilter { confidence_below: Some(0.5), ..DocumentFilter::default() };
    assert!(store.documents(&low).unwrap().is_empty());
}

#[test]
fn a_documents_heading_scope_is_stored_and_its_change_audited() {
    let mut store = Store::open_in_memory().unwrap();
    let actor = super::actor();
    let mut doc = super::sample_document(4, "m5/csr-302.pdf");
    store.with_tx(&actor, |tx| tx.insert_document(&doc)).unwrap();
    doc.scope.indication = Some("gastric cancer".into());
    doc.scope.manufacturer = Some("Plant B".into());
    store.with_tx(&actor, |tx| tx.update_document(&doc)).unwrap();
    let back = store.document(&doc.id).unwrap();
    assert_eq!(back.scope, doc.scope);
    let last = &store.audit_log(1).unwrap()[0];
    assert_eq!(last.action, "document.update", "a scope change alone is a recorded change");
}

#[test]
fn references_resolve_by_id_prefix_hash_or_path() {
    let mut store = Store::open_in_memory().unwrap();
    let doc = super::sample_document(4, "a/b.pdf");
    store.with_tx(&super::actor(), |tx| tx.insert_document(&doc)).unwrap();
    assert_eq!(store.resolve_document(doc.id.as_str()).unwrap(), doc.id);
    assert_eq!(store.resolve_document(&doc.sha256).unwrap(), doc.id);
    assert_eq!(store.resolve_document(&doc.id.as_str()[..10]).unwrap(), doc.id);
    assert_eq!(store.resolve_document("a/b.pdf").unwrap(), doc.id);
    let missing = store.resolve_document("nope.pdf").unwrap_err();
    assert!(missing.to_string().contains("nope.pdf"), "{missing}");
    assert!(DocumentId::parse(doc.id.as_str()).is_some());
}
