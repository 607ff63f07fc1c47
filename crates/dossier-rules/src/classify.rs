//! A first guess of document type, CTD section and language from a file's path.
//!
//! Evidence, strongest first: an eCTD folder segment (`32p51-spec` is 3.2.P.5.1 whatever the
//! file is called); hints of the type vocabulary found in the file name; the same hints in
//! folder names. The confidence says how much of that evidence agreed, so the user can filter
//! the documents worth a second look.

use crate::Templates;

#[derive(Debug, Clone, PartialEq)]
pub struct Guess {
    pub doc_type: Option<String>,
    pub section: Option<String>,
    /// 0.0 (nothing recognised) to 0.95 (folder and name agree). Only a person gives 1.0.
    pub confidence: f32,
    pub language: Option<String>,
}

/// Words of a path, lowercase, split on separators; CJK runs stay whole.
struct Words {
    /// Tokens of the file name without its extension.
    name: Vec<String>,
    /// The file name as one phrase, separators turned into spaces.
    name_phrase: String,
    /// Tokens of every folder segment.
    folders: Vec<String>,
    folders_phrase: String,
    /// Whole folder segments, for eCTD folder names.
    segments: Vec<String>,
}

fn tokens(s: &str) -> Vec<String> {
    s.split(|c: char| c == '-' || c == '_' || c == '.' || c == ' ' || c == '(' || c == ')' || c == ',')
        .filter(|t| !t.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn words(path: &str) -> Words {
    let lower = path.to_lowercase();
    let mut segments: Vec<&str> = lower.split('/').filter(|s| !s.is_empty()).collect();
    let file = segments.pop().unwrap_or("");
    let stem = file.rsplit_once('.').map_or(file, |(stem, _)| stem);
    let name = tokens(stem);
    let folders: Vec<String> = segments.iter().flat_map(|s| tokens(s)).collect();
    Words {
        name_phrase: format!(" {} ", name.join(" ")),
        folders_phrase: format!(" {} ", folders.join(" ")),
        name,
        folders,
        segments: segments.iter().map(|s| (*s).to_owned()).collect(),
    }
}

/// How strongly `hint` appears in `tokens` / `phrase`: its length in characters, or 0.
fn hint_score(hint: &str, tokens: &[String], phrase: &str) -> usize {
    let normalised: String = hint.chars().map(|c| if c == '-' || c == '_' { ' ' } else { c }).collect();
    let found = if normalised.contains(' ') {
        phrase.contains(&format!(" {normalised} "))
    } else if !hint.is_ascii() {
        // Chinese names have no separators: look for the hint anywhere.
        phrase.contains(hint)
    } else {
        tokens.iter().any(|t| t == hint)
    };
    if found { hint.chars().count().max(3) } else { 0 }
}

pub fn classify(templates: &Templates, path: &str) -> Guess {
    let w = words(path);

    // The deepest eCTD folder segment fixes the section.
    let folder_section = w.segments.iter().rev().find_map(|s| templates.ctd.by_folder(s)).map(|n| n.code.clone());

    // `m1/<region>/…` says which region's Module 1 codes apply.
    let region = w.segments.windows(2).find(|p| p[0] == "m1").map(|p| p[1].clone());

    let mut scored: Vec<(usize, &str)> = templates
        .doc_types
        .all()
        .iter()
        .map(|t| {
            let in_name: usize = t.hints.iter().map(|h| hint_score(h, &w.name, &w.name_phrase)).sum();
            let in_folders: usize = t.hints.iter().map(|h| hint_score(h, &w.folders, &w.folders_phrase)).sum();
            let fits_folder = folder_section.as_ref().is_some_and(|s| t.sections.iter().any(|ts| ts == s));
            (in_name * 3 + in_folders + if fits_folder { 4 } else { 0 }, t.id.as_str())
        })
        .filter(|(score, _)| *score > 0)
        .collect();
    // An eCTD folder outranks words: keep only types that belong there, when any do.
    if let Some(folder) = &folder_section {
        let fits = |id: &str| {
            templates.doc_types.get(id).is_some_and(|t| {
                t.sections.iter().any(|s| templates.ctd.is_within(folder, s) || templates.ctd.is_within(s, folder))
            })
        };
        if scored.iter().any(|(_, id)| fits(id)) {
            scored.retain(|(_, id)| fits(id));
        }
    }
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));

    let best = scored.first().copied();
    let runner_up = scored.get(1).map_or(0, |s| s.0);
    let doc_type = best.map(|(_, id)| templates.doc_types.get(id).expect("scored ids exist"));

    let section = match (&folder_section, doc_type) {
        (Some(s), _) => Some(s.clone()),
        (None, Some(t)) => t.default_section(region.as_deref()),
        (None, None) => None,
    };

    let confidence = match (best, &folder_section) {
        (None, None) => 0.0,
        (None, Some(_)) => 0.3,
        (Some((score, _)), folder) => {
            let agrees = folder.as_ref().is_some_and(|s| doc_type.is_some_and(|t| t.sections.contains(s)));
            let clear_winner = score >= runner_up * 2;
            let strong = score >= 9; // a 3-letter hint in the file name, or more
            match (agrees, strong, clear_winner) {
                (true, true, true) => 0.95,
                (true, _, _) => 0.8,
                (false, true, true) => 0.7,
                (false, true, false) => 0.5,
                (false, false, _) => 0.35,
            }
        }
    };

    Guess {
        doc_type: doc_type.map(|t| t.id.clone()),
        section,
        confidence,
        language: language(&w, path).or_else(|| doc_type.and_then(|t| t.language_hint.clone())),
    }
}

