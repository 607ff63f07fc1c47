//! `m1/hk/`: Hong Kong "1+" application documents (CTD-structured bundle, no eCTD).
//!
//! Deliberately absent (planted problems): the local expert assessment report, and any Chinese
//! version of the Hong Kong package insert.

use super::facts::*;
use crate::doc::*;
use crate::row;

pub fn docs() -> Vec<Doc> {
    vec![
        cover(),
        form(),
        justification(),
        authorisation(),
        registration_status(),
        clinical_data(),
        sales_pack(),
        pre_nda(),
        ct_import(),
    ]
}

const HK_DATE: Date = date(2025, 9, 15);

fn hk(path: &str, title: &str, reference: &str, d: Date) -> Doc {
    Doc::new(path, title, Lang::En, HK_CO, reference, d)
}

fn cover() -> Doc {
    let d = hk("m1/hk/cover-letter-hk.pdf", "Cover letter – application for registration (1+ mechanism)", "EPHK-REG-2025-009", HK_DATE);
    letter(
        d,
        &[HK_CO, HK_ADDR, "Licensed wholesale dealer licence no. WL-0000 (fictional)"],
        &["The Secretary, Pharmacy and Poisons Board", "c/o Drug Registration and Import/Export Control Division, Drug Office, Department of Health", "Hong Kong"],
        "15 September 2025",
        "Application for registration of a pharmaceutical product containing a new chemical entity under the \"1+\" mechanism: Examplix (examplinib) film-coated tablets 50 mg and 100 mg",
        &[
            "Dear Sir/Madam,",
            "On behalf of the marketing authorisation holder, Shenzhen Examplar Biopharma Co., Ltd., we submit an application for the registration of Examplix (examplinib mesilate) 50 mg and 100 mg film-coated tablets through the PRS 2.0 portal under the \"1+\" mechanism for new chemical entities.",
            "The product was approved by the National Medical Products Administration of China (a reference drug regulatory authority since 1 November 2022) on 18 June 2025 (approval numbers 国药准字H20253127 and H20253128) following priority review under the breakthrough-therapy programme. The application relies on this single reference approval together with clinical data generated in Chinese and Asian populations, including 24 subjects enrolled at two Hong Kong sites of the pivotal study EXP-301.",
            "The dossier is presented in ICH CTD format. Module 1 contains: the application form particulars; this letter; the justification for the \"1+\" route; the Certificate of a Pharmaceutical Product issued by NMPA and the NMPA registration certificate with a certified English translation; GMP certificates and the manufacturing licence; the manufacturer's authorisation letter; the worldwide registration status; the summary of Chinese and Asian clinical data; the proposed package insert; the prototype sales pack; the risk management plan; pre-registration import and clinical-trial information; and the record of the pre-NDA meeting of 12 August 2025. Modules 2 to 5 follow the CTD numbering.",
            "Please address correspondence to the undersigned (tel. +852 0000 0000, email regulatory@examplar-hk.example).",
        ],
        "Yours faithfully,",
        &["Ms Wong Mei Ling, Regulatory Affairs Manager", HK_CO, "15 September 2025"],
    )
}

fn form() -> Doc {
    let mut d = hk("m1/hk/application-form-hk.pdf", "Application particulars – PRS 2.0 (printout)", "EPHK-REG-2025-010", HK_DATE);
    d.title("Application for Registration of a Pharmaceutical Product – particulars", &["Printout of the data entered in the Pharmaceutical Registration System (PRS 2.0)", "Route: new chemical entity, \"1+\" mechanism (extended scope from 1 November 2024)"]);
    d.h1("A. Applicant");
    d.kv_rows(vec![
        row!["Applicant (local company)", HK_CO],
        row!["Business address", HK_ADDR],
        row!["Wholesale dealer licence", "WL-0000 (fictional)"],
        row!["Contact person", "Ms Wong Mei Ling, Regulatory Affairs Manager"],
    ]);
    d.h1("B. Product");
    d.kv_rows(vec![
        row!["Proprietary name", "Examplix Film-coated Tablets 50mg / 100mg"],
        row!["Chinese name (proposed)", "易普利薄膜衣片 50毫克 / 100毫克"],
        row!["Active ingredient", "Examplinib mesilate eq. to examplinib 50 mg / 100 mg"],
        row!["Dosage form / route", "Film-coated tablet / oral"],
        row!["Pack size", "30 tablets (3 × 10 OPA/Al/PVC–Al blisters)"],
        row!["Proposed legal classification", "Part 1 poison; prescription-only medicine (P1S1S3)"],
        row!["Shelf life / storage", "36 months; do not store above 30 °C"],
        row!["Proposed indication", INDICATION],
    ]);
    d.h1("C. Manufacturers");
    d.table(&[34.0, 42.0, 24.0], &["Name", "Address", "Activity"], vec![
        row![CO, CO_ADDR, "Finished product manufacture, packaging, release"],
        row![API_CO, API_ADDR, "Active ingredient manufacture"],
    ]);
    d.h1("D. Reference approval(s)");
    d.table(&[20.0, 30.0, 20.0, 30.0], &["Country", "Authority", "Date", "Number"], vec![
        row!["China", "NMPA", "18 June 2025", "国药准字H20253127 / H20253128"],
    ]);
    d.h1("E. Declaration");
    d.p("I declare that the information given in this application and its attachments is true and correct, and that the product will comply with the Pharmacy and Poisons Ordinance (Cap. 138) and its regulations.");
    d.sign(&["Wong Mei Ling, for and on behalf of the applicant", "15 September 2025"]);
    d
}

