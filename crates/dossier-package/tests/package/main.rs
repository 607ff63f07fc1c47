//! Integration tests of dossier-package; one module per source module. They build sequences
//! from the sample project's files (no store involved: the planner takes plain data) and prove
//! validity with the product's validator and, independently, with `xmllint`.

mod hk;
mod pdf;
mod plan;
mod reader;
mod unzip;
mod validate;
mod write;
mod zip;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use dossier_package::{
    CnEnvelope, CvCode, Envelope, EuEnvelope, Heading, Instance, LeafSource, PlanInput, PriorLeaf, Region, RegionalNode,
    SequencePlan, UsEnvelope,
};
use dossier_rules::{CtdTree, Templates};

pub fn ctd() -> &'static CtdTree {
    &Templates::embedded().ctd
}

pub fn sample_documents() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../sample-dossiers/examplinib/documents")
}

pub fn shared_specs() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/ectd-specs")
}

fn node(code: &str, element: &str, folder: &str, parent: Option<&str>) -> RegionalNode {
    RegionalNode {
        code: code.into(),
        element: element.into(),
        folder: Some(folder.into()),
        parent: parent.map(Into::into),
    }
}

/// A few EU M1 headings, by hand, until the authority profiles land (folders: EU M1 IG v3.1.1).
pub fn eu_m1() -> Vec<RegionalNode> {
    vec![
        node("1.0", "m1-0-cover", "10-cover", None),
        node("1.2", "m1-2-form", "12-form", None),
        node("1.3", "m1-3-pi", "13-pi", None),
        node("1.3.1", "m1-3-1-spc-label-pl", "131-spclabelpl", Some("1.3")),
        node("1.4", "m1-4-expert", "14-expert", None),
        node("1.4.3", "m1-4-3-clinical", "143-clinical", Some("1.4")),
        node("1.8", "m1-8-pharmacovigilance", "18-pharmacovigilance", None),
        node("1.8.2", "m1-8-2-risk-management-system", "182-riskmgt-system", Some("1.8")),
    ]
}

/// A few NMPA M1 headings, by hand (folders as the sample project lays them out).
pub fn cn_m1() -> Vec<RegionalNode> {
    vec![
        node("1.0", "cn-1-0", "10-cover", None),
        node("1.2", "cn-1-2", "12-form", None),
        node("1.3", "cn-1-3", "", None),
        node("1.3.1", "cn-1-3-1", "", Some("1.3")),
        node("1.3.1.2", "cn-1-3-1-2", "1312-pi", Some("1.3.1")),
        node("1.3.2", "cn-1-3-2", "", Some("1.3")),
        node("1.3.2.2", "cn-1-3-2-2", "1322-label", Some("1.3.2")),
        node("1.3.3", "cn-1-3-3", "133-spec-process", Some("1.3")),
        node("1.3.6", "cn-1-3-6", "136-inspection", Some("1.3")),
        node("1.3.8", "cn-1-3-8", "", Some("1.3")),
        node("1.3.8.2", "cn-1-3-8-2", "1382-patent", Some("1.3.8")),
        node("1.3.8.6", "cn-1-3-8-6", "1386-ct-approval", Some("1.3.8")),
        node("1.5", "cn-1-5", "", None),
        node("1.5.1", "cn-1-5-1", "151-expedited", Some("1.5")),
        node("1.6", "cn-1-6", "", None),
        node("1.6.3", "cn-1-6-3", "163-meeting-minutes", Some("1.6")),
        node("1.8", "cn-1-8", "", None),
        node("1.8.3", "cn-1-8-3", "183-rmp", Some("1.8")),
    ]
}

pub fn us_m1() -> Vec<RegionalNode> {
    vec![
        node("1.1", "m1-1-forms", "11-forms", None),
        node("1.2", "m1-2-cover-letters", "12-cover-letters", None),
        node("1.14", "m1-14-labeling", "114-labeling", None),
        node("1.14.1", "m1-14-1-draft-labeling", "1141-draft", Some("1.14")),
        node("1.14.1.3", "m1-14-1-3-draft-labeling-text", "11413-draft-label-text", Some("1.14.1")),
    ]
}

