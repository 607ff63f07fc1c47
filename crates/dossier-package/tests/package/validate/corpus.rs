//! The mutation corpus: valid applications are built once per test run (EU and NMPA with two
//! sequences, FDA with one), copied for each case and broken — or nearly broken — one way. Each
//! case states the exact set of rule ids that fail; a passing case also states the rule it passes
//! (its status must be Pass, not "not evaluated"). The table covers at least 60 distinct rules
//! with both a failing and a passing case.
//!
//! The sample's planted problems (P4 encrypted, P5 PDF 1.3) are left out of the fixture, and its
//! PDFs get the EU best-practice properties our checks look for (Fast Web View through qpdf,
//! bookmarks pane open when there are bookmarks), so the fixture fails no rule at all and every
//! case fails only what it plants.

mod cn;
mod eu;
mod pdfs;
mod us;
mod us_fda;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use dossier_package::validate::{SequenceReport, Status, validate_path};
use dossier_package::{LeafSource, Region, plan};

use super::super::write::build;
use super::super::*;

const PLANTED: [&str; 2] = ["batch-analysis-ds.pdf", "ames-test.pdf"];
pub const QOS: &str = "m2/23-qos/qos-drug-product.pdf";

/// One mutation and what it must do.
pub struct Case {
    pub name: &'static str,
    pub region: Region,
    /// The sequence validated (`0000` or `0001`); earlier siblings are read for the lifecycle.
    pub sequence: &'static str,
    pub mutate: Box<dyn Fn(&Path) + Send + Sync>,
    /// Exactly the rules that must fail.
    pub fails: Vec<&'static str>,
    /// For a passing case: the rule that must pass (status Pass).
    pub passes: Option<&'static str>,
    /// Rules that must be "not evaluated" (a leaf pointing into a sequence that is not on disk).
    pub not_evaluated: Vec<&'static str>,
    /// The fixture application copied (`eu`, `cn`, `us`, `us-fda`); empty for the region's.
    pub app: &'static str,
}

pub fn fail(name: &'static str, region: Region, rules: &[&'static str], mutate: impl Fn(&Path) + Send + Sync + 'static) -> Case {
    Case { name, region, sequence: "0000", mutate: Box::new(mutate), fails: rules.to_vec(), passes: None, not_evaluated: Vec::new(), app: "" }
}

pub fn pass(name: &'static str, region: Region, rule: &'static str, mutate: impl Fn(&Path) + Send + Sync + 'static) -> Case {
    Case { name, region, sequence: "0000", mutate: Box::new(mutate), fails: Vec::new(), passes: Some(rule), not_evaluated: Vec::new(), app: "" }
}

impl Case {
    /// Validates the second sequence (lifecycle cases).
    pub fn second(mut self) -> Self {
        self.sequence = "0001";
        self
    }

    /// Runs on the fixture application `app` instead of the region's.
    pub fn on(mut self, app: &'static str) -> Self {
        self.app = app;
        self
    }

    /// Validates sequence `n` (made by the mutation, e.g. with [`later_sequence`]).
    pub fn at(mut self, n: &'static str) -> Self {
        self.sequence = n;
        self
    }

