use dossier_store::{Application, Assignment, Store};

fn store_with_history() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("p.dossier");
    let mut store = Store::create(&root, "P", &super::actor()).unwrap();
    let actor = super::actor();
    store
        .with_tx(&actor, |tx| {
            tx.insert_document(&super::sample_document(1, "a.pdf"))?;
            tx.create_application(&Application {
                id: "app_hk".into(),
                profile: "hk-dh-new-product".into(),
                route: None,
                title: "HK".into(),
                created_at: String::new(),
                target_date: None,
                facts: Default::default(),
            })?;
            tx.assign(&Assignment {
                application: "app_hk".into(),
                item: "HK-01".into(),
                document: Some(super::sample_document(1, "a.pdf").id.to_string()),
                origin: "manual".into(),
                not_applicable: None,
            })?;
            tx.set_application_route("app_hk", Some("1plus"))
        })
        .unwrap();
    (dir, root)
}

#[test]
fn every_change_writes_an_audit_record_with_who_and_what() {
    let (_dir, root) = store_with_history();
    let store = Store::open(&root).unwrap();
    let log = store.audit_log(100).unwrap();
    let actions: Vec<&str> = log.iter().rev().map(|r| r.action.as_str()).collect();
    assert_eq!(
        actions,
        ["project.create", "document.import", "application.create", "assignment.set", "application.route"]
    );
    assert!(log.iter().all(|r| r.actor == "tester" && r.at == "2026-11-22T09:00:00Z"));
    let route = &log[0];
    assert!(route.before.as_deref().unwrap().contains("\"route\":null"));
    assert!(route.after.as_deref().unwrap().contains("1plus"));
    assert_eq!(store.audit_verify().unwrap(), None, "an untouched chain verifies");
}

#[test]
fn the_audit_log_refuses_updates_and_deletes_through_sql() {
    let (_dir, root) = store_with_history();
    let conn = super::migrate::rusqlite_shell(&root);
    assert!(conn.execute("UPDATE audit_log SET actor = 'mallory'", []).is_err());
    assert!(conn.execute("DELETE FROM audit_log WHERE seq = 2", []).is_err());
}

#[test]
fn an_edit_behind_the_apps_back_is_found_at_the_record_it_touched() {
    let (_dir, root) = store_with_history();
    let conn = super::migrate::rusqlite_shell(&root);
    conn.execute_batch(
        "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = 'mallory' WHERE seq = 3;",
    )
    .unwrap();
    drop(conn);
    let broken = Store::open(&root).unwrap().audit_verify().unwrap().expect("the edit is detected");
    assert_eq!(broken.seq, 3);
}

#[test]
fn a_deleted_record_is_found() {
    let (_dir, root) = store_with_history();
    let conn = super::migrate::rusqlite_shell(&root);
    conn.execute_batch("DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq = 2;").unwrap();
    drop(conn);
    let broken = Store::open(&root).unwrap().audit_verify().unwrap().expect("the deletion is detected");
    assert_eq!(broken.seq, 3, "the record after the gap reports it");
}
