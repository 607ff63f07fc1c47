//! Product facts, studies and approvals: what the rules need besides documents.
//!
//! The same types are the `facts.toml` a user edits (`dossier facts export` / `import`).
//! Document references (`Study::csr`, `Approval::proof`) hold a document id in the store and
//! either an id or a path relative to the imported folder in a facts file.

use serde::{Deserialize, Serialize};
use time::Date;

/// Everything the facts file carries, in one value.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Facts {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product: Option<Product>,
    #[serde(default, rename = "study", skip_serializing_if = "Vec::is_empty")]
    pub studies: Vec<Study>,
    #[serde(default, rename = "approval", skip_serializing_if = "Vec::is_empty")]
    pub approvals: Vec<Approval>,
    #[serde(default, rename = "document", skip_serializing_if = "Vec::is_empty")]
    pub documents: Vec<DocumentFacts>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Product {
    pub inn: String,
    #[serde(default)]
    pub trade_names: Vec<String>,
    pub modality: Modality,
    #[serde(default)]
    pub dosage_forms: Vec<String>,
    #[serde(default)]
    pub strengths: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub route: Option<String>,
    #[serde(default)]
    pub indications: Vec<String>,
    /// Excipients controlled one by one in 3.2.P.4 (one heading each); empty when 3.2.P.4 is
    /// one section for all of them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub excipients: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applicant: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mah: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub atc: Option<String>,
    #[serde(default, rename = "site", skip_serializing_if = "Vec::is_empty")]
    pub sites: Vec<Site>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Modality {
    #[default]
    Chemical,
    Biological,
    Vaccine,
    AdvancedTherapy,
    /// Traditional Chinese medicine (in Hong Kong regulated under Cap. 549, not Cap. 138).
    Tcm,
}

impl Modality {
    pub const ALL: [Modality; 5] =
        [Modality::Chemical, Modality::Biological, Modality::Vaccine, Modality::AdvancedTherapy, Modality::Tcm];

    pub fn as_str(self) -> &'static str {
        match self {
            Modality::Chemical => "chemical",
            Modality::Biological => "biological",
            Modality::Vaccine => "vaccine",
            Modality::AdvancedTherapy => "advanced-therapy",
            Modality::Tcm => "tcm",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.as_str() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Site {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    pub role: String,
    /// The drug substance (INN) a drug substance manufacturer makes, when the product has
    /// more than one; 3.2.S is repeated per substance and manufacturer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub substance: Option<String>,
}

/// A clinical study and where its subjects came from: the shared clinical data several
/// authorities reuse (Hong Kong "1+" asks for local, Chinese or Asian population data).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Study {
    /// Protocol number, unique within the project.
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    pub phase: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub design: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub indication: Option<String>,
    #[serde(default)]
    pub pivotal: bool,
    /// The clinical study report (document reference).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub csr: Option<String>,
    pub subjects: RegionCounts,
}

/// Subjects by region. `total` may exceed the sum when some regions are not broken down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegionCounts {
    pub total: u32,
    #[serde(default)]
    pub hong_kong: u32,
    #[serde(default)]
    pub mainland_china: u32,
    #[serde(default)]
    pub other_asia: u32,
    #[serde(default)]
    pub us: u32,
    #[serde(default)]
    pub eu: u32,
    #[serde(default)]
    pub rest_of_world: u32,
}

impl RegionCounts {
    pub fn sum_of_regions(&self) -> u64 {
        [self.hong_kong, self.mainland_china, self.other_asia, self.us, self.eu, self.rest_of_world]
            .iter()
            .map(|&n| u64::from(n))
            .sum()
    }

    /// Subjects from Hong Kong, mainland China or elsewhere in Asia.
    pub fn asian(&self) -> u64 {
        u64::from(self.hong_kong) + u64::from(self.mainland_china) + u64::from(self.other_asia)
    }
}

/// A marketing authorisation already granted by some authority.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Approval {
    /// Short code: `NMPA`, `FDA`, `EMA`, `PMDA`…
    pub authority: String,
    /// ISO 3166-1 alpha-2, or `EU` for a centralised authorisation.
    pub country: String,
    #[serde(with = "crate::day")]
    pub date: Date,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub indication: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub designations: Vec<String>,
    /// The approval letter or certificate (document reference).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proof: Option<String>,
}

impl DocumentFacts {
    /// The entry's scope keys as a [`crate::Scope`].
    pub fn scope(&self) -> crate::Scope {
        crate::Scope {
            substance: self.substance.clone(),
            manufacturer: self.manufacturer.clone(),
            dosage_form: self.dosage_form.clone(),
            indication: self.indication.clone(),
            excipient: self.excipient.clone(),
        }
    }
}

/// Metadata a person states about one document; wins over what import guessed.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentFacts {
    /// Document reference: a path relative to the imported folder, or a document id.
    pub path: String,
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub doc_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    #[serde(default, with = "crate::day::option", skip_serializing_if = "Option::is_none")]
    pub issued: Option<Date>,
    #[serde(default, with = "crate::day::option", skip_serializing_if = "Option::is_none")]
    pub expires: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub study: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub translation_of: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    // Which instance of a repeated heading (see `Scope`); plain keys so the file reads
    // `indication = "…"` (serde's flatten cannot be combined with deny_unknown_fields).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub substance: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manufacturer: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dosage_form: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub indication: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub excipient: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_facts_file_round_trips_through_toml() {
        let text = r#"
[product]
inn = "examplinib"
trade_names = ["Examplix", "易普利"]
modality = "chemical"

[[product.site]]
name = "Plant 1"
country = "CN"
role = "drug product manufacturer"

[[study]]
id = "EXP-301"
phase = "3"
pivotal = true
[study.subjects]
total = 10
hong_kong = 2
mainland_china = 3

[[approval]]
authority = "NMPA"
country = "CN"
date = 2025-06-18

[[document]]
path = "a/b.pdf"
type = "gmp-certificate"
expires = 2025-09-30
"#;
        let facts: Facts = toml::from_str(text).expect("the sample shape parses");
        assert_eq!(facts.studies[0].subjects.asian(), 5);
        assert_eq!(facts.product.as_ref().unwrap().sites.len(), 1);
        let again: Facts = toml::from_str(&toml::to_string(&facts).unwrap()).unwrap();
        assert_eq!(again, facts, "export then import gives back the same facts");
    }

    #[test]
    fn unknown_keys_are_rejected_so_typos_do_not_vanish() {
        let err = toml::from_str::<Facts>("[product]\ninn = \"x\"\nmodality = \"chemical\"\ninnn = 1\n");
        assert!(err.is_err(), "a misspelt key must be an error, not silently ignored");
    }
}
