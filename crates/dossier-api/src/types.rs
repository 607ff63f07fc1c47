use dossier_rules::Templates;
use serde::Serialize;

/// A document type as the UI and CLI show it.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentTypeInfo {
    pub id: String,
    pub title: String,
    pub title_zh_hans: Option<String>,
    pub title_zh_hant: Option<String>,
    pub sections: Vec<String>,
    pub unconfirmed: bool,
}

pub fn document_types() -> Vec<DocumentTypeInfo> {
    Templates::embedded()
        .doc_types
        .all()
        .iter()
        .map(|t| DocumentTypeInfo {
            id: t.id.clone(),
            title: t.title.clone(),
            title_zh_hans: t.title_zh_hans.clone(),
            title_zh_hant: t.title_zh_hant.clone(),
            sections: t.sections.clone(),
            unconfirmed: t.confidence.as_deref() == Some("unconfirmed"),
        })
        .collect()
}
