//! Module 2: CTD summaries and overviews.

use super::facts::*;
use crate::doc::*;
use crate::row;

pub fn docs() -> Vec<Doc> {
    vec![
        intro(),
        qos_ds(),
        qos_dp(),
        nonclin_overview(),
        clin_overview(),
        pharmacol_summary(),
        tox_summary(),
        clin_pharm_summary(),
        efficacy_summary(),
        safety_summary(),
    ]
}

const M2_DATE: Date = date(2024, 6, 10);

fn intro() -> Doc {
    let mut d = en("m2/22-intro/introduction.pdf", "2.2 Introduction", "EXB-M2-22 v1.0", M2_DATE);
    d.title("2.2 Introduction", &[PRODUCT_EN]);
    d.p("Examplinib (EXB-1207) is an orally available, irreversible third-generation inhibitor of the epidermal growth factor receptor (EGFR) tyrosine kinase, developed by Shenzhen Examplar Biopharma Co., Ltd. It targets the sensitising EGFR mutations (exon 19 deletions and exon 21 L858R) and the T790M resistance mutation while sparing wild-type EGFR.");
    d.p("The proposed indication is the first-line treatment of adults with locally advanced or metastatic NSCLC with EGFR exon 19 deletions or exon 21 L858R substitution mutations. The recommended dose is 100 mg once daily.");
    d.p("The clinical development programme comprises four completed studies (EXP-101, EXP-102, EXP-201 and the pivotal phase 3 study EXP-301) in 894 subjects, of whom 446 were enrolled in mainland China, 38 in Hong Kong and 128 elsewhere in Asia.");
    d
}

fn qos_ds() -> Doc {
    let mut d = en("m2/23-qos/qos-drug-substance.pdf", "2.3.S Quality Overall Summary – Drug Substance", "EXB-M2-23S v1.0", M2_DATE);
    d.title("2.3.S Quality Overall Summary – Drug Substance", &["Examplinib mesilate · Examplar Pharmaceutical (Huizhou) Co., Ltd."]);
    d.h1("2.3.S.1 General information");
    d.kv_rows(vec![
        row!["INN", "examplinib (as mesilate)"],
        row!["Chemical name", CHEM_NAME],
        row!["Molecular formula / Mr", format!("{FORMULA}; {MW_SALT} (free base {MW_BASE})")],
        row!["Physical form", "White to off-white crystalline powder, polymorph Form I, non-hygroscopic (0.3% w/w uptake at 90% RH)"],
        row!["pKa / log D", "pKa 8.9 (tertiary amine), 4.1 (pyrimidine); log D (pH 7.4) 3.2"],
    ]);
    d.h1("2.3.S.2 Manufacture");
    d.p("Examplinib mesilate is manufactured by a convergent six-step synthesis from three registered starting materials (RSM-1 2,4-dichloro-5-fluoropyrimidine, RSM-2 1-cyclopropyl-4-(pinacolatoboryl)pyrazole, RSM-3 4-fluoro-2-methoxy-5-nitroaniline), including a Suzuki coupling (Pd catalyst), SNAr amination, nitro reduction, acrylamide formation and salt formation with methanesulfonic acid in acetone/water. Commercial batch size 60 kg. Three PPQ batches (EXA-2201001/002/003) met all acceptance criteria.");
    d.h1("2.3.S.3 Characterisation and impurities");
    d.p("Structure confirmed by 1H/13C/19F NMR, HRMS, IR, single-crystal X-ray and elemental analysis. Specified impurities: Impurity A (des-acryloyl amine; process), Impurity B (N-oxide; degradation), Impurity C (Michael dimer; process). Potentially mutagenic impurities (ICH M7): the nitro intermediate (class 2) and alkyl mesilates (class 1: MMS, EMS, IPMS) are controlled at ≤ 15 ppm (TTC-based, 1.5 µg/day).");
    d.h1("2.3.S.4 Control of drug substance");
    d.p("The specification includes appearance, identification (IR, HPLC), mesylate content, assay (98.0–102.0%), related substances, residual solvents, water, residue on ignition, palladium (≤ 10 ppm), alkyl mesilates, particle size (D90 ≤ 50 µm) and polymorphic form (XRPD). Batch data from 9 batches (3 clinical, 3 registration, 3 PPQ) comply.");
    d.h1("2.3.S.7 Stability");
    d.p("36 months of long-term data at 25 °C/60% RH and 30 °C/75% RH on three PPQ batches show no significant change; a retest period of 48 months is proposed when stored below 30 °C in double LDPE bags in HDPE drums.");
    d
}

