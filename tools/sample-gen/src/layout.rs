//! Page layout: wraps text (Latin word breaks, CJK character breaks), paginates blocks and
//! tables, and records bookmark positions. Output is a list of drawing operations per page in
//! krilla's top-left coordinate system.

use crate::doc::{Block, Doc, Table};
use crate::fonts::Fonts;

pub const PAGE_W: f32 = 595.28;
pub const PAGE_H: f32 = 841.89;
pub const MARGIN_L: f32 = 62.0;
pub const MARGIN_R: f32 = 62.0;
/// Top of the text area (below the running header).
const TOP: f32 = 82.0;
/// Bottom of the text area (above the running footer).
const BOTTOM: f32 = 772.0;
const TEXT_W: f32 = PAGE_W - MARGIN_L - MARGIN_R;

const BODY: f32 = 9.5;
const TABLE: f32 = 8.3;
const NOTE: f32 = 8.0;
const LEADING: f32 = 1.42;
/// Baseline offset from the top of a line box, as a fraction of the font size.
const ASCENT: f32 = 0.9;
const CELL_PAD: f32 = 3.2;

#[derive(Clone, Debug)]
pub enum Op {
    Text { x: f32, y: f32, size: f32, bold: bool, grey: bool, text: String },
    Line { x1: f32, y1: f32, x2: f32, y2: f32, width: f32 },
    Fill { x: f32, y: f32, w: f32, h: f32 },
}

#[derive(Clone, Debug, Default)]
pub struct Page {
    pub ops: Vec<Op>,
}

/// A bookmark: outline level (0 = top), text, page index and y position.
#[derive(Clone, Debug)]
pub struct Mark {
    pub level: u8,
    pub title: String,
    pub page: usize,
    pub y: f32,
}

pub struct Laid {
    pub pages: Vec<Page>,
    pub marks: Vec<Mark>,
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FFF | 0x3000..=0x303F | 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF | 0xFF00..=0xFFEF)
}

/// Characters that must not start a line (attached to the previous token).
fn no_line_start(c: char) -> bool {
    "，。、；：？！）》」』】〉%,.;:?!)]}·".contains(c)
}

/// Characters that must not end a line (attached to the next token).
fn no_line_end(c: char) -> bool {
    "（《「『【〈([{".contains(c)
}

/// Split text into unbreakable tokens; spaces are their own tokens.
fn tokens(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut pending_open = String::new();
    let flush = |cur: &mut String, out: &mut Vec<String>| {
        if !cur.is_empty() {
            out.push(std::mem::take(cur));
        }
    };
    for c in text.chars() {
        if c == ' ' {
            flush(&mut cur, &mut out);
            out.push(" ".to_string());
        } else if no_line_start(c) {
            if let Some(last) = out.last_mut().filter(|t| cur.is_empty() && t.as_str() != " ") {
                last.push(c);
                continue;
            }
            cur.push(c);
        } else if no_line_end(c) && is_cjk(c) {
            flush(&mut cur, &mut out);
            pending_open.push(c);
        } else if is_cjk(c) {
            flush(&mut cur, &mut out);
            let mut t = std::mem::take(&mut pending_open);
            t.push(c);
            out.push(t);
        } else {
            if !pending_open.is_empty() {
                flush(&mut cur, &mut out);
                cur.push_str(&std::mem::take(&mut pending_open));
            }
            cur.push(c);
        }
    }
    cur.push_str(&pending_open);
    flush(&mut cur, &mut out);
    out
}

