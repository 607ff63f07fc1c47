//! Module 3: quality (drug substance 3.2.S and drug product 3.2.P).

use super::facts::*;
use crate::doc::*;
use crate::row;

const DS: &str = "m3/32-body-data/32s-drug-sub/substance-1-manufacturer-1";
const DP: &str = "m3/32-body-data/32p-drug-prod/product-1";
const M3_DATE: Date = date(2024, 5, 30);

pub fn docs() -> Vec<Doc> {
    vec![
        ds_general(),
        ds_manufacture(),
        ds_process_validation(),
        ds_impurities(),
        ds_spec(),
        ds_procedures(),
        ds_validation(),
        ds_batches(),
        ds_stability_summary(),
        ds_stability_data(),
        dp_composition(),
        dp_development(),
        dp_batch_formula(),
        dp_process(),
        dp_process_validation(),
        dp_spec(),
        dp_procedures(),
        dp_validation(),
        dp_batches(),
        dp_q3d(),
        dp_container(),
        dp_stability_summary(),
        dp_stability_data(),
    ]
}

fn api(path: &str, title: &str, reference: &str, d: Date) -> Doc {
    Doc::new(&format!("{DS}/{path}"), title, Lang::En, API_CO, reference, d)
}

fn dp(path: &str, title: &str, reference: &str, d: Date) -> Doc {
    en(&format!("{DP}/{path}"), title, reference, d)
}

/// Small deterministic "measurement noise" in [-1, 1] from integer inputs.
fn jitter(a: u32, b: u32, c: u32) -> f32 {
    let mut x = a.wrapping_mul(2654435761) ^ b.wrapping_mul(40503) ^ c.wrapping_mul(97);
    x ^= x >> 13;
    x = x.wrapping_mul(1274126177);
    x ^= x >> 16;
    (x % 2001) as f32 / 1000.0 - 1.0
}

// ---------------------------------------------------------------- drug substance

fn ds_general() -> Doc {
    let mut d = api("32s1-gen-info/general-information.pdf", "3.2.S.1 General Information", "EXA-CTD-S1 v1.0", M3_DATE);
    d.title("3.2.S.1 General Information", &["Examplinib mesilate · manufacturer: Examplar Pharmaceutical (Huizhou) Co., Ltd."]);
    d.h1("3.2.S.1.1 Nomenclature");
    d.kv_rows(vec![
        row!["INN (proposed)", "examplinib"],
        row!["Compendial name", "Not in any pharmacopoeia"],
        row!["Chemical name (IUPAC)", CHEM_NAME],
        row!["Company code", "EXB-1207 mesilate"],
        row!["CAS registry number", "Not assigned (synthetic sample)"],
    ]);
    d.h1("3.2.S.1.2 Structure");
    d.p("Structural formula: a 2-anilino-5-fluoropyrimidine bearing a 1-cyclopropylpyrazol-4-yl group at C-4; the aniline carries a 4-methoxy group, a 2-[(2-methoxyethyl)(methyl)amino] group and an acrylamide at C-5 (covalent warhead). Salt: mono-methanesulfonate. No stereocentres.");
    d.kv_rows(vec![row!["Molecular formula", FORMULA], row!["Relative molecular mass", format!("{MW_SALT} (salt); {MW_BASE} (free base)")]]);
    d.h1("3.2.S.1.3 General properties");
    d.table(&[40.0, 60.0], &["Property", "Result"], vec![
        row!["Appearance", "White to off-white crystalline powder"],
        row!["Melting point", "231–234 °C (DSC onset 232.1 °C)"],
        row!["Solubility (25 °C)", "pH 1.2: 38 mg/mL; pH 4.5: 6.2 mg/mL; pH 6.8: 0.21 mg/mL; water: 12 mg/mL"],
        row!["pKa", "8.9; 4.1"],
        row!["log D (pH 7.4)", "3.2"],
        row!["Polymorphism", "Form I (thermodynamically stable), Form II (metastable), hydrate H1; commercial form I"],
        row!["Hygroscopicity", "Non-hygroscopic (0.3% at 90% RH, DVS)"],
        row!["BCS class (provisional)", "Class II (low solubility at pH 6.8, high permeability)"],
    ]);
    d
}

fn ds_manufacture() -> Doc {
    let mut d = api("32s2-manuf/manufacture-process-description.pdf", "3.2.S.2 Manufacture – process description and controls", "EXA-CTD-S2 v1.0", M3_DATE);
    d.title("3.2.S.2 Manufacture", &["3.2.S.2.1 Manufacturer(s) · 3.2.S.2.2 Description of manufacturing process · 3.2.S.2.3 Control of materials · 3.2.S.2.4 Controls of critical steps"]);
    d.h1("3.2.S.2.1 Manufacturer");
    d.p(&format!("{API_CO}, {API_ADDR}. Responsible for manufacture, micronisation, packaging, testing and release of examplinib mesilate. Dedicated highly potent suite API-3 (OEL band 4: 1–10 µg/m³)."));
    d.h1("3.2.S.2.2 Description of the manufacturing process");
    d.table(&[10.0, 50.0, 40.0], &["Step", "Operation", "Critical process parameters"], vec![
        row!["1", "Suzuki coupling of RSM-1 and RSM-2 (Pd(dppf)Cl2, K2CO3, 2-MeTHF/water, 70 °C) → INT-1", "Temperature 65–75 °C; Pd charge 0.5 mol%"],
        row!["2", "SNAr amination of INT-1 with RSM-3 (p-TsOH, 2-pentanol, 105 °C) → INT-2 (nitro)", "Reaction time ≥ 12 h; IPC INT-1 ≤ 0.5%"],
        row!["3", "SNAr with N-(2-methoxyethyl)methylamine (DMAc, DIPEA, 80 °C) → INT-3", "Amine equivalents 1.5–2.0"],
        row!["4", "Nitro reduction (H2, Pd/C, methanol, 3 bar) → INT-4 (aniline)", "IPC nitro INT-3 ≤ 0.05%"],
        row!["5", "Acrylation (3-chloropropionyl chloride then elimination with triethylamine, THF) → crude examplinib", "Temperature ≤ 5 °C during addition"],
        row!["6", "Salt formation with methanesulfonic acid (1.00–1.05 eq) in acetone/water 95:5, crystallisation, drying, micronisation", "Seeding at 45 °C with Form I; drying ≤ 50 °C; LOD ≤ 0.5%"],
    ]);
    d.p("Typical overall yield 46%. Batch size: 60 kg examplinib mesilate. Reprocessing: recrystallisation of step 6 from acetone/water is permitted once.");
    d.h1("3.2.S.2.3 Control of materials");
    d.p("Registered starting materials RSM-1, RSM-2 and RSM-3 are purchased from two qualified suppliers each and controlled by specifications including assay (≥ 98.0%), specified impurities and, for RSM-3, the regio-isomer (≤ 0.15%). Justification of starting materials according to ICH Q11 is provided in 3.2.S.2.6 (not included in this sample).");
    d.h1("3.2.S.2.4 Controls of critical steps and intermediates");
    d.table(&[20.0, 40.0, 40.0], &["Intermediate", "Test", "Acceptance criterion"], vec![
        row!["INT-2", "Purity (HPLC)", "≥ 98.5%; regio-isomer ≤ 0.15%"],
        row!["INT-3", "Purity (HPLC)", "≥ 98.0%"],
        row!["INT-4", "Nitro intermediate INT-3 (LC-MS)", "≤ 20 ppm (ICH M7 class 2)"],
        row!["Crude examplinib", "Impurity C (Michael dimer)", "≤ 0.30%"],
    ]);
    d
}

