//! What a regional backbone says about the filing: the application facts that go into the
//! `eu-envelope`, the `cn-envelope` and the FDA `admin` block.
//!
//! These are stored per application (as JSON in the store, edited by people as TOML) and given
//! to the planner; the planner fills in what follows from the sequence itself (its number, the
//! related sequence). Controlled-vocabulary values are checked by the DTD/XSD validators and
//! by [`crate::validate`].

use serde::{Deserialize, Serialize};

/// The envelope facts of one application. Only the part for the application's region is used.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Envelope {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eu: Option<EuEnvelope>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cn: Option<CnEnvelope>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub us: Option<UsEnvelope>,
}

/// EU M1 v3.1.1 `envelope` (addendum §3c). Values are the DTD's closed lists.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EuEnvelope {
    /// X.667 UUID of the application, the same in every sequence (VC 9.7–9.9). Generated at the
    /// first build when empty, then kept.
    #[serde(default)]
    pub identifier: String,
    /// `ema` for the centralised procedure (VC 14.1), a member state code otherwise.
    pub country: String,
    /// `EU-EMA`, `DE-BFARM`, …
    pub agency: String,
    /// `centralised` | `national` | `mutual-recognition` | `decentralised`.
    pub procedure: String,
    /// `maa`, `var-type2`, … (`none` for `reformat`).
    pub submission_type: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub submission_mode: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub submission_number: Option<String>,
    /// Procedure tracking numbers; "to be advised" until EMA allocates one.
    pub tracking_numbers: Vec<String>,
    /// `initial`, `response`, … for the next sequence.
    pub submission_unit: String,
    pub applicant: String,
    pub invented_names: Vec<String>,
    #[serde(default)]
    pub inns: Vec<String>,
    /// The sequence this one relates to; empty = the planner decides (own number for
    /// `initial`/`reformat`, else the first sequence, VC 14.6/14.7).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub related_sequence: Option<String>,
    pub description: String,
}

/// NMPA `cn-envelope` (XSD 1.0, ten ordered children). Codes are CV codes such as `cnapt2`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CnEnvelope {
    pub application_id: String,
    pub application_type: CvCode,
    pub product_type: CvCode,
    pub product_number: String,
    pub regulatory_activity_type: CvCode,
    /// `cnsqt1` 首次提交 for the first sequence; `cnsqt2` 回复, `cnsqt3` 撤回 …
    pub sequence_type: CvCode,
    pub description: String,
    pub contact_name: String,
    pub contact_phone: String,
    pub contact_email: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub related_sequence: Option<String>,
}

/// A controlled-vocabulary code with its optional vocabulary version (`code="cnapt2" version="1.1"`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CvCode {
    pub code: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
}

/// FDA M1 v3.3 `admin` block (authorities.md §3.2). Codes are FDA CV codes (`fdaat…`, `fdast…`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UsEnvelope {
    /// DUNS number of the applicant.
    pub applicant_id: String,
    pub company_name: String,
    pub description: String,
    pub contact_name: String,
    /// `fdaact…` contact type code.
    pub contact_type: String,
    pub contact_phone: String,
    /// `fdatnt…` telephone type code.
    pub phone_type: String,
    pub contact_email: String,
    pub application_number: String,
    /// `fdaat…` application type code (NDA, BLA, IND…).
    pub application_type: String,
    /// `fdast…` submission type code.
    pub submission_type: String,
    /// `fdasst…` submission sub-type code.
    pub submission_sub_type: String,
    /// The submission id (the sequence number of the first sequence of this regulatory activity).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub submission_id: Option<String>,
}
