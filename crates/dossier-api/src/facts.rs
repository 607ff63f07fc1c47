//! Facts as a TOML file a person edits: `dossier facts export > facts.toml`, edit,
//! `dossier facts import facts.toml`. The file is the whole truth for product, studies and
//! approvals; `[[document]]` entries add metadata to documents already imported.

use std::path::Path;

use dossier_model::{ClassificationOrigin, DocumentId, Facts};
use dossier_rules::Templates;
use serde::Serialize;

use crate::docs::{check_language, check_section};
use crate::{ApiError, ErrorCode, Project, Result};

#[derive(Debug, Clone, Default, Serialize)]
pub struct FactsImportReport {
    pub studies: usize,
    pub approvals: usize,
    pub documents_described: usize,
}

pub fn import_facts_file(project: &mut Project, path: &Path) -> Result<FactsImportReport> {
    let text = dossier_files::read_text(path, dossier_files::FACTS)?;
    import_facts(project, &text).map_err(|e| ApiError::new(e.code, format!("{}: {}", path.display(), e.message)))
}

/// Parses, checks and stores a facts file. Every problem is reported at once and nothing is
/// written unless the whole file is sound.
pub fn import_facts(project: &mut Project, text: &str) -> Result<FactsImportReport> {
    let mut facts: Facts = toml::from_str(text).map_err(|e| ApiError::invalid(e.to_string()))?;
    let templates = Templates::embedded();
    let mut problems = Vec::new();
    let resolve = |reference: &str, what: &str, problems: &mut Vec<String>| -> Option<DocumentId> {
        match project.store.resolve_document(reference) {
            Ok(id) => Some(id),
            Err(e) => {
                problems.push(format!("{what}: {e} — import the document first or correct the path"));
                None
            }
        }
    };
    // Control characters and bidi overrides in any name or title (issue 14, point 17), each
    // field named as the file writes it; the store refuses them too, whatever the way in.
    problems.extend(dossier_store::unsafe_text_in("", &facts));
    let mut seen = std::collections::HashSet::new();
    for study in &facts.studies {
        if study.id.trim().is_empty() || study.id.trim() != study.id {
            problems.push(format!(
                "study {:?}: a protocol number must not be empty, or start or end with a space — correct it",
                study.id
            ));
        }
        if !seen.insert(study.id.clone()) {
            problems.push(format!(
                "study `{}` is listed twice; protocol numbers are unique — merge the two [[study]] entries or correct one number",
                study.id
            ));
        }
    }
    for study in &mut facts.studies {
        if let Some(csr) = &study.csr {
            study.csr = resolve(csr, &format!("study {} csr", study.id), &mut problems).map(|id| id.to_string());
        }
        let c = &study.subjects;
        if c.sum_of_regions() > u64::from(c.total) {
            problems.push(format!(
                "study {}: the regions add up to {} subjects but total is {}",
                study.id,
                c.sum_of_regions(),
                c.total
            ));
        }
    }
    for approval in &mut facts.approvals {
        if let Some(proof) = &approval.proof {
            let what = format!("approval {} {}", approval.authority, approval.country);
            approval.proof = resolve(proof, &what, &mut problems).map(|id| id.to_string());
        }
    }
    let mut described = Vec::new();
    for entry in &facts.documents {
        let what = format!("[[document]] {}", entry.path);
        let Some(id) = resolve(&entry.path, &what, &mut problems) else { continue };
        let Ok(mut doc) = project.store.document(&id) else { continue };
        if let Some(t) = &entry.doc_type {
            if templates.doc_types.get(t).is_none() {
                problems.push(format!("{what}: `{t}` is not a document type"));
            }
            doc.classification.doc_type = Some(t.clone());
            doc.classification.confidence = 1.0;
            doc.classification.origin = ClassificationOrigin::Facts;
            if entry.section.is_none() {
                let region = doc.source_path.split('/').collect::<Vec<_>>().windows(2).find(|w| w[0] == "m1").map(|w| w[1].to_owned());
                let usual = templates.doc_types.get(t).and_then(|t| t.default_section(region.as_deref()));
                let fits = doc.classification.section.as_ref().is_some_and(|s| {
                    templates.doc_types.get(t).is_some_and(|t| t.sections.contains(s))
                });
                if !fits {
                    doc.classification.section = usual;
                }
            }
        }
        if let Some(s) = &entry.section {
            if let Err(e) = check_section(templates, s) {
                problems.push(format!("{what}: {}", e.message));
            }
            doc.classification.section = Some(s.clone());
        }
        if let Some(lang) = &entry.language {
            if let Err(e) = lang.split('+').try_for_each(check_language) {
                problems.push(format!("{what}: {}", e.message));
            }
            doc.language = Some(lang.clone());
        }
        if let Some(original) = &entry.translation_of {
            doc.translation_of = resolve(original, &format!("{what} translation_of"), &mut problems);
        }
        if let Some(study) = &entry.study {
            if !facts.studies.iter().any(|s| &s.id == study) {
                problems.push(format!("{what}: study `{study}` is not among the file's [[study]] entries"));
            }
        }
        doc.issued = entry.issued.or(doc.issued);
        doc.expires = entry.expires.or(doc.expires);
        doc.study = entry.study.clone().or(doc.study);
        doc.title = entry.title.clone().or(doc.title);
        for ((name, stated), (_, field)) in entry.scope().fields().into_iter().zip(doc.scope.fields_mut()) {
            if let Some(value) = stated {
                if value.trim().is_empty() {
                    problems.push(format!("{what}: an empty {name} says nothing — remove the key or give the value"));
                }
                *field = Some(value.trim().to_owned());
            }
        }
        described.push(doc);
    }
    if !problems.is_empty() {
        return Err(ApiError::invalid(format!(
            "the facts were not imported ({} problem{}):\n  {}",
            problems.len(),
            if problems.len() == 1 { "" } else { "s" },
            problems.join("\n  ")
        )));
    }
    let report = FactsImportReport {
        studies: facts.studies.len(),
        approvals: facts.approvals.len(),
        documents_described: described.len(),
    };
    project.store.with_tx(&project.actor, |tx| {
        tx.replace_facts(&facts)?;
        for doc in &described {
            tx.update_document(doc)?;
        }
        Ok(())
    })?;
    Ok(report)
}

