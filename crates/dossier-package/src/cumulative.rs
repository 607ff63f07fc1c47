//! The cumulative view of an application: what the regulator holds after every sequence sent so
//! far. A leaf is current from the sequence that sent it until a later leaf replaces or deletes
//! it (an `append` adds to its target and leaves it current). The planner compares the next
//! sequence against exactly these leaves.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use dossier_rules::CtdTree;

use crate::plan::{Heading, Operation, PriorLeaf};

/// The leaves of `history` still current, in history order.
pub fn current(history: &[PriorLeaf]) -> impl Iterator<Item = &PriorLeaf> {
    let superseded: HashSet<(&str, &str)> = history
        .iter()
        .filter(|l| matches!(l.operation, Operation::Replace | Operation::Delete))
        .filter_map(|l| l.modifies.as_ref())
        .map(|(s, i)| (s.as_str(), i.as_str()))
        .collect();
    history
        .iter()
        .filter(move |l| l.operation != Operation::Delete && !superseded.contains(&(l.sequence.as_str(), l.id.as_str())))
}

/// One current leaf and how it got there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CumulativeLeaf {
    pub section: String,
    /// The instances of repeated headings it is filed under, and what each names (a substance
    /// and its manufacturer, a dosage form, an indication…).
    pub heading: Heading,
    pub instances: Vec<String>,
    pub title: String,
    pub document: Option<String>,
    /// The sequence that sent the file, and its path from that sequence's folder.
    pub sequence: String,
    pub href: Option<String>,
    /// Each step of its lifecycle, first to last: the `new` and every `replace` since.
    pub lifecycle: Vec<Step>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Step {
    pub sequence: String,
    pub operation: Operation,
}

/// Every current leaf of `history`, in CTD order: Module 1 (the regional headings, numbers
/// compared as numbers: 1.2 before 1.10), then Modules 2–5 in the order of `ctd`; then by title.
pub fn cumulative(history: &[PriorLeaf], ctd: &CtdTree) -> Vec<CumulativeLeaf> {
    let by_id: HashMap<(&str, &str), &PriorLeaf> = history.iter().map(|l| ((l.sequence.as_str(), l.id.as_str()), l)).collect();
    let mut out: Vec<CumulativeLeaf> = current(history)
        .map(|leaf| {
            let mut lifecycle = Vec::new();
            let mut at = Some(leaf);
            let mut seen = HashSet::new();
            while let Some(l) = at.filter(|l| seen.insert((l.sequence.as_str(), l.id.as_str()))) {
                lifecycle.push(Step { sequence: l.sequence.clone(), operation: l.operation });
                // An append's target is another leaf, still current in its own right.
                at = match l.operation {
                    Operation::Replace => l.modifies.as_ref().and_then(|(s, i)| by_id.get(&(s.as_str(), i.as_str())).copied()),
                    _ => None,
                };
            }
            lifecycle.reverse();
            CumulativeLeaf {
                section: leaf.section.clone(),
                heading: leaf.heading.clone(),
                instances: leaf.heading.values().map(|i| i.describe()).collect(),
                title: leaf.title.clone(),
                document: leaf.document.clone(),
                sequence: leaf.sequence.clone(),
                href: leaf.href.clone(),
                lifecycle,
            }
        })
        .collect();
    let order: HashMap<&str, usize> = ctd.nodes().iter().enumerate().map(|(i, n)| (n.code.as_str(), i)).collect();
    out.sort_by(|a, b| sort_key(&order, &a.section).cmp(&sort_key(&order, &b.section)).then_with(|| a.title.cmp(&b.title)));
    out
}

fn sort_key<'a>(order: &HashMap<&str, usize>, section: &'a str) -> (u8, usize, Vec<(u64, &'a str)>) {
    match section.split_once(':') {
        Some((_, code)) => (0, 0, natural(code)),
        None => (1, order.get(section).copied().unwrap_or(usize::MAX), natural(section)),
    }
}

/// `1.10.2` → [1, 10, 2]: numbers compared as numbers.
fn natural(code: &str) -> Vec<(u64, &str)> {
    code.split('.').map(|part| part.parse::<u64>().map_or((u64::MAX, part), |n| (n, ""))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::Backbone;

    fn leaf(sequence: &str, id: &str, section: &str, operation: Operation, modifies: Option<(&str, &str)>) -> PriorLeaf {
        PriorLeaf {
            sequence: sequence.into(),
            id: id.into(),
            backbone: Backbone::Index,
            section: section.into(),
            lineage: format!("lin-{section}"),
            document: Some(format!("doc-{id}")),
            operation,
            href: (operation != Operation::Delete).then(|| format!("m3/{id}.pdf")),
            md5: None,
            title: format!("title {id}"),
            modifies: modifies.map(|(s, i)| (s.into(), i.into())),
            heading: Heading::new(),
        }
    }

    #[test]
    fn a_replaced_leaf_gives_way_a_deleted_one_goes_and_an_appended_one_stays() {
        let history = [
            leaf("0000", "a", "3.2.P.8", Operation::New, None),
            leaf("0000", "b", "3.2.P.2", Operation::New, None),
            leaf("0000", "c", "2.5", Operation::New, None),
            leaf("0000", "d", "eu:1.10", Operation::New, None),
            leaf("0000", "e", "3.2.S.1", Operation::New, None),
            leaf("0000", "f", "eu:1.2", Operation::New, None),
            leaf("0001", "a2", "3.2.P.8", Operation::Replace, Some(("0000", "a"))),
            leaf("0001", "c2", "2.5", Operation::Delete, Some(("0000", "c"))),
            leaf("0002", "a3", "3.2.P.8", Operation::Replace, Some(("0001", "a2"))),
            leaf("0002", "b2", "3.2.P.2", Operation::Append, Some(("0000", "b"))),
        ];
        let view = cumulative(&history, &dossier_rules::Templates::embedded().ctd);
        let shown: Vec<(&str, &str)> = view.iter().map(|l| (l.section.as_str(), l.sequence.as_str())).collect();
        assert_eq!(
            shown,
            [("eu:1.2", "0000"), ("eu:1.10", "0000"), ("3.2.S.1", "0000"), ("3.2.P.2", "0000"), ("3.2.P.2", "0002"), ("3.2.P.8", "0002")],
            "Module 1 first, then the CTD's own order (S before P)"
        );
        let a = view.iter().find(|l| l.section == "3.2.P.8").unwrap();
        let steps: Vec<(&str, Operation)> = a.lifecycle.iter().map(|s| (s.sequence.as_str(), s.operation)).collect();
        assert_eq!(steps, [("0000", Operation::New), ("0001", Operation::Replace), ("0002", Operation::Replace)]);
        assert_eq!(a.href.as_deref(), Some("m3/a3.pdf"));
        assert_eq!(current(&history).count(), 6);
    }

    #[test]
    fn a_lifecycle_that_loops_back_on_itself_ends() {
        let history = [
            leaf("0000", "a", "2.5", Operation::Replace, Some(("0001", "b"))),
            leaf("0001", "b", "2.5", Operation::Replace, Some(("0000", "a"))),
            leaf("0002", "c", "2.5", Operation::Replace, Some(("0001", "b"))),
        ];
        let view = cumulative(&history, &dossier_rules::Templates::embedded().ctd);
        assert_eq!(view.len(), 1);
        assert_eq!(view[0].lifecycle.len(), 3, "each leaf once: {:?}", view[0].lifecycle);
    }
}