fn ds_process_validation() -> Doc {
    let mut d = api("32s2-manuf/process-validation-drug-substance.pdf", "3.2.S.2.5 Process validation and/or evaluation", "EXA-PV-RPT-001 v1.0", date(2022, 4, 28));
    d.title("3.2.S.2.5 Process Validation Report – Examplinib Mesilate", &["Process performance qualification (PPQ) of three consecutive commercial-scale batches", "Protocol EXA-PV-PRT-001 · Report EXA-PV-RPT-001"]);
    control(&mut d, "EXA-PV-RPT-001", "1.0 / approved", date(2022, 4, 28), "Process Engineering, Huizhou site", "Head of Quality Assurance, Huizhou site");
    d.h1("1. Batches");
    d.table(&[26.0, 18.0, 18.0, 18.0, 20.0], &["Batch", "Date of manufacture", "Output (kg)", "Yield (%)", "Result"], vec![
        row!["EXA-2201001", "2022-01-10", "59.2", "46.8", "Complies"],
        row!["EXA-2201002", "2022-01-24", "60.4", "47.5", "Complies"],
        row!["EXA-2201003", "2022-02-14", "58.7", "46.1", "Complies"],
    ]);
    d.h1("2. Critical process parameters and in-process controls");
    d.table(&[30.0, 25.0, 15.0, 15.0, 15.0], &["Parameter / IPC", "Range", "001", "002", "003"], vec![
        row!["Step 1 temperature (°C)", "65–75", "70.2", "69.8", "71.1"],
        row!["Step 2 INT-1 residual (%)", "≤ 0.5", "0.18", "0.22", "0.15"],
        row!["Step 4 INT-3 residual (ppm)", "≤ 20", "< 5", "6", "< 5"],
        row!["Step 6 MsOH equivalents", "1.00–1.05", "1.02", "1.03", "1.02"],
        row!["Step 6 LOD (%)", "≤ 0.5", "0.21", "0.18", "0.24"],
    ]);
    d.h1("3. Conclusion");
    d.p("All three PPQ batches met the predefined acceptance criteria for CPPs, IPCs and the release specification. The process is considered validated. Continued process verification will trend yield, Impurity C and particle size.");
    d
}

fn ds_impurities() -> Doc {
    let mut d = api("32s3-charac/impurities-characterisation.pdf", "3.2.S.3.2 Impurities", "EXA-CTD-S32 v1.0", M3_DATE);
    d.title("3.2.S.3.2 Impurities", &["Organic, inorganic and residual-solvent impurities; mutagenic impurity assessment (ICH M7)"]);
    d.h1("1. Specified organic impurities");
    d.table(&[16.0, 34.0, 14.0, 18.0, 18.0], &["Name", "Identity / origin", "RRT", "Max. observed (%)", "Limit (%)"], vec![
        row!["Impurity A", "Des-acryloyl amine (INT-4); process", "0.62", "0.06", "0.15"],
        row!["Impurity B", "N-oxide of the tertiary amine; degradation", "0.88", "0.05", "0.15"],
        row!["Impurity C", "Michael adduct dimer; process", "1.74", "0.08", "0.15"],
        row!["Impurity D", "Acrylamide hydrolysis (propanoic acid); degradation", "0.71", "< 0.03", "0.15 (DP only)"],
    ]);
    d.h1("2. Mutagenic impurities (ICH M7)");
    d.table(&[34.0, 14.0, 26.0, 26.0], &["Impurity", "Class", "Control option", "Limit"], vec![
        row!["INT-3 (nitro aromatic)", "2", "Option 3 (IPC at INT-4)", "≤ 20 ppm in INT-4; purge factor > 1000"],
        row!["Methyl methanesulfonate (MMS)", "1", "Option 1 (specification)", "≤ 15 ppm"],
        row!["Ethyl methanesulfonate (EMS)", "1", "Option 1", "≤ 15 ppm"],
        row!["Isopropyl methanesulfonate (IPMS)", "1", "Option 4 (justified, no alcohol in step 6)", "Not tested"],
        row!["3-Chloropropionyl chloride", "3", "Option 4 (reactive, purged)", "Not tested"],
    ]);
    d.h1("3. Residual solvents and elemental impurities");
    d.p("Class 2 solvents used: methanol, 2-methyltetrahydrofuran (class 3 per ICH Q3C(R8)), N,N-dimethylacetamide, tetrahydrofuran. Palladium (catalyst, steps 1 and 4) is controlled at ≤ 10 ppm (oral PDE 100 µg/day; max daily dose 0.12 g).");
    d
}

