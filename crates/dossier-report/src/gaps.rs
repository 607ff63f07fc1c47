//! The consultant's gap report: one content model ([`GapReport`], which is also the JSON),
//! rendered as a PDF or flattened to CSV, so the three formats can never say different things.

use std::collections::{BTreeMap, BTreeSet};

use dossier_model::{Facts, Severity};
use dossier_rules::{AppAnalysis, Confidence, Matrix, Readiness, RouteResult, Status, Templates, Verdict};
use serde::Serialize;

use crate::data::{Labels, fill, sources};
use crate::doc::{Bar, Block, Doc, Table};
use crate::{FontPaths, Lang, Pdf, Result, fonts, layout, render};

/// What the report is made from: the rules' answers over one project snapshot.
#[derive(Debug, Clone, Copy)]
pub struct GapReportInput<'a> {
    pub templates: &'a Templates,
    pub facts: &'a Facts,
    /// The applications to report on, as `dossier_rules::analyse` returned them.
    pub analyses: &'a [AppAnalysis],
    /// The Hong Kong route verdicts, with the application whose facts were used.
    pub hk_routes: Option<(Option<&'a str>, &'a [RouteResult])>,
    /// The reuse matrix over every application of the project.
    pub matrix: &'a Matrix,
    pub lang: Lang,
    /// The report date (injected: the same input gives the same bytes).
    pub date: time::Date,
    /// The audit trail's newest record when the report was made.
    pub audit_head: Option<&'a AuditHead>,
    /// The verdict of each application's last built sequence, when there is one (the same sum
    /// the build and `dossier validate` give).
    pub builds: &'a [BuildVerdict],
}

/// An application's last built sequence and its validation verdict, as plain counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BuildVerdict {
    pub application: String,
    pub sequence: String,
    pub errors: usize,
    pub warnings: usize,
    pub notes: usize,
    pub rejecting: usize,
    pub would_be_rejected: bool,
}

