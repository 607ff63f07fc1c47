use rusqlite::OptionalExtension;
use serde::Serialize;
use time::format_description::well_known::Rfc3339;

use crate::{Error, Result, Store, Tx};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProjectInfo {
    pub id: String,
    pub name: String,
    pub created_at: String,
    pub schema_version: u32,
    pub documents: u64,
    pub total_bytes: u64,
    pub studies: u64,
    pub approvals: u64,
    pub applications: u64,
}

pub(crate) fn create(tx: &Tx<'_>, name: &str) -> Result<()> {
    let created = tx.now.format(&Rfc3339).expect("UTC timestamps format as RFC 3339");
    // Readable and unique enough for a local project: the creation instant, to the microsecond.
    let id = format!("prj_{}", tx.now.unix_timestamp_nanos() / 1000);
    tx.tx.execute("INSERT INTO project (id, name, created_at) VALUES (?1, ?2, ?3)", (&id, name, &created))?;
    super::audit::append(tx, "project.create", &id, None::<&()>, Some(&serde_json::json!({ "name": name })))
}

impl Store {
    pub fn project_info(&self) -> Result<ProjectInfo> {
        let (id, name, created_at): (String, String, String) = self
            .conn
            .query_row("SELECT id, name, created_at FROM project LIMIT 1", [], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .optional()?
            .ok_or_else(|| Error::Corrupt("the project row is missing".into()))?;
        let count = |sql: &str| -> Result<u64> { Ok(self.conn.query_row(sql, [], |r| r.get::<_, i64>(0))? as u64) };
        Ok(ProjectInfo {
            id,
            name,
            created_at,
            schema_version: self.conn.query_row("SELECT max(version) FROM schema_migration", [], |r| r.get(0))?,
            documents: count("SELECT count(*) FROM document")?,
            total_bytes: count("SELECT coalesce(sum(size), 0) FROM document")?,
            studies: count("SELECT count(*) FROM study")?,
            approvals: count("SELECT count(*) FROM approval")?,
            applications: count("SELECT count(*) FROM application")?,
        })
    }
}
