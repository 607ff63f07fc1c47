//! Cover letters: one per application, worded by the template in `templates/letters/` for the
//! profile (or its region), filled from the application's facts.
//!
//! A fact the project does not record prints as the template's `missing` text, so the person
//! signing sees what to complete instead of a silently shorter letter.
//!
//! A wording may carry a `[parallel]` version in a second language (Hong Kong: 繁體中文), printed
//! after the first when the facts record a trade name in Chinese characters: without one the
//! Chinese text would have no Chinese name to give the product.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use dossier_model::Facts;
use dossier_rules::{AppSnapshot, Profile};
use serde::Deserialize;

use crate::data::{LETTERS, parse};
use crate::doc::{Block, Doc, Table};
use crate::layout::is_cjk;
use crate::{Error, FontPaths, Lang, Pdf, Result, fonts, layout, render};

/// The wording of one letter; every text may hold `{placeholder}`s (see [`values`]).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct LetterTemplate {
    /// Profile regions this wording serves (`us`, `eu`, `hk`, `cn`).
    #[serde(default)]
    regions: Vec<String>,
    /// Profiles this wording serves; wins over a region match.
    #[serde(default)]
    profiles: Vec<String>,
    language: String,
    /// Why the wording is what it is (kept with the data, not printed).
    #[allow(dead_code)]
    note: String,
    title: String,
    /// `en`: "18 June 2026"; `zh`: "2026年6月18日".
    date_format: String,
    /// The date line under the addressee (`{date}`), empty for none.
    dateline: String,
    addressee: Vec<String>,
    subject: String,
    salutation: String,
    body: Vec<String>,
    details_title: String,
    details: Vec<[String; 2]>,
    closing: String,
    signature: Vec<String>,
    /// Printed for a fact the project does not record.
    missing: String,
    /// Between the items of a list fact (strengths, sites, approvals).
    list_separator: String,
    page: String,
    #[serde(default)]
    parallel: Option<Parallel>,
}

/// The same letter in a second language, printed after the first one's body; the signature and
/// the details table are shared, with this language's labels beside the first's.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Parallel {
    language: String,
    /// Beside the first language's title.
    title: String,
    date_format: String,
    subject: String,
    salutation: String,
    body: Vec<String>,
    closing: String,
    /// Replaces the first language's signature lines (bilingual ones).
    signature: Vec<String>,
    /// Beside the first language's `details_title`.
    details_title: String,
    /// One label per row of the first language's `details`, printed under its label.
    details: Vec<String>,
    missing: String,
    list_separator: String,
}

fn templates() -> Result<&'static Vec<(String, LetterTemplate)>> {
    static ALL: OnceLock<Result<Vec<(String, LetterTemplate)>, String>> = OnceLock::new();
    ALL.get_or_init(|| {
        let mut out = Vec::new();
        let mut files: Vec<_> = LETTERS.files().filter(|f| f.path().extension().is_some_and(|e| e == "toml")).collect();
        files.sort_by_key(|f| f.path());
        for f in files {
            let t: LetterTemplate = parse("letters", f).map_err(|e| e.to_string())?;
            if Lang::parse(&t.language).is_none() {
                return Err(format!("templates/letters/{}: language `{}` is not en, zh-Hans or zh-Hant", f.path().display(), t.language));
            }
            out.push((f.path().display().to_string(), t));
        }
        Ok(out)
    })
    .as_ref()
    .map_err(|e| Error::Template { file: "templates/letters".into(), message: e.clone() })
}

/// The wording for `profile`: a template naming the profile, else one naming its region.
fn template_for(profile: &Profile) -> Result<&'static LetterTemplate> {
    let all = templates()?;
    all.iter()
        .find(|(_, t)| t.profiles.iter().any(|p| p == profile.id()))
        .or_else(|| all.iter().find(|(_, t)| t.regions.contains(&profile.header.region)))
        .map(|(_, t)| t)
        .ok_or_else(|| {
            Error::Input(format!(
                "no cover letter wording for profile `{}` (region `{}`); add a file to templates/letters/",
                profile.id(),
                profile.header.region
            ))
        })
}

/// What a cover letter is made from.
#[derive(Debug, Clone, Copy)]
pub struct LetterInput<'a> {
    pub profile: &'a Profile,
    pub application: &'a AppSnapshot,
    pub facts: &'a Facts,
    /// The letter's date (injected: the same input gives the same bytes).
    pub date: time::Date,
}

fn format_date(d: time::Date, format: &str) -> String {
    const MONTHS: [&str; 12] =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
    match format {
        "zh" => format!("{}年{}月{}日", d.year(), d.month() as u8, d.day()),
        _ => format!("{} {} {}", d.day(), MONTHS[d.month() as usize - 1], d.year()),
    }
}

