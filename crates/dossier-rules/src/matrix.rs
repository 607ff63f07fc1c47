//! The reuse matrix: which document serves which applications, so a consultant sees at once
//! what one document is worth across authorities.

use std::collections::BTreeMap;

use dossier_model::DocumentId;
use serde::Serialize;

use crate::AppAnalysis;

#[derive(Debug, Clone, Serialize)]
pub struct MatrixRow {
    pub document: DocumentId,
    pub path: String,
    pub doc_type: Option<String>,
    /// Application id → items of that application the document serves (empty: not used).
    pub uses: BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Matrix {
    pub applications: Vec<String>,
    pub rows: Vec<MatrixRow>,
}

pub fn reuse_matrix(documents: &[dossier_model::Document], analyses: &[AppAnalysis]) -> Matrix {
    let applications: Vec<String> = analyses.iter().map(|a| a.application.clone()).collect();
    let mut uses: BTreeMap<&DocumentId, BTreeMap<String, Vec<String>>> = BTreeMap::new();
    for a in analyses {
        for p in a.placements() {
            uses.entry(&p.document).or_default().entry(a.application.clone()).or_default().push(p.item.clone());
        }
    }
    let rows = documents
        .iter()
        .map(|d| MatrixRow {
            document: d.id.clone(),
            path: d.source_path.clone(),
            doc_type: d.classification.doc_type.clone(),
            uses: uses.remove(&d.id).unwrap_or_default(),
        })
        .collect();
    Matrix { applications, rows }
}