    /// A passing case that also fails these rules (and only these): the pass is what it tests,
    /// the failures are what its mutation cannot avoid.
    pub fn failing_too(mut self, rules: &[&'static str]) -> Self {
        self.fails = rules.to_vec();
        self
    }

    /// These rules must end "not evaluated" (and nothing else may).
    pub fn not_evaluated(mut self, rules: &[&'static str]) -> Self {
        self.not_evaluated = rules.to_vec();
        self
    }
}

/// The fixture: `eu/`, `cn/` (0000 + 0001 with one replace) and `us/` (0000) application
/// folders under the test target's temp folder, built once per process.
fn fixture() -> &'static Path {
    static ROOT: OnceLock<PathBuf> = OnceLock::new();
    ROOT.get_or_init(|| {
        let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
        remove_stale_fixtures(tmp);
        let root = tmp.join(format!("validate-corpus-{}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        let docs = root.join("docs");
        clean_documents(&sample_documents(), &docs);
        for region in [Region::Eu, Region::Cn] {
            let m1 = if region == Region::Eu { eu_m1() } else { cn_m1() };
            let mut leaves = leaves_from(&docs, region, &m1);
            if region == Region::Eu {
                leaves.push(tracking_table(&docs));
            }
            let app = root.join(region.code());
            let first = plan(&input(region, 0, &m1, leaves.clone(), vec![]));
            build(&first, &app);
            let mut changed = leaves;
            if region == Region::Eu {
                // EU: every sequence carries its tracking table (EU M1 IG 1.0; VC 15.11).
                let t = changed.iter().position(|l| l.lineage == eu::TRACKING).unwrap();
                let next = docs.join("m1/eu/10-cover/ema/tracking-0001.pdf");
                fs::copy(docs.join(eu::TRACKING), &next).unwrap();
                pdfs::edit(&next, |doc| {
                    let info = doc.add_object(lopdf::dictionary! { "Title" => lopdf::Object::string_literal("Tracking table 0001") });
                    doc.trailer.set("Info", info);
                });
                let source = leaf_source(&next, eu::TRACKING, "eu:1.0");
                changed[t] = LeafSource { file_name: changed[t].file_name.clone(), ..source };
            }
            let spec = changed.iter().position(|l| l.section == "3.2.P.5.1").expect("a 3.2.P.5.1 leaf");
            let other = leaf_source(&docs.join("m2/22-intro/introduction.pdf"), &changed[spec].lineage, "3.2.P.5.1");
            changed[spec] = LeafSource { file_name: changed[spec].file_name.clone(), ..other };
            let second = plan(&input(region, 1, &m1, changed, history_of(&first)));
            build(&second, &app);
        }
        let m1 = us_m1();
        let us = vec![
            leaf_source(&docs.join("m1/us/fda-form-356h.pdf"), "form", "us:1.1"),
            leaf_source(&docs.join("m1/us/draft-labeling-text-pi.pdf"), "pi", "us:1.14.1.3"),
            leaf_source(&docs.join("m2/25-clin-over/clinical-overview.pdf"), "co", "2.5"),
        ];
        build(&plan(&input(Region::Us, 0, &m1, us, vec![])), &root.join("us"));
        us_fda::write_application(&root.join(us_fda::APP), &docs);
        root
    })
}

/// The sample has no EU tracking table yet (it is one of its "not prepared" items); the fixture
/// adds one (EU VC 15.11/15.12), made from the cover letter with another title.
fn tracking_table(docs: &Path) -> LeafSource {
    let rel = eu::TRACKING;
    let path = docs.join(rel);
    fs::copy(docs.join("m1/eu/10-cover/ema/cover-letter-ema.pdf"), &path).unwrap();
    pdfs::edit(&path, |doc| {
        let info = doc.add_object(lopdf::dictionary! { "Title" => lopdf::Object::string_literal("Tracking table") });
        doc.trailer.set("Info", info);
    });
    leaf_source(&path, rel, "eu:1.0")
}

/// The sample's leaves, read from the cleaned copy of its documents.
fn leaves_from(docs: &Path, region: Region, m1: &[dossier_package::RegionalNode]) -> Vec<LeafSource> {
    sample_leaves(region, m1)
        .into_iter()
        .filter(|l| !PLANTED.iter().any(|p| l.lineage.ends_with(p)))
        .map(|l| leaf_source(&docs.join(&l.lineage), &l.lineage, &l.section))
        .collect()
}

/// Copies the sample documents without the planted problems; PDFs with bookmarks open with the
/// bookmarks pane (EU VC 16.BP8) and every PDF is linearised (16.BP5).
fn clean_documents(from: &Path, to: &Path) {
    for (rel, bytes) in tree_bytes(from) {
        let rel = rel.replace('\\', "/");
        if PLANTED.iter().any(|p| rel.ends_with(p)) {
            continue;
        }
        let dest = to.join(&rel);
        fs::create_dir_all(dest.parent().unwrap()).unwrap();
        fs::write(&dest, &bytes).unwrap();
        if rel.ends_with(".pdf") {
            pdfs::edit(&dest, |doc| {
                if pdfs::has_bookmarks(doc) {
                    doc.catalog_mut().unwrap().set("PageMode", lopdf::Object::Name(b"UseOutlines".to_vec()));
                }
            });
        }
    }
}

/// Fixtures of earlier test processes that are no longer running.
fn remove_stale_fixtures(tmp: &Path) {
    let Ok(entries) = fs::read_dir(tmp) else { return };
    for e in entries.filter_map(Result::ok) {
        let name = e.file_name().to_string_lossy().into_owned();
        if let Some(pid) = name.strip_prefix("validate-corpus-")
            && Path::new("/proc/self").exists()
            && !Path::new("/proc").join(pid).exists()
        {
            let _ = fs::remove_dir_all(e.path());
        }
    }
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for e in fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            fs::copy(e.path(), &target).unwrap();
        }
    }
}

/// Copies the region's application, applies the mutation to its `0000`/`0001` parent folder,
/// and validates the case's sequence.
fn run(case: &Case, scratch: &Path) -> SequenceReport {
    let app = scratch.join(case.name.replace(|c: char| !c.is_ascii_alphanumeric(), "-"));
    copy_dir(&fixture().join(if case.app.is_empty() { case.region.code() } else { case.app }), &app);
    (case.mutate)(&app);
    let mut reports = validate_path(&app.join(case.sequence), Some(case.region)).expect("the folder validates");
    let report = reports.remove(0);
    let _ = fs::remove_dir_all(&app);
    report
}

fn failed(r: &SequenceReport) -> BTreeSet<String> {
    r.problems.iter().filter(|p| p.status == Status::Fail).map(|p| p.rule.clone()).collect()
}

fn all_cases() -> Vec<Case> {
    let mut cases = eu::cases();
    cases.extend(cn::cases());
    cases.extend(us::cases());
    cases.extend(us_fda::cases());
    cases.extend(pdfs::cases());
    cases
}

#[test]
fn the_fixture_applications_fail_no_rule() {
    let scratch = tempfile::tempdir().unwrap();
    let apps = [("eu", "0000"), ("eu", "0001"), ("cn", "0000"), ("cn", "0001"), ("us", "0000")];
    let hand_authored = ["0000", "0001", "0002", "0003"].map(|n| (us_fda::APP, n));
    for (app, sequence) in apps.into_iter().chain(hand_authored) {
        let region = match app {
            "eu" => Region::Eu,
            "cn" => Region::Cn,
            _ => Region::Us,
        };
        let case = Case { name: "baseline", region, sequence, mutate: Box::new(|_| {}), fails: vec![], passes: None, not_evaluated: vec![], app };
        let r = run(&case, scratch.path());
        assert!(failed(&r).is_empty(), "{region:?} {sequence}: {:#?}", r.problems);
        let not_evaluated: Vec<_> = r.rules.iter().filter(|s| s.status == Status::NotEvaluated).collect();
        assert!(not_evaluated.is_empty(), "{region:?} {sequence}: every earlier sequence is on disk: {not_evaluated:#?}");
    }
}

#[test]
fn every_corpus_case_fails_exactly_its_rules_or_passes_its_rule() {
    let scratch = tempfile::tempdir().unwrap();
    let cases = all_cases();
    let mut names = BTreeSet::new();
    for c in &cases {
        assert!(names.insert(c.name), "case names are unique: {}", c.name);
    }
    // Two threads: the machine is shared, and the cases are independent.
    let (left, right) = cases.split_at(cases.len() / 2);
    let mismatches: Vec<String> = std::thread::scope(|s| {
        let handles: Vec<_> = [left, right]
            .into_iter()
            .map(|chunk| {
                let scratch = scratch.path();
                s.spawn(move || {
                    let mut out = Vec::new();
                    for case in chunk {
                        let r = match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run(case, scratch))) {
                            Ok(r) => r,
                            Err(e) => {
                                let text = e.downcast_ref::<String>().cloned().or_else(|| e.downcast_ref::<&str>().map(|s| (*s).to_owned()));
                                out.push(format!("{}: the mutation panicked: {}", case.name, text.unwrap_or_default()));
                                continue;
                            }
                        };
                        let got = failed(&r);
                        let want: BTreeSet<String> = case.fails.iter().map(|s| (*s).to_owned()).collect();
                        if got != want {
                            let detail: Vec<String> =
                                r.problems.iter().filter(|p| p.status == Status::Fail).map(|p| format!("{} {}: {}", p.rule, p.file, p.message)).collect();
                            out.push(format!("{} ({:?} {}): expected {want:?}, got {got:?}\n    {}", case.name, case.region, case.sequence, detail.join("\n    ")));
                        }
                        // What the Chinese interfaces show: the catalogue's own wording.
                        for p in &r.problems {
                            for (script, w) in [("zh-Hans", &p.zh_hans), ("zh-Hant", &p.zh_hant)] {
                                let chinese = |t: &str| t.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
                                if !chinese(&w.message) || !chinese(&w.fix) {
                                    out.push(format!("{} rule {}: the {script} wording {w:?} does not word {:?}", case.name, p.rule, p.message));
                                }
                            }
                        }
                        let not_evaluated: BTreeSet<&str> =
                            r.rules.iter().filter(|s| s.status == Status::NotEvaluated).map(|s| s.rule.as_str()).collect();
                        let want_not_evaluated: BTreeSet<&str> = case.not_evaluated.iter().copied().collect();
                        if not_evaluated != want_not_evaluated {
                            out.push(format!("{} ({:?}): not evaluated {not_evaluated:?}, expected {want_not_evaluated:?}", case.name, case.region));
                        }
                        if let Some(rule) = case.passes {
                            let status = r.rules.iter().find(|s| s.rule == rule).map(|s| s.status);
                            if status != Some(Status::Pass) {
                                out.push(format!("{} ({:?}): rule {rule} should pass, is {status:?}", case.name, case.region));
                            }
                        }
                    }
                    out
                })
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().unwrap()).collect()
    });
    assert!(mismatches.is_empty(), "{} of {} cases wrong:\n{}", mismatches.len(), cases.len(), mismatches.join("\n"));
}

