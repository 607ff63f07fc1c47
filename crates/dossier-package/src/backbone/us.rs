//! `m1/us/us-regional.xml` to the FDA "eCTD Backbone Files Specification for Module 1" (DTD
//! v3.3, authorities.md §3.2). The official DTD is not available offline, so this output is
//! validated only once the user has added it (`dossier util add FILE`); until then the build
//! says so. No stylesheet PI: `us-regional.xsl` is not shipped either.

use super::{LeafStyle, RegionalTree, Xml, write_leaf};
use crate::plan::SequencePlan;

pub fn render(plan: &SequencePlan) -> Vec<u8> {
    let mut xml = Xml::new();
    xml.doctype("fda-regional:fda-regional SYSTEM \"../../util/dtd/us-regional-v3-3.dtd\"");
    xml.start(
        "fda-regional:fda-regional",
        &[
            ("xmlns:fda-regional", "http://www.ich.org/fda"),
            ("xmlns:xlink", super::ich::XLINK_DTD_NS),
            ("dtd-version", "3.3"),
            ("xml:lang", "en"),
        ],
    );
    let env = plan.envelope.us.clone().unwrap_or_default();
    xml.start("admin", &[]);
    xml.start("applicant-info", &[]);
    xml.text_element("id", &[], &env.applicant_id);
    xml.text_element("company-name", &[], &env.company_name);
    xml.text_element("submission-description", &[], &env.description);
    xml.start("applicant-contacts", &[]);
    xml.start("applicant-contact", &[]);
    xml.text_element("applicant-contact-name", &[("applicant-contact-type", &env.contact_type)], &env.contact_name);
    xml.start("telephones", &[]);
    xml.text_element("telephone", &[("telephone-number-type", &env.phone_type)], &env.contact_phone);
    xml.end("telephones");
    xml.start("emails", &[]);
    xml.text_element("email", &[], &env.contact_email);
    xml.end("emails");
    xml.end("applicant-contact");
    xml.end("applicant-contacts");
    xml.end("applicant-info");
    xml.start("application-set", &[]);
    xml.start("application", &[("application-containing-files", "true")]);
    xml.start("application-information", &[]);
    xml.text_element("application-number", &[("application-type", &env.application_type)], &env.application_number);
    xml.end("application-information");
    xml.start("submission-information", &[]);
    let submission_id = env.submission_id.clone().unwrap_or_else(|| plan.number.clone());
    xml.text_element("submission-id", &[("submission-type", &env.submission_type)], &submission_id);
    xml.text_element("sequence-number", &[("submission-sub-type", &env.submission_sub_type)], &plan.number);
    xml.end("submission-information");
    xml.end("application");
    xml.end("application-set");
    xml.end("admin");

    let tree = RegionalTree::new(plan, &[]);
    let style = LeafStyle { base: "m1/us", backbone_file: "m1/us/us-regional.xml", checksum_on_delete: true };
    xml.start("m1-regional", &[]);
    for r in tree.roots() {
        heading(&mut xml, &tree, r, &style);
    }
    xml.end("m1-regional");
    xml.end("fda-regional:fda-regional");
    xml.finish()
}

fn heading(xml: &mut Xml, tree: &RegionalTree<'_>, i: usize, style: &LeafStyle<'_>) {
    let element = &tree.plan.m1[i].element;
    xml.start(element, &[]);
    for leaf in &tree.leaves[i] {
        write_leaf(xml, leaf, style);
    }
    for c in tree.children(i) {
        heading(xml, tree, c, style);
    }
    xml.end(element);
}