/// How list facts and dates are written in one language of a letter.
struct Style<'a> {
    lang: Lang,
    date_format: &'a str,
    list_separator: &'a str,
}

fn chinese_trade_name(facts: &Facts) -> Option<&str> {
    facts.product.as_ref().and_then(|p| p.trade_names.iter().find(|n| n.chars().any(is_cjk))).map(String::as_str)
}

/// Placeholder values; `None` is a fact the project does not record.
fn values(input: &LetterInput<'_>, style: &Style<'_>) -> BTreeMap<&'static str, Option<String>> {
    let LetterInput { profile, application: app, facts, date } = *input;
    let Style { lang, date_format, list_separator: sep } = *style;
    let p = facts.product.as_ref();
    let list = |items: Vec<String>| (!items.is_empty()).then(|| items.join(sep));
    let latin_name = p.and_then(|p| p.trade_names.iter().find(|n| !n.chars().any(is_cjk)).cloned());
    let chinese_name = p.and_then(|p| p.trade_names.iter().find(|n| n.chars().any(is_cjk)).cloned());
    let inn = p.map(|p| p.inn.clone());
    let with_inn = |name: Option<String>, open: &str, close: &str| match (name, &inn) {
        (Some(n), Some(i)) => Some(format!("{n}{open}{i}{close}")),
        (n, i) => n.or_else(|| i.clone()),
    };
    let route = app.route.as_deref().and_then(|r| profile.route(r)).map(|r| {
        lang.pick(&r.title, r.title_zh_hans.as_deref(), r.title_zh_hant.as_deref()).to_owned()
    });
    let h = &profile.header;
    let mut v: BTreeMap<&'static str, Option<String>> = BTreeMap::new();
    v.insert("date", Some(format_date(date, date_format)));
    v.insert("authority", Some(h.authority.clone()));
    v.insert("profile_title", Some(lang.pick(&h.title, h.title_zh_hans.as_deref(), h.title_zh_hant.as_deref()).to_owned()));
    v.insert("application_id", Some(app.id.clone()));
    v.insert("application_title", Some(app.title.clone()));
    v.insert("route", route);
    v.insert("target_date", app.target_date.map(|d| format_date(d, date_format)));
    v.insert("product", with_inn(latin_name.clone(), " (", ")"));
    v.insert("product_zh", with_inn(chinese_name.or(latin_name), "（", "）"));
    v.insert("inn", inn.clone());
    v.insert("trade_names", p.and_then(|p| list(p.trade_names.clone())));
    v.insert("dosage_forms", p.and_then(|p| list(p.dosage_forms.clone())));
    v.insert("strengths", p.and_then(|p| list(p.strengths.clone())));
    v.insert("route_of_administration", p.and_then(|p| p.route.clone()));
    v.insert("indications", p.and_then(|p| list(p.indications.clone())));
    v.insert("applicant", p.and_then(|p| p.applicant.clone()));
    v.insert("mah", p.and_then(|p| p.mah.clone()));
    v.insert("atc", p.and_then(|p| p.atc.clone()));
    v.insert(
        "manufacturers",
        p.and_then(|p| list(p.sites.iter().map(|s| format!("{} ({}; {})", s.name, s.role, s.country)).collect())),
    );
    v.insert(
        "reference_approvals",
        list(
            facts
                .approvals
                .iter()
                .map(|a| {
                    let number = a.number.as_deref().map(|n| format!(", {n}")).unwrap_or_default();
                    format!("{} ({}) {}{number}", a.authority, a.country, crate::iso(a.date))
                })
                .collect(),
        ),
    );
    v.insert(
        "studies",
        list(facts.studies.iter().map(|s| format!("{} (phase {}, {} subjects)", s.id, s.phase, s.subjects.total)).collect()),
    );
    v
}

