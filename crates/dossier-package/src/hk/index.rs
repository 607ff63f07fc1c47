//! `index.csv` of a bundle: one row per file and checklist item (RFC 4180: comma-separated,
//! CRLF line ends, fields quoted when they hold a comma, quote or line break).
//!
//! The file starts with a UTF-8 byte-order mark: without it spreadsheet programs read the
//! Chinese titles as Latin-1 (the people opening this index use spreadsheets).

use super::IndexRow;

pub const FILE: &str = "index.csv";

const HEADER: [&str; 12] = [
    "file", "item", "item_title", "section", "section_title", "route", "document", "title", "sha256", "md5", "size", "role",
];

pub fn render_csv(rows: &[IndexRow]) -> Vec<u8> {
    let mut out = String::from("\u{FEFF}");
    push_record(&mut out, HEADER.iter().map(|s| (*s).to_owned()));
    for r in rows {
        push_record(
            &mut out,
            [
                r.path.clone(),
                r.item.clone(),
                r.item_title.clone(),
                r.section.clone(),
                r.section_title.clone(),
                r.route.clone().unwrap_or_default(),
                r.document.clone(),
                r.title.clone(),
                r.sha256.clone(),
                r.md5.clone(),
                r.size.to_string(),
                r.role.clone().unwrap_or_default(),
            ]
            .into_iter(),
        );
    }
    out.into_bytes()
}

fn push_record(out: &mut String, fields: impl Iterator<Item = String>) {
    for (i, f) in fields.enumerate() {
        if i > 0 {
            out.push(',');
        }
        // A leading = + - @ would make a spreadsheet evaluate a title as a formula; a quote
        // mark in front keeps it text (OWASP CSV injection).
        let f = if f.starts_with(['=', '+', '-', '@']) { format!("'{f}") } else { f };
        // No control character or bidi override is written (`dossier_model::text`).
        let f = dossier_model::text::strip_unsafe_text(&f).into_owned();
        if f.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&f.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&f);
        }
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(title: &str) -> IndexRow {
        IndexRow {
            path: "m1/gmp-certificates/gmp.pdf".into(),
            item: "HK-03".into(),
            item_title: "GMP".into(),
            section: "hk:gmp-certificates".into(),
            section_title: "GMP certificates (all sites)".into(),
            route: Some("1plus".into()),
            document: "doc_1".into(),
            title: title.into(),
            sha256: "a".repeat(64),
            md5: "b".repeat(32),
            size: 3,
            role: None,
        }
    }

    #[test]
    fn fields_with_commas_quotes_and_line_breaks_are_quoted_and_chinese_is_kept() {
        let text = String::from_utf8(render_csv(&[row("GMP, \"Huizhou\"\n证书")])).unwrap();
        assert!(text.starts_with('\u{FEFF}'), "a BOM so spreadsheets read UTF-8");
        assert!(text.contains(",\"GMP, \"\"Huizhou\"\"\n证书\","), "{text}");
        assert!(text.contains("GMP certificates (all sites)"), "parentheses need no quoting: {text}");
    }

    #[test]
    fn a_title_that_looks_like_a_formula_stays_text() {
        let text = String::from_utf8(render_csv(&[row("=HYPERLINK(\"x\")")])).unwrap();
        assert!(text.contains("\"'=HYPERLINK(\"\"x\"\")\""), "{text}");
    }
}
