//! Module 5: clinical study reports, synopses, protocol and SAP.
//!
//! EXP-101, EXP-102 and EXP-301 have a CSR and a separate synopsis; EXP-201 has a CSR only
//! (planted problem P6).

use super::facts::*;
use crate::doc::*;
use crate::row;

const CSR_ROOT: &str = "m5/53-clin-stud-rep";

struct Study {
    id: &'static str,
    folder: &'static str,
    title: &'static str,
    short: &'static str,
    phase: &'static str,
    design: &'static str,
    population: &'static str,
    regions: &'static [(&'static str, u32)],
    sites: &'static str,
    period: &'static str,
    report_date: Date,
    registry: &'static str,
    objectives: &'static [&'static str],
    methodology: &'static str,
    treatment: &'static str,
    endpoints: &'static str,
    statistics: &'static str,
    disposition: &'static [[&'static str; 3]],
    efficacy_header: &'static [&'static str],
    efficacy: &'static [&'static [&'static str]],
    safety: &'static [[&'static str; 3]],
    safety_header: [&'static str; 3],
    conclusion: &'static str,
}

impl Study {
    fn n(&self) -> u32 {
        self.regions.iter().map(|r| r.1).sum()
    }
    fn path(&self, leaf: &str) -> String {
        format!("{CSR_ROOT}/{}/{}/{}-{leaf}.pdf", self.folder, self.id.to_lowercase(), self.id.to_lowercase())
    }
    fn regions_text(&self) -> String {
        self.regions.iter().map(|(r, n)| format!("{r} {n}")).collect::<Vec<_>>().join("; ")
    }
}

const EXP101: Study = Study {
    id: "EXP-101",
    folder: "533-rep-human-pk-stud/5331-healthy-subj-pk-init-tol-stud-rep",
    title: "A Phase 1, Randomised, Double-blind, Placebo-controlled, Single and Multiple Ascending Dose Study of the Safety, Tolerability and Pharmacokinetics of EXB-1207 (Examplinib) in Healthy Chinese Adult Subjects",
    short: "Phase 1 SAD/MAD PK study in healthy Chinese adults",
    phase: "1",
    design: "Randomised, double-blind, placebo-controlled, single and multiple ascending dose",
    population: "Healthy Chinese male and female adults aged 18–45 years, BMI 19–26 kg/m²",
    regions: &[("Mainland China", 48)],
    sites: "1 site: Phase I Clinical Research Centre, Shenzhen Example Hospital, Shenzhen, China",
    period: "First subject dosed 16 September 2019; last subject last visit 11 March 2020",
    report_date: date(2020, 8, 14),
    registry: "CTR20191873",
    objectives: &[
        "Primary: to assess the safety and tolerability of single (25–200 mg) and multiple (50 and 100 mg once daily for 14 days) oral doses of examplinib in healthy Chinese adults.",
        "Secondary: to characterise the single- and multiple-dose pharmacokinetics of examplinib and its metabolite M1; to assess the effect of food (100 mg cohort, crossover) and relative bioavailability of tablet formulation F3 vs F2.",
    ],
    methodology: "Six cohorts of 8 subjects (6 active : 2 placebo). SAD cohorts 25, 50, 100 and 200 mg; MAD cohorts 50 and 100 mg once daily for 14 days. Dose escalation after review of safety and PK data by the safety review committee. Intensive PK sampling to 168 h after single dose and on days 1 and 14 (MAD). Triplicate 12-lead ECGs with continuous Holter extraction.",
    treatment: "Examplinib capsules (F1) 25 mg and 100 mg, batch EXB-C-1906, and matching placebo, oral, fasted.",
    endpoints: "Safety: adverse events, vital signs, ECG (QTcF), laboratory. PK: Cmax, Tmax, AUC0–t, AUCinf, t½, CL/F, accumulation ratio.",
    statistics: "Descriptive statistics. Dose proportionality by power model (ln PK = a + b·ln dose) with 90% CI for slope. Concentration–QTc by linear mixed-effects model.",
    disposition: &[["Randomised and treated", "48", "100%"], ["Completed", "47", "97.9%"], ["Withdrew consent", "1", "2.1%"]],
    efficacy_header: &["Parameter (single dose)", "25 mg", "50 mg", "100 mg", "200 mg"],
    efficacy: &[
        &["Cmax (ng/mL)", "19.8", "40.2", "78.4", "161"],
        &["Tmax (h), median", "6.0", "6.0", "6.0", "8.0"],
        &["AUCinf (ng·h/mL)", "1,262", "2,580", "5,120", "10,480"],
        &["t½ (h)", "44.1", "45.7", "46.3", "47.0"],
    ],
    safety_header: ["Adverse event", "Examplinib (N = 36)", "Placebo (N = 12)"],
    safety: &[["Any AE", "15 (41.7%)", "3 (25.0%)"], ["Diarrhoea", "7 (19.4%)", "0"], ["Headache", "3 (8.3%)", "1 (8.3%)"], ["Rash", "2 (5.6%)", "0"], ["Serious AE", "0", "0"]],
    conclusion: "Single doses up to 200 mg and multiple doses up to 100 mg once daily for 14 days were safe and well tolerated in healthy Chinese adults. Exposure increased dose-proportionally (AUCinf slope 1.01; 90% CI 0.96–1.06), t½ was about 46 h and accumulation about 3-fold. The mean ΔΔQTcF at 100 mg steady state was 6.1 ms (upper 90% CI 9.4 ms).",
};