/// The project's facts as an editable TOML file, document references written as paths.
pub fn export_facts(project: &Project) -> Result<String> {
    let mut facts = project.store.facts()?;
    let path_of = |id: &str| -> String {
        DocumentId::parse(id)
            .and_then(|id| project.store.document(&id).ok())
            .map_or_else(|| id.to_owned(), |d| d.source_path)
    };
    for study in &mut facts.studies {
        study.csr = study.csr.as_deref().map(path_of);
    }
    for approval in &mut facts.approvals {
        approval.proof = approval.proof.as_deref().map(path_of);
    }
    for doc in project.store.documents(&dossier_store::DocumentFilter::default())? {
        let stated = doc.classification.origin != ClassificationOrigin::Guess;
        let has_metadata = doc.issued.is_some()
            || doc.expires.is_some()
            || doc.study.is_some()
            || doc.translation_of.is_some()
            || doc.title.is_some()
            || !doc.scope.is_empty();
        if !(stated || has_metadata) {
            continue;
        }
        facts.documents.push(dossier_model::DocumentFacts {
            path: doc.source_path.clone(),
            doc_type: doc.classification.doc_type.clone().filter(|_| stated),
            section: doc.classification.section.clone().filter(|_| stated),
            language: doc.language.clone().filter(|_| stated),
            issued: doc.issued,
            expires: doc.expires,
            study: doc.study.clone(),
            translation_of: doc.translation_of.as_ref().map(|id| path_of(id.as_str())),
            title: doc.title.clone(),
            substance: doc.scope.substance.clone(),
            manufacturer: doc.scope.manufacturer.clone(),
            dosage_form: doc.scope.dosage_form.clone(),
            indication: doc.scope.indication.clone(),
            excipient: doc.scope.excipient.clone(),
        });
    }
    let body = toml::to_string(&facts).map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))?;
    Ok(format!(
        "# Dossier Bridge facts: product, studies, approvals and document metadata.\n\
         # Edit and load back with `dossier facts import FILE`; the file replaces the stored facts.\n\
         # Document references are paths as imported (see `dossier docs list`) or document ids.\n\n{body}"
    ))
}
