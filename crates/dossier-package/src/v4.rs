//! eCTD v4.0 input, recognised so that it is refused in one clear line instead of being read
//! as a broken v3.2.2 sequence.
//!
//! An eCTD v4.0 submission unit is one XML message named `submissionunit.xml` (lowercase)
//! in the sequence folder, beside `sha256.txt`; it replaces v3.2.2's `index.xml`, regional
//! and STF files (ICH eCTD v4.0 Implementation Guide v1.6, "Submission Contents, Folder and
//! File Structure";
//! FDA eCTD v4.0 validation criteria v1.5, eCTD4-060 and eCTD4-064). Its root is the HL7 RPS
//! interaction `PORP_IN000001UV` in the namespace `urn:hl7-org:v3` (IG §9.1.1, the message
//! header's sample XML; `PORP_IN000001UV.xsd` in the ICH schema files): the namespace is
//! what is checked, so that a later interaction of the same standard is recognised too.
//!
//! Detection is cheap and hostile-input safe: a few folder listings (bounded), and at most
//! [`HEAD_BYTES`] of a regular file opened without following links (`crate::regular`).
//! A folder that also holds a v3.2.2 `index.xml` at the same depths is not a v4.0 unit: the
//! v3.2.2 sequences of an application that moved on to v4.0 are still read.

use std::io::Read;
use std::path::{Path, PathBuf};

/// The file name of a v4.0 submission unit (IG, folder and file structure; FDA eCTD4-060 refuses mixed case, but a
/// mixed-case one is still recognised here, to be named rather than misread).
pub const FILE_NAME: &str = "submissionunit.xml";
/// HL7 version 3, the namespace of every RPS message.
pub const NAMESPACE: &str = "urn:hl7-org:v3";
/// Enough for the XML declaration, comments and the root's start tag.
pub const HEAD_BYTES: u64 = 4096;
/// Entries read of one folder, and folders listed at one depth (a v4.0 unit's folder holds m1–m5
/// and two files; an application folder one folder per sequence).
const MAX_ENTRIES: usize = 10_000;
/// The unit may sit in the folder given, one folder down (the application folder holding sequence
/// folders) or two (a zip's top folder holding those).
const MAX_DEPTH: usize = 2;

/// A v4.0 submission unit found in the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// The `submissionunit.xml` file.
    pub file: PathBuf,
    /// The root element's local name (`PORP_IN000001UV`).
    pub root: String,
}

/// The v4.0 submission unit `path` is or holds (the file itself, or a folder with it at most two
/// folders down), when it holds no v3.2.2 `index.xml` there.
pub fn unit(path: &Path) -> Option<Unit> {
    let meta = std::fs::symlink_metadata(path).ok()?;
    if meta.is_file() {
        return is_named(path).then(|| read_unit(path)).flatten();
    }
    if !meta.is_dir() {
        return None;
    }
    let mut found = None;
    let mut level = vec![path.to_path_buf()];
    for depth in 0..=MAX_DEPTH {
        let mut next = Vec::new();
        for dir in &level {
            let Ok(entries) = std::fs::read_dir(dir) else { continue };
            for entry in entries.flatten().take(MAX_ENTRIES) {
                let Ok(kind) = entry.file_type() else { continue };
                let name = entry.file_name();
                if kind.is_file() && name.eq_ignore_ascii_case("index.xml") {
                    return None;
                }
                if kind.is_file() && found.is_none() && name.eq_ignore_ascii_case(FILE_NAME) {
                    found = read_unit(&entry.path());
                } else if kind.is_dir() && depth < MAX_DEPTH {
                    next.push(entry.path());
                }
            }
        }
        next.sort();
        next.truncate(MAX_ENTRIES);
        level = next;
    }
    found
}

/// Whether the entry names of a zip hold a v4.0 submission unit at most two folders down and no
/// v3.2.2 `index.xml`: the zip is then for `import-ectd`, which extracts it and says what it is.
pub fn zip_holds_unit<S: AsRef<str>>(names: impl IntoIterator<Item = S>) -> bool {
    let mut unit = false;
    for name in names {
        let parts: Vec<&str> = name.as_ref().trim_start_matches('/').split('/').collect();
        if parts.len() > MAX_DEPTH + 1 {
            continue;
        }
        match parts.last() {
            Some(last) if last.eq_ignore_ascii_case("index.xml") => return false,
            Some(last) if last.eq_ignore_ascii_case(FILE_NAME) => unit = true,
            _ => {}
        }
    }
    unit
}

