//! Flows blocks onto A4 pages: line wrapping for English (at spaces and after hyphens and
//! slashes) and Chinese (between any two characters, keeping closing punctuation off the start
//! of a line), tables that break across pages with their header repeated, a bar chart, and
//! bookmark positions. Output is drawing operations per page in krilla's top-left coordinates.

use crate::doc::{Bar, Block, Table};
use crate::fonts::Fonts;

pub(crate) const PAGE_W: f32 = 595.28;
pub(crate) const PAGE_H: f32 = 841.89;
pub(crate) const MARGIN_L: f32 = 62.0;
pub(crate) const MARGIN_R: f32 = 62.0;
const TOP: f32 = 82.0;
const BOTTOM: f32 = 772.0;
pub(crate) const TEXT_W: f32 = PAGE_W - MARGIN_L - MARGIN_R;

const BODY: f32 = 9.5;
const TABLE: f32 = 8.0;
const NOTE: f32 = 8.0;
const LEADING: f32 = 1.42;
/// Baseline below the top of a line box, as a fraction of the font size.
const ASCENT: f32 = 0.88;
const CELL_PAD: f32 = 3.0;

/// An RGB colour, 0–255 per channel.
pub(crate) type Rgb = (u8, u8, u8);
pub(crate) const BLACK: Rgb = (0, 0, 0);
const GREY: Rgb = (85, 85, 85);
const RULE: Rgb = (60, 60, 60);
const SHADE: Rgb = (230, 233, 238);

#[derive(Debug, Clone)]
pub(crate) enum Op {
    Text { x: f32, y: f32, size: f32, bold: bool, colour: Rgb, text: String },
    Line { x1: f32, y1: f32, x2: f32, y2: f32, width: f32, colour: Rgb },
    Fill { x: f32, y: f32, w: f32, h: f32, colour: Rgb },
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Page {
    pub ops: Vec<Op>,
}

/// A bookmark: outline level (0 = top), title, page index and y position.
#[derive(Debug, Clone)]
pub(crate) struct Mark {
    pub level: u8,
    pub title: String,
    pub page: usize,
    pub y: f32,
}

#[derive(Debug)]
pub(crate) struct Laid {
    pub pages: Vec<Page>,
    pub marks: Vec<Mark>,
}

pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FFF | 0x3000..=0x303F | 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF | 0xFF00..=0xFFEF)
}

/// Closing punctuation: never at the start of a line (GB/T 15834 and common practice).
fn no_line_start(c: char) -> bool {
    "，。、；：？！）》」』】〉％%,.;:?!)]}·".contains(c)
}

/// Opening brackets: never at the end of a line.
fn no_line_end(c: char) -> bool {
    "（《「『【〈([{".contains(c)
}

