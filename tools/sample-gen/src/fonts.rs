//! Font loading and text measurement.
//!
//! Every PDF embeds (a subset of) Noto Sans CJK SC, Regular and Bold, for both Latin and Chinese
//! text, so no document relies on a non-embedded standard font.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

use krilla::text::Font;
use skrifa::MetadataProvider;
use skrifa::instance::{LocationRef, Size};

const REGULAR: &str = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
const BOLD: &str = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc";
/// Index of "Noto Sans CJK SC" inside the Debian `.ttc` collections (see `fc-query`).
const SC_INDEX: u32 = 2;

/// One face: the krilla font used for drawing plus a width table used for line breaking.
pub struct Face {
    pub font: Font,
    data: Arc<Vec<u8>>,
    upem: f32,
    /// Advance per character, in font units.
    cache: RefCell<HashMap<char, f32>>,
}

impl Face {
    fn load(path: &str) -> Result<Face, String> {
        let bytes = std::fs::read(path).map_err(|e| {
            format!("cannot read {path}: {e} (install the Debian package fonts-noto-cjk)")
        })?;
        let data = Arc::new(bytes);
        let font = Font::new(data.clone().into(), SC_INDEX)
            .ok_or_else(|| format!("{path}: face {SC_INDEX} is not a usable font"))?;
        let upem = {
            let f = skrifa::FontRef::from_index(&data, SC_INDEX).map_err(|e| format!("{path}: {e}"))?;
            f.metrics(Size::unscaled(), LocationRef::default()).units_per_em as f32
        };
        Ok(Face { font, data, upem, cache: RefCell::new(HashMap::new()) })
    }

    /// Advance width of `text` at `size` points (no kerning; good enough for wrapping).
    pub fn width(&self, text: &str, size: f32) -> f32 {
        let mut cache = self.cache.borrow_mut();
        let mut units = 0.0;
        for c in text.chars() {
            let w = *cache.entry(c).or_insert_with(|| self.advance(c));
            units += w;
        }
        units * size / self.upem
    }

    fn advance(&self, c: char) -> f32 {
        let f = skrifa::FontRef::from_index(&self.data, SC_INDEX).expect("font checked at load");
        let gid = f.charmap().map(c).unwrap_or_default();
        f.glyph_metrics(Size::unscaled(), LocationRef::default())
            .advance_width(gid)
            .unwrap_or(self.upem * 0.5)
    }
}

/// The two faces every document uses.
pub struct Fonts {
    pub regular: Face,
    pub bold: Face,
}

impl Fonts {
    pub fn load() -> Result<Fonts, String> {
        Ok(Fonts { regular: Face::load(REGULAR)?, bold: Face::load(BOLD)? })
    }

    pub fn face(&self, bold: bool) -> &Face {
        if bold { &self.bold } else { &self.regular }
    }
}