fn qos_dp() -> Doc {
    let mut d = en("m2/23-qos/qos-drug-product.pdf", "2.3.P Quality Overall Summary – Drug Product", "EXB-M2-23P v1.0", M2_DATE);
    d.title("2.3.P Quality Overall Summary – Drug Product", &[PRODUCT_EN]);
    d.h1("2.3.P.1 Description and composition");
    d.table(&[36.0, 16.0, 16.0, 32.0], &["Component", "50 mg (mg)", "100 mg (mg)", "Function / standard"], composition_rows());
    d.h1("2.3.P.2 Pharmaceutical development");
    d.p("A dry-granulation (roller-compaction) process was selected because examplinib mesilate is moisture- and heat-sensitive in the presence of water (hydrolysis to Impurity D). The two strengths are dose-proportional (common blend). Dissolution conditions (pH 4.5 acetate, paddle 75 rpm) were shown to be discriminating for particle size and compaction force.");
    d.h1("2.3.P.3 Manufacture");
    d.p("Manufacture at the Pingshan site (containment line OSD-2): dispensing, blending, roller compaction, milling, final blending with sodium stearyl fumarate, compression, film coating and blister packaging. Commercial batch size 96 kg (300,000 × 100 mg or 600,000 × 50 mg tablets). Process validation of 3 batches per strength was successful.");
    d.h1("2.3.P.5 Control of drug product");
    d.p("Release and shelf-life specification: description, identification, assay (95.0–105.0%), degradation products (Impurity B ≤ 0.5%, Impurity D ≤ 0.3%, unspecified ≤ 0.2%, total ≤ 1.0%), uniformity of dosage units, dissolution (Q = 80% in 30 min), water (≤ 5.0%) and microbial limits. Elemental impurities were assessed per ICH Q3D; all elements < 30% of PDE, no routine testing.");
    d.h1("2.3.P.8 Stability");
    d.p("Three PPQ batches of each strength in OPA/Al/PVC–Al blisters: 36 months at 25 °C/60% RH and 30 °C/75% RH, 6 months at 40 °C/75% RH. All results within specification; Impurity B increased from 0.05% to 0.21% at 36 months (30/75). Shelf life 36 months, \"Do not store above 30 °C\".");
    d
}

pub fn composition_rows() -> Vec<Vec<String>> {
    vec![
        row!["Examplinib mesilate (eq. to examplinib)", "59.98 (50)", "119.96 (100)", "Active / in-house"],
        row!["Mannitol", "46.02", "92.04", "Filler / Ph. Eur., USP, ChP"],
        row!["Microcrystalline cellulose", "40.00", "80.00", "Filler / Ph. Eur., USP, ChP"],
        row!["Croscarmellose sodium", "8.00", "16.00", "Disintegrant / Ph. Eur., USP, ChP"],
        row!["Hydroxypropyl cellulose", "4.00", "8.00", "Binder / Ph. Eur., USP, ChP"],
        row!["Sodium stearyl fumarate", "2.00", "4.00", "Lubricant / Ph. Eur., USP, ChP"],
        row!["Core tablet weight", "160.00", "320.00", ""],
        row!["Film-coating premix, yellow", "6.40", "12.80", "Coating / in-house (components Ph. Eur.)"],
        row!["Total", "166.40", "332.80", ""],
    ]
}

