//! Turns laid-out pages into PDF bytes with krilla: running header and footer (with the
//! "synthetic sample" notice and page numbers), bookmarks and document metadata.

use krilla::color::rgb;
use krilla::configure::{ConfigurationBuilder, PdfVersion};
use krilla::destination::XyzDestination;
use krilla::geom::{PathBuilder, Point};
use krilla::metadata::{DateTime, Metadata};
use krilla::num::NormalizedF32;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::text::TextDirection;
use krilla::{Document, SerializeSettings};

use crate::doc::{Doc, Lang, Special};
use crate::fonts::Fonts;
use crate::layout::{Laid, MARGIN_L, MARGIN_R, Mark, Op, PAGE_H, PAGE_W};

const NOTICE_EN: &str = "SYNTHETIC SAMPLE – fictional product, company and data (Dossier Bridge test fixture). Not for clinical or regulatory use.";
const NOTICE_HANS: &str = "合成示例文件：虚构的产品、企业和数据（Dossier Bridge 测试样例），不得用于临床或注册用途。SYNTHETIC SAMPLE";
const NOTICE_HANT: &str = "合成示例文件：虛構的產品、企業和數據（Dossier Bridge 測試樣例），不得用於臨床或註冊用途。SYNTHETIC SAMPLE";

fn notice(lang: Lang) -> &'static str {
    match lang {
        Lang::En => NOTICE_EN,
        Lang::ZhHans => NOTICE_HANS,
        Lang::ZhHant => NOTICE_HANT,
    }
}

fn page_label(lang: Lang, n: usize, total: usize) -> String {
    match lang {
        Lang::En => format!("Page {n} of {total}"),
        Lang::ZhHans => format!("第 {n} 页 / 共 {total} 页"),
        Lang::ZhHant => format!("第 {n} 頁 / 共 {total} 頁"),
    }
}

fn set_colour(s: &mut Surface, grey: u8) {
    s.set_fill(Some(Fill {
        paint: rgb::Color::new(grey, grey, grey).into(),
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    }));
}

fn line(s: &mut Surface, x1: f32, y1: f32, x2: f32, y2: f32, width: f32, grey: u8) {
    let mut pb = PathBuilder::new();
    pb.move_to(x1, y1);
    pb.line_to(x2, y2);
    if let Some(path) = pb.finish() {
        s.set_fill(None);
        s.set_stroke(Some(Stroke {
            paint: rgb::Color::new(grey, grey, grey).into(),
            width,
            ..Default::default()
        }));
        s.draw_path(&path);
        s.set_stroke(None);
    }
}

#[allow(clippy::too_many_arguments)]
fn text(s: &mut Surface, fonts: &Fonts, x: f32, y: f32, size: f32, bold: bool, grey: u8, t: &str) {
    set_colour(s, grey);
    s.draw_text(Point::from_xy(x, y), fonts.face(bold).font.clone(), size, t, false, TextDirection::Auto);
}

fn outline(marks: &[Mark]) -> Outline {
    let mut outline = Outline::new();
    let mut current: Option<OutlineNode> = None;
    for m in marks {
        let dest = XyzDestination::new(m.page, Point::from_xy(0.0, (m.y - 6.0).max(0.0)));
        let node = OutlineNode::new(m.title.clone(), dest);
        if m.level == 0 {
            if let Some(done) = current.take() {
                outline.push_child(done);
            }
            current = Some(node);
        } else if let Some(parent) = current.as_mut() {
            parent.push_child(node);
        } else {
            outline.push_child(node);
        }
    }
    if let Some(done) = current {
        outline.push_child(done);
    }
    outline
}

pub fn render(fonts: &Fonts, doc: &Doc, laid: &Laid) -> Result<Vec<u8>, String> {
    let version = if doc.special == Special::Pdf13 { PdfVersion::Pdf14 } else { PdfVersion::Pdf17 };
    let configuration = ConfigurationBuilder::new()
        .with_version(version)
        .finish()
        .map_err(|e| format!("{e:?}"))?;
    let settings = SerializeSettings {
        enable_tagging: false,
        xmp_metadata: doc.special != Special::Pdf13,
        configuration,
        ..Default::default()
    };
    let mut document = Document::new_with(settings);
    let total = laid.pages.len();
    for (i, page) in laid.pages.iter().enumerate() {
        let settings = PageSettings::from_wh(PAGE_W, PAGE_H).ok_or("bad page size")?;
        let mut p = document.start_page_with(settings);
        let mut s = p.surface();
        // Running header.
        let right = PAGE_W - MARGIN_R;
        text(&mut s, fonts, MARGIN_L, 44.0, 7.5, true, 70, &doc.org);
        let rw = fonts.regular.width(&doc.reference, 7.5);
        text(&mut s, fonts, right - rw, 44.0, 7.5, false, 70, &doc.reference);
        line(&mut s, MARGIN_L, 51.0, right, 51.0, 0.6, 120);
        // Running footer with the synthetic notice and the page number.
        line(&mut s, MARGIN_L, 788.0, right, 788.0, 0.6, 120);
        let label = page_label(doc.lang, i + 1, total);
        let lw = fonts.regular.width(&label, 7.5);
        text(&mut s, fonts, MARGIN_L, 800.0, 6.6, false, 60, notice(doc.lang));
        text(&mut s, fonts, right - lw, 812.0, 7.5, false, 60, &label);
        text(&mut s, fonts, MARGIN_L, 812.0, 6.6, false, 60, &format!("{} · {}", doc.title, doc.date.iso()));
        for op in &page.ops {
            match op {
                Op::Text { x, y, size, bold, grey, text: t } => {
                    text(&mut s, fonts, *x, *y, *size, *bold, if *grey { 85 } else { 0 }, t)
                }
                Op::Line { x1, y1, x2, y2, width } => line(&mut s, *x1, *y1, *x2, *y2, *width, 40),
                Op::Fill { x, y, w, h } => {
                    let mut pb = PathBuilder::new();
                    pb.push_rect(krilla::geom::Rect::from_xywh(*x, *y, *w, *h).ok_or("bad rect")?);
                    if let Some(path) = pb.finish() {
                        set_colour(&mut s, 228);
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
    let created = DateTime::new(d.y).month(d.m).day(d.d).hour(9).minute(30).second(0).utc_offset_hour(8).utc_offset_minute(0);
    document.set_metadata(
        Metadata::new()
            .title(doc.title.clone())
            .authors(vec![doc.org.clone()])
            .creator("Dossier Bridge sample-gen (synthetic test data)".to_string())
            .producer("krilla".to_string())
            .description(
                "Synthetic sample document for the fictional product Examplinib; not real data."
                    .to_string(),
            )
            .language(doc.lang.bcp47().to_string())
            .creation_date(created)
            .document_id(doc.path.clone()),
    );
    document.finish().map_err(|e| format!("{e:?}"))
}

