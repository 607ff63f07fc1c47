//! The append-only audit log. Each record's hash covers its content and the previous record's
//! hash, so an edit, deletion or reordering made behind the app's back breaks the chain at the
//! first record it touched.

use rusqlite::params;
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

fn record_hash(prev: &str, at: &str, actor: &str, action: &str, subject: &str, before: Option<&str>, after: Option<&str>) -> String {
    let mut h = Sha256::new();
    for part in [prev, at, actor, action, subject, before.unwrap_or("\u{0}"), after.unwrap_or("\u{0}")] {
        h.update((part.len() as u64).to_le_bytes());
        h.update(part.as_bytes());
    }
    hex::encode(h.finalize())
}

/// Appends one record. `before`/`after` are the changed item as JSON, `None` when it did not
/// exist before or does not exist after.
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
    let prev: String = tx
        .tx
        .query_row("SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1", [], |r| r.get(0))
        .or_else(|e| match e {
            rusqlite::Error::QueryReturnedNoRows => Ok(GENESIS.to_owned()),
            e => Err(e),
        })?;
    let hash = record_hash(&prev, &at, &tx.actor.name, action, subject, before.as_deref(), after.as_deref());
    tx.tx.execute(
        "INSERT INTO audit_log (at, actor, action, subject, before, after, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![at, tx.actor.name, action, subject, before, after, prev, hash],
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

    /// Walks the whole chain; `Ok(None)` when intact, else the first record that breaks it.
    pub fn audit_verify(&self) -> Result<Option<ChainBreak>> {
        let mut stmt = self.conn.prepare(
            "SELECT seq, at, actor, action, subject, before, after, prev_hash, hash FROM audit_log ORDER BY seq",
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
            let actual = record_hash(
                &prev,
                &r.get::<_, String>(1)?,
                &r.get::<_, String>(2)?,
                &r.get::<_, String>(3)?,
                &r.get::<_, String>(4)?,
                before.as_deref(),
                after.as_deref(),
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
