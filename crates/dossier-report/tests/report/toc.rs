use dossier_report::{FontPaths, Lang, Toc, TocRow, table_of_contents};

use super::support::{check_pdf, date, flat};

fn rows(n: usize) -> Vec<TocRow> {
    let mut rows = vec![
        TocRow { section: "1.0".into(), title: "说明函".into(), file: "m1/cn/10-cover/cover-letter.pdf".into(), pages: Some(1), operation: "new".into() },
        TocRow { section: "3.2.P.5.1".into(), title: "Specifications".into(), file: "m3/32-body-data/32p-drug-prod/32p5-contr-drug-prod/32p51-spec/specifications.pdf".into(), pages: Some(12), operation: "replace".into() },
    ];
    for i in 0..n {
        rows.push(TocRow {
            section: "5.3.5.1".into(),
            title: format!("Clinical study report EXP-{i:03}"),
            file: format!("m5/53-clin-stud-rep/535-rep-effic-safety-stud/nsclc/5351-stud-rep-contr/exp-{i:03}/exp-{i:03}-csr.pdf"),
            pages: Some(100 + i as u32),
            operation: "new".into(),
        });
    }
    rows
}

fn toc(lang: Lang, n: usize) -> Toc {
    Toc {
        title: "Examplinib: FDA NDA (505(b)(1)), sequence 0000".into(),
        subtitle: vec!["Shenzhen Examplar Biopharma Co., Ltd.".into()],
        header: "Examplix (examplinib)".into(),
        author: "Shenzhen Examplar Biopharma Co., Ltd.".into(),
        lang,
        date: date(),
        rows: rows(n),
    }
}

#[test]
fn a_short_table_of_contents_fits_on_one_page() {
    let pdf = table_of_contents(&toc(Lang::En, 3), &FontPaths::default()).expect("renders");
    let text = flat(&check_pdf(&pdf.bytes, 1));
    for expected in ["Table of contents", "Module 1", "Module 3", "Module 5", "3.2.P.5.1", "Specifications", "说明函", "replace", "Page 1 of 1"] {
        assert!(text.contains(expected), "`{expected}`:\n{text}");
    }
}

#[test]
fn a_long_table_breaks_across_pages_and_repeats_its_header() {
    let pdf = table_of_contents(&toc(Lang::En, 80), &FontPaths::default()).expect("renders");
    assert!(pdf.pages >= 3, "80 rows take several pages, got {}", pdf.pages);
    let text = check_pdf(&pdf.bytes, pdf.pages);
    let pages: Vec<&str> = text.split('\u{c}').filter(|p| !p.trim().is_empty()).collect();
    assert_eq!(pages.len(), pdf.pages);
    for (i, page) in pages.iter().enumerate().skip(1) {
        assert!(page.contains("Operation"), "page {} repeats the header row:\n{page}", i + 1);
    }
    assert!(text.contains(&format!("Page {} of {}", pdf.pages, pdf.pages)), "page numbers");
}

#[test]
fn the_chinese_table_of_contents_uses_chinese_labels() {
    let pdf = table_of_contents(&toc(Lang::ZhHans, 1), &FontPaths::default()).expect("renders");
    let text = flat(&check_pdf(&pdf.bytes, 1));
    for expected in ["目录", "章节", "操作", "替换", "模块 3", "第1页，共1页"] {
        assert!(text.contains(expected), "`{expected}`:\n{text}");
    }
}

#[test]
fn the_same_rows_give_the_same_bytes() {
    let a = table_of_contents(&toc(Lang::En, 40), &FontPaths::default()).expect("renders");
    let b = table_of_contents(&toc(Lang::En, 40), &FontPaths::default()).expect("renders");
    assert_eq!(a.bytes, b.bytes, "deterministic output");
}