/// Unbreakable tokens: a Latin word, or one CJK character with the punctuation glued to it.
/// Spaces are tokens of their own.
fn tokens(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut open = String::new();
    for c in text.chars() {
        if c == ' ' {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            out.push(" ".into());
        } else if no_line_start(c) {
            match out.last_mut() {
                Some(last) if cur.is_empty() && last != " " => last.push(c),
                _ => cur.push(c),
            }
        } else if no_line_end(c) && is_cjk(c) {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            open.push(c);
        } else if is_cjk(c) {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            let mut t = std::mem::take(&mut open);
            t.push(c);
            out.push(t);
        } else {
            cur.push_str(&std::mem::take(&mut open));
            cur.push(c);
        }
    }
    cur.push_str(&open);
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Break points inside a long token: after hyphens, slashes, underscores, closing brackets and
/// commas (file paths, chemical names, ids).
fn split_long(tok: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut cur = String::new();
    for c in tok.chars() {
        cur.push(c);
        if "-/_)]},.".contains(c) {
            parts.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        parts.push(cur);
    }
    parts
}

/// Wraps `text` to `width` points; `\n` starts a new line.
pub(crate) fn wrap(fonts: &Fonts, text: &str, size: f32, bold: bool, width: f32) -> Vec<String> {
    let face = fonts.face(bold);
    let mut lines = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        let mut line_w = 0.0;
        let toks = tokens(para).into_iter().flat_map(|t| if face.width(&t, size) > width { split_long(&t) } else { vec![t] });
        for tok in toks {
            let w = face.width(&tok, size);
            if tok == " " {
                if !line.is_empty() {
                    line.push(' ');
                    line_w += w;
                }
                continue;
            }
            if line_w + w > width && !line.is_empty() {
                lines.push(std::mem::take(&mut line).trim_end().to_owned());
                line_w = 0.0;
            }
            if w > width {
                // Still too wide (a long id without break points): break between characters.
                for c in tok.chars() {
                    let cw = face.width(c.encode_utf8(&mut [0; 4]), size);
                    if line_w + cw > width && !line.is_empty() {
                        lines.push(std::mem::take(&mut line));
                        line_w = 0.0;
                    }
                    line.push(c);
                    line_w += cw;
                }
                continue;
            }
            line.push_str(&tok);
            line_w += w;
        }
        lines.push(line.trim_end().to_owned());
    }
    lines
}

struct Layouter<'a> {
    fonts: &'a Fonts,
    pages: Vec<Page>,
    marks: Vec<Mark>,
    y: f32,
}

impl<'a> Layouter<'a> {
    fn page(&mut self) -> &mut Page {
        self.pages.last_mut().expect("a layout always has a page")
    }

    fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = TOP;
    }

    /// Starts a new page unless `h` points still fit.
    fn ensure(&mut self, h: f32) {
        if self.y + h > BOTTOM && self.y > TOP {
            self.new_page();
        }
    }

    fn text(&mut self, x: f32, top: f32, size: f32, bold: bool, colour: Rgb, text: String) {
        if !text.is_empty() {
            self.page().ops.push(Op::Text { x, y: top + size * ASCENT, size, bold, colour, text });
        }
    }

    fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, width: f32) {
        self.page().ops.push(Op::Line { x1, y1, x2, y2, width, colour: RULE });
    }

    fn mark(&mut self, level: u8, title: &str) {
        let page = self.pages.len() - 1;
        self.marks.push(Mark { level, title: title.to_owned(), page, y: self.y });
    }

    fn flow(&mut self, text: &str, size: f32, bold: bool, colour: Rgb) {
        let lh = size * LEADING;
        for line in wrap(self.fonts, text, size, bold, TEXT_W) {
            self.ensure(lh);
            let y = self.y;
            self.text(MARGIN_L, y, size, bold, colour, line);
            self.y += lh;
        }
    }

    fn heading(&mut self, text: &str, size: f32, level: Option<u8>, before: f32) {
        let lines = wrap(self.fonts, text, size, true, TEXT_W);
        if self.y > TOP {
            self.y += before;
        }
        // A heading never ends a page: keep it with three lines of what follows.
        self.ensure(lines.len() as f32 * size * 1.3 + 3.0 * BODY * LEADING);
        if let Some(level) = level {
            self.mark(level, text);
        }
        for line in lines {
            let y = self.y;
            self.text(MARGIN_L, y, size, true, BLACK, line);
            self.y += size * 1.3;
        }
        self.y += size * 0.35;
    }

    fn table(&mut self, t: &Table) {
        let total: f32 = t.widths.iter().sum();
        let widths: Vec<f32> = t.widths.iter().map(|w| w / total * TEXT_W).collect();
        let lh = TABLE * 1.3;
        let wrap_row = |this: &Self, cells: &[String], header: bool| -> (f32, Vec<Vec<String>>) {
            let wrapped: Vec<Vec<String>> = cells
                .iter()
                .enumerate()
                .map(|(i, cell)| {
                    let w = widths.get(i).copied().unwrap_or(40.0) - 2.0 * CELL_PAD;
                    wrap(this.fonts, cell, TABLE, header || (t.first_col_bold && i == 0), w)
                })
                .collect();
            let n = wrapped.iter().map(Vec::len).max().unwrap_or(1).max(1);
            (n as f32 * lh + 2.0 * CELL_PAD, wrapped)
        };
        let draw_row = |this: &mut Self, cells: &[Vec<String>], h: f32, header: bool| {
            let top = this.y;
            if header {
                this.page().ops.push(Op::Fill { x: MARGIN_L, y: top, w: TEXT_W, h, colour: SHADE });
            }
            let mut x = MARGIN_L;
            for (i, lines) in cells.iter().enumerate() {
                let w = widths.get(i).copied().unwrap_or(40.0);
                let bold = header || (t.first_col_bold && i == 0);
                for (j, line) in lines.iter().enumerate() {
                    let lx = if t.right_aligned.contains(&i) && !header {
                        x + w - CELL_PAD - this.fonts.face(bold).width(line, TABLE)
                    } else {
                        x + CELL_PAD
                    };
                    this.text(lx, top + CELL_PAD + j as f32 * lh, TABLE, bold, BLACK, line.clone());
                }
                x += w;
            }
            this.line(MARGIN_L, top + h, MARGIN_L + TEXT_W, top + h, if header { 0.8 } else { 0.3 });
            this.y += h;
        };
        let header = t.header.as_ref().map(|h| wrap_row(self, h, true));
        let first_h = t.rows.first().map_or(0.0, |r| wrap_row(self, r, false).0);
        self.ensure(header.as_ref().map_or(0.0, |h| h.0) + first_h);
        self.line(MARGIN_L, self.y, MARGIN_L + TEXT_W, self.y, 0.8);
        if let Some((h, cells)) = &header {
            draw_row(self, cells, *h, true);
        }
        for row in &t.rows {
            let (h, cells) = wrap_row(self, row, false);
            if self.y + h > BOTTOM {
                self.new_page();
                self.line(MARGIN_L, self.y, MARGIN_L + TEXT_W, self.y, 0.8);
                if let Some((hh, hc)) = &header {
                    draw_row(self, hc, *hh, true);
                }
            }
            draw_row(self, &cells, h, false);
        }
        self.y += 8.0;
    }

    /// Horizontal bars, one per row, on a 0–100 % axis with grid lines every 25 %.
    fn chart(&mut self, bars: &[Bar], axis_label: &str) {
        const ROW: f32 = 26.0;
        const BAR: f32 = 15.0;
        let label_w = 150.0;
        let note_w = 78.0;
        let x0 = MARGIN_L + label_w;
        let plot_w = TEXT_W - label_w - note_w;
        let h = bars.len() as f32 * ROW + 28.0;
        self.ensure(h);
        let top = self.y;
        let bottom = top + bars.len() as f32 * ROW;
        for tick in [0u8, 25, 50, 75, 100] {
            let x = x0 + plot_w * f32::from(tick) / 100.0;
            self.page().ops.push(Op::Line { x1: x, y1: top, x2: x, y2: bottom, width: 0.4, colour: (190, 190, 190) });
            let label = format!("{tick}%");
            let w = self.fonts.regular.width(&label, 7.0);
            self.text(x - w / 2.0, bottom + 3.0, 7.0, false, GREY, label);
        }
        for (i, bar) in bars.iter().enumerate() {
            let y = top + i as f32 * ROW + (ROW - BAR) / 2.0;
            let label = wrap(self.fonts, &bar.label, 8.5, true, label_w - 8.0);
            let lines = label.len().min(2) as f32;
            for (j, line) in label.into_iter().take(2).enumerate() {
                let ly = y + BAR / 2.0 - lines * 8.5 * 1.2 / 2.0 + j as f32 * 8.5 * 1.2;
                self.text(MARGIN_L, ly, 8.5, true, BLACK, line);
            }
            self.page().ops.push(Op::Fill { x: x0, y, w: plot_w, h: BAR, colour: (240, 240, 240) });
            let w = plot_w * f32::from(bar.percent.min(100)) / 100.0;
            if w > 0.0 {
                self.page().ops.push(Op::Fill { x: x0, y, w, h: BAR, colour: band(bar.percent) });
            }
            let pct = format!("{}%", bar.percent);
            self.text(x0 + plot_w + 5.0, y + (BAR - 9.0) / 2.0 - 1.0, 9.0, true, BLACK, pct);
            self.text(x0 + plot_w + 30.0, y + (BAR - 7.5) / 2.0, 7.5, false, GREY, bar.note.clone());
        }
        self.line(x0, bottom, x0 + plot_w, bottom, 0.6);
        let w = self.fonts.regular.width(axis_label, 7.5);
        self.text(x0 + (plot_w - w) / 2.0, bottom + 13.0, 7.5, false, GREY, axis_label.to_owned());
        self.y = top + h + 6.0;
    }

    fn block(&mut self, b: &Block) {
        match b {
            Block::Title { title, subtitle } => {
                self.mark(0, title);
                for line in wrap(self.fonts, title, 18.0, true, TEXT_W) {
                    let y = self.y;
                    self.text(MARGIN_L, y, 18.0, true, BLACK, line);
                    self.y += 18.0 * 1.3;
                }
                self.y += 4.0;
                for s in subtitle {
                    self.flow(s, 10.5, false, BLACK);
                }
                self.y += 4.0;
                let y = self.y;
                self.line(MARGIN_L, y, MARGIN_L + TEXT_W, y, 1.4);
                self.y += 14.0;
            }
            Block::H1(t) => self.heading(t, 13.0, Some(0), 10.0),
            Block::H2(t) => self.heading(t, 10.8, Some(1), 7.0),
            Block::H3(t) => self.heading(t, 9.6, None, 4.0),
            Block::P(t) if t.is_empty() => {}
            Block::P(t) => {
                self.flow(t, BODY, false, BLACK);
                self.y += 4.5;
            }
            Block::Note(t) => {
                self.flow(t, NOTE, false, GREY);
                self.y += 4.0;
            }
            Block::Table(t) => self.table(t),
            Block::Chart { bars, axis_label } => self.chart(bars, axis_label),
            Block::Space(pt) => {
                self.y += pt;
                if self.y > BOTTOM {
                    self.new_page();
                }
            }
            Block::PageBreak => {
                if self.y > TOP {
                    self.new_page();
                }
            }
            Block::Sign(lines) => {
                self.ensure(30.0 + lines.len() as f32 * BODY * LEADING);
                self.y += 26.0;
                let y = self.y;
                self.line(MARGIN_L, y, MARGIN_L + 190.0, y, 0.6);
                self.y += 3.0;
                for l in lines {
                    self.flow(l, BODY, false, BLACK);
                }
            }
        }
    }
}