/// The drug-substance specification rows shared by the specification and the justification.
fn ds_spec_rows() -> Vec<Vec<String>> {
    vec![
        row!["Appearance", "Visual", "White to off-white powder"],
        row!["Identification A", "IR (ChP 0402 / Ph. Eur. 2.2.24)", "Concordant with reference spectrum"],
        row!["Identification B", "HPLC (EXA-AP-002)", "Retention time of principal peak corresponds to reference standard (± 2%)"],
        row!["Mesylate content", "Ion chromatography (EXA-AP-005)", "16.0–17.2% (theory 16.64%)"],
        row!["Assay (anhydrous, solvent-free)", "HPLC (EXA-AP-002)", "98.0–102.0%"],
        row!["Related substances", "HPLC (EXA-AP-003)", "Impurity A ≤ 0.15%; Impurity B ≤ 0.15%; Impurity C ≤ 0.15%; unspecified ≤ 0.10% each; total ≤ 0.8%"],
        row!["Alkyl mesilates", "GC-MS (EXA-AP-006)", "MMS ≤ 15 ppm; EMS ≤ 15 ppm"],
        row!["Residual solvents", "GC-HS (EXA-AP-004)", "Methanol ≤ 3000 ppm; THF ≤ 720 ppm; DMAc ≤ 1090 ppm; acetone ≤ 5000 ppm; 2-MeTHF ≤ 5000 ppm"],
        row!["Water", "KF (ChP 0832 / Ph. Eur. 2.5.12)", "≤ 1.0%"],
        row!["Residue on ignition", "ChP 0841 / Ph. Eur. 2.4.14", "≤ 0.1%"],
        row!["Palladium", "ICP-MS (EXA-AP-007)", "≤ 10 ppm"],
        row!["Polymorphic form", "XRPD (EXA-AP-008)", "Form I; characteristic peaks at 6.8, 13.6, 17.2, 21.5 ± 0.2° 2θ"],
        row!["Particle size", "Laser diffraction (EXA-AP-009)", "D90 ≤ 50 µm; D50 report"],
        row!["Microbial enumeration", "ChP 1105/1106", "TAMC ≤ 1000 cfu/g; TYMC ≤ 100 cfu/g"],
    ]
}

fn ds_spec() -> Doc {
    let mut d = api("32s4-contr-drug-sub/32s41-spec/drug-substance-spec.pdf", "3.2.S.4.1 Specification – Examplinib mesilate", "EXA-QC-SPEC-001 v4.0", date(2024, 3, 1));
    d.title("3.2.S.4.1 Specification", &["Examplinib mesilate drug substance – release and retest specification", "Specification EXA-QC-SPEC-001, version 4.0, effective 1 March 2024"]);
    control(&mut d, "EXA-QC-SPEC-001", "4.0 / effective", date(2024, 3, 1), "QC Laboratory, Huizhou site", "Qualified Person, Huizhou site");
    d.ctable("Table 1. Specification for examplinib mesilate", &[24.0, 28.0, 48.0], &["Test", "Method", "Acceptance criterion"], ds_spec_rows());
    d.note("Retest period: 48 months when stored below 30 °C in double LDPE bags inside HDPE drums.");
    d.h1("Change history");
    d.table(&[14.0, 20.0, 66.0], &["Version", "Date", "Change"], vec![
        row!["3.0", "2022-01-05", "PPQ version; added alkyl mesilate test"],
        row!["4.0", "2024-03-01", "Tightened total impurities from 1.0% to 0.8% and Impurity C from 0.20% to 0.15% based on 9 batches"],
    ]);
    d
}

fn ds_procedures() -> Doc {
    let mut d = api("32s4-contr-drug-sub/32s42-analyt-proc/analytical-procedures-ds.pdf", "3.2.S.4.2 Analytical Procedures", "EXA-AP-003 v2.0", M3_DATE);
    d.title("3.2.S.4.2 Analytical Procedures", &["EXA-AP-003 – Related substances and assay of examplinib mesilate by HPLC"]);
    d.h1("1. Chromatographic conditions");
    d.kv_rows(vec![
        row!["Column", "C18, 150 × 4.6 mm, 2.7 µm superficially porous (e.g. Example-Core C18)"],
        row!["Mobile phase A", "10 mM ammonium acetate, pH 5.0"],
        row!["Mobile phase B", "Acetonitrile"],
        row!["Gradient", "0 min 15% B; 20 min 60% B; 25 min 90% B; 27 min 90% B; 27.1 min 15% B; 32 min stop"],
        row!["Flow / temperature", "1.0 mL/min; 40 °C"],
        row!["Detection", "UV 254 nm"],
        row!["Injection volume", "5 µL; sample 0.5 mg/mL in water/acetonitrile 50:50"],
    ]);
    d.h1("2. System suitability");
    d.bullets(&["Resolution between Impurity B and examplinib ≥ 2.0", "Tailing factor of examplinib 0.8–1.5", "RSD of 6 replicate standard injections ≤ 1.0% (assay) / ≤ 5.0% at 0.10% level", "Signal-to-noise of sensitivity solution (0.03%) ≥ 10"]);
    d.h1("3. Calculation");
    d.p("Impurities are calculated against the diluted standard (0.10%) with relative response factors: Impurity A 1.21, Impurity B 0.97, Impurity C 0.84. Reporting threshold 0.05%; identification threshold 0.10%.");
    d
}

fn ds_validation() -> Doc {
    let mut d = api("32s4-contr-drug-sub/32s43-val-analyt-proc/method-validation-hplc-ds.pdf", "3.2.S.4.3 Validation of Analytical Procedures – HPLC related substances", "EXA-VAL-003 v1.0", date(2021, 11, 18));
    d.title("3.2.S.4.3 Validation of Analytical Procedures", &["Method validation report EXA-VAL-003 for HPLC method EXA-AP-003 (ICH Q2(R1))"]);
    d.table(&[26.0, 40.0, 34.0], &["Characteristic", "Acceptance criterion", "Result"], vec![
        row!["Specificity", "No interference; peak purity passes; forced degradation mass balance 95–105%", "Complies; mass balance 97.8–101.2%"],
        row!["LOQ / LOD", "LOQ ≤ 0.05%", "LOQ 0.02%; LOD 0.006%"],
        row!["Linearity (LOQ–150% of limit)", "r ≥ 0.998", "r = 0.9996–0.9999"],
        row!["Accuracy (recovery)", "80–120% at LOQ; 90–110% above", "93.4–104.1%"],
        row!["Repeatability", "RSD ≤ 10% (impurities); ≤ 1.0% (assay)", "2.1–4.6%; 0.4%"],
        row!["Intermediate precision", "RSD ≤ 15%; ≤ 2.0% (assay)", "3.8–6.2%; 0.7%"],
        row!["Robustness", "System suitability met", "Complies (pH ± 0.2, T ± 5 °C, flow ± 10%)"],
        row!["Solution stability", "Change ≤ 0.05% absolute over 48 h", "Stable for 72 h at 5 °C"],
    ]);
    d
}

