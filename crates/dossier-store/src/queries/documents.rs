use dossier_model::{Classification, ClassificationOrigin, Document, DocumentId, FileKind, PdfFacts, Scope, day};
use rusqlite::{OptionalExtension, Row, params};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::{Error, Result, Store, Tx};

/// A document about to be recorded; the store assigns `version`.
pub type NewDocument = Document;

/// Which documents to list. Empty fields match everything.
#[derive(Debug, Clone, Default)]
pub struct DocumentFilter {
    pub doc_type: Option<String>,
    /// Matches the section and every section below it (`3.2.P` matches `3.2.P.5.1`).
    pub section: Option<String>,
    pub language: Option<String>,
    /// Only documents whose classification confidence is below this.
    pub confidence_below: Option<f32>,
    pub study: Option<String>,
}

const COLUMNS: &str = "id, sha256, md5, size, file_name, source_path, source_path_raw, version, kind,
    pdf_header_version, pdf_catalog_version, pdf_pages, pdf_encrypted, pdf_has_bookmarks,
    doc_type, section, confidence, classified_by, language, title, issued, expires, study,
    translation_of, imported_at, findings, substance, manufacturer, dosage_form, indication, excipient";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Document> {
    let kind = FileKind::parse(&r.get::<_, String>("kind")?);
    let pdf = match kind {
        FileKind::Pdf => Some(PdfFacts {
            header_version: r.get("pdf_header_version")?,
            catalog_version: r.get("pdf_catalog_version")?,
            pages: r.get("pdf_pages")?,
            encrypted: r.get::<_, Option<bool>>("pdf_encrypted")?.unwrap_or(false),
            has_bookmarks: r.get::<_, Option<bool>>("pdf_has_bookmarks")?.unwrap_or(false),
        }),
        _ => None,
    };
    let date = |col: &str| -> rusqlite::Result<_> {
        Ok(r.get::<_, Option<String>>(col)?.and_then(|s| day::parse(&s).ok()))
    };
    let imported: String = r.get("imported_at")?;
    Ok(Document {
        id: DocumentId::parse(&r.get::<_, String>("id")?).expect("stored ids are well-formed"),
        sha256: r.get("sha256")?,
        md5: r.get("md5")?,
        size: r.get::<_, i64>("size")? as u64,
        file_name: r.get("file_name")?,
        source_path: r.get("source_path")?,
        source_path_raw: r.get("source_path_raw")?,
        version: r.get("version")?,
        kind,
        pdf,
        classification: Classification {
            doc_type: r.get("doc_type")?,
            section: r.get("section")?,
            confidence: r.get::<_, f64>("confidence")? as f32,
            origin: ClassificationOrigin::parse(&r.get::<_, String>("classified_by")?),
        },
        language: r.get("language")?,
        title: r.get("title")?,
        issued: date("issued")?,
        expires: date("expires")?,
        study: r.get("study")?,
        scope: Scope {
            substance: r.get("substance")?,
            manufacturer: r.get("manufacturer")?,
            dosage_form: r.get("dosage_form")?,
            indication: r.get("indication")?,
            excipient: r.get("excipient")?,
        },
        translation_of: r.get::<_, Option<String>>("translation_of")?.and_then(|s| DocumentId::parse(&s)),
        imported_at: OffsetDateTime::parse(&imported, &Rfc3339).unwrap_or(OffsetDateTime::UNIX_EPOCH),
        findings: super::from_json(r, "findings")?,
    })
}

/// Records a document. Returns `false` and changes nothing when these bytes are already known.
pub fn insert(tx: &Tx<'_>, doc: &NewDocument) -> Result<bool> {
    let known: bool =
        tx.tx.query_row("SELECT EXISTS (SELECT 1 FROM document WHERE sha256 = ?1)", [&doc.sha256], |r| r.get(0))?;
    if known {
        return Ok(false);
    }
    let version: u32 = tx.tx.query_row(
        "SELECT count(*) + 1 FROM document WHERE source_path = ?1",
        [&doc.source_path],
        |r| r.get(0),
    )?;
    let pdf = doc.pdf.clone().unwrap_or_default();
    let is_pdf = doc.pdf.is_some();
    tx.tx.execute(
        &format!("INSERT INTO document ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,
            ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26,
            ?27, ?28, ?29, ?30, ?31)"),
        params![
            doc.id.as_str(),
            doc.sha256,
            doc.md5,
            doc.size as i64,
            doc.file_name,
            doc.source_path,
            doc.source_path_raw,
            version,
            doc.kind.as_str(),
            pdf.header_version,
            pdf.catalog_version,
            pdf.pages,
            is_pdf.then_some(pdf.encrypted),
            is_pdf.then_some(pdf.has_bookmarks),
            doc.classification.doc_type,
            doc.classification.section,
            f64::from(doc.classification.confidence),
            doc.classification.origin.as_str(),
            doc.language,
            doc.title,
            doc.issued.map(day::format),
            doc.expires.map(day::format),
            doc.study,
            doc.translation_of.as_ref().map(DocumentId::as_str),
            doc.imported_at.format(&Rfc3339).expect("timestamps format"),
            super::to_json(&doc.findings)?,
            doc.scope.substance,
            doc.scope.manufacturer,
            doc.scope.dosage_form,
            doc.scope.indication,
            doc.scope.excipient,
        ],
    )?;
    super::audit::append(
        tx,
        "document.import",
        doc.id.as_str(),
        None::<&()>,
        Some(&serde_json::json!({
            "source_path": doc.source_path, "sha256": doc.sha256, "size": doc.size, "version": version,
        })),
    )?;
    Ok(true)
}

