use std::collections::BTreeSet;

use dossier_package::Region;
use dossier_package::validate::catalogue::{CHECKS, Catalogue};

#[test]
fn the_embedded_catalogue_loads_without_problems() {
    let c = Catalogue::embedded();
    assert!(c.problems.is_empty(), "{:#?}", c.problems);
    assert!(c.rules.len() > 150, "every EU v8.2 criterion and the FDA/NMPA rules are listed");
}

#[test]
fn every_check_in_code_is_named_by_an_implemented_rule_and_every_implemented_rule_names_one() {
    let c = Catalogue::embedded();
    let named: BTreeSet<&str> = c.rules.iter().filter(|r| r.implemented).filter_map(|r| r.check.as_deref()).collect();
    let code: BTreeSet<&str> = CHECKS.iter().copied().collect();
    assert_eq!(named, code, "implemented rules and checks in code must match one to one");
}

#[test]
fn every_eu_v8_2_criterion_of_the_spreadsheet_is_catalogued() {
    let c = Catalogue::embedded();
    let eu: Vec<&str> = c.region(Region::Eu).filter(|r| r.region == "eu").map(|r| r.id.as_str()).collect();
    assert_eq!(eu.len(), 111, "the v8.2 sheet lists 111 P/F and BP criteria");
    for id in ["1.3", "11.12", "15.3", "16.1", "16.2", "16.BP10"] {
        assert!(eu.contains(&id), "{id} is catalogued");
    }
}

#[test]
fn a_rule_without_a_published_number_must_carry_our_prefix() {
    let text = r#"
region = "cn"
source = "x"
[[rule]]
id = "2.1"
level = "错误"
lifecycle = false
criterion = "made up"
implemented = false
"#;
    let c = dossier_package::validate::catalogue::load(&[("t.toml", text)]);
    assert!(c.problems.iter().any(|p| p.contains("DB-")), "{:#?}", c.problems);
}

#[test]
fn an_implemented_rule_naming_an_unknown_check_is_reported() {
    let text = r#"
region = "eu"
source = "x"
[[rule]]
id = "99.1"
level = "P/F"
lifecycle = false
criterion = "c"
implemented = true
check = "no-such-check"
message = "m"
fix = "f"
"#;
    let c = dossier_package::validate::catalogue::load(&[("t.toml", text)]);
    assert!(c.problems.iter().any(|p| p.contains("no-such-check")), "{:#?}", c.problems);
}

#[test]
fn an_implemented_rule_without_its_chinese_wording_is_reported() {
    let rule = |extra: &str| {
        format!(
            r#"
region = "eu"
source = "x"
[[rule]]
id = "1.1"
level = "P/F"
lifecycle = false
criterion = "c"
implemented = true
check = "util-name"
message = "m"
fix = "f"
{extra}
"#
        )
    };
    let worded = rule("message_zh_hans = \"消息\"\nfix_zh_hans = \"处理\"\nmessage_zh_hant = \"訊息\"\nfix_zh_hant = \"處理\"");
    let c = dossier_package::validate::catalogue::load(&[("t.toml", &worded)]);
    assert!(c.problems.is_empty(), "{:#?}", c.problems);
    let unworded = rule("message_zh_hans = \"消息\"\nfix_zh_hans = \"处理\"\nmessage_zh_hant = \"訊息\"");
    let c = dossier_package::validate::catalogue::load(&[("t.toml", &unworded)]);
    assert!(c.problems.iter().any(|p| p.contains("rule 1.1") && p.contains("fix_zh_hant")), "{:#?}", c.problems);
}