fn nonclin_overview() -> Doc {
    let mut d = en("m2/24-nonclin-over/nonclinical-overview.pdf", "2.4 Nonclinical Overview", "EXB-M2-24 v1.0", M2_DATE);
    d.title("2.4 Nonclinical Overview", &["Examplinib"]);
    d.h1("1. Overview of the nonclinical testing strategy");
    d.p("The programme followed ICH S9 (anticancer pharmaceuticals), ICH S7A/S7B and ICH M3(R2). Pivotal toxicity studies were GLP-compliant and conducted at Example Preclinical Services (Suzhou) Co., Ltd.");
    d.h1("2. Pharmacology");
    d.p("Examplinib inhibits EGFR exon 19 deletion, L858R and L858R/T790M kinases with IC50 of 0.9, 1.2 and 2.1 nM, versus 48 nM for wild-type EGFR. In PC-9 (exon 19 deletion) and NCI-H1975 (L858R/T790M) xenografts, daily oral doses of 5–25 mg/kg caused dose-dependent tumour regression (up to 96%). Brain-to-plasma ratio in mice was 0.62. hERG IC50 was 8.6 µM (about 160-fold over the unbound clinical Cmax); conscious telemetered dogs showed a QTc increase of 12 ms at 30 mg/kg.");
    d.h1("3. Pharmacokinetics");
    d.p("Oral bioavailability was 42% in rats and 58% in dogs. Plasma protein binding was 94–96% across species. Examplinib is metabolised mainly by CYP3A4 (N-demethylation to M1, active, 10-fold less potent; O-demethylation to M2). Excretion was mainly faecal.");
    d.h1("4. Toxicology");
    d.table(&[30.0, 22.0, 48.0], &["Study", "NOAEL", "Principal findings"], vec![
        row!["Rat 13-week (EXN-TOX-011)", "10 mg/kg/day", "Skin (epidermal atrophy), GI mucosal atrophy, corneal atrophy, alveolar macrophage aggregates; reversible"],
        row!["Dog 13-week (EXN-TOX-012)", "5 mg/kg/day", "Skin and GI lesions, corneal atrophy; QTc +9 ms at 15 mg/kg/day"],
        row!["Ames (EPS-19-0412-GT)", "—", "Negative"],
        row!["Rat micronucleus (EXN-GT-014)", "—", "Negative up to 2000 mg/kg"],
        row!["Rat embryo-fetal (EXN-RT-015)", "5 mg/kg/day", "Embryo-lethality at 20 mg/kg/day; reduced fetal weight at 10 mg/kg/day"],
    ]);
    d.h1("5. Integrated overview and conclusions");
    d.p("The nonclinical findings are consistent with EGFR inhibition and are monitorable in the clinic. Exposure at the rat NOAEL was 0.6× the human AUC at 100 mg; such margins are acceptable under ICH S9 for advanced cancer. Embryo-fetal toxicity and keratitis are reflected in the product information.");
    d
}

