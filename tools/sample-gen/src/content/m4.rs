//! Module 4: nonclinical study reports.

use super::facts::*;
use crate::doc::*;
use crate::row;

const M4: &str = "m4/42-stud-rep";

pub fn docs() -> Vec<Doc> {
    vec![primary_pd(), safety_pharm(), pk(), rat_13wk(), dog_13wk(), ames(), micronucleus(), efd()]
}

fn report(path: &str, title: &str, study: &str, d: Date, org: &str) -> Doc {
    Doc::new(&format!("{M4}/{path}"), title, Lang::En, org, &format!("Study {study}"), d)
}

fn glp_header(d: &mut Doc, study: &str, title: &str, start: &str, end: &str, director: &str, glp: bool) {
    d.title(title, &[&format!("Study number {study}"), "Final report"]);
    d.kv_rows(vec![
        row!["Test item", "Examplinib mesilate (EXB-1207), batch EXA-1905001, purity 99.4%"],
        row!["Sponsor", CO],
        row!["Test facility", CRO],
        row!["Study director", director],
        row!["Experimental start / completion", format!("{start} / {end}")],
        row!["GLP status", if glp { "Conducted in compliance with OECD Principles of GLP and NMPA GLP (2017); QA statement included" } else { "Non-GLP" }],
    ]);
}

fn primary_pd() -> Doc {
    let mut d = report("421-pharmacol/4211-prim-pd/exn-pd-001-kinase-selectivity-xenograft.pdf", "Primary pharmacodynamics: kinase selectivity and xenograft efficacy", "EXN-PD-001", date(2019, 3, 22), CO);
    glp_header(&mut d, "EXN-PD-001", "In vitro kinase selectivity and in vivo antitumour activity of examplinib", "2018-06-04", "2019-02-15", "Dr Huang Yaoli", false);
    d.h1("1. Summary");
    d.p("Examplinib potently inhibited mutant EGFR kinases and showed dose-dependent antitumour efficacy in EGFR-mutant xenograft models at well-tolerated doses.");
    d.h1("2. Kinase panel");
    d.p("Examplinib (1 µM) was profiled against 468 kinases; only 9 kinases showed > 80% inhibition (EGFR mutants, HER2, HER4, BLK, BMX, BTK, JAK3, TEC, TXK — all with a cysteine analogous to Cys797).");
    d.h1("3. Xenograft studies");
    d.table(&[26.0, 22.0, 26.0, 26.0], &["Model", "Dose (mg/kg/day, p.o.)", "Tumour growth inhibition day 21", "Body-weight change"], vec![
        row!["PC-9 (ex19del)", "1", "62%", "+4%"],
        row!["PC-9 (ex19del)", "5", "105% (regression)", "+3%"],
        row!["PC-9 (ex19del)", "25", "196% (96% regression)", "-2%"],
        row!["NCI-H1975 (L858R/T790M)", "5", "88%", "+2%"],
        row!["NCI-H1975 (L858R/T790M)", "25", "172%", "-3%"],
        row!["A431 (wild type)", "25", "31%", "-1%"],
    ]);
    d
}

fn safety_pharm() -> Doc {
    let mut d = report("421-pharmacol/4213-safety-pharmacol/exn-sp-002-herg-dog-telemetry.pdf", "Safety pharmacology: hERG assay and cardiovascular telemetry in dogs", "EXN-SP-002", date(2019, 7, 30), CRO);
    glp_header(&mut d, "EXN-SP-002", "Effects of examplinib on hERG current and on cardiovascular parameters in conscious telemetered beagle dogs", "2019-02-11", "2019-06-28", "Dr Sun Anquan", true);
    d.h1("1. hERG (HEK293, whole-cell patch clamp)");
    d.table(&[40.0, 30.0, 30.0], &["Concentration (µM)", "Mean inhibition (%)", "n"], vec![
        row!["0.3", "2.1", "5"], row!["1", "8.7", "5"], row!["3", "24.5", "5"], row!["10", "55.2", "5"], row!["30", "88.9", "4"],
    ]);
    d.p("IC50 = 8.6 µM. Positive control E-4031 (100 nM) inhibited 96.4%.");
    d.h1("2. Dog telemetry (Latin square, n = 4 males)");
    d.table(&[25.0, 25.0, 25.0, 25.0], &["Dose (mg/kg)", "Cmax (ng/mL)", "Max ΔQTcV (ms)", "Heart rate / BP"], vec![
        row!["3", "162", "+2", "No effect"], row!["10", "531", "+5", "No effect"], row!["30", "1,480", "+12", "No effect"],
    ]);
    d
}

