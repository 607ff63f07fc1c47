//! Numbered, append-only migrations embedded in the binary.
//!
//! Each applied migration's SHA-256 is stored. Opening a store whose applied migration differs
//! from the embedded one, or that was migrated past what this binary knows, is refused before
//! anything is written: a silently re-run or skipped migration is how projects get damaged.

use rusqlite::Connection;
use sha2::{Digest, Sha256};

use crate::{Error, Result};

#[derive(Debug, Clone, Copy)]
pub struct Migration {
    pub version: u32,
    pub name: &'static str,
    pub sql: &'static str,
}

impl Migration {
    pub fn checksum(&self) -> String {
        hex::encode(Sha256::digest(self.sql.as_bytes()))
    }
}

pub const MIGRATIONS: &[Migration] = &[
    Migration { version: 1, name: "0001_initial", sql: include_str!("../migrations/0001_initial.sql") },
    Migration {
        version: 2,
        name: "0002_application_facts",
        sql: include_str!("../migrations/0002_application_facts.sql"),
    },
    Migration { version: 3, name: "0003_sequences", sql: include_str!("../migrations/0003_sequences.sql") },
    Migration { version: 4, name: "0004_bundles", sql: include_str!("../migrations/0004_bundles.sql") },
    Migration { version: 5, name: "0005_import_cache", sql: include_str!("../migrations/0005_import_cache.sql") },
    Migration { version: 6, name: "0006_exclusions", sql: include_str!("../migrations/0006_exclusions.sql") },
    Migration {
        version: 7,
        name: "0007_heading_instances",
        sql: include_str!("../migrations/0007_heading_instances.sql"),
    },
    Migration { version: ROW_STATE, name: "0008_row_state", sql: include_str!("../migrations/0008_row_state.sql") },
    Migration { version: 9, name: "0009_plan_choices", sql: include_str!("../migrations/0009_plan_choices.sql") },
];

/// The migration from which audit records carry row content (`crate::rows`).
const ROW_STATE: u32 = 8;

pub(crate) fn migrate(conn: &mut Connection) -> Result<()> {
    migrate_with(conn, MIGRATIONS)
}

pub(crate) fn migrate_with(conn: &mut Connection, migrations: &[Migration]) -> Result<()> {
    // Every command opens the store; an up-to-date one must open with a plain read, or every
    // reader would queue behind another process's write (and fail as busy after the timeout).
    if up_to_date(conn, migrations)? {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    tx.execute_batch(
        "CREATE TABLE IF NOT EXISTS schema_migration (
             version    INTEGER PRIMARY KEY,
             name       TEXT NOT NULL,
             checksum   TEXT NOT NULL,
             applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
         )",
    )?;
    let applied: Vec<(u32, String, String)> = {
        let mut stmt = tx.prepare("SELECT version, name, checksum FROM schema_migration ORDER BY version")?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<Result<_, _>>()?
    };
    let known = migrations.last().map_or(0, |m| m.version);
    for (version, name, checksum) in &applied {
        let Some(embedded) = migrations.iter().find(|m| m.version == *version) else {
            return Err(Error::NewerSchema { found: *version, known });
        };
        if embedded.checksum() != *checksum {
            return Err(Error::MigrationChanged { version: *version, name: name.clone() });
        }
    }
    for m in migrations.iter().filter(|m| !applied.iter().any(|(v, ..)| *v == m.version)) {
        tx.execute_batch(m.sql)?;
        tx.execute(
            "INSERT INTO schema_migration (version, name, checksum) VALUES (?1, ?2, ?3)",
            (m.version, m.name, m.checksum()),
        )?;
        if m.version == ROW_STATE && m.name == "0008_row_state" {
            record_baseline(&tx)?;
        }
    }
    tx.commit()?;
    Ok(())
}

/// A store upgraded to row recording holds rows no record describes: they are recorded once,
/// as found now, so that later changes behind the program's back are seen (what was changed
/// before cannot be). A new store has no rows and gets no baseline.
fn record_baseline(tx: &rusqlite::Transaction<'_>) -> Result<()> {
    let Some(rows) = crate::rows::baseline(tx)? else { return Ok(()) };
    let at = time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .expect("UTC timestamps format as RFC 3339");
    crate::queries::audit::append_raw(
        tx,
        &at,
        "dossier (upgrade to schema 8)",
        crate::rows::BASELINE_ACTION,
        "rows as found when the store was upgraded; changes made before then cannot be checked",
        Some(&rows),
    )
}

/// Whether every migration is applied, each with its checksum, and no other. Anything else
/// (pending, edited, newer) goes to the full check under the write lock, which reports it.
pub(crate) fn up_to_date(conn: &Connection, migrations: &[Migration]) -> Result<bool> {
    let has_table: bool = conn.query_row(
        "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migration'",
        [],
        |r| r.get(0),
    )?;
    if !has_table {
        return Ok(false);
    }
    let mut stmt = conn.prepare("SELECT version, checksum FROM schema_migration ORDER BY version")?;
    let applied: Vec<(u32, String)> = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<_, _>>()?;
    Ok(applied.len() == migrations.len()
        && applied.iter().zip(migrations).all(|((v, c), m)| *v == m.version && *c == m.checksum()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const V1: Migration = Migration { version: 1, name: "0001_a", sql: "CREATE TABLE a (x);" };
    const V2: Migration = Migration { version: 2, name: "0002_b", sql: "CREATE TABLE b (y);" };

    #[test]
    fn pending_migrations_are_applied_once() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate_with(&mut conn, &[V1]).unwrap();
        migrate_with(&mut conn, &[V1, V2]).unwrap();
        migrate_with(&mut conn, &[V1, V2]).expect("re-opening applies nothing and succeeds");
        let n: u32 = conn.query_row("SELECT count(*) FROM schema_migration", [], |r| r.get(0)).unwrap();
        assert_eq!(n, 2);
    }

    #[test]
    fn a_changed_migration_is_refused() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate_with(&mut conn, &[V1]).unwrap();
        let edited = Migration { sql: "CREATE TABLE a (x, z);", ..V1 };
        let err = migrate_with(&mut conn, &[edited]).unwrap_err();
        assert!(matches!(err, Error::MigrationChanged { version: 1, .. }), "got {err}");
    }

    #[test]
    fn a_store_from_a_newer_schema_is_refused_and_left_alone() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate_with(&mut conn, &[V1, V2]).unwrap();
        let err = migrate_with(&mut conn, &[V1]).unwrap_err();
        assert!(matches!(err, Error::NewerSchema { found: 2, known: 1 }), "got {err}");
        let tables: u32 = conn
            .query_row("SELECT count(*) FROM sqlite_master WHERE name = 'b'", [], |r| r.get(0))
            .unwrap();
        assert_eq!(tables, 1, "the newer table is still there");
    }
}
