//! Authority profiles (`templates/authorities/*.toml`): one filing type at one authority, with
//! its Module 1 tree, its checklist items and, for Hong Kong, its evaluation routes.

use std::collections::{BTreeMap, HashSet};

use serde::Deserialize;
use time::Date;

use crate::condition::Condition;
use crate::templates::{Diagnostic, Source, parse};
use crate::{CtdTree, DocTypes};

const DIR: &str = "authorities";
const REFERENCE_COUNTRIES: &str = "authorities/hk-reference-countries.toml";
pub const LANGUAGES: [&str; 3] = ["en", "zh-Hans", "zh-Hant"];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    HkCtd,
    EctdUs,
    EctdEu,
    EctdCn,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    Confirmed,
    #[default]
    Unconfirmed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Requirement {
    Always,
    Optional,
    Conditional,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfileHeader {
    pub id: String,
    pub title: String,
    pub title_zh_hans: Option<String>,
    pub title_zh_hant: Option<String>,
    pub authority: String,
    pub region: String,
    pub format: Format,
    pub version: String,
    #[serde(default, with = "dossier_model::day::option")]
    pub effective: Option<Date>,
    pub sources: Vec<String>,
    pub confidence: Confidence,
    #[serde(default)]
    pub document_language: Vec<String>,
    pub note: Option<String>,
}

/// One heading of a regional Module 1.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct M1Node {
    pub code: String,
    pub title: String,
    pub title_zh_hans: Option<String>,
    pub title_zh_hant: Option<String>,
    /// Element name in the regional backbone (absent for Hong Kong, which has no eCTD).
    pub element: Option<String>,
    pub parent: Option<String>,
    pub source: String,
    pub confidence: Confidence,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawItem {
    id: String,
    title: String,
    title_zh_hans: Option<String>,
    title_zh_hant: Option<String>,
    sections: Vec<String>,
    requirement: Requirement,
    when: Option<toml::Value>,
    doc_types: Vec<String>,
    #[serde(default = "any_language")]
    language: String,
    #[serde(default)]
    must_be_valid: bool,
    max_age_months: Option<u32>,
    source: String,
    confidence: Confidence,
    action: String,
    action_zh_hans: Option<String>,
    action_zh_hant: Option<String>,
    note: Option<String>,
}

fn any_language() -> String {
    "any".into()
}

/// What languages the documents on an item must be in.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case", tag = "rule", content = "languages")]
pub enum LanguageRule {
    Any,
    /// Every document in this language.
    Only(String),
    /// Foreign originals each with a translation into this language (NMPA: 原文 + 中文译本).
    OriginalPlusTranslation(String),
    /// Each of these languages covered (e.g. Hong Kong bilingual labels).
    Bilingual(Vec<String>),
}

impl LanguageRule {
    fn parse(s: &str) -> Option<LanguageRule> {
        if s == "any" {
            return Some(LanguageRule::Any);
        }
        if let Some(target) = s.strip_prefix("original+") {
            return LANGUAGES.contains(&target).then(|| LanguageRule::OriginalPlusTranslation(target.into()));
        }
        let parts: Vec<&str> = s.split('+').collect();
        if !parts.iter().all(|p| LANGUAGES.contains(p)) {
            return None;
        }
        Some(match parts.as_slice() {
            [one] => LanguageRule::Only((*one).into()),
            many => LanguageRule::Bilingual(many.iter().map(|p| (*p).into()).collect()),
        })
    }
}

/// One requirement of a profile.
#[derive(Debug, Clone)]
pub struct Item {
    pub id: String,
    pub title: String,
    pub title_zh_hans: Option<String>,
    pub title_zh_hant: Option<String>,
    /// ICH codes (`3.2.P.5.1`) or this profile's regional codes (`cn:1.3.1`).
    pub sections: Vec<String>,
    pub requirement: Requirement,
    pub when: Option<Condition>,
    pub doc_types: Vec<String>,
    pub language: LanguageRule,
    pub must_be_valid: bool,
    pub max_age_months: Option<u32>,
    pub source: String,
    pub confidence: Confidence,
    /// What to do, in English; the Chinese wordings are optional in a folder of templates, and
    /// every built-in item has them (`tests/rules/templates.rs`).
    pub action: String,
    pub action_zh_hans: Option<String>,
    pub action_zh_hant: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RouteStatus {
    #[default]
    InForce,
    Announced,
}

/// An evaluation route (Hong Kong): when it is available and what it requires.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Route {
    pub id: String,
    pub title: String,
    pub title_zh_hans: Option<String>,
    pub title_zh_hant: Option<String>,
    #[serde(default, with = "dossier_model::day::option")]
    pub available_from: Option<Date>,
    #[serde(default, with = "dossier_model::day::option")]
    pub available_until: Option<Date>,
    #[serde(default)]
    pub status: RouteStatus,
    pub source: String,
    pub confidence: Confidence,
    pub summary: String,
    pub summary_zh_hans: Option<String>,
    pub summary_zh_hant: Option<String>,
    #[serde(default, rename = "condition")]
    pub conditions: Vec<RouteCondition>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RouteCondition {
    pub id: String,
    pub title: String,
    pub title_zh_hans: Option<String>,
    pub title_zh_hant: Option<String>,
    pub check: Check,
    pub source: String,
    pub confidence: Confidence,
    pub fix: String,
    pub fix_zh_hans: Option<String>,
    pub fix_zh_hant: Option<String>,
    pub note: Option<String>,
}

/// What a route condition tests; one key per condition in the template.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Check {
    ReferenceApprovalsAtLeast(u32),
    ClinicalSubjectsFrom(Vec<String>),
    DocumentTypePresent(String),
    DesignationAny(Vec<String>),
    ModalityIn(Vec<String>),
    RegisteredInRegion(bool),
    ApplicationFact(String),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProfile {
    profile: ProfileHeader,
    #[serde(default)]
    m1: Vec<M1Node>,
    #[serde(default, rename = "item")]
    items: Vec<RawItem>,
    #[serde(default, rename = "route")]
    routes: Vec<Route>,
}

#[derive(Debug, Clone)]
pub struct Profile {
    pub header: ProfileHeader,
    pub m1: Vec<M1Node>,
    pub items: Vec<Item>,
    pub routes: Vec<Route>,
}

impl Profile {
    pub fn id(&self) -> &str {
        &self.header.id
    }

    pub fn m1_node(&self, code: &str) -> Option<&M1Node> {
        self.m1.iter().find(|n| n.code == code)
    }

    pub fn item(&self, id: &str) -> Option<&Item> {
        self.items.iter().find(|i| i.id == id)
    }

    pub fn route(&self, id: &str) -> Option<&Route> {
        self.routes.iter().find(|r| r.id == id)
    }
}

/// A country whose approvals Hong Kong accepts as reference approvals.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReferenceCountry {
    pub code: String,
    pub name: String,
    pub name_zh_hans: Option<String>,
    pub name_zh_hant: Option<String>,
    pub authorities: Vec<String>,
    #[serde(default, with = "dossier_model::day::option")]
    pub since: Option<Date>,
    pub source: String,
    pub note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCountries {
    meta: Option<toml::Value>,
    #[serde(default, rename = "country")]
    countries: Vec<ReferenceCountry>,
}

#[derive(Debug, Default)]
pub struct Profiles {
    profiles: BTreeMap<String, Profile>,
    pub reference_countries: Vec<ReferenceCountry>,
}

impl Profiles {
    pub fn all(&self) -> impl Iterator<Item = &Profile> {
        self.profiles.values()
    }

    pub fn get(&self, id: &str) -> Option<&Profile> {
        self.profiles.get(id)
    }

    pub(crate) fn load(source: &dyn Source, ctd: &CtdTree, types: &DocTypes, diags: &mut Vec<Diagnostic>) -> Profiles {
        let mut out = Profiles::default();
        for file in source.list(DIR) {
            if file == REFERENCE_COUNTRIES {
                if let Some((raw, _)) = parse::<RawCountries>(source, &file, diags) {
                    let _ = raw.meta;
                    out.reference_countries = raw.countries;
                }
                continue;
            }
            let Some((raw, text)) = parse::<RawProfile>(source, &file, diags) else { continue };
            if let Some(profile) = check_profile(raw, &file, &text, ctd, types, diags) {
                out.profiles.insert(profile.header.id.clone(), profile);
            }
        }
        out
    }
}

fn check_profile(
    raw: RawProfile,
    file: &str,
    text: &str,
    ctd: &CtdTree,
    types: &DocTypes,
    diags: &mut Vec<Diagnostic>,
) -> Option<Profile> {
    let at = |needle: &str, message: String| Diagnostic::at(file, text, text.find(needle).unwrap_or(0), message);
    let h = &raw.profile;
    let stem = file.trim_start_matches("authorities/").trim_end_matches(".toml");
    if h.id != stem {
        diags.push(at("id = ", format!("profile id `{}` must equal the file name `{stem}`", h.id)));
    }
    for lang in &h.document_language {
        if !LANGUAGES.contains(&lang.as_str()) {
            diags.push(at("document_language", format!("`{lang}` is not a language; use en, zh-Hans or zh-Hant")));
        }
    }
    let mut codes = HashSet::new();
    for node in &raw.m1 {
        let here = format!("code = \"{}\"", node.code);
        if let Some(parent) = &node.parent {
            if !codes.contains(parent.as_str()) {
                diags.push(at(&here, format!("M1 node `{}` names parent `{parent}`, which is not defined before it", node.code)));
            }
        }
        if !codes.insert(node.code.as_str()) {
            diags.push(at(&here, format!("M1 code `{}` appears twice", node.code)));
        }
    }
    let route_ids: HashSet<&str> = raw.routes.iter().map(|r| r.id.as_str()).collect();
    let mut item_ids = HashSet::new();
    let mut items = Vec::new();
    for raw_item in raw.items {
        let here = format!("id = \"{}\"", raw_item.id);
        let mut problem = |m: String| diags.push(at(&here, format!("item `{}`: {m}", raw_item.id)));
        if !item_ids.insert(raw_item.id.clone()) {
            problem("the id appears twice".into());
        }
        for section in &raw_item.sections {
            let known = match section.split_once(':') {
                Some((region, code)) => region == h.region && codes.contains(code),
                None => ctd.get(section).is_some(),
            };
            if !known {
                problem(format!(
                    "section `{section}` is neither an ICH code nor `{}:` + a code of this profile's Module 1",
                    h.region
                ));
            }
        }
        if raw_item.doc_types.is_empty() {
            problem("accepts no document type".into());
        }
        for t in &raw_item.doc_types {
            if types.get(t).is_none() {
                problem(format!("document type `{t}` is not in doc-types.toml"));
            }
        }
        let language = LanguageRule::parse(&raw_item.language).unwrap_or_else(|| {
            problem(format!("language rule `{}` is not any, a language, lang+lang or original+lang", raw_item.language));
            LanguageRule::Any
        });
        let when = raw_item.when.as_ref().map(|v| {
            let mut problems = Vec::new();
            let c = Condition::parse(v, &mut problems);
            for r in c.routes() {
                if !route_ids.contains(r) {
                    problems.push(format!("route `{r}` is not a route of this profile"));
                }
            }
            for p in problems {
                problem(format!("condition: {p}"));
            }
            c
        });
        match (raw_item.requirement, &when) {
            (Requirement::Conditional, None) => problem("is conditional but has no `when`".into()),
            (Requirement::Always | Requirement::Optional, Some(_)) => {
                problem("has a `when` but is not conditional; set requirement = \"conditional\"".into())
            }
            _ => {}
        }
        if raw_item.source.trim().is_empty() {
            problem("has no source".into());
        }
        items.push(Item {
            id: raw_item.id,
            title: raw_item.title,
            title_zh_hans: raw_item.title_zh_hans,
            title_zh_hant: raw_item.title_zh_hant,
            sections: raw_item.sections,
            requirement: raw_item.requirement,
            when,
            doc_types: raw_item.doc_types,
            language,
            must_be_valid: raw_item.must_be_valid,
            max_age_months: raw_item.max_age_months,
            source: raw_item.source,
            confidence: raw_item.confidence,
            action: raw_item.action,
            action_zh_hans: raw_item.action_zh_hans,
            action_zh_hant: raw_item.action_zh_hant,
            note: raw_item.note,
        });
    }
    for route in &raw.routes {
        for c in &route.conditions {
            if let Check::DocumentTypePresent(t) = &c.check {
                if types.get(t).is_none() {
                    diags.push(at(&format!("id = \"{}\"", c.id), format!("route condition `{}`: document type `{t}` is unknown", c.id)));
                }
            }
        }
    }
    Some(Profile { header: raw.profile, m1: raw.m1, items, routes: raw.routes })
}
