//! The Hong Kong route assistant: which evaluation routes are open, and why.
//!
//! A route's conditions are data. Eligibility conditions decide whether the route is open;
//! `document_type_present` conditions are documents the route needs, listed as missing without
//! closing the route (you can be eligible for "1+" and still owe the local expert's report).

use serde::Serialize;
use time::Date;

use crate::profiles::{Check, Confidence, Profile, Route, RouteStatus};
use crate::snapshot::{AppSnapshot, Snapshot};
use crate::Templates;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// Every eligibility condition is met.
    Open,
    /// Some eligibility condition is not met.
    Closed,
    /// Nothing fails, but a fact needed to decide is not recorded.
    Undecided,
    /// Announced or dated in the future.
    NotYetAvailable,
}

#[derive(Debug, Clone, Serialize)]
pub struct ConditionResult {
    pub id: String,
    pub title: String,
    pub title_zh_hans: Option<String>,
    pub title_zh_hant: Option<String>,
    /// `Some(true)` met, `Some(false)` not met, `None` unknown.
    pub met: Option<bool>,
    /// A document the route needs rather than an eligibility test.
    pub document: bool,
    /// What the answer rests on: approvals, studies, documents found.
    pub evidence: Vec<String>,
    pub fix: String,
    pub fix_zh_hans: Option<String>,
    pub fix_zh_hant: Option<String>,
    pub source: String,
    pub confidence: Confidence,
}

#[derive(Debug, Clone, Serialize)]
pub struct RouteResult {
    pub id: String,
    pub title: String,
    pub title_zh_hans: Option<String>,
    pub title_zh_hant: Option<String>,
    pub summary: String,
    pub summary_zh_hans: Option<String>,
    pub summary_zh_hant: Option<String>,
    pub verdict: Verdict,
    pub available_from: Option<String>,
    pub source: String,
    pub confidence: Confidence,
    pub conditions: Vec<ConditionResult>,
    /// Documents still needed on this route.
    pub missing_documents: Vec<String>,
}

/// Evaluates every route of `profile`; `app` supplies application facts when there is one.
pub fn evaluate_routes(templates: &Templates, snapshot: &Snapshot, profile: &Profile, app: Option<&AppSnapshot>) -> Vec<RouteResult> {
    profile.routes.iter().map(|r| evaluate(templates, snapshot, r, app)).collect()
}

fn evaluate(templates: &Templates, snapshot: &Snapshot, route: &Route, app: Option<&AppSnapshot>) -> RouteResult {
    let conditions: Vec<ConditionResult> = route
        .conditions
        .iter()
        .map(|c| {
            let (met, evidence) = check(templates, snapshot, &c.check, app);
            ConditionResult {
                id: c.id.clone(),
                title: c.title.clone(),
                title_zh_hans: c.title_zh_hans.clone(),
                title_zh_hant: c.title_zh_hant.clone(),
                met,
                document: matches!(c.check, Check::DocumentTypePresent(_)),
                evidence,
                fix: c.fix.clone(),
                fix_zh_hans: c.fix_zh_hans.clone(),
                fix_zh_hant: c.fix_zh_hant.clone(),
                source: c.source.clone(),
                confidence: c.confidence,
            }
        })
        .collect();
    let available = route.status == RouteStatus::InForce
        && route.available_from.is_none_or(|d| d <= snapshot.today)
        && route.available_until.is_none_or(|d| d >= snapshot.today);
    let eligibility: Vec<Option<bool>> = conditions.iter().filter(|c| !c.document).map(|c| c.met).collect();
    let verdict = if !available {
        Verdict::NotYetAvailable
    } else if eligibility.contains(&Some(false)) {
        Verdict::Closed
    } else if eligibility.contains(&None) {
        Verdict::Undecided
    } else {
        Verdict::Open
    };
    RouteResult {
        id: route.id.clone(),
        title: route.title.clone(),
        title_zh_hans: route.title_zh_hans.clone(),
        title_zh_hant: route.title_zh_hant.clone(),
        summary: route.summary.clone(),
        summary_zh_hans: route.summary_zh_hans.clone(),
        summary_zh_hant: route.summary_zh_hant.clone(),
        verdict,
        available_from: route.available_from.map(dossier_model::day::format),
        source: route.source.clone(),
        confidence: route.confidence,
        missing_documents: conditions.iter().filter(|c| c.document && c.met == Some(false)).map(|c| c.title.clone()).collect(),
        conditions,
    }
}

