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

/// An authority profile as the UI and CLI list it.
#[derive(Debug, Clone, Serialize)]
pub struct ProfileInfo {
    pub id: String,
    pub title: String,
    pub title_zh_hans: Option<String>,
    pub title_zh_hant: Option<String>,
    pub authority: String,
    pub region: String,
    pub format: dossier_rules::Format,
    pub routes: Vec<String>,
    pub items: usize,
}

pub fn profiles() -> Vec<ProfileInfo> {
    Templates::embedded()
        .profiles
        .all()
        .map(|p| ProfileInfo {
            id: p.id().to_owned(),
            title: p.header.title.clone(),
            title_zh_hans: p.header.title_zh_hans.clone(),
            title_zh_hant: p.header.title_zh_hant.clone(),
            authority: p.header.authority.clone(),
            region: p.header.region.clone(),
            format: p.header.format,
            routes: p.routes.iter().map(|r| r.id.clone()).collect(),
            items: p.items.len(),
        })
        .collect()
}

/// Every problem in a templates folder (or the built-in templates), as `file:line: message`.
pub fn check_templates(dir: Option<&std::path::Path>) -> Vec<String> {
    let diagnostics = match dir {
        Some(dir) => Templates::load(&dossier_rules::Folder(dir.to_path_buf())).1,
        None => Templates::embedded_diagnostics(),
    };
    diagnostics.iter().map(ToString::to_string).collect()
}

/// The eCTD folder path of an ICH section (`3.2.P.5.1` →
/// `m3/32-body-data/32p-drug-prod/product-1/32p5-contr-drug-prod/32p51-spec`), using the
/// first instance of repeatable headings.
pub fn ctd_folder(code: &str) -> Option<String> {
    let ctd = &Templates::embedded().ctd;
    let mut parts = Vec::new();
    let mut node = ctd.get(code);
    while let Some(n) = node {
        if let Some(instance) = &n.instance_folder {
            parts.push(instance.clone());
        }
        if let Some(folder) = &n.folder {
            parts.push(folder.clone());
        }
        node = n.parent.as_deref().and_then(|p| ctd.get(p));
    }
    parts.reverse();
    (!parts.is_empty()).then(|| parts.join("/"))
}
