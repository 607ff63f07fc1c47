//! PDF facts read at import: version (header and catalogue), page count, encryption, bookmarks.
//!
//! A broken, encrypted or non-PDF file never fails inspection: it yields the facts that could be
//! read plus findings that say what is wrong and what to do.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

use dossier_model::{Finding, PdfFacts, Severity};
use lopdf::Object;

/// Files larger than this are not parsed at import (lopdf holds the whole file in memory);
/// their header and trailer are still read, and the validator checks them at build time.
pub const DEEP_INSPECTION_LIMIT: u64 = 512 << 20;

/// Page-tree levels walked before a file is called damaged: real files have a handful (a
/// balanced tree of 256 levels would hold more pages than any file); lopdf's own page iterator
/// stops silently at this depth, which made such a file look like one with fewer pages.
pub const PAGE_TREE_DEPTH_LIMIT: usize = 256;

/// References followed from one to the next (`1 0 R` naming an object that is `2 0 R`…) before
/// a chain is called a loop: real files use one.
const REFERENCE_CHAIN_LIMIT: usize = 32;

/// ICH M8 (S63, S87): eCTD PDFs are version 1.4 to 1.7.
const ACCEPTED_VERSIONS: [&str; 4] = ["1.4", "1.5", "1.6", "1.7"];

/// What import learnt about one PDF, or about a file that claims to be one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inspection {
    /// `None` when the file is not a PDF at all.
    pub facts: Option<PdfFacts>,
    pub findings: Vec<Finding>,
}

/// True when the first bytes carry a `%PDF-` header.
pub fn looks_like_pdf(head: &[u8]) -> bool {
    header_version(head).is_some()
}

/// Inspects the file at `path`; `display` is the name used in messages.
pub fn inspect(path: &Path, display: &str) -> Inspection {
    let (head, tail, size) = match read_ends(path) {
        Ok(ends) => ends,
        Err(e) => {
            return Inspection {
                facts: None,
                findings: vec![
                    Finding::new("DB-PDF-READ", Severity::Error, format!("{display}: cannot be read ({e})"))
                        .coded("pdf-unreadable", [("path", display), ("detail", &e.to_string())]),
                ],
            };
        }
    };
    let Some(header) = header_version(&head) else {
        return Inspection {
            facts: None,
            findings: vec![Finding::new(
                "DB-PDF-NOT-PDF",
                Severity::Error,
                format!("{display} is named .pdf but is not a PDF (no %PDF- header); replace it with the real PDF"),
            )
            .coded("pdf-not-pdf", [("path", display)])],
        };
    };
    let mut facts = PdfFacts { header_version: Some(header), ..PdfFacts::default() };
    let mut findings = Vec::new();
    let declares_encryption = contains(&tail, b"/Encrypt");
    // Every PDF ends with %%EOF (ISO 32000-1 §7.5.5); without it the copy was cut short, even
    // when a lenient parser still finds some objects.
    let truncated = !contains(&tail[tail.len().saturating_sub(1024)..], b"%%EOF");
    if truncated {
        findings.push(Finding::new(
            "DB-PDF-TRUNCATED",
            Severity::Error,
            format!("{display} ends early (no %%EOF marker): it was probably cut off while copying — copy it again from the source"),
        )
        .coded("pdf-truncated", [("path", display)]));
    }

    if size > DEEP_INSPECTION_LIMIT {
        facts.encrypted = declares_encryption;
        findings.push(Finding::new(
            "DB-PDF-LARGE",
            Severity::Info,
            format!("{display} is {} MB; its pages and bookmarks are checked when a sequence is validated", size >> 20),
        )
        .coded("pdf-large", [("path", display), ("mb", &(size >> 20).to_string())]));
    } else {
        match lopdf::Document::load(path) {
            Ok(doc) => {
                read_facts(&doc, &mut facts);
                match page_tree(&doc) {
                    Ok(pages) => {
                        facts.pages = Some(pages);
                        content_findings(&doc, display, &mut findings);
                    }
                    // An encrypted file that could not be decrypted shows no structure; it is
                    // reported as encrypted below.
                    Err(_) if facts.encrypted => {}
                    // A file cut short loses the objects at its end: DB-PDF-TRUNCATED already
                    // says so, with the fix (copy it again).
                    Err(_) if truncated => facts.pages = None,
                    Err(problem) => {
                        facts.pages = None;
                        findings.push(corrupt(display, &problem));
                    }
                }
            }
            Err(e) if declares_encryption || is_encryption_error(&e) => facts.encrypted = true,
            Err(e) => findings.push(corrupt(display, &e.to_string())),
        }
    }
    if facts.encrypted {
        findings.push(Finding::new(
            "DB-PDF-ENCRYPTED",
            Severity::Error,
            format!(
                "{display} is encrypted; regulators reject PDFs with passwords or security settings \
                 (ICH M8) — save an unsecured copy and import it"
            ),
        )
        .coded("pdf-encrypted", [("path", display)]));
    }
    if let Some(v) = facts.effective_version() {
        if !ACCEPTED_VERSIONS.contains(&v) {
            findings.push(Finding::new(
                "DB-PDF-VERSION",
                Severity::Warning,
                format!("{display} is PDF {v}; eCTD accepts PDF 1.4 to 1.7 (ICH M8) — re-save it as PDF 1.4 or later"),
            )
            .coded("pdf-version", [("path", display), ("version", v)]));
        }
    }
    Inspection { facts: Some(facts), findings }
}

