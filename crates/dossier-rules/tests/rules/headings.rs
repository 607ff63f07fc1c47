//! Repeated-heading instances from the product facts, and each document's.

use dossier_model::{Document, Facts, Product, Site, Study};
use dossier_rules::headings::{EXCIPIENT, Heading, Headings, INDICATION, PRODUCT, SUBSTANCE, Unresolved};
use dossier_rules::{CtdTree, Templates};

fn site(name: &str, role: &str, substance: Option<&str>) -> Site {
    Site { name: name.into(), country: "CN".into(), role: role.into(), substance: substance.map(Into::into), ..Site::default() }
}

fn facts() -> Facts {
    Facts {
        product: Some(Product {
            inn: "examplinib".into(),
            trade_names: vec!["Examplix".into()],
            dosage_forms: vec!["tablet".into(), "oral solution".into()],
            indications: vec!["NSCLC".into(), "gastric cancer".into()],
            sites: vec![
                site("Plant A", "drug substance manufacturer", None),
                site("Plant B", "drug substance manufacturer", None),
                site("Plant C", "drug substance manufacturer", Some("otherinib")),
                site("Plant D", "drug product manufacturer", None),
            ],
            ..Product::default()
        }),
        studies: vec![Study { id: "S-1".into(), indication: Some("gastric cancer".into()), ..Study::default() }],
        ..Facts::default()
    }
}

fn doc(section: &str) -> Document {
    super::doc(1, "x.pdf", "clinical-study-report", Some(section))
}

fn folders(h: &Headings, kind: &str) -> Vec<String> {
    h.choices(kind).iter().map(|i| i.folder.clone()).collect()
}

fn ctd() -> &'static CtdTree {
    &Templates::embedded().ctd
}

#[test]
fn instances_follow_the_facts_with_appendix_4_folders() {
    let h = Headings::from_facts(&facts(), []);
    assert_eq!(
        folders(&h, SUBSTANCE),
        ["substance-1-manufacturer-1", "substance-1-manufacturer-2", "substance-2-manufacturer-1"]
    );
    assert_eq!(h.choices(SUBSTANCE)[2].attribute("substance"), Some("otherinib"));
    assert_eq!(folders(&h, PRODUCT), ["product-1", "product-2"]);
    assert_eq!(h.choices(PRODUCT)[1].attribute("manufacturer"), Some("Plant D"));
    assert_eq!(folders(&h, INDICATION), ["indication-1", "indication-2"]);
}

#[test]
fn a_document_names_its_instance_or_is_unresolved() {
    let h = Headings::from_facts(&facts(), []);
    let (heading, problems) = h.of(ctd(), "5.3.5.1", &doc("5.3.5.1"));
    assert_eq!(
        problems,
        [Unresolved { kind: INDICATION.into(), field: "indication", stated: None, choices: vec!["NSCLC".into(), "gastric cancer".into()] }],
        "two indications, none stated"
    );
    assert_eq!(heading[INDICATION].folder, "indication-1", "a dry run still shows a whole plan");

    let mut d = doc("5.3.5.1");
    d.study = Some("S-1".into());
    let (heading, problems) = h.of(ctd(), "5.3.5.1", &d);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(heading[INDICATION].folder, "indication-2", "a study's documents take its indication");
    let mut with_report = facts();
    with_report.studies[0].csr = Some(d.id.to_string());
    let (heading, _) = Headings::from_facts(&with_report, []).of(ctd(), "5.3.5.1", &doc("5.3.5.1"));
    assert_eq!(heading[INDICATION].folder, "indication-2", "so does the study's report");

    let mut d = doc("3.2.S.4.1");
    d.scope.manufacturer = Some("plant b".into());
    let (heading, problems) = h.of(ctd(), "3.2.S.4.1", &d);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(heading[SUBSTANCE].folder, "substance-1-manufacturer-2", "matched without regard to case");

    d.scope.manufacturer = Some("Plant Z".into());
    let (_, problems) = h.of(ctd(), "3.2.S.4.1", &d);
    assert_eq!(problems[0].stated.as_deref(), Some("Plant Z"));
    assert_eq!(problems[0].choices[0], "examplinib by Plant A");

    let mut d = doc("3.2.P.4.1");
    d.scope.dosage_form = Some("oral solution".into());
    let (heading, problems) = h.of(ctd(), "3.2.P.4.1", &d);
    assert!(problems.is_empty());
    assert_eq!(heading[PRODUCT].folder, "product-2");
    assert!(!heading.contains_key(EXCIPIENT), "no excipients recorded: Appendix 4's placeholder applies");

    let mut with_excipients = facts();
    with_excipients.product.as_mut().unwrap().excipients = vec!["lactose".into(), "novel polymer X".into()];
    let h2 = Headings::from_facts(&with_excipients, []);
    let (_, problems) = h2.of(ctd(), "3.2.P.4.1", &d);
    assert_eq!(problems[0].field, "excipient", "two excipients, none stated");
    d.scope.excipient = Some("Novel polymer X".into());
    let (heading, problems) = h2.of(ctd(), "3.2.P.4.1", &d);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!((heading[PRODUCT].folder.as_str(), heading[EXCIPIENT].folder.as_str()), ("product-2", "excipient-2"));
    assert!(!h2.of(ctd(), "3.2.P.5.1", &d).0.contains_key(EXCIPIENT), "3.2.P.5 is not below 3.2.P.4");
    assert!(h.of(ctd(), "2.5", &doc("2.5")).0.is_empty(), "2.5 does not repeat");
}

#[test]
fn an_instance_keeps_the_folder_an_earlier_sequence_gave_it() {
    let mut earlier = facts();
    earlier.product.as_mut().unwrap().indications = vec!["gastric cancer".into()];
    let before = Headings::from_facts(&earlier, []);
    let sent = Heading::from([(INDICATION.to_owned(), before.choices(INDICATION)[0].clone())]);
    // NSCLC is added in front: gastric cancer keeps indication-1, NSCLC moves on to the next free one.
    let after = Headings::from_facts(&facts(), [&sent]);
    assert_eq!(folders(&after, INDICATION), ["indication-2", "indication-1"]);
}
