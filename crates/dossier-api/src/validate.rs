//! `validate`: the eCTD validator over any sequence or application folder on disk (ours or
//! another tool's), read-only. No project is needed: the folder is all the input.

use std::path::Path;

use dossier_package::Region;
use dossier_package::validate::{SequenceReport, Verdict, validate_path};
use serde::Serialize;

use crate::{ApiError, Result};

/// Every sequence checked, in order.
#[derive(Debug, Clone, Serialize)]
pub struct ValidationReport {
    pub sequences: Vec<SequenceReport>,
    /// The sum over every sequence: the same verdict a build shows for its own sequence.
    pub verdict: Verdict,
}

impl ValidationReport {
    /// True when any sequence fails an error-level rule (EU P/F, FDA High, NMPA 错误).
    pub fn has_errors(&self) -> bool {
        self.sequences.iter().any(SequenceReport::has_errors)
    }
}

/// Validates `path`; `region` (`eu`, `us`, `cn`) overrides detection from `m1/<region>/`.
pub fn validate_folder(path: &Path, region: Option<&str>) -> Result<ValidationReport> {
    let region = match region {
        None => None,
        Some(r) => Some(Region::parse(r).ok_or_else(|| ApiError::invalid(format!("unknown region {r:?}: use eu, us or cn")))?),
    };
    if dossier_package::v4::unit(path).is_some() {
        return Err(ApiError::new(crate::ErrorCode::Unsupported, dossier_package::v4::message(path)));
    }
    let sequences = validate_path(path, region).map_err(ApiError::invalid)?;
    Ok(ValidationReport { verdict: Verdict::of_reports(&sequences), sequences })
}