/// What a regional Module 1 heading says about the type of the documents filed under it.
#[derive(Debug, Clone, PartialEq)]
pub enum HeadingType {
    /// One type declares the heading: its documents are of that type.
    One { doc_type: String, confidence: f32 },
    /// Several types declare it (EU 1.3.1 holds the SmPC, the labelling and the leaflet):
    /// the heading alone does not tell which.
    Several(Vec<String>),
    /// No type declares it (US 1.3 administrative information).
    Undeclared,
}

/// Confidence of a type given by the one type that declares the heading: the sender filed
/// the document there; a person has not looked at it.
const HEADING_CONFIDENCE: f32 = 0.9;
/// The same, where the type's declaration rests on a secondary source (`confidence =
/// "unconfirmed"` in `doc-types.toml`).
const HEADING_UNCONFIRMED: f32 = 0.6;
/// Below the API's review threshold (`dossier_api::docs::REVIEW_BELOW`, 0.5): a document on a
/// heading that does not tell its type is listed by `dossier docs list --review`.
const HEADING_UNDECIDED: f32 = 0.4;

/// The type a regional Module 1 heading (`us:1.2`) gives, from the types declaring it in
/// `doc-types.toml`; `None` for an ICH code, whose type the heading does not fix.
pub fn type_for_section(templates: &Templates, section: &str) -> Option<HeadingType> {
    if !section.contains(':') {
        return None;
    }
    Some(match &templates.doc_types.declaring(section)[..] {
        [] => HeadingType::Undeclared,
        [t] => HeadingType::One {
            doc_type: t.id.clone(),
            confidence: if t.confidence.as_deref() == Some("unconfirmed") { HEADING_UNCONFIRMED } else { HEADING_CONFIDENCE },
        },
        several => HeadingType::Several(several.iter().map(|t| t.id.clone()).collect()),
    })
}

/// Sets the type of a document filed under the regional Module 1 heading its classification
/// names, as an import from a backbone does: the heading's one type; where the heading holds
/// several, the guess from the file name when it is one of them, else none; where it holds
/// none, none. Both of the latter are left to a person (a guess below the review threshold).
/// A classification on an ICH heading, or with no section, is left as it is.
pub fn type_from_heading(templates: &Templates, c: &mut dossier_model::Classification) {
    let Some(found) = c.section.as_deref().and_then(|s| type_for_section(templates, s)) else { return };
    match found {
        HeadingType::One { doc_type, confidence } => {
            c.doc_type = Some(doc_type);
            c.confidence = confidence;
        }
        HeadingType::Several(types) => {
            c.doc_type = c.doc_type.take().filter(|t| types.contains(t));
            c.confidence = HEADING_UNDECIDED;
            c.origin = dossier_model::ClassificationOrigin::Guess;
        }
        HeadingType::Undeclared => {
            c.doc_type = None;
            c.confidence = HEADING_UNDECIDED;
            c.origin = dossier_model::ClassificationOrigin::Guess;
        }
    }
}

