//! eCTD v3.2.2 file and folder names: lowercase `a-z 0-9 -` (NMPA also `_`), one extension,
//! name ≤ 64 characters, path ≤ 180 from the sequence folder (FDA 230).
//! Sources: ectd-rules.md §D.1 (EU VC 15.3–15.7), §D.3 (FDA 1085), §D.4 (NMPA group 2).

use crate::Region;

/// EU VC 15.4 / 15.5, NMPA: a file or folder name with its extension.
pub const MAX_NAME: usize = 64;

/// The naming rules of one region.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NamingRules {
    pub allow_underscore: bool,
    /// Longest path, counted from the first character of the sequence folder name (`0000/…`).
    pub max_path: usize,
}

impl NamingRules {
    pub fn for_region(region: Region) -> Self {
        match region {
            Region::Eu => NamingRules { allow_underscore: false, max_path: 180 },
            Region::Cn => NamingRules { allow_underscore: true, max_path: 180 },
            Region::Us => NamingRules { allow_underscore: false, max_path: 230 },
        }
    }

    pub fn is_legal_char(&self, c: char) -> bool {
        c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || (self.allow_underscore && c == '_')
    }

    /// True when `name` (one segment, with its extension) follows the rules.
    pub fn is_legal_name(&self, name: &str) -> bool {
        let (stem, ext) = split_ext(name);
        !stem.is_empty()
            && name.len() <= MAX_NAME
            && stem.chars().all(|c| self.is_legal_char(c))
            && ext.is_none_or(|e| !e.is_empty() && e.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()))
    }

    /// A legal stem made from `raw`: lower-cased, accents and other characters turned into `-`,
    /// runs of `-` collapsed, trimmed, cut to `max` characters. Empty when nothing usable is left
    /// (e.g. an all-Chinese name); the caller then supplies a fallback.
    pub fn clean_stem(&self, raw: &str, max: usize) -> String {
        let mut out = String::with_capacity(raw.len());
        for c in raw.chars() {
            let c = c.to_ascii_lowercase();
            if self.is_legal_char(c) {
                out.push(c);
            } else if !out.ends_with('-') {
                out.push('-');
            }
        }
        let mut s: String = out.trim_matches(|c| c == '-' || c == '_').chars().take(max).collect();
        while s.ends_with('-') || s.ends_with('_') {
            s.pop();
        }
        s
    }
}

/// `("report", Some("pdf"))` for `report.pdf`; a leading dot is not an extension.
pub fn split_ext(name: &str) -> (&str, Option<&str>) {
    match name.rfind('.') {
        Some(i) if i > 0 => (&name[..i], Some(&name[i + 1..])),
        _ => (name, None),
    }
}

/// A legal lowercase extension from a file name, `None` when there is none or it is unusable.
pub fn clean_ext(file_name: &str) -> Option<String> {
    let (_, ext) = split_ext(file_name);
    let ext = ext?.to_ascii_lowercase();
    (!ext.is_empty() && ext.len() <= 8 && ext.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()))
        .then_some(ext)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_lowercased_and_illegal_characters_become_single_hyphens() {
        let eu = NamingRules::for_region(Region::Eu);
        assert_eq!(eu.clean_stem("GMP certificate (Shenzhen) site", 64), "gmp-certificate-shenzhen-site");
        assert_eq!(eu.clean_stem("a__b", 64), "a-b", "the EU does not allow underscores");
        let cn = NamingRules::for_region(Region::Cn);
        assert_eq!(cn.clean_stem("a__b", 64), "a__b", "NMPA allows underscores");
    }

    #[test]
    fn an_all_chinese_name_leaves_nothing_so_the_caller_falls_back() {
        assert_eq!(NamingRules::for_region(Region::Cn).clean_stem("药品注册证书", 64), "");
    }

    #[test]
    fn legal_names_are_recognised() {
        let eu = NamingRules::for_region(Region::Eu);
        assert!(eu.is_legal_name("cover-letter.pdf"));
        assert!(!eu.is_legal_name("Cover.pdf"));
        assert!(!eu.is_legal_name(&format!("{}.pdf", "a".repeat(61))), "65 characters is too long");
        assert!(eu.is_legal_name(&format!("{}.pdf", "a".repeat(60))));
    }
}