fn ds_batches() -> Doc {
    let mut d = api("32s4-contr-drug-sub/32s44-batch-analys/batch-analysis-ds.pdf", "3.2.S.4.4 Batch Analyses – Examplinib mesilate", "EXA-CTD-S44 v1.0", M3_DATE)
        .special(Special::Encrypt { user: "examplar-ds-2024", owner: "examplar-owner-2024" });
    d.title("3.2.S.4.4 Batch Analyses", &["Results for nine batches of examplinib mesilate: clinical, registration and process validation"]);
    d.table(&[22.0, 14.0, 14.0, 26.0, 24.0], &["Batch", "Scale (kg)", "Date", "Use", "Site"], vec![
        row!["EXA-1905001", "4.8", "2019-05", "Toxicology, EXP-101", "Pilot plant, Shenzhen"],
        row!["EXA-2003001", "12.1", "2020-03", "EXP-102, EXP-201", "Huizhou API-3"],
        row!["EXA-2011002", "31.5", "2020-11", "EXP-301", "Huizhou API-3"],
        row!["EXA-2107001", "59.8", "2021-07", "Registration stability", "Huizhou API-3"],
        row!["EXA-2108002", "60.1", "2021-08", "Registration stability", "Huizhou API-3"],
        row!["EXA-2109003", "59.5", "2021-09", "Registration stability", "Huizhou API-3"],
        row!["EXA-2201001", "59.2", "2022-01", "PPQ", "Huizhou API-3"],
        row!["EXA-2201002", "60.4", "2022-01", "PPQ", "Huizhou API-3"],
        row!["EXA-2201003", "58.7", "2022-02", "PPQ", "Huizhou API-3"],
    ]);
    let batches = ["EXA-2107001", "EXA-2108002", "EXA-2109003", "EXA-2201001", "EXA-2201002", "EXA-2201003"];
    let mut rows = Vec::new();
    let tests: [(&str, &str); 9] = [
        ("Assay (%)", "98.0–102.0"),
        ("Impurity A (%)", "≤ 0.15"),
        ("Impurity B (%)", "≤ 0.15"),
        ("Impurity C (%)", "≤ 0.15"),
        ("Total impurities (%)", "≤ 0.8"),
        ("Water (%)", "≤ 1.0"),
        ("Pd (ppm)", "≤ 10"),
        ("MMS / EMS (ppm)", "≤ 15"),
        ("D90 (µm)", "≤ 50"),
    ];
    for (ti, (test, crit)) in tests.iter().enumerate() {
        let mut r = vec![test.to_string(), crit.to_string()];
        for (bi, _) in batches.iter().enumerate() {
            let j = jitter(ti as u32, bi as u32, 7);
            let v = match ti {
                0 => format!("{:.1}", 99.6 + 0.4 * j),
                1 => format!("{:.2}", 0.05 + 0.02 * j),
                2 => format!("{:.2}", 0.04 + 0.015 * j),
                3 => format!("{:.2}", 0.07 + 0.02 * j),
                4 => format!("{:.2}", 0.24 + 0.05 * j),
                5 => format!("{:.2}", 0.22 + 0.06 * j),
                6 => format!("{}", (2.5 + 1.5 * j).round() as i32),
                7 => "< 3 / < 3".to_string(),
                _ => format!("{:.0}", 31.0 + 6.0 * j),
            };
            r.push(v);
        }
        rows.push(r);
    }
    d.ctable("Table 2. Results of registration and PPQ batches", &[20.0, 14.0, 11.0, 11.0, 11.0, 11.0, 11.0, 11.0], &["Test", "Criterion", "2107001", "2108002", "2109003", "2201001", "2201002", "2201003"], rows);
    d.p("All batches comply with the specification in force at the time of release and with the current specification EXA-QC-SPEC-001 v4.0. Polymorphic form: Form I for all batches. Appearance and identification: complies.");
    d
}

fn stab_rows(months: &[u32], seed: u32, deg_per_month: f32, with_diss: bool) -> Vec<Vec<String>> {
    months
        .iter()
        .enumerate()
        .map(|(i, &m)| {
            let j = |k: u32| jitter(seed, i as u32, k);
            let assay = 99.8 - 0.03 * m as f32 * deg_per_month / 0.004 * 0.1 + 0.3 * j(1);
            let imp_b = 0.04 + deg_per_month * m as f32 + 0.005 * j(2).abs();
            let total = imp_b + 0.16 + 0.02 * j(3).abs();
            let mut r = row![if m == 0 { "Initial".to_string() } else { format!("{m} M") }, format!("{assay:.1}"), format!("{imp_b:.2}"), format!("{total:.2}")];
            if with_diss {
                r.push(format!("{} ({}–{})", (93.0 + 2.0 * j(4)).round(), (89.0 + 2.0 * j(5)).round(), (97.0 + 1.5 * j(6)).round()));
                r.push(format!("{:.1}", 2.9 + 0.02 * m as f32 + 0.2 * j(7)));
            } else {
                r.push(format!("{:.2}", 0.22 + 0.004 * m as f32 + 0.03 * j(7)));
                r.push("Form I".to_string());
            }
            r
        })
        .collect()
}

fn ds_stability_summary() -> Doc {
    let mut d = api("32s7-stab/stability-summary-ds.pdf", "3.2.S.7.1 Stability Summary and Conclusions", "EXA-CTD-S71 v1.0", M3_DATE);
    d.title("3.2.S.7.1 Stability Summary and Conclusions", &["Examplinib mesilate"]);
    d.table(&[30.0, 30.0, 40.0], &["Study", "Conditions", "Batches / duration"], vec![
        row!["Long-term", "25 °C ± 2 °C / 60% RH ± 5%", "EXA-2107001/2108002/2109003: 36 months; PPQ batches: 24 months"],
        row!["Long-term (zone IVb)", "30 °C ± 2 °C / 75% RH ± 5%", "Registration batches: 36 months"],
        row!["Accelerated", "40 °C ± 2 °C / 75% RH ± 5%", "All six batches: 6 months"],
        row!["Stress / photostability", "ICH Q1B option 2; 60 °C; acid/base/oxidation", "EXA-2107001"],
    ]);
    d.p("No significant change was observed under long-term or accelerated conditions. Impurity B (N-oxide) is the only degradation product increasing (max 0.09% at 36 months, 30/75). The substance is not photosensitive. A retest period of 48 months is proposed with the storage statement \"Store below 30 °C\"; the retest period will be confirmed with ongoing PPQ stability data (commitment in 3.2.S.7.2).");
    d
}

