//! The document model: what a sample PDF contains, independent of page layout.
//!
//! Content modules build a [`Doc`] with the small builder methods below; `layout` turns it into
//! pages and `render` into PDF bytes.

/// Language of a document (BCP-47 tag written into the PDF catalogue).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    En,
    ZhHans,
    ZhHant,
}

impl Lang {
    pub fn bcp47(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::ZhHans => "zh-Hans",
            Lang::ZhHant => "zh-Hant",
        }
    }
}

/// Deliberate defects applied after the PDF is written (see README "Planted problems").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Special {
    None,
    /// Encrypt with an open (user) password through `qpdf --encrypt`, AES-128.
    Encrypt { user: &'static str, owner: &'static str },
    /// Write as PDF 1.3: header `%PDF-1.3`, no XMP, no /Version in the catalogue.
    Pdf13,
}

/// A calendar date (the generator never reads the clock).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Date {
    pub y: u16,
    pub m: u8,
    pub d: u8,
}

pub const fn date(y: u16, m: u8, d: u8) -> Date {
    Date { y, m, d }
}

impl Date {
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.y, self.m, self.d)
    }
    /// "18 June 2025"
    pub fn long(self) -> String {
        const M: [&str; 12] = [
            "January", "February", "March", "April", "May", "June", "July", "August", "September",
            "October", "November", "December",
        ];
        format!("{} {} {}", self.d, M[(self.m - 1) as usize], self.y)
    }
}

#[derive(Clone, Debug)]
pub struct Table {
    /// Relative column widths (any unit; normalised to the text width).
    pub widths: Vec<f32>,
    pub header: Option<Vec<String>>,
    pub rows: Vec<Vec<String>>,
    /// Render the first column in bold (key/value tables).
    pub first_col_bold: bool,
    pub caption: Option<String>,
}

#[derive(Clone, Debug)]
pub enum Block {
    /// Document title with subtitle lines; also the first bookmark.
    Title { title: String, subtitle: Vec<String> },
    H1(String),
    H2(String),
    H3(String),
    P(String),
    /// Smaller grey text (notes, footnotes, abbreviations).
    Note(String),
    Bullets(Vec<String>),
    Table(Table),
    /// A framed panel (label artwork panels, stamps, boxed statements).
    Boxed { heading: String, lines: Vec<String> },
    /// Vertical space in points.
    Space(f32),
    PageBreak,
    /// Signature block: a rule, then the given lines.
    Sign(Vec<String>),
    /// Table of contents: (level, heading, 1-based page). Inserted by `layout`, not by content.
    Toc(Vec<(u8, String, usize)>),
}

/// Build a row of table cells from anything displayable.
#[macro_export]
macro_rules! row {
    ($($x:expr),* $(,)?) => { vec![$($x.to_string()),*] };
}

#[derive(Clone, Debug)]
pub struct Doc {
    /// Path relative to the `documents/` folder, with `/` separators.
    pub path: String,
    pub title: String,
    pub lang: Lang,
    /// Issuing organisation, shown top left on every page and used as the PDF author.
    pub org: String,
    /// Document reference shown top right on every page.
    pub reference: String,
    /// Date used for the PDF creation date.
    pub date: Date,
    pub blocks: Vec<Block>,
    pub special: Special,
}

impl Doc {
    pub fn new(path: &str, title: &str, lang: Lang, org: &str, reference: &str, date: Date) -> Doc {
        Doc {
            path: path.to_string(),
            title: title.to_string(),
            lang,
            org: org.to_string(),
            reference: reference.to_string(),
            date,
            blocks: Vec::new(),
            special: Special::None,
        }
    }

    pub fn special(mut self, s: Special) -> Doc {
        self.special = s;
        self
    }

    pub fn title(&mut self, title: &str, subtitle: &[&str]) -> &mut Self {
        self.blocks.push(Block::Title {
            title: title.to_string(),
            subtitle: subtitle.iter().map(|s| s.to_string()).collect(),
        });
        self
    }
    pub fn h1(&mut self, t: &str) -> &mut Self {
        self.blocks.push(Block::H1(t.to_string()));
        self
    }
    pub fn h2(&mut self, t: &str) -> &mut Self {
        self.blocks.push(Block::H2(t.to_string()));
        self
    }
    pub fn h3(&mut self, t: &str) -> &mut Self {
        self.blocks.push(Block::H3(t.to_string()));
        self
    }
    pub fn p(&mut self, t: &str) -> &mut Self {
        self.blocks.push(Block::P(t.to_string()));
        self
    }
    pub fn note(&mut self, t: &str) -> &mut Self {
        self.blocks.push(Block::Note(t.to_string()));
        self
    }
    pub fn bullets(&mut self, items: &[&str]) -> &mut Self {
        self.blocks.push(Block::Bullets(items.iter().map(|s| s.to_string()).collect()));
        self
    }
    /// A table with a header row.
    pub fn table(&mut self, widths: &[f32], header: &[&str], rows: Vec<Vec<String>>) -> &mut Self {
        self.blocks.push(Block::Table(Table {
            widths: widths.to_vec(),
            header: Some(header.iter().map(|s| s.to_string()).collect()),
            rows,
            first_col_bold: false,
            caption: None,
        }));
        self
    }
    /// A table with a caption above it.
    pub fn ctable(
        &mut self,
        caption: &str,
        widths: &[f32],
        header: &[&str],
        rows: Vec<Vec<String>>,
    ) -> &mut Self {
        self.blocks.push(Block::Table(Table {
            widths: widths.to_vec(),
            header: Some(header.iter().map(|s| s.to_string()).collect()),
            rows,
            first_col_bold: false,
            caption: Some(caption.to_string()),
        }));
        self
    }
    /// Key/value rows as a two-column framed table with bold keys.
    pub fn kv_rows(&mut self, rows: Vec<Vec<String>>) -> &mut Self {
        self.blocks.push(Block::Table(Table {
            widths: vec![32.0, 68.0],
            header: None,
            rows,
            first_col_bold: true,
            caption: None,
        }));
        self
    }
    pub fn boxed(&mut self, heading: &str, lines: &[&str]) -> &mut Self {
        self.blocks.push(Block::Boxed {
            heading: heading.to_string(),
            lines: lines.iter().map(|s| s.to_string()).collect(),
        });
        self
    }
    pub fn space(&mut self, pt: f32) -> &mut Self {
        self.blocks.push(Block::Space(pt));
        self
    }
    pub fn page_break(&mut self) -> &mut Self {
        self.blocks.push(Block::PageBreak);
        self
    }
    pub fn sign(&mut self, lines: &[&str]) -> &mut Self {
        self.blocks.push(Block::Sign(lines.iter().map(|s| s.to_string()).collect()));
        self
    }
}
