//! Built sequences, their leaves, and each application's envelope facts.

use rusqlite::{OptionalExtension, params};
use serde::Serialize;
use time::format_description::well_known::Rfc3339;

use crate::{Error, Result, Store, Tx};

/// One built or imported sequence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SequenceRecord {
    pub application: String,
    pub number: String,
    /// `us` | `eu` | `cn`.
    pub region: String,
    /// `submission` | `withdrawal` | `imported`.
    pub kind: String,
    pub folder: String,
    pub index_md5: String,
    /// The envelope as written, JSON.
    pub envelope: String,
    /// Set by the store from the transaction's clock.
    pub built_at: String,
}

/// One leaf a sequence sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SequenceLeaf {
    pub sequence: String,
    pub id: String,
    /// `index` | `regional`.
    pub backbone: String,
    pub section: String,
    pub lineage: String,
    pub document: Option<String>,
    pub operation: String,
    pub href: Option<String>,
    pub md5: Option<String>,
    pub title: String,
    /// `(sequence, leaf id)` this leaf replaces, appends to or deletes.
    pub modifies: Option<(String, String)>,
    /// The instances of repeated headings the leaf sits under, JSON (the package's
    /// `Heading`); `None` when there are none or the leaf predates schema 7.
    pub heading: Option<String>,
}

/// Records a sequence and all its leaves at once, with one audit record.
pub fn record(tx: &Tx<'_>, seq: &SequenceRecord, leaves: &[SequenceLeaf]) -> Result<()> {
    let exists: bool = tx.tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM sequence WHERE application = ?1 AND number = ?2)",
        params![seq.application, seq.number],
        |r| r.get(0),
    )?;
    if exists {
        return Err(Error::Invalid(format!(
            "sequence {} of application `{}` is already recorded; build the next number",
            seq.number, seq.application
        )));
    }
    let at = tx.now.format(&Rfc3339).expect("timestamps format");
    tx.tx.execute(
        "INSERT INTO sequence (application, number, region, kind, folder, index_md5, envelope, built_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![seq.application, seq.number, seq.region, seq.kind, seq.folder, seq.index_md5, seq.envelope, at],
    )?;
    let mut stmt = tx.tx.prepare(
        "INSERT INTO sequence_leaf (application, sequence, id, backbone, section, lineage, document, operation,
             href, md5, title, modifies_sequence, modifies_id, heading)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?;
    for l in leaves {
        stmt.execute(params![
            seq.application,
            l.sequence,
            l.id,
            l.backbone,
            l.section,
            l.lineage,
            l.document,
            l.operation,
            l.href,
            l.md5,
            l.title,
            l.modifies.as_ref().map(|m| &m.0),
            l.modifies.as_ref().map(|m| &m.1),
            l.heading,
        ])
        .map_err(|e| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::ConstraintViolation) => Error::Invalid(format!(
                "leaf {} of sequence {} breaks the lifecycle (a leaf is replaced or deleted only once, EU VC 11.12): {e}",
                l.id, l.sequence
            )),
            _ => e.into(),
        })?;
    }
    let counts = serde_json::json!({
        "region": seq.region, "kind": seq.kind, "folder": seq.folder, "index_md5": seq.index_md5,
        "leaves": leaves.len(),
    });
    super::audit::append(tx, "sequence.record", &format!("{}/{}", seq.application, seq.number), None::<&()>, Some(&counts))
}

/// A person's choice for one placed document of an application's next sequence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanChoiceRecord {
    pub document: String,
    /// The current leaf `(sequence, leaf id)` the document replaces.
    pub replaces: Option<(String, String)>,
    pub title: Option<String>,
}

/// Sets (or, when it says nothing, removes) the choice for `choice.document`.
pub fn set_plan_choice(tx: &Tx<'_>, application: &str, choice: &PlanChoiceRecord) -> Result<()> {
    if let Some(t) = &choice.title {
        crate::text::refuse_unsafe("title", t)?;
    }
    let before = plan_choices_in(&tx.tx, application)?.into_iter().find(|c| c.document == choice.document);
    if before.as_ref() == Some(choice) || (before.is_none() && choice.replaces.is_none() && choice.title.is_none()) {
        return Ok(());
    }
    if choice.replaces.is_none() && choice.title.is_none() {
        tx.tx.execute("DELETE FROM plan_choice WHERE application = ?1 AND document = ?2", params![application, choice.document])?;
    } else {
        tx.tx.execute(
            "INSERT INTO plan_choice (application, document, replaces_sequence, replaces_id, title) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (application, document) DO UPDATE SET replaces_sequence = ?3, replaces_id = ?4, title = ?5",
            params![
                application,
                choice.document,
                choice.replaces.as_ref().map(|r| &r.0),
                choice.replaces.as_ref().map(|r| &r.1),
                choice.title
            ],
        )?;
    }
    let after = (choice.replaces.is_some() || choice.title.is_some()).then_some(choice);
    super::audit::append(tx, "plan.choice", &format!("{application}/{}", choice.document), before.as_ref(), after)
}

