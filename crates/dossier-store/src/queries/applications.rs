use std::collections::BTreeMap;

use rusqlite::{OptionalExtension, params};
use serde::Serialize;
use time::format_description::well_known::Rfc3339;

use crate::{Error, Result, Store, Tx};

/// A filing to one authority profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Application {
    pub id: String,
    pub profile: String,
    pub route: Option<String>,
    pub title: String,
    pub created_at: String,
    /// `YYYY-MM-DD`: when the filing is planned; certificates must be valid then.
    pub target_date: Option<String>,
    /// Facts the profile's conditions read, e.g. `applicant_in_region = false`.
    pub facts: BTreeMap<String, serde_json::Value>,
}

pub fn create(tx: &Tx<'_>, app: &Application) -> Result<()> {
    crate::text::refuse_unsafe(&format!("application {}", app.id.escape_debug()), app)?;
    let exists: bool =
        tx.tx.query_row("SELECT EXISTS (SELECT 1 FROM application WHERE id = ?1)", [&app.id], |r| r.get(0))?;
    if exists {
        return Err(Error::Invalid(format!("application `{}` already exists; choose another id", app.id)));
    }
    let created = tx.now.format(&Rfc3339).expect("timestamps format");
    tx.tx.execute(
        "INSERT INTO application (id, profile, route, title, created_at, target_date, facts)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![app.id, app.profile, app.route, app.title, created, app.target_date, super::to_json(&app.facts)?],
    )?;
    super::audit::append(tx, "application.create", &app.id, None::<&()>, Some(app))
}

pub fn set_route(tx: &Tx<'_>, id: &str, route: Option<&str>) -> Result<()> {
    let before = get_in(&tx.tx, id)?;
    tx.tx.execute("UPDATE application SET route = ?2 WHERE id = ?1", params![id, route])?;
    let after = Application { route: route.map(str::to_owned), ..before.clone() };
    super::audit::append(tx, "application.route", id, Some(&before), Some(&after))
}

/// Replaces the application's route, target date and facts.
pub fn update(tx: &Tx<'_>, app: &Application) -> Result<()> {
    crate::text::refuse_unsafe(&format!("application {}", app.id.escape_debug()), app)?;
    let before = get_in(&tx.tx, &app.id)?;
    let after = Application { created_at: before.created_at.clone(), profile: before.profile.clone(), ..app.clone() };
    if before == after {
        return Ok(());
    }
    tx.tx.execute(
        "UPDATE application SET route = ?2, title = ?3, target_date = ?4, facts = ?5 WHERE id = ?1",
        params![app.id, app.route, app.title, app.target_date, super::to_json(&app.facts)?],
    )?;
    super::audit::append(tx, "application.update", &app.id, Some(&before), Some(&after))
}

pub fn delete(tx: &Tx<'_>, id: &str) -> Result<()> {
    let before = get_in(&tx.tx, id)?;
    tx.tx.execute("DELETE FROM application WHERE id = ?1", [id])?;
    super::audit::append(tx, "application.delete", id, Some(&before), None::<&()>)
}

fn get_in(conn: &rusqlite::Connection, id: &str) -> Result<Application> {
    conn.query_row(&format!("SELECT {COLUMNS} FROM application WHERE id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| Error::not_found("application", id))
}

const COLUMNS: &str = "id, profile, route, title, created_at, target_date, facts";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Application> {
    Ok(Application {
        id: r.get(0)?,
        profile: r.get(1)?,
        route: r.get(2)?,
        title: r.get(3)?,
        created_at: r.get(4)?,
        target_date: r.get(5)?,
        facts: super::from_json(r, "facts")?,
    })
}

impl Store {
    pub fn application(&self, id: &str) -> Result<Application> {
        get_in(&self.conn, id)
    }

    pub fn applications(&self) -> Result<Vec<Application>> {
        let mut stmt = self.conn.prepare(&format!("SELECT {COLUMNS} FROM application ORDER BY id"))?;
        Ok(stmt.query_map([], from_row)?.collect::<Result<_, _>>()?)
    }
}