/// Language from explicit markers in the name, then from the script of the name itself.
fn language(w: &Words, path: &str) -> Option<String> {
    let has = |t: &str| w.name.iter().any(|n| n == t);
    if has("zh-hant") || has("tc") || has("hant") || path.contains("繁") {
        return Some("zh-Hant".into());
    }
    if has("zh") || has("cn") || has("chs") || has("sc") || has("hans") || path.contains("中文") {
        return Some("zh-Hans".into());
    }
    if has("en") || has("eng") || has("english") {
        return Some("en".into());
    }
    let file = path.rsplit('/').next().unwrap_or(path);
    if file.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) {
        return Some("zh-Hans".into());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guess(path: &str) -> Guess {
        classify(Templates::embedded(), path)
    }

    #[test]
    fn an_ectd_folder_fixes_the_section_whatever_the_name() {
        let g = guess("m3/32-body-data/32p-drug-prod/product-1/32p5-contr-drug-prod/32p51-spec/specification.pdf");
        assert_eq!(g.section.as_deref(), Some("3.2.P.5.1"));
        assert!(g.confidence >= 0.8, "folder and name agree: {g:?}");
    }

    #[test]
    fn common_company_names_are_recognised() {
        for (path, expected) in [
            ("company-files/CPP_NMPA_examplinib.pdf", "cpp"),
            ("company-files/GMP certificate Shenzhen site.pdf", "gmp-certificate"),
            ("company-files/package-insert-en.pdf", "package-insert"),
            ("x/examplinib-csr-exp-301.pdf", "clinical-study-report"),
        ] {
            let g = guess(path);
            assert_eq!(g.doc_type.as_deref(), Some(expected), "{path}: {g:?}");
            assert!(g.confidence >= 0.5, "{path}: {g:?}");
        }
    }

    #[test]
    fn chinese_names_are_recognised_and_marked_chinese() {
        let g = guess("company-files/说明书-中文.pdf");
        assert_eq!(g.doc_type.as_deref(), Some("package-insert"), "{g:?}");
        assert_eq!(g.language.as_deref(), Some("zh-Hans"));
    }

    #[test]
    fn a_regional_module_1_folder_picks_that_regions_code() {
        let g = guess("m1/eu/10-cover/ema/cover-letter-ema.pdf");
        assert_eq!(g.doc_type.as_deref(), Some("cover-letter"));
        assert!(g.section.as_deref().is_some_and(|s| s.starts_with("eu:")), "{g:?}");
    }

    #[test]
    fn the_folder_decides_between_substance_and_product_types() {
        let g = guess("m3/32-body-data/32s-drug-sub/substance-1-manufacturer-1/32s4-contr-drug-sub/32s42-analyt-proc/analytical-procedures-ds.pdf");
        assert_eq!(g.section.as_deref(), Some("3.2.S.4.2"));
        assert!(g.doc_type.as_deref().is_some_and(|t| t.contains("substance")), "{g:?}");
    }

    #[test]
    fn an_unrecognisable_name_gets_no_type_and_no_confidence() {
        let g = guess("misc/scan0001.pdf");
        assert_eq!((g.doc_type, g.confidence), (None, 0.0));
    }

    fn on(section: &str, guessed: Option<&str>) -> dossier_model::Classification {
        let mut c = dossier_model::Classification {
            doc_type: guessed.map(str::to_owned),
            section: Some(section.to_owned()),
            confidence: 0.95,
            origin: dossier_model::ClassificationOrigin::Facts,
        };
        type_from_heading(Templates::embedded(), &mut c);
        c
    }

    #[test]
    fn the_us_cover_letter_heading_gives_the_cover_letter_type() {
        let c = on("us:1.2", None);
        assert_eq!(c.doc_type.as_deref(), Some("cover-letter"), "{c:?}");
        assert!(c.confidence >= 0.5, "a declared heading is not a guess to review: {c:?}");
    }

    #[test]
    fn a_heading_several_types_declare_gives_no_type_and_asks_for_a_review() {
        let types = match type_for_section(Templates::embedded(), "eu:1.3.1") {
            Some(HeadingType::Several(t)) => t,
            other => panic!("EU 1.3.1 holds the SmPC, the labelling and the leaflet: {other:?}"),
        };
        assert!(types.len() > 1 && types.contains(&"smpc".to_owned()), "{types:?}");
        let c = on("eu:1.3.1", Some("cover-letter"));
        assert_eq!(c.doc_type, None, "a name guess the heading does not hold is dropped: {c:?}");
        assert!(c.origin == dossier_model::ClassificationOrigin::Guess && c.confidence < 0.5, "flagged for review: {c:?}");
        let c = on("eu:1.3.1", Some("smpc"));
        assert_eq!(c.doc_type.as_deref(), Some("smpc"), "a name guess among the heading's types is kept: {c:?}");
        assert!(c.confidence < 0.5, "yet still flagged for review: {c:?}");
    }

    #[test]
    fn a_heading_no_type_declares_leaves_the_document_untyped_for_review() {
        let c = on("us:1.3", Some("cover-letter"));
        assert_eq!(c.doc_type, None, "{c:?}");
        assert!(c.origin == dossier_model::ClassificationOrigin::Guess && c.confidence < 0.5, "{c:?}");
        assert_eq!(c.section.as_deref(), Some("us:1.3"), "the backbone's section stays");
    }

    #[test]
    fn an_ich_heading_keeps_its_guess() {
        let c = on("3.2.P.5.1", Some("drug-product-specification"));
        assert_eq!((c.doc_type.as_deref(), c.confidence), (Some("drug-product-specification"), 0.95));
    }

    #[test]
    fn language_markers_in_the_name_win() {
        assert_eq!(guess("a/label-en.pdf").language.as_deref(), Some("en"));
        assert_eq!(guess("a/label-zh-hant.pdf").language.as_deref(), Some("zh-Hant"));
    }
}
