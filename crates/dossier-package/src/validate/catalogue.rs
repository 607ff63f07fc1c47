//! The validation rule catalogue: `templates/validation/*.toml`, embedded and checked on load.
//!
//! Published rules keep their published id (EU VC `15.3`, FDA `1085`); rules of our own start
//! with `DB-` (NMPA publishes groups, not rule numbers, so its rules are `DB-CN-…` with their
//! group). Each implemented rule names the `check` that tests it; the checks in code are listed
//! in [`CHECKS`], and a test holds the two in step.

use serde::{Deserialize, Serialize};

use dossier_model::Severity;

use crate::Region;

const FILES: [(&str, &str); 4] = [
    ("eu.toml", include_str!("../../../../templates/validation/eu.toml")),
    ("fda.toml", include_str!("../../../../templates/validation/fda.toml")),
    ("nmpa.toml", include_str!("../../../../templates/validation/nmpa.toml")),
    ("ours.toml", include_str!("../../../../templates/validation/ours.toml")),
];

/// Every check the code implements. A catalogue rule with `implemented = true` names one of
/// these, and each of these is named by at least one implemented rule.
pub const CHECKS: &[&str] = &[
    "util-name", "util-folder", "util-md5",
    "index-present", "index-name", "index-well-formed", "index-valid", "index-doctype", "index-stylesheet",
    "md5-file-present", "index-md5",
    "regional-present", "regional-well-formed", "regional-valid", "regional-doctype", "regional-stylesheet",
    "regional-dtd-version", "uuid-format", "uuid-constant", "uuid-envelopes", "related-initial", "related-other",
    "inn-required", "product-number", "xml-entities",
    "empty-heading", "checksum-type", "leaf-md5", "leaf-title", "leaf-operation", "href-required", "href-forbidden",
    "href-target", "href-relative", "href-outside", "modified-required", "modified-forbidden", "modified-target",
    "modified-section", "modified-once", "leaf-id-unique", "leaf-id-digit", "first-sequence-new", "node-extension-title",
    "sequence-folder", "sequence-envelope",
    "path-length", "file-name-length", "folder-name-length", "file-name-chars", "folder-name-chars", "name-chars",
    "unreferenced", "root-files", "root-entries", "empty-folder", "file-size", "file-extension",
    "pdf-version", "pdf-version-recommended", "pdf-open-password", "pdf-security", "pdf-corrupt", "pdf-javascript",
    "pdf-link-target", "pdf-link-relative", "pdf-fonts", "pdf-unverifiable",
    "md5-file-name", "regional-name", "envelope-ema", "envelope-mrp", "envelope-national", "envelope-cep",
    "envelope-country", "envelope-edqm", "tracking-present", "tracking-name", "pdf-security-form",
    "pdf-fast-web-view", "pdf-initial-view", "pdf-bookmarks-pane", "pdf-no-bookmarks-pane", "pdf-eaf-attachments",
    "cn-cv", "cn-combination", "file-special", "file-limit",
];

/// One rule as the catalogue states it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    pub id: String,
    /// `eu`, `us`, `cn`, `any` (every eCTD region), or `hk` (the Hong Kong CTD bundle, which
    /// is no eCTD: only our own PDF rules); filled from the file when the rule does not say.
    #[serde(default)]
    pub region: String,
    #[serde(default)]
    pub source: String,
    /// NMPA: the published group of the standard.
    #[serde(default)]
    pub group: Option<String>,
    #[serde(default)]
    pub category: String,
    /// The region's own level: EU `P/F` / `BP`; FDA `High` / `Medium` / `Low`; NMPA `错误` /
    /// `警告` / `提示`; ours `error` / `warning` / `info`.
    pub level: String,
    /// False when the source gives no level and the level is our choice.
    #[serde(default = "yes")]
    pub level_confirmed: bool,
    /// Needs earlier sequences to be evaluated (EU "Y").
    pub lifecycle: bool,
    pub criterion: String,
    pub implemented: bool,
    #[serde(default)]
    pub check: Option<String>,
    /// Narrows a check to one file (EU 1.3 is the ICH DTD, 3.3 the EU DTD).
    #[serde(default)]
    pub subject: Option<String>,
    #[serde(default)]
    pub message: Option<String>,
    #[serde(default)]
    pub fix: Option<String>,
    /// `message` and `fix` in 简体中文 and 繁體中文 (what the Chinese interfaces show).
    #[serde(default)]
    pub message_zh_hans: Option<String>,
    #[serde(default)]
    pub fix_zh_hans: Option<String>,
    #[serde(default)]
    pub message_zh_hant: Option<String>,
    #[serde(default)]
    pub fix_zh_hant: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
}

fn yes() -> bool {
    true
}

impl Rule {
    /// Our severity for the region's level.
    pub fn severity(&self) -> Severity {
        level_severity(&self.level).unwrap_or(Severity::Error)
    }

    pub fn applies_to(&self, region: Region) -> bool {
        self.region == "any" || self.region == region.code()
    }
}

fn level_severity(level: &str) -> Option<Severity> {
    Some(match level {
        "P/F" | "High" | "错误" | "error" => Severity::Error,
        "BP" | "Medium" | "警告" | "warning" => Severity::Warning,
        "Low" | "提示" | "info" => Severity::Info,
        _ => return None,
    })
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    region: String,
    source: String,
    rule: Vec<Rule>,
}

