//! A US application written by hand — sequences 0000–0003 of an NDA, with FDA's own DTD
//! (`tests/fixtures/us-fda/us-regional-v3-3.dtd`, byte-exact) in each `util/dtd/` — so that the
//! FDA DTD rule is evaluated, not "unverifiable", and every verdict on `us-regional.xml` can be
//! checked against `xmllint --noout --dtdvalid` (`us_fda_dtd_verdicts_agree_with_xmllint`).
//!
//! Lifecycle: 0001 replaces the 356h form (in us-regional.xml), 0002 replaces the clinical
//! overview (in index.xml), 0003 deletes the draft labeling text; each sequence has a cover letter.

use std::fs;
use std::path::Path;

use dossier_package::Region;

use super::*;

const US: Region = Region::Us;
const REGIONAL: &str = "m1/us/us-regional.xml";
pub const APP: &str = "us-fda";
pub const FDA_DTD: &[u8] = include_bytes!("../../../fixtures/us-fda/us-regional-v3-3.dtd");

const FORM: &str = "11-forms/fda-form-356h.pdf";
const COVER: &str = "12-cover-letters/cover-letter.pdf";
const PI: &str = "114-labeling/1141-draft/11413-draft-label-text/draft-labeling-text-pi.pdf";
const CO: &str = "m2/25-clin-over/clinical-overview.pdf";

fn leaf(id: &str, op: &str, href: Option<(&str, &[u8])>, modified: Option<&str>, title: &str) -> String {
    let modified = modified.map(|m| format!(" modified-file=\"{m}\"")).unwrap_or_default();
    let href = href
        .map(|(h, bytes)| format!(" xlink:href=\"{h}\" checksum=\"{}\" checksum-type=\"md5\"", dossier_package::util::md5_hex(bytes)))
        .unwrap_or_default();
    format!("<leaf ID=\"{id}\" operation=\"{op}\" xlink:type=\"simple\"{href}{modified}><title>{title}</title></leaf>")
}

fn regional(n: &str, body: &str) -> String {
    let sub_type = if n == "0000" { "fdasst1" } else { "fdasst2" };
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE fda-regional:fda-regional SYSTEM "../../util/dtd/us-regional-v3-3.dtd">
<fda-regional:fda-regional xmlns:fda-regional="http://www.ich.org/fda" xmlns:xlink="http://www.w3c.org/1999/xlink" dtd-version="3.3" xml:lang="en">
  <admin>
    <applicant-info>
      <id>987654321</id>
      <company-name>Hand-Authored Pharma Inc.</company-name>
      <submission-description>NDA sequence {n}</submission-description>
      <applicant-contacts>
        <applicant-contact>
          <applicant-contact-name applicant-contact-type="fdaact1">Alex Writer</applicant-contact-name>
          <telephones><telephone telephone-number-type="fdatnt1">+1-555-0199</telephone></telephones>
          <emails><email>regulatory@example.org</email></emails>
        </applicant-contact>
      </applicant-contacts>
    </applicant-info>
    <application-set>
      <application application-containing-files="true">
        <application-information>
          <application-number application-type="fdaat2">212345</application-number>
        </application-information>
        <submission-information>
          <submission-id submission-type="fdast1">0000</submission-id>
          <sequence-number submission-sub-type="{sub_type}">{n}</sequence-number>
        </submission-information>
      </application>
    </application-set>
  </admin>
  <m1-regional>
{body}
  </m1-regional>
</fda-regional:fda-regional>
"#
    )
}

fn index(n: &str, regional: &[u8], body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE ectd:ectd SYSTEM "util/dtd/ich-ectd-3-2.dtd">
<?xml-stylesheet type="text/xsl" href="util/style/ectd-2-0.xsl"?>
<ectd:ectd xmlns:ectd="http://www.ich.org/ectd" xmlns:xlink="http://www.w3c.org/1999/xlink" dtd-version="3.2">
  <m1-administrative-information-and-prescribing-information>
    {}
  </m1-administrative-information-and-prescribing-information>
{body}
</ectd:ectd>
"#,
        leaf(&format!("m1-regional-{n}"), "new", Some(("m1/us/us-regional.xml", regional)), None, "US Regional Information")
    )
}

