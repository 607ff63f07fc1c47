//! What an imported sequence says about its application's history beyond its leaves: the
//! envelope of its regional backbone (the EU application UUID, the related sequence) and the
//! leaf a `modified-file` points at. Used when `import-ectd --application` records imported
//! sequences as the application's lifecycle, the same records a build writes.

use std::io::{BufReader, Read};
use std::path::Path;

use quick_xml::Reader;
use quick_xml::events::Event;

use crate::Region;
use crate::reader::MAX_BACKBONE_BYTES;

/// The leaf a `modified-file` names: `(sequence, leaf id)`. The builder writes
/// `../0003/index.xml#ID` (from `m1/eu`: `../../../0003/m1/eu/eu-regional.xml#ID`); other tools
/// spell the same thing; the sequence is the last four-digit folder before the backbone file.
pub fn modified_target(modified_file: &str) -> Option<(String, String)> {
    let (path, id) = modified_file.rsplit_once('#')?;
    let id = id.trim();
    if id.is_empty() {
        return None;
    }
    let sequence = path
        .split(['/', '\\'])
        .rfind(|s| s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()))?;
    Some((sequence.to_owned(), id.to_owned()))
}

/// The text values of the envelope (`eu-envelope`, `cn-envelope`, FDA `admin`) of the sequence's
/// regional backbone, by element name in document order, plus each attribute as
/// `element@attribute` (`submission@type`). Empty when the sequence has no regional backbone
/// or it cannot be read (the reader reports why).
pub fn envelope_values(folder: &Path, region: Region) -> Vec<(String, String)> {
    let r = region.code();
    let path = folder.join(format!("m1/{r}/{r}-regional.xml"));
    let Ok((file, _)) = crate::regular::open_file(&path, MAX_BACKBONE_BYTES) else { return Vec::new() };
    let mut reader = Reader::from_reader(BufReader::new(file.take(MAX_BACKBONE_BYTES)));
    let mut buf = Vec::new();
    let mut out = Vec::new();
    let mut depth_in_envelope = 0usize;
    let mut current: Option<String> = None;
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => {
                let name = e.local_name().into_inner().to_owned();
                if depth_in_envelope > 0 || matches!(name.as_str(), "eu-envelope" | "cn-envelope" | "admin") {
                    depth_in_envelope += 1;
                    attributes(&e, &name, &mut out);
                    current = Some(name);
                }
            }
            Ok(Event::Empty(e)) if depth_in_envelope > 0 => {
                let name = e.local_name().into_inner().to_owned();
                attributes(&e, &name, &mut out);
            }
            Ok(Event::Text(t)) if depth_in_envelope > 0 => {
                if let Some(name) = &current {
                    let text = t.xml10_content();
                    let text = text.trim();
                    if !text.is_empty() && text.len() <= crate::reader::MAX_VALUE {
                        out.push((name.clone(), text.to_owned()));
                    }
                }
            }
            Ok(Event::End(_)) if depth_in_envelope > 0 => {
                depth_in_envelope -= 1;
                current = None;
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
        buf.clear();
    }
    out
}

fn attributes(e: &quick_xml::events::BytesStart<'_>, name: &str, out: &mut Vec<(String, String)>) {
    for a in e.attributes().flatten() {
        let key = a.key.local_name().into_inner().to_owned();
        if let Ok(v) = a.normalized_value(quick_xml::XmlVersion::Implicit1_0) {
            let v = v.trim();
            if !v.is_empty() && v.len() <= crate::reader::MAX_VALUE {
                out.push((format!("{name}@{key}"), v.to_owned()));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_modified_file_names_its_sequence_and_leaf() {
        assert_eq!(modified_target("../0003/index.xml#lf-1"), Some(("0003".into(), "lf-1".into())));
        assert_eq!(modified_target("../../../0001/m1/eu/eu-regional.xml#a"), Some(("0001".into(), "a".into())));
        assert_eq!(modified_target("../0001/index.xml"), None);
        assert_eq!(modified_target("index.xml#x"), None);
    }
}
