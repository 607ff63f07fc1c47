//! Characters that must never be in a name or title the program stores or writes: control
//! characters (Unicode category Cc: C0, DEL and C1 — NUL, BEL, ESC…) and the bidirectional
//! embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069).
//!
//! Why: a control character truncates or corrupts what other programs read (NUL ends a C
//! string; XML 1.0 cannot hold most C0 at all), rings or rewrites a terminal (BEL, ESC
//! sequences), and a bidi override makes a name display in an order other than the one stored
//! ("Trojan Source", CVE-2021-42574): a product or applicant name on a cover letter that reads
//! differently from what was filed. Tab and line feed are kept (multi-line text such as an
//! address holds them), and a carriage return only before a line feed (a file edited on
//! Windows). The left-to-right and right-to-left *marks* (U+200E, U+200F, U+061C) are kept:
//! names written in Arabic or Hebrew need them, and a mark cannot reorder the text around it.
//!
//! One place decides: input refuses text holding any of these ([`unsafe_text_chars`]); what
//! the program writes strips them ([`strip_unsafe_text`]) in case some got in anyway.

use std::borrow::Cow;

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Whether `c`, at this place in the text (`next` is the character after it), is unsafe.
fn unsafe_at(c: char, next: Option<char>) -> bool {
    match c {
        '\t' | '\n' => false,
        '\r' => next != Some('\n'),
        c => c.is_control() || is_bidi_control(c),
    }
}

/// The unsafe characters in `text`, each once, in the order they first appear; empty when the
/// text is safe.
pub fn unsafe_text_chars(text: &str) -> Vec<char> {
    let mut found = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if unsafe_at(c, chars.peek().copied()) && !found.contains(&c) {
            found.push(c);
        }
    }
    found
}

/// `text` without its unsafe characters (borrowed when there are none).
pub fn strip_unsafe_text(text: &str) -> Cow<'_, str> {
    if unsafe_text_chars(text).is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if !unsafe_at(c, chars.peek().copied()) {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// How a message names an unsafe character: `U+202E (right-to-left override)`.
pub fn describe_char(c: char) -> String {
    let name = match c {
        '\0' => "NUL",
        '\u{7}' => "BEL, the bell",
        '\u{8}' => "backspace",
        '\r' => "carriage return",
        '\u{1B}' => "ESC, which starts terminal escape sequences",
        '\u{7F}' => "DEL",
        '\u{80}'..='\u{9F}' => "a C1 control character",
        '\u{202A}' => "left-to-right embedding",
        '\u{202B}' => "right-to-left embedding",
        '\u{202C}' => "pop directional formatting",
        '\u{202D}' => "left-to-right override",
        '\u{202E}' => "right-to-left override",
        '\u{2066}' => "left-to-right isolate",
        '\u{2067}' => "right-to-left isolate",
        '\u{2068}' => "first strong isolate",
        '\u{2069}' => "pop directional isolate",
        _ => "a control character",
    };
    format!("U+{:04X} ({name})", u32::from(c))
}

/// `what` (a field, named as the person wrote it) holds unsafe characters: the sentence that
/// says which and what to do, or `None` when the text is safe.
pub fn unsafe_text_problem(what: &str, text: &str) -> Option<String> {
    let found = unsafe_text_chars(text);
    if found.is_empty() {
        return None;
    }
    let list: Vec<String> = found.into_iter().map(describe_char).collect();
    Some(format!(
        "{what} holds {}, which must not be in a name or title (it would corrupt or disguise the text in letters, backbones and the store) — retype the value without it",
        list.join(", ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_and_bidi_characters_are_found_and_stripped_and_the_rest_kept() {
        let text = "Ex\u{0}am\u{7}pl\u{1B}[31m\u{85}i\u{7F}nib \u{202E}tset\u{202C} \u{2066}x\u{2069}";
        assert_eq!(unsafe_text_chars(text), ['\0', '\u{7}', '\u{1B}', '\u{85}', '\u{7F}', '\u{202E}', '\u{202C}', '\u{2066}', '\u{2069}']);
        assert_eq!(strip_unsafe_text(text), "Exampl[31minib tset x");
        for safe in ["Line one\nline two\tend", "CRLF\r\nline", "مرحبا\u{200F} World\u{200E}", "依沙替尼片 (Examplix)", "Zoë — “quoted”"] {
            assert!(unsafe_text_chars(safe).is_empty(), "{safe:?} is safe");
            assert!(matches!(strip_unsafe_text(safe), Cow::Borrowed(_)));
        }
        assert_eq!(unsafe_text_chars("lone\rreturn"), ['\r']);
        assert_eq!(strip_unsafe_text("a\r\nb\rc"), "a\r\nbc");
    }

    #[test]
    fn the_problem_names_the_field_and_each_character() {
        let p = unsafe_text_problem("product.applicant", "Acme\u{202E}gnp.exe").unwrap();
        assert!(p.starts_with("product.applicant holds U+202E (right-to-left override)"), "{p}");
        assert!(unsafe_text_problem("x", "fine").is_none());
    }
}
