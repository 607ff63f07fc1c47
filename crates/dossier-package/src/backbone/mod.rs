//! Rendering a [`crate::SequencePlan`] as backbone XML: `index.xml` ([`ich`]) and the regional
//! Module 1 backbones ([`eu`], [`cn`], [`us`]). Pure: plan in, bytes out.
//!
//! Every user string goes through quick-xml's escaping (attributes and text), after removing
//! the characters XML 1.0 cannot carry at all.

pub mod cn;
pub mod eu;
pub mod ich;
pub mod us;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesPI, BytesStart, BytesText, Event};

use crate::plan::{Backbone, PlannedLeaf, SequencePlan};
use crate::{Region, util};

/// The backbone files of one sequence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub index_xml: Vec<u8>,
    /// Path from the sequence folder and bytes of the regional backbone.
    pub regional_path: String,
    pub regional_xml: Vec<u8>,
}

/// Renders both backbones; `index.xml` carries the regional file's MD5, so it comes second.
pub fn render(plan: &SequencePlan, ctd: &dossier_rules::CtdTree) -> Rendered {
    let regional_xml = match plan.region {
        Region::Eu => eu::render(plan),
        Region::Cn => cn::render(plan),
        Region::Us => us::render(plan),
    };
    let regional_path = plan.regional_path();
    let regional_md5 = util::md5_hex(&regional_xml);
    let index_xml = ich::render(plan, ctd, &regional_path, &regional_md5);
    Rendered { index_xml, regional_path, regional_xml }
}

/// Removes what must never be in a backbone title or attribute: the control characters and
/// bidi overrides `dossier_model::text` names (a title that got into the store anyway — the
/// store refuses them), and what XML 1.0 cannot represent even escaped (U+FFFE, U+FFFF).
/// Everything else is escaped by quick-xml.
pub(crate) fn xml_safe(s: &str) -> String {
    dossier_model::text::strip_unsafe_text(s).chars().filter(|&c| c != '\u{FFFE}' && c != '\u{FFFF}').collect()
}

/// A thin writer: indentation on, UTF-8, never fails (it writes to memory).
pub(crate) struct Xml {
    w: Writer<Vec<u8>>,
}

impl Xml {
    pub fn new() -> Self {
        let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
        w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None))).expect("memory writes");
        Xml { w }
    }

    /// `<!DOCTYPE …>` with fixed, program-made content.
    pub fn doctype(&mut self, content: &str) {
        self.event(Event::DocType(BytesText::from_escaped(content)));
    }

    pub fn pi(&mut self, content: &str) {
        self.event(Event::PI(BytesPI::new(content)));
    }

    pub fn start(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.event(Event::Start(Self::tag(name, attrs)));
    }

    pub fn end(&mut self, name: &str) {
        self.event(Event::End(BytesEnd::new(name)));
    }

    pub fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.event(Event::Empty(Self::tag(name, attrs)));
    }

    pub fn text_element(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) {
        self.event(Event::Start(Self::tag(name, attrs)));
        self.event(Event::Text(BytesText::new(&xml_safe(text))));
        self.event(Event::End(BytesEnd::new(name)));
    }

    pub fn finish(self) -> Vec<u8> {
        let mut bytes = self.w.into_inner();
        bytes.push(b'\n');
        bytes
    }

    fn tag<'a>(name: &'a str, attrs: &[(&str, &str)]) -> BytesStart<'a> {
        let mut tag = BytesStart::new(name);
        for (k, v) in attrs {
            tag.push_attribute((*k, xml_safe(v).as_str()));
        }
        tag
    }

    fn event(&mut self, e: Event<'_>) {
        self.w.write_event(e).expect("writing to memory cannot fail");
    }
}

/// How a backbone spells a leaf: relative paths from the backbone file, checksum rules.
pub(crate) struct LeafStyle<'a> {
    /// Path from the sequence folder to the folder of the backbone file (`""` or `m1/eu`).
    pub base: &'a str,
    /// File name of the backbone file in earlier sequences, from their sequence folder.
    pub backbone_file: &'a str,
    /// ICH and EU DTDs require `checksum` even on a delete (empty there); the NMPA XSD does not,
    /// and NMPA rules want none on a delete.
    pub checksum_on_delete: bool,
}