fn pk() -> Doc {
    let mut d = report("422-pk/4222-absorp/exn-pk-003-rat-dog-pk.pdf", "Pharmacokinetics: single-dose absorption and bioavailability in rats and dogs", "EXN-PK-003", date(2019, 4, 18), CRO);
    glp_header(&mut d, "EXN-PK-003", "Pharmacokinetics and oral bioavailability of examplinib in Sprague-Dawley rats and beagle dogs", "2018-11-05", "2019-03-29", "Dr Zhou Daixie", false);
    d.table(&[16.0, 16.0, 17.0, 17.0, 17.0, 17.0], &["Species", "Route / dose", "Cmax (ng/mL)", "Tmax (h)", "AUC0–∞ (ng·h/mL)", "F (%)"], vec![
        row!["Rat", "i.v. 2 mg/kg", "—", "—", "1,840", "—"],
        row!["Rat", "p.o. 10 mg/kg", "412", "4.0", "3,860", "42"],
        row!["Dog", "i.v. 1 mg/kg", "—", "—", "2,120", "—"],
        row!["Dog", "p.o. 5 mg/kg", "366", "6.0", "6,150", "58"],
    ]);
    d.p("Terminal half-life: 7.8 h (rat), 21.4 h (dog). Volume of distribution at steady state: 12.6 L/kg (rat), 9.4 L/kg (dog).");
    d
}

fn rat_13wk() -> Doc {
    let mut d = report("423-tox/4232-repeat-dose-tox/exn-tox-011-rat-13-week.pdf", "13-week repeat-dose oral toxicity study in rats with 4-week recovery", "EXN-TOX-011", date(2020, 2, 14), CRO);
    glp_header(&mut d, "EXN-TOX-011", "A 13-week oral (gavage) toxicity study of examplinib in Sprague-Dawley rats with a 4-week recovery period", "2019-06-10", "2020-01-20", "Dr Qian Duli", true);
    d.h1("1. Design");
    d.table(&[20.0, 30.0, 25.0, 25.0], &["Group", "Dose (mg/kg/day)", "Main (M/F)", "Recovery (M/F)"], vec![
        row!["1", "0 (vehicle)", "15/15", "5/5"], row!["2", "3", "15/15", "—"], row!["3", "10", "15/15", "5/5"], row!["4", "30", "15/15", "5/5"],
    ]);
    d.h1("2. Results");
    d.bullets(&[
        "30 mg/kg/day: skin scabs and alopecia, reduced body-weight gain (-14% M), epidermal and GI mucosal atrophy, corneal epithelial atrophy, alveolar macrophage aggregates; all reversible or partially reversible after 4 weeks.",
        "10 mg/kg/day: minimal epidermal atrophy in 2/30 animals without clinical correlate.",
        "No test item-related mortality.",
    ]);
    d.p("NOAEL: 10 mg/kg/day (AUC0–24 day 91: 3,050 ng·h/mL, about 0.6× the human AUC at 100 mg).");
    d
}

fn dog_13wk() -> Doc {
    let mut d = report("423-tox/4232-repeat-dose-tox/exn-tox-012-dog-13-week.pdf", "13-week repeat-dose oral toxicity study in dogs with 4-week recovery", "EXN-TOX-012", date(2020, 3, 6), CRO);
    glp_header(&mut d, "EXN-TOX-012", "A 13-week oral (capsule) toxicity study of examplinib in beagle dogs with a 4-week recovery period", "2019-06-17", "2020-02-07", "Dr Qian Duli", true);
    d.table(&[25.0, 75.0], &["Dose (mg/kg/day)", "Findings"], vec![
        row!["1.5", "None"],
        row!["5", "Soft faeces (intermittent); no histopathology correlate — NOAEL"],
        row!["15", "Diarrhoea, skin lesions, corneal epithelial atrophy, QTc +9 ms (week 13); reversible"],
    ]);
    d
}

