//! Gap-analysis latency on a large synthetic project: 4 applications × N documents.
//!
//!     cargo run --release -p dossier-rules --example gap_bench -- 10000
//!
//! Prints figures; nothing is asserted (speed is measured, never tested).

#![allow(clippy::print_stdout)]

use std::collections::BTreeMap;
use std::time::Instant;

use dossier_model::{Classification, ClassificationOrigin, Document, DocumentId, Facts, FileKind};
use dossier_rules::{AppSnapshot, Snapshot, Templates, analyse, reuse_matrix};
use time::macros::{date, datetime};

fn main() {
    let n: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let templates = Templates::embedded();
    let types = templates.doc_types.all();
    let documents: Vec<Document> = (0..n)
        .map(|i| {
            let t = &types[i % types.len()];
            // Ids come from the first 16 hex digits: spread them like real hashes.
            let sha256 = format!("{:016x}{i:048x}", (i as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15));
            Document {
                id: DocumentId::from_sha256(&sha256),
                sha256,
                md5: "0".repeat(32),
                size: 1 << 20,
                file_name: format!("doc-{i}.pdf"),
                source_path: format!("bulk/{}/doc-{i}.pdf", t.id),
                source_path_raw: None,
                version: 1,
                kind: FileKind::Pdf,
                pdf: None,
                classification: Classification {
                    doc_type: Some(t.id.clone()),
                    section: t.default_section(None),
                    confidence: 0.9,
                    origin: ClassificationOrigin::Guess,
                },
                language: None,
                title: None,
                issued: None,
                expires: None,
                study: None,
                scope: Default::default(),
                translation_of: None,
                imported_at: datetime!(2026-01-01 0:00 UTC),
                findings: vec![],
            }
        })
        .collect();
    let app = |id: &str, profile: &str, route: Option<&str>| AppSnapshot {
        id: id.into(),
        profile: profile.into(),
        title: id.into(),
        route: route.map(str::to_owned),
        target_date: Some(date!(2027 - 06 - 30)),
        flags: BTreeMap::from([("applicant_in_region".to_owned(), false)]),
        manual: vec![],
    };
    let snapshot = Snapshot {
        documents,
        facts: Facts::default(),
        applications: vec![
            app("app_hk", "hk-dh-new-product", Some("1plus")),
            app("app_cn", "nmpa-nda-imported", None),
            app("app_us", "fda-nda", None),
            app("app_eu", "ema-maa-centralised", None),
        ],
        today: date!(2026 - 11 - 22),
    };
    let _ = analyse(templates, &snapshot); // warm-up
    let runs = 20;
    let mut best = f64::MAX;
    let mut total = 0.0;
    let mut placements = 0;
    for _ in 0..runs {
        let t = Instant::now();
        let analyses = analyse(templates, &snapshot);
        let ms = t.elapsed().as_secs_f64() * 1e3;
        best = best.min(ms);
        total += ms;
        placements = analyses.iter().map(|a| a.placements().count()).sum();
    }
    let t = Instant::now();
    let analyses = analyse(templates, &snapshot);
    let matrix = reuse_matrix(&snapshot.documents, &analyses);
    let with_matrix = t.elapsed().as_secs_f64() * 1e3;
    println!("gap analysis, 4 applications × {n} documents: best {best:.1} ms, mean {:.1} ms over {runs} runs", total / runs as f64);
    for a in &analyses {
        println!("  {}: {} placements, {} gaps, {}% ready", a.application, a.placements().count(), a.gaps.len(), a.readiness.percent);
    }
    println!("  {placements} placements; with the reuse matrix ({} rows): {with_matrix:.1} ms", matrix.rows.len());
}
