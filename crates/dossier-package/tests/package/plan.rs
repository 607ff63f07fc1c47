use dossier_model::Severity;
use dossier_package::{Operation, Region, plan};

use super::*;

#[test]
fn the_same_input_always_gives_the_same_plan() {
    let m1 = eu_m1();
    let a = plan(&input(Region::Eu, 0, &m1, sample_leaves(Region::Eu, &m1), vec![]));
    let mut reversed = sample_leaves(Region::Eu, &m1);
    reversed.reverse();
    let b = plan(&input(Region::Eu, 0, &m1, reversed, vec![]));
    assert_eq!(a.leaves, b.leaves, "input order must not change paths, ids or order");
    assert!(!a.has_errors(), "{:#?}", a.findings);
    assert!(a.leaves.iter().all(|l| l.operation == Operation::New), "a first sequence only has new leaves");
}

#[test]
fn every_file_and_folder_name_is_legal_and_within_the_limits() {
    let m1 = cn_m1();
    let p = plan(&input(Region::Cn, 0, &m1, sample_leaves(Region::Cn, &m1), vec![]));
    let rules = dossier_package::names::NamingRules::for_region(Region::Cn);
    for leaf in &p.leaves {
        let href = leaf.href.as_ref().unwrap();
        assert!(href.len() + 5 <= 180, "{href} is longer than 180 from the sequence folder");
        for seg in href.split('/') {
            assert!(rules.is_legal_name(seg), "segment `{seg}` of {href} breaks the naming rules");
        }
    }
}

#[test]
fn two_documents_that_would_share_a_name_get_distinct_names_and_a_finding() {
    let m1 = eu_m1();
    let dir = sample_documents();
    let a = leaf_source(&dir.join("m2/25-clin-over/clinical-overview.pdf"), "a/Clinical Overview.pdf", "2.5");
    let mut b = leaf_source(&dir.join("m2/24-nonclin-over/nonclinical-overview.pdf"), "b/clinical overview.pdf", "2.5");
    b.file_name = "Clinical  Overview.PDF".into();
    let mut a = a;
    a.file_name = "Clinical Overview.pdf".into();
    let p = plan(&input(Region::Eu, 0, &m1, vec![b, a], vec![]));
    let href = |lineage: &str| p.leaves.iter().find(|l| l.lineage == lineage).unwrap().href.clone().unwrap();
    assert_eq!(href("a/Clinical Overview.pdf"), "m2/25-clin-over/clinical-overview.pdf", "the first in lineage order keeps the name");
    assert_eq!(href("b/clinical overview.pdf"), "m2/25-clin-over/clinical-overview-2.pdf");
    assert!(p.findings.iter().any(|f| f.rule == "DB-PKG-NAME-CONFLICT"), "the rename is reported: {:#?}", p.findings);
}

#[test]
fn a_name_too_long_for_the_path_limit_is_shortened_and_reported() {
    let m1 = eu_m1();
    let mut leaf = leaf_source(&sample_documents().join("m2/22-intro/introduction.pdf"), "x", "5.3.5.1");
    leaf.file_name = format!("{}.pdf", "very-long-study-report-name-".repeat(6));
    let p = plan(&input(Region::Eu, 0, &m1, vec![leaf], vec![]));
    let href = p.leaves[0].href.as_deref().unwrap();
    let name = href.rsplit('/').next().unwrap();
    assert!(name.len() <= 64, "{name}");
    assert!(href.len() + 5 <= 180, "{href}");
    assert!(p.findings.iter().any(|f| f.rule == "15.4"), "{:#?}", p.findings);
}

#[test]
fn a_chinese_file_name_falls_back_to_a_legal_name() {
    let m1 = cn_m1();
    let mut leaf = leaf_source(&sample_documents().join("m1/cn/10-cover/cover-letter-cn.pdf"), "cover", "cn:1.0");
    leaf.file_name = "说明函.pdf".into();
    leaf.title = "说明函".into();
    let p = plan(&input(Region::Cn, 0, &m1, vec![leaf], vec![]));
    let href = p.leaves[0].href.as_deref().unwrap();
    assert!(href.starts_with("m1/cn/10-cover/document-") && href.ends_with(".pdf"), "{href}");
    assert_eq!(p.leaves[0].title, "说明函", "the title keeps the Chinese text");
}