#[test]
fn the_corpus_covers_at_least_60_rules_with_a_failing_and_a_passing_case() {
    let mut failing: BTreeMap<(String, &str), usize> = BTreeMap::new();
    let mut passing: BTreeSet<(String, &str)> = BTreeSet::new();
    for c in all_cases() {
        if let [only] = c.fails.as_slice() {
            *failing.entry((format!("{:?}", c.region), *only)).or_default() += 1;
        }
        if let Some(rule) = c.passes {
            passing.insert((format!("{:?}", c.region), rule));
        }
    }
    let both: Vec<&(String, &str)> = failing.keys().filter(|k| passing.contains(*k)).collect();
    let distinct: BTreeSet<&str> = both.iter().map(|(_, r)| *r).collect();
    let lonely: Vec<_> = failing.keys().filter(|k| !passing.contains(*k)).chain(passing.iter().filter(|k| !failing.contains_key(*k))).collect();
    eprintln!("{} rules have a failing and a passing case: {distinct:?}", distinct.len());
    assert!(distinct.len() >= 60, "{} rules have both cases; without a pair: {lonely:?}", distinct.len());
    assert!(lonely.is_empty(), "every rule in the corpus has both cases: {lonely:?}");
}

// ---- mutation helpers ----------------------------------------------------------------------