/// Split an overlong token after hyphens, closing brackets and commas (chemical names), so it
/// can wrap at sensible points.
fn split_long(tok: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut cur = String::new();
    for c in tok.chars() {
        cur.push(c);
        if "-)]},/".contains(c) {
            parts.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        parts.push(cur);
    }
    parts
}

/// Wrap `text` to `width` points. Explicit `\n` starts a new line.
pub fn wrap(fonts: &Fonts, text: &str, size: f32, bold: bool, width: f32) -> Vec<String> {
    let face = fonts.face(bold);
    let mut lines = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        let mut line_w = 0.0;
        let mut toks: Vec<String> = Vec::new();
        for tok in tokens(para) {
            if face.width(&tok, size) > width {
                toks.extend(split_long(&tok));
            } else {
                toks.push(tok);
            }
        }
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
                lines.push(line.trim_end().to_string());
                line = String::new();
                line_w = 0.0;
            }
            if w > width {
                // Still too long: break it by characters.
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
        lines.push(line.trim_end().to_string());
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
    fn new(fonts: &'a Fonts) -> Self {
        Layouter { fonts, pages: vec![Page::default()], marks: Vec::new(), y: TOP }
    }

    fn page(&mut self) -> &mut Page {
        self.pages.last_mut().expect("at least one page")
    }

    fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = TOP;
    }

    /// Start a new page unless `h` points still fit.
    fn ensure(&mut self, h: f32) {
        if self.y + h > BOTTOM && self.y > TOP {
            self.new_page();
        }
    }

    fn text(&mut self, x: f32, top: f32, size: f32, bold: bool, grey: bool, text: String) {
        if text.is_empty() {
            return;
        }
        let right = x + self.fonts.face(bold).width(&text, size);
        if right > PAGE_W - MARGIN_R + 2.0 {
            eprintln!("sample-gen: warning: text runs into the right margin: {text:?}");
        }
        self.page().ops.push(Op::Text { x, y: top + size * ASCENT, size, bold, grey, text });
    }

    fn mark(&mut self, level: u8, title: &str) {
        let page = self.pages.len() - 1;
        self.marks.push(Mark { level, title: title.to_string(), page, y: self.y });
    }

    /// Wrapped lines flowing across pages.
    fn flow(&mut self, text: &str, size: f32, bold: bool, grey: bool, indent: f32, first: Option<&str>) {
        let lh = size * LEADING;
        let lines = wrap(self.fonts, text, size, bold, TEXT_W - indent);
        for (i, line) in lines.into_iter().enumerate() {
            self.ensure(lh);
            if let Some(bullet) = first.filter(|_| i == 0) {
                let y = self.y;
                self.text(MARGIN_L + indent - 10.0, y, size, bold, grey, bullet.to_string());
            }
            let y = self.y;
            self.text(MARGIN_L + indent, y, size, bold, grey, line);
            self.y += lh;
        }
    }

    fn heading(&mut self, text: &str, size: f32, level: Option<u8>, before: f32) {
        let lines = wrap(self.fonts, text, size, true, TEXT_W);
        let h = lines.len() as f32 * size * 1.3;
        if self.y > TOP {
            self.y += before;
        }
        // Keep the heading with at least three body lines.
        self.ensure(h + 3.0 * BODY * LEADING);
        if let Some(level) = level {
            self.mark(level, text);
        }
        for line in lines {
            let y = self.y;
            self.text(MARGIN_L, y, size, true, false, line);
            self.y += size * 1.3;
        }
        self.y += size * 0.35;
    }

    fn table(&mut self, t: &Table) {
        let total: f32 = t.widths.iter().sum();
        let widths: Vec<f32> = t.widths.iter().map(|w| w / total * TEXT_W).collect();
        let lh = TABLE * 1.3;
        if let Some(caption) = &t.caption {
            self.ensure(NOTE * LEADING + 3.0 * lh);
            self.flow(caption, 8.8, true, false, 0.0, None);
            self.y += 1.5;
        }
        let header = t.header.as_ref();
        let row_h = |this: &Self, cells: &[String], bold_first: bool, all_bold: bool| -> (f32, Vec<Vec<String>>) {
            let mut wrapped = Vec::new();
            let mut max = 1;
            for (i, cell) in cells.iter().enumerate() {
                let w = widths.get(i).copied().unwrap_or(40.0) - 2.0 * CELL_PAD;
                let bold = all_bold || (bold_first && i == 0);
                let lines = wrap(this.fonts, cell, TABLE, bold, w);
                max = max.max(lines.len());
                wrapped.push(lines);
            }
            (max as f32 * lh + 2.0 * CELL_PAD, wrapped)
        };
        let draw_row = |this: &mut Self, wrapped: &[Vec<String>], h: f32, shaded: bool, bold_first: bool, all_bold: bool| {
            let top = this.y;
            if shaded {
                this.page().ops.push(Op::Fill { x: MARGIN_L, y: top, w: TEXT_W, h });
            }
            this.page().ops.push(Op::Line { x1: MARGIN_L, y1: top, x2: MARGIN_L + TEXT_W, y2: top, width: 0.6 });
            let mut x = MARGIN_L;
            for (i, lines) in wrapped.iter().enumerate() {
                let bold = all_bold || (bold_first && i == 0);
                for (j, line) in lines.iter().enumerate() {
                    this.text(x + CELL_PAD, top + CELL_PAD + j as f32 * lh, TABLE, bold, false, line.clone());
                }
                this.page().ops.push(Op::Line { x1: x, y1: top, x2: x, y2: top + h, width: 0.6 });
                x += widths.get(i).copied().unwrap_or(40.0);
            }
            this.page().ops.push(Op::Line { x1: MARGIN_L + TEXT_W, y1: top, x2: MARGIN_L + TEXT_W, y2: top + h, width: 0.6 });
            this.y += h;
        };
        let close = |this: &mut Self| {
            let y = this.y;
            this.page().ops.push(Op::Line { x1: MARGIN_L, y1: y, x2: MARGIN_L + TEXT_W, y2: y, width: 0.6 });
        };
        let header_laid = header.map(|h| row_h(self, h, false, true));
        if let Some((hh, _)) = &header_laid {
            let first = t.rows.first().map(|r| row_h(self, r, t.first_col_bold, false).0).unwrap_or(0.0);
            self.ensure(hh + first);
        }
        if let Some((hh, hw)) = &header_laid {
            draw_row(self, hw, *hh, true, false, true);
        }
        for r in &t.rows {
            let (h, wrapped) = row_h(self, r, t.first_col_bold, false);
            if self.y + h > BOTTOM {
                close(self);
                self.new_page();
                if let Some((hh, hw)) = &header_laid {
                    draw_row(self, hw, *hh, true, false, true);
                }
            }
            draw_row(self, &wrapped, h, false, t.first_col_bold, false);
        }
        close(self);
        self.y += 7.0;
    }

    fn boxed(&mut self, heading: &str, lines: &[String]) {
        let inner = TEXT_W - 16.0;
        let mut laid: Vec<(String, bool, f32)> = Vec::new();
        for l in wrap(self.fonts, heading, 10.0, true, inner) {
            laid.push((l, true, 10.0));
        }
        for line in lines {
            for l in wrap(self.fonts, line, BODY, false, inner) {
                laid.push((l, false, BODY));
            }
        }
        let h: f32 = laid.iter().map(|(_, _, s)| s * LEADING).sum::<f32>() + 14.0;
        self.ensure(h);
        let top = self.y;
        let (l, r, b) = (MARGIN_L, MARGIN_L + TEXT_W, top + h);
        for (x1, y1, x2, y2) in [(l, top, r, top), (l, b, r, b), (l, top, l, b), (r, top, r, b)] {
            self.page().ops.push(Op::Line { x1, y1, x2, y2, width: 1.1 });
        }
        self.y += 7.0;
        for (text, bold, size) in laid {
            let y = self.y;
            self.text(MARGIN_L + 8.0, y, size, bold, false, text);
            self.y += size * LEADING;
        }
        self.y = b + 9.0;
    }

    fn block(&mut self, b: &Block) {
        match b {
            Block::Title { title, subtitle } => {
                self.mark(0, title);
                for line in wrap(self.fonts, title, 17.0, true, TEXT_W) {
                    let y = self.y;
                    self.text(MARGIN_L, y, 17.0, true, false, line);
                    self.y += 17.0 * 1.3;
                }
                self.y += 3.0;
                for s in subtitle {
                    self.flow(s, 10.5, false, false, 0.0, None);
                }
                self.y += 4.0;
                let y = self.y;
                self.page().ops.push(Op::Line { x1: MARGIN_L, y1: y, x2: MARGIN_L + TEXT_W, y2: y, width: 1.4 });
                self.y += 12.0;
            }
            Block::H1(t) => self.heading(t, 13.0, Some(0), 9.0),
            Block::H2(t) => self.heading(t, 11.0, Some(1), 6.0),
            Block::H3(t) => self.heading(t, 9.8, None, 4.0),
            Block::P(t) => {
                self.flow(t, BODY, false, false, 0.0, None);
                self.y += 4.5;
            }
            Block::Note(t) => {
                self.flow(t, NOTE, false, true, 0.0, None);
                self.y += 4.0;
            }
            Block::Bullets(items) => {
                for it in items {
                    self.flow(it, BODY, false, false, 14.0, Some("•"));
                    self.y += 1.5;
                }
                self.y += 3.0;
            }
            Block::Table(t) => self.table(t),
            Block::Boxed { heading, lines } => self.boxed(heading, lines),
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
            Block::Toc(entries) => {
                let zh = entries.iter().any(|(_, t, _)| t.chars().any(is_cjk));
                self.heading(if zh { "目录" } else { "Contents" }, 13.0, Some(0), 0.0);
                let right = MARGIN_L + TEXT_W;
                for (level, title, page) in entries {
                    let indent = if *level == 0 { 0.0 } else { 16.0 };
                    let size = if *level == 0 { BODY } else { 8.8 };
                    let num = page.to_string();
                    let nw = self.fonts.regular.width(&num, size);
                    let lines = wrap(self.fonts, title, size, false, TEXT_W - indent - 40.0);
                    for (i, line) in lines.iter().enumerate() {
                        self.ensure(size * LEADING);
                        let y = self.y;
                        self.text(MARGIN_L + indent, y, size, *level == 0, false, line.clone());
                        if i + 1 == lines.len() {
                            self.text(right - nw, y, size, false, false, num.clone());
                        }
                        self.y += size * LEADING;
                    }
                }
            }
            Block::Sign(lines) => {
                self.ensure(24.0 + lines.len() as f32 * BODY * LEADING);
                self.y += 22.0;
                let y = self.y;
                self.page().ops.push(Op::Line { x1: MARGIN_L, y1: y, x2: MARGIN_L + 190.0, y2: y, width: 0.7 });
                self.y += 3.0;
                for l in lines {
                    self.flow(l, BODY, false, false, 0.0, None);
                }
                self.y += 6.0;
            }
        }
    }
}