fn corrupt(display: &str, detail: &str) -> Finding {
    Finding::new(
        "DB-PDF-CORRUPT",
        Severity::Error,
        format!("{display} is damaged and cannot be read as a PDF ({detail}); export it again from the source application"),
    )
    .coded("pdf-corrupt", [("path", display), ("detail", detail)])
}

/// The number of pages the document's page tree holds, or what is wrong with the catalogue or
/// the tree: a missing or looping /Root, no /Pages, a /Kids naming an ancestor or a node twice,
/// nesting past [`PAGE_TREE_DEPTH_LIMIT`], a missing node, a /Count that disagrees. Iterative,
/// and each object is visited once, so no input can overflow the stack or loop.
pub(crate) fn page_tree(doc: &lopdf::Document) -> Result<u32, String> {
    let root = doc.trailer.get(b"Root").map_err(|_| "the trailer names no document catalogue (/Root)".to_owned())?;
    let catalog = resolve(doc, root).map_err(|e| format!("the document catalogue (/Root) {e}"))?;
    let catalog = catalog.as_dict().map_err(|_| "the document catalogue (/Root) is not a dictionary".to_owned())?;
    let pages = catalog.get(b"Pages").map_err(|_| "the document catalogue has no page tree (/Pages)".to_owned())?;
    let Object::Reference(top) = pages else { return Err("the page tree (/Pages) is not a reference to an object".into()) };
    let mut seen = std::collections::HashSet::new();
    let mut todo = vec![(*top, 1usize)];
    let mut leaves: u32 = 0;
    let mut declared = None;
    while let Some((id, depth)) = todo.pop() {
        let at = format!("object {} {}", id.0, id.1);
        if !seen.insert(id) {
            return Err(format!("the page tree loops: {at} is reached twice (a /Kids names an ancestor or a node twice)"));
        }
        let node = doc.objects.get(&id).ok_or_else(|| format!("the page tree names {at}, which is missing or could not be read"))?;
        let node = resolve(doc, node).map_err(|e| format!("the page tree's {at} {e}"))?;
        let node = node.as_dict().map_err(|_| format!("the page tree's {at} is not a dictionary"))?;
        if id == *top {
            declared = node.get(b"Count").ok().and_then(|c| c.as_i64().ok());
        }
        let kind = node.get(b"Type").ok().and_then(|t| t.as_name().ok());
        match kind {
            Some(b"Page") => leaves = leaves.saturating_add(1),
            Some(b"Pages") | None if node.has(b"Kids") || kind.is_some() => {
                if depth >= PAGE_TREE_DEPTH_LIMIT {
                    return Err(format!("the page tree is nested deeper than {PAGE_TREE_DEPTH_LIMIT} levels"));
                }
                let kids = node.get(b"Kids").map_err(|_| format!("the page tree's {at} has no /Kids"))?;
                let kids = resolve(doc, kids).map_err(|e| format!("the /Kids of {at} {e}"))?;
                let kids = kids.as_array().map_err(|_| format!("the /Kids of {at} is not an array"))?;
                for kid in kids.iter().rev() {
                    let Object::Reference(kid) = kid else { return Err(format!("the /Kids of {at} holds an entry that is not a reference")) };
                    todo.push((*kid, depth + 1));
                }
            }
            // A leaf without /Type: lenient readers take it as a page, and so do we.
            None => leaves = leaves.saturating_add(1),
            Some(other) => return Err(format!("the page tree's {at} is a /{}, not a page", String::from_utf8_lossy(other))),
        }
    }
    match declared {
        Some(count) if count != i64::from(leaves) => Err(format!("the page tree says it holds {count} pages but holds {leaves}")),
        _ if leaves == 0 => Err("the page tree holds no page".into()),
        _ => Ok(leaves),
    }
}