pub fn instances() -> BTreeMap<String, Instance> {
    let inst = |folder: &str, attrs: &[(&str, &str)]| Instance {
        folder: folder.into(),
        attributes: attrs.iter().map(|(k, v)| ((*k).into(), (*v).into())).collect(),
    };
    BTreeMap::from([
        (
            "substance-manufacturer".into(),
            inst(
                "examplinib-huizhou",
                &[("substance", "examplinib"), ("manufacturer", "Examplar Pharmaceutical (Huizhou) Co., Ltd.")],
            ),
        ),
        (
            "product".into(),
            inst(
                "examplix-tablet",
                &[("product-name", "Examplix"), ("dosageform", "film-coated tablet"), ("manufacturer", "Shenzhen \"Examplar\" & Co")],
            ),
        ),
        ("indication".into(), inst("nsclc", &[("indication", "EGFR+ NSCLC <first-line> & later")])),
    ])
}

pub fn envelope() -> Envelope {
    Envelope {
        eu: Some(EuEnvelope {
            identifier: "8f1c9b0e-6a1d-4e2b-9c3f-2d7a5b4e6f10".into(),
            country: "ema".into(),
            agency: "EU-EMA".into(),
            procedure: "centralised".into(),
            submission_type: "maa".into(),
            submission_mode: None,
            submission_number: None,
            tracking_numbers: vec!["to be advised".into()],
            submission_unit: "initial".into(),
            applicant: "Shenzhen Examplar Biopharma Co., Ltd. & <Partners>".into(),
            invented_names: vec!["Examplix".into()],
            inns: vec!["examplinib".into()],
            related_sequence: None,
            description: "Initial MAA — \"Examplix\" 易普利".into(),
        }),
        cn: Some(CnEnvelope {
            application_id: "CXHS2600001".into(),
            application_type: CvCode { code: "cnapt2".into(), version: Some("1.1".into()) },
            product_type: CvCode { code: "cnprt1".into(), version: None },
            product_number: "2026000001".into(),
            regulatory_activity_type: CvCode { code: "cnrat1".into(), version: None },
            sequence_type: CvCode { code: "cnsqt1".into(), version: None },
            description: "首次申请 易普利 & <片剂>".into(),
            contact_name: "张三".into(),
            contact_phone: "+86 755 0000 0000".into(),
            contact_email: "ra@example.com".into(),
            related_sequence: None,
        }),
        us: Some(UsEnvelope {
            applicant_id: "123456789".into(),
            company_name: "Shenzhen Examplar Biopharma Co., Ltd.".into(),
            description: "Original NDA".into(),
            contact_name: "Jane Roe".into(),
            contact_type: "fdaact1".into(),
            contact_phone: "+1-555-0100".into(),
            phone_type: "fdatnt1".into(),
            contact_email: "ra@example.com".into(),
            application_number: "000000".into(),
            application_type: "fdaat2".into(),
            submission_type: "fdast1".into(),
            submission_sub_type: "fdasst1".into(),
            submission_id: None,
        }),
    }
}

/// The section a sample file belongs on: the nearest folder the CTD tree knows (M2–M5), the
/// region's M1 heading for `m1/<region>/…`.
fn section_of(rel: &str, region: Region, m1: &[RegionalNode]) -> Option<String> {
    let parts: Vec<&str> = rel.split('/').collect();
    if parts[0] == "m1" {
        if parts.get(1) != Some(&region.code()) {
            return None;
        }
        let code = parts[2..parts.len() - 1]
            .iter()
            .rev()
            .find_map(|f| m1.iter().find(|n| n.folder.as_deref() == Some(*f)))?
            .code
            .clone();
        return Some(format!("{}:{code}", region.code()));
    }
    if !matches!(parts[0], "m2" | "m3" | "m4" | "m5") {
        return None;
    }
    if rel.contains("summary-clin-efficacy") {
        return Some("2.7.3".into());
    }
    parts[..parts.len() - 1].iter().rev().find_map(|f| ctd().by_folder(f)).map(|n| n.code.clone())
}

