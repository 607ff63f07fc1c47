use dossier_store::{Application, BundleFile, BundleRecord, Store};

fn setup() -> (Store, String) {
    let mut store = Store::open_in_memory().unwrap();
    let doc = super::sample_document(7, "m1/gmp.pdf");
    let id = doc.id.to_string();
    store
        .with_tx(&super::actor(), |tx| {
            tx.insert_document(&doc)?;
            tx.create_application(&Application {
                id: "app_hk".into(),
                profile: "hk-dh-new-product".into(),
                route: Some("1plus".into()),
                title: "HK".into(),
                created_at: String::new(),
                target_date: None,
                facts: Default::default(),
            })
        })
        .unwrap();
    (store, id)
}

fn bundle(number: &str) -> BundleRecord {
    BundleRecord {
        application: "app_hk".into(),
        number: number.into(),
        format: "hk-ctd".into(),
        folder: format!("builds/app_hk/{number}"),
        index_md5: "0".repeat(32),
        built_at: String::new(),
    }
}

fn file(document: &str, path: &str, item: &str) -> BundleFile {
    BundleFile {
        bundle: "0000".into(),
        path: path.into(),
        item: item.into(),
        item_title: "GMP certificates".into(),
        section: "hk:gmp-certificates".into(),
        section_title: "GMP certificates (all sites)".into(),
        route: Some("1plus".into()),
        document: document.into(),
        title: "GMP certificate".into(),
        sha256: "07".repeat(32),
        md5: "0".repeat(32),
        size: 10,
        role: None,
    }
}

#[test]
fn a_recorded_bundle_reads_back_with_its_index_rows_in_order() {
    let (mut store, doc) = setup();
    let rows = vec![file(&doc, "m1/gmp-certificates/gmp.pdf", "HK-03"), file(&doc, "m1/gmp-certificates/gmp.pdf", "HK-02")];
    store.with_tx(&super::actor(), |tx| tx.record_bundle(&bundle("0000"), &rows)).unwrap();
    let bundles = store.bundles("app_hk").unwrap();
    assert_eq!(bundles.len(), 1);
    assert_eq!(bundles[0].built_at, "2026-11-22T09:00:00Z", "the store stamps the build time from the actor's clock");
    assert_eq!(store.bundle_files("app_hk", "0000").unwrap(), rows, "one row per file and item, in index order");
}

#[test]
fn recording_a_bundle_number_twice_is_refused_and_keeps_the_first() {
    let (mut store, doc) = setup();
    store.with_tx(&super::actor(), |tx| tx.record_bundle(&bundle("0000"), &[file(&doc, "a.pdf", "HK-03")])).unwrap();
    let err = store.with_tx(&super::actor(), |tx| tx.record_bundle(&bundle("0000"), &[])).unwrap_err();
    assert!(err.to_string().contains("next number"), "{err}");
    assert_eq!(store.bundle_files("app_hk", "0000").unwrap().len(), 1, "the first bundle's index is intact");
}
