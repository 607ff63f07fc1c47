//! Declarative conditions over application facts: when a checklist item applies.
//!
//! Written in templates as TOML inline tables, e.g. `when = { route = ["1plus"] }` or
//! `when = { modality = ["biological"], applicant_in_region = false }`; keys in one table are
//! ANDed, `any` / `all` / `not` nest. Evaluation is three-valued: a fact nobody has stated yet
//! makes the answer unknown, so the user is asked instead of being told something false.

use std::collections::{BTreeMap, BTreeSet};

use toml::Value;

/// Boolean facts a condition may read from the application.
pub const FLAGS: [&str; 5] =
    ["applicant_in_region", "overseas_data_relied_on", "trade_name_used", "paediatric", "registered_in_region"];

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Condition {
    All(Vec<Condition>),
    Any(Vec<Condition>),
    Not(Box<Condition>),
    Route(Vec<String>),
    Modality(Vec<String>),
    Designation(Vec<String>),
    Flag { name: String, value: bool },
}

/// What a condition is evaluated against.
#[derive(Debug, Clone, Default)]
pub struct Context {
    pub route: Option<String>,
    pub modality: Option<String>,
    pub designations: BTreeSet<String>,
    pub flags: BTreeMap<String, bool>,
}

impl Condition {
    /// Parses an inline table; every problem goes to `problems`.
    pub fn parse(value: &Value, problems: &mut Vec<String>) -> Condition {
        let Some(table) = value.as_table() else {
            problems.push(format!("a condition must be a table such as {{ route = [\"1plus\"] }}, not `{value}`"));
            return Condition::All(vec![]);
        };
        let mut parts = Vec::new();
        for (key, v) in table {
            let strings = |v: &Value, problems: &mut Vec<String>| -> Vec<String> {
                match v.as_array() {
                    Some(a) => a.iter().filter_map(|x| x.as_str().map(str::to_owned)).collect(),
                    None => {
                        problems.push(format!("`{key}` takes a list of strings"));
                        vec![]
                    }
                }
            };
            let nested = |v: &Value, problems: &mut Vec<String>| -> Vec<Condition> {
                match v.as_array() {
                    Some(a) => a.iter().map(|c| Condition::parse(c, problems)).collect(),
                    None => {
                        problems.push(format!("`{key}` takes a list of conditions"));
                        vec![]
                    }
                }
            };
            parts.push(match key.as_str() {
                "all" => Condition::All(nested(v, problems)),
                "any" => Condition::Any(nested(v, problems)),
                "not" => Condition::Not(Box::new(Condition::parse(v, problems))),
                "route" => Condition::Route(strings(v, problems)),
                "modality" => {
                    let list = strings(v, problems);
                    for m in &list {
                        if dossier_model::Modality::parse(m).is_none() {
                            problems.push(format!("`{m}` is not a modality"));
                        }
                    }
                    Condition::Modality(list)
                }
                "designation" => Condition::Designation(strings(v, problems)),
                flag if FLAGS.contains(&flag) => match v.as_bool() {
                    Some(value) => Condition::Flag { name: flag.to_owned(), value },
                    None => {
                        problems.push(format!("`{flag}` takes true or false"));
                        Condition::All(vec![])
                    }
                },
                other => {
                    problems.push(format!(
                        "unknown condition key `{other}`; use route, modality, designation, {}, any, all or not",
                        FLAGS.join(", ")
                    ));
                    Condition::All(vec![])
                }
            });
        }
        if parts.len() == 1 { parts.pop().expect("one part") } else { Condition::All(parts) }
    }

    /// `Some(true/false)`, or `None` when a fact it needs is not known yet.
    pub fn eval(&self, cx: &Context) -> Option<bool> {
        match self {
            Condition::All(parts) => {
                let values: Vec<Option<bool>> = parts.iter().map(|c| c.eval(cx)).collect();
                if values.contains(&Some(false)) {
                    Some(false)
                } else if values.contains(&None) {
                    None
                } else {
                    Some(true)
                }
            }
            Condition::Any(parts) => {
                let values: Vec<Option<bool>> = parts.iter().map(|c| c.eval(cx)).collect();
                if values.contains(&Some(true)) {
                    Some(true)
                } else if values.contains(&None) {
                    None
                } else {
                    Some(false)
                }
            }
            Condition::Not(inner) => inner.eval(cx).map(|b| !b),
            Condition::Route(routes) => cx.route.as_ref().map(|r| routes.contains(r)),
            Condition::Modality(list) => cx.modality.as_ref().map(|m| list.contains(m)),
            Condition::Designation(list) => Some(list.iter().any(|d| cx.designations.contains(d))),
            Condition::Flag { name, value } => cx.flags.get(name).map(|v| v == value),
        }
    }

    /// Facts this condition reads that `cx` does not know, for "set X to decide" messages.
    pub fn unknown_facts(&self, cx: &Context) -> Vec<String> {
        let mut out = Vec::new();
        self.collect_unknown(cx, &mut out);
        out.sort();
        out.dedup();
        out
    }

    fn collect_unknown(&self, cx: &Context, out: &mut Vec<String>) {
        match self {
            Condition::All(p) | Condition::Any(p) => p.iter().for_each(|c| c.collect_unknown(cx, out)),
            Condition::Not(c) => c.collect_unknown(cx, out),
            Condition::Route(_) if cx.route.is_none() => out.push("route".into()),
            Condition::Modality(_) if cx.modality.is_none() => out.push("modality (product facts)".into()),
            Condition::Flag { name, .. } if !cx.flags.contains_key(name) => out.push(name.clone()),
            _ => {}
        }
    }

    /// Route ids this condition names, to check them against the profile's routes.
    pub fn routes(&self) -> Vec<&str> {
        match self {
            Condition::All(p) | Condition::Any(p) => p.iter().flat_map(Condition::routes).collect(),
            Condition::Not(c) => c.routes(),
            Condition::Route(r) => r.iter().map(String::as_str).collect(),
            _ => vec![],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Condition {
        let value: toml::Table = toml::from_str(&format!("when = {text}")).unwrap();
        let mut problems = vec![];
        let c = Condition::parse(&value["when"], &mut problems);
        assert!(problems.is_empty(), "{problems:?}");
        c
    }

    #[test]
    fn keys_in_one_table_are_anded() {
        let c = parse("{ modality = [\"biological\"], applicant_in_region = false }");
        let mut cx = Context { modality: Some("biological".into()), ..Context::default() };
        assert_eq!(c.eval(&cx), None, "the applicant's location is not known yet");
        assert_eq!(c.unknown_facts(&cx), ["applicant_in_region"]);
        cx.flags.insert("applicant_in_region".into(), false);
        assert_eq!(c.eval(&cx), Some(true));
        cx.modality = Some("chemical".into());
        assert_eq!(c.eval(&cx), Some(false));
    }

    #[test]
    fn false_wins_over_unknown_and_true_wins_in_any() {
        let cx = Context { route: Some("standard".into()), ..Context::default() };
        assert_eq!(parse("{ route = [\"1plus\"], paediatric = true }").eval(&cx), Some(false));
        assert_eq!(parse("{ any = [{ route = [\"standard\"] }, { paediatric = true }] }").eval(&cx), Some(true));
        assert_eq!(parse("{ not = { route = [\"standard\"] } }").eval(&cx), Some(false));
    }

    #[test]
    fn unknown_keys_are_reported() {
        let value: toml::Table = toml::from_str("when = { colour = [\"red\"] }").unwrap();
        let mut problems = vec![];
        Condition::parse(&value["when"], &mut problems);
        assert!(problems[0].contains("colour"), "{problems:?}");
    }
}
