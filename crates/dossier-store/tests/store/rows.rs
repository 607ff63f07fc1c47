//! Row content in the audit trail: a change made behind the program's back is found by
//! `Store::row_check`, named by table, key and field (issue 14, point 18).

use dossier_store::{Application, Assignment, DifferenceKind, MIGRATIONS, Store};

fn store_with_history() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("p.dossier");
    let mut store = Store::create(&root, "P", &super::actor()).unwrap();
    store
        .with_tx(&super::actor(), |tx| {
            tx.insert_document(&super::sample_document(1, "a.pdf"))?;
            tx.insert_document(&super::sample_document(2, "b.pdf"))?;
            for id in ["app_hk", "app_gone"] {
                tx.create_application(&Application {
                    id: id.into(),
                    profile: "hk-dh-new-product".into(),
                    route: None,
                    title: "HK".into(),
                    created_at: String::new(),
                    target_date: None,
                    facts: Default::default(),
                })?;
                tx.assign(&Assignment {
                    application: id.into(),
                    item: "HK-01".into(),
                    document: Some(super::sample_document(1, "a.pdf").id.to_string()),
                    origin: "manual".into(),
                    not_applicable: None,
                })?;
            }
            tx.set_application_route("app_hk", Some("1plus"))
        })
        .unwrap();
    // The deletion cascades to the assignment: the cascade is recorded too.
    store.with_tx(&super::actor(), |tx| tx.delete_application("app_gone")).unwrap();
    (dir, root)
}

fn raw(root: &std::path::Path, sql: &str) {
    rusqlite::Connection::open(root.join("project.sqlite")).unwrap().execute_batch(sql).unwrap();
}

#[test]
fn a_history_of_changes_made_by_the_program_checks_clean() {
    let (_dir, root) = store_with_history();
    let check = Store::open(&root).unwrap().row_check().unwrap();
    assert!(check.differences.is_empty(), "{:#?}", check.differences);
    assert_eq!(check.rows, 1 + 2 + 1 + 1, "project, two documents, app_hk and its assignment");
    assert_eq!(check.baseline, None, "a store made with row recording needs no baseline");
}

#[test]
fn an_update_behind_the_programs_back_is_named_by_table_key_field_and_both_values() {
    let (_dir, root) = store_with_history();
    let id = super::sample_document(1, "a.pdf").id.to_string();
    raw(&root, &format!("UPDATE document SET file_name = 'evil.pdf' WHERE id = '{id}'"));
    let store = Store::open(&root).unwrap();
    assert_eq!(store.audit_verify().unwrap(), None, "the chain itself is intact: only the row changed");
    let check = store.row_check().unwrap();
    assert_eq!(check.differences.len(), 1, "{:#?}", check.differences);
    let d = &check.differences[0];
    assert_eq!((d.table.as_str(), d.key.as_str(), d.kind), ("document", id.as_str(), DifferenceKind::Changed));
    assert_eq!(d.fields.len(), 1);
    assert_eq!((d.fields[0].field.as_str(), d.fields[0].expected.as_str(), d.fields[0].found.as_str()), ("file_name", "\"a.pdf\"", "\"evil.pdf\""));
}

