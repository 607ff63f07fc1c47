//! The PDF checks of a Hong Kong bundle. Hong Kong publishes no eCTD criteria, so the rules
//! are ours (`DB-HK-PDF-…` in `templates/validation/ours.toml`, region `hk`): every PDF the
//! reviewer must open opens without a password and parses. The PDF reading is the validator's
//! own (`validate::pdf_rules`), so a bundle and a sequence judge one file alike.

use std::collections::BTreeMap;
use std::path::Path;

use crate::validate::catalogue::Catalogue;
use crate::validate::pdf_rules;
use crate::validate::{Problem, RuleStatus, Status, Verdict, Wording};

/// What the checks found in a bundle, in the shape of a sequence's report.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct BundleChecks {
    pub problems: Vec<Problem>,
    pub rules: Vec<RuleStatus>,
}

impl BundleChecks {
    pub fn verdict(&self) -> Verdict {
        Verdict::of(&self.problems, &self.rules)
    }
}

/// Checks every PDF among `files` (paths from the bundle folder `folder`).
pub fn check<'a>(folder: &Path, files: impl IntoIterator<Item = &'a str>) -> BundleChecks {
    let catalogue = Catalogue::embedded();
    let mut statuses: BTreeMap<String, (String, Status, usize)> = catalogue
        .rules
        .iter()
        .filter(|r| r.implemented && r.region == "hk")
        .map(|r| (r.id.clone(), (r.level.clone(), Status::Pass, 0)))
        .collect();
    let mut problems = Vec::new();
    for rel in files.into_iter().filter(|f| f.to_ascii_lowercase().ends_with(".pdf")) {
        for hit in pdf_rules::outside_ectd(folder, rel) {
            for rule in catalogue.hk_rules_for(hit.check) {
                let word = |message: &Option<String>, fix: &Option<String>| {
                    let message = message.clone().unwrap_or_default();
                    Wording {
                        message: if hit.detail.is_empty() { message } else { format!("{message} ({})", hit.detail) },
                        fix: fix.clone().unwrap_or_default(),
                    }
                };
                let en = word(&rule.message, &rule.fix);
                problems.push(Problem {
                    rule: rule.id.clone(),
                    level: rule.level.clone(),
                    severity: rule.severity(),
                    status: hit.status,
                    file: hit.file.clone(),
                    message: en.message,
                    fix: en.fix,
                    zh_hans: word(&rule.message_zh_hans, &rule.fix_zh_hans),
                    zh_hant: word(&rule.message_zh_hant, &rule.fix_zh_hant),
                });
                if let Some(entry) = statuses.get_mut(&rule.id) {
                    entry.1 = entry.1.max(hit.status);
                    entry.2 += 1;
                }
            }
        }
    }
    problems.sort_by(|a, b| b.severity.cmp(&a.severity).then_with(|| a.rule.cmp(&b.rule)).then_with(|| a.file.cmp(&b.file)));
    let rules: Vec<RuleStatus> =
        statuses.into_iter().map(|(rule, (level, status, problems))| RuleStatus { rule, level, status, problems, reason: None }).collect();
    BundleChecks { problems, rules }
}
