use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

use crate::{DocumentId, Finding};

/// One immutable file version in the project's blob store, with what we know about it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub id: DocumentId,
    pub sha256: String,
    /// eCTD leaves carry MD5 checksums; computed in the same pass as the SHA-256.
    pub md5: String,
    pub size: u64,
    /// File name for display (lossy UTF-8 when the original was not UTF-8).
    pub file_name: String,
    /// Path relative to the folder it was imported from, `/`-separated.
    pub source_path: String,
    /// The original path bytes, kept only when they were not valid UTF-8.
    pub source_path_raw: Option<Vec<u8>>,
    /// 1 for the first content seen at `source_path`, then 2, 3… for later versions.
    pub version: u32,
    pub kind: FileKind,
    pub pdf: Option<PdfFacts>,
    pub classification: Classification,
    /// BCP-47 tag: `en`, `zh-Hans`, `zh-Hant`.
    pub language: Option<String>,
    pub title: Option<String>,
    #[serde(with = "crate::day::option")]
    pub issued: Option<Date>,
    #[serde(with = "crate::day::option")]
    pub expires: Option<Date>,
    /// Protocol number of the study this document belongs to.
    pub study: Option<String>,
    /// Which instance of a repeated CTD heading the document belongs to.
    #[serde(default)]
    pub scope: Scope,
    pub translation_of: Option<DocumentId>,
    #[serde(with = "time::serde::rfc3339")]
    pub imported_at: OffsetDateTime,
    /// What import inspection found (broken PDF, encryption, odd name…).
    pub findings: Vec<Finding>,
}

/// Which instance of a repeated CTD heading a document belongs to: 3.2.S (and 2.3.S) is
/// repeated per drug substance and manufacturer, 3.2.P (and 2.3.P) per drug product (dosage
/// form), 3.2.P.4 per excipient, 2.7.3 and 5.3.5 per indication. Empty fields mean "not stated": with one instance
/// recorded in the product facts that one is meant; with several the build asks which.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Scope {
    /// The drug substance (INN) of a 3.2.S document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub substance: Option<String>,
    /// The drug substance manufacturer (a site's name) of a 3.2.S document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manufacturer: Option<String>,
    /// The dosage form of a 3.2.P document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dosage_form: Option<String>,
    /// The indication of a 2.7.3 or 5.3.5 document (a study's documents take the study's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub indication: Option<String>,
    /// The excipient of a 3.2.P.4 document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub excipient: Option<String>,
}

impl Scope {
    pub fn is_empty(&self) -> bool {
        *self == Scope::default()
    }

    /// Every field with its name (as in the facts file), for code that treats them alike.
    pub fn fields(&self) -> [(&'static str, &Option<String>); 5] {
        [
            ("substance", &self.substance),
            ("manufacturer", &self.manufacturer),
            ("dosage_form", &self.dosage_form),
            ("excipient", &self.excipient),
            ("indication", &self.indication),
        ]
    }

    /// [`Scope::fields`], to change them.
    pub fn fields_mut(&mut self) -> [(&'static str, &mut Option<String>); 5] {
        [
            ("substance", &mut self.substance),
            ("manufacturer", &mut self.manufacturer),
            ("dosage_form", &mut self.dosage_form),
            ("excipient", &mut self.excipient),
            ("indication", &mut self.indication),
        ]
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FileKind {
    Pdf,
    Xml,
    Other,
}

impl FileKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FileKind::Pdf => "pdf",
            FileKind::Xml => "xml",
            FileKind::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Self {
        match s {
            "pdf" => FileKind::Pdf,
            "xml" => FileKind::Xml,
            _ => FileKind::Other,
        }
    }
}

/// Facts read from a PDF at import. `None` fields could not be read (e.g. encrypted).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PdfFacts {
    /// Version from the `%PDF-x.y` header.
    pub header_version: Option<String>,
    /// `/Version` of the catalogue; when present it wins over the header (ISO 32000-1 §7.5.2).
    pub catalog_version: Option<String>,
    pub pages: Option<u32>,
    pub encrypted: bool,
    pub has_bookmarks: bool,
}

impl PdfFacts {
    /// The version that applies: the catalogue's when it is later than the header's.
    pub fn effective_version(&self) -> Option<&str> {
        match (&self.header_version, &self.catalog_version) {
            (Some(h), Some(c)) if c.as_str() > h.as_str() => Some(c),
            (Some(h), _) => Some(h),
            (None, c) => c.as_deref(),
        }
    }
}

/// What kind of document this is and where it sits in the CTD.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Classification {
    pub doc_type: Option<String>,
    /// CTD code such as `3.2.P.5.1`, or a regional code such as `cn:1.3.1`.
    pub section: Option<String>,
    /// 0.0–1.0; a user's choice is 1.0.
    pub confidence: f32,
    pub origin: ClassificationOrigin,
}

impl Classification {
    pub fn unknown() -> Self {
        Self { doc_type: None, section: None, confidence: 0.0, origin: ClassificationOrigin::Guess }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ClassificationOrigin {
    /// Guessed from the file name and folder at import.
    Guess,
    /// Given in a facts file.
    Facts,
    /// Set by a person; never overwritten by a guess.
    User,
}

impl ClassificationOrigin {
    pub fn as_str(self) -> &'static str {
        match self {
            ClassificationOrigin::Guess => "guess",
            ClassificationOrigin::Facts => "facts",
            ClassificationOrigin::User => "user",
        }
    }

    pub fn parse(s: &str) -> Self {
        match s {
            "user" => ClassificationOrigin::User,
            "facts" => ClassificationOrigin::Facts,
            _ => ClassificationOrigin::Guess,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_catalogue_version_wins_when_it_is_later() {
        let facts = PdfFacts {
            header_version: Some("1.3".into()),
            catalog_version: Some("1.6".into()),
            ..PdfFacts::default()
        };
        assert_eq!(facts.effective_version(), Some("1.6"));
        let header_only = PdfFacts { header_version: Some("1.3".into()), ..PdfFacts::default() };
        assert_eq!(header_only.effective_version(), Some("1.3"));
    }
}
