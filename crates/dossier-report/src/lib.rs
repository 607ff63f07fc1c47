//! Generated PDFs of Dossier Bridge: cover letters, tables of contents and the consultant's
//! gap report (with its CSV and JSON twins).
//!
//! Every PDF is PDF 1.7 without security, embeds subsets of Noto Sans CJK (read from the Debian
//! package `fonts-noto-cjk`, never fetched), has bookmarks for every section, page numbers and
//! document information, and is byte-identical for the same input: the date is an argument,
//! never the clock.
//!
//! Wording is data: letter texts in `templates/letters/`, report labels and the source
//! catalogue in `templates/report/`. This crate takes plain values (facts, analyses, rows) and
//! returns bytes; it never opens the project store and writes no files.
//!
//! Deliberately absent: packaging (the packager calls [`table_of_contents`] and places the
//! bytes), and any regulatory rule (that is `dossier-rules`).

mod data;
mod doc;
mod fonts;
mod gaps;
mod layout;
mod letter;
mod render;
mod toc;
mod wording;

pub use data::{Labels, SourceEntry, sources};
pub use fonts::{FONT_PACKAGE, FontPaths};
pub use gaps::{
    AppSection, AuditHead, BuildVerdict, FindingRow, GapReport, GapReportInput, ReuseRow, RouteConditionRow, RouteRow, RouteSection,
    SourceRow, gap_report, gap_report_csv, gap_report_json, gap_report_pdf,
};
pub use letter::{LetterInput, cover_letter};
pub use toc::{Toc, TocRow, table_of_contents};

use serde::Serialize;

/// One generated PDF.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pdf {
    pub bytes: Vec<u8>,
    pub pages: usize,
}

/// Language of a generated document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Default)]
pub enum Lang {
    #[default]
    #[serde(rename = "en")]
    En,
    #[serde(rename = "zh-Hans")]
    ZhHans,
    #[serde(rename = "zh-Hant")]
    ZhHant,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::En, Lang::ZhHans, Lang::ZhHant];

    pub fn bcp47(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::ZhHans => "zh-Hans",
            Lang::ZhHant => "zh-Hant",
        }
    }

    pub fn parse(s: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.bcp47().eq_ignore_ascii_case(s))
    }

    /// The template title in this language, the English one where the data has none.
    pub fn pick<'a>(self, en: &'a str, zh_hans: Option<&'a str>, zh_hant: Option<&'a str>) -> &'a str {
        match self {
            Lang::En => en,
            Lang::ZhHans => zh_hans.unwrap_or(en),
            Lang::ZhHant => zh_hant.or(zh_hans).unwrap_or(en),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The font files are missing or unusable; the message names the package to install.
    #[error("{0}")]
    Font(String),
    /// A template in `templates/letters/` or `templates/report/` is malformed.
    #[error("{file}: {message}")]
    Template { file: String, message: String },
    /// The input lacks what the document needs; the message says what to record.
    #[error("{0}")]
    Input(String),
    /// krilla could not write the document.
    #[error("could not write the PDF: {0}")]
    Pdf(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

pub(crate) fn iso(d: time::Date) -> String {
    dossier_model::day::format(d)
}
