use dossier_report::{Labels, Lang, sources};

#[test]
fn every_language_labels_every_status_severity_verdict_operation_and_modality() {
    let en = Labels::get(Lang::En).expect("English labels");
    for lang in Lang::ALL {
        let l = Labels::get(lang).expect("labels load");
        for (name, table, english) in [
            ("status", &l.status, &en.status),
            ("severity", &l.severity, &en.severity),
            ("verdict", &l.verdict, &en.verdict),
            ("operation", &l.operation, &en.operation),
            ("modality", &l.modality, &en.modality),
        ] {
            let keys: Vec<_> = table.keys().collect();
            assert_eq!(keys, english.keys().collect::<Vec<_>>(), "{lang:?} [{name}] has the same keys as English");
        }
        for status in ["satisfied", "not-applicable", "undecided", "expiring", "needs-translation", "expired", "format-problem", "missing"] {
            assert!(l.status.contains_key(status), "{lang:?} labels status {status}");
        }
    }
}

#[test]
fn the_source_catalogue_has_unique_ids_with_text() {
    let all = sources().expect("sources.toml loads");
    let mut ids: Vec<&str> = all.iter().map(|s| s.id.as_str()).collect();
    ids.sort_unstable();
    let n = ids.len();
    ids.dedup();
    assert_eq!(ids.len(), n, "no id twice");
    assert!(all.iter().all(|s| !s.text.is_empty() && !s.grade.is_empty()), "every entry has text and a grade");
}
