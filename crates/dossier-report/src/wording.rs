//! Gap messages and actions in the report's language. The rules write every gap in English and
//! also say what kind of message it is (`code`, `action_code`) with the values it was written
//! from (`params`); the Chinese reports word it from those with the message catalogue the
//! desktop app uses (`ui/src/lib/i18n/*.json`: one catalogue, two readers, so the report and the
//! screen never say different things). English keeps the rules' own text. Mirrors
//! `ui/src/lib/gap-text.ts`.

use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

use dossier_rules::Gap;

use crate::Lang;

const ZH_HANS: &str = include_str!("../../../ui/src/lib/i18n/zh-Hans.json");
const ZH_HANT: &str = include_str!("../../../ui/src/lib/i18n/zh-Hant.json");

fn catalogue(lang: Lang) -> Option<&'static HashMap<String, String>> {
    static HANS: OnceLock<HashMap<String, String>> = OnceLock::new();
    static HANT: OnceLock<HashMap<String, String>> = OnceLock::new();
    let (cell, text) = match lang {
        Lang::En => return None,
        Lang::ZhHans => (&HANS, ZH_HANS),
        Lang::ZhHant => (&HANT, ZH_HANT),
    };
    // A malformed catalogue is caught by the UI's own tests and by this crate's; an empty map
    // then only means the English text is shown.
    Some(cell.get_or_init(|| serde_json::from_str(text).unwrap_or_default()))
}

/// `{name}` replaced by its value; an unknown name stays as written (as the UI's `format`).
fn format(text: &str, params: &BTreeMap<String, String>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) if after[..close].chars().all(|c| c.is_alphanumeric() || c == '_') => {
                let name = &after[..close];
                match params.get(name) {
                    Some(v) => out.push_str(v),
                    None => out.push_str(&rest[open..open + close + 2]),
                }
                rest = &after[close + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Titles the catalogue cannot know: checklist items and document types in the report's language.
pub(crate) struct Words<'a> {
    pub item_title: &'a dyn Fn(&str) -> Option<String>,
    pub type_title: &'a dyn Fn(&str) -> Option<String>,
}

/// The gap's message and action in `lang`.
pub(crate) fn gap_text(gap: &Gap, lang: Lang, words: &Words<'_>) -> (String, String) {
    let Some(m) = catalogue(lang) else { return (gap.message.clone(), gap.action.clone()) };
    let look = |key: String| m.get(&key).map(String::as_str);
    let mut params = gap.params.clone();
    if let Some(item) = params.get_mut("item") {
        *item = (words.item_title)(item).unwrap_or_else(|| gap.item_title.clone());
    }
    if let Some(c) = params.get_mut("companion") {
        if let Some(t) = (words.type_title)(c) {
            *c = t;
        }
    }
    for key in ["have", "need"] {
        if let Some(v) = params.get_mut(key) {
            *v = v.split('+').map(|l| look(format!("lang.{}", l.trim())).unwrap_or(l).to_owned()).collect::<Vec<_>>().join("+");
        }
    }
    if let Some(v) = params.get_mut("facts") {
        *v = v.split(", ").map(|f| look(format!("fact.{f}")).unwrap_or(f).to_owned()).collect::<Vec<_>>().join("、");
    }
    if let Some(v) = params.get_mut("field") {
        if let Some(label) = look(format!("scope.field.{v}")) {
            *v = label.to_owned();
        }
    }
    let message = look(format!("gapmsg.{}", gap.code)).map_or_else(|| gap.message.clone(), |t| format(t, &params));
    let local = match lang {
        Lang::ZhHans => gap.action_zh_hans.clone(),
        Lang::ZhHant => gap.action_zh_hant.clone(),
        Lang::En => None,
    };
    if let Some(generated) = gap.action_code.as_ref().and_then(|c| look(format!("gapact.{c}"))) {
        let mut action = format(generated, &params);
        if gap.action_code.as_deref() == Some("record-facts") {
            if let Some(l) = &local {
                action = format!("{action}；{l}");
            }
        }
        return (message, action);
    }
    if let Some(l) = local.clone().filter(|_| gap.status == dossier_rules::Status::Missing) {
        return (message, l);
    }
    let status = serde_json::to_value(gap.status).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
    let action = match (look(format!("gapact.status.{status}")), local) {
        (Some(step), Some(l)) => format!("{}；{l}", format(step, &params)),
        (Some(step), None) => format!("{}（{}）", format(step, &params), gap.action),
        (None, Some(l)) => l,
        (None, None) => gap.action.clone(),
    };
    (message, action)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_filled_and_unknown_ones_kept() {
        let p: BTreeMap<String, String> = [("path".to_owned(), "a.pdf".to_owned())].into();
        assert_eq!(format("{path} 已于 {day} 过期", &p), "a.pdf 已于 {day} 过期");
        assert_eq!(format("no {braces here", &p), "no {braces here");
    }

    #[test]
    fn both_catalogues_parse_and_word_every_gap_code() {
        for lang in [Lang::ZhHans, Lang::ZhHant] {
            let m = catalogue(lang).unwrap();
            for code in
                ["missing", "undecided", "expired", "expiring", "wrong-language", "no-translation", "companion", "instance-unstated", "instance-unknown"]
            {
                assert!(m.contains_key(&format!("gapmsg.{code}")), "{lang:?} words gap code {code}");
            }
        }
    }
}
