//! Names that travel: a file or folder name every system a dossier reaches can hold.
//!
//! A dossier is assembled on Linux or macOS and read on Windows machines and by regulators'
//! gateways; a name that one of them cannot hold is renamed, refused or silently merged with
//! another there. The Windows rules are Microsoft's "Naming Files, Paths, and Namespaces"
//! (learn.microsoft.com/windows/win32/fileio/naming-a-file, "Naming Conventions"): no
//! `< > : " / \ | ? *`, no characters 0–31, no name ending in a space or a period, and none of
//! the device names CON, PRN, AUX, NUL, COM0–COM9, COM¹–COM³, LPT0–LPT9, LPT¹–LPT³, also not
//! followed by an extension (`NUL.txt`, `nul.tar.gz`). The 255-byte limit is Linux's and
//! macOS's (`NAME_MAX`); Windows allows 255 UTF-16 units, which 255 UTF-8 bytes never exceed.
//! Twins are names that macOS (APFS and HFS+ compare names normalised and, by default,
//! case-insensitively) and Windows (case-insensitive) hold as one file.
//!
//! Pure: used at import for every folder and file name, and for zip entries.

use std::collections::HashMap;

use dossier_model::{Finding, Severity};
use unicode_normalization::UnicodeNormalization;

/// Longest name in bytes (UTF-8) that Linux and macOS file systems hold.
pub const NAME_MAX_BYTES: usize = 255;

/// Why a name does not travel, and a name that would.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameProblem {
    pub rule: NameRule,
    /// The name with every problem of it corrected (not only `rule`'s).
    pub rename_to: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameRule {
    /// A control character (U+0000–U+001F, U+007F–U+009F).
    Control,
    /// One of `< > : " / \ | ? *`, which Windows reserves.
    ReservedCharacter(char),
    /// Ends in a space or a period: Windows strips it, so the name changes on the way.
    Trailing,
    /// A Windows device name (`CON`, `aux.txt`, `COM1.pdf`…): no file can have it there.
    DeviceName,
    /// Longer than [`NAME_MAX_BYTES`] bytes.
    TooLong { bytes: usize },
}

const RESERVED: [char; 9] = ['<', '>', ':', '"', '/', '\\', '|', '?', '*'];
const DEVICES: [&str; 4] = ["CON", "PRN", "AUX", "NUL"];

/// The first reason `name` (one folder or file name, not a path) would break elsewhere, with a
/// portable name to suggest; `None` when it travels as it is.
pub fn portable_name_problem(name: &str) -> Option<NameProblem> {
    let rule = if name.chars().any(char::is_control) {
        NameRule::Control
    } else if let Some(c) = name.chars().find(|c| RESERVED.contains(c)) {
        NameRule::ReservedCharacter(c)
    } else if name.ends_with(['.', ' ']) {
        NameRule::Trailing
    } else if is_device_name(name) {
        NameRule::DeviceName
    } else if name.len() > NAME_MAX_BYTES {
        NameRule::TooLong { bytes: name.len() }
    } else {
        return None;
    };
    Some(NameProblem { rule, rename_to: portable_name(name) })
}

/// `NUL`, `nul.txt`, `Com1.tar.gz`, `LPT¹`: the part before the first period, with trailing
/// spaces (which Windows ignores) removed, compared without letter case.
fn is_device_name(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or(name).trim_end_matches(' ').to_ascii_uppercase();
    if DEVICES.contains(&stem.as_str()) {
        return true;
    }
    let Some(port) = stem.strip_prefix("COM").or_else(|| stem.strip_prefix("LPT")) else { return false };
    let mut chars = port.chars();
    matches!((chars.next(), chars.next()), (Some('0'..='9' | '¹' | '²' | '³'), None))
}

/// `name` corrected: control and reserved characters become `_`, trailing periods and spaces
/// go, a device name gets `_` after its stem (`CON.pdf` → `CON_.pdf`), and a long name is
/// shortened keeping its extension.
pub fn portable_name(name: &str) -> String {
    let mut out: String =
        name.chars().map(|c| if c.is_control() || RESERVED.contains(&c) { '_' } else { c }).collect();
    out.truncate(out.trim_end_matches(['.', ' ']).len());
    if out.is_empty() {
        out.push('_');
    }
    if is_device_name(&out) {
        let stem_end = out.find('.').unwrap_or(out.len());
        let stem_len = out[..stem_end].trim_end_matches(' ').len();
        out.insert(stem_len, '_');
    }
    if out.len() > NAME_MAX_BYTES {
        let ext = match out.rfind('.') {
            Some(at) if at > 0 && out.len() - at <= 16 => out[at..].to_owned(),
            _ => String::new(),
        };
        let mut keep = NAME_MAX_BYTES - ext.len();
        while !out.is_char_boundary(keep) {
            keep -= 1;
        }
        out.truncate(keep);
        out.truncate(out.trim_end_matches(['.', ' ']).len());
        out.push_str(&ext);
    }
    out
}