pub(crate) fn write_leaf(xml: &mut Xml, leaf: &PlannedLeaf, style: &LeafStyle<'_>) {
    let up = if style.base.is_empty() { 0 } else { style.base.split('/').count() };
    let href = leaf.href.as_ref().map(|h| relative(style.base, h));
    let modified = leaf
        .modifies
        .as_ref()
        .map(|t| format!("{}../{}/{}#{}", "../".repeat(up), t.sequence, style.backbone_file, t.id));
    let mut attrs: Vec<(&str, &str)> = vec![("ID", &leaf.id), ("operation", leaf.operation.as_str())];
    if let Some(m) = &modified {
        attrs.push(("modified-file", m));
    }
    attrs.push(("xlink:type", "simple"));
    if let Some(h) = &href {
        attrs.push(("xlink:href", h));
    }
    match &leaf.md5 {
        Some(md5) => {
            attrs.push(("checksum", md5));
            attrs.push(("checksum-type", "md5"));
        }
        None if style.checksum_on_delete => {
            attrs.push(("checksum", ""));
            attrs.push(("checksum-type", "md5"));
        }
        None => {}
    }
    if let Some(lang) = &leaf.language {
        attrs.push(("xml:lang", lang));
    }
    xml.start("leaf", &attrs);
    xml.text_element("title", &[], &leaf.title);
    xml.end("leaf");
}

/// `href` (from the sequence folder) relative to `base` (a folder below it).
fn relative<'a>(base: &str, href: &'a str) -> std::borrow::Cow<'a, str> {
    if base.is_empty() {
        return href.into();
    }
    match href.strip_prefix(base).and_then(|r| r.strip_prefix('/')) {
        Some(rest) => rest.into(),
        None => format!("{}{href}", "../".repeat(base.split('/').count())).into(),
    }
}

pub(crate) fn regional_leaves(plan: &SequencePlan) -> impl Iterator<Item = &PlannedLeaf> {
    plan.leaves.iter().filter(|l| l.backbone == Backbone::Regional)
}

/// Regional leaves grouped by M1 node index, and which nodes are to be emitted (a node with
/// leaves, its ancestors, and the nodes the DTD/XSD requires).
pub(crate) struct RegionalTree<'p> {
    pub plan: &'p SequencePlan,
    pub leaves: Vec<Vec<&'p PlannedLeaf>>,
    pub emit: Vec<bool>,
}

impl<'p> RegionalTree<'p> {
    pub fn new(plan: &'p SequencePlan, required: &[&str]) -> Self {
        let m1 = &plan.m1;
        let mut leaves = vec![Vec::new(); m1.len()];
        let mut emit = vec![false; m1.len()];
        let index_of = |code: &str| m1.iter().position(|n| crate::plan::strip_region(&n.code) == crate::plan::strip_region(code));
        for leaf in regional_leaves(plan) {
            if let Some(i) = index_of(&leaf.section) {
                leaves[i].push(leaf);
            }
        }
        for i in 0..m1.len() {
            if leaves[i].is_empty() && !required.contains(&m1[i].element.as_str()) {
                continue;
            }
            let mut current = Some(i);
            while let Some(c) = current {
                emit[c] = true;
                current = m1[c].parent.as_deref().and_then(index_of);
            }
        }
        RegionalTree { plan, leaves, emit }
    }

    pub fn roots(&self) -> Vec<usize> {
        (0..self.plan.m1.len()).filter(|&i| self.plan.m1[i].parent.is_none() && self.emit[i]).collect()
    }

    pub fn children(&self, i: usize) -> Vec<usize> {
        let code = crate::plan::strip_region(&self.plan.m1[i].code);
        (0..self.plan.m1.len())
            .filter(|&c| {
                self.emit[c] && self.plan.m1[c].parent.as_deref().map(crate::plan::strip_region) == Some(code)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_xml_cannot_carry_are_dropped_and_the_rest_escaped() {
        let mut xml = Xml::new();
        xml.text_element("title", &[("a", "x\"<&'")], "Q&A <draft> \u{1}“引号” 药品");
        let out = String::from_utf8(xml.finish()).unwrap();
        assert!(out.contains("<title a=\"x&quot;&lt;&amp;&apos;\">Q&amp;A &lt;draft&gt; “引号” 药品</title>"), "{out}");
    }

    #[test]
    fn hrefs_are_made_relative_to_the_backbone_file() {
        assert_eq!(relative("m1/eu", "m1/eu/10-cover/ema/a.pdf"), "10-cover/ema/a.pdf");
        assert_eq!(relative("", "m2/a.pdf"), "m2/a.pdf");
        assert_eq!(relative("m1/eu", "m2/a.pdf"), "../../m2/a.pdf");
    }
}
