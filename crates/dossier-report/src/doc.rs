//! What a generated PDF contains, independent of pages: a list of blocks that `layout` flows
//! onto A4 pages and `render` writes.

use crate::Lang;

/// A table whose header row repeats on every page it spans.
#[derive(Debug, Clone, Default)]
pub(crate) struct Table {
    /// Relative column widths (normalised to the text width).
    pub widths: Vec<f32>,
    pub header: Option<Vec<String>>,
    pub rows: Vec<Vec<String>>,
    /// Key/value tables: the first column in bold.
    pub first_col_bold: bool,
    /// Columns whose cells never wrap to a narrower width than their content (page numbers).
    pub right_aligned: Vec<usize>,
}

/// One bar of a horizontal bar chart.
#[derive(Debug, Clone)]
pub(crate) struct Bar {
    pub label: String,
    /// 0–100.
    pub percent: u8,
    /// Text after the bar ("12 of 40").
    pub note: String,
}

#[derive(Debug, Clone)]
pub(crate) enum Block {
    /// A large title with subtitle lines; a top-level bookmark.
    Title { title: String, subtitle: Vec<String> },
    /// Section heading; a bookmark at level 0.
    H1(String),
    /// Subsection heading; a bookmark at level 1.
    H2(String),
    /// A bold line without a bookmark.
    H3(String),
    P(String),
    /// Smaller grey text.
    Note(String),
    Table(Table),
    Chart { bars: Vec<Bar>, axis_label: String },
    /// Vertical space in points.
    Space(f32),
    PageBreak,
    /// A signature line followed by these lines.
    Sign(Vec<String>),
}

/// A document: blocks plus what the running header, footer and metadata show.
#[derive(Debug, Clone)]
pub(crate) struct Doc {
    pub lang: Lang,
    pub title: String,
    /// Left of the running header (product, applicant).
    pub header_left: String,
    /// Right of the running header (application, reference).
    pub header_right: String,
    pub author: String,
    pub subject: String,
    pub date: time::Date,
    pub blocks: Vec<Block>,
}
