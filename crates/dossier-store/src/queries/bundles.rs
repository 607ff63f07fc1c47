//! Built CTD bundles (Hong Kong) and the index rows of every file they hold.

use rusqlite::params;
use serde::Serialize;
use time::format_description::well_known::Rfc3339;

use crate::{Error, Result, Store, Tx};

/// One built bundle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BundleRecord {
    pub application: String,
    pub number: String,
    /// The profile format, `hk-ctd`.
    pub format: String,
    pub folder: String,
    /// MD5 of the bundle's `index.csv`.
    pub index_md5: String,
    /// Set by the store from the transaction's clock.
    pub built_at: String,
}

/// One file of a bundle on one checklist item (a file serving two items has two rows).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BundleFile {
    pub bundle: String,
    pub path: String,
    pub item: String,
    pub item_title: String,
    pub section: String,
    pub section_title: String,
    pub route: Option<String>,
    pub document: String,
    pub title: String,
    pub sha256: String,
    pub md5: String,
    pub size: u64,
    /// `cover-letter`, or `None`.
    pub role: Option<String>,
}

/// Records a bundle and its index at once, with one audit record.
pub fn record(tx: &Tx<'_>, bundle: &BundleRecord, files: &[BundleFile]) -> Result<()> {
    let exists: bool = tx.tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM bundle WHERE application = ?1 AND number = ?2)",
        params![bundle.application, bundle.number],
        |r| r.get(0),
    )?;
    if exists {
        return Err(Error::Invalid(format!(
            "bundle {} of application `{}` is already recorded; build the next number",
            bundle.number, bundle.application
        )));
    }
    let at = tx.now.format(&Rfc3339).expect("timestamps format");
    tx.tx.execute(
        "INSERT INTO bundle (application, number, format, folder, index_md5, built_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![bundle.application, bundle.number, bundle.format, bundle.folder, bundle.index_md5, at],
    )?;
    let mut stmt = tx.tx.prepare(
        "INSERT INTO bundle_file (application, bundle, path, item, item_title, section, section_title, route,
             document, title, sha256, md5, size, role)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?;
    for f in files {
        stmt.execute(params![
            bundle.application,
            f.bundle,
            f.path,
            f.item,
            f.item_title,
            f.section,
            f.section_title,
            f.route,
            f.document,
            f.title,
            f.sha256,
            f.md5,
            f.size as i64,
            f.role,
        ])?;
    }
    let summary = serde_json::json!({
        "format": bundle.format, "folder": bundle.folder, "index_md5": bundle.index_md5, "rows": files.len(),
    });
    super::audit::append(tx, "bundle.record", &format!("{}/{}", bundle.application, bundle.number), None::<&()>, Some(&summary))
}

impl Store {
    /// Bundles of an application, oldest first.
    pub fn bundles(&self, application: &str) -> Result<Vec<BundleRecord>> {
        let mut stmt = self.conn.prepare(
            "SELECT application, number, format, folder, index_md5, built_at FROM bundle WHERE application = ?1 ORDER BY number",
        )?;
        let rows = stmt.query_map([application], |r| {
            Ok(BundleRecord {
                application: r.get(0)?,
                number: r.get(1)?,
                format: r.get(2)?,
                folder: r.get(3)?,
                index_md5: r.get(4)?,
                built_at: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The index rows of one bundle, in the order they were recorded (the index's order).
    pub fn bundle_files(&self, application: &str, bundle: &str) -> Result<Vec<BundleFile>> {
        let mut stmt = self.conn.prepare(
            "SELECT bundle, path, item, item_title, section, section_title, route, document, title, sha256, md5, size, role
             FROM bundle_file WHERE application = ?1 AND bundle = ?2 ORDER BY rowid",
        )?;
        let rows = stmt.query_map(params![application, bundle], |r| {
            Ok(BundleFile {
                bundle: r.get(0)?,
                path: r.get(1)?,
                item: r.get(2)?,
                item_title: r.get(3)?,
                section: r.get(4)?,
                section_title: r.get(5)?,
                route: r.get(6)?,
                document: r.get(7)?,
                title: r.get(8)?,
                sha256: r.get(9)?,
                md5: r.get(10)?,
                size: r.get::<_, i64>(11)? as u64,
                role: r.get(12)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
