use std::path::{Path, PathBuf};

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{0} already exists: a sequence is never overwritten; build the next sequence number")]
    AlreadyBuilt(PathBuf),
    #[error("the build was cancelled; nothing was kept")]
    Cancelled,
    /// A leaf's stored copy is not what was imported; the build stops before anything is kept.
    #[error("the stored file {blob} {problem}: it was changed outside Dossier Bridge — import the document again; nothing was kept of this build")]
    BlobDamaged { blob: PathBuf, problem: String },
    #[error("the built sequence does not validate, so it was not kept: {}", .0.iter().map(|f| format!("[{}] {}", f.rule, f.message)).collect::<Vec<_>>().join("; "))]
    Invalid(Vec<dossier_model::Finding>),
    #[error("{}: {}", path.display(), reason(source))]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{}: cannot write the zip: {message}", path.display())]
    Zip { path: PathBuf, message: String },
}

/// A full disk (or a file-size limit) in plain words: nothing of the build was kept.
fn reason(e: &std::io::Error) -> String {
    if dossier_files::disk_full(e) {
        format!("the disk is full or a file-size limit was reached ({e}); nothing of this build was kept — free space and build again")
    } else {
        e.to_string()
    }
}

impl Error {
    pub(crate) fn io(path: &Path, source: std::io::Error) -> Self {
        Error::Io { path: path.to_path_buf(), source }
    }

    pub(crate) fn zip(path: &Path, e: zip::result::ZipError) -> Self {
        match e {
            zip::result::ZipError::Io(source) => Error::Io { path: path.to_path_buf(), source },
            e => Error::Zip { path: path.to_path_buf(), message: e.to_string() },
        }
    }
}