const EXP102: Study = Study {
    id: "EXP-102",
    folder: "535-rep-effic-safety-stud/nsclc/5352-stud-rep-uncontr",
    title: "A Phase 1/2, Open-label, Multicentre Dose-escalation and Dose-expansion Study of Examplinib in Asian Patients With Advanced EGFR Mutation-positive Non-small-cell Lung Cancer",
    short: "Phase 1/2 dose escalation and expansion in Asian patients with EGFR-mutant NSCLC",
    phase: "1/2",
    design: "Open-label, dose-escalation (3+3) followed by dose expansion, uncontrolled",
    population: "Adults with locally advanced or metastatic EGFR mutation-positive NSCLC (escalation: any line; expansion cohort A: treatment-naive; cohort B: T790M-positive after prior EGFR TKI)",
    regions: &[("Mainland China", 62), ("Hong Kong", 8), ("Other Asia (Taiwan, Republic of Korea)", 26)],
    sites: "14 sites: 10 in mainland China, 1 in Hong Kong, 2 in Taiwan, 1 in Republic of Korea",
    period: "First patient dosed 18 November 2019; data cut-off 30 June 2022",
    report_date: date(2022, 10, 20),
    registry: "CTR20192410; NCT04100000",
    objectives: &[
        "Primary (escalation): safety, dose-limiting toxicities (DLT), maximum tolerated dose (MTD) and recommended phase 2 dose (RP2D).",
        "Primary (expansion): objective response rate (ORR) by investigator per RECIST 1.1.",
        "Secondary: PK, duration of response, PFS, CNS response.",
    ],
    methodology: "Escalation: 25, 50, 100, 200 and 300 mg once daily in 21-day cycles (3+3 design, n = 24). Expansion at the RP2D of 100 mg: cohort A (first line, n = 40) and cohort B (T790M-positive after first/second-generation TKI, n = 32).",
    treatment: "Examplinib tablets F2 (escalation) and F3 (expansion), 25 mg, 50 mg and 100 mg, once daily until progression.",
    endpoints: "DLT in cycle 1; AEs (CTCAE v5.0); ORR, DoR, PFS per RECIST 1.1; PK parameters.",
    statistics: "Descriptive; ORR with exact (Clopper–Pearson) 95% CI; PFS by Kaplan–Meier.",
    disposition: &[["Treated", "96", "100%"], ["Discontinued for progression", "51", "53.1%"], ["Discontinued for AE", "7", "7.3%"], ["Ongoing at data cut-off", "31", "32.3%"]],
    efficacy_header: &["Endpoint", "Cohort A first line (n = 40)", "Cohort B T790M (n = 32)", "Escalation (n = 24)", ""],
    efficacy: &[
        &["ORR, % (95% CI)", "80.0 (64.4–90.9)", "62.5 (43.7–78.9)", "54.2 (32.8–74.4)", ""],
        &["Disease control rate, %", "95.0", "87.5", "83.3", ""],
        &["Median DoR, months", "18.0", "11.1", "NE", ""],
        &["Median PFS, months", "19.1", "11.0", "9.7", ""],
    ],
    safety_header: ["Safety", "Examplinib all doses (N = 96)", "100 mg (n = 93)"],
    safety: &[["DLT (cycle 1)", "2 at 300 mg (grade 3 diarrhoea; QTcF > 500 ms)", "0"], ["Grade ≥ 3 AE", "28 (29.2%)", "25 (26.9%)"], ["Serious AE", "17 (17.7%)", "16 (17.2%)"], ["ILD/pneumonitis", "3 (3.1%)", "2 (2.2%)"]],
    conclusion: "The MTD was 200 mg once daily; 100 mg once daily was selected as the RP2D on the basis of efficacy, exposure–response and tolerability. Examplinib showed marked antitumour activity in first-line and T790M-positive EGFR-mutant NSCLC in Asian patients.",
};