/// Makes sequence `to` of the application a copy of sequence `from` under its new number (the
/// envelope's own and related sequence numbers follow; its leaves keep their modified-file
/// targets), resealed. Lifecycle cases then edit it.
pub fn later_sequence(app: &Path, region: Region, from: &str, to: &str) -> PathBuf {
    let target = app.join(to);
    copy_dir(&app.join(from), &target);
    edit(&target.join(regional(region)), |t| t.replace(&format!(">{from}<"), &format!(">{to}<")));
    reseal(&target, region);
    target
}

pub fn seq(app: &Path, n: &str) -> PathBuf {
    app.join(n)
}

/// Edits a text file; the edit must change something (a silent no-op would test nothing).
pub fn edit(path: &Path, f: impl FnOnce(String) -> String) {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let changed = f(text.clone());
    assert_ne!(text, changed, "the edit of {} changed nothing", path.display());
    fs::write(path, changed).unwrap();
}

pub fn regional(region: Region) -> String {
    let r = region.code();
    format!("m1/{r}/{r}-regional.xml")
}

/// Makes every leaf checksum (regional backbone first, then index.xml) and index-md5.txt match
/// the files again, so that only the planted fault remains.
pub fn reseal(seq: &Path, region: Region) {
    let regional_rel = regional(region);
    for rel in [regional_rel.as_str(), "index.xml"] {
        let path = seq.join(rel);
        let Ok(text) = fs::read_to_string(&path) else { continue };
        let base = path.parent().unwrap().to_path_buf();
        let mut out = String::with_capacity(text.len());
        let mut rest = text.as_str();
        while let Some(at) = rest.find("<leaf ") {
            let end = at + rest[at..].find('>').unwrap();
            out.push_str(&rest[..at]);
            out.push_str(&reseal_tag(&rest[at..end], &base));
            rest = &rest[end..];
        }
        out.push_str(rest);
        fs::write(&path, out).unwrap();
    }
    if let Ok(index) = fs::read(seq.join("index.xml"))
        && seq.join("index-md5.txt").exists()
    {
        fs::write(seq.join("index-md5.txt"), dossier_package::util::md5_hex(&index)).unwrap();
    }
}

