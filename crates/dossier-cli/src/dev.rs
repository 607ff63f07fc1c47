//! `dossier dev gen-project DIR --docs N --size BYTES`: a large synthetic project for
//! benchmarks — real, valid PDFs of realistic sizes spread over Modules 1–5, with facts and
//! applications for all four authorities, laid out like a company's eCTD folders so that import
//! classification does real work.
//!
//! Each PDF is one page showing a grey image whose raw samples carry the bulk (incompressible,
//! like scanned reports); no fonts, so the files are valid and clean for every PDF check.

use std::io::Write;
use std::path::Path;

use anyhow::Context;
use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref};

use crate::output::{human_bytes, line};
use crate::run::Outcome;

#[derive(Debug, clap::Subcommand)]
pub enum DevCommand {
    /// Generate a large synthetic project folder (documents/, facts.toml, applications.toml).
    GenProject {
        dir: std::path::PathBuf,
        #[arg(long, default_value_t = 1000)]
        docs: usize,
        /// Total size: bytes, or with a unit (500MB, 2GiB).
        #[arg(long, default_value = "1GiB", value_parser = parse_size)]
        size: u64,
    },
}

pub fn run(cmd: DevCommand, json: bool) -> anyhow::Result<Outcome> {
    match cmd {
        DevCommand::GenProject { dir, docs, size } => gen_project(&dir, docs, size, json),
    }
}

fn parse_size(s: &str) -> Result<u64, String> {
    let s = s.trim();
    let split = s.find(|c: char| !c.is_ascii_digit() && c != '.').unwrap_or(s.len());
    let (number, unit) = s.split_at(split);
    let n: f64 = number.parse().map_err(|_| format!("`{s}` is not a size such as 500MB or 2GiB"))?;
    let factor = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1.0,
        "kb" => 1e3,
        "mb" => 1e6,
        "gb" => 1e9,
        "kib" => 1024.0,
        "mib" => 1024.0 * 1024.0,
        "gib" => 1024.0 * 1024.0 * 1024.0,
        other => return Err(format!("unknown unit `{other}`; use B, KB, MB, GB, KiB, MiB or GiB")),
    };
    Ok((n * factor) as u64)
}

/// Deterministic pseudo-random numbers (xorshift64*): the same arguments give the same files.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Relative sizes with the spread of a real dossier: most files 1–5 MB, some of a few KB
/// (letters, certificates), a few very large (datasets, scanned CRFs).
fn weights(n: usize, rng: &mut Rng) -> Vec<f64> {
    (0..n)
        .map(|_| {
            let r = rng.unit();
            if r < 0.10 {
                0.01 + rng.unit() * 0.05
            } else if r < 0.97 {
                0.4 + rng.unit() * 1.6
            } else {
                10.0 + rng.unit() * 40.0
            }
        })
        .collect()
}

fn pdf_with_payload(bytes: usize, title: &str, rng: &mut Rng) -> Vec<u8> {
    const WIDTH: usize = 1000;
    let height = (bytes / WIDTH).max(1);
    let mut samples = vec![0u8; WIDTH * height];
    for chunk in samples.chunks_mut(8) {
        let v = rng.next().to_le_bytes();
        chunk.copy_from_slice(&v[..chunk.len()]);
    }
    let (catalog, pages, page, image, content, info) = (Ref::new(1), Ref::new(2), Ref::new(3), Ref::new(4), Ref::new(5), Ref::new(6));
    let mut pdf = Pdf::new();
    pdf.catalog(catalog).pages(pages);
    pdf.pages(pages).kids([page]).count(1);
    let mut p = pdf.page(page);
    p.media_box(Rect::new(0.0, 0.0, 595.0, 842.0)).parent(pages).contents(content);
    p.resources().x_objects().pair(Name(b"Im1"), image);
    p.finish();
    let mut img = pdf.image_xobject(image, &samples);
    img.width(WIDTH as i32).height(height as i32).bits_per_component(8);
    img.color_space().device_gray();
    img.finish();
    let mut c = Content::new();
    c.save_state().transform([500.0, 0.0, 0.0, 700.0, 47.0, 71.0]).x_object(Name(b"Im1")).restore_state();
    pdf.stream(content, &c.finish());
    pdf.document_info(info).title(pdf_writer::TextStr(title));
    pdf.finish()
}

