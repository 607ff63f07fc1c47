use dossier_model::{Approval, Facts, Modality, Product, RegionCounts, Site, Study};
use dossier_store::Store;
use time::macros::date;

fn facts() -> Facts {
    Facts {
        product: Some(Product {
            inn: "examplinib".into(),
            modality: Modality::Chemical,
            excipients: vec!["lactose monohydrate".into()],
            sites: vec![Site {
                name: "Plant A".into(),
                country: "CN".into(),
                role: "drug substance manufacturer".into(),
                substance: Some("otherinib".into()),
                ..Site::default()
            }],
            ..Product::default()
        }),
        studies: vec![Study {
            id: "EXP-301".into(),
            phase: "3".into(),
            subjects: RegionCounts { total: 100, hong_kong: 5, mainland_china: 40, ..RegionCounts::default() },
            ..Study::default()
        }],
        approvals: vec![Approval {
            authority: "NMPA".into(),
            country: "CN".into(),
            date: date!(2025 - 06 - 18),
            number: None,
            indication: None,
            designations: vec!["priority-review".into()],
            proof: None,
        }],
        documents: vec![],
    }
}

#[test]
fn facts_are_stored_and_read_back_equal() {
    let mut store = Store::open_in_memory().unwrap();
    store.with_tx(&super::actor(), |tx| tx.replace_facts(&facts())).unwrap();
    assert_eq!(store.facts().unwrap(), facts());
}

#[test]
fn replacing_facts_audits_only_what_changed() {
    let mut store = Store::open_in_memory().unwrap();
    let actor = super::actor();
    store.with_tx(&actor, |tx| tx.replace_facts(&facts())).unwrap();
    let before = store.audit_log(1000).unwrap().len();
    store.with_tx(&actor, |tx| tx.replace_facts(&facts())).unwrap();
    assert_eq!(store.audit_log(1000).unwrap().len(), before, "the same facts write nothing");
    let mut changed = facts();
    changed.studies[0].subjects.hong_kong = 6;
    store.with_tx(&actor, |tx| tx.replace_facts(&changed)).unwrap();
    let log = store.audit_log(1).unwrap();
    assert_eq!((log[0].action.as_str(), log[0].subject.as_str()), ("facts.study", "EXP-301"));
}

#[test]
fn region_counts_larger_than_the_total_are_refused_and_nothing_is_written() {
    let mut store = Store::open_in_memory().unwrap();
    let mut bad = facts();
    bad.studies[0].subjects.total = 10;
    let err = store.with_tx(&super::actor(), |tx| tx.replace_facts(&bad)).unwrap_err();
    assert!(err.to_string().contains("EXP-301"), "the message names the study: {err}");
    assert_eq!(store.facts().unwrap(), Facts::default(), "the transaction rolled back");
}

/// Issue 14, point 17: the store itself refuses unsafe text, whatever the caller (the app's
/// commands, a facts file, an envelope, an application name, a "not applicable" reason).
#[test]
fn the_store_refuses_control_characters_and_bidi_overrides_in_every_written_text() {
    use dossier_store::{Application, Assignment, Store};
    let mut store = Store::open_in_memory().unwrap();
    let actor = super::actor();
    let app = |title: &str| Application {
        id: "app_x".into(),
        profile: "hk-dh-new-product".into(),
        route: None,
        title: title.into(),
        created_at: String::new(),
        target_date: None,
        facts: Default::default(),
    };
    let err = store.with_tx(&actor, |tx| tx.create_application(&app("HK\u{202E}"))).unwrap_err();
    assert!(err.to_string().contains("application app_x.title holds U+202E"), "{err}");
    store.with_tx(&actor, |tx| tx.create_application(&app("HK"))).unwrap();
    let err = store.with_tx(&actor, |tx| tx.update_application(&app("HK\u{0}"))).unwrap_err();
    assert!(err.to_string().contains("application app_x.title holds U+0000"), "{err}");
    let err = store
        .with_tx(&actor, |tx| {
            tx.assign(&Assignment { application: "app_x".into(), item: "HK-17".into(), document: None, origin: "manual".into(), not_applicable: Some("no\u{1b}".into()) })
        })
        .unwrap_err();
    assert!(err.to_string().contains("app_x/HK-17.not_applicable holds U+001B"), "{err}");
    let err = store.with_tx(&actor, |tx| tx.set_envelope("app_x", r#"{"eu": {"applicant": "A\u2067"}}"#)).unwrap_err();
    assert!(err.to_string().contains("envelope.eu.applicant holds U+2067"), "{err}");
    let mut facts = dossier_model::Facts::default();
    facts.studies.push(dossier_model::Study {
        id: "S-1".into(),
        title: Some("t\u{7}".into()),
        phase: "3".into(),
        design: None,
        indication: None,
        pivotal: false,
        csr: None,
        subjects: Default::default(),
    });
    let err = store.with_tx(&actor, |tx| tx.replace_facts(&facts)).unwrap_err();
    assert!(err.to_string().contains("study[S-1].title holds U+0007"), "{err}");
    assert_eq!(store.application("app_x").unwrap().title, "HK", "nothing refused was written");
}