fn clin_overview() -> Doc {
    let mut d = en("m2/25-clin-over/clinical-overview.pdf", "2.5 Clinical Overview", "EXB-M2-25 v1.0", M2_DATE);
    d.title("2.5 Clinical Overview", &["Examplinib for first-line EGFR-mutated advanced NSCLC"]);
    d.h1("2.5.1 Product development rationale");
    d.p("EGFR-mutated NSCLC accounts for about 40–50% of lung adenocarcinoma in East Asian patients and 10–15% in Caucasian patients. First- and second-generation EGFR TKIs give median PFS of 9–13 months, and acquired T790M mutations are the main mechanism of resistance. Examplinib was designed to inhibit sensitising and T790M mutations irreversibly, with low activity against wild-type EGFR to reduce skin and GI toxicity.");
    d.h1("2.5.2 Overview of biopharmaceutics");
    d.p("The commercial film-coated tablets were used in EXP-301. A high-fat meal increased AUC by 8% and Cmax by 4%; examplinib can be taken with or without food.");
    d.h1("2.5.3 Overview of clinical pharmacology");
    d.p("Median Tmax 6 h; terminal t½ 46 h; about 3-fold accumulation; dose-proportional exposure from 25 to 200 mg (EXP-101). Population PK (742 subjects) identified body weight and albumin as covariates without clinical relevance; race, age, sex and mild/moderate renal impairment had no relevant effect. Concentration-QTc analysis predicted a mean ΔΔQTc of 10.8 ms (upper 90% CI 12.9 ms) at the 100 mg steady-state Cmax.");
    d.h1("2.5.4 Overview of efficacy");
    d.table(&[34.0, 33.0, 33.0], &["EXP-301 endpoint", "Examplinib 100 mg (N = 306)", "Gefitinib 250 mg (N = 306)"], vec![
        row!["PFS (BICR), median months (95% CI)", "19.3 (16.6–22.1)", "10.2 (9.6–11.1)"],
        row!["HR (95% CI); p-value", "0.46 (0.37–0.57); p < 0.0001", ""],
        row!["ORR (BICR)", "79.4%", "68.6%"],
        row!["Median DoR, months", "17.6", "9.7"],
        row!["OS HR (95% CI), 31% maturity", "0.78 (0.60–1.02)", ""],
        row!["CNS PFS HR (patients with brain metastases, n = 128)", "0.41 (0.24–0.70)", ""],
    ]);
    d.p("Results were consistent across subgroups, including mutation type (exon 19 deletion HR 0.43; L858R HR 0.51), race (Asian HR 0.45; non-Asian HR 0.48) and the Chinese subgroup (n = 234; HR 0.44). Supportive single-arm data: EXP-201 ORR 77.5% (95% CI 69.6–84.1) and EXP-102 first-line expansion ORR 80.0%.");
    d.h2("Applicability to the Chinese population (ICH E5; NMPA 2018 No. 52)");
    d.p("Chinese subjects represent 38.2% of the EXP-301 population. Exposure, efficacy and safety were similar in Chinese and non-Chinese subjects, so the data are considered applicable to patients in mainland China and Hong Kong without a bridging study.");
    d.h1("2.5.5 Overview of safety");
    d.p("The safety database includes 536 patients treated at 100 mg. In EXP-301, grade ≥ 3 AEs occurred in 33.7% of examplinib patients vs 41.2% with gefitinib; AEs leading to discontinuation 6.9% vs 12.1%. Adverse reactions of special interest: ILD/pneumonitis 2.9% (no fatal cases), QTc prolongation 5.2%, keratitis 0.7%. Transaminase elevations were less frequent than with gefitinib (ALT increased 13.1% vs 39.2%).");
    d.h1("2.5.6 Benefit and risk conclusions");
    d.p("Examplinib provides a clinically meaningful 9-month improvement in median PFS over a standard first-line EGFR TKI with a manageable and more favourable safety profile. The benefit-risk balance is positive for the proposed indication.");
    d
}

fn pharmacol_summary() -> Doc {
    let mut d = en("m2/26-nonclin-sum/pharmacology-written-summary.pdf", "2.6.2 Pharmacology Written Summary", "EXB-M2-262 v1.0", M2_DATE);
    d.title("2.6.2 Pharmacology Written Summary", &["Examplinib"]);
    d.h1("2.6.2.2 Primary pharmacodynamics");
    d.table(&[40.0, 30.0, 30.0], &["Target / cell line", "Biochemical IC50 (nM)", "Cellular pEGFR IC50 (nM)"], vec![
        row!["EGFR exon 19 deletion / PC-9", "0.9", "4.6"],
        row!["EGFR L858R / H3255", "1.2", "6.8"],
        row!["EGFR L858R/T790M / NCI-H1975", "2.1", "11.3"],
        row!["EGFR wild type / A431", "48", "402"],
        row!["HER2", "86", "> 1000"],
    ]);
    d.h1("2.6.2.4 Safety pharmacology");
    d.p("CNS (rat Irwin test): no effects up to 100 mg/kg. Respiratory (rat plethysmography): no effects up to 100 mg/kg. Cardiovascular: hERG IC50 8.6 µM; dog telemetry at 3, 10 and 30 mg/kg: QTc +12 ms at 30 mg/kg (Cmax 1,480 ng/mL), no effect on blood pressure.");
    d
}

