use dossier_api::{DocumentFilter, SetType, list_documents, set_document_type, show_document};
use dossier_model::ClassificationOrigin;

use super::{fixture, import, new_project};

#[test]
fn a_person_corrects_the_type_and_the_correction_sticks() {
    let dir = tempfile::tempdir().unwrap();
    let mut project = new_project(dir.path());
    import(&mut project, &[fixture("good.pdf")]);
    let doc = list_documents(&project, &DocumentFilter::default()).unwrap().remove(0);
    assert!(doc.needs_review, "an unrecognisable name is flagged for review");
    let row = set_document_type(
        &mut project,
        doc.id.as_str(),
        &SetType { doc_type: "gmp-certificate".into(), section: None, language: Some("en".into()) },
    )
    .unwrap();
    assert_eq!(row.classified_by, ClassificationOrigin::User);
    assert!(!row.needs_review);
    let detail = show_document(&project, "good.pdf").unwrap();
    assert_eq!(detail.document.classification.doc_type.as_deref(), Some("gmp-certificate"));
    assert!(detail.doc_type_title.is_some());
    import(&mut project, &[fixture("good.pdf")]);
    let again = show_document(&project, "good.pdf").unwrap();
    assert_eq!(again.document.classification.origin, ClassificationOrigin::User, "re-import never overwrites a person's choice");
}

#[test]
fn an_unknown_type_or_section_is_refused_with_a_hint() {
    let dir = tempfile::tempdir().unwrap();
    let mut project = new_project(dir.path());
    import(&mut project, &[fixture("good.pdf")]);
    let bad_type = SetType { doc_type: "gmp".into(), ..SetType::default() };
    let err = set_document_type(&mut project, "good.pdf", &bad_type).unwrap_err();
    assert!(err.message.contains("gmp-certificate"), "suggests the near match: {}", err.message);
    let bad_section = SetType { doc_type: "cpp".into(), section: Some("9.9".into()), language: None };
    let err = set_document_type(&mut project, "good.pdf", &bad_section).unwrap_err();
    assert!(err.message.contains("9.9"), "{}", err.message);
}

#[test]
fn an_automatically_placed_document_can_be_taken_off_an_item_and_put_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut project = new_project(dir.path());
    import(&mut project, &[fixture("good.pdf")]);
    let change = SetType { doc_type: "clinical-overview".into(), section: Some("2.5".into()), language: None };
    let doc = set_document_type(&mut project, "good.pdf", &change).unwrap();
    let new = dossier_api::NewApplication { profile: "ema-maa-centralised".into(), ..Default::default() };
    let app = dossier_api::add_application(&mut project, &new).unwrap().application.id;
    let item_of = |p: &dossier_api::Project| {
        dossier_api::placements(p, &app).unwrap().into_iter().find(|pl| pl.document == doc.id).map(|pl| pl.item)
    };
    let item = item_of(&project).expect("mapping places the clinical overview");
    assert!(dossier_api::unassign(&mut project, &app, &item, Some("good.pdf")).unwrap());
    assert_eq!(item_of(&project), None, "taken off, mapping leaves it off");
    dossier_api::assign(&mut project, &app, &item, "good.pdf").unwrap();
    assert_eq!(item_of(&project), Some(item), "assigning puts it back");
}