fn ames() -> Doc {
    // Legacy CRO report, written as PDF 1.3 (planted problem P5).
    let mut d = report("423-tox/4233-genotox/42331-in-vitro/eps-19-0412-ames-test.pdf", "Bacterial reverse mutation test (Ames) of EXB-1207", "EPS-19-0412-GT", date(2019, 9, 2), CRO).special(Special::Pdf13);
    glp_header(&mut d, "EPS-19-0412-GT", "Bacterial reverse mutation test (Ames test) of EXB-1207", "2019-07-08", "2019-08-16", "Dr Wu Tubian", true);
    d.h1("1. Method");
    d.p("OECD TG 471 (1997). Strains: S. typhimurium TA98, TA100, TA1535, TA1537 and E. coli WP2 uvrA (pKM101). Plate incorporation and pre-incubation methods, with and without Aroclor 1254-induced rat liver S9 (10%). Concentrations: 1.5–5000 µg/plate; precipitation at ≥ 1500 µg/plate.");
    d.h1("2. Results (pre-incubation, mean revertants/plate)");
    d.table(&[22.0, 13.0, 13.0, 13.0, 13.0, 13.0, 13.0], &["Concentration (µg/plate)", "TA98 −S9", "TA98 +S9", "TA100 −S9", "TA100 +S9", "WP2 −S9", "WP2 +S9"], vec![
        row!["0 (DMSO)", "24", "31", "118", "126", "142", "151"],
        row!["50", "22", "29", "121", "131", "138", "149"],
        row!["150", "26", "33", "115", "122", "145", "156"],
        row!["500", "21", "30", "109", "128", "139", "147"],
        row!["1500", "19", "27", "104", "119", "131", "144"],
        row!["5000", "15", "25", "92", "111", "126", "139"],
        row!["Positive control", "412", "986", "1,024", "1,318", "1,106", "964"],
    ]);
    d.h1("3. Conclusion");
    d.p("EXB-1207 did not induce a biologically relevant increase in revertant colonies in any strain, with or without metabolic activation. EXB-1207 is considered non-mutagenic in this test system.");
    d
}

fn micronucleus() -> Doc {
    let mut d = report("423-tox/4233-genotox/42332-in-vivo/exn-gt-014-rat-micronucleus.pdf", "In vivo micronucleus test in rat bone marrow", "EXN-GT-014", date(2020, 1, 10), CRO);
    glp_header(&mut d, "EXN-GT-014", "Rat bone-marrow micronucleus test of examplinib (OECD TG 474)", "2019-10-14", "2019-12-20", "Dr Wu Tubian", true);
    d.table(&[30.0, 35.0, 35.0], &["Dose (mg/kg, 2 × p.o.)", "MN-PCE per 4000 PCE (mean)", "PCE/(PCE+NCE)"], vec![
        row!["0", "5.2", "0.52"], row!["500", "5.8", "0.50"], row!["1000", "4.9", "0.48"], row!["2000", "6.1", "0.45"], row!["Cyclophosphamide 20", "48.6", "0.41"],
    ]);
    d.p("Negative. Bone-marrow exposure confirmed by plasma toxicokinetics and a decrease in PCE ratio at 2000 mg/kg.");
    d
}

fn efd() -> Doc {
    let mut d = report("423-tox/4235-repro-dev-tox/42352-embryo-fetal-dev/exn-rt-015-rat-efd.pdf", "Embryo-fetal development study in rats", "EXN-RT-015", date(2021, 5, 27), CRO);
    glp_header(&mut d, "EXN-RT-015", "Oral embryo-fetal development toxicity study of examplinib in Sprague-Dawley rats (ICH S5(R3))", "2020-10-12", "2021-04-30", "Dr Zheng Shengzhi", true);
    d.table(&[20.0, 20.0, 20.0, 20.0, 20.0], &["Dose (mg/kg/day)", "Pregnant females", "Post-implantation loss (%)", "Fetal weight (g)", "Malformations"], vec![
        row!["0", "22", "4.8", "3.82", "0"], row!["2", "22", "5.1", "3.79", "0"], row!["5", "21", "5.6", "3.76", "0"], row!["10", "22", "7.9", "3.51*", "0"], row!["20", "20", "38.4*", "3.22*", "1 (skeletal variation)"],
    ]);
    d.note("* p < 0.05 vs control. Maternal NOAEL 10 mg/kg/day; developmental NOAEL 5 mg/kg/day.");
    d
}
