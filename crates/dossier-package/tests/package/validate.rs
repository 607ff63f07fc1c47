use dossier_package::validate::{against_dtd, against_xsd, parse};

use super::*;

#[test]
fn an_invalid_index_is_reported_with_the_validators_message() {
    let dtd = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../templates/util/ich-ectd-v3.2.2/util/dtd/ich-ectd-3-2.dtd");
    let bad = br#"<?xml version="1.0"?><!DOCTYPE ectd:ectd SYSTEM "x.dtd"><ectd:ectd xmlns:ectd="http://www.ich.org/ectd" xmlns:xlink="http://www.w3c.org/1999/xlink" dtd-version="3.2"><m2-common-technical-document-summaries><leaf ID="a" operation="unchanged" checksum="" checksum-type="md5"><title>t</title></leaf></m2-common-technical-document-summaries></ectd:ectd>"#;
    let errs = against_dtd(bad, &std::fs::read(dtd).unwrap()).unwrap_err();
    assert!(errs.iter().any(|e| e.contains("unchanged")), "{errs:#?}");
}

#[test]
fn external_entities_are_never_resolved() {
    let secret = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(secret.path(), "TOP-SECRET").unwrap();
    let xml = format!(
        "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x SYSTEM \"file://{}\">]><a>&x;</a>",
        secret.path().display()
    );
    let doc = parse(xml.as_bytes()).expect("well-formed");
    let text = doc.get_root_element().unwrap().get_content();
    assert!(!text.contains("TOP-SECRET"), "the entity must not be expanded from disk");
}

#[test]
fn a_cn_backbone_with_a_wrong_envelope_order_fails_the_schema() {
    let xsd = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../templates/util/cn-nmpa-v1.1/util/dtd/cn-regional-1-0.xsd");
    let bad = br#"<cn_ectd xmlns="cn_ectd" schema-version="1.0"><cn-envelope><application-type code="cnapt2"/></cn-envelope><cn-content><cn-1-0/></cn-content></cn_ectd>"#;
    let errs = against_xsd(bad, &std::fs::read(xsd).unwrap()).unwrap_err();
    assert!(!errs.iter().any(|e| e.contains("Failed to parse the XML resource")), "the imports resolve from the embedded files: {errs:#?}");
}

mod catalogue;
mod sequence;
mod corpus;
