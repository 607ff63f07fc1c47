use dossier_api::{ApplicationChange, ErrorCode, NewApplication, application_options};

use crate::new_project;

#[test]
fn the_hong_kong_profile_offers_its_routes_and_the_facts_its_conditions_read() {
    let options = application_options("hk-dh-new-product").unwrap();
    assert!(options.routes.iter().any(|r| r.id == "1plus" && r.title_zh_hant.is_some()), "routes carry their Chinese titles");
    let read: Vec<&str> = options.facts.iter().filter(|f| f.read_by_profile).map(|f| f.name.as_str()).collect();
    assert!(read.contains(&"registered_in_region"), "the primary-evaluation routes read it: {read:?}");
    assert!(read.contains(&"pre_nda_meeting_held"), "a fact only a route reads is offered too: {read:?}");
    assert!(options.facts.len() >= read.len(), "every settable fact is listed, read or not");
}

#[test]
fn options_of_an_unknown_profile_are_not_found() {
    let err = application_options("hk-nope").unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
    assert!(err.message.contains("dossier app profiles"), "says where to look: {err}");
}

#[test]
fn an_added_application_can_change_route_target_date_and_facts() {
    let dir = tempfile::tempdir().unwrap();
    let mut project = new_project(dir.path());
    let new = NewApplication { profile: "hk-dh-new-product".into(), ..Default::default() };
    let id = dossier_api::add_application(&mut project, &new).unwrap().application.id;
    assert_eq!(id, "app_hk");
    let change = ApplicationChange {
        route: Some("1plus".into()),
        target_date: Some(time::macros::date!(2027 - 03 - 31)),
        set: [("applicant_in_region".to_owned(), true)].into(),
        ..Default::default()
    };
    let app = dossier_api::update_application(&mut project, &id, &change).unwrap().application;
    assert_eq!(app.route.as_deref(), Some("1plus"));
    assert_eq!(app.target_date.as_deref(), Some("2027-03-31"));
    assert_eq!(app.facts.get("applicant_in_region"), Some(&serde_json::Value::Bool(true)));
    let bad = ApplicationChange { route: Some("fast".into()), ..Default::default() };
    let err = dossier_api::update_application(&mut project, &id, &bad).unwrap_err();
    assert!(err.message.contains("1plus"), "a wrong route lists the right ones: {err}");
}