fn reseal_tag(tag: &str, base: &Path) -> String {
    let (Some(href), Some(at)) = (attr(tag, "xlink:href"), tag.find(" checksum=\"")) else { return tag.to_owned() };
    let Ok(bytes) = fs::read(base.join(&href)) else { return tag.to_owned() };
    let start = at + " checksum=\"".len();
    let end = start + tag[start..].find('"').unwrap();
    format!("{}{}{}", &tag[..start], dossier_package::util::md5_hex(&bytes), &tag[end..])
}

pub fn attr(tag: &str, name: &str) -> Option<String> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    Some(tag[start..start + tag[start..].find('"')?].to_owned())
}

/// The `<leaf …>…</leaf>` element whose href is `href` (relative to its backbone).
pub fn leaf_xml(backbone: &str, href: &str) -> String {
    let at = backbone.find(&format!("xlink:href=\"{href}\"")).unwrap_or_else(|| panic!("no leaf for {href}"));
    let start = backbone[..at].rfind("<leaf ").unwrap();
    let end = at + backbone[at..].find("</leaf>").unwrap() + "</leaf>".len();
    backbone[start..end].to_owned()
}

/// Moves the file at `rel` (from the sequence folder) to `new_rel` and points its leaf there.
pub fn move_leaf(seq: &Path, region: Region, rel: &str, new_rel: &str) {
    let to = seq.join(new_rel);
    fs::create_dir_all(to.parent().unwrap()).unwrap();
    fs::rename(seq.join(rel), &to).unwrap();
    remove_empty_parents(seq, rel);
    let m1 = format!("m1/{}/", region.code());
    let (backbone, old, new) = match (rel.strip_prefix(&m1), new_rel.strip_prefix(&m1)) {
        (Some(a), Some(b)) => (regional(region), a.to_owned(), b.to_owned()),
        _ => ("index.xml".to_owned(), rel.to_owned(), new_rel.to_owned()),
    };
    edit(&seq.join(backbone), |s| s.replace(&format!("\"{old}\""), &format!("\"{new}\"")));
    reseal(seq, region);
}