/// Fills `{name}`s; a name the letter code does not know is an error in the template.
fn fill(text: &str, values: &BTreeMap<&'static str, Option<String>>, missing: &str) -> Result<String> {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let Some(len) = rest[start..].find('}') else { break };
        let name = &rest[start + 1..start + len];
        match values.get(name) {
            Some(v) => out.push_str(v.as_deref().unwrap_or(missing)),
            None => {
                return Err(Error::Template {
                    file: "templates/letters".into(),
                    message: format!("unknown placeholder {{{name}}} in \"{text}\"; known: {}", values.keys().cloned().collect::<Vec<_>>().join(", ")),
                });
            }
        }
        rest = &rest[start + len + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// The cover letter of one application, in the language of its profile's wording (and its
/// parallel language where the facts allow).
pub fn cover_letter(input: &LetterInput<'_>, fonts: &FontPaths) -> Result<Pdf> {
    let t = template_for(input.profile)?;
    let lang = Lang::parse(&t.language).unwrap_or_default();
    let v = values(input, &Style { lang, date_format: &t.date_format, list_separator: &t.list_separator });
    let f = |s: &str| fill(s, &v, &t.missing);
    let parallel = t.parallel.as_ref().filter(|_| chinese_trade_name(input.facts).is_some());
    let second = match parallel {
        Some(par) => {
            let lang = Lang::parse(&par.language).ok_or_else(|| Error::Template {
                file: "templates/letters".into(),
                message: format!("[parallel] language `{}` is not en, zh-Hans or zh-Hant", par.language),
            })?;
            if par.details.len() != t.details.len() {
                return Err(Error::Template {
                    file: "templates/letters".into(),
                    message: format!("[parallel] has {} details labels for {} details rows", par.details.len(), t.details.len()),
                });
            }
            Some((par, lang, values(input, &Style { lang, date_format: &par.date_format, list_separator: &par.list_separator })))
        }
        None => None,
    };
    let g = |s: &str| match &second {
        Some((par, _, v2)) => fill(s, v2, &par.missing),
        None => Ok(String::new()),
    };
    let title = f(&t.title)?;
    let full_title = match &second {
        Some((par, ..)) => format!("{title} {}", g(&par.title)?),
        None => title.clone(),
    };
    let mut blocks = vec![Block::Title { title: full_title.clone(), subtitle: vec![] }];
    blocks.push(Block::P(t.addressee.iter().map(|a| f(a)).collect::<Result<Vec<_>>>()?.join("\n")));
    blocks.push(Block::P(f(&t.dateline)?));
    blocks.push(Block::H3(f(&t.subject)?));
    blocks.push(Block::P(f(&t.salutation)?));
    for para in &t.body {
        blocks.push(Block::P(f(para)?));
    }
    blocks.push(Block::P(f(&t.closing)?));
    let signature = match &second {
        Some((par, ..)) => {
            blocks.push(Block::H3(g(&par.subject)?));
            blocks.push(Block::P(g(&par.salutation)?));
            for para in &par.body {
                blocks.push(Block::P(g(para)?));
            }
            blocks.push(Block::P(g(&par.closing)?));
            par.signature.iter().map(|s| g(s)).collect::<Result<_>>()?
        }
        None => t.signature.iter().map(|s| f(s)).collect::<Result<_>>()?,
    };
    blocks.push(Block::Sign(signature));
    blocks.push(Block::Space(10.0));
    let details_title = match &second {
        Some((par, ..)) => format!("{} {}", f(&t.details_title)?, g(&par.details_title)?),
        None => f(&t.details_title)?,
    };
    blocks.push(Block::H2(details_title));
    let rows = t
        .details
        .iter()
        .enumerate()
        .map(|(i, [k, val])| {
            let label = match &second {
                Some((par, ..)) => format!("{} {}", f(k)?, g(&par.details[i])?),
                None => f(k)?,
            };
            Ok(vec![label, f(val)?])
        })
        .collect::<Result<_>>()?;
    // Two-language labels need a wider first column to stay on one line.
    let label_width = if second.is_some() { 1.3 } else { 1.0 };
    blocks.push(Block::Table(Table { widths: vec![label_width, 2.6], header: None, rows, first_col_bold: true, right_aligned: vec![] }));
    let applicant = v["applicant"].clone().unwrap_or_else(|| t.missing.clone());
    let doc = Doc {
        lang,
        title: format!("{full_title}: {}", input.application.title),
        header_left: applicant.clone(),
        header_right: format!("{} · {}", input.profile.header.authority, input.application.id),
        author: applicant,
        subject: f(&t.subject)?,
        date: input.date,
        blocks,
    };
    // Chinese glyphs in the forms of the parallel language (Traditional for Hong Kong); Latin
    // glyphs are the same in every face.
    let fonts = fonts::load(fonts, second.as_ref().map_or(lang, |(_, l, _)| *l))?;
    let laid = layout::layout(&fonts, &doc.blocks);
    let page = t.page.clone();
    render::render(&fonts, &doc, &laid, &|n, total| page.replace("{n}", &n.to_string()).replace("{total}", &total.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_follow_the_letter_language() {
        let d = time::macros::date!(2026 - 06 - 08);
        assert_eq!(format_date(d, "en"), "8 June 2026");
        assert_eq!(format_date(d, "zh"), "2026年6月8日");
    }

    #[test]
    fn every_letter_template_loads() {
        let all = templates().expect("templates/letters parse");
        for region in ["us", "eu", "hk", "cn"] {
            assert!(all.iter().any(|(_, t)| t.regions.iter().any(|r| r == region)), "a letter for region {region}");
        }
        for (file, t) in all {
            if let Some(p) = &t.parallel {
                assert!(Lang::parse(&p.language).is_some(), "{file}: [parallel] language");
                assert_eq!(p.details.len(), t.details.len(), "{file}: one [parallel] label per details row");
            }
        }
    }
}