fn tox_summary() -> Doc {
    let mut d = en("m2/26-nonclin-sum/toxicology-written-summary.pdf", "2.6.6 Toxicology Written Summary", "EXB-M2-266 v1.0", M2_DATE);
    d.title("2.6.6 Toxicology Written Summary", &["Examplinib"]);
    d.h1("2.6.6.3 Repeat-dose toxicity");
    d.table(&[22.0, 22.0, 16.0, 40.0], &["Study", "Doses (mg/kg/day)", "NOAEL", "Target organs"], vec![
        row!["Rat 4-week", "5, 15, 50", "15", "Skin, GI tract"],
        row!["Rat 13-week", "3, 10, 30", "10", "Skin, GI, cornea, lung"],
        row!["Dog 4-week", "2, 6, 20", "6", "Skin, GI"],
        row!["Dog 13-week", "1.5, 5, 15", "5", "Skin, GI, cornea; QTc +9 ms"],
    ]);
    d.h1("2.6.6.4 Genotoxicity");
    d.p("Ames test (S. typhimurium TA98, TA100, TA1535, TA1537; E. coli WP2 uvrA; ± S9): negative. In vitro chromosomal aberration (human lymphocytes): negative. Rat bone-marrow micronucleus: negative up to 2,000 mg/kg.");
    d.h1("2.6.6.6 Reproductive and developmental toxicity");
    d.p("Rat embryo-fetal development (2, 5, 10, 20 mg/kg/day, GD 6–17): increased post-implantation loss at 20 mg/kg/day, reduced fetal weight at ≥ 10 mg/kg/day; no malformations. NOAEL 5 mg/kg/day (AUC 0.3× clinical).");
    d
}

fn clin_pharm_summary() -> Doc {
    let mut d = en("m2/27-clin-sum/summary-clin-pharm.pdf", "2.7.2 Summary of Clinical Pharmacology Studies", "EXB-M2-272 v1.0", M2_DATE);
    d.title("2.7.2 Summary of Clinical Pharmacology Studies", &["Examplinib"]);
    d.h1("2.7.2.2 Summary of results of individual studies");
    d.table(&[16.0, 18.0, 16.0, 16.0, 17.0, 17.0], &["Dose (EXP-101, single)", "Cmax (ng/mL)", "Tmax (h)", "t½ (h)", "AUCinf (ng·h/mL)", "CL/F (L/h)"], vec![
        row!["25 mg", "19.8 (24%)", "6.0", "44.1", "1,262 (27%)", "19.8"],
        row!["50 mg", "40.2 (21%)", "6.0", "45.7", "2,580 (25%)", "19.4"],
        row!["100 mg", "78.4 (23%)", "6.0", "46.3", "5,120 (26%)", "19.5"],
        row!["200 mg", "161 (19%)", "8.0", "47.0", "10,480 (22%)", "19.1"],
    ]);
    d.note("Geometric mean (CV%); Tmax median. Power model slope for AUCinf 1.01 (90% CI 0.96–1.06).");
    d.h1("2.7.2.3 Comparison and analyses of results across studies");
    d.p("Steady-state exposure at 100 mg in patients (EXP-102, EXP-301 sparse sampling): Cmax,ss 246 ng/mL, AUCτ,ss 5,010 ng·h/mL, comparable to healthy volunteers after accounting for accumulation. Exposure in Chinese and non-Chinese patients differed by < 10%.");
    d
}