/// Renames the file at `rel` to `name` in the same folder.
pub fn rename_leaf(seq: &Path, region: Region, rel: &str, name: &str) -> String {
    let new_rel = format!("{}/{name}", rel.rsplit_once('/').unwrap().0);
    move_leaf(seq, region, rel, &new_rel);
    new_rel
}

/// Removes folders left empty by a move (so that only the intended rule fires).
pub fn remove_empty_parents(seq: &Path, rel: &str) {
    let mut dir = seq.join(rel);
    while dir.pop() && dir != seq {
        if fs::read_dir(&dir).map(|mut d| d.next().is_none()).unwrap_or(false) {
            fs::remove_dir(&dir).unwrap();
        } else {
            break;
        }
    }
}

/// Renames a folder (relative to the sequence) and every href through it in index.xml.
pub fn rename_folder(seq: &Path, region: Region, rel: &str, new_name: &str) -> String {
    let new_rel = match rel.rsplit_once('/') {
        Some((parent, _)) => format!("{parent}/{new_name}"),
        None => new_name.to_owned(),
    };
    fs::rename(seq.join(rel), seq.join(&new_rel)).unwrap();
    edit(&seq.join("index.xml"), |s| s.replace(&format!("\"{rel}/"), &format!("\"{new_rel}/")));
    reseal(seq, region);
    new_rel
}


/// Replaces the title of the leaf pointing at `href`.
pub fn set_title(backbone: String, href: &str, title: &str) -> String {
    let leaf = leaf_xml(&backbone, href);
    let start = leaf.find("<title>").unwrap() + "<title>".len();
    let end = leaf.find("</title>").unwrap();
    let new = format!("{}{title}{}", &leaf[..start], &leaf[end..]);
    backbone.replacen(&leaf, &new, 1)
}

/// The ID of the leaf pointing at `href` in `backbone` text.
pub fn leaf_id(backbone: &str, href: &str) -> String {
    attr(&leaf_xml(backbone, href), "ID").unwrap()
}

