//! Laid-out pages to PDF bytes with krilla: running header and footer with "page n of N",
//! bookmarks, document information. PDF 1.7, no encryption, fonts embedded as subsets.
//!
//! Deterministic: krilla derives the file ids from the content and the metadata, and the only
//! date written is the injected one, so the same input gives the same bytes.

use krilla::color::rgb;
use krilla::configure::{ConfigurationBuilder, PdfVersion};
use krilla::destination::XyzDestination;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::{DateTime, Metadata};
use krilla::num::NormalizedF32;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::{Document, SerializeSettings};

use crate::doc::Doc;
use crate::fonts::Fonts;
use crate::layout::{Laid, MARGIN_L, MARGIN_R, Mark, Op, PAGE_H, PAGE_W, Rgb};
use crate::{Error, Pdf};

fn fill(s: &mut Surface, (r, g, b): Rgb) {
    s.set_fill(Some(Fill { paint: rgb::Color::new(r, g, b).into(), opacity: NormalizedF32::ONE, rule: Default::default() }));
}

fn line(s: &mut Surface, (x1, y1, x2, y2): (f32, f32, f32, f32), width: f32, (r, g, b): Rgb) {
    let mut pb = PathBuilder::new();
    pb.move_to(x1, y1);
    pb.line_to(x2, y2);
    if let Some(path) = pb.finish() {
        s.set_fill(None);
        s.set_stroke(Some(Stroke { paint: rgb::Color::new(r, g, b).into(), width, ..Default::default() }));
        s.draw_path(&path);
        s.set_stroke(None);
    }
}

#[allow(clippy::too_many_arguments)]
fn text(s: &mut Surface, fonts: &Fonts, x: f32, y: f32, size: f32, bold: bool, colour: Rgb, t: &str) {
    let t = &*clean(t);
    fill(s, colour);
    let face = fonts.face(bold);
    s.draw_glyphs(Point::from_xy(x, y), &face.glyphs(t), face.font.clone(), t, size, false);
}

/// Every string that reaches the PDF (drawn text, bookmarks, metadata) passes here: control
/// characters and bidi overrides that got into the store anyway are never written
/// (`dossier_model::text`; input refuses them).
fn clean(t: &str) -> std::borrow::Cow<'_, str> {
    dossier_model::text::strip_unsafe_text(t)
}

/// Level-0 marks at the top, level-1 marks under the level-0 mark before them.
fn outline(marks: &[Mark]) -> Outline {
    let mut outline = Outline::new();
    let mut current: Option<OutlineNode> = None;
    for m in marks {
        let node = OutlineNode::new(clean(&m.title).into_owned(), XyzDestination::new(m.page, Point::from_xy(0.0, (m.y - 8.0).max(0.0))));
        match (m.level, current.as_mut()) {
            (0, _) => {
                if let Some(done) = current.replace(node) {
                    outline.push_child(done);
                }
            }
            (_, Some(parent)) => parent.push_child(node),
            (_, None) => outline.push_child(node),
        }
    }
    if let Some(done) = current {
        outline.push_child(done);
    }
    outline
}

pub(crate) fn render(fonts: &Fonts, doc: &Doc, laid: &Laid, page_label: &dyn Fn(usize, usize) -> String) -> Result<Pdf, Error> {
    let configuration =
        ConfigurationBuilder::new().with_version(PdfVersion::Pdf17).finish().map_err(|e| Error::Pdf(format!("{e:?}")))?;
    let settings = SerializeSettings { enable_tagging: false, configuration, ..Default::default() };
    let mut document = Document::new_with(settings);
    let total = laid.pages.len();
    let right = PAGE_W - MARGIN_R;
    const HEAD: Rgb = (70, 70, 70);
    for (i, page) in laid.pages.iter().enumerate() {
        let settings = PageSettings::from_wh(PAGE_W, PAGE_H).ok_or_else(|| Error::Pdf("bad page size".into()))?;
        let mut p = document.start_page_with(settings);
        let mut s = p.surface();
        text(&mut s, fonts, MARGIN_L, 44.0, 7.5, true, HEAD, &doc.header_left);
        let rw = fonts.regular.width(&doc.header_right, 7.5);
        text(&mut s, fonts, right - rw, 44.0, 7.5, false, HEAD, &doc.header_right);
        line(&mut s, (MARGIN_L, 51.0, right, 51.0), 0.6, (120, 120, 120));
        line(&mut s, (MARGIN_L, 790.0, right, 790.0), 0.6, (120, 120, 120));
        let label = page_label(i + 1, total);
        let lw = fonts.regular.width(&label, 7.5);
        text(&mut s, fonts, right - lw, 804.0, 7.5, false, HEAD, &label);
        let footer = format!("{} · {}", doc.title, crate::iso(doc.date));
        text(&mut s, fonts, MARGIN_L, 804.0, 7.0, false, HEAD, &footer);
        for op in &page.ops {
            match op {
                Op::Text { x, y, size, bold, colour, text: t } => text(&mut s, fonts, *x, *y, *size, *bold, *colour, t),
                Op::Line { x1, y1, x2, y2, width, colour } => line(&mut s, (*x1, *y1, *x2, *y2), *width, *colour),
                Op::Fill { x, y, w, h, colour } => {
                    let Some(rect) = Rect::from_xywh(*x, *y, *w, *h) else { continue };
                    let mut pb = PathBuilder::new();
                    pb.push_rect(rect);
                    if let Some(path) = pb.finish() {
                        fill(&mut s, *colour);
                        s.set_stroke(None);
                        s.draw_path(&path);
                    }
                }
            }
        }
        s.finish();
        p.finish();
    }
    document.set_outline(outline(&laid.marks));
    let d = doc.date;
    let created = DateTime::new(d.year() as u16).month(d.month() as u8).day(d.day()).hour(0).minute(0).second(0).utc_offset_hour(0).utc_offset_minute(0);
    document.set_metadata(
        Metadata::new()
            .title(clean(&doc.title).into_owned())
            .authors(vec![clean(&doc.author).into_owned()])
            .description(clean(&doc.subject).into_owned())
            .creator("Dossier Bridge".to_owned())
            .producer("Dossier Bridge (krilla)".to_owned())
            .language(doc.lang.bcp47().to_owned())
            .creation_date(created),
    );
    let bytes = document.finish().map_err(|e| Error::Pdf(format!("{e:?}")))?;
    Ok(Pdf { bytes, pages: total })
}