fn justification() -> Doc {
    let mut d = hk("m1/hk/one-plus-justification.pdf", "Justification for registration under the \"1+\" mechanism", "EPHK-REG-2025-011", HK_DATE);
    d.title("Justification for registration under the \"1+\" mechanism", &["Examplix (examplinib) film-coated tablets 50 mg and 100 mg", "Evidence that the conditions of the extended \"1+\" mechanism are met"]);
    d.h1("1. Reason for a single reference approval");
    d.p("Examplix is a new chemical entity first approved in mainland China on 18 June 2025. Applications to the US FDA (NDA, planned Q1 2026) and the EMA (centralised MAA, planned Q2 2026) have not yet been approved, so approval from two reference countries cannot be provided. Under the \"1+\" mechanism one reference approval is sufficient for new drugs with prominent clinical benefit supported by local or Chinese/Asian clinical data.");
    d.h1("2. Condition: approval by a reference drug regulatory authority");
    d.p("China has been a reference country since 1 November 2022. Evidence: NMPA Drug Registration Certificates 2025S01873/2025S01874 (company-files/药品注册证书.pdf), certified English translation, and the Certificate of a Pharmaceutical Product NMPA-CPP-2025-0412 of 5 August 2025.");
    d.h1("3. Condition: prominent clinical benefit");
    d.bullets(&[
        "Breakthrough therapy designation granted by NMPA/CDE on 8 March 2022; priority review granted 15 July 2024.",
        "EXP-301: median PFS 19.3 vs 10.2 months versus gefitinib (HR 0.46; 95% CI 0.37–0.57), an absolute gain of 9.1 months; lower rate of grade ≥ 3 adverse events (33.7% vs 41.2%).",
        "Intracranial activity: CNS PFS HR 0.41 in patients with brain metastases at baseline (n = 128).",
    ]);
    d.h1("4. Condition: local or Chinese/Asian clinical data");
    d.table(&[16.0, 18.0, 16.0, 16.0, 34.0], &["Study", "Hong Kong", "Mainland China", "Other Asia", "Relevance"], vec![
        row!["EXP-301", "24", "210", "96", "Pivotal; Chinese subgroup HR 0.44"],
        row!["EXP-201", "6", "126", "6", "First-line, single arm, ORR 77.5%"],
        row!["EXP-102", "8", "62", "26", "Dose finding in Asian patients"],
        row!["EXP-101", "0", "48", "0", "PK in healthy Chinese adults"],
    ]);
    d.p("In total 38 subjects were treated at Hong Kong sites (Queen Example Hospital and Example Cancer Centre, fictional). See m1/hk/chinese-asian-clinical-data-summary.pdf.");
    d.h1("5. Condition: recognition by a local expert");
    d.p("Under the \"1+\" mechanism the scope of the application must be recognised by a local expert. The local expert assessment report is to be provided as a separate document in Module 1.");
    d
}