const EXP201: Study = Study {
    id: "EXP-201",
    folder: "535-rep-effic-safety-stud/nsclc/5352-stud-rep-uncontr",
    title: "A Phase 2, Single-arm, Open-label, Multicentre Study of Examplinib 100 mg Once Daily as First-line Treatment in Chinese Patients With EGFR Mutation-positive Locally Advanced or Metastatic Non-small-cell Lung Cancer",
    short: "Phase 2 single-arm first-line study in Chinese patients",
    phase: "2",
    design: "Single-arm, open-label, multicentre",
    population: "Treatment-naive adults with EGFR exon 19 deletion or L858R locally advanced or metastatic NSCLC",
    regions: &[("Mainland China", 126), ("Hong Kong", 6), ("Other Asia (Macao SAR)", 6)],
    sites: "23 sites: 21 in mainland China, 1 in Hong Kong, 1 in Macao",
    period: "First patient dosed 9 April 2021; data cut-off 31 December 2022",
    report_date: date(2023, 5, 30),
    registry: "CTR20201566; NCT04700000",
    objectives: &["Primary: ORR by independent review committee (IRC) per RECIST 1.1.", "Secondary: DoR, DCR, PFS, OS, safety, patient-reported outcomes (EORTC QLQ-LC13)."],
    methodology: "Patients received examplinib 100 mg once daily in 21-day cycles until progression. Tumour assessments every 6 weeks for 48 weeks, then every 9 weeks. Sample size: 130 evaluable patients give 90% power to exclude ORR ≤ 60% (one-sided α 0.025) if the true ORR is 75%.",
    treatment: "Examplinib film-coated tablets 100 mg (F3), batches EXB100-2011004 and EXB100-2104007.",
    endpoints: "ORR (IRC); DoR; DCR; PFS; OS; AEs per CTCAE v5.0.",
    statistics: "ORR with exact 95% CI; lower bound compared with 60%. Time-to-event endpoints by Kaplan–Meier.",
    disposition: &[["Enrolled and treated", "138", "100%"], ["Evaluable for response (IRC)", "138", "100%"], ["Discontinued for progression", "47", "34.1%"], ["Discontinued for AE", "9", "6.5%"]],
    efficacy_header: &["Endpoint", "Result (N = 138)", "", "", ""],
    efficacy: &[
        &["ORR by IRC, % (95% CI)", "77.5 (69.6–84.1)", "", "", ""],
        &["Complete response", "4 (2.9%)", "", "", ""],
        &["Disease control rate", "94.2%", "", "", ""],
        &["Median DoR, months (95% CI)", "16.8 (13.9–NE)", "", "", ""],
        &["Median PFS, months (95% CI)", "18.1 (15.2–21.0)", "", "", ""],
    ],
    safety_header: ["Safety", "N = 138", ""],
    safety: &[["Any treatment-related AE", "131 (94.9%)", ""], ["Grade ≥ 3 AE", "41 (29.7%)", ""], ["Diarrhoea", "76 (55.1%)", ""], ["Rash", "62 (44.9%)", ""], ["ILD/pneumonitis", "4 (2.9%)", ""]],
    conclusion: "The primary endpoint was met: the lower bound of the 95% CI for ORR (69.6%) excluded 60%. Examplinib 100 mg once daily showed durable responses and a manageable safety profile in Chinese patients with previously untreated EGFR-mutated NSCLC.",
};

