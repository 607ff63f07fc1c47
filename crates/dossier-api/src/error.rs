use dossier_model::{Finding, Severity};
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
    /// The input is in a format this version does not read (an eCTD v4.0 submission unit);
    /// the message says what it is and what to do.
    Unsupported,
    Internal,
}

/// An error as it crosses to the CLI or over IPC: `{code, message}`, and for a build that its
/// own findings stop, those findings (`message` lists them in English; the UI words each).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{message}")]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub findings: Vec<Finding>,
}

impl ApiError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self { code, message: message.into(), findings: Vec::new() }
    }

    pub fn invalid(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Invalid, message)
    }

    /// `what` (`sequence 0001 of `app_eu``) cannot be built because of the error findings among
    /// `findings`; they are listed in the message and carried along.
    pub(crate) fn blocked(what: &str, findings: &[Finding]) -> Self {
        let errors: Vec<Finding> = findings.iter().filter(|f| f.severity == Severity::Error).cloned().collect();
        let lines: Vec<String> = errors.iter().map(|f| format!("  [{}] {}", f.rule, f.message)).collect();
        Self { findings: errors, ..Self::invalid(format!("{what} cannot be built:\n{}", lines.join("\n"))) }
    }
}

impl From<dossier_store::Error> for ApiError {
    fn from(e: dossier_store::Error) -> Self {
        use dossier_store::Error as E;
        let code = match &e {
            E::NotAProject(_) | E::NotFound { .. } => ErrorCode::NotFound,
            E::AlreadyExists(_) | E::Invalid(_) => ErrorCode::Invalid,
            E::Busy => ErrorCode::Busy,
            E::NewerSchema { .. } | E::MigrationChanged { .. } | E::Corrupt(_) | E::Damaged { .. } | E::BlobDamaged { .. } => {
                ErrorCode::Incompatible
            }
            E::Io { .. } | E::ReadOnly { .. } => ErrorCode::Io,
            E::Open { .. } | E::Sql(_) | E::Json(_) | E::NoBlobStore => ErrorCode::Internal,
        };
        ApiError::new(code, e.to_string())
    }
}
