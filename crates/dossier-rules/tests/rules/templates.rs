use dossier_rules::{Confidence, Templates};

#[test]
fn every_checklist_item_route_and_node_carries_a_source_and_a_confidence() {
    let t = Templates::embedded();
    let mut items = 0;
    for p in t.profiles.all() {
        for i in &p.items {
            items += 1;
            assert!(!i.source.trim().is_empty(), "{} {} has no source", p.id(), i.id);
            assert!(!i.action.trim().is_empty(), "{} {} says no action", p.id(), i.id);
            let _: Confidence = i.confidence; // required by the loader: a missing one fails to load
        }
        for r in &p.routes {
            assert!(!r.source.trim().is_empty(), "route {} has no source", r.id);
            for c in &r.conditions {
                assert!(!c.source.trim().is_empty() && !c.fix.trim().is_empty(), "route condition {} lacks source or fix", c.id);
            }
        }
        for n in &p.m1 {
            assert!(!n.source.trim().is_empty(), "{} M1 node {} has no source", p.id(), n.code);
        }
    }
    assert!(items > 300, "the four authorities' profiles are loaded ({items} items)");
}

#[test]
fn the_six_profiles_and_the_36_reference_countries_are_built_in() {
    let t = Templates::embedded();
    for id in ["hk-dh-new-product", "nmpa-nda-imported", "nmpa-nda-domestic", "fda-nda", "fda-bla", "ema-maa-centralised"] {
        assert!(t.profiles.get(id).is_some(), "{id}");
    }
    assert_eq!(t.profiles.reference_countries.len(), 36);
    let cn = t.profiles.reference_countries.iter().find(|c| c.code == "CN").expect("China is a reference country");
    assert!(cn.authorities.iter().any(|a| a == "NMPA"));
}

#[test]
fn a_template_with_a_dangling_document_type_is_reported_with_its_line() {
    let mut files = std::collections::BTreeMap::new();
    for path in ["ctd/ctd-tree.toml", "doc-types.toml"] {
        files.insert(path.to_owned(), std::fs::read_to_string(format!("{}/../../templates/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap());
    }
    files.insert(
        "authorities/x.toml".into(),
        "[profile]\nid = \"x\"\ntitle = \"X\"\nauthority = \"FDA\"\nregion = \"us\"\nformat = \"ectd-us\"\nversion = \"1\"\nsources = []\nconfidence = \"confirmed\"\n\n[[item]]\nid = \"X-1\"\ntitle = \"t\"\nsections = [\"2.5\"]\nrequirement = \"always\"\ndoc_types = [\"no-such-type\"]\nsource = \"S1\"\nconfidence = \"confirmed\"\naction = \"a\"\n".into(),
    );
    let (_, diags) = Templates::load(&files);
    let text: Vec<String> = diags.iter().map(ToString::to_string).collect();
    assert_eq!(text.len(), 1, "{text:#?}");
    assert!(text[0].contains("authorities/x.toml:12") && text[0].contains("no-such-type"), "{text:#?}");
}

#[test]
fn the_hong_kong_routes_read_in_both_chinese_scripts() {
    let templates = dossier_rules::Templates::embedded();
    let hk = templates.profiles.get("hk-dh-new-product").expect("the HK profile");
    for r in &hk.routes {
        assert!(r.title_zh_hans.is_some() && r.title_zh_hant.is_some(), "route {} title", r.id);
        assert!(r.summary_zh_hans.is_some() && r.summary_zh_hant.is_some(), "route {} summary", r.id);
        for c in &r.conditions {
            assert!(c.title_zh_hans.is_some() && c.title_zh_hant.is_some(), "{}/{} title", r.id, c.id);
            assert!(c.fix_zh_hans.is_some() && c.fix_zh_hant.is_some(), "{}/{} fix", r.id, c.id);
        }
    }
}

/// The Chinese UI shows each item's own title and what to do in the reader's script; an item
/// added with English only would quietly fall back to English there.
#[test]
fn every_item_of_every_built_in_profile_has_both_chinese_titles_and_actions() {
    let t = Templates::embedded();
    let has_han = |s: &Option<String>| s.as_deref().is_some_and(|s| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)));
    let mut missing = Vec::new();
    let mut items = 0;
    for p in t.profiles.all() {
        for i in &p.items {
            items += 1;
            for (what, value) in [
                ("title_zh_hans", &i.title_zh_hans),
                ("title_zh_hant", &i.title_zh_hant),
                ("action_zh_hans", &i.action_zh_hans),
                ("action_zh_hant", &i.action_zh_hant),
            ] {
                if !has_han(value) {
                    missing.push(format!("{} {} {what}", p.id(), i.id));
                }
            }
            if let (Some(hans), Some(hant)) = (&i.action_zh_hans, &i.action_zh_hant) {
                assert_ne!(hans, hant, "{} {}: the Traditional action is the Simplified one unchanged", p.id(), i.id);
                assert!(!hant.contains("导入") && !hant.contains('药'), "{} {}: Simplified characters in the Traditional action", p.id(), i.id);
            }
        }
    }
    assert!(missing.is_empty(), "items without Chinese wording:\n{}", missing.join("\n"));
    assert_eq!(items, 488, "every item of the six profiles was checked");
}

#[test]
fn the_templates_folder_loads_without_a_diagnostic_as_dossier_templates_does() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../templates");
    let (t, diags) = Templates::load(&dossier_rules::Folder(dir));
    let text: Vec<String> = diags.iter().map(ToString::to_string).collect();
    assert!(text.is_empty(), "{text:#?}");
    assert_eq!(t.profiles.all().count(), 6);
    assert!(Templates::embedded_diagnostics().is_empty(), "the built-in copy loads clean too");
}

#[cfg(unix)]
#[test]
fn a_template_that_is_a_fifo_or_a_device_is_a_diagnostic_not_a_hang() {
    let from = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../templates");
    let dir = tempfile::tempdir().unwrap();
    for entry in walkdir_lite(&from) {
        let dest = dir.path().join(entry.strip_prefix(&from).unwrap());
        std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
        std::fs::copy(&entry, &dest).unwrap();
    }
    std::fs::remove_file(dir.path().join("doc-types.toml")).unwrap();
    assert!(std::process::Command::new("mkfifo").arg(dir.path().join("doc-types.toml")).status().unwrap().success());
    std::fs::remove_file(dir.path().join("ctd/ctd-tree.toml")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("ctd/ctd-tree.toml")).unwrap();
    let (_, diags) = Templates::load(&dossier_rules::Folder(dir.path().to_path_buf()));
    let text: Vec<String> = diags.iter().map(ToString::to_string).collect();
    assert!(text.iter().any(|t| t.starts_with("templates/doc-types.toml") && t.contains("a FIFO")), "{text:#?}");
    assert!(text.iter().any(|t| t.starts_with("templates/ctd/ctd-tree.toml") && t.contains("a device")), "{text:#?}");
}

/// Every file under `dir` (the crate has no walkdir).
fn walkdir_lite(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() { out.extend(walkdir_lite(&path)) } else { out.push(path) }
    }
    out
}
