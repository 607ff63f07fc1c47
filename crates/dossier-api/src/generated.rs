//! Documents the program writes itself and files like any other: the application's cover
//! letter (from the facts and the wording in `templates/letters/`) and the table of contents of
//! each built sequence or bundle.
//!
//! A generated cover letter becomes a project document (`generated/<app>/cover-letter.pdf`,
//! type `cover-letter`, a new version whenever its content changes) assigned to the profile's
//! cover-letter item: the checklist shows it, the matrix counts it, the PDF rules inspect it and
//! the lifecycle replaces it like any other leaf. A letter the user imported and placed always
//! wins; the build only generates one when the item has none.

use std::path::Path;

use dossier_model::{ClassificationOrigin, Document, DocumentId, Finding, Severity};

/// Where generated documents live among the project's source paths.
pub(crate) const GENERATED_ROOT: &str = "generated/";
use dossier_report::{FontPaths, Lang, Pdf, Toc, TocRow};
use dossier_rules::{LanguageRule, Profile, Templates};
use serde::Serialize;
use time::Date;

use crate::import::{Candidate, commit, describe};
use crate::{ApiError, Project, Result};

const COVER_LETTER: &str = "cover-letter";

/// A document the program generated and filed.
#[derive(Debug, Clone, Serialize)]
pub struct GeneratedDocument {
    pub document: String,
    /// Its source path in the project (`generated/app_eu/cover-letter.pdf`).
    pub path: String,
    pub application: String,
    pub item: String,
    pub section: String,
    pub pages: usize,
    /// False when the same bytes were already in the project (nothing new stored).
    pub new: bool,
}

/// The profile's cover-letter item: the first that asks for a `cover-letter` document.
pub(crate) fn cover_letter_item(profile: &Profile) -> Option<&dossier_rules::Item> {
    profile.items.iter().find(|i| i.doc_types.iter().any(|t| t == COVER_LETTER) && !i.sections.is_empty())
}

/// Renders the cover letter of `app_id` from its facts, stores it as a project document and
/// assigns it to the profile's cover-letter item, so the checklist shows it and the next build
/// places it.
pub fn attach_cover_letter(project: &mut Project, app_id: &str, date: Option<Date>) -> Result<GeneratedDocument> {
    project.store.ensure_writable()?;
    let app = project.store.application(app_id)?;
    let profile = crate::bundle::profile_of(&app.profile, app_id)?;
    let item = cover_letter_item(profile).ok_or_else(|| {
        ApiError::invalid(format!(
            "profile `{}` has no cover-letter item to file a letter on; generate the PDF with `dossier report letter --app {app_id} --out FILE` instead",
            app.profile
        ))
    })?;
    let pdf = crate::report::render_cover_letter(project, app_id, date)?;
    let language = match &item.language {
        LanguageRule::Only(l) | LanguageRule::OriginalPlusTranslation(l) => Some(l.clone()),
        _ => None,
    };
    let title = match language.as_deref().and_then(Lang::parse) {
        Some(lang) => lang.pick(&item.title, item.title_zh_hans.as_deref(), item.title_zh_hant.as_deref()).to_owned(),
        None => item.title.clone(),
    };
    let path = format!("{GENERATED_ROOT}{app_id}/cover-letter.pdf");
    let (document, new) = file_document(project, &path, &pdf, |doc| {
        doc.classification.doc_type = Some(COVER_LETTER.to_owned());
        doc.classification.section = Some(item.sections[0].clone());
        doc.classification.confidence = 1.0;
        // Decided when it was made, like a person's choice: no later guess overrides it.
        doc.classification.origin = ClassificationOrigin::User;
        doc.language = language.clone();
        doc.title = Some(title.clone());
    })?;
    // The previous generated letter (if any) leaves the item: one cover letter per sequence.
    for p in crate::placements(project, app_id)? {
        if p.item == item.id && p.document != document {
            let doc = project.store.document(&p.document)?;
            if doc.source_path.starts_with(GENERATED_ROOT) {
                crate::unassign(project, app_id, &item.id, Some(p.document.as_str()))?;
            }
        }
    }
    crate::assign(project, app_id, &item.id, document.as_str())?;
    Ok(GeneratedDocument {
        document: document.to_string(),
        path,
        application: app_id.to_owned(),
        item: item.id.clone(),
        section: item.sections[0].clone(),
        pages: pdf.pages,
        new,
    })
}

