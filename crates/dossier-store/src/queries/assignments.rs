use rusqlite::params;
use serde::Serialize;

use crate::{Result, Store, Tx};

/// A document placed on a checklist item, or an item marked not applicable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Assignment {
    pub application: String,
    pub item: String,
    pub document: Option<String>,
    /// `auto` (from mapping) or `manual` (a person's choice; mapping never removes it).
    pub origin: String,
    pub not_applicable: Option<String>,
}

pub fn assign(tx: &Tx<'_>, a: &Assignment) -> Result<()> {
    crate::text::refuse_unsafe(&format!("{}/{}", a.application.escape_debug(), a.item.escape_debug()), a)?;
    let changed = tx.tx.execute(
        "INSERT INTO assignment (application, item, document, origin, not_applicable) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (application, item, document) DO UPDATE SET origin = ?4, not_applicable = ?5
         WHERE origin IS NOT ?4 OR not_applicable IS NOT ?5",
        params![a.application, a.item, a.document, a.origin, a.not_applicable],
    )?;
    if changed > 0 {
        super::audit::append(tx, "assignment.set", &format!("{}/{}", a.application, a.item), None::<&()>, Some(a))?;
    }
    Ok(())
}

pub fn unassign(tx: &Tx<'_>, application: &str, item: &str, document: Option<&str>) -> Result<bool> {
    let removed = tx.tx.execute(
        "DELETE FROM assignment WHERE application = ?1 AND item = ?2 AND document IS ?3",
        params![application, item, document],
    )?;
    if removed > 0 {
        super::audit::append(
            tx,
            "assignment.remove",
            &format!("{application}/{item}"),
            Some(&serde_json::json!({ "document": document })),
            None::<&()>,
        )?;
    }
    Ok(removed > 0)
}

/// Takes an automatically mapped document off an item (`true` when newly excluded).
pub fn exclude(tx: &Tx<'_>, application: &str, item: &str, document: &str) -> Result<bool> {
    let added = tx.tx.execute(
        "INSERT OR IGNORE INTO exclusion (application, item, document) VALUES (?1, ?2, ?3)",
        params![application, item, document],
    )?;
    if added > 0 {
        super::audit::append(
            tx,
            "assignment.exclude",
            &format!("{application}/{item}"),
            None::<&()>,
            Some(&serde_json::json!({ "document": document })),
        )?;
    }
    Ok(added > 0)
}

/// Lets mapping place the document on the item again (`true` when an exclusion was removed).
pub fn include(tx: &Tx<'_>, application: &str, item: &str, document: &str) -> Result<bool> {
    let removed = tx.tx.execute(
        "DELETE FROM exclusion WHERE application = ?1 AND item = ?2 AND document = ?3",
        params![application, item, document],
    )?;
    if removed > 0 {
        super::audit::append(
            tx,
            "assignment.include",
            &format!("{application}/{item}"),
            Some(&serde_json::json!({ "document": document })),
            None::<&()>,
        )?;
    }
    Ok(removed > 0)
}

impl Store {
    /// (item, document) pairs a person took off an application's checklist.
    pub fn exclusions(&self, application: &str) -> Result<Vec<(String, String)>> {
        let mut stmt =
            self.conn.prepare("SELECT item, document FROM exclusion WHERE application = ?1 ORDER BY item, document")?;
        let rows = stmt.query_map([application], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn assignments(&self, application: &str) -> Result<Vec<Assignment>> {
        let mut stmt = self.conn.prepare(
            "SELECT application, item, document, origin, not_applicable FROM assignment
             WHERE application = ?1 ORDER BY item, document",
        )?;
        let rows = stmt.query_map([application], |r| {
            Ok(Assignment {
                application: r.get(0)?,
                item: r.get(1)?,
                document: r.get(2)?,
                origin: r.get(3)?,
                not_applicable: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