const EXP301: Study = Study {
    id: "EXP-301",
    folder: "535-rep-effic-safety-stud/nsclc/5351-stud-rep-contr",
    title: "A Phase 3, Randomised, Double-blind, Double-dummy, Multicentre Study of Examplinib Versus Gefitinib as First-line Treatment in Patients With EGFR Mutation-positive, Locally Advanced or Metastatic Non-small-cell Lung Cancer (EXCEL-Lung)",
    short: "Pivotal phase 3 study versus gefitinib, first line",
    phase: "3",
    design: "Randomised (1:1), double-blind, double-dummy, active-controlled, multicentre, multi-regional",
    population: "Treatment-naive adults with EGFR exon 19 deletion or L858R locally advanced (not amenable to curative therapy) or metastatic NSCLC; stable CNS metastases allowed",
    regions: &[("Hong Kong", 24), ("Mainland China", 210), ("Other Asia (Taiwan 38, Republic of Korea 34, Thailand 24)", 96), ("United States", 140), ("European Union (DE, FR, ES, IT, PL)", 112), ("Rest of world (Australia)", 30)],
    sites: "152 sites in 14 countries/regions, including 2 sites in Hong Kong and 41 in mainland China",
    period: "First patient randomised 12 May 2021; primary analysis data cut-off 30 November 2023",
    report_date: date(2024, 4, 26),
    registry: "CTR20210874; NCT04900000; EU CT 2021-000000-00",
    objectives: &[
        "Primary: to compare progression-free survival (PFS) by blinded independent central review (BICR) per RECIST 1.1 between examplinib and gefitinib.",
        "Key secondary (hierarchical): overall survival (OS); ORR (BICR); CNS PFS in patients with brain metastases.",
        "Other: DoR, PFS2, safety, PK, patient-reported outcomes.",
    ],
    methodology: "Patients were randomised 1:1 to examplinib 100 mg + gefitinib-matching placebo or gefitinib 250 mg + examplinib-matching placebo once daily, stratified by mutation type (ex19del vs L858R), race (Asian vs non-Asian) and CNS metastases (yes vs no). Tumour assessments every 6 weeks for 18 months, then every 12 weeks. Crossover to open-label examplinib was not permitted before the primary analysis.",
    treatment: "Examplinib 100 mg film-coated tablets (commercial formulation F3), batches EXB100-2103011, EXB100-2109014 and EXB100-2206001; gefitinib 250 mg (over-encapsulated commercial tablets).",
    endpoints: "Primary: PFS (BICR). Secondary: OS, ORR, DoR, CNS PFS, PFS2, safety (CTCAE v5.0), EORTC QLQ-C30/LC13.",
    statistics: "Stratified log-rank test at two-sided α 0.05; HR by stratified Cox model. 380 PFS events give 90% power to detect HR 0.70. OS tested hierarchically after PFS with O'Brien–Fleming boundaries (interim at 31% maturity, α spent 0.0001).",
    disposition: &[["Randomised (examplinib / gefitinib)", "306 / 306", "100%"], ["Treated (safety set)", "305 / 305", "99.7%"], ["Ongoing treatment at data cut-off", "151 / 62", "49.3% / 20.3%"], ["Discontinued for progression", "118 / 203", "38.6% / 66.3%"], ["Discontinued for AE", "21 / 37", "6.9% / 12.1%"]],
    efficacy_header: &["Endpoint", "Examplinib (N = 306)", "Gefitinib (N = 306)", "HR or difference (95% CI)", "p-value"],
    efficacy: &[
        &["PFS events", "178 (58.2%)", "229 (74.8%)", "", ""],
        &["Median PFS (BICR), months", "19.3", "10.2", "HR 0.46 (0.37–0.57)", "< 0.0001"],
        &["ORR (BICR)", "79.4%", "68.6%", "10.8% (3.8–17.7)", "0.0026"],
        &["Median DoR, months", "17.6", "9.7", "", ""],
        &["OS (interim, 31% maturity)", "—", "—", "HR 0.78 (0.60–1.02)", "0.067 (not significant)"],
        &["CNS PFS (n = 128)", "NR", "13.9", "HR 0.41 (0.24–0.70)", "nominal 0.0009"],
    ],
    safety_header: ["Safety (safety set)", "Examplinib (N = 305)", "Gefitinib (N = 305)"],
    safety: &[["Any AE", "299 (98.0%)", "301 (98.7%)"], ["Grade ≥ 3 AE", "103 (33.7%)", "126 (41.2%)"], ["Serious AE", "62 (20.3%)", "73 (23.9%)"], ["AE leading to discontinuation", "21 (6.9%)", "37 (12.1%)"], ["Fatal AE", "6 (2.0%)", "8 (2.6%)"], ["ILD/pneumonitis", "9 (2.9%)", "6 (2.0%)"], ["QTc prolonged", "16 (5.2%)", "4 (1.3%)"]],
    conclusion: "Examplinib significantly prolonged PFS compared with gefitinib (median 19.3 vs 10.2 months; HR 0.46) with a higher response rate and a lower incidence of grade ≥ 3 adverse events. The treatment effect was consistent across subgroups, including the Chinese (HR 0.44) and Asian (HR 0.45) populations. OS data were immature with a favourable trend.",
};

pub fn docs() -> Vec<Doc> {
    vec![
        tabular_listing(),
        csr(&EXP101, true),
        synopsis(&EXP101),
        csr(&EXP102, true),
        synopsis(&EXP102),
        csr(&EXP201, false),
        csr(&EXP301, true),
        synopsis(&EXP301),
        protocol(),
        sap(),
    ]
}