/// The newest record of the project's audit trail: its hash stands for every record before it,
/// so this line, printed and kept, proves later that the trail up to it was not rewritten.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditHead {
    pub record: i64,
    pub hash: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct GapReport {
    pub language: Lang,
    #[serde(with = "dossier_model::day")]
    pub date: time::Date,
    pub product: Option<ProductSummary>,
    pub applications: Vec<AppSection>,
    pub hk_routes: Option<RouteSection>,
    pub reuse: ReuseSection,
    pub sources: Vec<SourceRow>,
    pub audit_head: Option<AuditHead>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProductSummary {
    pub inn: String,
    pub trade_names: Vec<String>,
    pub applicant: Option<String>,
    pub modality: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct AppSection {
    pub id: String,
    pub title: String,
    pub profile: String,
    /// The profile title in the report language.
    pub profile_title: String,
    pub authority: String,
    /// The route title in the report language.
    pub route: Option<String>,
    pub readiness: Readiness,
    pub errors: usize,
    pub warnings: usize,
    /// Worst first, as the rules sorted them.
    pub findings: Vec<FindingRow>,
    /// The verdict of the last sequence built for it, if any.
    pub last_build: Option<BuildVerdict>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FindingRow {
    pub severity: Severity,
    pub status: Status,
    pub item: String,
    /// The item title in the report language.
    pub item_title: String,
    pub section: Option<String>,
    pub rule: String,
    pub source: String,
    pub confidence: Confidence,
    pub message: String,
    pub action: String,
    pub document: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RouteSection {
    pub application: Option<String>,
    pub routes: Vec<RouteRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RouteRow {
    pub id: String,
    pub title: String,
    pub verdict: Verdict,
    pub summary: String,
    pub source: String,
    pub conditions: Vec<RouteConditionRow>,
    pub missing_documents: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RouteConditionRow {
    pub id: String,
    pub title: String,
    pub met: Option<bool>,
    /// A document the route needs rather than an eligibility test.
    pub document: bool,
    pub evidence: Vec<String>,
    pub fix: String,
    pub source: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReuseSection {
    pub total_documents: usize,
    /// Documents serving two or more applications, most reused first.
    pub rows: Vec<ReuseRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReuseRow {
    pub document: String,
    pub path: String,
    pub doc_type: Option<String>,
    /// Application id → items it serves there.
    pub uses: BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SourceRow {
    /// Catalogue id (`S4`, `A24`), or empty for a source cited in words only.
    pub id: String,
    pub grade: String,
    pub text: String,
    /// Applications (and `hk-route`) whose findings cite it.
    pub cited_by: Vec<String>,
}

/// Source ids in a citation such as "S6, S15, S21, A24" or "ICH M8 … (S63, S87)".
fn source_ids(citation: &str) -> Vec<&str> {
    citation
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|t| t.len() > 1 && (t.starts_with('S') || t.starts_with('A')) && t[1..].chars().all(|c| c.is_ascii_digit()))
        .collect()
}

/// Builds the report's content in `input.lang`.
pub fn gap_report(input: &GapReportInput<'_>) -> Result<GapReport> {
    let lang = input.lang;
    let profiles = &input.templates.profiles;
    let mut cited: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut cite = |source: &str, by: &str| {
        cited.entry(source.to_owned()).or_default().insert(by.to_owned());
    };
    let applications: Vec<AppSection> = input
        .analyses
        .iter()
        .map(|a| {
            let profile = profiles.get(&a.profile);
            let h = profile.map(|p| &p.header);
            let findings: Vec<FindingRow> = a
                .gaps
                .iter()
                .map(|g| {
                    cite(&g.source, &a.application);
                    let item = profile.and_then(|p| p.item(&g.item));
                    let item_title = |id: &str| {
                        profile.and_then(|p| p.item(id)).map(|i| lang.pick(&i.title, i.title_zh_hans.as_deref(), i.title_zh_hant.as_deref()).to_owned())
                    };
                    let type_title = |id: &str| {
                        input.templates.doc_types.get(id).map(|t| lang.pick(&t.title, t.title_zh_hans.as_deref(), t.title_zh_hant.as_deref()).to_owned())
                    };
                    let (message, action) =
                        crate::wording::gap_text(g, lang, &crate::wording::Words { item_title: &item_title, type_title: &type_title });
                    FindingRow {
                        severity: g.severity,
                        status: g.status,
                        item: g.item.clone(),
                        item_title: item.map_or(g.item_title.as_str(), |i| {
                            lang.pick(&i.title, i.title_zh_hans.as_deref(), i.title_zh_hant.as_deref())
                        }).to_owned(),
                        section: g.section.clone(),
                        rule: g.rule.clone(),
                        source: g.source.clone(),
                        confidence: g.confidence,
                        message,
                        action,
                        document: g.document.as_ref().map(ToString::to_string),
                    }
                })
                .collect();
            AppSection {
                id: a.application.clone(),
                title: a.title.clone(),
                profile: a.profile.clone(),
                profile_title: h.map_or(a.profile.clone(), |h| {
                    lang.pick(&h.title, h.title_zh_hans.as_deref(), h.title_zh_hant.as_deref()).to_owned()
                }),
                authority: h.map_or_else(String::new, |h| h.authority.clone()),
                route: a.route.as_deref().map(|r| {
                    profile.and_then(|p| p.route(r)).map_or(r, |r| lang.pick(&r.title, r.title_zh_hans.as_deref(), r.title_zh_hant.as_deref())).to_owned()
                }),
                readiness: a.readiness.clone(),
                errors: findings.iter().filter(|f| f.severity == Severity::Error).count(),
                warnings: findings.iter().filter(|f| f.severity == Severity::Warning).count(),
                findings,
                last_build: input.builds.iter().find(|b| b.application == a.application).cloned(),
            }
        })
        .collect();
    let hk_routes = input.hk_routes.map(|(app, routes)| RouteSection {
        application: app.map(str::to_owned),
        routes: routes
            .iter()
            .map(|r| {
                cite(&r.source, "hk-route");
                RouteRow {
                    id: r.id.clone(),
                    title: lang.pick(&r.title, r.title_zh_hans.as_deref(), r.title_zh_hant.as_deref()).to_owned(),
                    verdict: r.verdict,
                    summary: lang.pick(&r.summary, r.summary_zh_hans.as_deref(), r.summary_zh_hant.as_deref()).to_owned(),
                    source: r.source.clone(),
                    missing_documents: r.missing_documents.clone(),
                    conditions: r
                        .conditions
                        .iter()
                        .map(|c| {
                            cite(&c.source, "hk-route");
                            RouteConditionRow {
                                id: c.id.clone(),
                                title: lang.pick(&c.title, c.title_zh_hans.as_deref(), c.title_zh_hant.as_deref()).to_owned(),
                                met: c.met,
                                document: c.document,
                                evidence: c.evidence.clone(),
                                fix: lang.pick(&c.fix, c.fix_zh_hans.as_deref(), c.fix_zh_hant.as_deref()).to_owned(),
                                source: c.source.clone(),
                            }
                        })
                        .collect(),
                }
            })
            .collect(),
    });
    let shown: BTreeSet<&str> = input.analyses.iter().map(|a| a.application.as_str()).collect();
    let mut rows: Vec<ReuseRow> = input
        .matrix
        .rows
        .iter()
        .filter(|r| r.uses.len() >= 2 && r.uses.keys().any(|a| shown.contains(a.as_str())))
        .map(|r| ReuseRow {
            document: r.document.to_string(),
            path: r.path.clone(),
            doc_type: r.doc_type.clone(),
            uses: r.uses.clone(),
        })
        .collect();
    rows.sort_by(|a, b| b.uses.len().cmp(&a.uses.len()).then_with(|| a.path.cmp(&b.path)));
    let catalogue = sources()?;
    let mut by_id: BTreeMap<(u8, u32, String), SourceRow> = BTreeMap::new();
    for (citation, by) in &cited {
        let ids = source_ids(citation);
        if ids.is_empty() && !citation.trim().is_empty() {
            let row = by_id.entry((2, 0, citation.clone())).or_insert_with(|| SourceRow {
                id: String::new(),
                grade: String::new(),
                text: citation.clone(),
                cited_by: vec![],
            });
            row.cited_by.extend(by.iter().cloned());
        }
        for id in ids {
            let key = (u8::from(id.starts_with('A')), id[1..].parse().unwrap_or(0), id.to_owned());
            let row = by_id.entry(key).or_insert_with(|| {
                let entry = catalogue.iter().find(|s| s.id == id);
                SourceRow {
                    id: id.to_owned(),
                    grade: entry.map(|e| e.grade.clone()).unwrap_or_default(),
                    text: entry.map(|e| e.text.clone()).unwrap_or_default(),
                    cited_by: vec![],
                }
            });
            row.cited_by.extend(by.iter().cloned());
        }
    }
    let sources = by_id
        .into_values()
        .map(|mut r| {
            r.cited_by.sort();
            r.cited_by.dedup();
            r
        })
        .collect();
    Ok(GapReport {
        language: lang,
        date: input.date,
        product: input.facts.product.as_ref().map(|p| ProductSummary {
            inn: p.inn.clone(),
            trade_names: p.trade_names.clone(),
            applicant: p.applicant.clone(),
            modality: p.modality.as_str().to_owned(),
        }),
        applications,
        hk_routes,
        reuse: ReuseSection { total_documents: input.matrix.rows.len(), rows },
        sources,
        audit_head: input.audit_head.cloned(),
    })
}

fn product_name(report: &GapReport) -> String {
    report.product.as_ref().map_or_else(String::new, |p| {
        if p.trade_names.is_empty() { p.inn.clone() } else { format!("{} ({})", p.trade_names.join(" / "), p.inn) }
    })
}

/// The report as a PDF: cover, readiness chart, Hong Kong routes, findings per application,
/// reused documents, sources.
pub fn gap_report_pdf(report: &GapReport, fonts: &FontPaths) -> Result<Pdf> {
    let l = Labels::get(report.language)?;
    let c = l.colon.as_str();
    let mut b: Vec<Block> = Vec::new();
    let product = product_name(report);
    b.push(Block::Title { title: l.report_title.clone(), subtitle: vec![product.clone()] });
    let mut cover = Vec::new();
    if let Some(p) = &report.product {
        cover.push(vec![l.cover_inn.clone(), p.inn.clone()]);
        cover.push(vec![l.cover_trade_names.clone(), p.trade_names.join(" / ")]);
        if let Some(a) = &p.applicant {
            cover.push(vec![l.cover_applicant.clone(), a.clone()]);
        }
        cover.push(vec![l.cover_modality.clone(), Labels::keyed(&l.modality, &p.modality).to_owned()]);
    }
    cover.push(vec![l.cover_date.clone(), crate::iso(report.date)]);
    if let Some(h) = &report.audit_head {
        cover.push(vec![l.cover_audit_head.clone(), fill(&l.audit_head_value, &[("record", h.record.to_string()), ("hash", h.hash.clone())])]);
    }
    cover.push(vec![
        l.cover_applications.clone(),
        report.applications.iter().map(|a| format!("{}{c}{}", a.id, a.profile_title)).collect::<Vec<_>>().join("\n"),
    ]);
    b.push(Block::Table(Table { widths: vec![1.0, 3.0], header: None, rows: cover, first_col_bold: true, right_aligned: vec![] }));
    b.push(Block::Note(l.cover_note.clone()));
    if !l.english_only_note.is_empty() {
        b.push(Block::Note(l.english_only_note.clone()));
    }

    b.push(Block::PageBreak);
    b.push(Block::H1(l.section_readiness.clone()));
    b.push(Block::P(l.readiness_intro.clone()));
    let bars = report
        .applications
        .iter()
        .map(|a| Bar {
            label: format!("{} · {}", a.authority, a.id),
            percent: a.readiness.percent,
            note: fill(&l.readiness_items, &[("satisfied", a.readiness.satisfied.to_string()), ("required", a.readiness.required.to_string())]),
        })
        .collect();
    b.push(Block::Chart { bars, axis_label: l.readiness_axis.clone() });
    let rows = report
        .applications
        .iter()
        .map(|a| vec![format!("{} · {}", a.authority, a.id), a.profile_title.clone(), format!("{}%", a.readiness.percent)])
        .collect();
    b.push(Block::Table(Table { widths: vec![1.2, 4.0, 0.7], header: None, rows, first_col_bold: true, right_aligned: vec![2] }));

    if let Some(hk) = &report.hk_routes {
        b.push(Block::H1(l.section_route.clone()));
        b.push(Block::P(match &hk.application {
            Some(app) => fill(&l.route_facts_of, &[("app", app.clone())]),
            None => l.route_no_application.clone(),
        }));
        for r in &hk.routes {
            let verdict = Labels::keyed(&l.verdict, verdict_key(r.verdict));
            b.push(Block::H2(format!("{}{c}{verdict}", r.title)));
            b.push(Block::P(r.summary.clone()));
            if r.conditions.is_empty() {
                continue;
            }
            let rows = r
                .conditions
                .iter()
                .map(|cond| {
                    let result = match cond.met {
                        Some(true) => &l.met,
                        Some(false) => &l.not_met,
                        None => &l.unknown,
                    };
                    let mut detail: Vec<String> = cond.evidence.clone();
                    if cond.met != Some(true) {
                        detail.push(format!("{}{c}{}", l.to_do, cond.fix));
                    }
                    vec![format!("{}\n[{}]", cond.title, cond.source), result.clone(), detail.join("\n")]
                })
                .collect();
            b.push(Block::Table(Table {
                widths: vec![2.6, 0.8, 3.2],
                header: Some(vec![l.col_condition.clone(), l.col_result.clone(), l.col_evidence_fix.clone()]),
                rows,
                first_col_bold: false,
                right_aligned: vec![],
            }));
            if !r.missing_documents.is_empty() {
                b.push(Block::P(format!("{}{c}{}", l.route_missing_documents, r.missing_documents.join("; "))));
            }
        }
    }

    b.push(Block::H1(l.section_findings.clone()));
    if !l.english_only_note.is_empty() {
        b.push(Block::Note(l.english_only_note.clone()));
    }
    for a in &report.applications {
        b.push(Block::H2(format!("{} · {}{c}{}", a.authority, a.id, a.title)));
        let mut meta = format!("{}{c}{} ({})", l.app_profile, a.profile_title, a.profile);
        if let Some(r) = &a.route {
            meta.push_str(&format!("\n{}{c}{r}", l.app_route));
        }
        b.push(Block::Note(meta));
        b.push(Block::P(fill(
            &l.app_summary,
            &[
                ("percent", a.readiness.percent.to_string()),
                ("satisfied", a.readiness.satisfied.to_string()),
                ("required", a.readiness.required.to_string()),
                ("errors", a.errors.to_string()),
                ("warnings", a.warnings.to_string()),
            ],
        )));
        if let Some(v) = &a.last_build {
            let verdict = if v.would_be_rejected { fill(&l.build_rejected, &[("rejecting", v.rejecting.to_string())]) } else { l.build_accepted.clone() };
            b.push(Block::P(fill(
                &l.app_last_build,
                &[
                    ("sequence", v.sequence.clone()),
                    ("verdict", verdict),
                    ("errors", v.errors.to_string()),
                    ("warnings", v.warnings.to_string()),
                    ("notes", v.notes.to_string()),
                ],
            )));
        }
        if a.findings.is_empty() {
            b.push(Block::P(l.no_findings.clone()));
            continue;
        }
        let rows = a
            .findings
            .iter()
            .map(|f| {
                let mut rule = format!("{}\n{}", f.rule, f.source);
                if f.confidence == Confidence::Unconfirmed {
                    rule.push_str(&format!("\n({})", l.unconfirmed));
                }
                vec![
                    format!(
                        "{}\n{}",
                        Labels::keyed(&l.severity, f.severity.as_str()),
                        Labels::keyed(&l.status, f.status.as_str())
                    ),
                    format!("{}\n{}{}", f.item, f.item_title, f.section.as_deref().map(|s| format!("\n§ {s}")).unwrap_or_default()),
                    format!("{}\n→ {}{c}{}", f.message, l.action, f.action),
                    rule,
                ]
            })
            .collect();
        b.push(Block::Table(Table {
            widths: vec![1.35, 2.0, 4.2, 1.4],
            header: Some(vec![l.col_severity.clone(), l.col_item.clone(), l.col_finding.clone(), l.col_rule_source.clone()]),
            rows,
            first_col_bold: false,
            right_aligned: vec![],
        }));
    }

    b.push(Block::H1(l.section_reuse.clone()));
    if report.reuse.rows.is_empty() {
        b.push(Block::P(l.no_reuse.clone()));
    } else {
        b.push(Block::P(fill(
            &l.reuse_intro,
            &[("reused", report.reuse.rows.len().to_string()), ("total", report.reuse.total_documents.to_string())],
        )));
        let rows = report
            .reuse
            .rows
            .iter()
            .map(|r| {
                let uses = r.uses.iter().map(|(app, items)| format!("{app}: {}", items.join(", "))).collect::<Vec<_>>().join("\n");
                vec![r.path.clone(), r.doc_type.clone().unwrap_or_default(), uses]
            })
            .collect();
        b.push(Block::Table(Table {
            widths: vec![3.6, 1.6, 2.8],
            header: Some(vec![l.col_document.clone(), l.col_type.clone(), l.col_applications.clone()]),
            rows,
            first_col_bold: false,
            right_aligned: vec![],
        }));
    }

    b.push(Block::H1(l.section_sources.clone()));
    b.push(Block::P(l.sources_intro.clone()));
    let rows = report
        .sources
        .iter()
        .map(|s| {
            let text = if s.text.is_empty() { format!("({})", l.source_not_in_catalogue) } else { s.text.clone() };
            let id = if s.grade.is_empty() { s.id.clone() } else { format!("{}\n[{}]", s.id, s.grade) };
            vec![id, text, s.cited_by.join("\n")]
        })
        .collect();
    b.push(Block::Table(Table {
        widths: vec![0.8, 5.0, 1.2],
        header: Some(vec![l.col_id.clone(), l.col_reference.clone(), l.col_cited_by.clone()]),
        rows,
        first_col_bold: true,
        right_aligned: vec![],
    }));

    let author = report.product.as_ref().and_then(|p| p.applicant.clone()).unwrap_or_default();
    let doc = Doc {
        lang: report.language,
        title: format!("{}: {product}", l.report_title),
        header_left: product,
        header_right: l.report_title.clone(),
        author,
        subject: l.report_title.clone(),
        date: report.date,
        blocks: b,
    };
    let fonts = fonts::load(fonts, report.language)?;
    let laid = layout::layout(&fonts, &doc.blocks);
    render::render(&fonts, &doc, &laid, &|n, total| l.page_label(n, total))
}

fn verdict_key(v: Verdict) -> &'static str {
    match v {
        Verdict::Open => "open",
        Verdict::Closed => "closed",
        Verdict::Undecided => "undecided",
        Verdict::NotYetAvailable => "not-yet-available",
    }
}

fn csv_cell(s: &str) -> String {
    // As in the PDF (`render::clean`): no control character or bidi override is written.
    let s = &*dossier_model::text::strip_unsafe_text(s);
    if s.contains([',', '"', '\n', '\r']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s.to_owned() }
}

/// The report as pretty JSON, without control characters or bidi overrides in any string (as
/// the PDF and the CSV).
pub fn gap_report_json(report: &GapReport) -> Vec<u8> {
    fn clean(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::String(s) => *s = dossier_model::text::strip_unsafe_text(s).into_owned(),
            serde_json::Value::Array(items) => items.iter_mut().for_each(clean),
            serde_json::Value::Object(map) => map.values_mut().for_each(clean),
            _ => {}
        }
    }
    let mut value = serde_json::to_value(report).expect("the report serialises");
    clean(&mut value);
    let mut bytes = serde_json::to_vec_pretty(&value).expect("JSON values serialise");
    bytes.push(b'\n');
    bytes
}

/// The report as one CSV table: a `part` column says which section a row belongs to
/// (readiness, route, route-condition, finding, reuse, source).
pub fn gap_report_csv(report: &GapReport) -> String {
    let mut out = String::from("part,application,id,title,value,severity,status,rule,source,detail,action\n");
    let mut row = |cells: [&str; 11]| {
        out.push_str(&cells.iter().map(|c| csv_cell(c)).collect::<Vec<_>>().join(","));
        out.push('\n');
    };
    for a in &report.applications {
        let r = &a.readiness;
        let detail = format!("{} of {} required items satisfied", r.satisfied, r.required);
        row(["readiness", &a.id, &a.profile, &a.profile_title, &r.percent.to_string(), "", "", "", "", &detail, ""]);
    }
    if let Some(hk) = &report.hk_routes {
        let app = hk.application.as_deref().unwrap_or("");
        for r in &hk.routes {
            row(["route", app, &r.id, &r.title, verdict_key(r.verdict), "", "", "", &r.source, &r.summary, ""]);
            for c in &r.conditions {
                let met = match c.met {
                    Some(true) => "met",
                    Some(false) => "not-met",
                    None => "unknown",
                };
                let id = format!("{}/{}", r.id, c.id);
                row(["route-condition", app, &id, &c.title, met, "", "", "", &c.source, &c.evidence.join("; "), &c.fix]);
            }
        }
    }
    for a in &report.applications {
        for f in &a.findings {
            let section = f.section.as_deref().unwrap_or("");
            row([
                "finding", &a.id, &f.item, &f.item_title, section, f.severity.as_str(), f.status.as_str(), &f.rule, &f.source, &f.message,
                &f.action,
            ]);
        }
    }
    for r in &report.reuse.rows {
        let apps = r.uses.keys().cloned().collect::<Vec<_>>().join(" ");
        let detail = r.uses.iter().map(|(a, items)| format!("{a}: {}", items.join(" "))).collect::<Vec<_>>().join("; ");
        row(["reuse", &apps, &r.document, &r.path, r.doc_type.as_deref().unwrap_or(""), "", "", "", "", &detail, ""]);
    }
    for s in &report.sources {
        row(["source", "", &s.id, &s.text, &s.grade, "", "", "", "", &s.cited_by.join(" "), ""]);
    }
    if let Some(h) = &report.audit_head {
        row(["audit-head", "", &h.record.to_string(), "", &h.hash, "", "", "", "", "", ""]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_ids_are_found_in_lists_and_in_prose() {
        assert_eq!(source_ids("S6, S15, S21, A24"), vec!["S6", "S15", "S21", "A24"]);
        assert_eq!(source_ids("ICH M8 eCTD PDF specification (S63, S87)"), vec!["S63", "S87"]);
        assert!(source_ids("ICH M4E 2.7.6 Synopses (authorities.md §5.1)").is_empty());
    }

    #[test]
    fn csv_cells_with_commas_quotes_or_newlines_are_quoted() {
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_cell("plain"), "plain");
    }
}
