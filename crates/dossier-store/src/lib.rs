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
pub use queries::sequences::{PlanChoiceRecord, SequenceLeaf, SequenceRecord};
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
    read_only: bool,
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

    /// Sets or clears a person's plan choice for one placed document of an application.
    pub fn set_plan_choice(&self, application: &str, choice: &PlanChoiceRecord) -> Result<()> {
        queries::sequences::set_plan_choice(self, application, choice)
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

    /// Opens an existing project folder, applying pending migrations. A folder this process
    /// cannot write (a mounted archive, a colleague's share) is opened read-only: reading works,
    /// and every change is refused with [`Error::ReadOnly`].
    pub fn open(root: &Path) -> Result<Store> {
        let db = root.join(DATABASE_FILE);
        store_file(root, &db)?;
        if writable(root) && writable(&db) { Self::open_connection(&db, OpenFlags::empty(), Some(root)) } else { Self::open_read_only(root) }
    }

    /// Opens a project without ever writing to its folder.
    ///
    /// A WAL store needs its `-shm` index to be read. With no (or an empty) `-wal` file the
    /// database file holds everything, so it is opened `immutable` (SQLite then needs no
    /// `-shm`); with a `-wal` and its `-shm` left by a writer, `mode=ro` reads both. A `-wal`
    /// without its `-shm` cannot be read without writing one: that store must be copied.
    pub fn open_read_only(root: &Path) -> Result<Store> {
        let db = root.join(DATABASE_FILE);
        store_file(root, &db)?;
        let wal_len = std::fs::metadata(root.join(format!("{DATABASE_FILE}-wal"))).map_or(0, |m| m.len());
        let shm = root.join(format!("{DATABASE_FILE}-shm")).is_file();
        let query = match (wal_len, shm) {
            (0, _) => "mode=ro&immutable=1",
            (_, true) => "mode=ro",
            (_, false) => {
                return Err(Error::ReadOnly {
                    path: root.to_path_buf(),
                    reason: "its last changes are still in project.sqlite-wal, which can only be read where project.sqlite-shm can be written".into(),
                    then: "open it",
                });
            }
        };
        check_length(root, &db)?;
        let uri = format!("file:{}?{query}", uri_path(&db)?);
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI;
        let conn = Connection::open_with_flags(&uri, flags).map_err(|e| Error::open(&db, e))?;
        let mut store = Store { conn, root: Some(root.to_path_buf()), read_only: true, tables: Vec::new() };
        let damaged = |e: Error| store_damage(&db, e);
        store.conn.busy_timeout(Duration::from_secs(10)).map_err(Error::from).map_err(damaged)?;
        store.conn.pragma_update(None, "foreign_keys", "ON").map_err(Error::from).map_err(damaged)?;
        if !migrate::up_to_date(&store.conn, MIGRATIONS).map_err(damaged)? {
            return Err(Error::ReadOnly {
                path: root.to_path_buf(),
                reason: "its schema is not the one this version reads, and updating it needs a writable folder".into(),
                then: "open it",
            });
        }
        // No triggers: a read-only store records nothing, but `row_check` still compares.
        store.tables = rows::tables(&store.conn).map_err(damaged)?;
        Ok(store)
    }

    /// A store in memory with the full schema, for tests. It has no blob store.
    pub fn open_in_memory() -> Result<Store> {
        let conn = Connection::open_in_memory()?;
        Self::ready(conn, None, None)
    }

    fn open_connection(db: &Path, extra: OpenFlags, root: Option<&Path>) -> Result<Store> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI
            | extra;
        if let Some(root) = root {
            check_length(root, db)?;
        }
        let conn = Connection::open_with_flags(db, flags).map_err(|e| Error::open(db, e))?;
        Self::ready(conn, root, Some(db))
    }

    /// Configures and migrates a writable connection and installs its row triggers. Damage
    /// shows here first (junk is "not a database" at the first statement): the file is named
    /// while its path is known.
    fn ready(conn: Connection, root: Option<&Path>, db: Option<&Path>) -> Result<Store> {
        let damaged = |e: Error| match db {
            Some(db) => store_damage(db, e),
            None => e,
        };
        let mut store = Store { conn, root: root.map(Path::to_path_buf), read_only: false, tables: Vec::new() };
        store.configure().map_err(damaged)?;
        migrate::migrate(&mut store.conn).map_err(damaged)?;
        store.tables = rows::tables(&store.conn).map_err(damaged)?;
        rows::install_triggers(&store.conn, &store.tables).map_err(damaged)?;
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

    /// The store was opened read-only (its folder cannot be written).
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// `Err(ReadOnly)` for a read-only project: called before anything is written for a change
    /// (blobs, builds, the store), so a refused command writes nothing.
    pub fn ensure_writable(&self) -> Result<()> {
        match (&self.root, self.read_only) {
            (Some(root), true) => Err(Error::ReadOnly { path: root.clone(), reason: "its folder cannot be written".into(), then: "change it" }),
            _ => Ok(()),
        }
    }

    /// The project folder, `None` for an in-memory store.
    pub fn root(&self) -> Option<&Path> {
        self.root.as_deref()
    }

    /// The blob store of this project.
    pub fn blobs(&self) -> Result<BlobStore> {
        let root = self.root.as_ref().ok_or(Error::NoBlobStore)?;
        if self.read_only {
            return Ok(BlobStore::existing(&root.join(BLOBS_DIR)));
        }
        BlobStore::open(&root.join(BLOBS_DIR))
    }

    /// Runs `f` in one immediate transaction: all of its changes and audit records land, or none.
    pub fn with_tx<T>(&mut self, actor: &Actor, f: impl FnOnce(&Tx<'_>) -> Result<T>) -> Result<T> {
        self.ensure_writable()?;
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

/// `project.sqlite` must be a file: a folder in its place is damage, not "no project here".
fn store_file(root: &Path, db: &Path) -> Result<()> {
    match std::fs::metadata(db) {
        Ok(m) if m.is_file() => Ok(()),
        Ok(m) => Err(Error::Damaged {
            path: db.to_path_buf(),
            detail: format!("it is {}, not the store file", if m.is_dir() { "a folder" } else { "not a regular file" }),
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(Error::NotAProject(root.to_path_buf())),
        Err(e) => Err(Error::io(db, e)),
    }
}

/// What this process may write, as the kernel decides it (`access(2)`: permission bits, a
/// read-only mount, an immutable folder; root passes the bits, as it would when writing).
#[cfg(unix)]
fn writable(path: &Path) -> bool {
    rustix::fs::access(path, rustix::fs::Access::WRITE_OK).is_ok()
}

#[cfg(not(unix))]
fn writable(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| !m.permissions().readonly())
}

/// Names the store file in an error that says it is damaged.
fn store_damage(db: &Path, e: Error) -> Error {
    match e {
        Error::Damaged { detail, .. } => Error::Damaged { path: db.to_path_buf(), detail },
        other => other,
    }
}

/// A store file shorter than its header says was cut short (a copy that stopped, a full disk):
/// caught at open, with the file named, rather than as "malformed" in the middle of a command.
/// Only checked with no pending `-wal`: a checkpoint killed half-way may leave the file short
/// with the WAL still holding every page, and the next writer repairs it.
fn check_length(root: &Path, db: &Path) -> Result<()> {
    if std::fs::metadata(root.join(format!("{DATABASE_FILE}-wal"))).is_ok_and(|m| m.len() > 0) {
        return Ok(());
    }
    let mut header = [0u8; 100];
    // A file not made yet (`create`) or unreadable is for the open itself to report.
    let Ok(len) = std::fs::metadata(db).map(|m| m.len()) else { return Ok(()) };
    let read = std::fs::File::open(db).and_then(|mut f| std::io::Read::read_exact(&mut f, &mut header));
    if read.is_err() || &header[..16] != b"SQLite format 3\0" {
        return Ok(());
    }
    let be32 = |at: usize| u32::from_be_bytes(header[at..at + 4].try_into().expect("4 bytes"));
    let page_size = match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65536,
        n => u64::from(n),
    };
    // The header's page count is valid only when "version-valid-for" matches the change counter.
    let pages = u64::from(be32(28));
    if be32(92) == be32(24) && pages > 0 && len < pages * page_size {
        return Err(Error::Damaged {
            path: db.to_path_buf(),
            detail: format!("the file is {len} bytes but its header says {}: it was cut short", pages * page_size),
        });
    }
    Ok(())
}

/// `db` as the path part of an SQLite URI (`%`, `?` and `#` would end or escape it).
fn uri_path(db: &Path) -> Result<String> {
    let absolute = std::path::absolute(db).map_err(|e| Error::io(db, e))?;
    let text = absolute.to_str().ok_or_else(|| Error::Invalid(format!("{}: the project path is not UTF-8; move the project to a folder with a UTF-8 name", db.display())))?;
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '?' => out.push_str("%3f"),
            '#' => out.push_str("%23"),
            c => out.push(c),
        }
    }
    Ok(out)
}