fn tabular_listing() -> Doc {
    let mut d = en("m5/52-tab-list/tabular-listing-clinical-studies.pdf", "5.2 Tabular Listing of All Clinical Studies", "EXB-M5-52 v1.0", date(2024, 6, 10));
    d.title("5.2 Tabular Listing of All Clinical Studies", &["Examplinib"]);
    let rows = [&EXP101, &EXP102, &EXP201, &EXP301]
        .iter()
        .map(|s| {
            row![
                s.id,
                s.phase,
                s.short,
                s.design,
                s.n(),
                s.regions_text(),
                format!("Complete; CSR {}", s.report_date.iso()),
                format!("5.3.{}", if s.id == "EXP-101" { "3.1" } else if s.id == "EXP-301" { "5.1" } else { "5.2" })
            ]
        })
        .collect();
    d.table(&[9.0, 6.0, 17.0, 17.0, 6.0, 21.0, 13.0, 11.0], &["Study", "Phase", "Objective", "Design", "N", "Subjects by region", "Status", "Location"], rows);
    d
}

fn csr(s: &Study, has_synopsis: bool) -> Doc {
    let _ = has_synopsis;
    let mut d = en(&s.path("csr"), &format!("Clinical Study Report {}", s.id), &format!("{} CSR, final", s.id), s.report_date);
    d.title(&format!("Clinical Study Report – {}", s.id), &[s.title, &format!("Phase {} · Final report dated {}", s.phase, s.report_date.long())]);
    d.kv_rows(vec![
        row!["Study title", s.title],
        row!["Protocol number", s.id],
        row!["Registry identifiers", s.registry],
        row!["Investigational product", "Examplinib (EXB-1207) mesilate"],
        row!["Indication studied", if s.id == "EXP-101" { "Not applicable (healthy volunteers)" } else { "EGFR mutation-positive locally advanced or metastatic NSCLC" }],
        row!["Development phase", s.phase],
        row!["Study period", s.period],
        row!["Sponsor", format!("{CO}, {CO_ADDR}")],
        row!["Sponsor's responsible medical officer", "Dr Huang Linchuang, Vice President, Clinical Development"],
        row!["GCP statement", "This study was conducted in compliance with ICH E6(R2) Good Clinical Practice, the Declaration of Helsinki and applicable local regulations, including archiving of essential documents."],
    ]);
    d.h1("2. Synopsis");
    d.p(&format!("The synopsis of this report is provided as a separate document ({}-synopsis.pdf) in the same folder.", s.id.to_lowercase()));
    d.h1("3. Ethics");
    d.p("The protocol, amendments and informed consent forms were approved by the independent ethics committee or institutional review board of each site before enrolment. All subjects gave written informed consent before any study-specific procedure.");
    d.h1("4. Investigators and study administrative structure");
    d.p(s.sites);
    d.p("Data management and biostatistics: Example Clinical Data Services (Shanghai) Co., Ltd. Central laboratory: Example Central Lab (Singapore) Pte. Ltd. Bioanalysis: Examplar Bioanalytical Laboratory, Shenzhen (validated LC-MS/MS, LLOQ 0.5 ng/mL).");
    d.h1("5. Introduction");
    d.p("Examplinib is an irreversible third-generation EGFR tyrosine kinase inhibitor selective for sensitising and T790M mutations. See the Investigator's Brochure for nonclinical and earlier clinical data.");
    d.h1("6. Study objectives");
    d.bullets(s.objectives);
    d.h1("7. Investigational plan");
    d.h2("7.1 Overall study design");
    d.p(&format!("{}. {}", s.design, s.methodology));
    d.h2("7.2 Study population");
    d.p(s.population);
    d.h2("7.3 Treatments");
    d.p(s.treatment);
    d.h2("7.4 Endpoints");
    d.p(s.endpoints);
    d.h2("7.5 Statistical methods");
    d.p(s.statistics);
    d.h1("8. Study subjects");
    d.ctable("Table 8-1. Subject disposition", &[50.0, 25.0, 25.0], &["Category", "n", "%"], s.disposition.iter().map(|r| row![r[0], r[1], r[2]]).collect());
    d.ctable("Table 8-2. Subjects enrolled by region", &[70.0, 30.0], &["Region", "n"], {
        let mut v: Vec<Vec<String>> = s.regions.iter().map(|(r, n)| row![r, n]).collect();
        v.push(row!["Total", s.n()]);
        v
    });
    if s.id == "EXP-301" {
        exp301_demographics(&mut d);
    }
    d.h1(if s.id == "EXP-101" { "9. Pharmacokinetic evaluation" } else { "9. Efficacy evaluation" });
    let cols = s.efficacy_header.iter().filter(|h| !h.is_empty()).count();
    let widths: Vec<f32> = (0..cols).map(|i| if i == 0 { 30.0 } else { 70.0 / (cols - 1) as f32 }).collect();
    let header: Vec<&str> = s.efficacy_header[..cols].to_vec();
    d.ctable("Table 9-1. Main results", &widths, &header, s.efficacy.iter().map(|r| r[..cols].iter().map(|c| c.to_string()).collect()).collect());
    if s.id == "EXP-301" {
        d.ctable("Table 9-2. PFS (BICR) by region and race", &[40.0, 15.0, 20.0, 25.0], &["Subgroup", "N", "HR", "95% CI"], vec![
            row!["Mainland China", "210", "0.45", "0.32–0.63"],
            row!["Hong Kong", "24", "0.39", "0.13–1.15"],
            row!["Other Asia", "96", "0.47", "0.29–0.76"],
            row!["United States", "140", "0.50", "0.33–0.76"],
            row!["European Union", "112", "0.47", "0.29–0.76"],
            row!["Rest of world", "30", "0.52", "0.21–1.29"],
        ]);
    }
    d.h1("10. Safety evaluation");
    let sh = s.safety_header;
    let scol = if sh[2].is_empty() { 2 } else { 3 };
    let sw: Vec<f32> = if scol == 2 { vec![50.0, 50.0] } else { vec![40.0, 30.0, 30.0] };
    d.ctable("Table 10-1. Overview of adverse events", &sw, &sh[..scol], s.safety.iter().map(|r| r[..scol].iter().map(|c| c.to_string()).collect()).collect());
    if s.id == "EXP-301" {
        exp301_safety_details(&mut d);
    }
    d.h1("11. Discussion and overall conclusions");
    d.p(s.conclusion);
    d.h1("12. Signatures");
    d.sign(&["Dr Huang Linchuang, Sponsor's responsible medical officer", &format!("Date: {}", s.report_date.long())]);
    d.sign(&["Coordinating investigator", &format!("Date: {}", s.report_date.long())]);
    d
}

