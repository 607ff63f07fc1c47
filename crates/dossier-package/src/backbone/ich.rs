//! `index.xml` against `ich-ectd-3-2.dtd` (ICH eCTD v3.2.2).

use std::collections::{BTreeMap, HashMap};

use dossier_rules::CtdTree;

use super::{LeafStyle, Xml, write_leaf};
use crate::plan::{Backbone, Instance, PlannedLeaf, SequencePlan};

/// The DTD fixes the xlink namespace as `w3c.org` (sic); real sequences carry that spelling
/// (ectd-rules.md §A.3).
pub const XLINK_DTD_NS: &str = "http://www.w3c.org/1999/xlink";

/// Attributes the ICH DTD declares `#REQUIRED` on repeating headings (besides `ID` handling).
pub fn required_attributes(element: &str) -> &'static [&'static str] {
    match element {
        "m2-3-s-drug-substance" | "m3-2-s-drug-substance" => &["substance", "manufacturer"],
        "m2-7-3-summary-of-clinical-efficacy" | "m5-3-5-reports-of-efficacy-and-safety-studies" => &["indication"],
        _ => &[],
    }
}

pub fn render(plan: &SequencePlan, ctd: &CtdTree, regional_path: &str, regional_md5: &str) -> Vec<u8> {
    let mut xml = Xml::new();
    xml.doctype("ectd:ectd SYSTEM \"util/dtd/ich-ectd-3-2.dtd\"");
    xml.pi("xml-stylesheet type=\"text/xsl\" href=\"util/style/ectd-2-0.xsl\"");
    xml.start(
        "ectd:ectd",
        &[("xmlns:ectd", "http://www.ich.org/ectd"), ("xmlns:xlink", XLINK_DTD_NS), ("dtd-version", "3.2")],
    );
    // Module 1 holds one leaf: the regional backbone, new in every sequence.
    xml.start("m1-administrative-information-and-prescribing-information", &[]);
    let regional = PlannedLeaf {
        id: format!("m1-regional-{}", plan.number),
        backbone: Backbone::Index,
        section: "1".into(),
        lineage: regional_path.into(),
        document: None,
        operation: crate::Operation::New,
        href: Some(regional_path.into()),
        modifies: None,
        md5: Some(regional_md5.into()),
        size: 0,
        blob: None,
        sha256: String::new(),
        title: format!("{} Regional Information", plan.region.title()),
        language: None,
        heading: Default::default(),
    };
    let style = LeafStyle { base: "", backbone_file: "index.xml", checksum_on_delete: true };
    write_leaf(&mut xml, &regional, &style);
    xml.end("m1-administrative-information-and-prescribing-information");

    // Each index leaf's heading path from the root: leaves are grouped level by level, and a
    // repeating heading is written once per instance its leaves sit under.
    let nodes = ctd.nodes();
    let position: HashMap<&str, usize> = nodes.iter().enumerate().map(|(i, n)| (n.code.as_str(), i)).collect();
    let leaves: Vec<&PlannedLeaf> = plan.leaves.iter().filter(|l| l.backbone == Backbone::Index).collect();
    let paths: Vec<Vec<usize>> = leaves
        .iter()
        .map(|l| {
            let mut path = Vec::new();
            let mut current = position.get(l.section.as_str()).copied();
            while let Some(c) = current {
                path.push(c);
                current = nodes[c].parent.as_deref().and_then(|p| position.get(p).copied());
            }
            path.reverse();
            path
        })
        .collect();
    let mut children: HashMap<usize, Vec<usize>> = HashMap::new();
    let mut roots = Vec::new();
    for (i, n) in nodes.iter().enumerate() {
        match n.parent.as_deref().and_then(|p| position.get(p)) {
            Some(&p) => children.entry(p).or_default().push(i),
            None => roots.push(i),
        }
    }
    let ctx = Ctx { nodes, children: &children, leaves: &leaves, paths: &paths, style: &style };
    let all: Vec<usize> = (0..leaves.len()).filter(|&l| !paths[l].is_empty()).collect();
    for r in roots {
        let under: Vec<usize> = all.iter().copied().filter(|&l| paths[l][0] == r).collect();
        if !under.is_empty() {
            ctx.element(&mut xml, r, 0, &under);
        }
    }
    xml.end("ectd:ectd");
    xml.finish()
}

struct Ctx<'a> {
    nodes: &'a [dossier_rules::CtdNode],
    children: &'a HashMap<usize, Vec<usize>>,
    leaves: &'a [&'a PlannedLeaf],
    /// Heading path (tree positions from the root) of each leaf.
    paths: &'a [Vec<usize>],
    style: &'a LeafStyle<'a>,
}

impl Ctx<'_> {
    /// Writes heading `i` (at `depth`) holding `under`, the leaves at or below it: once, or
    /// once per instance when the heading repeats, each with its own DTD attributes.
    fn element(&self, xml: &mut Xml, i: usize, depth: usize, under: &[usize]) {
        let node = &self.nodes[i];
        let mut groups: BTreeMap<Option<&Instance>, Vec<usize>> = BTreeMap::new();
        for &l in under {
            let instance = node.repeat.as_ref().and_then(|k| self.leaves[l].heading.get(k));
            groups.entry(instance).or_default().push(l);
        }
        for (instance, group) in groups {
            let attrs: Vec<(&str, &str)> = instance
                .map(|inst| {
                    inst.attributes
                        .iter()
                        .filter(|(k, _)| attribute_applies(&node.element, k))
                        .map(|(k, v)| (k.as_str(), v.as_str()))
                        .collect()
                })
                .unwrap_or_default();
            xml.start(&node.element, &attrs);
            // Content models are `(leaf*, child?, …)` or `((leaf | node-extension)*)`: leaves first.
            for &l in group.iter().filter(|&&l| self.paths[l].len() == depth + 1) {
                write_leaf(xml, self.leaves[l], self.style);
            }
            for &c in self.children.get(&i).into_iter().flatten() {
                let below: Vec<usize> = group.iter().copied().filter(|&l| self.paths[l].get(depth + 1) == Some(&c)).collect();
                if !below.is_empty() {
                    self.element(xml, c, depth + 1, &below);
                }
            }
            xml.end(&node.element);
        }
    }
}

/// Which instance attributes the DTD declares on a repeating element.
fn attribute_applies(element: &str, attribute: &str) -> bool {
    match element {
        "m2-3-s-drug-substance" | "m3-2-s-drug-substance" => matches!(attribute, "substance" | "manufacturer"),
        "m2-3-p-drug-product" | "m3-2-p-drug-product" => matches!(attribute, "product-name" | "dosageform" | "manufacturer"),
        "m3-2-p-4-control-of-excipients" => attribute == "excipient",
        "m2-7-3-summary-of-clinical-efficacy" | "m5-3-5-reports-of-efficacy-and-safety-studies" => attribute == "indication",
        _ => false,
    }
}