/// Documents with at least this many top-level headings get a table of contents page.
const TOC_MIN_HEADINGS: usize = 6;

fn run(fonts: &Fonts, blocks: &[Block]) -> Laid {
    let mut l = Layouter::new(fonts);
    for b in blocks {
        l.block(b);
    }
    Laid { pages: l.pages, marks: l.marks }
}

/// Lay out a document. Long documents get a contents page after the title block; its page
/// numbers come from a first pass (the contents block has the same size in both passes and is
/// followed by a page break, so the body paginates identically).
pub fn layout(fonts: &Fonts, doc: &Doc) -> Laid {
    let h1 = doc.blocks.iter().filter(|b| matches!(b, Block::H1(_))).count();
    let starts_with_title = matches!(doc.blocks.first(), Some(Block::Title { .. }));
    if h1 < TOC_MIN_HEADINGS || !starts_with_title {
        return run(fonts, &doc.blocks);
    }
    let with_toc = |entries: Vec<(u8, String, usize)>| {
        let mut blocks = vec![doc.blocks[0].clone(), Block::Toc(entries), Block::PageBreak];
        blocks.extend(doc.blocks[1..].iter().cloned());
        blocks
    };
    let headings: Vec<(u8, String)> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::H1(t) => Some((0, t.clone())),
            Block::H2(t) => Some((1, t.clone())),
            _ => None,
        })
        .collect();
    let first = run(fonts, &with_toc(headings.iter().map(|(l, t)| (*l, t.clone(), 0)).collect()));
    // Find each heading's mark in order (skipping the title and "Contents" marks).
    let mut marks = first.marks.iter().skip(2);
    let entries = headings
        .into_iter()
        .map(|(l, t)| {
            let page = marks.find(|m| m.title == t).map_or(0, |m| m.page + 1);
            (l, t, page)
        })
        .collect();
    run(fonts, &with_toc(entries))
}