fn authorisation() -> Doc {
    let d = en("m1/hk/manufacturer-authorisation-letter.pdf", "Manufacturer's letter of authorisation and list of sites", "EXB-REG-HK-2025-004", date(2025, 8, 20));
    letter(
        d,
        &[CO, CO_ADDR],
        &["To: Pharmacy and Poisons Board of Hong Kong", "c/o Drug Office, Department of Health"],
        "20 August 2025",
        "Letter of authorisation – Examplix (examplinib) 50 mg and 100 mg film-coated tablets",
        &[
            "We, Shenzhen Examplar Biopharma Co., Ltd., holder of the marketing authorisation in the People's Republic of China, hereby authorise Examplar Pharma (Hong Kong) Limited, Unit 1208, 12/F, Example Tower, 8 Science Park Avenue, Sha Tin, Hong Kong, to apply for, hold and maintain the registration of the above product in the Hong Kong SAR, and to act on our behalf in all matters relating to it.",
            "The product is manufactured at the following sites: (1) drug substance: Examplar Pharmaceutical (Huizhou) Co., Ltd., 6 Example Chemical Park Road, Daya Bay, Huizhou, Guangdong, China — synthesis, purification, micronisation and testing of examplinib mesilate; (2) finished product: Shenzhen Examplar Biopharma Co., Ltd., 18 Examplar Road, Pingshan District, Shenzhen, China — manufacture, primary and secondary packaging, quality control and batch release.",
            "No other sites are involved. The product supplied to Hong Kong will be identical to the product approved in China except for the Hong Kong-specific labelling.",
        ],
        "Yours faithfully,",
        &["Dr Chen Shili, Legal Representative and General Manager", CO, "20 August 2025 (company seal — synthetic)"],
    )
}

fn registration_status() -> Doc {
    let mut d = hk("m1/hk/worldwide-registration-status.pdf", "Worldwide registration status", "EPHK-REG-2025-012", HK_DATE);
    d.title("Worldwide registration status", &["Examplix (examplinib) film-coated tablets", "Status as of 15 September 2025"]);
    d.h1("1. Approvals, applications and refusals");
    d.table(&[18.0, 22.0, 22.0, 38.0], &["Country / region", "Status", "Date", "Remarks"], vec![
        row!["China (NMPA)", "Approved", "18 June 2025", "Breakthrough therapy; priority review; approval nos. H20253127 / H20253128"],
        row!["Hong Kong SAR", "This application", "15 September 2025", "\"1+\" mechanism"],
        row!["United States (FDA)", "Planned", "Q1 2026", "NDA in preparation"],
        row!["European Union (EMA)", "Planned", "Q2 2026", "Centralised MAA in preparation"],
    ]);
    d.p("The product has not been refused, withdrawn, suspended or revoked in any country.");
    d.h1("2. Comparison of indications and dosage");
    d.table(&[20.0, 45.0, 35.0], &["Market", "Indication", "Dosage"], vec![
        row!["China (approved)", "First-line EGFR exon 19 deletion or L858R advanced NSCLC", "100 mg once daily; reduction to 50 mg"],
        row!["Hong Kong (proposed)", "Identical to China", "Identical to China"],
    ]);
    d
}

fn clinical_data() -> Doc {
    let mut d = hk("m1/hk/chinese-asian-clinical-data-summary.pdf", "Summary of clinical data from Chinese and Asian populations", "EPHK-REG-2025-013", HK_DATE);
    d.title("Clinical data from Hong Kong, Chinese and Asian populations", &["Supporting document for the \"1+\" mechanism (local clinical data or data from Chinese and/or Asian populations)"]);
    d.h1("1. Overview");
    d.p("Four clinical studies contribute data from Chinese and Asian subjects; all were conducted under ICH E6 GCP. Hong Kong sites took part in EXP-102, EXP-201 and EXP-301 under Certificates for Clinical Trial issued by the Department of Health.");
    d.h1("2. Efficacy in Chinese and Asian subgroups of EXP-301");
    d.table(&[30.0, 14.0, 18.0, 18.0, 20.0], &["Subgroup", "N", "Median PFS examplinib (mo)", "Median PFS gefitinib (mo)", "HR (95% CI)"], vec![
        row!["Overall", "612", "19.3", "10.2", "0.46 (0.37–0.57)"],
        row!["Chinese (mainland China + Hong Kong)", "234", "19.5", "9.8", "0.44 (0.32–0.60)"],
        row!["Hong Kong sites", "24", "NE", "9.7", "0.39 (0.13–1.15)"],
        row!["All Asian", "330", "19.4", "10.0", "0.45 (0.34–0.59)"],
        row!["Non-Asian", "282", "18.9", "10.6", "0.48 (0.35–0.66)"],
    ]);
    d.note("NE = not estimable. The Hong Kong subgroup is small; results are descriptive.");
    d.h1("3. Ethnic sensitivity (ICH E5)");
    d.p("Population PK analysis (n = 742) found no effect of race (Asian vs non-Asian) on clearance after accounting for body weight; steady-state AUC differed by less than 10%. The safety profile in Chinese patients was consistent with the overall population; diarrhoea (54.3%) and paronychia (35.0%) were slightly more frequent.");
    d
}

