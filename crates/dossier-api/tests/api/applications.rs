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
        route: Some(Some("1plus".into())),
        target_date: Some(Some(time::macros::date!(2027 - 03 - 31))),
        set: [("applicant_in_region".to_owned(), true)].into(),
        ..Default::default()
    };
    let app = dossier_api::update_application(&mut project, &id, &change).unwrap().application;
    assert_eq!(app.route.as_deref(), Some("1plus"));
    assert_eq!(app.target_date.as_deref(), Some("2027-03-31"));
    assert_eq!(app.facts.get("applicant_in_region"), Some(&serde_json::Value::Bool(true)));
    let bad = ApplicationChange { route: Some(Some("fast".into())), ..Default::default() };
    let err = dossier_api::update_application(&mut project, &id, &bad).unwrap_err();
    assert!(err.message.contains("1plus"), "a wrong route lists the right ones: {err}");
}

#[test]
fn the_route_and_target_date_can_be_cleared_and_are_left_alone_when_not_named() {
    let dir = tempfile::tempdir().unwrap();
    let mut project = new_project(dir.path());
    let new = NewApplication {
        profile: "hk-dh-new-product".into(),
        route: Some("1plus".into()),
        target_date: Some(time::macros::date!(2027 - 03 - 31)),
        ..Default::default()
    };
    let id = dossier_api::add_application(&mut project, &new).unwrap().application.id;
    let rename = ApplicationChange { title: Some("HK filing".into()), ..Default::default() };
    let app = dossier_api::update_application(&mut project, &id, &rename).unwrap().application;
    assert_eq!((app.route.as_deref(), app.target_date.as_deref()), (Some("1plus"), Some("2027-03-31")), "an unnamed field stays");

    // As the app sends it over IPC: `null` clears, an absent field stays.
    let clear_date: ApplicationChange = serde_json::from_str(r#"{"target_date": null}"#).unwrap();
    let app = dossier_api::update_application(&mut project, &id, &clear_date).unwrap().application;
    assert_eq!((app.route.as_deref(), app.target_date), (Some("1plus"), None));
    let clear_route: ApplicationChange = serde_json::from_str(r#"{"route": null, "target_date": "2027-06-30"}"#).unwrap();
    let app = dossier_api::update_application(&mut project, &id, &clear_route).unwrap().application;
    assert_eq!((app.route, app.target_date.as_deref()), (None, Some("2027-06-30")));
    let analysis = dossier_api::gaps(&project, Some(&id)).unwrap();
    assert_eq!(analysis[0].route, None, "gap analysis sees no route");
    let bad: Result<ApplicationChange, _> = serde_json::from_str(r#"{"target_date": "31/03/2027"}"#);
    assert!(bad.is_err(), "a date that is not YYYY-MM-DD is refused, not taken as clearing");
}