/// Writes sequence `n`: its files (`rel` → bytes, from the sequence folder), both backbones,
/// index-md5.txt and the util files.
fn sequence(app: &Path, n: &str, files: &[(&str, &[u8])], regional_body: &str, index_body: &str) {
    let s = app.join(n);
    for (rel, bytes) in files {
        let p = s.join(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, bytes).unwrap();
    }
    for (rel, bytes) in [
        (dossier_package::util::ICH_DTD.path, dossier_package::util::ICH_DTD.bytes),
        (dossier_package::util::ICH_XSL.path, dossier_package::util::ICH_XSL.bytes),
        (dossier_package::util::US_DTD_PATH, FDA_DTD),
    ] {
        let p = s.join(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, bytes).unwrap();
    }
    let regional = regional(n, regional_body);
    fs::create_dir_all(s.join("m1/us")).unwrap();
    fs::write(s.join(REGIONAL), &regional).unwrap();
    let index = index(n, regional.as_bytes(), index_body);
    fs::write(s.join("index.xml"), &index).unwrap();
    fs::write(s.join("index-md5.txt"), dossier_package::util::md5_hex(index.as_bytes())).unwrap();
}

fn cover_letters(leaf: &str) -> String {
    format!("    <m1-2-cover-letters>{leaf}</m1-2-cover-letters>")
}

/// Writes the application under `app` from the corpus's cleaned sample documents in `docs`.
pub fn write_application(app: &Path, docs: &Path) {
    assert_eq!(dossier_package::util::md5_hex(FDA_DTD), dossier_package::util::US_DTD_MD5, "the fixture DTD is FDA's, byte-exact");
    let form = fs::read(docs.join("m1/us/fda-form-356h.pdf")).unwrap();
    let cover = fs::read(docs.join("m1/us/cover-letter-fda.pdf")).unwrap();
    let pi = fs::read(docs.join("m1/us/draft-labeling-text-pi.pdf")).unwrap();
    let co = fs::read(docs.join("m2/25-clin-over/clinical-overview.pdf")).unwrap();
    let m1 = |rel: &str| format!("m1/us/{rel}");
    let to_0000_regional = |id: &str| format!("../../../0000/m1/us/us-regional.xml#{id}");

    let body = format!(
        "    <m1-1-forms><form form-type=\"356h\">{}</form></m1-1-forms>\n{}\n    <m1-14-labeling><m1-14-1-draft-labeling><m1-14-1-3-draft-labeling-text>{}</m1-14-1-3-draft-labeling-text></m1-14-1-draft-labeling></m1-14-labeling>",
        leaf("lf-form-0000", "new", Some((FORM, &form)), None, "Form FDA 356h"),
        cover_letters(&leaf("lf-cover-0000", "new", Some((COVER, &cover)), None, "Cover letter")),
        leaf("lf-pi-0000", "new", Some((PI, &pi)), None, "Draft labeling text"),
    );
    let index_body = format!(
        "  <m2-common-technical-document-summaries><m2-5-clinical-overview>{}</m2-5-clinical-overview></m2-common-technical-document-summaries>",
        leaf("lf-co-0000", "new", Some((CO, &co)), None, "Clinical overview")
    );
    sequence(app, "0000", &[(&m1(FORM), &form), (&m1(COVER), &cover), (&m1(PI), &pi), (CO, &co)], &body, &index_body);

    let mut form_1 = form.clone();
    form_1.extend_from_slice(b"\n% revised 356h\n");
    let body = format!(
        "    <m1-1-forms><form form-type=\"356h\">{}</form></m1-1-forms>\n{}",
        leaf("lf-form-0001", "replace", Some((FORM, &form_1)), Some(&to_0000_regional("lf-form-0000")), "Form FDA 356h (revised)"),
        cover_letters(&leaf("lf-cover-0001", "new", Some((COVER, &cover)), None, "Cover letter")),
    );
    sequence(app, "0001", &[(&m1(FORM), &form_1), (&m1(COVER), &cover)], &body, "");

    let mut co_2 = co.clone();
    co_2.extend_from_slice(b"\n% updated overview\n");
    let index_body = format!(
        "  <m2-common-technical-document-summaries><m2-5-clinical-overview>{}</m2-5-clinical-overview></m2-common-technical-document-summaries>",
        leaf("lf-co-0002", "replace", Some((CO, &co_2)), Some("../0000/index.xml#lf-co-0000"), "Clinical overview (updated)")
    );
    let body = cover_letters(&leaf("lf-cover-0002", "new", Some((COVER, &cover)), None, "Cover letter"));
    sequence(app, "0002", &[(&m1(COVER), &cover), (CO, &co_2)], &body, &index_body);

    let body = format!(
        "{}\n    <m1-14-labeling><m1-14-1-draft-labeling><m1-14-1-3-draft-labeling-text>{}</m1-14-1-3-draft-labeling-text></m1-14-1-draft-labeling></m1-14-labeling>",
        cover_letters(&leaf("lf-cover-0003", "new", Some((COVER, &cover)), None, "Cover letter")),
        leaf("lf-pi-0003", "delete", None, Some(&to_0000_regional("lf-pi-0000")), "Draft labeling text"),
    );
    sequence(app, "0003", &[(&m1(COVER), &cover)], &body, "");
}

