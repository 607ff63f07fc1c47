//! Characters that must not reach a title, a name or a generated document: C0 and C1 control
//! characters (NUL, BEL, ESC …; tab, line feed and carriage return excepted) and the Unicode
//! bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), which make
//! text display in another order than it is stored (`cover\u{202E}fdp.exe` reads as
//! `coverexe.pdf`).

/// Whether `c` is one of those characters.
pub fn is_unsafe_text_char(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The unsafe characters `s` holds, each once, in order of first appearance.
pub fn unsafe_text_chars(s: &str) -> Vec<char> {
    let mut found = Vec::new();
    for c in s.chars().filter(|c| is_unsafe_text_char(*c)) {
        if !found.contains(&c) {
            found.push(c);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::unsafe_text_chars;

    #[test]
    fn controls_and_bidi_overrides_are_found_and_ordinary_text_is_not() {
        assert_eq!(unsafe_text_chars("a\u{7}b\u{1b}\u{202E}c\u{7}"), ['\u{7}', '\u{1b}', '\u{202E}']);
        assert_eq!(unsafe_text_chars("\u{0}\u{85}\u{2066}\u{2069}"), ['\u{0}', '\u{85}', '\u{2066}', '\u{2069}']);
        assert!(unsafe_text_chars("Quality overall summary 质量综述\tÉté\n").is_empty());
        assert!(unsafe_text_chars("\u{200E}\u{2067}").len() == 1, "the LRM mark is harmless, an isolate is not");
    }
}
