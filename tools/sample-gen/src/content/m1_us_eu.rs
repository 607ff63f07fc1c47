//! `m1/us/` and `m1/eu/`: the FDA and EMA Module 1 drafts (work in progress: only the core items
//! exist yet).

use super::facts::*;
use crate::doc::*;
use crate::row;

pub fn docs() -> Vec<Doc> {
    vec![fda_cover(), fda_356h(), fda_debarment(), fda_labeling(), ema_cover(), smpc(), clinical_expert(), eu_rmp()]
}

const US_DATE: Date = date(2025, 11, 3);
const EU_DATE: Date = date(2025, 11, 17);

fn fda_cover() -> Doc {
    let d = en("m1/us/cover-letter-fda.pdf", "Cover letter – NDA original application (draft)", "EXB-REG-US-2025-001", US_DATE);
    letter(
        d,
        &[CO, CO_ADDR, &format!("US agent: {US_AGENT}")],
        &["Food and Drug Administration", "Center for Drug Evaluation and Research", "Division of Oncology 3", "5901-B Ammendale Road, Beltsville, MD 20705-1266"],
        "DRAFT – 3 November 2025",
        "NDA 2XXXXX – Original application – Examplix (examplinib) tablets, 50 mg and 100 mg",
        &[
            "Dear Sir or Madam,",
            "Shenzhen Examplar Biopharma Co., Ltd., through its US agent Examplar Therapeutics Inc., submits this original New Drug Application under section 505(b)(1) of the Federal Food, Drug, and Cosmetic Act for Examplix (examplinib) tablets for the first-line treatment of adult patients with metastatic NSCLC whose tumours have EGFR exon 19 deletions or exon 21 L858R mutations, as detected by an FDA-approved test.",
            "The application is submitted in eCTD format (sequence 0000, us-regional DTD v3.3) and is supported by the multi-regional phase 3 study EXP-301 (n = 612; 140 subjects enrolled in the United States), the phase 1/2 study EXP-102, the phase 2 study EXP-201 and clinical pharmacology studies. The pre-NDA meeting was held on 9 September 2025 (meeting minutes in Module 1.6).",
            "The user fee has been paid (user fee ID PD30XXXXX). A request for priority review is included.",
        ],
        "Sincerely,",
        &["Jennifer Example, PharmD, US Agent", "Examplar Therapeutics Inc., for Shenzhen Examplar Biopharma Co., Ltd."],
    )
}

fn fda_356h() -> Doc {
    let mut d = en("m1/us/fda-form-356h.pdf", "Form FDA 356h – Application to market a new drug (data summary)", "EXB-REG-US-2025-002", US_DATE);
    d.title("Form FDA 356h – application data (flattened summary)", &["Application to Market a New or Abbreviated New Drug or Biologic for Human Use", "Note: the fillable FDA form is required for submission; this page records the values to be entered."]);
    d.kv_rows(vec![
        row!["Applicant", format!("{CO}, {CO_ADDR}")],
        row!["US agent", US_AGENT],
        row!["Application type", "NDA, 505(b)(1)"],
        row!["Submission type", "Original application"],
        row!["Established name", "examplinib"],
        row!["Proprietary name", "Examplix"],
        row!["Chemical/biochemical name", CHEM_NAME],
        row!["Dosage form / strengths / route", "Tablet, film coated / 50 mg, 100 mg / oral"],
        row!["Proposed indication", "First-line metastatic NSCLC with EGFR exon 19 deletions or exon 21 L858R mutations"],
        row!["Establishments", format!("{API_CO} (drug substance; FEI pending); {CO} (drug product; FEI pending)")],
        row!["Cross-referenced applications", "IND 1XXXXX (examplinib)"],
    ]);
    d
}

fn fda_debarment() -> Doc {
    let d = en("m1/us/debarment-certification.pdf", "Debarment certification", "EXB-REG-US-2025-003", US_DATE);
    letter(
        d,
        &[CO, CO_ADDR],
        &["Food and Drug Administration", "Center for Drug Evaluation and Research"],
        "3 November 2025",
        "Debarment certification – NDA for Examplix (examplinib) tablets",
        &["Shenzhen Examplar Biopharma Co., Ltd. hereby certifies that it did not and will not use in any capacity the services of any person debarred under section 306(a) or (b) of the Federal Food, Drug, and Cosmetic Act in connection with this application."],
        "",
        &["Dr Chen Shili, General Manager", CO, "3 November 2025"],
    )
}

