//! Build throughput on a synthetic set: `cargo run --release -p dossier-package --example
//! build_throughput -- FILES MIB_PER_FILE [DIR]`. Generates FILES leaves of MIB_PER_FILE MiB
//! (in DIR, default a temp folder), then times plan, render, write (kernel copies) and zip, and
//! prints peak memory (VmHWM). A measurement, not a test: nothing here asserts on time.

#![allow(clippy::print_stdout)]

use std::collections::BTreeMap;
use std::time::Instant;

use dossier_package::backbone::render;
use dossier_package::zip::zip_folder;
use dossier_package::{
    CnEnvelope, CvCode, Envelope, Heading, Instance, LeafSource, PlanInput, Region, RegionalNode, WriteOptions, plan,
    write_sequence,
};
use dossier_rules::Templates;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let files: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(1000);
    let mib: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(1);
    let tmp = tempfile::tempdir().expect("temp dir");
    let root = args.get(3).map(std::path::PathBuf::from).unwrap_or_else(|| tmp.path().to_path_buf());
    let blobs = root.join("blobs");
    std::fs::create_dir_all(&blobs).unwrap();
    let ctd = &Templates::embedded().ctd;
    // Leaf-level headings without a repeat kind of their own, to spread the files over the tree.
    let sections: Vec<&str> = ctd
        .nodes()
        .iter()
        .filter(|n| n.code.starts_with("4.2") || n.code.starts_with("3.2.P") || n.code.starts_with("5.3.5."))
        .map(|n| n.code.as_str())
        .collect();
    // Every leaf carries one instance of each repeating kind; only those above its section count.
    let instance = |folder: &str, attrs: &[(&str, &str)]| Instance {
        folder: folder.into(),
        attributes: attrs.iter().map(|(k, v)| ((*k).into(), (*v).into())).collect(),
    };
    let heading: Heading = BTreeMap::from([
        ("product".to_owned(), instance("product-1", &[("product-name", "Examplix")])),
        ("indication".to_owned(), instance("indication-1", &[("indication", "NSCLC")])),
        ("excipient".to_owned(), instance("excipient-1", &[("excipient", "lactose")])),
    ]);
    let mut leaves = Vec::with_capacity(files);
    let t = Instant::now();
    for i in 0..files {
        let path = blobs.join(format!("{i:08}"));
        let mut bytes = vec![0u8; mib << 20];
        for (j, b) in bytes.iter_mut().enumerate().step_by(4096) {
            *b = (i.wrapping_mul(31) ^ j) as u8;
        }
        bytes[..8].copy_from_slice(b"%PDF-1.7");
        std::fs::write(&path, &bytes).unwrap();
        let md5 = dossier_package::util::md5_hex(&bytes);
        leaves.push(LeafSource {
            section: sections[i % sections.len()].into(),
            document: format!("doc_{}", &md5[..16]),
            lineage: format!("synthetic/report-{i:06}.pdf"),
            sha256: format!("{md5}{md5}"),
            md5,
            size: bytes.len() as u64,
            file_name: format!("Study Report {i:06}.pdf"),
            title: format!("Study report {i} — synthetic & <test>"),
            language: Some("en".into()),
            blob: path,
            heading: heading.clone(),
        });
    }
    println!("generated {files} files × {mib} MiB in {:.1} s", t.elapsed().as_secs_f64());
    let m1 = vec![RegionalNode { code: "1.0".into(), element: "cn-1-0".into(), folder: Some("10-cover".into()), parent: None }];
    let envelope = Envelope {
        cn: Some(CnEnvelope {
            application_id: "X".into(),
            application_type: CvCode { code: "cnapt2".into(), version: None },
            product_type: CvCode { code: "cnprt1".into(), version: None },
            product_number: "0000000000".into(),
            regulatory_activity_type: CvCode { code: "cnrat1".into(), version: None },
            sequence_type: CvCode { code: "cnsqt1".into(), version: None },
            ..CnEnvelope::default()
        }),
        ..Envelope::default()
    };
    let input = PlanInput {
        region: Region::Cn,
        sequence: 0,
        ctd,
        m1: &m1,
        leaves,
        history: vec![],
        envelope,
        withdrawal: false,
        choices: Vec::new(),
    };
    let t = Instant::now();
    let p = plan(&input);
    let planned = t.elapsed();
    assert!(!p.has_errors(), "{:#?}", p.findings);
    let t = Instant::now();
    let rendered = render(&p, ctd);
    let rendered_in = t.elapsed();
    let out = root.join("out");
    let t = Instant::now();
    let w = write_sequence(&p, &rendered, WriteOptions { dir: &out, us_dtd: None, cancel: None, zip: false }, &mut |_| {}).unwrap();
    let written = t.elapsed();
    let t = Instant::now();
    let zip_bytes = zip_folder(&w.folder, &p.number, &out.join("0000.zip")).unwrap();
    let zipped = t.elapsed();
    let mb = w.bytes as f64 / 1e6;
    println!("plan {:.3} s, render {:.3} s (index.xml {} KB)", planned.as_secs_f64(), rendered_in.as_secs_f64(), rendered.index_xml.len() / 1024);
    println!(
        "write+validate {} files, {:.0} MB in {:.2} s = {:.0} MB/s",
        w.files,
        mb,
        written.as_secs_f64(),
        mb / written.as_secs_f64()
    );
    println!("zip {:.0} MB in {:.2} s = {:.0} MB/s", zip_bytes as f64 / 1e6, zipped.as_secs_f64(), mb / zipped.as_secs_f64());
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    if let Some(hwm) = status.lines().find(|l| l.starts_with("VmHWM")) {
        println!("peak memory {}", hwm.trim_start_matches("VmHWM:").trim());
    }
}
