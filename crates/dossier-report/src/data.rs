//! The wording of generated documents, as data built into the binary: report labels in three
//! languages and the source catalogue (`templates/report/`), letter texts (`templates/letters/`).

use std::collections::BTreeMap;
use std::sync::OnceLock;

use include_dir::{Dir, include_dir};
use serde::{Deserialize, Serialize};

use crate::{Error, Lang};

pub(crate) static LETTERS: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/../../templates/letters");
static REPORT: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/../../templates/report");

pub(crate) fn parse<T: serde::de::DeserializeOwned>(dir: &str, file: &include_dir::File<'_>) -> Result<T, Error> {
    let name = format!("templates/{dir}/{}", file.path().display());
    let text = file.contents_utf8().ok_or_else(|| Error::Template { file: name.clone(), message: "not UTF-8".into() })?;
    toml::from_str(text).map_err(|e| Error::Template { file: name, message: e.to_string() })
}

/// Every label of the gap report and the table of contents in one language. Each language
/// must define every field (serde refuses a file that misses one), so no label silently falls
/// back to English.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Labels {
    pub report_title: String,
    /// Between a label and its value: ": " in English, "：" in Chinese.
    pub colon: String,
    pub cover_product: String,
    pub cover_inn: String,
    pub cover_trade_names: String,
    pub cover_applicant: String,
    pub cover_modality: String,
    pub cover_date: String,
    pub cover_audit_head: String,
    /// `{record}` and `{hash}`.
    pub audit_head_value: String,
    pub cover_applications: String,
    pub cover_note: String,
    pub english_only_note: String,
    pub section_readiness: String,
    pub readiness_intro: String,
    pub readiness_axis: String,
    /// `{satisfied}` and `{required}`.
    pub readiness_items: String,
    pub section_route: String,
    /// `{app}`.
    pub route_facts_of: String,
    pub route_no_application: String,
    pub route_verdict: String,
    pub route_missing_documents: String,
    pub col_condition: String,
    pub col_result: String,
    pub col_evidence_fix: String,
    pub met: String,
    pub not_met: String,
    pub unknown: String,
    pub to_do: String,
    pub section_findings: String,
    pub app_profile: String,
    pub app_route: String,
    /// `{percent}`, `{satisfied}`, `{required}`, `{errors}`, `{warnings}`.
    pub app_summary: String,
    pub no_findings: String,
    pub app_last_build: String,
    pub build_rejected: String,
    pub build_accepted: String,
    pub col_severity: String,
    pub col_item: String,
    pub col_finding: String,
    pub col_rule_source: String,
    pub action: String,
    pub unconfirmed: String,
    pub section_reuse: String,
    /// `{reused}` and `{total}`.
    pub reuse_intro: String,
    pub no_reuse: String,
    pub col_document: String,
    pub col_type: String,
    pub col_applications: String,
    pub section_sources: String,
    pub sources_intro: String,
    pub col_id: String,
    pub col_reference: String,
    pub col_cited_by: String,
    pub source_not_in_catalogue: String,
    /// `{n}` and `{total}`.
    pub page: String,
    pub toc_title: String,
    /// `{n}`.
    pub toc_module: String,
    pub col_section: String,
    pub col_title: String,
    pub col_file: String,
    pub col_pages: String,
    pub col_operation: String,
    pub status: BTreeMap<String, String>,
    pub severity: BTreeMap<String, String>,
    pub verdict: BTreeMap<String, String>,
    pub operation: BTreeMap<String, String>,
    pub modality: BTreeMap<String, String>,
}

impl Labels {
    /// The labels of `lang`, from `templates/report/labels.toml`.
    pub fn get(lang: Lang) -> Result<&'static Labels, Error> {
        static ALL: OnceLock<Result<BTreeMap<String, Labels>, Error>> = OnceLock::new();
        let all = ALL.get_or_init(|| {
            let file = REPORT.get_file("labels.toml").ok_or_else(|| Error::Template {
                file: "templates/report/labels.toml".into(),
                message: "the file is missing".into(),
            })?;
            parse("report", file)
        });
        let all = all.as_ref().map_err(|e| Error::Template { file: "templates/report/labels.toml".into(), message: e.to_string() })?;
        all.get(lang.bcp47()).ok_or_else(|| Error::Template {
            file: "templates/report/labels.toml".into(),
            message: format!("no [\"{}\"] table", lang.bcp47()),
        })
    }

    /// A label from one of the keyed tables (`status`, `severity`, …), the key itself when the
    /// table lacks it (the tests check that none does).
    pub fn keyed<'a>(table: &'a BTreeMap<String, String>, key: &'a str) -> &'a str {
        table.get(key).map_or(key, String::as_str)
    }

    pub fn page_label(&self, n: usize, total: usize) -> String {
        fill(&self.page, &[("n", n.to_string()), ("total", total.to_string())])
    }
}

/// Replaces `{name}` with its value; unknown names stay as written.
pub(crate) fn fill(template: &str, values: &[(&str, String)]) -> String {
    let mut out = template.to_owned();
    for (k, v) in values {
        out = out.replace(&format!("{{{k}}}"), v);
    }
    out
}

/// One entry of the source catalogue (research brief §7 and its addendum).
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct SourceEntry {
    pub id: String,
    /// `P`, `S`, `P copy`, …
    pub grade: String,
    pub region: String,
    pub text: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceFile {
    source: Vec<SourceEntry>,
}

/// The source catalogue, `templates/report/sources.toml`.
pub fn sources() -> Result<&'static [SourceEntry], Error> {
    static ALL: OnceLock<Result<Vec<SourceEntry>, String>> = OnceLock::new();
    ALL.get_or_init(|| {
        let file = REPORT.get_file("sources.toml").ok_or("the file is missing")?;
        parse::<SourceFile>("report", file).map(|f| f.source).map_err(|e| e.to_string())
    })
    .as_deref()
    .map_err(|e| Error::Template { file: "templates/report/sources.toml".into(), message: e.clone() })
}