fn plan_choices_in(conn: &rusqlite::Connection, application: &str) -> Result<Vec<PlanChoiceRecord>> {
    let mut stmt = conn.prepare(
        "SELECT document, replaces_sequence, replaces_id, title FROM plan_choice WHERE application = ?1 ORDER BY document",
    )?;
    let rows = stmt.query_map([application], |r| {
        let s: Option<String> = r.get(1)?;
        let i: Option<String> = r.get(2)?;
        Ok(PlanChoiceRecord { document: r.get(0)?, replaces: s.zip(i), title: r.get(3)? })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn set_envelope(tx: &Tx<'_>, application: &str, envelope_json: &str) -> Result<()> {
    let value: serde_json::Value = serde_json::from_str(envelope_json)?;
    crate::text::refuse_unsafe("envelope", &value)?;
    let before = get_envelope(&tx.tx, application)?;
    if before.as_deref() == Some(envelope_json) {
        return Ok(());
    }
    tx.tx.execute(
        "INSERT INTO application_envelope (application, envelope) VALUES (?1, ?2)
         ON CONFLICT (application) DO UPDATE SET envelope = ?2",
        params![application, envelope_json],
    )?;
    let parse = |s: &str| serde_json::from_str::<serde_json::Value>(s).unwrap_or(serde_json::Value::Null);
    super::audit::append(
        tx,
        "application.envelope",
        application,
        before.as_deref().map(parse).as_ref(),
        Some(&parse(envelope_json)),
    )
}

fn get_envelope(conn: &rusqlite::Connection, application: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT envelope FROM application_envelope WHERE application = ?1", [application], |r| r.get(0))
        .optional()?)
}

impl Store {
    /// A person's choices for the application's next sequence plan.
    pub fn plan_choices(&self, application: &str) -> Result<Vec<PlanChoiceRecord>> {
        plan_choices_in(&self.conn, application)
    }

    /// The application's envelope facts as JSON, `None` when never set.
    pub fn envelope(&self, application: &str) -> Result<Option<String>> {
        get_envelope(&self.conn, application)
    }

    /// Sequences of an application, oldest first.
    pub fn sequences(&self, application: &str) -> Result<Vec<SequenceRecord>> {
        let mut stmt = self.conn.prepare(
            "SELECT application, number, region, kind, folder, index_md5, envelope, built_at
             FROM sequence WHERE application = ?1 ORDER BY number",
        )?;
        let rows = stmt.query_map([application], |r| {
            Ok(SequenceRecord {
                application: r.get(0)?,
                number: r.get(1)?,
                region: r.get(2)?,
                kind: r.get(3)?,
                folder: r.get(4)?,
                index_md5: r.get(5)?,
                envelope: r.get(6)?,
                built_at: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Every leaf of every sequence of an application, in sequence then backbone order.
    pub fn sequence_leaves(&self, application: &str) -> Result<Vec<SequenceLeaf>> {
        let mut stmt = self.conn.prepare(
            "SELECT sequence, id, backbone, section, lineage, document, operation, href, md5, title,
                    modifies_sequence, modifies_id, heading
             FROM sequence_leaf WHERE application = ?1 ORDER BY sequence, rowid",
        )?;
        let rows = stmt.query_map([application], |r| {
            let ms: Option<String> = r.get(10)?;
            let mi: Option<String> = r.get(11)?;
            Ok(SequenceLeaf {
                sequence: r.get(0)?,
                id: r.get(1)?,
                backbone: r.get(2)?,
                section: r.get(3)?,
                lineage: r.get(4)?,
                document: r.get(5)?,
                operation: r.get(6)?,
                href: r.get(7)?,
                md5: r.get(8)?,
                title: r.get(9)?,
                modifies: ms.zip(mi),
                heading: r.get(12)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
