//! `index.xml` against `ich-ectd-3-2.dtd` (ICH eCTD v3.2.2).

use std::collections::HashMap;

use dossier_rules::CtdTree;

use super::{LeafStyle, Xml, write_leaf};
use crate::plan::{Backbone, PlannedLeaf, SequencePlan};

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
        title: format!("{} Regional Information", plan.region.title()),
        language: None,
    };
    let style = LeafStyle { base: "", backbone_file: "index.xml", checksum_on_delete: true };
    write_leaf(&mut xml, &regional, &style);
    xml.end("m1-administrative-information-and-prescribing-information");

    let mut by_code: HashMap<&str, Vec<&PlannedLeaf>> = HashMap::new();
    for leaf in plan.leaves.iter().filter(|l| l.backbone == Backbone::Index) {
        by_code.entry(leaf.section.as_str()).or_default().push(leaf);
    }
    let nodes = ctd.nodes();
    let mut children: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut roots = Vec::new();
    for (i, n) in nodes.iter().enumerate() {
        match &n.parent {
            Some(p) => children.entry(p.as_str()).or_default().push(i),
            None => roots.push(i),
        }
    }
    let mut used = vec![false; nodes.len()];
    for (i, n) in nodes.iter().enumerate() {
        if by_code.contains_key(n.code.as_str()) {
            let mut current = Some(i);
            while let Some(c) = current {
                used[c] = true;
                current = nodes[c].parent.as_deref().and_then(|p| nodes.iter().position(|x| x.code == p));
            }
        }
    }
    let ctx = Ctx { plan, nodes, children: &children, by_code: &by_code, used: &used, style: &style };
    for r in roots {
        if used[r] {
            ctx.heading(&mut xml, r);
        }
    }
    xml.end("ectd:ectd");
    xml.finish()
}

struct Ctx<'a> {
    plan: &'a SequencePlan,
    nodes: &'a [dossier_rules::CtdNode],
    children: &'a HashMap<&'a str, Vec<usize>>,
    by_code: &'a HashMap<&'a str, Vec<&'a PlannedLeaf>>,
    used: &'a [bool],
    style: &'a LeafStyle<'a>,
}

impl Ctx<'_> {
    fn heading(&self, xml: &mut Xml, i: usize) {
        let node = &self.nodes[i];
        let attrs: Vec<(&str, &str)> = match node.repeat.as_ref().and_then(|k| self.plan.instances.get(k)) {
            Some(inst) => inst
                .attributes
                .iter()
                .filter(|(k, _)| attribute_applies(&node.element, k))
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect(),
            None => Vec::new(),
        };
        xml.start(&node.element, &attrs);
        // Content models are `(leaf*, child?, …)` or `((leaf | node-extension)*)`: leaves first.
        for leaf in self.by_code.get(node.code.as_str()).into_iter().flatten() {
            write_leaf(xml, leaf, self.style);
        }
        for &c in self.children.get(node.code.as_str()).into_iter().flatten() {
            if self.used[c] {
                self.heading(xml, c);
            }
        }
        xml.end(&node.element);
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
