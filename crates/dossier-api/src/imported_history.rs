//! `import-ectd --application APP`: imported sequences recorded as the application's history,
//! the same `sequence` (kind `imported`) and `sequence_leaf` records a build writes — number,
//! envelope, every leaf with its operation, `modified-file` target, MD5, href, section, title,
//! heading instances and lineage. The cumulative view then shows what the regulator holds, and
//! the planner continues from it like from the project's own sequences.
//!
//! A leaf's lineage is its document's source path, as for a built leaf (a later version of the
//! same file replaces it); a delete takes the lineage and instances of the leaf it deletes. Its
//! heading instances are the ones the build would give its document on that section, so the
//! next build matches them.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use dossier_model::{DocumentId, Severity};
use dossier_package::reader::{ReadLeaf, ReadSequence};
use dossier_package::{Operation, Region};
use dossier_rules::Headings;
use dossier_store::{SequenceLeaf, SequenceRecord};

use crate::{ApiError, ErrorCode, Project, Result};

/// One leaf read for the history, with the document its file became.
pub(crate) struct Placed {
    pub leaf: ReadLeaf,
    pub document: Option<String>,
    /// The document's source path (what makes versions of one document).
    pub lineage: Option<String>,
    pub md5: Option<String>,
}

/// A sequence to record.
pub(crate) struct ToRecord {
    pub number: String,
    pub index_md5: String,
    pub folder: PathBuf,
    pub region: Region,
    /// The regional envelope's values (element or `element@attribute`, value).
    pub envelope: Vec<(String, String)>,
}

/// Checks, before anything is imported, that the sequences can become `app`'s history, and
/// returns the ones to record (a sequence already imported from the same `index.xml` is left
/// out: importing it again changes nothing).
pub(crate) fn check(project: &Project, app: &str, sequences: &[ReadSequence], shown: &Path) -> Result<Vec<ToRecord>> {
    let application = project.store.application(app)?;
    let profile = crate::bundle::profile_of(&application.profile, app)?;
    let region = crate::build::region_of(profile)?;
    let recorded = project.store.sequences(app)?;
    let stored_uuid = crate::build::envelope(project, app)?.eu.map(|e| e.identifier).filter(|i| !i.is_empty());
    let mut out = Vec::new();
    for seq in sequences {
        let at = format!("{}/{}", shown.display(), seq.number);
        if let Some(f) = seq.findings.iter().find(|f| f.severity == Severity::Error) {
            return Err(ApiError::invalid(format!(
                "{at}: {}; its history cannot be recorded for application `{app}` and nothing was imported — correct the sequence, or import its documents without --application",
                f.message
            )));
        }
        match seq.region {
            Some(r) if r == region => {}
            Some(r) => {
                return Err(ApiError::invalid(format!(
                    "{at} is a {} sequence but application `{app}` (profile {}) files in {}; import it into an application of its region",
                    r.code(),
                    application.profile,
                    region.code()
                )));
            }
            None => {
                return Err(ApiError::invalid(format!(
                    "{at} has no regional backbone, so its region cannot be told; application `{app}` (profile {}) files in {} — import it without --application",
                    application.profile,
                    region.code()
                )));
            }
        }
        for leaf in &seq.leaves {
            let Some(op) = Operation::parse(&leaf.operation) else {
                return Err(ApiError::invalid(format!(
                    "{at}/{}: leaf {} has operation `{}`, which eCTD does not have (new, append, replace, delete); its history cannot be recorded — import without --application",
                    leaf.backbone, leaf.id, leaf.operation
                )));
            };
            if op != Operation::New && leaf.modifies.is_none() {
                return Err(ApiError::invalid(format!(
                    "{at}/{}: leaf {} ({}) has modified-file `{}`, which names no leaf of an earlier sequence (`../NNNN/index.xml#ID`); its history cannot be recorded — import without --application",
                    leaf.backbone,
                    leaf.id,
                    leaf.operation,
                    leaf.modified_file.as_deref().unwrap_or("")
                )));
            }
        }
        let index_md5 = index_md5(&seq.folder)?;
        if let Some(before) = recorded.iter().find(|r| r.number == seq.number) {
            if before.kind != "imported" {
                return Err(ApiError::invalid(format!(
                    "sequence {} of application `{app}` was built by this project ({}); {at} cannot be recorded under the same number — import it into another application",
                    seq.number, before.folder
                )));
            }
            if before.index_md5 != index_md5 {
                return Err(ApiError::invalid(format!(
                    "sequence {} of application `{app}` was imported before from another index.xml (MD5 {}, {at} has {index_md5}); a sequence sent is never changed — import it into another application",
                    seq.number, before.index_md5
                )));
            }
            continue;
        }
        let envelope = seq.envelope.clone();
        if let (Some(stored), Some(read)) = (&stored_uuid, uuid_of(&envelope))
            && !stored.eq_ignore_ascii_case(read)
        {
            return Err(ApiError::invalid(format!(
                "{at}: its EU envelope names the application UUID {read}, but application `{app}` has {stored}; an application keeps one UUID (EU VC 9.7) — import it into the application it belongs to"
            )));
        }
        out.push(ToRecord { number: seq.number.clone(), index_md5, folder: seq.folder.clone(), region, envelope });
    }
    Ok(out)
}

/// The EU application UUID of an envelope read.
pub(crate) fn uuid_of(envelope: &[(String, String)]) -> Option<&str> {
    envelope.iter().find(|(k, _)| k == "identifier").map(|(_, v)| v.as_str())
}

