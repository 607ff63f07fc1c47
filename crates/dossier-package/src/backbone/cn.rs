//! `m1/cn/cn-regional.xml` against NMPA `cn-regional-1-0.xsd` (namespace `cn_ectd`).

use super::{LeafStyle, RegionalTree, Xml, write_leaf};
use crate::envelope::CvCode;
use crate::plan::SequencePlan;

/// Unlike the ICH and EU DTDs, the NMPA XSD imports the correct W3C xlink namespace.
pub const XLINK_NS: &str = "http://www.w3.org/1999/xlink";

/// `cn-content` requires `cn-1-0` (cover letter).
const REQUIRED: &[&str] = &["cn-1-0"];

pub fn render(plan: &SequencePlan) -> Vec<u8> {
    let mut xml = Xml::new();
    xml.start("cn_ectd", &[("xmlns", "cn_ectd"), ("xmlns:xlink", XLINK_NS), ("schema-version", "1.0")]);
    let env = plan.envelope.cn.clone().unwrap_or_default();
    xml.start("cn-envelope", &[]);
    xml.text_element("application-id", &[], &env.application_id);
    code(&mut xml, "application-type", &env.application_type);
    code(&mut xml, "product-type", &env.product_type);
    xml.text_element("product-number", &[], &env.product_number);
    xml.text_element("related-sequence", &[], env.related_sequence.as_deref().unwrap_or(&plan.number));
    code(&mut xml, "regulatory-activity-type", &env.regulatory_activity_type);
    xml.text_element("sequence-number", &[], &plan.number);
    code(&mut xml, "sequence-type", &env.sequence_type);
    xml.text_element("sequence-description", &[], &env.description);
    xml.start("sequence-contact", &[]);
    xml.text_element("name", &[], &env.contact_name);
    xml.text_element("phone", &[], &env.contact_phone);
    xml.text_element("email", &[], &env.contact_email);
    xml.end("sequence-contact");
    xml.end("cn-envelope");

    let tree = RegionalTree::new(plan, REQUIRED);
    let style = LeafStyle { base: "m1/cn", backbone_file: "m1/cn/cn-regional.xml", checksum_on_delete: false };
    xml.start("cn-content", &[]);
    for r in tree.roots() {
        heading(&mut xml, &tree, r, &style);
    }
    xml.end("cn-content");
    xml.end("cn_ectd");
    xml.finish()
}

fn code(xml: &mut Xml, name: &str, cv: &CvCode) {
    let mut attrs = vec![("code", cv.code.as_str())];
    if let Some(v) = &cv.version {
        attrs.push(("version", v));
    }
    xml.empty(name, &attrs);
}

fn heading(xml: &mut Xml, tree: &RegionalTree<'_>, i: usize, style: &LeafStyle<'_>) {
    let element = &tree.plan.m1[i].element;
    let leaves = &tree.leaves[i];
    let children = tree.children(i);
    if leaves.is_empty() && children.is_empty() {
        xml.empty(element, &[]);
        return;
    }
    xml.start(element, &[]);
    for leaf in leaves {
        write_leaf(xml, leaf, style);
    }
    for c in children {
        heading(xml, tree, c, style);
    }
    xml.end(element);
}
