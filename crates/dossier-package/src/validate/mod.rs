//! Validation of built sequences: backbones against their DTD/XSD through libxml2, util files
//! against their pinned MD5s, leaf checksums and `index-md5.txt` against the files.
//!
//! Findings carry the published rule id where there is one (EU VC 8.2) and say what to do.
//!
//! The full validator ([`validate_path`]) runs the rule catalogue of `templates/validation/`
//! ([`catalogue`]) over any sequence or application folder on disk: structure and names
//! (`structure`), util files, backbones and envelopes (`backbones`), leaves and lifecycle
//! (`leaves`), PDFs (`pdf_rules`).

mod backbones;
pub mod catalogue;
mod dtd;
mod engine;
mod envelope;
mod leaves;
pub(crate) mod pdf_rules;
mod read;
mod structure;

pub use engine::{MAX_PROBLEMS_PER_RULE, MAX_VALIDATED_LEAVES, Problem, RuleStatus, SequenceReport, Status, Wording, validate_path};

use std::fs;
use std::path::Path;

use dossier_model::{Finding, Severity};
use libxml::parser::{Parser, ParserOptions};
use libxml::schemas::{SchemaParserContext, SchemaValidationContext};
use libxml::tree::Document;

use crate::{Region, util};

/// Parses XML bytes safely: no network, no DTD loading, no entity substitution, no recovery.
pub fn parse(bytes: &[u8]) -> Result<Document, String> {
    let options = ParserOptions { recover: false, no_net: true, no_error: true, no_warning: true, ..ParserOptions::default() };
    // libxml2's own words and line, rather than the binding's "Got a Null pointer".
    let (doc, messages) = dtd::capture(|| Parser::default().parse_string_with_options(bytes, options));
    doc.map_err(|e| match messages.first() {
        Some(first) => format!("not well-formed XML ({first})"),
        None => format!("not well-formed XML ({e:?})"),
    })
}

/// Validates `xml` against the DTD `dtd` (its text; what it includes comes from the embedded
/// util files).
pub fn against_dtd(xml: &[u8], dtd: &[u8]) -> Result<(), Vec<String>> {
    let doc = parse(xml).map_err(|e| vec![e])?;
    dtd::validate(&doc, dtd)
}

/// Validates `xml` against the XSD `xsd` (its text; its imports come from the embedded util
/// files).
pub fn against_xsd(xml: &[u8], xsd: &[u8]) -> Result<(), Vec<String>> {
    let doc = parse(xml).map_err(|e| vec![e])?;
    dtd::embedded_entities_only();
    let (result, _) = dtd::capture(|| {
        let mut parser = SchemaParserContext::from_buffer(xsd);
        let mut ctx = SchemaValidationContext::from_parser(&mut parser)
            .map_err(|errs| errs.into_iter().map(|e| format!("schema: {}", message(&e))).collect::<Vec<_>>())?;
        ctx.validate_document(&doc).map_err(|errs| errs.iter().map(message).collect())
    });
    result
}

/// An embedded util file by its path in the sequence (`util/dtd/eu-regional.dtd`).
pub(crate) fn embedded(rel: &str) -> Option<&'static [u8]> {
    util::all_util_files().into_iter().find(|f| f.path == rel).map(|f| f.bytes)
}

fn message(e: &libxml::error::StructuredError) -> String {
    let text = e.message.clone().unwrap_or_default().trim().to_owned();
    match e.line {
        Some(l) if l > 0 => format!("line {l}: {text}"),
        _ => text,
    }
}