fn ds_stability_data() -> Doc {
    let mut d = api("32s7-stab/stability-data-ds.pdf", "3.2.S.7.3 Stability Data – Examplinib mesilate", "EXA-STAB-RPT-003 v1.0", M3_DATE);
    d.title("3.2.S.7.3 Stability Data", &["Long-term and accelerated stability data, registration batches", "Packaging: double LDPE bags, HDPE drum"]);
    let hdr = ["Time point", "Assay (%)", "Impurity B (%)", "Total impurities (%)", "Water (%)", "XRPD"];
    let w = [16.0, 16.0, 17.0, 19.0, 16.0, 16.0];
    for (bi, b) in ["EXA-2107001", "EXA-2108002", "EXA-2109003"].iter().enumerate() {
        d.h1(&format!("Batch {b}"));
        d.ctable(&format!("Table {}a. {b}, 25 °C/60% RH", bi + 1), &w, &hdr, stab_rows(&[0, 3, 6, 9, 12, 18, 24, 36], 10 + bi as u32, 0.0012, false));
        d.ctable(&format!("Table {}b. {b}, 30 °C/75% RH", bi + 1), &w, &hdr, stab_rows(&[0, 3, 6, 9, 12, 18, 24, 36], 20 + bi as u32, 0.0014, false));
        d.ctable(&format!("Table {}c. {b}, 40 °C/75% RH", bi + 1), &w, &hdr, stab_rows(&[0, 1, 2, 3, 6], 30 + bi as u32, 0.008, false));
    }
    d.note("Acceptance criteria: assay 98.0–102.0%; Impurity B ≤ 0.15%; total ≤ 0.8%; water ≤ 1.0%; Form I.");
    d
}

// ---------------------------------------------------------------- drug product

fn dp_composition() -> Doc {
    let mut d = dp("32p1-desc-comp/description-composition.pdf", "3.2.P.1 Description and Composition of the Drug Product", "EXB-CTD-P1 v1.0", M3_DATE);
    d.title("3.2.P.1 Description and Composition of the Drug Product", &[PRODUCT_EN]);
    d.h1("1. Description");
    d.p("50 mg: yellow, round, biconvex film-coated tablet, diameter 8.0 mm, debossed \"EX\" on one side and \"50\" on the other. 100 mg: yellow, oval, biconvex film-coated tablet, 14.0 × 7.0 mm, debossed \"EX\" and \"100\". The tablets are packed in OPA/Al/PVC–aluminium blisters of 10 tablets; 3 blisters per carton.");
    d.h1("2. Composition");
    d.ctable("Table 1. Qualitative and quantitative composition per tablet", &[36.0, 16.0, 16.0, 32.0], &["Component", "50 mg (mg)", "100 mg (mg)", "Function / standard"], super::m2::composition_rows());
    d.p("Composition of the film-coating premix (yellow): polyvinyl alcohol 40.0%, titanium dioxide (E171, CI 77891) 24.6%, macrogol 3350 20.2%, talc 14.8%, iron oxide yellow (E172, CI 77492) 0.4%.");
    d.note("Strengths are expressed as examplinib free base. Conversion factor salt/base 1.1996. The full quantitative formula is given; a batch formula is not a substitute (see 3.2.P.3.2).");
    d
}

fn dp_development() -> Doc {
    let mut d = dp("32p2-pharm-dev/pharmaceutical-development.pdf", "3.2.P.2 Pharmaceutical Development", "EXB-CTD-P2 v1.0", M3_DATE);
    d.title("3.2.P.2 Pharmaceutical Development", &[PRODUCT_EN]);
    d.h1("3.2.P.2.1 Components of the drug product");
    d.p("Drug substance attributes critical to performance: particle size (D90 ≤ 50 µm; dissolution at pH 6.8 is particle-size sensitive) and polymorphic form (Form I; no conversion on compaction or storage). Excipient compatibility (binary mixtures 1:1, 40 °C/75% RH, 4 weeks) excluded lactose (Maillard-type adducts) and magnesium stearate (increase of Impurity D); sodium stearyl fumarate was selected.");
    d.h1("3.2.P.2.2 Drug product");
    d.table(&[22.0, 38.0, 40.0], &["Formulation", "Process", "Use"], vec![
        row!["F1 capsule 25/100 mg", "Blend in capsule", "EXP-101 (SAD/MAD)"],
        row!["F2 tablet 25/100 mg", "Wet granulation", "EXP-102 escalation"],
        row!["F3 tablet 50/100 mg (commercial)", "Roller compaction", "EXP-102 expansion, EXP-201, EXP-301"],
    ]);
    d.p("Relative bioavailability of F3 vs F2 (part of EXP-101, n = 12): AUC ratio 1.03 (90% CI 0.95–1.12). The commercial formulation F3 is identical to the phase 3 formulation except for debossing.");
    d.h1("3.2.P.2.3 Manufacturing process development");
    d.p("A design of experiments (roll force 4–10 kN/cm, gap 2–4 mm, mill screen 0.8–1.5 mm) defined the proven acceptable ranges: roll force 6–8 kN/cm, screen 1.0 mm. Tablet hardness 100–160 N gives dissolution ≥ 85% at 30 min.");
    d.h1("3.2.P.2.5 Microbiological attributes");
    d.p("Water activity of tablets 0.38; microbial limits tested at release and annually on stability.");
    d
}

fn dp_batch_formula() -> Doc {
    let mut d = dp("32p3-manuf/manufacturers-batch-formula.pdf", "3.2.P.3.1 Manufacturers and 3.2.P.3.2 Batch Formula", "EXB-CTD-P31 v1.0", M3_DATE);
    d.title("3.2.P.3.1 Manufacturer(s) and 3.2.P.3.2 Batch Formula", &[PRODUCT_EN]);
    d.h1("3.2.P.3.1 Manufacturer(s)");
    d.table(&[34.0, 40.0, 26.0], &["Name", "Address", "Responsibility"], vec![
        row![CO, CO_ADDR, "Manufacture, primary and secondary packaging, QC testing, batch release"],
        row!["Example Micro Labs (Shenzhen) Co., Ltd.", "2 Example Lab Street, Nanshan District, Shenzhen, China", "Microbial limits testing (contract)"],
    ]);
    d.h1("3.2.P.3.2 Batch formula");
    d.table(&[40.0, 30.0, 30.0], &["Component", "Per batch (kg), 100 mg: 300,000 tablets", "Per batch (kg), 50 mg: 600,000 tablets"], vec![
        row!["Examplinib mesilate*", "35.99", "35.99"],
        row!["Mannitol*", "27.61", "27.61"],
        row!["Microcrystalline cellulose", "24.00", "24.00"],
        row!["Croscarmellose sodium", "4.80", "4.80"],
        row!["Hydroxypropyl cellulose", "2.40", "2.40"],
        row!["Sodium stearyl fumarate", "1.20", "1.20"],
        row!["Film-coating premix, yellow", "3.84 (+10% overage for losses)", "3.84 (+10% overage)"],
        row!["Purified water (removed)", "19.2", "19.2"],
    ]);
    d.note("*The quantity of examplinib mesilate is adjusted for assay and water content; mannitol compensates.");
    d
}

