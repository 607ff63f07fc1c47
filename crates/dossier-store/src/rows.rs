//! What each row of user data holds, recorded in the audit trail, so that a change made behind
//! the program's back (`sqlite3 project.sqlite "UPDATE document …"`) is seen.
//!
//! The hash chain of the audit log protects the records, not the rows they describe. So every
//! audit record also carries the full content of the rows changed since the previous record
//! (`audit_log.rows`, migration 0008, covered by the record's hash), and [`Store::row_check`]
//! compares every current row with the content its latest record gave it.
//!
//! Which rows changed is caught by temporary triggers on this connection (they exist only in
//! the program's own connection, so a change made with another tool is never recorded), not by
//! each query function listing what it touched: a cascade, an upsert or a forgotten column
//! cannot slip past.
//!
//! A store made before migration 0008 gets one baseline record holding its rows as found at the
//! upgrade ([`baseline`]): changes after it are seen, changes before it cannot be.

use std::collections::HashMap;

use rusqlite::types::Value as SqlValue;
use rusqlite::{Connection, params_from_iter};
use serde::Serialize;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use crate::{Result, Store};

/// The tables that hold what the user made: everything but the audit log itself, the
/// migration record (checked by its own checksums) and the import cache (a cache, dropped at
/// will — migration 0005).
pub(crate) const TRACKED: &[&str] = &[
    "project",
    "product",
    "site",
    "document",
    "study",
    "approval",
    "application",
    "assignment",
    "exclusion",
    "application_envelope",
    "sequence",
    "sequence_leaf",
    "plan_choice",
    "bundle",
    "bundle_file",
];

/// A tracked table's primary-key columns.
#[derive(Debug, Clone)]
pub(crate) struct Table {
    name: &'static str,
    key: Vec<String>,
}

/// The tracked tables with their keys, read from the schema.
pub(crate) fn tables(conn: &Connection) -> Result<Vec<Table>> {
    let mut out = Vec::new();
    for name in TRACKED {
        let mut stmt = conn.prepare(&format!("SELECT name, pk FROM pragma_table_info('{name}') WHERE pk > 0 ORDER BY pk"))?;
        let key: Vec<String> = stmt.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
        // A table a later migration creates (plan_choice, 0009) is not there yet while
        // migration 0008 records its baseline: it holds no rows to record.
        let exists: bool = conn.query_row("SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1)", [name], |r| r.get(0))?;
        if !exists {
            continue;
        }
        assert!(!key.is_empty(), "tracked table {name} has a primary key");
        out.push(Table { name, key });
    }
    Ok(out)
}

/// Creates this connection's triggers that note every inserted, updated or deleted row's key.
pub(crate) fn install_triggers(conn: &Connection, tables: &[Table]) -> Result<()> {
    let mut sql = String::from(
        "CREATE TEMP TABLE IF NOT EXISTS changed_row (tbl TEXT NOT NULL, key TEXT NOT NULL, PRIMARY KEY (tbl, key)) WITHOUT ROWID;",
    );
    for t in tables {
        let key = |side: &str| format!("json_array({})", t.key.iter().map(|k| format!("{side}.\"{k}\"")).collect::<Vec<_>>().join(", "));
        // Not `INSERT OR IGNORE`: an outer upsert's conflict clause would override it.
        let note = |side: &str| {
            format!(
                "INSERT INTO temp.changed_row SELECT '{0}', {1} WHERE NOT EXISTS
                     (SELECT 1 FROM temp.changed_row WHERE tbl = '{0}' AND key = {1});",
                t.name,
                key(side)
            )
        };
        let name = t.name;
        sql.push_str(&format!(
            "CREATE TEMP TRIGGER IF NOT EXISTS row_ins_{name} AFTER INSERT ON main.{name} BEGIN {} END;
             CREATE TEMP TRIGGER IF NOT EXISTS row_upd_{name} AFTER UPDATE ON main.{name} BEGIN {} {} END;
             CREATE TEMP TRIGGER IF NOT EXISTS row_del_{name} AFTER DELETE ON main.{name} BEGIN {} END;",
            note("NEW"),
            note("OLD"),
            note("NEW"),
            note("OLD"),
        ));
    }
    conn.execute_batch(&sql)?;
    Ok(())
}

/// One row as an audit record holds it: its table, key and content (`None`: deleted).
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub(crate) struct RowState {
    pub table: String,
    pub key: Vec<Value>,
    pub row: Option<Map<String, Value>>,
}

/// Whether rows changed since the last [`take_changed`].
pub(crate) fn pending(conn: &Connection) -> Result<bool> {
    Ok(conn.query_row("SELECT EXISTS (SELECT 1 FROM temp.changed_row)", [], |r| r.get(0))?)
}