fn efficacy_summary() -> Doc {
    let mut d = en("m2/27-clin-sum/summary-clin-efficacy-nsclc.pdf", "2.7.3 Summary of Clinical Efficacy – NSCLC", "EXB-M2-273 v1.0", M2_DATE);
    d.title("2.7.3 Summary of Clinical Efficacy", &["Indication: first-line EGFR-mutated locally advanced or metastatic NSCLC"]);
    d.h1("2.7.3.2 Summary of results of individual studies");
    d.table(&[14.0, 30.0, 12.0, 44.0], &["Study", "Design", "N", "Primary endpoint result"], vec![
        row!["EXP-301", "Randomised, double-blind vs gefitinib", "612", "PFS HR 0.46 (0.37–0.57), p < 0.0001"],
        row!["EXP-201", "Single-arm, first-line", "138", "ORR 77.5% (69.6–84.1)"],
        row!["EXP-102", "Dose escalation + expansion", "96", "RP2D 100 mg; first-line ORR 80.0%"],
    ]);
    d.h1("2.7.3.3 Comparison and analyses of results across studies");
    d.table(&[40.0, 12.0, 24.0, 24.0], &["EXP-301 subgroup", "N", "HR", "95% CI"], vec![
        row!["Exon 19 deletion", "368", "0.43", "0.33–0.57"],
        row!["L858R", "244", "0.51", "0.37–0.70"],
        row!["Asian", "330", "0.45", "0.34–0.59"],
        row!["Chinese (mainland China + Hong Kong)", "234", "0.44", "0.32–0.60"],
        row!["Non-Asian", "282", "0.48", "0.35–0.66"],
        row!["Brain metastases at baseline", "128", "0.41", "0.24–0.70"],
        row!["Age >= 65 years", "251", "0.49", "0.35–0.68"],
    ]);
    d
}

fn safety_summary() -> Doc {
    let mut d = en("m2/27-clin-sum/summary-clin-safety.pdf", "2.7.4 Summary of Clinical Safety", "EXB-M2-274 v1.0", M2_DATE);
    d.title("2.7.4 Summary of Clinical Safety", &["Examplinib"]);
    d.h1("2.7.4.1 Exposure to the drug");
    d.p("536 patients received examplinib 100 mg once daily (EXP-301 n = 305, EXP-201 n = 138, EXP-102 expansion n = 72, EXP-102 escalation at 100 mg n = 21); median duration 16.2 months; 367 patients were treated for ≥ 12 months.");
    d.h1("2.7.4.2 Adverse events (EXP-301)");
    d.table(&[40.0, 15.0, 15.0, 15.0, 15.0], &["Preferred term", "Examplinib all", "Examplinib ≥ G3", "Gefitinib all", "Gefitinib ≥ G3"], vec![
        row!["Diarrhoea", "51.6%", "2.3%", "56.4%", "2.0%"],
        row!["Rash", "44.8%", "1.0%", "61.6%", "2.6%"],
        row!["Paronychia", "31.4%", "0.3%", "30.8%", "0.7%"],
        row!["Stomatitis", "27.5%", "0.7%", "19.0%", "0.3%"],
        row!["Dry skin", "26.1%", "0", "33.1%", "0.3%"],
        row!["ALT increased", "13.1%", "1.6%", "39.2%", "8.5%"],
        row!["ECG QT prolonged", "5.2%", "1.0%", "1.3%", "0.3%"],
        row!["ILD / pneumonitis", "2.9%", "0.7%", "2.0%", "1.0%"],
    ]);
    d.h1("2.7.4.2.1 Deaths and serious adverse events");
    d.p("Fatal AEs: 6 (2.0%) examplinib vs 8 (2.6%) gefitinib; none attributed to examplinib by the investigator except one case of pneumonia in the setting of pneumonitis (possibly related). SAEs: 20.3% vs 23.9%.");
    d
}