fn dp_process() -> Doc {
    let mut d = dp("32p3-manuf/process-description-controls.pdf", "3.2.P.3.3 Description of Manufacturing Process and Process Controls", "EXB-CTD-P33 v1.0", M3_DATE);
    d.title("3.2.P.3.3 Description of Manufacturing Process and Process Controls", &["3.2.P.3.4 Controls of critical steps and intermediates"]);
    d.table(&[8.0, 30.0, 32.0, 30.0], &["#", "Step", "Equipment / parameters", "In-process controls"], vec![
        row!["1", "Dispensing", "Isolator, OEB 4", "Identity of materials"],
        row!["2", "Pre-blending", "Bin blender 300 L, 12 rpm, 10 min", "—"],
        row!["3", "Roller compaction", "Roll force 6–8 kN/cm; gap 3 mm", "Ribbon density 0.9–1.1 g/cm³"],
        row!["4", "Milling", "Conical mill, 1.0 mm screen", "PSD: D50 150–350 µm"],
        row!["5", "Final blending", "Add sodium stearyl fumarate, 3 min", "Blend uniformity RSD ≤ 5% (stratified sampling)"],
        row!["6", "Compression", "Rotary press, 36 stations", "Weight ± 5%; hardness 100–160 N; thickness; friability ≤ 0.8%"],
        row!["7", "Film coating", "Perforated pan, inlet 55–65 °C, product 40–45 °C", "Weight gain 3.5–4.5%"],
        row!["8", "Blister packaging", "Thermoforming line, sealing 210–230 °C", "Leak test (methylene blue) every 2 h"],
    ]);
    d.p("Hold times: final blend 30 days; core tablets 60 days; coated bulk tablets 6 months in double PE bags with desiccant.");
    d
}

fn dp_process_validation() -> Doc {
    let mut d = dp("32p3-manuf/process-validation-report.pdf", "3.2.P.3.5 Process Validation Report – Examplinib tablets", "EXB-PV-RPT-004 v1.0", date(2022, 9, 30));
    d.title("3.2.P.3.5 Process Validation and/or Evaluation", &["Process performance qualification report EXB-PV-RPT-004", "Three consecutive commercial-scale batches per strength"]);
    control(&mut d, "EXB-PV-RPT-004", "1.0 / approved", date(2022, 9, 30), "Technical Operations, Pingshan site", "Head of Quality, Pingshan site");
    d.h1("1. Results");
    d.table(&[22.0, 13.0, 13.0, 13.0, 13.0, 13.0, 13.0], &["Attribute", "100-001", "100-002", "100-003", "50-001", "50-002", "50-003"], vec![
        row!["Blend uniformity RSD (%)", "1.8", "2.1", "1.6", "2.0", "2.4", "1.9"],
        row!["Content uniformity AV", "3.9", "4.4", "3.5", "4.8", "5.1", "4.2"],
        row!["Assay (%)", "99.7", "100.4", "99.9", "100.2", "99.5", "100.0"],
        row!["Dissolution 30 min mean (%)", "94", "93", "95", "96", "95", "96"],
        row!["Hardness mean (N)", "128", "132", "125", "84", "88", "86"],
        row!["Coating weight gain (%)", "4.0", "4.1", "3.9", "4.0", "4.2", "4.0"],
        row!["Yield (%)", "97.8", "98.1", "97.5", "97.2", "97.9", "98.0"],
    ]);
    d.note("Batch numbers: EXB100-2206001/002/003 and EXB050-2206001/002/003.");
    d.h1("2. Conclusion");
    d.p("All batches met the acceptance criteria of protocol EXB-PV-PRT-004. The process is validated for both strengths. Stage 3 continued process verification has started.");
    d
}

fn dp_spec_rows() -> Vec<Vec<String>> {
    vec![
        row!["Description", "Visual", "50 mg: yellow round film-coated tablet debossed \"EX\"/\"50\"; 100 mg: yellow oval film-coated tablet debossed \"EX\"/\"100\"", "Same"],
        row!["Identification A", "HPLC (EXB-AP-002)", "Retention time corresponds to reference (± 2%)", "—"],
        row!["Identification B", "UV-DAD (EXB-AP-002)", "Spectrum concordant with reference", "—"],
        row!["Assay", "HPLC (EXB-AP-002)", "95.0–105.0% of label claim", "95.0–105.0%"],
        row!["Degradation products", "HPLC (EXB-AP-003)", "Impurity B ≤ 0.3%; Impurity D ≤ 0.2%; unspecified ≤ 0.2%; total ≤ 0.6%", "Impurity B ≤ 0.5%; Impurity D ≤ 0.3%; unspecified ≤ 0.2%; total ≤ 1.0%"],
        row!["Uniformity of dosage units", "ChP 0941 / Ph. Eur. 2.9.40 / USP <905>", "Content uniformity, AV ≤ 15.0", "—"],
        row!["Dissolution", "Paddle 75 rpm, 900 mL pH 4.5 acetate buffer, 37 °C (EXB-AP-004)", "Q = 80% in 30 minutes", "Q = 80% in 30 minutes"],
        row!["Water content", "KF (ChP 0832)", "≤ 4.0%", "≤ 5.0%"],
        row!["Microbial enumeration", "ChP 1105/1106/1107; Ph. Eur. 2.6.12/13", "TAMC ≤ 1000 cfu/g; TYMC ≤ 100 cfu/g; E. coli absent in 1 g", "Same (annual)"],
    ]
}

fn dp_spec() -> Doc {
    let mut d = dp("32p5-contr-drug-prod/32p51-spec/drug-product-spec.pdf", "3.2.P.5.1 Specification – Examplinib film-coated tablets", "EXB-QC-SPEC-002 v3.0", date(2024, 3, 12));
    d.title("3.2.P.5.1 Specification(s)", &[PRODUCT_EN, "Release and shelf-life specification EXB-QC-SPEC-002, version 3.0, effective 12 March 2024"]);
    control(&mut d, "EXB-QC-SPEC-002", "3.0 / effective", date(2024, 3, 12), "QC Laboratory, Pingshan site", "Qualified Person, Pingshan site");
    d.ctable("Table 1. Release and shelf-life specification", &[16.0, 22.0, 31.0, 31.0], &["Test", "Method", "Release acceptance criterion", "Shelf-life acceptance criterion"], dp_spec_rows());
    d.h1("Pharmacopoeial compliance");
    d.p("General methods comply with the Chinese Pharmacopoeia 2020 and are equivalent to Ph. Eur. 11 and USP-NF 2024 methods. Examplinib film-coated tablets are not described in any pharmacopoeia; an in-house monograph applies.");
    d
}