fn exp301_demographics(d: &mut Doc) {
    d.h2("8.1 Demographic and baseline characteristics");
    d.ctable("Table 8-3. Demographics and baseline disease characteristics (FAS)", &[40.0, 30.0, 30.0], &["Characteristic", "Examplinib (N = 306)", "Gefitinib (N = 306)"], vec![
        row!["Age, median (range), years", "62 (29–86)", "63 (31–85)"],
        row!["Age >= 65 years", "124 (40.5%)", "127 (41.5%)"],
        row!["Female", "191 (62.4%)", "186 (60.8%)"],
        row!["Race: Asian", "165 (53.9%)", "165 (53.9%)"],
        row!["Race: White", "121 (39.5%)", "123 (40.2%)"],
        row!["Race: Black or other", "20 (6.5%)", "18 (5.9%)"],
        row!["Never smoker", "198 (64.7%)", "201 (65.7%)"],
        row!["WHO performance status 0 / 1", "121 / 185", "118 / 188"],
        row!["Exon 19 deletion / L858R", "184 / 122", "184 / 122"],
        row!["Stage IV at study entry", "287 (93.8%)", "284 (92.8%)"],
        row!["CNS metastases (investigator)", "64 (20.9%)", "64 (20.9%)"],
    ]);
    d.p("Baseline characteristics were balanced between arms. Chinese subjects (mainland China 210, Hong Kong 24) made up 38.2% of the FAS; 44 subjects of Chinese ethnicity were enrolled outside China (Taiwan, United States, Australia).");
    d.h2("8.2 Protocol deviations");
    d.p("Important protocol deviations occurred in 31 (10.1%) and 34 (11.1%) patients, most often missed tumour assessments. No deviation was judged to affect the primary analysis; a per-protocol sensitivity analysis gave HR 0.45 (95% CI 0.36–0.56).");
}

