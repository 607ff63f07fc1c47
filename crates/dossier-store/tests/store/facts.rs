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