/// Replaces a document's editable metadata (classification, language, title, dates, study
/// link, translation link, heading scope) and audits the change. Content and hashes never change.
pub fn update_metadata(tx: &Tx<'_>, doc: &Document) -> Result<()> {
    let before = get_in(&tx.tx, &doc.id)?;
    let before_meta = metadata_json(&before);
    let after_meta = metadata_json(doc);
    if before_meta == after_meta {
        return Ok(());
    }
    tx.tx.execute(
        "UPDATE document SET doc_type = ?2, section = ?3, confidence = ?4, classified_by = ?5,
             language = ?6, title = ?7, issued = ?8, expires = ?9, study = ?10, translation_of = ?11,
             substance = ?12, manufacturer = ?13, dosage_form = ?14, indication = ?15, excipient = ?16
         WHERE id = ?1",
        params![
            doc.id.as_str(),
            doc.classification.doc_type,
            doc.classification.section,
            f64::from(doc.classification.confidence),
            doc.classification.origin.as_str(),
            doc.language,
            doc.title,
            doc.issued.map(day::format),
            doc.expires.map(day::format),
            doc.study,
            doc.translation_of.as_ref().map(DocumentId::as_str),
            doc.scope.substance,
            doc.scope.manufacturer,
            doc.scope.dosage_form,
            doc.scope.indication,
            doc.scope.excipient,
        ],
    )?;
    super::audit::append(tx, "document.update", doc.id.as_str(), Some(&before_meta), Some(&after_meta))
}

fn metadata_json(doc: &Document) -> serde_json::Value {
    serde_json::json!({
        "doc_type": doc.classification.doc_type,
        "section": doc.classification.section,
        "confidence": doc.classification.confidence,
        "classified_by": doc.classification.origin,
        "language": doc.language,
        "title": doc.title,
        "issued": doc.issued.map(day::format),
        "expires": doc.expires.map(day::format),
        "study": doc.study,
        "translation_of": doc.translation_of,
        "scope": doc.scope,
    })
}

fn get_in(conn: &rusqlite::Connection, id: &DocumentId) -> Result<Document> {
    conn.query_row(&format!("SELECT {COLUMNS} FROM document WHERE id = ?1"), [id.as_str()], from_row)
        .optional()?
        .ok_or_else(|| Error::not_found("document", id.as_str()))
}

impl<'a> Tx<'a> {
    pub fn document(&self, id: &DocumentId) -> Result<Document> {
        get_in(&self.tx, id)
    }
}

impl Store {
    pub fn document(&self, id: &DocumentId) -> Result<Document> {
        get_in(&self.conn, id)
    }

    pub fn document_by_sha256(&self, sha256: &str) -> Result<Option<Document>> {
        Ok(self
            .conn
            .query_row(&format!("SELECT {COLUMNS} FROM document WHERE sha256 = ?1"), [sha256], from_row)
            .optional()?)
    }

    /// Resolves what a person wrote to name a document: its id, an unambiguous id prefix, its
    /// SHA-256, or its source path (the newest version at that path).
    pub fn resolve_document(&self, reference: &str) -> Result<DocumentId> {
        let found: Vec<String> = {
            let mut stmt = self.conn.prepare(
                "SELECT id FROM document WHERE id = ?1 OR sha256 = ?1 OR (length(?1) >= 8 AND id LIKE ?1 || '%')
                 UNION
                 SELECT id FROM (SELECT id FROM document WHERE source_path = ?1 ORDER BY version DESC LIMIT 1)",
            )?;
            stmt.query_map([reference], |r| r.get(0))?.collect::<Result<_, _>>()?
        };
        match found.as_slice() {
            [one] => Ok(DocumentId::parse(one).expect("stored ids are well-formed")),
            [] => Err(Error::not_found("document", reference)),
            _ => Err(Error::Invalid(format!(
                "`{reference}` matches {} documents; give the full document id",
                found.len()
            ))),
        }
    }

    pub fn documents(&self, filter: &DocumentFilter) -> Result<Vec<Document>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {COLUMNS} FROM document
             WHERE (?1 IS NULL OR doc_type = ?1)
               AND (?2 IS NULL OR section = ?2 OR section LIKE ?2 || '.%')
               AND (?3 IS NULL OR language = ?3)
               AND (?4 IS NULL OR confidence < ?4)
               AND (?5 IS NULL OR study = ?5)
             ORDER BY source_path, version"
        ))?;
        let rows = stmt.query_map(
            params![
                filter.doc_type,
                filter.section,
                filter.language,
                filter.confidence_below.map(f64::from),
                filter.study
            ],
            from_row,
        )?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