/// `obj`, or the object a chain of references leads to; an error says why there is none.
fn resolve<'a>(doc: &'a lopdf::Document, mut obj: &'a Object) -> Result<&'a Object, String> {
    let mut seen = Vec::new();
    while let Object::Reference(id) = obj {
        if seen.contains(id) {
            return Err(format!("is a reference loop (object {} {} leads back to itself)", id.0, id.1));
        }
        if seen.len() == REFERENCE_CHAIN_LIMIT {
            return Err(format!("is reached through more than {REFERENCE_CHAIN_LIMIT} references"));
        }
        seen.push(*id);
        obj = doc.objects.get(id).ok_or_else(|| format!("names object {} {}, which is missing or could not be read", id.0, id.1))?;
    }
    Ok(obj)
}

/// The validator's content rules that need no sequence around the file, run on the document
/// already parsed, so a problem shows in the document list before anyone builds.
fn content_findings(doc: &lopdf::Document, display: &str, findings: &mut Vec<Finding>) {
    let fonts = crate::validate::pdf_rules::unembedded_fonts(doc);
    if !fonts.is_empty() {
        let fonts = fonts.join(", ");
        findings.push(Finding::new(
            "DB-PDF-FONTS",
            Severity::Warning,
            format!(
                "{display} uses fonts that are not embedded ({fonts}); reviewers may see other glyphs — re-create it with all fonts embedded (PDF/A export does this)"
            ),
        )
        .coded("pdf-fonts", [("path", display), ("fonts", &fonts)]));
    }
    if crate::validate::pdf_rules::has_javascript(doc) {
        findings.push(Finding::new(
            "DB-PDF-JAVASCRIPT",
            Severity::Warning,
            format!("{display} contains JavaScript, which EU (VC 16.BP10), FDA and NMPA validation flag — remove the JavaScript actions and import it again"),
        )
        .coded("pdf-javascript", [("path", display)]));
    }
}

fn read_facts(doc: &lopdf::Document, facts: &mut PdfFacts) {
    facts.encrypted = doc.was_encrypted() || doc.is_encrypted();
    // The page count comes from `page_tree`, which also says what is wrong with a broken tree;
    // an encrypted file that could not be decrypted shows no pages: unknown, not zero.
    facts.pages = None;
    if let Ok(catalog) = doc.catalog() {
        facts.catalog_version = catalog
            .get(b"Version")
            .ok()
            .and_then(|v| v.as_name().ok())
            .map(|n| String::from_utf8_lossy(n).into_owned());
        facts.has_bookmarks = catalog
            .get(b"Outlines")
            .ok()
            .and_then(|o| match o {
                Object::Reference(id) => doc.get_dictionary(*id).ok(),
                Object::Dictionary(d) => Some(d),
                _ => None,
            })
            .is_some_and(|outlines| outlines.has(b"First"));
    }
}

fn is_encryption_error(e: &lopdf::Error) -> bool {
    let text = e.to_string().to_ascii_lowercase();
    text.contains("decrypt") || text.contains("encrypt") || text.contains("password")
}

pub(crate) fn header_version(head: &[u8]) -> Option<String> {
    // ISO 32000-1 §7.5.2 puts the header first; readers accept it within the first 1024 bytes.
    let at = head.windows(5).position(|w| w == b"%PDF-")?;
    let rest = &head[at + 5..];
    let end = rest.iter().position(|b| !(b.is_ascii_digit() || *b == b'.')).unwrap_or(rest.len());
    let version = std::str::from_utf8(&rest[..end]).ok()?;
    (version.len() >= 3).then(|| version.to_owned())
}

pub(crate) fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

fn read_ends(path: &Path) -> std::io::Result<(Vec<u8>, Vec<u8>, u64)> {
    let mut file = File::open(path)?;
    let size = file.metadata()?.len();
    let mut head = vec![0; 1024.min(size as usize)];
    file.read_exact(&mut head)?;
    let tail_len = (64 * 1024).min(size);
    file.seek(SeekFrom::Start(size - tail_len))?;
    let mut tail = vec![0; tail_len as usize];
    file.read_exact(&mut tail)?;
    Ok((head, tail, size))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_header_version_is_found_after_leading_bytes() {
        assert_eq!(header_version(b"%PDF-1.7\n%\xe2\xe3"), Some("1.7".into()));
        assert_eq!(header_version(b"\xef\xbb\xbf%PDF-1.4\n"), Some("1.4".into()));
        assert_eq!(header_version(b"PK\x03\x04"), None);
        assert_eq!(header_version(b"%PDF-"), None, "a header without a version is not a PDF");
    }

    #[test]
    fn a_finding_carries_its_code_and_the_values_it_was_written_from() {
        let inspection = inspect(Path::new("no/such/file.pdf"), "m1/cover.pdf");
        let [f] = &inspection.findings[..] else { panic!("{:?}", inspection.findings) };
        assert_eq!(f.code.as_deref(), Some("pdf-unreadable"));
        assert_eq!(f.params.keys().collect::<Vec<_>>(), ["detail", "path"]);
        assert!(f.params.values().all(|v| f.message.contains(v.as_str())), "{f:?}");
    }
}