fn dp_procedures() -> Doc {
    let mut d = dp("32p5-contr-drug-prod/32p52-analyt-proc/analytical-procedures-dp.pdf", "3.2.P.5.2 Analytical Procedures – dissolution", "EXB-AP-004 v2.0", M3_DATE);
    d.title("3.2.P.5.2 Analytical Procedures", &["EXB-AP-004 – Dissolution of examplinib film-coated tablets"]);
    d.kv_rows(vec![
        row!["Apparatus", "ChP 0931 method 2 / Ph. Eur. 2.9.3 apparatus 2 / USP <711> apparatus 2 (paddle)"],
        row!["Medium", "900 mL 50 mM sodium acetate buffer pH 4.5, degassed, 37.0 ± 0.5 °C"],
        row!["Rotation speed", "75 rpm"],
        row!["Sampling", "10, 15, 20, 30, 45 min (development); 30 min (routine); 10 mL filtered through 0.45 µm PVDF, first 3 mL discarded"],
        row!["Quantification", "UPLC-UV 254 nm, C18 50 × 2.1 mm 1.7 µm, isocratic 35% acetonitrile in 0.1% phosphoric acid"],
        row!["Standard", "Examplinib mesilate reference standard, 0.111 mg/mL (100 mg) / 0.0556 mg/mL (50 mg) as free base"],
    ]);
    d.h1("Calculation");
    d.p("Dissolved (%) = (A_sample / A_std) × C_std × V × (481.53 / 577.63) × 100 / label claim, corrected for volume removed.");
    d
}

fn dp_validation() -> Doc {
    let mut d = dp("32p5-contr-drug-prod/32p53-val-analyt-proc/method-validation-dissolution-assay.pdf", "3.2.P.5.3 Validation of Analytical Procedures – dissolution and assay", "EXB-VAL-004 v1.0", date(2022, 3, 15));
    d.title("3.2.P.5.3 Validation of Analytical Procedures", &["Validation report EXB-VAL-004: dissolution (EXB-AP-004) and assay (EXB-AP-002)"]);
    d.table(&[24.0, 26.0, 25.0, 25.0], &["Characteristic", "Criterion", "Assay result", "Dissolution result"], vec![
        row!["Specificity", "No interference from placebo > 1%", "0.1%", "0.3%"],
        row!["Linearity", "r ≥ 0.999", "0.9999 (50–150%)", "0.9998 (10–120%)"],
        row!["Accuracy", "98.0–102.0% / 95.0–105.0%", "99.4–100.8%", "97.6–101.9%"],
        row!["Repeatability RSD", "≤ 1.0% / ≤ 2.0%", "0.3%", "1.1%"],
        row!["Intermediate precision RSD", "≤ 2.0% / ≤ 3.0%", "0.6%", "1.7%"],
        row!["Filter suitability", "Difference ≤ 2%", "—", "0.4% (PVDF 0.45 µm)"],
        row!["Discriminating power", "Detects D90 100 µm lot", "—", "30-min value 71% vs 94%"],
    ]);
    d
}

fn dp_batches() -> Doc {
    let mut d = dp("32p5-contr-drug-prod/32p54-batch-analys/batch-analysis-dp.pdf", "3.2.P.5.4 Batch Analyses – Examplinib film-coated tablets", "EXB-CTD-P54 v1.0", M3_DATE);
    d.title("3.2.P.5.4 Batch Analyses", &[PRODUCT_EN, "Certificates of analysis of process-validation batches (representative)"]);
    let batches = ["EXB100-2206001", "EXB100-2206002", "EXB100-2206003", "EXB050-2206001", "EXB050-2206002", "EXB050-2206003"];
    d.table(&[26.0, 12.0, 16.0, 16.0, 30.0], &["Batch", "Strength", "Size (tablets)", "Date", "Drug substance batch"], batches.iter().enumerate().map(|(i, b)| {
        row![b, if i < 3 { "100 mg" } else { "50 mg" }, if i < 3 { "300,000" } else { "600,000" }, ["2022-06-08", "2022-06-15", "2022-06-22", "2022-06-29", "2022-07-06", "2022-07-13"][i], ["EXA-2201001", "EXA-2201002", "EXA-2201003", "EXA-2201001", "EXA-2201002", "EXA-2201003"][i]]
    }).collect());
    let tests = [("Assay (%)", "95.0–105.0"), ("Impurity B (%)", "≤ 0.3"), ("Impurity D (%)", "≤ 0.2"), ("Total (%)", "≤ 0.6"), ("Content uniformity AV", "≤ 15.0"), ("Dissolution 30 min, mean (min) %", "Q = 80"), ("Water (%)", "≤ 4.0"), ("TAMC / TYMC (cfu/g)", "≤ 1000 / ≤ 100")];
    let mut rows = Vec::new();
    for (ti, (t, c)) in tests.iter().enumerate() {
        let mut r = row![t, c];
        for bi in 0..6u32 {
            let j = jitter(ti as u32, bi, 3);
            r.push(match ti {
                0 => format!("{:.1}", 100.0 + 0.6 * j),
                1 => format!("{:.2}", 0.06 + 0.02 * j),
                2 => format!("{:.2}", 0.04 + 0.015 * j.abs()),
                3 => format!("{:.2}", 0.21 + 0.05 * j),
                4 => format!("{:.1}", 4.3 + 0.8 * j),
                5 => format!("{} ({})", (95.0 + 1.5 * j).round(), (91.0 + 2.0 * j).round()),
                6 => format!("{:.1}", 2.8 + 0.3 * j),
                _ => "< 10 / < 10".to_string(),
            });
        }
        rows.push(r);
    }
    d.ctable("Table 2. Release results", &[22.0, 14.0, 10.7, 10.7, 10.7, 10.7, 10.7, 10.7], &["Test", "Criterion", "100-001", "100-002", "100-003", "50-001", "50-002", "50-003"], rows);
    d.p("Description and identification comply for all batches. All results comply with the release specification EXB-QC-SPEC-002.");
    d.sign(&["Released by: Liu Fangxing, Qualified Person", "Pingshan site, Shenzhen"]);
    d
}

