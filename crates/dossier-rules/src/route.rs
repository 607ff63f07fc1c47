//! The Hong Kong route assistant: which evaluation routes are open, and why.
//!
//! A route's conditions are data. Eligibility conditions decide whether the route is open;
//! `document_type_present` conditions are documents the route needs, listed as missing without
//! closing the route (you can be eligible for "1+" and still owe the local expert's report).

use std::collections::BTreeMap;

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
    /// What the answer rests on: approvals, studies, documents found (English).
    pub evidence: Vec<String>,
    /// The same lines, each with a code and the values it was written from, so that a UI words
    /// them in its own language and falls back to the English `text`.
    pub evidence_codes: Vec<Evidence>,
    pub fix: String,
    pub fix_zh_hans: Option<String>,
    pub fix_zh_hant: Option<String>,
    pub source: String,
    pub confidence: Confidence,
}

/// One line of evidence. Codes: `reference-approval` (authority, country, date, number),
/// `clinical-subjects` (study, total, regions = the region keys in order, and one count per
/// region key), `document` (path), `designation` (designation, authority), `modality`
/// (modality), `fact` (fact, value = `true`/`false`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evidence {
    pub code: String,
    pub params: BTreeMap<String, String>,
    pub text: String,
}

fn evidence<const N: usize>(code: &str, text: String, pairs: [(&str, String); N]) -> Evidence {
    Evidence { code: code.into(), params: pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect(), text }
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
            let (met, lines) = check(templates, snapshot, &c.check, app);
            ConditionResult {
                id: c.id.clone(),
                title: c.title.clone(),
                title_zh_hans: c.title_zh_hans.clone(),
                title_zh_hant: c.title_zh_hant.clone(),
                met,
                document: matches!(c.check, Check::DocumentTypePresent(_)),
                evidence: lines.iter().map(|e| e.text.clone()).collect(),
                evidence_codes: lines,
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

fn check(templates: &Templates, snapshot: &Snapshot, check: &Check, app: Option<&AppSnapshot>) -> (Option<bool>, Vec<Evidence>) {
    let facts = &snapshot.facts;
    match check {
        Check::ReferenceApprovalsAtLeast(n) => {
            let lines: Vec<Evidence> = facts
                .approvals
                .iter()
                .filter(|a| approved_by_reference(templates, &a.authority, &a.country, snapshot.today))
                .map(|a| {
                    let date = dossier_model::day::format(a.date);
                    let number = a.number.clone().unwrap_or_default();
                    let text = format!(
                        "{} ({}) approval of {date}{}",
                        a.authority,
                        a.country,
                        a.number.as_deref().map(|n| format!(", {n}")).unwrap_or_default()
                    );
                    evidence(
                        "reference-approval",
                        text,
                        [("authority", a.authority.clone()), ("country", a.country.clone()), ("date", date), ("number", number)],
                    )
                })
                .collect();
            (Some(lines.len() as u32 >= *n), lines)
        }
        Check::ClinicalSubjectsFrom(regions) => {
            let lines: Vec<Evidence> = facts
                .studies
                .iter()
                .filter_map(|s| {
                    let c = &s.subjects;
                    let counts: Vec<(&str, u32)> = regions
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
                            (n > 0).then_some((r.as_str(), n))
                        })
                        .collect();
                    if counts.is_empty() {
                        return None;
                    }
                    let parts: Vec<String> = counts.iter().map(|(r, n)| format!("{n} {}", r.replace('_', " "))).collect();
                    let mut line = evidence(
                        "clinical-subjects",
                        format!("study {}: {} of {} subjects", s.id, parts.join(", "), c.total),
                        [
                            ("study", s.id.clone()),
                            ("total", c.total.to_string()),
                            ("regions", counts.iter().map(|(r, _)| *r).collect::<Vec<_>>().join(",")),
                        ],
                    );
                    line.params.extend(counts.iter().map(|(r, n)| ((*r).to_owned(), n.to_string())));
                    Some(line)
                })
                .collect();
            (Some(!lines.is_empty()), lines)
        }
        Check::DocumentTypePresent(t) => {
            let lines: Vec<Evidence> = snapshot
                .documents
                .iter()
                .filter(|d| d.classification.doc_type.as_deref() == Some(t))
                .map(|d| evidence("document", d.source_path.clone(), [("path", d.source_path.clone())]))
                .collect();
            (Some(!lines.is_empty()), lines)
        }
        Check::DesignationAny(list) => {
            let lines: Vec<Evidence> = facts
                .approvals
                .iter()
                .flat_map(|a| {
                    a.designations.iter().filter(|d| list.contains(d)).map(move |d| {
                        evidence("designation", format!("{d} ({})", a.authority), [("designation", d.clone()), ("authority", a.authority.clone())])
                    })
                })
                .collect();
            (Some(!lines.is_empty()), lines)
        }
        Check::ModalityIn(list) => match &facts.product {
            Some(p) => {
                let m = p.modality.as_str();
                (Some(list.iter().any(|x| x == m)), vec![evidence("modality", format!("modality {m}"), [("modality", m.to_owned())])])
            }
            None => (None, vec![]),
        },
        Check::RegisteredInRegion(expected) => fact(app, "registered_in_region").map_or((None, vec![]), |(v, line)| (Some(v == *expected), vec![line])),
        Check::ApplicationFact(name) => fact(app, name).map_or((None, vec![]), |(v, line)| (Some(v), vec![line])),
    }
}

/// An application fact and the evidence line that shows it.
fn fact(app: Option<&AppSnapshot>, name: &str) -> Option<(bool, Evidence)> {
    flag(app, name).map(|v| (v, evidence("fact", format!("{name} = {v}"), [("fact", name.to_owned()), ("value", v.to_string())])))
}

fn flag(app: Option<&AppSnapshot>, name: &str) -> Option<bool> {
    app.and_then(|a| a.flags.get(name).copied())
}
