//! The one font family every generated PDF embeds: Noto Sans CJK (SIL Open Font License), from
//! the Debian package `fonts-noto-cjk` that `scripts/install-system-deps.sh` installs.
//!
//! One family for Latin and Chinese text keeps every glyph in an embedded, subset font (no
//! reliance on the 14 standard fonts, which regulators' PDF rules exclude) and keeps Latin and
//! Chinese on the same baseline and weight. The font is never fetched at run time.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use krilla::text::Font;
use skrifa::MetadataProvider;
use skrifa::instance::{LocationRef, Size};

use crate::{Error, Lang};

/// The Debian package that provides the font files.
pub const FONT_PACKAGE: &str = "fonts-noto-cjk";

/// Where the two font collections are read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FontPaths {
    pub regular: PathBuf,
    pub bold: PathBuf,
}

impl Default for FontPaths {
    /// The fixed Debian locations; a different path would mean a font the tests never saw.
    fn default() -> Self {
        FontPaths {
            regular: "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc".into(),
            bold: "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc".into(),
        }
    }
}

/// Face index inside the Debian `.ttc` collections (`fc-query`): Simplified Chinese glyph forms
/// for English and 简体, Traditional (Taiwan) forms for 繁體.
fn face_index(lang: Lang) -> u32 {
    match lang {
        Lang::En | Lang::ZhHans => 2,
        Lang::ZhHant => 3,
    }
}

/// One face: the krilla font used for drawing, and advances for line breaking.
pub(crate) struct Face {
    pub font: Font,
    data: Arc<Vec<u8>>,
    index: u32,
    upem: f32,
}

impl std::fmt::Debug for Face {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Face").field("index", &self.index).finish_non_exhaustive()
    }
}

impl Face {
    fn new(data: Arc<Vec<u8>>, index: u32, path: &std::path::Path) -> Result<Face, Error> {
        let bad = || Error::Font(format!("{}: face {index} is not a usable font; reinstall {FONT_PACKAGE}", path.display()));
        let font = Font::new(data.clone().into(), index).ok_or_else(bad)?;
        let upem = skrifa::FontRef::from_index(&data, index)
            .map_err(|_| bad())?
            .metrics(Size::unscaled(), LocationRef::default())
            .units_per_em as f32;
        Ok(Face { font, data, index, upem })
    }

    /// Advance width of `text` at `size` points. No kerning: Noto Sans CJK kerns little, and
    /// wrapping keeps a margin for it.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        let Ok(f) = skrifa::FontRef::from_index(&self.data, self.index) else { return 0.0 };
        let charmap = f.charmap();
        let metrics = f.glyph_metrics(Size::unscaled(), LocationRef::default());
        let units: f32 = text
            .chars()
            .map(|c| metrics.advance_width(charmap.map(c).unwrap_or_default()).unwrap_or(self.upem * 0.5))
            .sum();
        units * size / self.upem
    }

    /// The glyphs of `text`, one per character from the font's character map with its advance
    /// — the same advances [`Face::width`] measures, so drawn lines are exactly as wide as the
    /// layout planned. Latin and CJK need no shaping; krilla's own shaping re-parsed the 20 MB
    /// face for every run of text (most of the time of a 1,400-row table of contents).
    pub fn glyphs(&self, text: &str) -> Vec<krilla::text::KrillaGlyph> {
        let Ok(f) = skrifa::FontRef::from_index(&self.data, self.index) else { return Vec::new() };
        let charmap = f.charmap();
        let metrics = f.glyph_metrics(Size::unscaled(), LocationRef::default());
        text.char_indices()
            .map(|(at, c)| {
                let glyph = charmap.map(c).unwrap_or_default();
                let advance = metrics.advance_width(glyph).unwrap_or(self.upem * 0.5) / self.upem;
                krilla::text::KrillaGlyph::new(
                    krilla::text::GlyphId::new(glyph.to_u32()),
                    advance,
                    0.0,
                    0.0,
                    0.0,
                    at..at + c.len_utf8(),
                    None,
                )
            })
            .collect()
    }
}

/// The regular and bold faces of one document.
#[derive(Debug)]
pub(crate) struct Fonts {
    pub regular: Face,
    pub bold: Face,
}

impl Fonts {
    pub fn face(&self, bold: bool) -> &Face {
        if bold { &self.bold } else { &self.regular }
    }
}

/// The bytes of the regular and bold collections, and where they came from.
type Loaded = (FontPaths, Arc<Vec<u8>>, Arc<Vec<u8>>);

/// The collections are 20 MB each: read once per process, not once per document.
static CACHE: Mutex<Option<Loaded>> = Mutex::new(None);

fn read(path: &std::path::Path) -> Result<Arc<Vec<u8>>, Error> {
    std::fs::read(path).map(Arc::new).map_err(|e| {
        Error::Font(format!(
            "cannot read the font {}: {e}; install the Debian package {FONT_PACKAGE} (scripts/install-system-deps.sh does)",
            path.display()
        ))
    })
}

pub(crate) fn load(paths: &FontPaths, lang: Lang) -> Result<Fonts, Error> {
    let mut cache = CACHE.lock().unwrap_or_else(|p| p.into_inner());
    let (regular, bold) = match cache.as_ref() {
        Some((p, r, b)) if p == paths => (r.clone(), b.clone()),
        _ => {
            let (r, b) = (read(&paths.regular)?, read(&paths.bold)?);
            *cache = Some((paths.clone(), r.clone(), b.clone()));
            (r, b)
        }
    };
    let index = face_index(lang);
    Ok(Fonts { regular: Face::new(regular, index, &paths.regular)?, bold: Face::new(bold, index, &paths.bold)? })
}