fn sales_pack() -> Doc {
    let mut d = Doc::new(
        "m1/hk/hk-sales-pack-carton-blister-bilingual.pdf",
        "Hong Kong prototype sales pack – carton and blister (bilingual)",
        Lang::ZhHant,
        HK_CO,
        "ART-HK-CTN-100-V01",
        date(2025, 9, 1),
    );
    d.title("香港樣本銷售包裝 – 外盒及泡罩（中英雙語）", &["Hong Kong prototype sales pack – carton and blister, English and Traditional Chinese", "Examplix 100 mg and 50 mg × 30 tablets · artwork version V01"]);
    for s in ["100", "50"] {
        d.h1(&format!("Carton {s} mg / 外盒 {s}毫克"));
        d.boxed("Front panel 正面", &[
            &format!("Examplix 易普利 {s}mg Film-coated Tablets 薄膜衣片"),
            &format!("Examplinib (as mesilate) {s} mg 艾普利替尼（以甲磺酸鹽計）{s}毫克"),
            "30 tablets 30片",
            "Prescription Drug 處方藥物",
        ]);
        d.boxed("Side panel 側面", &[
            "Reg. No. 註冊編號: HK-XXXXX",
            "Storage: Do not store above 30°C. 貯存：請存放於30°C以下。",
            "Keep out of reach of children. 將藥物放在兒童接觸不到的地方。",
            "Batch No. 批號 / Exp. Date 有效日期",
            &format!("Manufacturer 製造商: {CO}, Shenzhen, China 中國深圳"),
            &format!("Registration holder 註冊持有人: {HK_CO} {HK_CO_ZH}"),
        ]);
    }
    d.h1("Blister foil / 泡罩鋁箔");
    d.boxed("Continuous print", &["Examplix 100mg 易普利", "Examplinib 艾普利替尼", "Batch 批號 / Exp 有效日期", "Shenzhen Examplar Biopharma"]);
    d.note("The package insert is supplied as a separate document (company-files/package-insert-en.pdf).");
    d
}

fn pre_nda() -> Doc {
    let mut d = hk("m1/hk/pre-nda-meeting-record-hk.pdf", "Record of pre-NDA meeting with the Drug Office", "EPHK-REG-2025-008", date(2025, 8, 19));
    d.title("Record of pre-NDA meeting (product-specific)", &["Drug Office, Department of Health – one-on-one pre-NDA consultation", "12 August 2025, 10:00–11:00, video conference"]);
    d.kv_rows(vec![
        row!["Attendees (Drug Office)", "Two pharmacists of the Drug Registration and Import/Export Control Division (names withheld)"],
        row!["Attendees (applicant)", "Wong Mei Ling (Examplar HK); Lin Zhuce and Dr Huang Linchuang (Shenzhen Examplar)"],
    ]);
    d.h1("Discussion");
    d.table(&[6.0, 44.0, 50.0], &["#", "Question", "Outcome (applicant's record)"], vec![
        row!["1", "Is the NMPA approval acceptable as the single reference for the \"1+\" mechanism?", "Yes, China is a reference country; submit the CPP and the approval certificate with a certified translation."],
        row!["2", "Are EXP-301 Chinese-subgroup data adequate as Chinese/Asian clinical data?", "Considered relevant; provide the subgroup analyses and the Hong Kong site data."],
        row!["3", "Local expert assessment", "A local expert (specialist in clinical oncology with ≥ 5 years' experience) must review local epidemiology and treatment paradigms; the signed report and CV are to be included in the application."],
        row!["4", "Labelling", "Label and package insert must comply with the PPB labelling guidelines; the registration number field must appear on the sales pack."],
    ]);
    d.note("This record was prepared by the applicant and has not been endorsed by the Drug Office.");
    d
}

fn ct_import() -> Doc {
    let mut d = hk("m1/hk/clinical-trial-and-import-information-hk.pdf", "Pre-registration import and clinical-trial information", "EPHK-REG-2025-014", HK_DATE);
    d.title("Pre-registration import and clinical trials in Hong Kong", &["Examplinib investigational product"]);
    d.table(&[18.0, 26.0, 28.0, 28.0], &["Study", "CTC number", "Sites", "Import licences"], vec![
        row!["EXP-102", "CTC-2020-0000 (fictional)", "Queen Example Hospital", "3 consignments, 2020–2021"],
        row!["EXP-201", "CTC-2021-0000 (fictional)", "Queen Example Hospital", "4 consignments, 2021–2022"],
        row!["EXP-301", "CTC-2021-0001 (fictional)", "Queen Example Hospital; Example Cancer Centre", "9 consignments, 2021–2024"],
    ]);
    d.p("No examplinib has been imported into Hong Kong for purposes other than clinical trials. Named-patient supply: none.");
    d
}
