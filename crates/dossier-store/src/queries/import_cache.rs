//! Hashes import has already computed, keyed by source path, size and modification time.
//! A cache, not dossier content: not audited (see migration 0005).

use rusqlite::{OptionalExtension, params};

use crate::{Result, Store, Tx};

/// A file as import saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceStamp {
    pub source: String,
    pub size: u64,
    pub mtime_ns: i64,
}

impl Store {
    /// The SHA-256 recorded for this exact file state, when its document and blob still exist
    /// (a blob set aside as damaged must be read and stored again).
    pub fn cached_hash(&self, stamp: &SourceStamp) -> Result<Option<String>> {
        let sha: Option<String> = self
            .conn
            .query_row(
                "SELECT c.sha256 FROM import_cache c JOIN document d ON d.sha256 = c.sha256
                 WHERE c.source = ?1 AND c.size = ?2 AND c.mtime_ns = ?3",
                params![stamp.source, stamp.size as i64, stamp.mtime_ns],
                |r| r.get(0),
            )
            .optional()?;
        Ok(match (sha, &self.root) {
            (Some(sha), Some(_)) if !self.blobs()?.contains(&sha) => None,
            (sha, _) => sha,
        })
    }
}

impl Tx<'_> {
    pub fn remember_hash(&self, stamp: &SourceStamp, sha256: &str) -> Result<()> {
        self.tx.execute(
            "INSERT INTO import_cache (source, size, mtime_ns, sha256) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (source) DO UPDATE SET size = ?2, mtime_ns = ?3, sha256 = ?4",
            params![stamp.source, stamp.size as i64, stamp.mtime_ns, sha256],
        )?;
        Ok(())
    }
}
