use dossier_report::{FONT_PACKAGE, FontPaths, Lang, Toc, table_of_contents};

#[test]
fn a_missing_font_is_reported_with_the_package_that_provides_it() {
    let paths = FontPaths { regular: "/nonexistent/NotoSansCJK-Regular.ttc".into(), bold: "/nonexistent/NotoSansCJK-Bold.ttc".into() };
    let toc = Toc {
        title: "t".into(),
        subtitle: vec![],
        header: "h".into(),
        author: "a".into(),
        lang: Lang::En,
        date: super::support::date(),
        rows: vec![],
    };
    let err = table_of_contents(&toc, &paths).expect_err("no font, no PDF").to_string();
    assert!(err.contains(FONT_PACKAGE) && err.contains("/nonexistent/NotoSansCJK-Regular.ttc"), "the message names the file and the package: {err}");
}

#[test]
fn the_default_font_paths_are_the_debian_ones() {
    let p = FontPaths::default();
    assert!(p.regular.starts_with("/usr/share/fonts/opentype/noto"), "{p:?}");
}