fn exp301_safety_details(d: &mut Doc) {
    d.h2("10.1 Adverse events by system organ class");
    d.ctable("Table 10-2. Adverse events in >= 10% of patients in either arm, by SOC and preferred term (safety set)", &[40.0, 15.0, 15.0, 15.0, 15.0], &["SOC / preferred term", "Examplinib all grades", "Examplinib grade >= 3", "Gefitinib all grades", "Gefitinib grade >= 3"], vec![
        row!["Gastrointestinal disorders: diarrhoea", "157 (51.6%)", "7 (2.3%)", "172 (56.4%)", "6 (2.0%)"],
        row!["Gastrointestinal disorders: stomatitis", "84 (27.5%)", "2 (0.7%)", "58 (19.0%)", "1 (0.3%)"],
        row!["Gastrointestinal disorders: nausea", "46 (15.1%)", "1 (0.3%)", "44 (14.4%)", "0"],
        row!["Skin disorders: rash (grouped)", "137 (44.8%)", "3 (1.0%)", "188 (61.6%)", "8 (2.6%)"],
        row!["Skin disorders: dry skin", "80 (26.1%)", "0", "101 (33.1%)", "1 (0.3%)"],
        row!["Skin disorders: pruritus", "49 (16.1%)", "0", "52 (17.0%)", "0"],
        row!["Infections: paronychia", "96 (31.4%)", "1 (0.3%)", "94 (30.8%)", "2 (0.7%)"],
        row!["Metabolism: decreased appetite", "62 (20.3%)", "4 (1.3%)", "55 (18.0%)", "2 (0.7%)"],
        row!["Investigations: ALT increased", "40 (13.1%)", "5 (1.6%)", "120 (39.2%)", "26 (8.5%)"],
        row!["Investigations: AST increased", "34 (11.1%)", "2 (0.7%)", "95 (31.0%)", "14 (4.6%)"],
        row!["Investigations: ECG QT prolonged", "16 (5.2%)", "3 (1.0%)", "4 (1.3%)", "1 (0.3%)"],
        row!["Respiratory: cough", "41 (13.4%)", "0", "45 (14.8%)", "0"],
    ]);
    d.h2("10.2 Deaths, serious adverse events and adverse events of special interest");
    d.p("Six patients (2.0%) in the examplinib arm and eight (2.6%) in the gefitinib arm died of adverse events: pneumonia (2 vs 2), pneumonitis (1 vs 1), sudden death (1 vs 0), pulmonary embolism (1 vs 2), cerebral haemorrhage (1 vs 1), hepatic failure (0 vs 2). The investigator assessed one examplinib death (pneumonitis) as possibly related.");
    d.p("ILD/pneumonitis (adjudicated): 9 patients (2.9%) on examplinib, median onset 2.6 months, grade >= 3 in 2 (0.7%); examplinib was permanently discontinued in all 9. QTcF > 500 ms occurred in 3 patients (1.0%); no torsade de pointes was reported.");
    d.h2("10.3 Laboratory evaluations and vital signs");
    d.p("Shifts to grade 3–4 neutropenia occurred in 2.3% vs 0.7%; grade 3–4 ALT elevations in 1.6% vs 8.5%. No clinically relevant changes in vital signs. Mean change in LVEF at week 12 was −0.8% (examplinib) vs −0.4% (gefitinib).");
}

fn synopsis(s: &Study) -> Doc {
    let mut d = en(&s.path("synopsis"), &format!("Synopsis – Clinical Study Report {}", s.id), &format!("{} CSR synopsis", s.id), s.report_date);
    d.title(&format!("Synopsis – {}", s.id), &["ICH E3 section 2 synopsis of the clinical study report", &format!("Report date {}", s.report_date.long())]);
    let mut rows = vec![
        row!["Name of sponsor", CO],
        row!["Name of finished product", "Examplix (examplinib) film-coated tablets"],
        row!["Name of active ingredient", "Examplinib mesilate"],
        row!["Title of study", s.title],
        row!["Study centres", s.sites],
        row!["Study period", s.period],
        row!["Phase of development", s.phase],
        row!["Objectives", s.objectives.join(" ")],
        row!["Methodology", format!("{}. {}", s.design, s.methodology)],
        row!["Number of subjects", format!("{} ({})", s.n(), s.regions_text())],
        row!["Diagnosis and main criteria for inclusion", s.population],
        row!["Test product, dose, mode of administration, batch", s.treatment],
        row!["Criteria for evaluation", s.endpoints],
        row!["Statistical methods", s.statistics],
    ];
    let eff: Vec<String> = s.efficacy.iter().map(|r| r.iter().filter(|c| !c.is_empty()).cloned().collect::<Vec<_>>().join(": ")).collect();
    rows.push(row![if s.id == "EXP-101" { "Pharmacokinetic results" } else { "Efficacy results" }, eff.join("; ")]);
    let saf: Vec<String> = s.safety.iter().map(|r| r.iter().filter(|c| !c.is_empty()).cloned().collect::<Vec<_>>().join(": ")).collect();
    rows.push(row!["Safety results", saf.join("; ")]);
    rows.push(row!["Conclusions", s.conclusion]);
    rows.push(row!["Date of the report", s.report_date.long()]);
    d.kv_rows(rows);
    d
}

