//! The project store: the only crate that speaks SQL.
//!
//! A project is a folder `NAME.dossier/` holding `project.sqlite` (WAL), `blobs/`
//! (content-addressed, read-only once written) and `builds/`. [`Store`] owns the connection;
//! every change goes through [`Store::with_tx`] so that it lands together with its audit record.
//!
//! Deliberately absent: any regulatory knowledge (that is `dossier-rules`) and any file format
//! other than SQLite and raw blobs.

mod blobs;
mod error;
mod migrate;
mod queries;
mod rows;
mod text;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, Transaction};
use time::OffsetDateTime;

pub use blobs::{BlobInfo, BlobStore, StagedBlob};
pub use error::{Error, Result};
pub use migrate::{MIGRATIONS, Migration};
pub use queries::applications::Application;
pub use queries::assignments::Assignment;
pub use queries::audit::{AuditRecord, ChainBreak, ChainHead};
pub use queries::bundles::{BundleFile, BundleRecord};
pub use queries::documents::{DocumentFilter, NewDocument};
pub use queries::import_cache::SourceStamp;
pub use queries::project::ProjectInfo;
pub use queries::sequences::{SequenceLeaf, SequenceRecord};
pub use rows::{DifferenceKind, FieldDifference, RowCheck, RowDifference};
pub use text::unsafe_text_in;

pub const DATABASE_FILE: &str = "project.sqlite";
pub const BLOBS_DIR: &str = "blobs";
pub const BUILDS_DIR: &str = "builds";

/// Who makes a change and when; written into every audit record.
///
/// The clock is injected so that tests and reproducible runs control it.
#[derive(Debug, Clone)]
pub struct Actor {
    pub name: String,
    pub now: fn() -> OffsetDateTime,
}

impl Actor {
    pub fn new(name: impl Into<String>) -> Self {
        Self { name: name.into(), now: OffsetDateTime::now_utc }
    }
}

/// An open project store.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    root: Option<PathBuf>,
    /// The tables whose rows the audit records carry (`rows`).
    tables: Vec<rows::Table>,
}

/// A write transaction that knows who is writing; the audit trail is appended through it.
#[derive(Debug)]
pub struct Tx<'a> {
    tx: Transaction<'a>,
    actor: &'a Actor,
    now: OffsetDateTime,
    tables: &'a [rows::Table],
}

impl Tx<'_> {
    pub fn now(&self) -> OffsetDateTime {
        self.now
    }

    /// Records a document; `false` when these bytes were already known (nothing changes).
    pub fn insert_document(&self, doc: &NewDocument) -> Result<bool> {
        queries::documents::insert(self, doc)
    }

    /// Replaces a document's editable metadata; content and hashes never change.
    pub fn update_document(&self, doc: &dossier_model::Document) -> Result<()> {
        queries::documents::update_metadata(self, doc)
    }

    /// Makes stored product, studies and approvals equal to `facts` (references resolved to ids).
    pub fn replace_facts(&self, facts: &dossier_model::Facts) -> Result<()> {
        queries::facts::replace(self, facts)
    }

    pub fn create_application(&self, app: &Application) -> Result<()> {
        queries::applications::create(self, app)
    }

    pub fn set_application_route(&self, id: &str, route: Option<&str>) -> Result<()> {
        queries::applications::set_route(self, id, route)
    }

    /// Replaces an application's title, route, target date and facts (not its profile).
    pub fn update_application(&self, app: &Application) -> Result<()> {
        queries::applications::update(self, app)
    }

    pub fn delete_application(&self, id: &str) -> Result<()> {
        queries::applications::delete(self, id)
    }

    pub fn assign(&self, assignment: &Assignment) -> Result<()> {
        queries::assignments::assign(self, assignment)
    }

    pub fn unassign(&self, application: &str, item: &str, document: Option<&str>) -> Result<bool> {
        queries::assignments::unassign(self, application, item, document)
    }

    /// Takes an automatically mapped document off an item; mapping respects it from then on.
    pub fn exclude(&self, application: &str, item: &str, document: &str) -> Result<bool> {
        queries::assignments::exclude(self, application, item, document)
    }

    /// Undoes [`Tx::exclude`].
    pub fn include(&self, application: &str, item: &str, document: &str) -> Result<bool> {
        queries::assignments::include(self, application, item, document)
    }

    /// Records a built sequence with every leaf it sent (lifecycle history).
    pub fn record_sequence(&self, sequence: &SequenceRecord, leaves: &[SequenceLeaf]) -> Result<()> {
        queries::sequences::record(self, sequence, leaves)
    }

    /// Records a built CTD bundle with its index rows.
    pub fn record_bundle(&self, bundle: &BundleRecord, files: &[BundleFile]) -> Result<()> {
        queries::bundles::record(self, bundle, files)
    }

    /// Replaces the application's envelope facts (JSON).
    pub fn set_envelope(&self, application: &str, envelope_json: &str) -> Result<()> {
        queries::sequences::set_envelope(self, application, envelope_json)
    }
}