/// What the build does about the cover letter before it plans: nothing when the item has a
/// document; otherwise generate one (or, for a dry run, say that it would).
pub(crate) fn ensure_cover_letter(
    project: &mut Project,
    app_id: &str,
    profile: &Profile,
    placements: &[dossier_rules::Placement],
    dry_run: bool,
) -> Result<(Option<GeneratedDocument>, Vec<Finding>)> {
    let Some(item) = cover_letter_item(profile) else { return Ok((None, vec![])) };
    if placements.iter().any(|p| p.item == item.id) {
        return Ok((None, vec![]));
    }
    if project.store.assignments(app_id)?.iter().any(|a| a.item == item.id && a.not_applicable.is_some()) {
        return Ok((None, vec![]));
    }
    if dry_run {
        let f = Finding::new(
            "DB-GEN-LETTER",
            Severity::Info,
            format!(
                "no cover letter is placed on {} ({}); the build will generate one from the facts — assign your own letter to that item to send it instead",
                item.id, item.sections[0]
            ),
        )
        .coded("letter-will-generate", [("item", &item.id), ("section", &item.sections[0])]);
        return Ok((None, vec![f]));
    }
    let today = (project.actor.now)().date();
    let generated = attach_cover_letter(project, app_id, Some(today))?;
    let f = Finding::new(
        "DB-GEN-LETTER",
        Severity::Info,
        format!(
            "no cover letter was placed on {} ({}); generated {} from the facts ({} page(s)) — read it before sending, or assign your own letter to that item and build again",
            item.id, item.sections[0], generated.path, generated.pages
        ),
    )
    .coded("letter-generated", [("item", &item.id), ("section", &item.sections[0]), ("path", &generated.path), ("pages", &generated.pages.to_string())]);
    Ok((Some(generated), vec![f]))
}

/// Stores `pdf` as the document at `path` (a new version when the bytes are new) with
/// `edit` applied to its description; returns its id and whether it was new.
fn file_document(project: &mut Project, path: &str, pdf: &Pdf, edit: impl FnOnce(&mut Document)) -> Result<(DocumentId, bool)> {
    let blobs = project.store.blobs()?;
    let staged = blobs.stage(&mut pdf.bytes.as_slice(), Path::new(path))?;
    let id = DocumentId::from_sha256(&staged.info.sha256);
    if project.store.document_by_sha256(&staged.info.sha256)?.is_some() {
        blobs.discard(staged);
        return Ok((id, false));
    }
    let candidate = Candidate { path: staged.path().to_path_buf(), rel: path.to_owned(), rel_raw: None, size: staged.info.size, case_twin: None };
    let mut doc = describe(&candidate, &staged.info, staged.path(), Templates::embedded(), &project.actor);
    edit(&mut doc);
    let mut staged = vec![staged];
    let mut batch = vec![doc];
    let written = commit(project, &blobs, &mut staged, &mut batch)?;
    Ok((id, written > 0))
}

/// The table of contents of a built sequence or bundle.
pub(crate) struct TocInput {
    pub title: String,
    pub subtitle: Vec<String>,
    pub lang: Lang,
    pub rows: Vec<TocRow>,
}

/// Renders the table of contents with the product as running header and today's date (from the
/// project's clock, so tests can fix it).
pub(crate) fn render_toc(project: &Project, input: TocInput) -> Result<Pdf> {
    let facts = project.store.facts()?;
    let product = facts.product.as_ref();
    let header = product
        .map(|p| p.trade_names.first().map_or_else(|| p.inn.clone(), |t| format!("{t} ({})", p.inn)))
        .unwrap_or_default();
    let author = product.and_then(|p| p.applicant.clone()).unwrap_or_default();
    let toc = Toc {
        title: input.title,
        subtitle: input.subtitle,
        header,
        author,
        lang: input.lang,
        date: (project.actor.now)().date(),
        rows: input.rows,
    };
    Ok(dossier_report::table_of_contents(&toc, &FontPaths::default())?)
}

/// Page counts of the project's PDFs, by document id.
pub(crate) fn page_counts(project: &Project) -> Result<std::collections::HashMap<String, u32>> {
    Ok(project
        .store
        .documents(&dossier_store::DocumentFilter::default())?
        .into_iter()
        .filter_map(|d| Some((d.id.to_string(), d.pdf?.pages?)))
        .collect())
}