fn protocol() -> Doc {
    let s = &EXP301;
    let mut d = en(&s.path("protocol"), "Clinical Study Protocol EXP-301, Amendment 3", "EXP-301 protocol v4.0", date(2022, 9, 5));
    d.title("Clinical Study Protocol EXP-301", &[s.title, "Version 4.0 (Amendment 3), 5 September 2022"]);
    d.h1("Protocol synopsis");
    d.kv_rows(vec![
        row!["Design", s.design],
        row!["Planned sample size", "600 patients (300 per arm); 380 PFS events"],
        row!["Treatment", "Examplinib 100 mg QD + placebo, or gefitinib 250 mg QD + placebo, until progression"],
        row!["Primary endpoint", "PFS by BICR per RECIST 1.1"],
    ]);
    d.h1("1. Key inclusion criteria");
    d.bullets(&[
        "Age ≥ 18 years (≥ 20 years in Taiwan and Republic of Korea).",
        "Histologically confirmed non-squamous NSCLC, stage IIIB/IIIC not amenable to curative treatment or stage IV (AJCC 8th edition).",
        "EGFR exon 19 deletion or L858R confirmed by the central laboratory (tissue; plasma allowed in China and Hong Kong with confirmatory tissue).",
        "No prior systemic therapy for advanced disease; WHO performance status 0–1.",
        "At least one measurable lesion per RECIST 1.1.",
    ]);
    d.h1("2. Key exclusion criteria");
    d.bullets(&["History of interstitial lung disease.", "Mean resting QTcF > 470 ms or congenital long QT syndrome.", "Symptomatic, unstable CNS metastases.", "Strong CYP3A4 inducers within 3 weeks."]);
    d.h1("3. Schedule of assessments (summary)");
    d.table(&[34.0, 22.0, 22.0, 22.0], &["Assessment", "Screening", "Every 3 weeks", "Every 6 weeks"], vec![
        row!["Physical examination, vital signs", "X", "X", ""],
        row!["12-lead ECG (triplicate)", "X", "X (cycles 1–3)", "X"],
        row!["Haematology, chemistry", "X", "X", ""],
        row!["Tumour imaging (CT/MRI incl. brain)", "X", "", "X (to 18 months)"],
        row!["PK sampling", "", "Cycles 1–4", ""],
    ]);
    d.h1("4. Amendment history");
    d.table(&[12.0, 20.0, 68.0], &["Version", "Date", "Main changes"], vec![
        row!["1.0", "2021-01-15", "Original protocol"],
        row!["2.0", "2021-06-30", "Added Hong Kong and Thailand sites; plasma EGFR testing in China"],
        row!["3.0", "2021-12-10", "Triplicate ECG in cycles 1–3 (QT risk)"],
        row!["4.0", "2022-09-05", "Sample size re-estimation: 600 patients; CNS PFS as key secondary endpoint"],
    ]);
    d
}

fn sap() -> Doc {
    let s = &EXP301;
    let mut d = en(&s.path("sap"), "Statistical Analysis Plan EXP-301", "EXP-301 SAP v2.0", date(2023, 10, 16));
    d.title("Statistical Analysis Plan – EXP-301", &[s.title, "Version 2.0, 16 October 2023 (finalised before database lock and unblinding)"]);
    d.h1("1. Analysis sets");
    d.table(&[25.0, 75.0], &["Set", "Definition"], vec![
        row!["Full analysis set (FAS)", "All randomised patients, analysed as randomised (primary efficacy set)"],
        row!["Safety set", "All patients receiving ≥ 1 dose, analysed as treated"],
        row!["CNS FAS", "FAS patients with measurable or non-measurable brain metastases at baseline by BICR"],
        row!["PK set", "Patients with ≥ 1 evaluable PK concentration"],
    ]);
    d.h1("2. Primary analysis");
    d.p("PFS (BICR) compared by a log-rank test stratified by mutation type, race and CNS metastases, two-sided α = 0.05. HR and 95% CI from a stratified Cox model (Efron ties). Censoring rules follow FDA guidance (2018): patients with two or more missed assessments before progression are censored at the last adequate assessment.");
    d.h1("3. Multiplicity");
    d.p("Fixed-sequence testing: PFS → OS → ORR → CNS PFS. OS is analysed at the PFS primary analysis (interim, planned 31% maturity) and at 70% maturity (final), Lan–DeMets O'Brien–Fleming spending.");
    d.h1("4. Subgroups");
    d.p("Pre-specified: mutation type, race (Asian, non-Asian), region (mainland China, Hong Kong, other Asia, United States, European Union, rest of world), Chinese ethnicity, age, sex, smoking history, CNS metastases, WHO PS. Forest plots with unstratified HRs.");
    d
}