fn on_app(case: Case, n: &'static str) -> Case {
    case.on(APP).at(n)
}

/// Adds to 0003's form section (a new `m1-1-forms` before its cover letters) a leaf with
/// `operation` pointing to `target` (a leaf of us-regional.xml of an earlier sequence).
fn form_leaf_in_0003(app: &Path, operation: &str, target: &str) {
    let s = app.join("0003");
    fs::create_dir_all(s.join("m1/us/11-forms")).unwrap();
    fs::copy(app.join("0000/m1/us").join(FORM), s.join("m1/us").join(FORM)).unwrap();
    let bytes = fs::read(s.join("m1/us").join(FORM)).unwrap();
    let l = leaf("lf-form-0003", operation, Some((FORM, &bytes)), Some(target), "Form FDA 356h");
    edit(&s.join(REGIONAL), |t| t.replacen("    <m1-2-cover-letters>", &format!("    <m1-1-forms><form form-type=\"356h\">{l}</form></m1-1-forms>\n    <m1-2-cover-letters>"), 1));
    reseal(&s, US);
}

pub fn cases() -> Vec<Case> {
    vec![
        on_app(pass("us fda regional valid against the fda dtd", US, "DB-US-REGIONAL-DTD", |_| {}), "0003"),
        // What our builder wrote before (a leaf straight under m1-1-forms, no <form>).
        on_app(
            fail("us fda form leaf outside a form element", US, &["DB-US-REGIONAL-DTD"], |app| {
                let s = app.join("0000");
                edit(&s.join(REGIONAL), |t| t.replacen("<form form-type=\"356h\">", "", 1).replacen("</form>", "", 1));
                reseal(&s, US);
            }),
            "0000",
        ),
        // Issue 15, point 8: IDs are unique per document — xmllint validates both.
        on_app(
            pass("us fda one id in index.xml and in us-regional.xml", US, "DB-US-LEAF-ID", |app| {
                let s = app.join("0000");
                edit(&s.join("index.xml"), |t| t.replacen("ID=\"lf-co-0000\"", "ID=\"lf-cover-0000\"", 1));
                reseal(&s, US);
            }),
            "0000",
        ),
        on_app(
            fail("us fda one id twice in us-regional.xml", US, &["DB-US-LEAF-ID", "DB-US-REGIONAL-DTD"], |app| {
                let s = app.join("0000");
                edit(&s.join(REGIONAL), |t| t.replacen("ID=\"lf-pi-0000\"", "ID=\"lf-form-0000\"", 1));
                reseal(&s, US);
            }),
            "0000",
        ),
        // Issue 15, points 10 and 11 (as EU VC 11.12): the lifecycle over 0000–0003.
        on_app(
            fail("us fda append to a form replaced in 0001", US, &["DB-US-MODIFIED-ONCE"], |app| {
                form_leaf_in_0003(app, "append", "../../../0000/m1/us/us-regional.xml#lf-form-0000");
            }),
            "0003",
        ),
        on_app(
            pass("us fda append to the current form", US, "DB-US-MODIFIED-ONCE", |app| {
                form_leaf_in_0003(app, "append", "../../../0001/m1/us/us-regional.xml#lf-form-0001");
            }),
            "0003",
        ),
        on_app(
            fail("us fda 0001 and 0003 replace one 0000 form, 0002 absent", US, &["DB-US-MODIFIED-ONCE"], |app| {
                fs::remove_dir_all(app.join("0002")).unwrap();
                form_leaf_in_0003(app, "replace", "../../../0000/m1/us/us-regional.xml#lf-form-0000");
            }),
            "0003",
        ),
        on_app(
            fail("us fda append to no such leaf of 0001", US, &["DB-US-MODIFIED-TARGET"], |app| {
                form_leaf_in_0003(app, "append", "../../../0001/m1/us/us-regional.xml#lf-nowhere");
            }),
            "0003",
        ),
        on_app(
            pass("us fda 0002 replaces a 0000 leaf, 0001 absent", US, "DB-US-MODIFIED-TARGET", |app| {
                fs::remove_dir_all(app.join("0001")).unwrap();
            }),
            "0002",
        ),
        on_app(
            pass("us fda leaf in an absent sequence is not evaluated", US, "DB-US-LEAF-ID", |app| {
                fs::remove_dir_all(app.join("0002")).unwrap();
                form_leaf_in_0003(app, "append", "../../../0002/m1/us/us-regional.xml#lf-form-0002");
            })
            .not_evaluated(&["DB-US-MODIFIED-TARGET", "DB-US-MODIFIED-ONCE"]),
            "0003",
        ),
    ]
}
