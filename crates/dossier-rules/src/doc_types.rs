use std::collections::HashMap;

use serde::Deserialize;

use crate::CtdTree;
use crate::templates::{Diagnostic, parse};

const FILE: &str = "doc-types.toml";
/// Regions whose Module 1 codes may appear as `region:code`.
const REGIONS: [&str; 4] = ["us", "eu", "cn", "hk"];

/// One entry of the document-type vocabulary.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocType {
    pub id: String,
    pub title: String,
    pub title_zh_hans: Option<String>,
    pub title_zh_hant: Option<String>,
    /// Default CTD sections, most likely first; Module 1 codes carry a region prefix.
    pub sections: Vec<String>,
    /// Lowercase words or phrases looked for in file names and folders.
    pub hints: Vec<String>,
    pub description: Option<String>,
    pub language_hint: Option<String>,
    pub validity_months: Option<u32>,
    pub validity_source: Option<String>,
    /// `unconfirmed` when the type or its placement rests on a secondary source or none.
    pub confidence: Option<String>,
    /// A type that must accompany each document of this one for the same study
    /// (a CSR's synopsis), with the source that says so.
    pub companion: Option<String>,
    pub companion_source: Option<String>,
    /// Issued by an authority (a certificate, an approval, a designation): serves filings in
    /// every region, wherever it is filed.
    #[serde(default)]
    pub issued_evidence: bool,
}

impl DocType {
    /// The section to assume when nothing more specific is known: in a regional Module 1
    /// folder that region's code; elsewhere the first ICH code. A regional code is never
    /// assumed outside its region's folder: a GMP certificate in a company folder serves every
    /// authority, and tagging it `cn:` would bind it to China.
    pub fn default_section(&self, region: Option<&str>) -> Option<String> {
        match region {
            Some(r) => self.sections.iter().find(|s| s.split_once(':').is_some_and(|(sr, _)| sr == r)).cloned(),
            None => self.sections.iter().find(|s| !s.contains(':')).cloned(),
        }
    }
}

#[derive(Debug, Deserialize)]
struct File {
    #[serde(default, rename = "type")]
    types: Vec<DocType>,
    #[allow(dead_code)]
    meta: Option<toml::Value>,
}

#[derive(Debug, Default)]
pub struct DocTypes {
    types: Vec<DocType>,
    by_id: HashMap<String, usize>,
}

impl DocTypes {
    pub(crate) fn load(source: &dyn crate::templates::Source, ctd: &CtdTree, diags: &mut Vec<Diagnostic>) -> DocTypes {
        let Some((file, text)) = parse::<File>(source, FILE, diags) else { return DocTypes::default() };
        let mut out = DocTypes::default();
        for (i, t) in file.types.iter().enumerate() {
            let offset = text.find(&format!("id = \"{}\"", t.id)).unwrap_or(0);
            let mut problem = |message: String| diags.push(Diagnostic::at(FILE, &text, offset, message));
            if out.by_id.insert(t.id.clone(), i).is_some() {
                problem(format!("type `{}` is defined twice", t.id));
            }
            for section in &t.sections {
                let known = match section.split_once(':') {
                    Some((region, code)) => REGIONS.contains(&region) && !code.is_empty(),
                    None => ctd.get(section).is_some(),
                };
                if !known {
                    problem(format!("type `{}` names section `{section}`, which is neither a CTD code nor region:code", t.id));
                }
            }
            if t.hints.iter().any(|h| h != &h.to_lowercase()) {
                problem(format!("type `{}` has a hint with capital letters; hints are lowercase", t.id));
            }
            if t.validity_months.is_some() && t.validity_source.is_none() {
                problem(format!("type `{}` gives a validity period without its source", t.id));
            }
        }
        out.types = file.types;
        out
    }

    pub fn all(&self) -> &[DocType] {
        &self.types
    }

    pub fn get(&self, id: &str) -> Option<&DocType> {
        self.by_id.get(id).map(|&i| &self.types[i])
    }

    /// The types that declare the regional Module 1 heading `section` (`us:1.2`, `eu:1.3.1`,
    /// `cn:1.0`) among their sections, in file order. ICH codes are not Module 1 headings:
    /// for them the answer is empty.
    pub fn declaring(&self, section: &str) -> Vec<&DocType> {
        if !section.contains(':') {
            return Vec::new();
        }
        self.types.iter().filter(|t| t.sections.iter().any(|s| s == section)).collect()
    }
}