impl Store {
    /// Creates a new project folder with an empty store. Refuses a folder that already holds one.
    pub fn create(root: &Path, name: &str, actor: &Actor) -> Result<Store> {
        let db = root.join(DATABASE_FILE);
        if db.exists() {
            return Err(Error::AlreadyExists(root.to_path_buf()));
        }
        for dir in [root.to_path_buf(), root.join(BLOBS_DIR), root.join(BUILDS_DIR)] {
            std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        }
        let mut store = Self::open_connection(&db, OpenFlags::SQLITE_OPEN_CREATE, Some(root))?;
        store.with_tx(actor, |tx| queries::project::create(tx, name))?;
        Ok(store)
    }

    /// Opens an existing project folder, applying pending migrations.
    pub fn open(root: &Path) -> Result<Store> {
        let db = root.join(DATABASE_FILE);
        if !db.is_file() {
            return Err(Error::NotAProject(root.to_path_buf()));
        }
        Self::open_connection(&db, OpenFlags::empty(), Some(root))
    }

    /// A store in memory with the full schema, for tests. It has no blob store.
    pub fn open_in_memory() -> Result<Store> {
        let conn = Connection::open_in_memory()?;
        Self::ready(conn, None)
    }

    fn open_connection(db: &Path, extra: OpenFlags, root: Option<&Path>) -> Result<Store> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI
            | extra;
        let conn = Connection::open_with_flags(db, flags).map_err(|e| Error::open(db, e))?;
        Self::ready(conn, root)
    }

    fn ready(conn: Connection, root: Option<&Path>) -> Result<Store> {
        let mut store = Store { conn, root: root.map(Path::to_path_buf), tables: Vec::new() };
        store.configure()?;
        migrate::migrate(&mut store.conn)?;
        store.tables = rows::tables(&store.conn)?;
        rows::install_triggers(&store.conn, &store.tables)?;
        Ok(store)
    }

    fn configure(&self) -> Result<()> {
        // WAL lets the app read while the CLI writes; the busy timeout makes a second writer
        // wait for the first instead of failing at once.
        self.conn.busy_timeout(Duration::from_secs(10))?;
        self.conn.pragma_update(None, "journal_mode", "WAL")?;
        self.conn.pragma_update(None, "synchronous", "NORMAL")?;
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        Ok(())
    }

    /// The project folder, `None` for an in-memory store.
    pub fn root(&self) -> Option<&Path> {
        self.root.as_deref()
    }

    /// The blob store of this project.
    pub fn blobs(&self) -> Result<BlobStore> {
        let root = self.root.as_ref().ok_or(Error::NoBlobStore)?;
        BlobStore::open(&root.join(BLOBS_DIR))
    }

    /// Runs `f` in one immediate transaction: all of its changes and audit records land, or none.
    pub fn with_tx<T>(&mut self, actor: &Actor, f: impl FnOnce(&Tx<'_>) -> Result<T>) -> Result<T> {
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let tx = Tx { tx, actor, now: (actor.now)(), tables: &self.tables };
        let value = f(&tx)?;
        // Every change appends its own record, which takes the rows it changed; rows changed
        // after the last one (a change that forgot its record) still get one.
        if rows::pending(&tx.tx)? {
            queries::audit::append(&tx, "rows.change", "rows changed without a record of their own", None::<&()>, None::<&()>)?;
        }
        tx.tx.commit()?;
        Ok(value)
    }

    /// `PRAGMA integrity_check`; `Ok(())` when SQLite reports "ok".
    pub fn integrity_check(&self) -> Result<()> {
        let report: String = self.conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        if report == "ok" { Ok(()) } else { Err(Error::Corrupt(report)) }
    }
}