#[test]
fn a_value_of_another_type_is_a_difference() {
    let (_dir, root) = store_with_history();
    raw(&root, "UPDATE document SET size = x'0a' WHERE size = 10");
    let check = Store::open(&root).unwrap().row_check().unwrap();
    assert_eq!(check.differences.len(), 2, "both documents: {:#?}", check.differences);
    assert!(
        check.differences.iter().all(|d| d.fields[0].field == "size" && d.fields[0].expected == "10" && d.fields[0].found == r#"{"blob":"0a"}"#),
        "{:#?}",
        check.differences
    );
}

#[test]
fn a_deleted_row_and_an_inserted_one_are_both_found() {
    let (_dir, root) = store_with_history();
    let id = super::sample_document(2, "b.pdf").id.to_string();
    raw(
        &root,
        &format!(
            "DELETE FROM document WHERE id = '{id}';
             INSERT INTO exclusion (application, item, document) VALUES ('app_hk', 'HK-02', '{}');",
            super::sample_document(1, "a.pdf").id
        ),
    );
    let check = Store::open(&root).unwrap().row_check().unwrap();
    let kinds: Vec<(&str, DifferenceKind)> = check.differences.iter().map(|d| (d.table.as_str(), d.kind)).collect();
    assert_eq!(kinds, [("exclusion", DifferenceKind::Unrecorded), ("document", DifferenceKind::Deleted)]);
    let deleted = &check.differences[1];
    assert_eq!(deleted.key, id);
    assert!(deleted.fields.iter().any(|f| f.field == "file_name" && f.expected == "\"b.pdf\""), "{deleted:#?}");
}

#[test]
fn a_row_the_program_deleted_put_back_from_outside_is_found() {
    let (_dir, root) = store_with_history();
    raw(&root, "INSERT INTO application (id, profile, title, created_at) VALUES ('app_gone', 'hk-dh-new-product', 'HK', 'x')");
    let check = Store::open(&root).unwrap().row_check().unwrap();
    assert_eq!(check.differences.len(), 1);
    assert_eq!((check.differences[0].key.as_str(), check.differences[0].kind), ("app_gone", DifferenceKind::Reinserted));
}

#[test]
fn dropping_the_recorded_rows_from_a_record_breaks_the_chain() {
    let (_dir, root) = store_with_history();
    // The append-only triggers stop an UPDATE; someone determined drops them first.
    raw(&root, "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET rows = NULL WHERE seq = 2;");
    let broken = Store::open(&root).unwrap().audit_verify().unwrap().expect("the record's hash covers its rows");
    assert_eq!(broken.seq, 2);
}

#[test]
fn a_store_from_before_row_recording_gets_a_baseline_and_later_edits_are_found() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("old.dossier");
    std::fs::create_dir_all(root.join("blobs")).unwrap();
    {
        // Schema 7, as the previous release left it, with a project and a document row.
        let conn = rusqlite::Connection::open(root.join("project.sqlite")).unwrap();
        conn.execute_batch(
            "CREATE TABLE schema_migration (version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL,
                 applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))",
        )
        .unwrap();
        for m in &MIGRATIONS[..7] {
            conn.execute_batch(m.sql).unwrap();
            conn.execute("INSERT INTO schema_migration (version, name, checksum) VALUES (?1, ?2, ?3)", (m.version, m.name, m.checksum()))
                .unwrap();
        }
        conn.execute_batch(
            "INSERT INTO project (id, name, created_at) VALUES ('prj_old', 'Old', '2026-01-01T00:00:00Z');
             INSERT INTO document (id, sha256, md5, size, file_name, source_path, kind, imported_at)
                 VALUES ('doc_0101010101010101', '01', '00', 10, 'a.pdf', 'a.pdf', 'other', '2026-01-01T00:00:00Z');",
        )
        .unwrap();
    }
    let store = Store::open(&root).unwrap();
    let check = store.row_check().unwrap();
    assert!(check.differences.is_empty(), "{:#?}", check.differences);
    assert!(check.baseline.is_some(), "the rows found at the upgrade are the baseline");
    assert_eq!(check.rows, 2);
    assert_eq!(store.audit_verify().unwrap(), None);
    drop(store);
    let again = Store::open(&root).unwrap();
    assert_eq!(again.audit_log(10).unwrap().len(), 1, "the baseline is recorded once");
    drop(again);
    raw(&root, "UPDATE project SET name = 'Renamed'");
    let check = Store::open(&root).unwrap().row_check().unwrap();
    assert_eq!(check.differences.len(), 1);
    assert_eq!(check.differences[0].fields[0].field, "name");
}

#[test]
fn a_new_store_has_no_baseline_record() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::create(&dir.path().join("p.dossier"), "P", &super::actor()).unwrap();
    let log = store.audit_log(10).unwrap();
    assert_eq!(log.iter().map(|r| r.action.as_str()).collect::<Vec<_>>(), ["project.create"]);
    assert_eq!(store.audit_head().unwrap().map(|h| h.hash), Some(log[0].hash.clone()));
}