pub fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Runs qpdf (installed by scripts/install-system-deps.sh, as for the CLI's PDF checks).
pub fn qpdf(args: &[&str]) {
    let out = Command::new("qpdf").args(args).output().expect("qpdf is installed (scripts/install-system-deps.sh)");
    // Exit code 3 is "succeeded with warnings".
    assert!(matches!(out.status.code(), Some(0 | 3)), "qpdf {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

/// Issue 15, point 12: two leaves of one file with wrong checksums are two problems, each naming
/// its leaf; the leaf whose checksum is right is not named.
#[test]
fn each_leaf_with_a_wrong_checksum_is_its_own_problem() {
    let scratch = tempfile::tempdir().unwrap();
    let case = all_cases().into_iter().find(|c| c.name == "eu two leaves of one file with the same wrong checksum").unwrap();
    let r = run(&case, scratch.path());
    let md5: Vec<&str> = r.problems.iter().filter(|p| p.rule == "11.2").map(|p| p.message.as_str()).collect();
    assert_eq!(md5.len(), 2, "{md5:#?}");
    assert!(md5.iter().any(|m| m.contains("index.xml#lf-twin-a")) && md5.iter().any(|m| m.contains("index.xml#lf-twin-b")), "{md5:#?}");
    assert!(r.problems.iter().filter(|p| p.rule == "11.2").all(|p| p.file == QOS), "the file is named too");
}

/// Issue 15, point 7: EU 9.4 against the DTD in the sequence's own util/dtd folder gives
/// xmllint's verdict (`xmllint --noout --valid`, which follows the DOCTYPE into util/dtd), and
/// `--dtdvalid` against the current official DTD says why it is no longer 9.4's business.
#[test]
fn older_eu_dtd_verdicts_agree_with_xmllint() {
    let scratch = tempfile::tempdir().unwrap();
    for (name, valid) in [
        ("eu regional valid against the older eu-envelope.mod in its util folder", true),
        ("eu regional invalid against the older eu-envelope.mod in its util folder", false),
    ] {
        let case = all_cases().into_iter().find(|c| c.name == name).unwrap();
        let app = scratch.path().join(if valid { "older-valid" } else { "older-invalid" });
        copy_dir(&fixture().join("eu"), &app);
        (case.mutate)(&app);
        let m1 = app.join("0000/m1/eu");
        let own = Command::new("xmllint").args(["--noout", "--valid", "eu-regional.xml"]).current_dir(&m1).output().expect("xmllint is installed");
        assert_eq!(own.status.success(), valid, "{name}: xmllint --valid: {}", String::from_utf8_lossy(&own.stderr));
        let official = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../templates/util/eu-m1-v3.1.1/util/dtd/eu-regional.dtd");
        let current = Command::new("xmllint").arg("--noout").arg("--dtdvalid").arg(&official).arg("eu-regional.xml").current_dir(&m1).output().unwrap();
        // The current DTD says the opposite: it lists `maa`, not `initial-maa`.
        assert_eq!(current.status.success(), !valid, "{name}: xmllint --dtdvalid (current EU M1 DTD)");
        let r = validate_path(&app.join("0000"), Some(Region::Eu)).unwrap().remove(0);
        let ours = r.rules.iter().find(|s| s.rule == "9.4").map(|s| s.status);
        assert_eq!(ours, Some(if valid { Status::Pass } else { Status::Fail }), "{name}: {:#?}", r.problems);
        let util = r.rules.iter().find(|s| s.rule == "5.3").map(|s| s.status);
        assert_eq!(util, Some(Status::Fail), "{name}: the older module is 5.3's finding");
    }
}

/// The hand-authored US application (`corpus/us_fda.rs`): our verdict on every us-regional.xml
/// of its cases — the FDA DTD rule — is xmllint's against FDA's own DTD, and index.xml stays
/// valid against the ICH DTD (the same ID in both documents is legal XML).
#[test]
fn us_fda_dtd_verdicts_agree_with_xmllint() {
    let scratch = tempfile::tempdir().unwrap();
    let cases: Vec<Case> = all_cases().into_iter().filter(|c| c.app == us_fda::APP).collect();
    assert!(cases.len() >= 8);
    for case in &cases {
        let app = scratch.path().join(case.name.replace(|c: char| !c.is_ascii_alphanumeric(), "-"));
        copy_dir(&fixture().join(us_fda::APP), &app);
        (case.mutate)(&app);
        let s = app.join(case.sequence);
        let lint = |dir: &Path, file: &str, dtd: &Path| {
            let out = Command::new("xmllint").arg("--noout").arg("--dtdvalid").arg(dtd).arg(file).current_dir(dir).output().expect("xmllint is installed");
            (out.status.success(), String::from_utf8_lossy(&out.stderr).into_owned())
        };
        let (valid, why) = lint(&s.join("m1/us"), "us-regional.xml", &s.join(dossier_package::util::US_DTD_PATH));
        let (index_valid, index_why) = lint(&s, "index.xml", &s.join("util/dtd/ich-ectd-3-2.dtd"));
        assert!(index_valid, "{}: index.xml: {index_why}", case.name);
        let r = validate_path(&s, Some(Region::Us)).unwrap().remove(0);
        let ours = r.rules.iter().find(|x| x.rule == "DB-US-REGIONAL-DTD").map(|x| x.status);
        assert_eq!(ours, Some(if valid { Status::Pass } else { Status::Fail }), "{}: xmllint says valid={valid} ({why}); ours {:#?}", case.name, r.problems);
    }
}
