//! The one `href` rule of import and validation: inside the sequence, a sibling sequence, or
//! outside.

use serde::Serialize;

/// Where an `href` (or the file part of a `modified-file`) points, by [`resolve`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum Href {
    /// A file of this sequence, `/`-separated from the sequence folder, normalised.
    Inside { path: String },
    /// A file of a sibling sequence folder of the same application (`../0000/m3/a.pdf`): a
    /// reference to a file sent before, not a document of this sequence.
    Sibling { sequence: String, path: String },
    /// Absolute, a URL or drive letter, a backslash or NUL, an escape that makes a separator,
    /// or climbing out of the application folder (or into a folder that is no sequence).
    Outside,
}

impl Href {
    /// The path inside this sequence, if that is where it points.
    pub fn inside(&self) -> Option<&str> {
        match self {
            Href::Inside { path } => Some(path),
            _ => None,
        }
    }
}

/// `href` resolved against `base` (the backbone's folder from the sequence folder: `""`,
/// `m1/eu`). The one rule for import and validation alike.
///
/// ICH eCTD v3.2.2 (Table 6-8, `xlink:href`): "the relative path to the file and the file name
/// … The content file does not need to be in the same sequence"; XLink 1.0 (§5.4) makes the
/// attribute a URI reference, so `%XX` escapes are decoded (RFC 3986 §2.1: `a%20b.pdf` is the
/// file `a b.pdf`, which the name rules then report, since eCTD names hold only `a-z 0-9 -`); an
/// escape that decodes to `/`, `\` or NUL is refused rather than taken as a separator. Empty
/// and `.` segments are dropped (`./m3//a.pdf` is `m3/a.pdf`); `..` climbs, and one climb out
/// of the sequence is allowed only into a four-digit sibling folder.
pub fn resolve(base: &str, href: &str) -> Href {
    if href.starts_with('/') || href.contains('\\') || href.contains(':') || href.contains('\0') {
        return Href::Outside;
    }
    // The sequence folder's own name is not known here: a marker stands for it.
    let mut parts: Vec<String> = vec![String::new()];
    parts.extend(base.split('/').filter(|s| !s.is_empty()).map(str::to_owned));
    let mut above: Vec<String> = Vec::new();
    for raw in href.split('/') {
        let Some(seg) = percent_decoded(raw) else { return Href::Outside };
        match seg.as_str() {
            "" | "." => {}
            ".." => {
                if parts.len() > 1 {
                    parts.pop();
                } else if above.is_empty() && parts.len() == 1 && parts[0].is_empty() {
                    // Out of the sequence folder, into the application folder.
                    parts.clear();
                } else {
                    return Href::Outside;
                }
            }
            _ if parts.is_empty() => {
                above.push(seg);
                parts.push(String::from("\u{0}sibling"));
            }
            _ => parts.push(seg),
        }
    }
    if parts.first().is_some_and(String::is_empty) {
        let path = parts[1..].join("/");
        return if path.is_empty() { Href::Outside } else { Href::Inside { path } };
    }
    match (above.first(), parts.len()) {
        (Some(sequence), n) if n > 1 && sequence.len() == 4 && sequence.bytes().all(|b| b.is_ascii_digit()) => {
            Href::Sibling { sequence: sequence.clone(), path: parts[1..].join("/") }
        }
        _ => Href::Outside,
    }
}

/// A path segment with its `%XX` escapes decoded; `None` when an escape is malformed, is not
/// UTF-8, or makes a separator or NUL.
fn percent_decoded(seg: &str) -> Option<String> {
    if !seg.contains('%') {
        return Some(seg.to_owned());
    }
    let bytes = seg.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            let b = u8::from_str_radix(hex, 16).ok()?;
            if matches!(b, b'/' | b'\\' | 0) {
                return None;
            }
            out.push(b);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::{Href, resolve};

    fn inside(p: &str) -> Href {
        Href::Inside { path: p.to_owned() }
    }

    #[test]
    fn hrefs_resolve_inside_the_sequence_or_into_a_sibling_sequence() {
        assert_eq!(resolve("m1/eu", "10-cover/a.pdf"), inside("m1/eu/10-cover/a.pdf"));
        assert_eq!(resolve("m1/eu", "../../m2/a.pdf"), inside("m2/a.pdf"));
        assert_eq!(resolve("", "./m3/a.pdf"), inside("m3/a.pdf"));
        assert_eq!(resolve("", "m3//a.pdf"), inside("m3/a.pdf"));
        assert_eq!(resolve("", "m3/a%20b.pdf"), inside("m3/a b.pdf"), "a URI reference: escapes are decoded");
        assert_eq!(resolve("", "m3%2Fa.pdf"), Href::Outside, "an escaped separator is not a separator");
        assert_eq!(resolve("", "m3/%zz.pdf"), Href::Outside);
        assert_eq!(resolve("", "../0000/m3/a.pdf"), Href::Sibling { sequence: "0000".into(), path: "m3/a.pdf".into() });
        assert_eq!(
            resolve("m1/eu", "../../../0000/m1/eu/eu-regional.xml"),
            Href::Sibling { sequence: "0000".into(), path: "m1/eu/eu-regional.xml".into() }
        );
        assert_eq!(resolve("", "../notes/a.pdf"), Href::Outside, "a sibling folder that is no sequence");
        assert_eq!(resolve("", "../0000/../../etc/passwd"), Href::Outside, "climbing out of the application is refused");
        assert_eq!(resolve("", "../../etc/passwd"), Href::Outside);
        assert_eq!(resolve("", "/etc/passwd"), Href::Outside);
        assert_eq!(resolve("", "file:///etc/passwd"), Href::Outside);
        assert_eq!(resolve("", "C:/x.pdf"), Href::Outside);
        assert_eq!(resolve("", "m3\\x.pdf"), Href::Outside);
        assert_eq!(resolve("", "."), Href::Outside);
    }
}
