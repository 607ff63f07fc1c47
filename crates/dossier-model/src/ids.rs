use std::fmt;

use serde::{Deserialize, Serialize};

/// Id of a [`crate::Document`]: `doc_` and the first 16 hex digits of its SHA-256.
///
/// Derived from content so that importing the same bytes twice yields the same id on every
/// machine, and snapshots and logs read the same across runs.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DocumentId(String);

impl DocumentId {
    pub const PREFIX: &'static str = "doc_";

    pub fn from_sha256(sha256_hex: &str) -> Self {
        Self(format!("{}{}", Self::PREFIX, &sha256_hex[..16]))
    }

    /// Accepts a stored id; `None` when `s` does not look like one.
    pub fn parse(s: &str) -> Option<Self> {
        let hex = s.strip_prefix(Self::PREFIX)?;
        (hex.len() >= 16 && hex.bytes().all(|b| b.is_ascii_hexdigit())).then(|| Self(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for DocumentId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Id of an application (a filing to one authority profile): `app_` and a readable slug.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ApplicationId(pub String);

impl fmt::Display for ApplicationId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_ids_come_from_the_content_hash() {
        let id = DocumentId::from_sha256("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assert_eq!(id.as_str(), "doc_e3b0c44298fc1c14");
        assert_eq!(DocumentId::parse("doc_e3b0c44298fc1c14"), Some(id));
        assert_eq!(DocumentId::parse("doc_xyz"), None, "non-hex ids are not document ids");
    }
}