#[test]
fn changing_one_document_gives_exactly_one_replace_and_resends_nothing_else() {
    let m1 = eu_m1();
    let leaves = sample_leaves(Region::Eu, &m1);
    let first = plan(&input(Region::Eu, 0, &m1, leaves.clone(), vec![]));
    let mut changed = leaves.clone();
    let target = changed.iter_mut().find(|l| l.section == "3.2.P.5.1").unwrap();
    target.document = "doc_ffffffffffffffff".into();
    target.md5 = "f".repeat(32);
    let second = plan(&input(Region::Eu, 1, &m1, changed, history_of(&first)));
    assert_eq!(second.leaves.len(), 1, "{:#?}", second.leaves);
    let leaf = &second.leaves[0];
    assert_eq!(leaf.operation, Operation::Replace);
    let target = leaf.modifies.as_ref().unwrap();
    assert_eq!(target.sequence, "0000");
    let replaced = first.leaves.iter().find(|l| l.id == target.id).unwrap();
    assert_eq!(replaced.section, "3.2.P.5.1", "EU VC 11.9: a replace stays in its section");
    assert_eq!(leaf.href, replaced.href, "the replacement keeps the file's path");
    assert_eq!(second.unchanged, leaves.len() - 1);
    assert_eq!(second.envelope.eu.as_ref().unwrap().related_sequence.as_deref(), Some("0001"), "initial unit relates to itself");
}

#[test]
fn a_removed_document_is_deleted_once_and_never_again() {
    let m1 = eu_m1();
    let leaves = sample_leaves(Region::Eu, &m1);
    let first = plan(&input(Region::Eu, 0, &m1, leaves.clone(), vec![]));
    let fewer: Vec<_> = leaves.iter().filter(|l| l.section != "2.5").cloned().collect();
    let second = plan(&input(Region::Eu, 1, &m1, fewer.clone(), history_of(&first)));
    assert_eq!(second.leaves.len(), 1);
    assert_eq!(second.leaves[0].operation, Operation::Delete);
    assert!(second.leaves[0].href.is_none() && second.leaves[0].md5.is_none(), "a delete has no file");
    let mut history = history_of(&first);
    history.extend(history_of(&second));
    let third = plan(&input(Region::Eu, 2, &m1, fewer, history));
    assert!(third.leaves.is_empty(), "EU VC 11.12: a deleted leaf is not deleted again: {:#?}", third.leaves);
}

#[test]
fn a_withdrawal_deletes_every_current_leaf() {
    let m1 = cn_m1();
    let leaves = sample_leaves(Region::Cn, &m1);
    let first = plan(&input(Region::Cn, 0, &m1, leaves.clone(), vec![]));
    let mut inp = input(Region::Cn, 1, &m1, leaves, history_of(&first));
    inp.withdrawal = true;
    let w = plan(&inp);
    assert_eq!(w.leaves.len(), first.leaves.len());
    assert!(w.leaves.iter().all(|l| l.operation == Operation::Delete));
    assert_eq!(w.envelope.cn.as_ref().unwrap().sequence_type.code, "cnsqt3", "撤回");
}

#[test]
fn a_repeating_heading_without_its_facts_is_an_error_that_names_them() {
    let m1 = eu_m1();
    let mut inp = input(Region::Eu, 0, &m1, sample_leaves(Region::Eu, &m1), vec![]);
    for leaf in &mut inp.leaves {
        leaf.heading.remove("substance-manufacturer");
    }
    let p = plan(&inp);
    let f = p.findings.iter().find(|f| f.rule == "DB-PKG-INSTANCE").expect("reported");
    assert_eq!(f.severity, Severity::Error);
    assert!(f.message.contains("drug substance and manufacturer"), "{}", f.message);
}

#[test]
fn an_unknown_section_is_an_error_naming_the_file() {
    let m1 = eu_m1();
    let leaf = leaf_source(&sample_documents().join("m2/22-intro/introduction.pdf"), "x", "eu:1.99");
    let p = plan(&input(Region::Eu, 0, &m1, vec![leaf], vec![]));
    assert!(p.has_errors());
    assert!(p.findings[0].message.contains("introduction.pdf"), "{}", p.findings[0].message);
}