fn index_md5(folder: &Path) -> Result<String> {
    let path = folder.join("index.xml");
    let io = |e: String| ApiError::new(ErrorCode::Io, format!("{}: {e}", path.display()));
    let (file, _) = dossier_package::regular::open_file(&path, dossier_package::reader::MAX_BACKBONE_BYTES).map_err(|w| io(w.describe()))?;
    let mut bytes = Vec::new();
    file.take(dossier_package::reader::MAX_BACKBONE_BYTES).read_to_end(&mut bytes).map_err(|e| io(e.to_string()))?;
    Ok(dossier_package::util::md5_hex(&bytes))
}

/// Records the checked sequences with their leaves, in one transaction; returns their numbers.
/// The EU UUID read goes into the application's envelope when that has one without it.
pub(crate) fn record(project: &mut Project, app: &str, to_record: &[ToRecord], placed: Vec<Placed>, shown: &Path) -> Result<Vec<String>> {
    if to_record.is_empty() {
        return Ok(Vec::new());
    }
    let facts = project.store.facts()?;
    let first = Headings::from_facts(&facts, []);
    let earlier = crate::build::history(project, app, &first)?;
    let headings = Headings::from_facts(&facts, earlier.iter().map(|l| &l.heading));
    // (sequence, id) → (lineage, heading JSON) of every leaf known so far, for deletes.
    let mut known: HashMap<(String, String), (String, Option<String>)> = earlier
        .iter()
        .map(|l| ((l.sequence.clone(), l.id.clone()), (l.lineage.clone(), (!l.heading.is_empty()).then(|| json(&l.heading)))))
        .collect();
    let mut documents: HashMap<String, dossier_model::Document> = HashMap::new();
    let mut leaves: HashMap<&str, Vec<SequenceLeaf>> = HashMap::new();
    for p in placed {
        let leaf = p.leaf;
        let section = leaf.section.clone().unwrap_or_else(|| leaf.element.clone());
        let modifies = leaf.modifies.clone();
        let (lineage, heading) = match (&p.document, leaf.operation.as_str()) {
            (_, "delete") | (None, _) => {
                let target = modifies.as_ref().and_then(|m| known.get(m)).cloned();
                target.unwrap_or_else(|| (leaf.href.clone().unwrap_or_else(|| format!("{}#{}", leaf.sequence, leaf.id)), None))
            }
            (Some(id), _) => {
                if !documents.contains_key(id) {
                    let doc_id = DocumentId::parse(id).ok_or_else(|| ApiError::new(ErrorCode::Internal, format!("{id}: not a document id")))?;
                    documents.insert(id.clone(), project.store.document(&doc_id)?);
                }
                let doc = &documents[id];
                let (heading, _) = crate::headings::of(&headings, &section, doc);
                (p.lineage.clone().unwrap_or_else(|| doc.source_path.clone()), (!heading.is_empty()).then(|| json(&heading)))
            }
        };
        known.insert((leaf.sequence.clone(), leaf.id.clone()), (lineage.clone(), heading.clone()));
        let Some(number) = to_record.iter().find(|t| t.number == leaf.sequence).map(|t| t.number.as_str()) else { continue };
        leaves.entry(number).or_default().push(SequenceLeaf {
            sequence: leaf.sequence.clone(),
            id: leaf.id.clone(),
            backbone: if leaf.backbone == "index.xml" { "index" } else { "regional" }.to_owned(),
            section,
            lineage,
            document: if leaf.operation == "delete" { None } else { p.document },
            operation: leaf.operation.clone(),
            href: if leaf.operation == "delete" { None } else { leaf.href.clone() },
            md5: p.md5.or(leaf.checksum.clone()).filter(|m| !m.is_empty()),
            title: leaf.title.clone(),
            modifies,
            heading,
        });
    }
    let records: Vec<(SequenceRecord, Vec<SequenceLeaf>)> = to_record
        .iter()
        .map(|t| {
            let folder = if shown.is_file() { format!("{}#{}", shown.display(), t.number) } else { t.folder.display().to_string() };
            let envelope = serde_json::json!({ "imported": t.envelope });
            let record = SequenceRecord {
                application: app.to_owned(),
                number: t.number.clone(),
                region: t.region.code().to_owned(),
                kind: "imported".into(),
                folder,
                index_md5: t.index_md5.clone(),
                envelope: envelope.to_string(),
                built_at: String::new(),
            };
            (record, leaves.remove(t.number.as_str()).unwrap_or_default())
        })
        .collect();
    let uuid = to_record.iter().rev().find_map(|t| uuid_of(&t.envelope)).map(str::to_owned);
    let mut envelope = crate::build::envelope(project, app)?;
    let envelope_json = match (envelope.eu.as_mut(), &uuid) {
        (Some(eu), Some(uuid)) if eu.identifier.is_empty() => {
            eu.identifier = uuid.clone();
            Some(serde_json::to_string(&envelope).expect("envelopes serialise"))
        }
        _ => None,
    };
    project
        .store
        .with_tx(&project.actor, |tx| {
            for (record, leaves) in &records {
                tx.record_sequence(record, leaves)?;
            }
            if let Some(json) = &envelope_json {
                tx.set_envelope(app, json)?;
            }
            Ok(())
        })
        .map_err(|e| {
            ApiError::invalid(format!(
                "the documents were imported, but the sequences' history was not recorded for application `{app}`: {e}"
            ))
        })?;
    Ok(to_record.iter().map(|t| t.number.clone()).collect())
}

fn json(heading: &dossier_package::Heading) -> String {
    serde_json::to_string(heading).expect("headings serialise")
}
