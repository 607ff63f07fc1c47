//! The table of contents of a built sequence or Hong Kong bundle, from plain rows, so the
//! packager can call it with whatever it planned (it owns where the PDF goes).

use serde::Serialize;

use crate::data::Labels;
use crate::doc::{Block, Doc, Table};
use crate::{Lang, Pdf, Result, fonts, layout, render};

/// One leaf of the sequence or bundle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TocRow {
    /// CTD section code (`1.2`, `3.2.P.5.1`, `hk:reference-approval`).
    pub section: String,
    pub title: String,
    /// Path inside the sequence or bundle.
    pub file: String,
    /// Page count when known (PDFs); `None` prints as empty.
    pub pages: Option<u32>,
    /// `new`, `replace`, `append` or `delete` (eCTD leaf operation); empty for Hong Kong.
    pub operation: String,
}

/// What the contents page shows besides the rows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Toc {
    /// e.g. "Examplinib: FDA NDA (505(b)(1)), sequence 0000".
    pub title: String,
    /// Extra lines under the title (application, applicant).
    pub subtitle: Vec<String>,
    /// Running header, left: product or applicant.
    pub header: String,
    pub author: String,
    pub lang: Lang,
    pub date: time::Date,
    pub rows: Vec<TocRow>,
}

/// Renders a table of contents: one table, its header repeated on every page, one bookmark for
/// the contents and one per Module (the first character of the section code, or its region
/// prefix).
pub fn table_of_contents(toc: &Toc, fonts: &crate::FontPaths) -> Result<Pdf> {
    let labels = Labels::get(toc.lang)?;
    let mut blocks = vec![Block::Title { title: toc.title.clone(), subtitle: toc.subtitle.clone() }];
    let module_of = |s: &str| s.split_once(':').map_or_else(|| s.chars().take(1).collect(), |(r, _)| r.to_owned());
    let mut rows = toc.rows.clone();
    // Sections in CTD order; within a section the order given.
    rows.sort_by_cached_key(|r| section_key(&r.section));
    let mut current: Option<String> = None;
    let mut chunk: Vec<Vec<String>> = Vec::new();
    // A Hong Kong bundle has no lifecycle: its contents drop the operation column, and its
    // headings are words (`gmp-certificates`), so the section column is wider.
    let lifecycle = rows.iter().any(|r| !r.operation.is_empty());
    let table = |rows: Vec<Vec<String>>| {
        let mut header = vec![labels.col_section.clone(), labels.col_title.clone(), labels.col_file.clone(), labels.col_pages.clone()];
        let widths = if lifecycle {
            header.push(labels.col_operation.clone());
            vec![1.3, 3.6, 3.6, 0.8, 1.1]
        } else {
            vec![2.2, 3.8, 3.8, 0.8]
        };
        Block::Table(Table { widths, header: Some(header), rows, first_col_bold: false, right_aligned: vec![3] })
    };
    for r in &rows {
        let module = module_of(&r.section);
        if current.as_ref() != Some(&module) {
            if !chunk.is_empty() {
                blocks.push(table(std::mem::take(&mut chunk)));
            }
            blocks.push(Block::H2(module_heading(&module, labels)));
            current = Some(module);
        }
        // The module heading names the region; the cell shows the heading's own code.
        let code = r.section.split_once(':').map_or(r.section.as_str(), |(_, c)| c);
        let mut cells = vec![code.to_owned(), r.title.clone(), r.file.clone(), r.pages.map(|p| p.to_string()).unwrap_or_default()];
        if lifecycle {
            cells.push(Labels::keyed(&labels.operation, &r.operation).to_owned());
        }
        chunk.push(cells);
    }
    if !chunk.is_empty() {
        blocks.push(table(chunk));
    }
    let doc = Doc {
        lang: toc.lang,
        title: format!("{}: {}", labels.toc_title, toc.title),
        header_left: toc.header.clone(),
        header_right: labels.toc_title.clone(),
        author: toc.author.clone(),
        subject: labels.toc_title.clone(),
        date: toc.date,
        blocks,
    };
    let fonts = fonts::load(fonts, toc.lang)?;
    let laid = layout::layout(&fonts, &doc.blocks);
    render::render(&fonts, &doc, &laid, &|n, total| labels.page_label(n, total))
}

fn module_heading(module: &str, labels: &Labels) -> String {
    match module.parse::<u8>() {
        Ok(n) => crate::data::fill(&labels.toc_module, &[("n", n.to_string())]),
        // Regional Module 1 codes (`hk:…`) carry their region instead of a number.
        Err(_) => format!("{} ({module})", crate::data::fill(&labels.toc_module, &[("n", "1".into())])),
    }
}

/// `3.2.P.10` after `3.2.P.9`: numeric parts compare as numbers; regional codes first (Module 1).
fn section_key(s: &str) -> (u8, Vec<(u32, String)>) {
    let (regional, code) = match s.split_once(':') {
        Some((_, c)) => (0, c),
        None => (1, s),
    };
    let parts = code.split('.').map(|p| p.parse::<u32>().map_or((u32::MAX, p.to_owned()), |n| (n, String::new()))).collect();
    (regional, parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_sort_numerically_with_regional_codes_first() {
        let mut codes = vec!["3.2.P.10", "3.2.P.9", "hk:cover-letter", "1.2", "2.5"];
        codes.sort_by_cached_key(|s| section_key(s));
        assert_eq!(codes, vec!["hk:cover-letter", "1.2", "2.5", "3.2.P.9", "3.2.P.10"]);
    }
}
