//! The input of every analysis: a read-only picture of the project, built by the api from the
//! store. Nothing here touches the store or the clock; `today` is part of the picture.

use std::collections::BTreeMap;

use dossier_model::{Document, DocumentId, Facts};
use time::Date;

#[derive(Debug, Clone)]
pub struct Snapshot {
    pub documents: Vec<Document>,
    pub facts: Facts,
    pub applications: Vec<AppSnapshot>,
    pub today: Date,
}

#[derive(Debug, Clone)]
pub struct AppSnapshot {
    pub id: String,
    pub profile: String,
    pub title: String,
    pub route: Option<String>,
    pub target_date: Option<Date>,
    /// Boolean application facts (`applicant_in_region`, …).
    pub flags: BTreeMap<String, bool>,
    pub manual: Vec<ManualAssignment>,
}

/// A person's decision on one checklist item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ManualAssignment {
    /// This document serves the item, whatever mapping thinks.
    Assign { item: String, document: DocumentId },
    /// The item does not apply, for this reason.
    NotApplicable { item: String, reason: String },
    /// Mapping placed this document on the item; a person took it off.
    Exclude { item: String, document: DocumentId },
}