/// The one line said for a v4.0 unit handed to a command of this version: what it is, what this
/// version reads, what to do.
pub fn message(shown: &Path) -> String {
    format!(
        "{}: this is an eCTD v4.0 submission unit (submissionunit.xml, HL7 RPS); this version reads eCTD v3.2.2 sequences only — ask the sender for the v3.2.2 sequence, or check it with an eCTD v4.0 validator",
        shown.display()
    )
}

fn is_named(path: &Path) -> bool {
    path.file_name().is_some_and(|n| n.eq_ignore_ascii_case(FILE_NAME))
}

/// `file` as a unit when its root element is in the HL7 v3 namespace.
fn read_unit(file: &Path) -> Option<Unit> {
    let (f, _) = crate::regular::open_file(file, u64::MAX).ok()?;
    let mut head = Vec::with_capacity(HEAD_BYTES as usize);
    f.take(HEAD_BYTES).read_to_end(&mut head).ok()?;
    let root = hl7_root(&head)?;
    Some(Unit { file: file.to_path_buf(), root })
}

/// The local name of the first element of `head`, when it is in [`NAMESPACE`].
fn hl7_root(head: &[u8]) -> Option<String> {
    use quick_xml::events::Event;
    use quick_xml::name::ResolveResult;
    let mut reader = quick_xml::NsReader::from_reader(head);
    let mut buf = Vec::new();
    loop {
        match reader.read_resolved_event_into(&mut buf).ok()? {
            (ns, Event::Start(e) | Event::Empty(e)) => {
                let in_hl7 = matches!(ns, ResolveResult::Bound(n) if n.0 == NAMESPACE);
                return in_hl7.then(|| e.local_name().into_inner().to_owned());
            }
            (_, Event::Eof) => return None,
            _ => buf.clear(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const UNIT: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<PORP_IN000001UV ITSVersion="XML_1.0" xmlns="urn:hl7-org:v3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="urn:hl7-org:v3 PORP_IN000001UV.xsd">
  <id root="2.16.840.1.113883.3.989.2.1.3.1"/>
</PORP_IN000001UV>
"#;

    #[test]
    fn the_hl7_root_is_recognised_and_another_namespace_is_not() {
        assert_eq!(hl7_root(UNIT.as_bytes()).as_deref(), Some("PORP_IN000001UV"));
        assert_eq!(hl7_root(b"<ectd:ectd xmlns:ectd=\"http://www.ich.org/ectd\"/>"), None);
        assert_eq!(hl7_root(b"<PORP_IN000001UV/>"), None, "no namespace, not HL7");
        assert_eq!(hl7_root(b"not xml at all"), None);
    }

    #[test]
    fn a_unit_is_found_at_the_root_or_below_and_not_beside_a_v3_sequence() {
        let dir = tempfile::tempdir().unwrap();
        let seq = dir.path().join("app/1");
        std::fs::create_dir_all(&seq).unwrap();
        std::fs::write(seq.join(FILE_NAME), UNIT).unwrap();
        for at in [dir.path().to_path_buf(), dir.path().join("app"), seq.clone(), seq.join(FILE_NAME)] {
            assert_eq!(unit(&at).map(|u| u.root).as_deref(), Some("PORP_IN000001UV"), "{}", at.display());
        }
        std::fs::create_dir_all(dir.path().join("app/0000")).unwrap();
        std::fs::write(dir.path().join("app/0000/index.xml"), "<ectd/>").unwrap();
        assert_eq!(unit(&dir.path().join("app")), None, "an application with v3.2.2 sequences is read as v3.2.2");
    }

    #[test]
    fn zip_names_are_read_alike() {
        assert!(zip_holds_unit(["app/1/submissionunit.xml", "app/1/sha256.txt"]));
        assert!(!zip_holds_unit(["app/1/submissionunit.xml", "app/0000/index.xml"]));
        assert!(!zip_holds_unit(["a/b/c/submissionunit.xml"]), "too deep");
    }
}