/// The finding for one name on `path` that does not travel, saying what to rename it to: a file
/// or folder at import, an entry of a zip at `import-ectd`.
pub fn finding(path: &str, name: &str, problem: &NameProblem) -> Finding {
    let rename = &problem.rename_to;
    match problem.rule {
        NameRule::Control => {
            let (path, name) = (path.escape_debug().to_string(), name.escape_debug().to_string());
            Finding::new(
                "DB-IMP-NAME-CONTROL",
                Severity::Warning,
                format!("{path} has control characters in its name {name}; rename it to {rename}"),
            )
            .coded("name-control", [("path", &path), ("name", &name), ("rename", rename)])
        }
        NameRule::Trailing => {
            // Quoted, so that the dot or space at the end shows.
            let (path, name, rename) = (format!("{path:?}"), format!("{name:?}"), format!("{rename:?}"));
            Finding::new(
                "DB-IMP-NAME-TRAILING",
                Severity::Warning,
                format!(
                    "{path} has a name or folder ending in a dot or a space ({name}); Windows cannot hold such a name and some zip tools strip it — rename it to {rename}"
                ),
            )
            .coded("name-trailing", [("path", &path), ("name", &name), ("rename", &rename)])
        }
        NameRule::ReservedCharacter(ch) => {
            let ch = ch.to_string();
            Finding::new(
                "DB-IMP-NAME-CHARACTER",
                Severity::Warning,
                format!(
                    "{path}: the name {name} holds {ch}, which Windows does not allow in a name (< > : \" / \\ | ? *) — rename it to {rename}"
                ),
            )
            .coded("name-reserved-character", [("path", path), ("name", name), ("character", &ch), ("rename", rename)])
        }
        NameRule::DeviceName => Finding::new(
            "DB-IMP-NAME-DEVICE",
            Severity::Warning,
            format!(
                "{path}: {name} is a device name on Windows (CON, PRN, AUX, NUL, COM0–COM9, LPT0–LPT9, with any extension), which no file there can have — rename it to {rename}"
            ),
        )
        .coded("name-device", [("path", path), ("name", name), ("rename", rename)]),
        NameRule::TooLong { bytes } => {
            let bytes = bytes.to_string();
            Finding::new(
                "DB-IMP-NAME-LONG",
                Severity::Warning,
                format!("{path}: a name is {bytes} bytes long, over the 255 that Linux, macOS and Windows hold — rename it to {rename}"),
            )
            .coded("name-too-long", [("path", path), ("bytes", &bytes), ("rename", rename)])
        }
    }
}

/// How two names twin: equal once Unicode-normalised (NFC), or once letter case is ignored too.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Twin {
    /// Equal after NFC (`é` written as one character or as `e` + combining accent).
    Normalisation,
    /// Equal after NFC and case folding, but not after NFC alone.
    LetterCase,
}

/// The key under which a case-insensitive, normalising file system (Windows, macOS) files a
/// name: NFC, lower-cased, NFC again (lower-casing can denormalise).
pub fn fold(name: &str) -> String {
    name.nfc().collect::<String>().to_lowercase().nfc().collect()
}

