//! Rules over small hand-made snapshots and over the built-in templates.

mod gaps;
mod headings;
mod route;
mod templates;

use std::collections::BTreeMap;

use dossier_model::{Classification, ClassificationOrigin, Document, DocumentId, Facts, FileKind};
use dossier_rules::{AppSnapshot, Snapshot};
use time::macros::{date, datetime};

pub fn doc(n: u8, path: &str, doc_type: &str, section: Option<&str>) -> Document {
    let sha256 = format!("{n:02x}").repeat(32);
    Document {
        id: DocumentId::from_sha256(&sha256),
        sha256,
        md5: "0".repeat(32),
        size: 1,
        file_name: path.rsplit('/').next().unwrap().into(),
        source_path: path.into(),
        source_path_raw: None,
        version: 1,
        kind: FileKind::Pdf,
        pdf: None,
        classification: Classification {
            doc_type: Some(doc_type.into()),
            section: section.map(str::to_owned),
            confidence: 1.0,
            origin: ClassificationOrigin::Facts,
        },
        language: None,
        title: None,
        issued: None,
        expires: None,
        study: None,
        scope: Default::default(),
        translation_of: None,
        imported_at: datetime!(2026-01-01 0:00 UTC),
        findings: vec![],
    }
}

pub fn app(id: &str, profile: &str, route: Option<&str>) -> AppSnapshot {
    AppSnapshot {
        id: id.into(),
        profile: profile.into(),
        title: id.into(),
        route: route.map(str::to_owned),
        target_date: Some(date!(2027 - 03 - 31)),
        flags: BTreeMap::new(),
        manual: vec![],
    }
}

pub fn snapshot(documents: Vec<Document>, applications: Vec<AppSnapshot>) -> Snapshot {
    Snapshot { documents, facts: Facts::default(), applications, today: date!(2026 - 11 - 22) }
}
