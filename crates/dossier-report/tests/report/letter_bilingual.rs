//! The Hong Kong cover letter in English and, when the facts give the product a Chinese name,
//! in Traditional Chinese after it (wording in `templates/letters/hk.toml` `[parallel]`).

use dossier_model::Facts;
use dossier_report::{FontPaths, LetterInput, Pdf, cover_letter};

use super::support::{applications, check_pdf, date, facts, flat, templates};

fn hk_letter(facts: &Facts) -> Pdf {
    let apps = applications();
    let app = apps.iter().find(|a| a.id == "app_hk").expect("the sample has app_hk");
    let profile = templates().profiles.get(&app.profile).expect("the HK profile is built in");
    cover_letter(&LetterInput { profile, application: app, facts, date: date() }, &FontPaths::default()).expect("the letter renders")
}

const CHINESE_BODY: &str = "Shenzhen Examplar Biopharma Co., Ltd. 謹此就易普利（examplinib）提交藥劑製品註冊申請，\
申請類別為「香港：新藥劑製品註冊」，評審途徑為「1+」機制。本產品已獲得的批准載於下表，隨附索引列出本申請的全部文件。\
如對本申請有任何查詢，請與簽署人聯絡。";

#[test]
fn with_a_chinese_trade_name_the_hong_kong_letter_is_english_then_traditional_chinese_on_one_page() {
    let pdf = hk_letter(&facts());
    assert_eq!(pdf.pages, 1);
    let text = flat(&check_pdf(&pdf.bytes, 1));
    let english = "Shenzhen Examplar Biopharma Co., Ltd. submits the enclosed application for the registration of Examplix \
(examplinib), film-coated tablet (50 mg; 100 mg), oral use.";
    for expected in [
        "Cover letter 申請信",
        "Dear Sir or Madam,",
        english,
        "Yours faithfully,",
        "事由：易普利（examplinib）註冊申請",
        "敬啟者：",
        CHINESE_BODY,
        "Authorised signatory 獲授權簽署人",
        "Application details 申請資料",
        "Applicant 申請人",
        "Planned submission date 計劃提交日期 31 March 2027",
        "Page 1 of 1",
    ] {
        assert!(text.contains(expected), "`{expected}` in the bilingual HK letter:\n{text}");
    }
    let (en_at, zh_at) = (text.find(english).unwrap(), text.find(CHINESE_BODY).unwrap());
    assert!(en_at < zh_at, "the Chinese version follows the English");
    assert!(!text.contains("[not recorded]") && !text.contains("〔未記錄〕"), "every fact of the sample is filled:\n{text}");
}

#[test]
fn the_bilingual_letter_embeds_the_traditional_chinese_face() {
    let pdf = hk_letter(&facts());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hk.pdf");
    std::fs::write(&path, &pdf.bytes).unwrap();
    let out = std::process::Command::new("pdffonts").arg(&path).output().expect("pdffonts runs");
    let fonts = String::from_utf8_lossy(&out.stdout);
    assert!(fonts.contains("NotoSansCJKtc"), "繁體 glyph forms for the Hong Kong text:\n{fonts}");
    assert!(!fonts.contains("NotoSansCJKsc"), "one face only:\n{fonts}");
}

#[test]
fn without_a_chinese_trade_name_the_hong_kong_letter_stays_english() {
    let mut facts = facts();
    facts.product.as_mut().expect("the sample has a product").trade_names.retain(|n| n.is_ascii());
    let pdf = hk_letter(&facts);
    let text = flat(&check_pdf(&pdf.bytes, 1));
    assert!(text.contains("Cover letter") && text.contains("Yours faithfully,"), "{text}");
    for absent in ["申請信", "敬啟者", "獲授權簽署人", "申請資料"] {
        assert!(!text.contains(absent), "no Chinese wording without a Chinese name (`{absent}`):\n{text}");
    }
}

#[test]
fn the_bilingual_letter_is_deterministic() {
    assert_eq!(hk_letter(&facts()).bytes, hk_letter(&facts()).bytes);
}