/// Every sample file that belongs in a sequence for `region`, as leaf sources.
pub fn sample_leaves(region: Region, m1: &[RegionalNode]) -> Vec<LeafSource> {
    let root = sample_documents();
    let mut out = Vec::new();
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
                continue;
            }
            let rel = p.strip_prefix(&root).unwrap().to_string_lossy().replace('\\', "/");
            let Some(section) = section_of(&rel, region, m1) else { continue };
            out.push(leaf_source(&p, &rel, &section));
        }
    }
    out.sort_by(|a, b| a.lineage.cmp(&b.lineage));
    out
}

pub fn leaf_source(path: &Path, lineage: &str, section: &str) -> LeafSource {
    let bytes = std::fs::read(path).unwrap();
    let md5 = dossier_package::util::md5_hex(&bytes);
    let file_name = path.file_name().unwrap().to_string_lossy().into_owned();
    LeafSource {
        section: section.into(),
        document: format!("doc_{}", &md5[..16]),
        lineage: lineage.into(),
        sha256: hex::encode(<sha2::Sha256 as sha2::Digest>::digest(&bytes)),
        md5,
        size: bytes.len() as u64,
        title: format!("{} — \"{}\" & <draft>", file_name.trim_end_matches(".pdf"), section),
        file_name,
        language: if path.to_string_lossy().contains("-zh") { Some("zh-Hans".into()) } else { Some("en".into()) },
        blob: path.to_path_buf(),
        heading: heading_for(section),
    }
}

/// The instances (from [`instances`]) of the repeating headings at and above `section`.
pub fn heading_for(section: &str) -> Heading {
    let all = instances();
    let mut heading = Heading::new();
    let mut current = ctd().get(section);
    while let Some(node) = current {
        if let Some(kind) = &node.repeat {
            heading.extend(all.get(kind).map(|i| (kind.clone(), i.clone())));
        }
        current = node.parent.as_deref().and_then(|p| ctd().get(p));
    }
    heading
}

pub fn input<'a>(region: Region, sequence: u32, m1: &'a [RegionalNode], leaves: Vec<LeafSource>, history: Vec<PriorLeaf>) -> PlanInput<'a> {
    PlanInput {
        region,
        sequence,
        ctd: ctd(),
        m1,
        leaves,
        history,
        envelope: envelope(),
        withdrawal: false,
        choices: Vec::new(),
    }
}

/// What the store would record after building `plan`.
pub fn history_of(plan: &SequencePlan) -> Vec<PriorLeaf> {
    plan.leaves
        .iter()
        .map(|l| PriorLeaf {
            sequence: plan.number.clone(),
            id: l.id.clone(),
            backbone: l.backbone,
            section: l.section.clone(),
            lineage: l.lineage.clone(),
            document: l.document.clone(),
            operation: l.operation,
            href: l.href.clone(),
            md5: l.md5.clone(),
            title: l.title.clone(),
            modifies: l.modifies.as_ref().map(|t| (t.sequence.clone(), t.id.clone())),
            heading: l.heading.clone(),
        })
        .collect()
}

/// Runs `xmllint` (from libxml2-utils, installed by scripts/install-system-deps.sh) in `dir`.
pub fn xmllint(dir: &Path, args: &[&str]) -> (bool, String) {
    let out = Command::new("xmllint").current_dir(dir).args(args).output().expect("xmllint is installed (scripts/install-system-deps.sh)");
    (out.status.success(), format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)))
}

/// Every file below `dir` with its bytes, in path order.
pub fn tree_bytes(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push((p.strip_prefix(dir).unwrap().to_string_lossy().into_owned(), std::fs::read(&p).unwrap()));
            }
        }
    }
    out.sort();
    out
}
