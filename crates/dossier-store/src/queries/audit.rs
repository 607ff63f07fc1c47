//! The append-only audit log. Each record's hash covers its content and the previous record's
//! hash, so an edit, deletion or reordering made behind the app's back breaks the chain at the
//! first record it touched. Since migration 0008 each record also carries the content of the
//! rows it changed (`rows`, see `crate::rows`), inside its hash.

use rusqlite::{OptionalExtension, params};
use serde::Serialize;
use sha2::{Digest, Sha256};
use time::format_description::well_known::Rfc3339;

use crate::{Result, Store, Tx};

const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditRecord {
    pub seq: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub subject: String,
    pub before: Option<String>,
    pub after: Option<String>,
    pub hash: String,
}

/// Where the chain broke, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChainBreak {
    pub seq: i64,
    pub reason: String,
}

/// The newest record, whose hash stands for the whole chain: a copy of it kept elsewhere
/// proves later that no record before it was rewritten.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChainHead {
    pub seq: i64,
    pub hash: String,
}

struct Content<'a> {
    at: &'a str,
    actor: &'a str,
    action: &'a str,
    subject: &'a str,
    before: Option<&'a str>,
    after: Option<&'a str>,
    rows: Option<&'a str>,
}

fn record_hash(prev: &str, c: &Content<'_>) -> String {
    let mut h = Sha256::new();
    let parts = [prev, c.at, c.actor, c.action, c.subject, c.before.unwrap_or("\u{0}"), c.after.unwrap_or("\u{0}")];
    // A record without rows (written before migration 0008) hashes as it always did.
    for part in parts.into_iter().chain(c.rows) {
        h.update((part.len() as u64).to_le_bytes());
        h.update(part.as_bytes());
    }
    hex::encode(h.finalize())
}

/// Appends a record written with the connection itself (the migration's baseline).
pub(crate) fn append_raw(conn: &rusqlite::Connection, at: &str, actor: &str, action: &str, subject: &str, rows: Option<&str>) -> Result<()> {
    insert(conn, &Content { at, actor, action, subject, before: None, after: None, rows })
}

/// Appends one record. `before`/`after` are the changed item as JSON, `None` when it did not
/// exist before or does not exist after. The record also takes the content of every row changed
/// since the last record (the triggers' list).
pub(crate) fn append<B: Serialize + ?Sized, A: Serialize + ?Sized>(
    tx: &Tx<'_>,
    action: &str,
    subject: &str,
    before: Option<&B>,
    after: Option<&A>,
) -> Result<()> {
    let before = before.map(super::to_json).transpose()?;
    let after = after.map(super::to_json).transpose()?;
    let at = tx.now.format(&Rfc3339).expect("UTC timestamps format as RFC 3339");
    let rows = crate::rows::take_changed(&tx.tx, tx.tables)?;
    insert(
        &tx.tx,
        &Content {
            at: &at,
            actor: &tx.actor.name,
            action,
            subject,
            before: before.as_deref(),
            after: after.as_deref(),
            rows: rows.as_deref(),
        },
    )
}

fn insert(conn: &rusqlite::Connection, c: &Content<'_>) -> Result<()> {
    let prev: String = conn
        .query_row("SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1", [], |r| r.get(0))
        .or_else(|e| match e {
            rusqlite::Error::QueryReturnedNoRows => Ok(GENESIS.to_owned()),
            e => Err(e),
        })?;
    let hash = record_hash(&prev, c);
    conn.execute(
        "INSERT INTO audit_log (at, actor, action, subject, before, after, prev_hash, hash, rows)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![c.at, c.actor, c.action, c.subject, c.before, c.after, prev, hash, c.rows],
    )?;
    Ok(())
}

impl Store {
    /// The newest `limit` records, newest first.
    pub fn audit_log(&self, limit: usize) -> Result<Vec<AuditRecord>> {
        let mut stmt = self.conn.prepare(
            "SELECT seq, at, actor, action, subject, before, after, hash FROM audit_log
             ORDER BY seq DESC LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit as i64], |r| {
            Ok(AuditRecord {
                seq: r.get(0)?,
                at: r.get(1)?,
                actor: r.get(2)?,
                action: r.get(3)?,
                subject: r.get(4)?,
                before: r.get(5)?,
                after: r.get(6)?,
                hash: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The newest record's number and hash; `None` for an empty log.
    pub fn audit_head(&self) -> Result<Option<ChainHead>> {
        Ok(self
            .conn
            .query_row("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1", [], |r| {
                Ok(ChainHead { seq: r.get(0)?, hash: r.get(1)? })
            })
            .optional()?)
    }

    /// Walks the whole chain; `Ok(None)` when intact, else the first record that breaks it.
    pub fn audit_verify(&self) -> Result<Option<ChainBreak>> {
        let mut stmt = self.conn.prepare(
            "SELECT seq, at, actor, action, subject, before, after, prev_hash, hash, rows FROM audit_log ORDER BY seq",
        )?;
        let mut rows = stmt.query([])?;
        let mut prev = GENESIS.to_owned();
        let mut expected_seq = 1i64;
        while let Some(r) = rows.next()? {
            let seq: i64 = r.get(0)?;
            let (stored_prev, stored_hash): (String, String) = (r.get(7)?, r.get(8)?);
            if seq != expected_seq {
                return Ok(Some(ChainBreak { seq, reason: format!("record {expected_seq} is missing") }));
            }
            if stored_prev != prev {
                return Ok(Some(ChainBreak { seq, reason: "does not follow the record before it (deleted or reordered)".into() }));
            }
            let before: Option<String> = r.get(5)?;
            let after: Option<String> = r.get(6)?;
            let rows: Option<String> = r.get(9)?;
            let (at, actor, action, subject): (String, String, String, String) = (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?);
            let actual = record_hash(
                &prev,
                &Content {
                    at: &at,
                    actor: &actor,
                    action: &action,
                    subject: &subject,
                    before: before.as_deref(),
                    after: after.as_deref(),
                    rows: rows.as_deref(),
                },
            );
            if actual != stored_hash {
                return Ok(Some(ChainBreak { seq, reason: "its content was edited after it was written".into() }));
            }
            prev = stored_hash;
            expected_seq += 1;
        }
        Ok(None)
    }
}