/// The rows changed since the last call, with their content now, as JSON; `None` when none.
/// Clears the list.
pub(crate) fn take_changed(conn: &Connection, tables: &[Table]) -> Result<Option<String>> {
    let changed: Vec<(String, String)> = {
        let mut stmt = conn.prepare("SELECT tbl, key FROM temp.changed_row ORDER BY tbl, key")?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<_, _>>()?
    };
    if changed.is_empty() {
        return Ok(None);
    }
    conn.execute("DELETE FROM temp.changed_row", [])?;
    let mut states = Vec::with_capacity(changed.len());
    for (tbl, key) in changed {
        let table = tables.iter().find(|t| t.name == tbl).expect("triggers exist only for tracked tables");
        let key: Vec<Value> = serde_json::from_str(&key)?;
        let row = row_by_key(conn, table, &key)?;
        states.push(RowState { table: tbl, key, row });
    }
    Ok(Some(serde_json::to_string(&states)?))
}

/// Every row of every tracked table, as JSON: the baseline of a store made before rows were
/// recorded. `None` when there are none.
pub(crate) fn baseline(conn: &Connection) -> Result<Option<String>> {
    let tables = tables(conn)?;
    let mut states = Vec::new();
    for t in &tables {
        for_each_row(conn, t, |key, row| {
            states.push(RowState { table: t.name.to_owned(), key, row: Some(row) });
            Ok(())
        })?;
    }
    if states.is_empty() { Ok(None) } else { Ok(Some(serde_json::to_string(&states)?)) }
}

fn row_by_key(conn: &Connection, t: &Table, key: &[Value]) -> Result<Option<Map<String, Value>>> {
    let cond = t.key.iter().enumerate().map(|(i, k)| format!("\"{k}\" IS ?{}", i + 1)).collect::<Vec<_>>().join(" AND ");
    let mut stmt = conn.prepare_cached(&format!("SELECT * FROM main.{} WHERE {cond}", t.name))?;
    let names: Vec<String> = stmt.column_names().into_iter().map(str::to_owned).collect();
    let mut rows = stmt.query(params_from_iter(key.iter().map(to_sql)))?;
    match rows.next()? {
        Some(r) => Ok(Some(row_map(r, &names)?)),
        None => Ok(None),
    }
}

fn for_each_row(conn: &Connection, t: &Table, mut f: impl FnMut(Vec<Value>, Map<String, Value>) -> Result<()>) -> Result<()> {
    let mut stmt = conn.prepare(&format!("SELECT * FROM main.{}", t.name))?;
    let names: Vec<String> = stmt.column_names().into_iter().map(str::to_owned).collect();
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let row = row_map(r, &names)?;
        let key = t.key.iter().map(|k| row.get(k).cloned().unwrap_or(Value::Null)).collect();
        f(key, row)?;
    }
    Ok(())
}

fn row_map(r: &rusqlite::Row<'_>, names: &[String]) -> Result<Map<String, Value>> {
    let mut map = Map::new();
    for (i, name) in names.iter().enumerate() {
        map.insert(name.clone(), from_sql(r.get::<_, SqlValue>(i)?));
    }
    Ok(map)
}

/// SQLite values as JSON, keeping their type: integer and real stay apart, and a blob (the
/// only value that is a JSON object) is `{"blob": hex}`.
fn from_sql(v: SqlValue) -> Value {
    match v {
        SqlValue::Null => Value::Null,
        SqlValue::Integer(i) => Value::from(i),
        SqlValue::Real(f) => serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number),
        SqlValue::Text(s) => Value::String(s),
        SqlValue::Blob(b) => serde_json::json!({ "blob": hex::encode(b) }),
    }
}

fn to_sql(v: &Value) -> SqlValue {
    match v {
        Value::Null => SqlValue::Null,
        Value::Bool(b) => SqlValue::Integer(i64::from(*b)),
        Value::Number(n) => n.as_i64().map_or_else(|| SqlValue::Real(n.as_f64().unwrap_or(f64::NAN)), SqlValue::Integer),
        Value::String(s) => SqlValue::Text(s.clone()),
        Value::Object(o) => SqlValue::Blob(o.get("blob").and_then(Value::as_str).and_then(|h| hex::decode(h).ok()).unwrap_or_default()),
        Value::Array(_) => SqlValue::Null,
    }
}

