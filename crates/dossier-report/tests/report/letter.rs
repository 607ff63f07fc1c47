use dossier_report::{FontPaths, LetterInput, Pdf, cover_letter};

use super::support::{applications, check_pdf, date, facts, flat, templates};

fn letter(app_id: &str) -> Pdf {
    let facts = facts();
    let apps = applications();
    let app = apps.iter().find(|a| a.id == app_id).expect("the sample has the application");
    let profile = templates().profiles.get(&app.profile).expect("the profile is built in");
    cover_letter(&LetterInput { profile, application: app, facts: &facts, date: date() }, &FontPaths::default())
        .expect("the letter renders")
}

#[test]
fn the_fda_letter_is_english_and_names_the_product_and_applicant() {
    let pdf = letter("app_us");
    let text = flat(&check_pdf(&pdf.bytes, 1));
    for expected in [
        "Cover letter",
        "U.S. Food and Drug Administration",
        "20 November 2026",
        "FDA NDA (505(b)(1)): Examplix (examplinib)",
        "Shenzhen Examplar Biopharma Co., Ltd.",
        "Dear Sir or Madam,",
        "Application details",
        "Page 1 of 1",
    ] {
        assert!(text.contains(expected), "`{expected}` in the FDA letter:\n{text}");
    }
}

#[test]
fn the_ema_letter_is_addressed_to_the_agency() {
    let text = flat(&check_pdf(&letter("app_eu").bytes, 1));
    assert!(text.contains("European Medicines Agency") && text.contains("Yours faithfully,"), "{text}");
}

#[test]
fn the_hong_kong_letter_names_the_route_and_the_reference_approval() {
    let text = flat(&check_pdf(&letter("app_hk").bytes, 1));
    assert!(text.contains("Department of Health"), "{text}");
    assert!(text.contains("\"1+\" mechanism"), "the route title from the profile: {text}");
    assert!(text.contains("国药准字H20253127"), "the NMPA approval number as recorded: {text}");
    assert!(text.contains("易普利"), "the Chinese trade name: {text}");
}

#[test]
fn the_nmpa_letter_is_a_chinese_explanatory_letter() {
    let text = flat(&check_pdf(&letter("app_cn").bytes, 1));
    for expected in ["说明函", "国家药品监督管理局药品审评中心：", "事由：易普利（examplinib）注册申请", "特此说明。", "基本信息", "2026年11月20日", "第1页，共1页"] {
        assert!(text.contains(expected), "`{expected}` in the 说明函:\n{text}");
    }
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    assert_eq!(letter("app_cn").bytes, letter("app_cn").bytes, "letters are deterministic");
}

#[test]
fn an_unrecorded_fact_prints_as_not_recorded() {
    let mut facts = facts();
    facts.product.as_mut().expect("the sample has a product").route = None;
    let apps = applications();
    let app = apps.iter().find(|a| a.id == "app_us").expect("app_us");
    let profile = templates().profiles.get(&app.profile).expect("fda-nda");
    let pdf = cover_letter(&LetterInput { profile, application: app, facts: &facts, date: date() }, &FontPaths::default())
        .expect("renders");
    assert!(flat(&super::support::text(&pdf.bytes)).contains("[not recorded]"), "the gap is visible to the signer");
}