fn fda_labeling() -> Doc {
    let mut d = en("m1/us/draft-labeling-text-pi.pdf", "Draft labeling text – Prescribing Information (PLR format)", "EXB-LBL-USPI v0.3", US_DATE);
    d.title("HIGHLIGHTS OF PRESCRIBING INFORMATION (DRAFT)", &["These highlights do not include all the information needed to use EXAMPLIX safely and effectively. See full prescribing information for EXAMPLIX.", "EXAMPLIX (examplinib) tablets, for oral use. Initial U.S. Approval: [pending]"]);
    d.h1("Highlights");
    d.bullets(&[
        "INDICATIONS AND USAGE: EXAMPLIX is a kinase inhibitor indicated for the first-line treatment of adult patients with metastatic NSCLC whose tumors have EGFR exon 19 deletions or exon 21 L858R mutations, as detected by an FDA-approved test. (1)",
        "DOSAGE AND ADMINISTRATION: 100 mg orally once daily, with or without food. (2.2)",
        "DOSAGE FORMS AND STRENGTHS: Tablets: 50 mg and 100 mg. (3)",
        "CONTRAINDICATIONS: None. (4)",
        "WARNINGS AND PRECAUTIONS: Interstitial lung disease/pneumonitis (5.1); QTc interval prolongation (5.2); keratitis (5.3); embryo-fetal toxicity (5.4).",
        "ADVERSE REACTIONS: Most common (≥ 20%): diarrhea, rash, paronychia, stomatitis, dry skin, decreased appetite. (6.1)",
    ]);
    d.h1("Full prescribing information (outline)");
    d.p("1 INDICATIONS AND USAGE; 2 DOSAGE AND ADMINISTRATION; 3 DOSAGE FORMS AND STRENGTHS; 4 CONTRAINDICATIONS; 5 WARNINGS AND PRECAUTIONS; 6 ADVERSE REACTIONS; 7 DRUG INTERACTIONS; 8 USE IN SPECIFIC POPULATIONS; 10 OVERDOSAGE; 11 DESCRIPTION; 12 CLINICAL PHARMACOLOGY; 13 NONCLINICAL TOXICOLOGY; 14 CLINICAL STUDIES; 16 HOW SUPPLIED/STORAGE AND HANDLING; 17 PATIENT COUNSELING INFORMATION.");
    d.h2("14 CLINICAL STUDIES");
    d.table(&[40.0, 30.0, 30.0], &["Endpoint", "EXAMPLIX (N = 306)", "Gefitinib (N = 306)"], vec![
        row!["Median PFS, months (95% CI)", "19.3 (16.6, 22.1)", "10.2 (9.6, 11.1)"],
        row!["Hazard ratio (95% CI)", "0.46 (0.37, 0.57)", ""],
        row!["Objective response rate (95% CI)", "79.4% (74.4, 83.8)", "68.6% (63.1, 73.8)"],
        row!["Median duration of response, months", "17.6", "9.7"],
    ]);
    d.h2("16 HOW SUPPLIED");
    d.p("50 mg: yellow, round, debossed \"EX\" and \"50\"; cartons of 30 tablets (NDC XXXXX-050-30). 100 mg: yellow, oval, debossed \"EX\" and \"100\"; cartons of 30 (NDC XXXXX-100-30). Store at 20 °C to 25 °C; excursions permitted to 15–30 °C.");
    d
}

fn ema_cover() -> Doc {
    let d = Doc::new("m1/eu/10-cover/ema/cover-letter-ema.pdf", "Cover letter – initial MAA, centralised procedure (draft)", Lang::En, "Examplar Biopharma Europe B.V.", "EXB-REG-EU-2025-001", EU_DATE);
    letter(
        d,
        &["Examplar Biopharma Europe B.V.", EU_MAH],
        &["European Medicines Agency", "Domenico Scarlattilaan 6, 1083 HS Amsterdam, The Netherlands"],
        "DRAFT – 17 November 2025",
        "Initial marketing authorisation application – Examplix (examplinib) 50 mg and 100 mg film-coated tablets – centralised procedure",
        &[
            "Dear Sir/Madam,",
            "Examplar Biopharma Europe B.V. submits an application for a marketing authorisation under Article 8(3) of Directive 2001/83/EC (full application, new active substance) via the centralised procedure (mandatory scope: oncology). The submission is made in eCTD v3.2.2 format with EU Module 1 v3.1.",
            "The eligibility confirmation from the EMA was received on 2 October 2025; the rapporteur and co-rapporteur have been appointed. The product has no orphan designation. A product-specific waiver from the obligation to submit paediatric data (class waiver for lung carcinoma) applies.",
        ],
        "Yours faithfully,",
        &["Dr Anna Voorbeeld, Head of Regulatory Affairs Europe", "Examplar Biopharma Europe B.V."],
    )
}

