//! The PDF checks of a Hong Kong bundle. Hong Kong publishes no eCTD criteria, so the rules
//! are ours (`DB-HK-PDF-…` in `templates/validation/ours.toml`, region `hk`): every PDF the
//! reviewer must open opens without a password and parses. The PDF reading is the validator's
//! own (`validate::pdf_rules`), so a bundle and a sequence judge one file alike.

use std::collections::BTreeMap;
use std::path::Path;

use crate::validate::catalogue::Catalogue;
use crate::validate::pdf_rules;
use crate::validate::{Problem, RuleStatus, Tally, Verdict};

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
    let mut tally = Tally::new(catalogue.rules.iter().filter(|r| r.region == "hk"));
    for rel in files.into_iter().filter(|f| f.to_ascii_lowercase().ends_with(".pdf")) {
        for hit in pdf_rules::outside_ectd(folder, rel) {
            for rule in catalogue.hk_rules_for(hit.check) {
                tally.add(&hit, rule);
            }
        }
    }
    let (problems, rules) = tally.finish(BTreeMap::new());
    BundleChecks { problems, rules }
}