/// Bar colour by readiness band, so a reader sees the state without reading numbers.
fn band(percent: u8) -> Rgb {
    match percent {
        0..=49 => (196, 78, 62),
        50..=84 => (222, 160, 50),
        _ => (70, 150, 90),
    }
}

pub(crate) fn layout(fonts: &Fonts, blocks: &[Block]) -> Laid {
    let mut l = Layouter { fonts, pages: vec![Page::default()], marks: Vec::new(), y: TOP };
    for b in blocks {
        l.block(b);
    }
    Laid { pages: l.pages, marks: l.marks }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_splits_into_characters_with_punctuation_kept_on_the_left() {
        assert_eq!(tokens("说明函，致"), vec!["说", "明", "函，", "致"]);
    }

    #[test]
    fn an_opening_bracket_stays_with_the_character_after_it() {
        assert_eq!(tokens("易（普"), vec!["易", "（普"]);
    }

    #[test]
    fn english_splits_at_spaces_only() {
        assert_eq!(tokens("cover letter"), vec!["cover", " ", "letter"]);
    }

    #[test]
    fn long_paths_break_after_slashes_and_hyphens() {
        assert_eq!(split_long("m1/hk/cover-letter.pdf"), vec!["m1/", "hk/", "cover-", "letter.", "pdf"]);
    }
}