/// Issue 15, point 15: the recognition rule. A differently named new version of the 2.7.4
/// summary (another lineage) goes out as `new` beside the old one, with the one current 2.7.4
/// leaf suggested; a person's choice makes it a `replace` of that leaf and takes the old
/// version out of the plan; a title choice is sent; back to `new` without the choice.
#[test]
fn a_differently_named_new_version_is_suggested_and_replaces_only_by_choice() {
    let m1 = eu_m1();
    let leaves = sample_leaves(Region::Eu, &m1);
    let first = plan(&input(Region::Eu, 0, &m1, leaves.clone(), vec![]));
    // A section holding one document (the sample's 2.x summaries).
    let alone = |s: &str| s.starts_with("2.") && leaves.iter().filter(|o| o.section == s).count() == 1;
    let old = leaves.iter().find(|l| alone(&l.section)).unwrap().clone();
    let old_leaf = first.leaves.iter().find(|l| l.document.as_deref() == Some(old.document.as_str())).unwrap();
    let mut newer = old.clone();
    newer.document = "doc_eeeeeeeeeeeeeeee".into();
    newer.md5 = "e".repeat(32);
    newer.lineage = "m2/27-clin-sum/summary-clin-safety-2026.pdf".into();
    newer.file_name = "summary-clin-safety-2026.pdf".into();
    let mut placed = leaves.clone();
    placed.push(newer.clone());

    let auto = plan(&input(Region::Eu, 1, &m1, placed.clone(), history_of(&first)));
    let sent: Vec<_> = auto.leaves.iter().map(|l| (l.operation, l.document.clone())).collect();
    assert_eq!(sent, [(Operation::New, Some(newer.document.clone()))], "another path is not guessed to be a version");
    assert_eq!(auto.suggestions.len(), 1, "{:#?}", auto.suggestions);
    assert_eq!(auto.suggestions[0].target.id, old_leaf.id);
    assert!(auto.kept.iter().any(|k| k.document == old.document), "the old summary stays, listed as unchanged");

    let mut chosen = input(Region::Eu, 1, &m1, placed.clone(), history_of(&first));
    chosen.choices = vec![dossier_package::PlanChoice {
        document: newer.document.clone(),
        replaces: Some(("0000".into(), old_leaf.id.clone())),
        title: Some("Summary of clinical safety (updated)".into()),
    }];
    let second = plan(&chosen);
    assert!(!second.has_errors(), "{:#?}", second.findings);
    assert_eq!(second.leaves.len(), 1, "{:#?}", second.leaves);
    let leaf = &second.leaves[0];
    assert_eq!(leaf.operation, Operation::Replace);
    assert_eq!(leaf.modifies.as_ref().map(|t| (t.sequence.as_str(), t.id.as_str())), Some(("0000", old_leaf.id.as_str())));
    assert_eq!(leaf.title, "Summary of clinical safety (updated)");
    assert!(!second.kept.iter().any(|k| k.document == old.document), "the replaced version is not kept beside it");
    assert!(second.suggestions.is_empty());

    // The choice, once built, is spent: the next plan neither repeats nor refuses it.
    let mut history = history_of(&first);
    history.extend(history_of(&second));
    let mut third = input(Region::Eu, 2, &m1, placed.into_iter().filter(|l| l.document != old.document).collect(), history);
    third.choices = chosen.choices.clone();
    let third = plan(&third);
    assert!(!third.findings.iter().any(|f| f.rule == "DB-PKG-CHOICE"), "{:#?}", third.findings);
    assert!(third.kept.iter().any(|k| k.document == newer.document));
}

/// A choice naming a leaf that is no longer current is an error naming it.
#[test]
fn a_choice_of_a_leaf_no_longer_current_is_refused() {
    let m1 = eu_m1();
    let leaves = sample_leaves(Region::Eu, &m1);
    let first = plan(&input(Region::Eu, 0, &m1, leaves.clone(), vec![]));
    let mut placed = leaves.clone();
    let mut newer = leaves.iter().find(|l| l.section.starts_with("2.")).unwrap().clone();
    newer.document = "doc_dddddddddddddddd".into();
    newer.lineage = "elsewhere/clinical-overview.pdf".into();
    placed.push(newer.clone());
    let mut chosen = input(Region::Eu, 1, &m1, placed, history_of(&first));
    chosen.choices = vec![dossier_package::PlanChoice { document: newer.document.clone(), replaces: Some(("0000".into(), "lf-gone".into())), title: None }];
    let p = plan(&chosen);
    let f = p.findings.iter().find(|f| f.rule == "DB-PKG-CHOICE").expect("refused");
    assert_eq!(f.severity, Severity::Error);
    assert!(f.message.contains("lf-gone"), "{}", f.message);
}