/// For each of `names` (paths or names, compared whole), another of them that is a different
/// string but one file on macOS or Windows, and how; `None` for a name with no twin.
pub fn twins(names: &[&str]) -> Vec<Option<(usize, Twin)>> {
    let folded: Vec<(String, String)> = names
        .iter()
        .map(|n| (n.nfc().collect::<String>(), fold(n)))
        .collect();
    let mut groups: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, (_, key)) in folded.iter().enumerate() {
        groups.entry(key).or_default().push(i);
    }
    let mut out = vec![None; names.len()];
    for group in groups.values().filter(|g| g.len() > 1) {
        for &i in group {
            // A twin by normalisation is the more surprising one: the names look identical.
            let other = |want_nfc_equal: bool| {
                group.iter().copied().find(|&j| names[j] != names[i] && (folded[j].0 == folded[i].0) == want_nfc_equal)
            };
            out[i] = other(true).map(|j| (j, Twin::Normalisation)).or_else(|| other(false).map(|j| (j, Twin::LetterCase)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(name: &str) -> Option<NameRule> {
        portable_name_problem(name).map(|p| p.rule)
    }

    #[test]
    fn ordinary_names_travel() {
        for name in ["letter.pdf", "说明书-中文.pdf", "Résumé.pdf", "a.b.c", ".hidden", "CONSOLE.pdf", "COM10.pdf", "nul-report.pdf", "LPT.pdf", "x".repeat(255).as_str()] {
            assert_eq!(rule(name), None, "{name}");
        }
    }

    #[test]
    fn device_names_are_refused_with_any_case_and_extension() {
        for name in ["CON", "con.pdf", "Aux.txt", "NUL.tar.gz", "PRN", "COM1", "com0.pdf", "LPT9", "lpt1.doc", "COM¹.pdf", "NUL .txt"] {
            assert_eq!(rule(name), Some(NameRule::DeviceName), "{name}");
        }
        assert_eq!(portable_name("CON.pdf"), "CON_.pdf");
        assert_eq!(portable_name("aux"), "aux_");
        assert_eq!(portable_name("NUL .txt"), "NUL_ .txt");
        assert_eq!(portable_name_problem("NUL .txt").and_then(|p| portable_name_problem(&p.rename_to)), None);
    }

    #[test]
    fn reserved_characters_are_refused_and_replaced() {
        for c in RESERVED {
            assert_eq!(rule(&format!("a{c}b.pdf")), Some(NameRule::ReservedCharacter(c)), "{c}");
        }
        assert_eq!(portable_name("a:b.pdf"), "a_b.pdf");
        assert_eq!(portable_name("<>|?\"*"), "______");
    }

    #[test]
    fn control_characters_are_refused() {
        assert_eq!(rule("bell\u{7}.pdf"), Some(NameRule::Control));
        assert_eq!(rule("esc\u{1b}[31m.pdf"), Some(NameRule::Control));
        assert_eq!(rule("del\u{7f}.pdf"), Some(NameRule::Control));
        assert_eq!(portable_name("tab\t.pdf"), "tab_.pdf");
    }

    #[test]
    fn trailing_dots_and_spaces_are_refused_and_trimmed() {
        for name in ["letter.pdf.", "annex ", "x. . ", "..."] {
            assert_eq!(rule(name), Some(NameRule::Trailing), "{name:?}");
        }
        assert_eq!(portable_name("letter.pdf."), "letter.pdf");
        assert_eq!(portable_name("annex "), "annex");
        assert_eq!(portable_name("..."), "_", "a name of only dots becomes something");
        // Trimming can reveal a device name: it is corrected too.
        assert_eq!(portable_name("con."), "con_");
    }

    #[test]
    fn names_over_255_bytes_are_refused_and_shortened_keeping_the_extension() {
        let long = format!("{}.pdf", "说".repeat(90)); // 270 + 4 bytes
        assert_eq!(rule(&long), Some(NameRule::TooLong { bytes: 274 }));
        let short = portable_name(&long);
        assert!(short.len() <= NAME_MAX_BYTES && short.ends_with(".pdf") && short.starts_with("说说"), "{short}");
        assert_eq!(portable_name_problem(&short), None);
        assert_eq!(rule(&"x".repeat(256)), Some(NameRule::TooLong { bytes: 256 }));
    }

    #[test]
    fn every_suggestion_is_itself_portable() {
        for name in ["a:b.", "CON:.pdf", "<>", " ", "com1 .", &format!("{}:{}", "a".repeat(200), "b".repeat(100))] {
            let p = portable_name_problem(name).expect("a problem");
            assert_eq!(portable_name_problem(&p.rename_to), None, "{name:?} → {:?}", p.rename_to);
        }
    }

    #[test]
    fn twins_by_normalisation_and_by_letter_case_are_found() {
        let nfc = "caf\u{e9}.pdf";
        let nfd = "cafe\u{301}.pdf";
        let names = [nfc, nfd, "CAFÉ.pdf", "other.pdf", "Other.PDF", "alone.pdf"];
        let found = twins(&names);
        assert_eq!(found[0], Some((1, Twin::Normalisation)));
        assert_eq!(found[1], Some((0, Twin::Normalisation)));
        assert_eq!(found[2], Some((0, Twin::LetterCase)));
        assert_eq!(found[3], Some((4, Twin::LetterCase)));
        assert_eq!(found[4], Some((3, Twin::LetterCase)));
        assert_eq!(found[5], None);
        assert_eq!(twins(&["a/É/x.pdf", "a/E\u{301}/x.pdf"])[0], Some((1, Twin::Normalisation)), "folders twin too");
        assert_eq!(twins(&["same.pdf", "same.pdf"]), [None, None], "one name given twice is no twin");
    }
}