/// Checks a built sequence folder: util files, backbones (DTD/XSD), `index-md5.txt`, and with
/// `check_leaves` every leaf's MD5 (which reads every byte again: the builder skips it, since
/// its checksums come from the store and copies are size-checked).
pub fn sequence(folder: &Path, region: Region, check_leaves: bool) -> Vec<Finding> {
    let mut findings = Vec::new();
    for f in util::util_files(region) {
        let path = folder.join(f.path);
        match fs::read(&path) {
            Ok(bytes) if util::md5_hex(&bytes) == f.md5 => {}
            Ok(_) => findings.push(
                Finding::new(util_rule(f.path), Severity::Error, format!("{} is not the official file (MD5 differs)", f.path))
                    .coded("util-not-official", [("path", f.path)]),
            ),
            Err(_) => findings.push(
                Finding::new(util_rule(f.path), Severity::Error, format!("{} is missing", f.path)).coded("util-missing", [("path", f.path)]),
            ),
        }
    }
    let index = match fs::read(folder.join("index.xml")) {
        Ok(b) => b,
        Err(_) => {
            findings.push(Finding::new("7.1", Severity::Error, "index.xml is missing at the sequence root").coded("index-missing", []));
            return findings;
        }
    };
    if let Err(errs) = against_dtd(&index, util::ICH_DTD.bytes) {
        let detail = errs.join("; ");
        findings.push(
            Finding::new("7.3", Severity::Error, format!("index.xml is not valid against ich-ectd-3-2.dtd: {detail}"))
                .coded("index-invalid", [("detail", &detail)]),
        );
    }
    match fs::read_to_string(folder.join("index-md5.txt")) {
        Ok(text) if text.trim() == util::md5_hex(&index) => {}
        Ok(_) => findings.push(Finding::new("8.3", Severity::Error, "index-md5.txt does not hold the MD5 of index.xml").coded("index-md5-wrong", [])),
        Err(_) => findings.push(Finding::new("8.1", Severity::Error, "index-md5.txt is missing").coded("index-md5-missing", [])),
    }
    let r = region.code();
    let regional_rel = format!("m1/{r}/{r}-regional.xml");
    let regional = fs::read(folder.join(&regional_rel));
    match (&regional, region) {
        (Err(_), _) => findings.push(Finding::new("9.1", Severity::Error, format!("{regional_rel} is missing")).coded("regional-missing", [("path", &regional_rel)])),
        (Ok(bytes), Region::Eu) => {
            if let Err(errs) = against_dtd(bytes, embedded("util/dtd/eu-regional.dtd").unwrap_or_default()) {
                findings.push(invalid_regional("9.3", &regional_rel, "eu-regional.dtd", &errs));
            }
        }
        (Ok(bytes), Region::Cn) => {
            if let Err(errs) = against_xsd(bytes, embedded("util/dtd/cn-regional-1-0.xsd").unwrap_or_default()) {
                findings.push(invalid_regional("DB-CN-XSD", &regional_rel, "cn-regional-1-0.xsd", &errs));
            }
        }
        (Ok(bytes), Region::Us) => {
            if let Ok(dtd) = crate::regular::read(folder, util::US_DTD_PATH, UTIL_CAP) {
                if let Err(errs) = against_dtd(bytes, &dtd) {
                    findings.push(invalid_regional("2001", &regional_rel, "us-regional-v3-3.dtd", &errs));
                }
            } else {
                findings.push(Finding::new("DB-US-DTD", Severity::Warning, missing_us_dtd_message()).coded("us-dtd-missing", [("md5", util::US_DTD_MD5)]));
            }
        }
    }
    if check_leaves {
        findings.extend(leaf_checksums(folder, &index, ""));
        if let Ok(bytes) = &regional {
            findings.extend(leaf_checksums(folder, bytes, &format!("m1/{r}")));
        }
    }
    findings
}

fn invalid_regional(rule: &str, path: &str, schema: &str, errs: &[String]) -> Finding {
    let detail = errs.join("; ");
    Finding::new(rule, Severity::Error, format!("{path} is not valid against {schema}: {detail}"))
        .coded("regional-invalid", [("path", path), ("schema", schema), ("detail", &detail)])
}

/// The most a util file (DTD, XSD, stylesheet) may weigh; the largest official one is ~100 KB.
pub(crate) const UTIL_CAP: u64 = 1 << 20;

pub fn missing_us_dtd_message() -> String {
    format!(
        "us-regional.xml was not validated: the FDA DTD us-regional-v3-3.dtd is not installed. Download it from FDA's \
         \"eCTD Backbone Files Specification for Module 1\" page and run `dossier util add FILE` (accepted only with MD5 {}), then rebuild",
        util::US_DTD_MD5
    )
}

fn util_rule(path: &str) -> &'static str {
    match path {
        "util/dtd/ich-ectd-3-2.dtd" => "1.3",
        "util/style/ectd-2-0.xsl" => "2.3",
        "util/dtd/eu-regional.dtd" => "3.3",
        "util/dtd/eu-leaf.mod" => "4.3",
        "util/dtd/eu-envelope.mod" => "5.3",
        "util/style/eu-regional.xsl" => "6.3",
        _ => "DB-UTIL",
    }
}

/// EU VC 11.2: every leaf's file exists and its MD5 matches `checksum`. Reads each leaf once;
/// validation is the one place that re-reads bytes on purpose.
fn leaf_checksums(folder: &Path, backbone: &[u8], base: &str) -> Vec<Finding> {
    let mut findings = Vec::new();
    let text = String::from_utf8_lossy(backbone);
    let Ok(doc) = roxmltree::Document::parse_with_options(&text, roxmltree::ParsingOptions { allow_dtd: true, ..Default::default() }) else {
        return findings;
    };
    for leaf in doc.descendants().filter(|n| n.tag_name().name() == "leaf") {
        let Some(href) = leaf.attributes().find(|a| a.name() == "href").map(|a| a.value()) else { continue };
        let checksum = leaf.attribute("checksum").unwrap_or_default();
        let rel = if base.is_empty() { href.to_owned() } else { format!("{base}/{href}") };
        let path = folder.join(&rel);
        match fs::read(&path) {
            Ok(bytes) if util::md5_hex(&bytes).eq_ignore_ascii_case(checksum) => {}
            Ok(_) => findings.push(
                Finding::new("11.2", Severity::Error, format!("{rel}: the file's MD5 does not match the leaf checksum")).coded("leaf-md5", [("path", &rel)]),
            ),
            Err(_) => {
                findings.push(Finding::new("11.6", Severity::Error, format!("{rel}: the leaf's file is missing")).coded("leaf-missing", [("path", &rel)]))
            }
        }
    }
    findings
}