pub fn gen_project(dir: &Path, docs: usize, size: u64, json: bool) -> anyhow::Result<Outcome> {
    // It writes documents/, facts.toml and applications.toml: never into a project, never over
    // someone's folder.
    dossier_api::check_new_project_folder(dir)?;
    if std::fs::read_dir(dir).is_ok_and(|mut d| d.next().is_some()) {
        anyhow::bail!("{} is not empty; give gen-project a new or empty folder", dir.display());
    }
    let started = std::time::Instant::now();
    let mut rng = Rng(0x5EED_0F_D055_1E55 ^ docs as u64);
    let types = dossier_api::document_types();
    let placed: Vec<(String, String)> = types
        .iter()
        .filter_map(|t| {
            let section = t.sections.first()?;
            let folder = match section.split_once(':') {
                Some((region, code)) => format!("m1/{region}/{}", code.replace('.', "")),
                None => dossier_api::ctd_folder(section)?,
            };
            let hint = t.id.clone();
            Some((folder, hint))
        })
        .collect();
    anyhow::ensure!(!placed.is_empty(), "no document types with sections are built in");
    let w = weights(docs, &mut rng);
    let total: f64 = w.iter().sum();
    let documents = dir.join("documents");
    let mut written = 0u64;
    for (i, weight) in w.iter().enumerate() {
        let (folder, hint) = &placed[i % placed.len()];
        let bytes = ((size as f64) * weight / total) as usize;
        let path = documents.join(folder).join(format!("{hint}-{i:05}.pdf"));
        std::fs::create_dir_all(path.parent().expect("has a folder"))?;
        let pdf = pdf_with_payload(bytes.max(2048), &format!("{hint} {i}"), &mut rng);
        written += pdf.len() as u64;
        std::fs::File::create(&path)
            .and_then(|mut f| f.write_all(&pdf))
            .with_context(|| format!("while writing {}", path.display()))?;
    }
    std::fs::write(dir.join("facts.toml"), FACTS)?;
    std::fs::write(dir.join("applications.toml"), APPLICATIONS)?;
    let seconds = started.elapsed().as_secs_f64();
    if json {
        crate::output::json(&serde_json::json!({ "documents": docs, "bytes": written, "seconds": seconds }))?;
    } else {
        line(format!(
            "generated {docs} PDFs ({}) in {} in {seconds:.1} s; create a project with: dossier init DIR.dossier --from {}",
            human_bytes(written),
            documents.display(),
            dir.display()
        ));
    }
    Ok(Outcome::Clean)
}

const FACTS: &str = r#"# Synthetic benchmark project (dossier dev gen-project).
[product]
inn = "benchmarkinib"
modality = "chemical"
trade_names = ["Benchmarkix"]
dosage_forms = ["film-coated tablet"]
strengths = ["10 mg"]
indications = ["advanced solid tumours"]
applicant = "Benchmark Pharma Ltd."

[[product.site]]
name = "Benchmark API plant"
country = "CN"
role = "drug substance manufacturer"

[[product.site]]
name = "Benchmark tablet plant"
country = "CN"
role = "drug product manufacturer"

[[study]]
id = "BEN-301"
phase = "3"
pivotal = true
[study.subjects]
total = 800
hong_kong = 20
mainland_china = 300
other_asia = 80
us = 200
eu = 200

[[approval]]
authority = "NMPA"
country = "CN"
date = 2025-01-15
designations = ["priority-review"]
"#;

const APPLICATIONS: &str = r#"[[application]]
id = "app_hk"
profile = "hk-dh-new-product"
route = "1plus"
[application.facts]
registered_in_region = false
applicant_in_region = false

[[application]]
id = "app_cn"
profile = "nmpa-nda-imported"
[application.facts]
applicant_in_region = false
overseas_data_relied_on = true

[[application]]
id = "app_us"
profile = "fda-nda"
[application.facts]
applicant_in_region = false

[[application]]
id = "app_eu"
profile = "ema-maa-centralised"
[application.facts]
applicant_in_region = false
[application.envelope.eu]
country = "ema"
agency = "EU-EMA"
procedure = "centralised"
submission_type = "maa"
tracking_numbers = ["to be advised"]
submission_unit = "initial"
applicant = "Benchmark Pharma Ltd."
invented_names = ["Benchmarkix"]
inns = ["benchmarkinib"]
description = "Benchmark MAA"
"#;