/// A row whose content is not what the audit trail last recorded for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowDifference {
    pub table: String,
    /// The row's key, its columns' values joined by `/` (`doc_…`, `app_cn/0000`).
    pub key: String,
    pub kind: DifferenceKind,
    /// The audit record that last described the row (`None`: none ever did).
    pub record: Option<i64>,
    /// For a changed row, each field that differs.
    pub fields: Vec<FieldDifference>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DifferenceKind {
    /// Present, but no audit record ever described it.
    Unrecorded,
    /// Present, but its last record says it was deleted.
    Reinserted,
    /// Recorded as present, but gone.
    Deleted,
    /// Present with other content than recorded.
    Changed,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldDifference {
    pub field: String,
    /// As recorded, as JSON (`"a.pdf"`, `3`, `null`).
    pub expected: String,
    pub found: String,
}

/// What the row check saw besides differences.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RowCheck {
    pub rows: usize,
    /// When the store predates row recording: the baseline record's time (rows as found then).
    pub baseline: Option<String>,
    pub differences: Vec<RowDifference>,
}

fn digest(row: &Map<String, Value>) -> [u8; 32] {
    Sha256::digest(serde_json::to_vec(row).expect("JSON values serialise")).into()
}

fn key_text(key: &[Value]) -> String {
    key.iter().map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned)).collect::<Vec<_>>().join("/")
}

impl Store {
    /// Compares every row of user data with the content its latest audit record gave it.
    ///
    /// Memory: one digest per row, not the rows; a difference re-reads its record.
    pub fn row_check(&self) -> Result<RowCheck> {
        let mut recorded: HashMap<(String, String), (i64, Option<[u8; 32]>)> = HashMap::new();
        let mut check = RowCheck::default();
        {
            let mut stmt = self.conn.prepare("SELECT seq, at, action, rows FROM audit_log WHERE rows IS NOT NULL ORDER BY seq")?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                let (seq, at, action, text): (i64, String, String, String) = (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
                if action == BASELINE_ACTION {
                    check.baseline = Some(at);
                }
                for s in serde_json::from_str::<Vec<RowState>>(&text)? {
                    recorded.insert((s.table, key_text(&s.key)), (seq, s.row.as_ref().map(digest)));
                }
            }
        }
        for t in &self.tables {
            for_each_row(&self.conn, t, |key, row| {
                check.rows += 1;
                let id = (t.name.to_owned(), key_text(&key));
                let found = digest(&row);
                match recorded.remove(&id) {
                    Some((_, Some(d))) if d == found => {}
                    Some((seq, Some(_))) => {
                        let before = self.recorded_row(seq, t.name, &id.1)?.unwrap_or_default();
                        check.differences.push(RowDifference {
                            table: id.0,
                            key: id.1,
                            kind: DifferenceKind::Changed,
                            record: Some(seq),
                            fields: field_differences(&before, &row),
                        });
                    }
                    Some((seq, None)) => check.differences.push(RowDifference {
                        table: id.0,
                        key: id.1,
                        kind: DifferenceKind::Reinserted,
                        record: Some(seq),
                        fields: Vec::new(),
                    }),
                    None => check.differences.push(RowDifference {
                        table: id.0,
                        key: id.1,
                        kind: DifferenceKind::Unrecorded,
                        record: None,
                        fields: Vec::new(),
                    }),
                }
                Ok(())
            })?;
        }
        let mut gone: Vec<_> = recorded.into_iter().filter_map(|((table, key), (seq, d))| d.map(|_| (seq, table, key))).collect();
        gone.sort();
        for (seq, table, key) in gone {
            let fields = self.recorded_row(seq, &table, &key)?.unwrap_or_default();
            let fields = fields
                .iter()
                .map(|(k, v)| FieldDifference { field: k.clone(), expected: v.to_string(), found: "(no row)".into() })
                .collect();
            check.differences.push(RowDifference { table, key, kind: DifferenceKind::Deleted, record: Some(seq), fields });
        }
        Ok(check)
    }

    fn recorded_row(&self, seq: i64, table: &str, key: &str) -> Result<Option<Map<String, Value>>> {
        let text: String = self.conn.query_row("SELECT rows FROM audit_log WHERE seq = ?1", [seq], |r| r.get(0))?;
        Ok(serde_json::from_str::<Vec<RowState>>(&text)?
            .into_iter()
            .find(|s| s.table == table && key_text(&s.key) == key)
            .and_then(|s| s.row))
    }
}

fn field_differences(expected: &Map<String, Value>, found: &Map<String, Value>) -> Vec<FieldDifference> {
    let mut names: Vec<&String> = expected.keys().chain(found.keys()).collect();
    names.sort();
    names.dedup();
    names
        .into_iter()
        .filter(|n| expected.get(*n) != found.get(*n))
        .map(|n| FieldDifference {
            field: n.clone(),
            expected: expected.get(n).map_or_else(|| "(no field)".into(), Value::to_string),
            found: found.get(n).map_or_else(|| "(no field)".into(), Value::to_string),
        })
        .collect()
}

/// The action of the record that holds a pre-0008 store's rows as found at the upgrade.
pub(crate) const BASELINE_ACTION: &str = "audit.baseline";