fn approved_by_reference(templates: &Templates, authority: &str, country: &str, on: Date) -> bool {
    templates.profiles.reference_countries.iter().any(|rc| {
        (rc.code.eq_ignore_ascii_case(country) || rc.authorities.iter().any(|a| a.eq_ignore_ascii_case(authority)))
            && rc.since.is_none_or(|since| since <= on.max(since))
    })
}

fn check(templates: &Templates, snapshot: &Snapshot, check: &Check, app: Option<&AppSnapshot>) -> (Option<bool>, Vec<String>) {
    let facts = &snapshot.facts;
    match check {
        Check::ReferenceApprovalsAtLeast(n) => {
            let evidence: Vec<String> = facts
                .approvals
                .iter()
                .filter(|a| approved_by_reference(templates, &a.authority, &a.country, snapshot.today))
                .map(|a| {
                    format!(
                        "{} ({}) approval of {}{}",
                        a.authority,
                        a.country,
                        dossier_model::day::format(a.date),
                        a.number.as_deref().map(|n| format!(", {n}")).unwrap_or_default()
                    )
                })
                .collect();
            (Some(evidence.len() as u32 >= *n), evidence)
        }
        Check::ClinicalSubjectsFrom(regions) => {
            let evidence: Vec<String> = facts
                .studies
                .iter()
                .filter_map(|s| {
                    let c = &s.subjects;
                    let parts: Vec<String> = regions
                        .iter()
                        .filter_map(|r| {
                            let n = match r.as_str() {
                                "hong_kong" => c.hong_kong,
                                "mainland_china" => c.mainland_china,
                                "other_asia" => c.other_asia,
                                "us" => c.us,
                                "eu" => c.eu,
                                "rest_of_world" => c.rest_of_world,
                                _ => 0,
                            };
                            (n > 0).then(|| format!("{n} {}", r.replace('_', " ")))
                        })
                        .collect();
                    (!parts.is_empty()).then(|| format!("study {}: {} of {} subjects", s.id, parts.join(", "), c.total))
                })
                .collect();
            (Some(!evidence.is_empty()), evidence)
        }
        Check::DocumentTypePresent(t) => {
            let evidence: Vec<String> = snapshot
                .documents
                .iter()
                .filter(|d| d.classification.doc_type.as_deref() == Some(t))
                .map(|d| d.source_path.clone())
                .collect();
            (Some(!evidence.is_empty()), evidence)
        }
        Check::DesignationAny(list) => {
            let evidence: Vec<String> = facts
                .approvals
                .iter()
                .flat_map(|a| a.designations.iter().filter(|d| list.contains(d)).map(move |d| format!("{d} ({})", a.authority)))
                .collect();
            (Some(!evidence.is_empty()), evidence)
        }
        Check::ModalityIn(list) => match &facts.product {
            Some(p) => (Some(list.iter().any(|m| m == p.modality.as_str())), vec![format!("modality {}", p.modality.as_str())]),
            None => (None, vec![]),
        },
        Check::RegisteredInRegion(expected) => flag(app, "registered_in_region").map_or((None, vec![]), |v| {
            (Some(v == *expected), vec![format!("registered_in_region = {v}")])
        }),
        Check::ApplicationFact(name) => {
            flag(app, name).map_or((None, vec![]), |v| (Some(v), vec![format!("{name} = {v}")]))
        }
    }
}

fn flag(app: Option<&AppSnapshot>, name: &str) -> Option<bool> {
    app.and_then(|a| a.flags.get(name).copied())
}
