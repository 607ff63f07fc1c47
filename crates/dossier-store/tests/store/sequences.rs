use dossier_store::{Application, SequenceLeaf, SequenceRecord, Store};

fn app(store: &mut Store) {
    store
        .with_tx(&super::actor(), |tx| {
            tx.create_application(&Application {
                id: "app_ema".into(),
                profile: "ema-maa-centralised".into(),
                route: None,
                title: "EMA".into(),
                created_at: String::new(),
                target_date: None,
                facts: Default::default(),
            })
        })
        .unwrap();
}

fn seq(number: &str) -> SequenceRecord {
    SequenceRecord {
        application: "app_ema".into(),
        number: number.into(),
        region: "eu".into(),
        kind: "submission".into(),
        folder: format!("builds/app_ema/{number}"),
        index_md5: "0".repeat(32),
        envelope: "{}".into(),
        built_at: String::new(),
    }
}

fn leaf(sequence: &str, id: &str, operation: &str, modifies: Option<(&str, &str)>) -> SequenceLeaf {
    SequenceLeaf {
        sequence: sequence.into(),
        id: id.into(),
        backbone: "index".into(),
        section: "2.5".into(),
        lineage: "m2/co.pdf".into(),
        document: None,
        operation: operation.into(),
        href: None,
        md5: None,
        title: "Clinical overview".into(),
        modifies: modifies.map(|(s, i)| (s.into(), i.into())),
        heading: None,
    }
}

#[test]
fn a_recorded_sequence_reads_back_with_its_leaves_in_order() {
    let mut store = Store::open_in_memory().unwrap();
    app(&mut store);
    store.with_tx(&super::actor(), |tx| tx.record_sequence(&seq("0000"), &[leaf("0000", "a", "new", None)])).unwrap();
    store
        .with_tx(&super::actor(), |tx| tx.record_sequence(&seq("0001"), &[leaf("0001", "b", "replace", Some(("0000", "a")))]))
        .unwrap();
    let seqs = store.sequences("app_ema").unwrap();
    assert_eq!(seqs.iter().map(|s| s.number.as_str()).collect::<Vec<_>>(), ["0000", "0001"]);
    assert_eq!(seqs[0].built_at, "2026-11-22T09:00:00Z", "stamped from the injected clock");
    let leaves = store.sequence_leaves("app_ema").unwrap();
    assert_eq!(leaves[1].modifies, Some(("0000".into(), "a".into())));
}

#[test]
fn a_leafs_heading_instances_read_back_as_recorded() {
    let mut store = Store::open_in_memory().unwrap();
    app(&mut store);
    let heading = r#"{"indication":{"folder":"indication-2","attributes":[["indication","gastric cancer"]]}}"#;
    let with = SequenceLeaf { heading: Some(heading.into()), ..leaf("0000", "a", "new", None) };
    store.with_tx(&super::actor(), |tx| tx.record_sequence(&seq("0000"), &[with, leaf("0000", "b", "new", None)])).unwrap();
    let leaves = store.sequence_leaves("app_ema").unwrap();
    assert_eq!(leaves[0].heading.as_deref(), Some(heading));
    assert_eq!(leaves[1].heading, None);
}

#[test]
fn a_leaf_replaced_twice_is_rejected_and_nothing_of_that_sequence_is_kept() {
    let mut store = Store::open_in_memory().unwrap();
    app(&mut store);
    store.with_tx(&super::actor(), |tx| tx.record_sequence(&seq("0000"), &[leaf("0000", "a", "new", None)])).unwrap();
    store
        .with_tx(&super::actor(), |tx| tx.record_sequence(&seq("0001"), &[leaf("0001", "b", "replace", Some(("0000", "a")))]))
        .unwrap();
    let err = store
        .with_tx(&super::actor(), |tx| tx.record_sequence(&seq("0002"), &[leaf("0002", "c", "delete", Some(("0000", "a")))]))
        .unwrap_err();
    assert!(err.to_string().contains("11.12"), "{err}");
    assert_eq!(store.sequences("app_ema").unwrap().len(), 2, "the failed sequence left no row");
}

#[test]
fn the_envelope_is_kept_per_application_and_audited() {
    let mut store = Store::open_in_memory().unwrap();
    app(&mut store);
    assert_eq!(store.envelope("app_ema").unwrap(), None);
    store.with_tx(&super::actor(), |tx| tx.set_envelope("app_ema", r#"{"eu":{"identifier":"x"}}"#)).unwrap();
    assert_eq!(store.envelope("app_ema").unwrap().as_deref(), Some(r#"{"eu":{"identifier":"x"}}"#));
    assert!(store.audit_log(10).unwrap().iter().any(|r| r.action == "application.envelope"));
}

/// Issue 15, point 15: a person's plan choice is kept per application, audited, and cleared
/// when it says nothing any more.
#[test]
fn a_plan_choice_is_kept_audited_and_cleared() {
    use dossier_store::PlanChoiceRecord;
    let mut store = Store::open_in_memory().unwrap();
    app(&mut store);
    let doc = super::sample_document(7, "m2/27-clin-sum/summary-v2.pdf");
    store.with_tx(&super::actor(), |tx| tx.insert_document(&doc).map(|_| ())).unwrap();
    let id = doc.id.to_string();
    let choice = PlanChoiceRecord { document: id.clone(), replaces: Some(("0000".into(), "lf-a".into())), title: Some("Updated".into()) };
    store.with_tx(&super::actor(), |tx| tx.set_plan_choice("app_ema", &choice)).unwrap();
    assert_eq!(store.plan_choices("app_ema").unwrap(), [choice]);
    assert!(store.audit_log(10).unwrap().iter().any(|r| r.action == "plan.choice"));
    let cleared = PlanChoiceRecord { document: id, replaces: None, title: None };
    store.with_tx(&super::actor(), |tx| tx.set_plan_choice("app_ema", &cleared)).unwrap();
    assert!(store.plan_choices("app_ema").unwrap().is_empty());
    assert!(store.row_check().unwrap().differences.is_empty(), "every row matches its audit record");
}