/// The loaded catalogue plus every problem found while loading (all at once).
#[derive(Debug, Clone)]
pub struct Catalogue {
    pub rules: Vec<Rule>,
    pub problems: Vec<String>,
}

impl Catalogue {
    /// The catalogue built into the binary.
    pub fn embedded() -> &'static Catalogue {
        static CATALOGUE: std::sync::OnceLock<Catalogue> = std::sync::OnceLock::new();
        CATALOGUE.get_or_init(|| load(&FILES))
    }

    /// The implemented rules of `region` that test `check` (narrowed by `subject` where a rule
    /// names one). `name-chars` stands for both name checks where a region has one rule.
    pub fn rules_for<'a>(&'a self, region: Region, check: &str, subject: Option<&str>) -> Vec<&'a Rule> {
        let find = |check: &str| -> Vec<&'a Rule> {
            self.rules
                .iter()
                .filter(|r| r.implemented && r.applies_to(region) && r.check.as_deref() == Some(check))
                .filter(|r| r.subject.is_none() || r.subject.as_deref() == subject)
                .collect()
        };
        let found = find(check);
        match check {
            _ if !found.is_empty() => found,
            c if c.ends_with("-name-chars") => find("name-chars"),
            // A region without a rule on the form of hrefs still refuses one that leaves the
            // sequence's folders (a backslash or absolute path cannot be followed safely).
            "href-relative" => find("href-outside"),
            // A region without its own well-formedness rule for the regional backbone (NMPA)
            // reports it under the schema-validity rule: not well-formed is not valid either.
            "regional-well-formed" => find("regional-valid"),
            _ => found,
        }
    }

    pub fn get(&self, id: &str, region: Region) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id && r.applies_to(region))
    }

    /// The implemented rules of the Hong Kong bundle (region `hk`) that test `check`.
    pub fn hk_rules_for<'a>(&'a self, check: &str) -> impl Iterator<Item = &'a Rule> {
        self.rules.iter().filter(move |r| r.implemented && r.region == "hk" && r.check.as_deref() == Some(check))
    }

    pub fn region(&self, region: Region) -> impl Iterator<Item = &Rule> {
        self.rules.iter().filter(move |r| r.applies_to(region))
    }
}

/// Parses and checks catalogue files: ids unique per region, levels valid, own rules prefixed
/// `DB-`, implemented rules naming a known check with a message and a fix in English, 简体 and
/// 繁體.
pub fn load(files: &[(&str, &str)]) -> Catalogue {
    let mut rules = Vec::new();
    let mut problems = Vec::new();
    for (name, text) in files {
        let file: File = match toml::from_str(text) {
            Ok(f) => f,
            Err(e) => {
                problems.push(format!("{name}: {e}"));
                continue;
            }
        };
        for mut r in file.rule {
            if r.region.is_empty() {
                r.region.clone_from(&file.region);
            }
            if r.source.is_empty() {
                r.source.clone_from(&file.source);
            }
            problems.extend(check_rule(name, &r));
            rules.push(r);
        }
    }
    for (i, a) in rules.iter().enumerate() {
        if rules[..i].iter().any(|b| b.id == a.id && b.region == a.region) {
            problems.push(format!("rule {} ({}) is listed twice", a.id, a.region));
        }
    }
    Catalogue { rules, problems }
}

fn check_rule(file: &str, r: &Rule) -> Vec<String> {
    let mut p = Vec::new();
    let at = format!("{file}: rule {}", r.id);
    if !["eu", "us", "cn", "any", "hk"].contains(&r.region.as_str()) {
        p.push(format!("{at}: unknown region {:?}", r.region));
    }
    let levels: &[&str] = match r.region.as_str() {
        "eu" => &["P/F", "BP"],
        "us" => &["High", "Medium", "Low"],
        "cn" => &["错误", "警告", "提示"],
        _ => &["error", "warning", "info"],
    };
    if !levels.contains(&r.level.as_str()) {
        p.push(format!("{at}: level {:?} is not one of {levels:?}", r.level));
    }
    // NMPA, "any" and Hong Kong rules have no published numbers available to us: they must be ours.
    if matches!(r.region.as_str(), "cn" | "any" | "hk") && !r.id.starts_with("DB-") {
        p.push(format!("{at}: rules without a published number must use our prefix DB-"));
    }
    if r.id.starts_with("DB-") && !r.criterion.is_empty() && r.region == "us" && !r.criterion.starts_with("Our rule") {
        p.push(format!("{at}: an own rule must say so in its criterion (\"Our rule: …\")"));
    }
    if r.implemented {
        match r.check.as_deref() {
            Some(c) if CHECKS.contains(&c) => {}
            Some(c) => p.push(format!("{at}: check {c:?} is not implemented in code")),
            None => p.push(format!("{at}: implemented but names no check")),
        }
        if r.message.as_deref().is_none_or(str::is_empty) || r.fix.as_deref().is_none_or(str::is_empty) {
            p.push(format!("{at}: implemented rules need a message and a fix"));
        }
        let chinese = [&r.message_zh_hans, &r.fix_zh_hans, &r.message_zh_hant, &r.fix_zh_hant];
        if chinese.iter().any(|t| t.as_deref().is_none_or(str::is_empty)) {
            p.push(format!("{at}: implemented rules need message_zh_hans, fix_zh_hans, message_zh_hant and fix_zh_hant"));
        }
    } else if r.check.is_some() {
        p.push(format!("{at}: names a check but is not marked implemented"));
    }
    p
}
