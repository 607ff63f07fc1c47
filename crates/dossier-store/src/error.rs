use std::path::{Path, PathBuf};

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{0} is not a Dossier Bridge project (no project.sqlite); create one with `dossier init`")]
    NotAProject(PathBuf),
    #[error("{0} already holds a project; open it instead of creating it again")]
    AlreadyExists(PathBuf),
    #[error("cannot open the project store {}: {source}; check that the file is there and readable", path.display())]
    Open { path: PathBuf, source: rusqlite::Error },
    /// `path` is the store file, or just `project.sqlite` when the damage shows mid-command.
    #[error(
        "the project store {} is damaged ({detail}); nothing was changed — run `dossier verify` to see \
         what else is wrong, and restore project.sqlite from a backup",
        path.display()
    )]
    Damaged { path: PathBuf, detail: String },
    /// `then` is what a writable copy allows: "change it", or "open it" when even reading
    /// needs to write.
    #[error("the project at {} is read-only ({reason}); copy it to a writable folder to {then}", path.display())]
    ReadOnly { path: PathBuf, reason: String, then: &'static str },
    #[error(
        "this project was written by a newer Dossier Bridge (schema {found}, this program knows \
         up to {known}); update Dossier Bridge to open it — the project was not changed"
    )]
    NewerSchema { found: u32, known: u32 },
    #[error(
        "migration {version} ({name}) applied to this project differs from the one built into \
         this program; the project was not changed — open it with the version that created it \
         and report this"
    )]
    MigrationChanged { version: u32, name: String },
    #[error("the project store (project.sqlite) is damaged: {0}; restore project.sqlite from a backup")]
    Corrupt(String),
    #[error("the project is busy: another Dossier Bridge process is writing to it; try again when it has finished")]
    Busy,
    #[error("{what} `{id}` does not exist")]
    NotFound { what: &'static str, id: String },
    #[error("{0}")]
    Invalid(String),
    #[error("an in-memory store has no blob store")]
    NoBlobStore,
    #[error("blob {sha256} is damaged: its content no longer matches its name")]
    BlobDamaged { sha256: String },
    #[error("{}: {}", path.display(), dossier_files::write_reason(source))]
    Io { path: PathBuf, source: std::io::Error },
    #[error(transparent)]
    Sql(rusqlite::Error),
    #[error("stored JSON is malformed: {0}")]
    Json(#[from] serde_json::Error),
}

impl Error {
    pub(crate) fn io(path: &Path, source: std::io::Error) -> Self {
        Error::Io { path: path.to_path_buf(), source }
    }

    pub(crate) fn open(path: &Path, source: rusqlite::Error) -> Self {
        Error::Open { path: path.to_path_buf(), source }
    }

    pub(crate) fn not_found(what: &'static str, id: impl Into<String>) -> Self {
        Error::NotFound { what, id: id.into() }
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => Error::Busy,
            // The damage shows in the middle of a command; the store file is all it can name.
            Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase) => {
                Error::Damaged { path: PathBuf::from(crate::DATABASE_FILE), detail: e.to_string() }
            }
            // SQLite's own wording ("disk I/O error") names neither file nor remedy.
            Some(rusqlite::ErrorCode::SystemIoFailure) => Error::Io {
                path: PathBuf::from(crate::DATABASE_FILE),
                source: std::io::Error::other(
                    "the store could not be read or written (disk I/O error); check that the disk has free space and is healthy, then try again",
                ),
            },
            Some(rusqlite::ErrorCode::DiskFull) => {
                Error::Io { path: PathBuf::from(crate::DATABASE_FILE), source: std::io::ErrorKind::StorageFull.into() }
            }
            _ => Error::Sql(e),
        }
    }
}