fn dp_q3d() -> Doc {
    let mut d = dp("32p5-contr-drug-prod/32p55-charac-imp/elemental-impurities-q3d-risk-assessment.pdf", "3.2.P.5.5 Characterisation of Impurities – ICH Q3D elemental impurities risk assessment", "EXB-RA-Q3D-001 v1.0", date(2023, 10, 9));
    d.title("ICH Q3D Elemental Impurities Risk Assessment", &["3.2.P.5.5 Characterisation of impurities", "Examplinib film-coated tablets 50 mg and 100 mg; maximum daily dose 100 mg (332.8 mg tablet mass)"]);
    d.h1("1. Approach");
    d.p("Component approach (ICH Q3D(R2), option 2b) considering drug substance, excipients, manufacturing equipment, water and container closure. Control threshold: 30% of the oral PDE.");
    d.h1("2. Results");
    d.table(&[14.0, 12.0, 18.0, 22.0, 16.0, 18.0], &["Element", "Class", "Oral PDE (µg/day)", "Max. potential intake (µg/day)", "% of PDE", "Control needed"], vec![
        row!["Cd", "1", "5", "0.02", "0.4", "No"],
        row!["Pb", "1", "5", "0.05", "1.0", "No"],
        row!["As", "1", "15", "0.04", "0.3", "No"],
        row!["Hg", "1", "30", "0.01", "< 0.1", "No"],
        row!["Co", "2A", "50", "0.03", "< 0.1", "No"],
        row!["V", "2A", "100", "0.05", "< 0.1", "No"],
        row!["Ni", "2A", "200", "0.4", "0.2", "No"],
        row!["Pd", "2B", "100", "1.2", "1.2", "Controlled in DS (≤ 10 ppm)"],
    ]);
    d.h1("3. Conclusion");
    d.p("All elements are below 30% of the PDE; no routine testing of the drug product is required. Palladium is controlled in the drug substance specification.");
    d
}

fn dp_container() -> Doc {
    let mut d = dp("32p7-cont-closure-sys/container-closure-dp.pdf", "3.2.P.7 Container Closure System", "EXB-CTD-P7 v1.0", M3_DATE);
    d.title("3.2.P.7 Container Closure System", &[PRODUCT_EN]);
    d.table(&[30.0, 40.0, 30.0], &["Component", "Material", "Specification"], vec![
        row!["Forming film (primary)", "OPA 25 µm / Al 45 µm / PVC 60 µm", "EXB-PM-011; YBB00172002"],
        row!["Lidding foil (primary)", "Hard-temper aluminium 20 µm with heat-seal lacquer", "EXB-PM-012; YBB00152002"],
        row!["Carton (secondary)", "Folding boxboard 350 g/m²", "EXB-PM-020"],
    ]);
    d.p("Water vapour transmission of the cold-form blister < 0.005 g/m²/day. Suitability was demonstrated by stability studies at 30 °C/75% RH and by compatibility (no extractables above the AET of 1.5 µg/day).");
    d
}

fn dp_stability_summary() -> Doc {
    let mut d = dp("32p8-stab/stability-summary-dp.pdf", "3.2.P.8.1 Stability Summary and Conclusion", "EXB-CTD-P81 v1.0", M3_DATE);
    d.title("3.2.P.8.1 Stability Summary and Conclusion", &[PRODUCT_EN]);
    d.h1("1. Studies performed");
    d.table(&[28.0, 32.0, 40.0], &["Study", "Conditions", "Batches / duration"], vec![
        row!["Long-term", "25 °C/60% RH", "3 PPQ batches per strength: 36 months"],
        row!["Long-term (zones III/IVb: China, Hong Kong)", "30 °C/75% RH", "3 PPQ batches per strength: 36 months"],
        row!["Accelerated", "40 °C/75% RH", "6 months"],
        row!["Photostability", "ICH Q1B option 2", "EXB100-2206001 (unpacked and packed)"],
        row!["In-use / bulk hold", "25 °C/60% RH, double PE bags", "6 months"],
    ]);
    d.h1("2. Conclusion");
    d.p("All results complied with the shelf-life specification. Impurity B increased to 0.21% at 36 months (30 °C/75% RH); assay decreased by ≤ 1.2%. Dissolution and water were unchanged. A shelf life of 36 months with the storage statement \"Do not store above 30 °C. Store in the original package to protect from moisture\" is supported for the OPA/Al/PVC–Al blister.");
    d.h1("3. Post-approval stability commitment");
    d.p("The first three commercial batches per strength will be placed on long-term stability at 30 °C/75% RH, and one batch per strength per year thereafter.");
    d
}

fn dp_stability_data() -> Doc {
    let mut d = dp("32p8-stab/stability-data-dp.pdf", "3.2.P.8.3 Stability Data – Examplinib film-coated tablets", "EXB-STAB-RPT-007 v2.0", date(2025, 7, 20));
    d.title("3.2.P.8.3 Stability Data", &[PRODUCT_EN, "36-month update, report EXB-STAB-RPT-007 version 2.0", "Packaging: OPA/Al/PVC–Al blister, carton"]);
    let hdr = ["Time point", "Assay (%)", "Impurity B (%)", "Total degr. (%)", "Dissolution 30 min mean (range) %", "Water (%)"];
    let w = [13.0, 13.0, 15.0, 15.0, 28.0, 13.0];
    let batches = ["EXB100-2206001", "EXB100-2206002", "EXB100-2206003", "EXB050-2206001", "EXB050-2206002", "EXB050-2206003"];
    for (bi, b) in batches.iter().enumerate() {
        d.h1(&format!("Batch {b}"));
        d.ctable(&format!("Table {}a. {b}, 25 °C/60% RH", bi + 1), &w, &hdr, stab_rows(&[0, 3, 6, 9, 12, 18, 24, 36], 100 + bi as u32, 0.0040, true));
        d.ctable(&format!("Table {}b. {b}, 30 °C/75% RH", bi + 1), &w, &hdr, stab_rows(&[0, 3, 6, 9, 12, 18, 24, 36], 200 + bi as u32, 0.0047, true));
        d.ctable(&format!("Table {}c. {b}, 40 °C/75% RH", bi + 1), &w, &hdr, stab_rows(&[0, 1, 3, 6], 300 + bi as u32, 0.020, true));
    }
    d.note("Shelf-life criteria: assay 95.0–105.0%; Impurity B ≤ 0.5%; total ≤ 1.0%; dissolution Q = 80% at 30 min; water ≤ 5.0%. Microbial limits complied at 0, 12, 24 and 36 months.");
    d
}
