//! The validator: the rule catalogue of `templates/validation/` ([`catalogue`]) run over a
//! sequence or application folder on disk: structure and names (`structure`), util files,
//! backbones (DTD/XSD through libxml2) and envelopes (`backbones`), leaves and lifecycle
//! (`leaves`), PDFs (`pdf_rules`). Every problem carries the rule id of the region read.
//!
//! One validator for every caller: `dossier validate` ([`validate_path`]), and the build, which
//! checks its temp folder as the sequence it will become ([`validate_built`]) and refuses to
//! name it when a rejection-level rule fails on what the build itself wrote
//! ([`Verdict::refusing`]). The [`Verdict`] sums a report up the same way for all of them.

mod backbones;
pub mod catalogue;
mod dtd;
mod engine;
mod envelope;
mod leaves;
pub(crate) mod pdf_rules;
mod read;
mod structure;
mod verdict;

pub use engine::{Known, MAX_PROBLEMS_PER_RULE, MAX_VALIDATED_LEAVES, Problem, RuleStatus, SequenceReport, Status, Wording, validate_built, validate_path};
pub(crate) use engine::Tally;
pub use verdict::Verdict;

use libxml::parser::{Parser, ParserOptions};
use libxml::schemas::{SchemaParserContext, SchemaValidationContext};
use libxml::tree::Document;

use crate::util;

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

/// The most a util file (DTD, XSD, stylesheet) may weigh; the largest official one is ~100 KB.
pub(crate) const UTIL_CAP: u64 = 1 << 20;
