use dossier_store::{Error, MIGRATIONS, Store};

/// Released migrations with the checksum they were released with. A released migration is
/// never edited: a changed checksum here means add a new numbered migration instead.
const RELEASED: &[(u32, &str)] = &[
    (1, "c9e278536b4ccf346a2d05a6238877a5d13509eece682fc799ee536b0da50735"),
    (2, "adb9b1ee9e7b20b16d5b025ed64ebb4ac1216170af46e63d10e3b688f456e6c5"),
    (3, "f8a3da6faf091e4666f6d09622ef801e7eac691b7e9b16fccd5cc1b8b962684c"),
    (4, "2042d375d1ece8eb2621d0b95d4d5d0cf048923f86168fa28b79762bc39b1b06"),
    (5, "b35ead1c345364c1177c315062df26cddeed142775df85443d1af2203641295b"),
    (6, "a0b31f7dbc639ee863a5149a8a68258b7f5eb07ada3e376c0f228b2530c4e017"),
    (7, "7ff1a83be19b42a20c5043a5bfad6db1d26c7ecec3240a8ab524291e1dfe8037"),
    (8, "ba270d9fef5a7f32460b5df14e82426d9e3dcefa4a13785e0c60d4d5c4181c33"),
    (9, "d49018eb91edd1edf935e4497534d4f46e5c0393b9cc63445d7e1f75e8356bda"),
];

#[test]
fn released_migrations_are_never_edited() {
    for (version, checksum) in RELEASED {
        let m = MIGRATIONS.iter().find(|m| m.version == *version).expect("released migrations stay embedded");
        assert_eq!(&m.checksum(), checksum, "migration {} was edited after release", m.name);
    }
    let numbers: Vec<u32> = MIGRATIONS.iter().map(|m| m.version).collect();
    let expected: Vec<u32> = (1..=MIGRATIONS.len() as u32).collect();
    assert_eq!(numbers, expected, "migrations are numbered 1, 2, 3… without gaps");
}

#[test]
fn a_new_project_migrates_from_empty_and_reopens() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("p.dossier");
    drop(Store::create(&root, "P", &super::actor()).unwrap());
    let store = Store::open(&root).expect("a fresh project reopens");
    assert_eq!(store.project_info().unwrap().schema_version, MIGRATIONS.len() as u32);
    store.integrity_check().unwrap();
}

#[test]
fn a_project_with_an_edited_migration_is_refused_with_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("p.dossier");
    drop(Store::create(&root, "P", &super::actor()).unwrap());
    let conn = rusqlite_shell(&root);
    conn.execute("UPDATE schema_migration SET checksum = 'x' WHERE version = 1", []).unwrap();
    drop(conn);
    let err = Store::open(&root).unwrap_err();
    assert!(matches!(err, Error::MigrationChanged { version: 1, .. }), "got {err}");
    assert!(err.to_string().contains("not changed"), "the message reassures: {err}");
}

#[test]
fn a_project_from_a_newer_program_is_refused_and_not_damaged() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("p.dossier");
    drop(Store::create(&root, "P", &super::actor()).unwrap());
    let conn = rusqlite_shell(&root);
    conn.execute_batch(
        "CREATE TABLE future (x); INSERT INTO schema_migration (version, name, checksum) VALUES (99, '0099_future', 'abc');",
    )
    .unwrap();
    drop(conn);
    let err = Store::open(&root).unwrap_err();
    assert!(matches!(err, Error::NewerSchema { found: 99, .. }), "got {err}");
    let conn = rusqlite_shell(&root);
    let n: i64 = conn.query_row("SELECT count(*) FROM sqlite_master WHERE name = 'future'", [], |r| r.get(0)).unwrap();
    assert_eq!(n, 1, "the newer program's table is untouched");
}

#[test]
fn opening_a_folder_without_a_store_says_how_to_create_one() {
    let dir = tempfile::tempdir().unwrap();
    let err = Store::open(dir.path()).unwrap_err();
    assert!(err.to_string().contains("dossier init"), "{err}");
}

/// What a person with the sqlite3 shell would do behind the app's back.
pub fn rusqlite_shell(root: &std::path::Path) -> rusqlite::Connection {
    rusqlite::Connection::open(root.join("project.sqlite")).unwrap()
}
