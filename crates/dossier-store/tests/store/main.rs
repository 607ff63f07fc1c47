//! Integration tests of the project store; one module per source module.

mod audit;
mod blobs;
mod bundles;
mod documents;
mod facts;
mod migrate;
mod open;
mod rows;
mod sequences;

use dossier_model::{Classification, Document, DocumentId, FileKind};
use dossier_store::Actor;
use time::OffsetDateTime;
use time::macros::datetime;

pub fn actor() -> Actor {
    fn fixed() -> OffsetDateTime {
        datetime!(2026-11-22 09:00 UTC)
    }
    Actor { name: "tester".into(), now: fixed }
}

pub fn sample_document(sha_seed: u8, path: &str) -> Document {
    let sha256 = format!("{:02x}", sha_seed).repeat(32);
    Document {
        id: DocumentId::from_sha256(&sha256),
        sha256,
        md5: "0".repeat(32),
        size: 10,
        file_name: path.rsplit('/').next().unwrap().to_owned(),
        source_path: path.to_owned(),
        source_path_raw: None,
        version: 1,
        kind: FileKind::Other,
        pdf: None,
        classification: Classification::unknown(),
        language: None,
        title: None,
        issued: None,
        expires: None,
        study: None,
        scope: Default::default(),
        translation_of: None,
        imported_at: datetime!(2026-11-22 09:00 UTC),
        findings: vec![],
    }
}