fn smpc() -> Doc {
    let mut d = Doc::new("m1/eu/13-pi/131-spclabelpl/ema/en/smpc-examplix-en.pdf", "Annex I – Summary of product characteristics (draft)", Lang::En, "Examplar Biopharma Europe B.V.", "EXB-LBL-SMPC-EN v0.4", EU_DATE);
    d.title("ANNEX I – SUMMARY OF PRODUCT CHARACTERISTICS", &["Examplix 50 mg film-coated tablets · Examplix 100 mg film-coated tablets", "Draft for the initial MAA, QRD template version 10.4"]);
    d.note("▼ This medicinal product is subject to additional monitoring. This will allow quick identification of new safety information.");
    super::company::pi_sections_en(&mut d);
    d.h1("8. Marketing authorisation number(s)");
    d.p("EU/1/26/XXXX/001–002");
    d
}

fn clinical_expert() -> Doc {
    let mut d = Doc::new("m1/eu/14-expert/143-clinical/clinical-expert-statement.pdf", "Information about the expert – clinical", Lang::En, "Examplar Biopharma Europe B.V.", "EXB-REG-EU-2025-014", EU_DATE);
    d.title("1.4.3 Information about the expert – clinical", &["Declaration and curriculum vitae summary"]);
    d.p("I, the undersigned, declare that I have the necessary technical and professional qualifications to act as clinical expert for this application, that I have reviewed the clinical documentation (Modules 2.5, 2.7 and 5), and that the clinical overview reflects my own assessment of the data.");
    d.kv_rows(vec![
        row!["Name", "Prof. Dr. med. Klaus Beispiel"],
        row!["Qualifications", "MD, specialist in internal medicine and medical oncology; 22 years of experience in thoracic oncology"],
        row!["Relationship with the applicant", "Independent consultant (fee-for-service)"],
    ]);
    d.sign(&["Prof. Dr. med. Klaus Beispiel", "Heidelberg, 10 November 2025"]);
    d
}

fn eu_rmp() -> Doc {
    let mut d = Doc::new("m1/eu/18-pharmacovigilance/182-riskmgt-system/eu-rmp-examplinib.pdf", "EU Risk Management Plan – examplinib", Lang::En, "Examplar Biopharma Europe B.V.", "EXB-PV-RMP-EU v1.0", EU_DATE);
    d.title("EU Risk Management Plan for Examplix (examplinib)", &["RMP version 1.0 · data lock point 30 November 2023 · format per GVP Module V Rev. 2 (Reg. 520/2012 Annex I)", "Also used as the proposed risk management plan for Hong Kong"]);
    d.h1("Part I – Product overview");
    d.kv_rows(vec![
        row!["Active substance", "Examplinib (as mesilate)"],
        row!["Pharmacotherapeutic group", "Protein kinase inhibitor (EGFR TKI), ATC L01EB99 (placeholder)"],
        row!["Indication", INDICATION],
        row!["Dosage", "100 mg once daily"],
    ]);
    d.h1("Part II – Safety specification");
    d.h2("SVII.3 Summary of safety concerns");
    d.table(&[35.0, 65.0], &["Category", "Safety concern"], vec![
        row!["Important identified risks", "Interstitial lung disease/pneumonitis; QTc interval prolongation"],
        row!["Important potential risks", "Keratitis; embryo-fetal toxicity; cardiac failure"],
        row!["Missing information", "Use in patients with severe hepatic impairment; use in pregnancy and lactation"],
    ]);
    d.h2("Clinical trial exposure");
    d.table(&[40.0, 20.0, 20.0, 20.0], &["Duration of exposure", "Patients", "Person-years", "%"], vec![
        row!["< 3 months", "38", "5.1", "7.1"],
        row!["3 to < 12 months", "131", "82.6", "24.4"],
        row!["12 to < 24 months", "212", "308.4", "39.6"],
        row![">= 24 months", "155", "371.9", "28.9"],
        row!["Total", "536", "768.0", "100.0"],
    ]);
    d.h1("Part III – Pharmacovigilance plan");
    d.p("Routine pharmacovigilance including targeted follow-up questionnaires for ILD and QT prolongation. Additional activity: EXP-401, a non-interventional post-authorisation safety study (category 3) of ILD and cardiac events in 2,000 patients (final report Q4 2029).");
    d.h1("Part V – Risk minimisation measures");
    d.p("Routine risk minimisation through SmPC sections 4.2, 4.4 and 4.8 and the package leaflet. No additional risk minimisation measures are proposed.");
    d
}
