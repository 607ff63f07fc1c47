//! The document library: list, show, and correct a document's type and section.

use dossier_model::{ClassificationOrigin, Document, DocumentId, FileKind, Finding};
use dossier_rules::Templates;
use dossier_store::DocumentFilter;
use serde::Serialize;

use crate::{ApiError, Project, Result};

/// Guesses below this confidence are worth a person's look.
pub const REVIEW_BELOW: f32 = 0.5;

pub(crate) fn needs_review(doc: &Document) -> bool {
    doc.classification.origin == ClassificationOrigin::Guess && doc.classification.confidence < REVIEW_BELOW
}

/// One row of the document table.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentRow {
    pub id: DocumentId,
    pub path: String,
    pub file_name: String,
    pub size: u64,
    pub sha256: String,
    pub md5: String,
    pub version: u32,
    pub kind: FileKind,
    pub pdf_version: Option<String>,
    pub pages: Option<u32>,
    pub encrypted: Option<bool>,
    pub bookmarks: Option<bool>,
    pub doc_type: Option<String>,
    pub section: Option<String>,
    pub confidence: f32,
    pub classified_by: ClassificationOrigin,
    pub needs_review: bool,
    pub language: Option<String>,
    pub study: Option<String>,
    /// Which instance of a repeated heading it belongs to (indication, dosage form…).
    pub scope: dossier_model::Scope,
    pub expires: Option<String>,
    pub findings: Vec<Finding>,
}

impl From<&Document> for DocumentRow {
    fn from(d: &Document) -> Self {
        DocumentRow {
            id: d.id.clone(),
            path: d.source_path.clone(),
            file_name: d.file_name.clone(),
            size: d.size,
            sha256: d.sha256.clone(),
            md5: d.md5.clone(),
            version: d.version,
            kind: d.kind,
            pdf_version: d.pdf.as_ref().and_then(|p| p.effective_version().map(str::to_owned)),
            pages: d.pdf.as_ref().and_then(|p| p.pages),
            encrypted: d.pdf.as_ref().map(|p| p.encrypted),
            bookmarks: d.pdf.as_ref().map(|p| p.has_bookmarks),
            doc_type: d.classification.doc_type.clone(),
            section: d.classification.section.clone(),
            confidence: d.classification.confidence,
            classified_by: d.classification.origin,
            needs_review: needs_review(d),
            language: d.language.clone(),
            study: d.study.clone(),
            scope: d.scope.clone(),
            expires: d.expires.map(dossier_model::day::format),
            findings: d.findings.clone(),
        }
    }
}

pub fn list_documents(project: &Project, filter: &DocumentFilter) -> Result<Vec<DocumentRow>> {
    Ok(project.store.documents(filter)?.iter().map(DocumentRow::from).collect())
}

/// Everything about one document, with the titles of its type and section.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentDetail {
    #[serde(flatten)]
    pub document: Document,
    pub doc_type_title: Option<String>,
    pub section_title: Option<String>,
    pub needs_review: bool,
}

pub fn show_document(project: &Project, reference: &str) -> Result<DocumentDetail> {
    let id = project.store.resolve_document(reference)?;
    let document = project.store.document(&id)?;
    let templates = Templates::embedded();
    Ok(DocumentDetail {
        doc_type_title: document.classification.doc_type.as_deref().and_then(|t| templates.doc_types.get(t)).map(|t| t.title.clone()),
        section_title: document.classification.section.as_deref().and_then(|s| templates.ctd.get(s)).map(|n| n.title.clone()),
        needs_review: needs_review(&document),
        document,
    })
}

/// A person's correction of a document's classification.
#[derive(Debug, Clone, Default)]
pub struct SetType {
    pub doc_type: String,
    /// Defaults to the type's usual section when the document has none or it does not fit.
    pub section: Option<String>,
    pub language: Option<String>,
}

pub fn set_document_type(project: &mut Project, reference: &str, change: &SetType) -> Result<DocumentRow> {
    let templates = Templates::embedded();
    let doc_type = templates.doc_types.get(&change.doc_type).ok_or_else(|| {
        let near: Vec<&str> = templates
            .doc_types
            .all()
            .iter()
            .map(|t| t.id.as_str())
            .filter(|id| id.contains(change.doc_type.as_str()) || change.doc_type.contains(id))
            .take(5)
            .collect();
        ApiError::invalid(format!(
            "`{}` is not a document type{}; `dossier types` lists them all",
            change.doc_type,
            if near.is_empty() { String::new() } else { format!(" (did you mean {}?)", near.join(", ")) }
        ))
    })?;
    if let Some(section) = &change.section {
        check_section(templates, section)?;
    }
    if let Some(lang) = &change.language {
        lang.split('+').try_for_each(check_language)?;
    }
    let id = project.store.resolve_document(reference)?;
    let mut doc = project.store.document(&id)?;
    let section = change.section.clone().or_else(|| {
        doc.classification
            .section
            .clone()
            .filter(|s| doc_type.sections.contains(s))
            .or_else(|| doc_type.default_section(None))
    });
    doc.classification.doc_type = Some(doc_type.id.clone());
    doc.classification.section = section;
    doc.classification.confidence = 1.0;
    doc.classification.origin = ClassificationOrigin::User;
    if change.language.is_some() {
        doc.language = change.language.clone();
    }
    project.store.with_tx(&project.actor, |tx| tx.update_document(&doc))?;
    Ok(DocumentRow::from(&doc))
}

pub(crate) fn check_section(templates: &Templates, section: &str) -> Result<()> {
    let ok = match section.split_once(':') {
        Some((region, code)) => ["us", "eu", "cn", "hk"].contains(&region) && !code.is_empty(),
        None => templates.ctd.get(section).is_some(),
    };
    if ok {
        Ok(())
    } else {
        Err(ApiError::invalid(format!(
            "`{section}` is not a CTD section; use an ICH code such as 3.2.P.5.1, or region:code for Module 1 (e.g. cn:1.3.1)"
        )))
    }
}

pub(crate) fn check_language(lang: &str) -> Result<()> {
    if ["en", "zh-Hans", "zh-Hant"].contains(&lang) {
        Ok(())
    } else {
        Err(ApiError::invalid(format!(
            "`{lang}` is not a supported language; use en, zh-Hans or zh-Hant, or join them with + for a bilingual document (en+zh-Hant)"
        )))
    }
}
