use serde::Serialize;

pub type Result<T, E = ApiError> = std::result::Result<T, E>;

/// What kind of failure, for programs (the UI, scripts). Never match on messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ErrorCode {
    /// The folder is not a project, or a named item does not exist.
    NotFound,
    /// The input is wrong; the message says what to change.
    Invalid,
    /// Another process is writing to the project.
    Busy,
    /// The project cannot be opened by this version, or is damaged.
    Incompatible,
    /// The work was cancelled by the user.
    Cancelled,
    /// Reading or writing a file failed.
    Io,
    Internal,
}

/// An error as it crosses to the CLI or over IPC: `{code, message}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{message}")]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
}

impl ApiError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self { code, message: message.into() }
    }

    pub fn invalid(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Invalid, message)
    }
}

impl From<dossier_store::Error> for ApiError {
    fn from(e: dossier_store::Error) -> Self {
        use dossier_store::Error as E;
        let code = match &e {
            E::NotAProject(_) | E::NotFound { .. } => ErrorCode::NotFound,
            E::AlreadyExists(_) | E::Invalid(_) => ErrorCode::Invalid,
            E::Busy => ErrorCode::Busy,
            E::NewerSchema { .. } | E::MigrationChanged { .. } | E::Corrupt(_) | E::BlobDamaged { .. } => {
                ErrorCode::Incompatible
            }
            E::Io { .. } => ErrorCode::Io,
            E::Open { .. } | E::Sql(_) | E::Json(_) | E::NoBlobStore => ErrorCode::Internal,
        };
        ApiError::new(code, e.to_string())
    }
}
