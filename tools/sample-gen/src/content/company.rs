//! `company-files/`: loose files with the names a company would give them (certificates,
//! licences, labelling, translations), several in Chinese.

use super::facts::*;
use crate::doc::*;
use crate::row;

pub fn docs() -> Vec<Doc> {
    vec![
        cpp(),
        gmp_shenzhen(),
        gmp_huizhou(),
        package_insert_en(),
        insert_zh(),
        carton_zh("50"),
        carton_zh("100"),
        approval_zh(),
        approval_en(),
        translation_certificate(),
        licence_zh(),
        licence_en(),
        ib(),
    ]
}

fn cpp() -> Doc {
    let mut d = Doc::new(
        "company-files/CPP_NMPA_examplinib.pdf",
        "Certificate of a Pharmaceutical Product (CPP)",
        Lang::En,
        "National Medical Products Administration (NMPA), People's Republic of China",
        "CPP No. NMPA-CPP-2025-0412",
        date(2025, 8, 5),
    );
    d.title(
        "Certificate of a Pharmaceutical Product",
        &[
            "药品证明书（世界卫生组织推荐格式）",
            "This certificate conforms to the format recommended by the World Health Organization (WHO Certification Scheme on the quality of pharmaceutical products moving in international commerce).",
        ],
    );
    d.kv_rows(vec![
        row!["No. of certificate", "NMPA-CPP-2025-0412"],
        row!["Exporting (certifying) country", "People's Republic of China"],
        row!["Importing (requesting) country", "Hong Kong Special Administrative Region, China"],
    ]);
    d.h1("1. Name and dosage form of the product");
    d.p("Examplix (易普利) examplinib mesilate film-coated tablets (甲磺酸艾普利替尼片), 100 mg and 50 mg (expressed as examplinib free base).");
    d.h2("1.1 Active ingredient(s) and amount(s) per unit dose");
    d.table(&[45.0, 55.0], &["Active ingredient", "Amount per tablet"], vec![
        row!["Examplinib mesilate", "119.96 mg, equivalent to 100 mg examplinib (100 mg strength)"],
        row!["Examplinib mesilate", "59.98 mg, equivalent to 50 mg examplinib (50 mg strength)"],
    ]);
    d.p("For complete qualitative composition including excipients, see attached. Excipients: mannitol, microcrystalline cellulose, croscarmellose sodium, hydroxypropyl cellulose, sodium stearyl fumarate; film coat: polyvinyl alcohol, titanium dioxide (E171), macrogol 3350, talc, iron oxide yellow (E172).");
    d.h2("1.2 Is this product licensed to be placed on the market for use in the exporting country?");
    d.p("Yes.");
    d.h2("1.3 Is this product actually on the market in the exporting country?");
    d.p("Yes. First commercial batch released on 2 July 2025.");
    d.h1("2. Product licence");
    d.kv_rows(vec![
        row!["2A.1 Number of product licence and date of issue", format!("{NMPA_NO_100} (100 mg) and {NMPA_NO_50} (50 mg); Drug Registration Certificates {NMPA_CERT_100} and {NMPA_CERT_50}, issued 18 June 2025")],
        row!["2A.2 Product-licence holder (name and address)", format!("{CO}, {CO_ADDR}")],
        row!["2A.3 Status of product-licence holder", "(a) manufactures the dosage form"],
        row!["2A.3.1 Name and address of the manufacturer of the dosage form", format!("{CO}, Pingshan manufacturing site, {CO_ADDR}")],
        row!["2A.4 Is a summary basis for approval appended?", "No"],
        row!["2A.5 Is the attached, officially approved product information complete and consonant with the licence?", "Yes (Chinese package insert approved 18 June 2025)"],
        row!["2A.6 Applicant for certificate, if different from licence holder", format!("{HK_CO}, {HK_ADDR} (on behalf of the licence holder)")],
    ]);
    d.h1("3. Inspection of the manufacturing site");
    d.kv_rows(vec![
        row!["3.1 Does the certifying authority arrange for periodic inspection of the manufacturing plant in which the dosage form is produced?", "Yes"],
        row!["3.1.1 Periodicity of routine inspections (years)", "Risk-based; at least once every three years, with pre-approval GMP compliance inspection"],
        row!["3.1.2 Has the manufacture of this type of dosage form been inspected?", "Yes (pre-approval GMP compliance inspection, 11–14 March 2025)"],
        row!["3.1.3 Do the facilities and operations conform to GMP as recommended by the WHO?", "Yes"],
        row!["3.2 Does the information submitted by the applicant satisfy the certifying authority on all aspects of the manufacture of the product?", "Yes"],
    ]);
    d.h1("4. Certification");
    d.p("The undersigned authority certifies that the above information is correct and that the product is authorised for sale in the People's Republic of China. This certificate is valid for two years from the date of issue unless the product licence is withdrawn or suspended.");
    d.kv_rows(vec![
        row!["Address of certifying authority", "National Medical Products Administration, Beijing, China (fictional rendering)"],
        row!["Date of issue", "5 August 2025"],
        row!["Name of authorised person", "Zhang Min, Director, Division of Drug Registration Certificates (fictional)"],
    ]);
    d.sign(&["Signature and stamp of the certifying authority", "（国家药品监督管理局 印章 — synthetic)"]);
    d
}

fn gmp_shenzhen() -> Doc {
    let mut d = Doc::new(
        "company-files/GMP certificate Shenzhen site.pdf",
        "Certificate of GMP Compliance – Shenzhen Pingshan site",
        Lang::En,
        "Guangdong Medical Products Administration",
        "Certificate No. GD-GMP-2022-0931",
        date(2022, 10, 1),
    );
    d.title(
        "Certificate of GMP Compliance of a Manufacturer",
        &["药品GMP符合性证明（出口用，中英文）", "Issued following an inspection in accordance with the Drug Administration Law of the People's Republic of China and the Good Manufacturing Practice for Drugs (2010 revision)."],
    );
    d.kv_rows(vec![
        row!["Certificate number", "GD-GMP-2022-0931"],
        row!["Name of manufacturer", format!("{CO} ({CO_ZH})")],
        row!["Site address", CO_ADDR],
        row!["Manufacturing licence", "粤20160321"],
        row!["Date of last inspection", "15–17 August 2022"],
        row!["Scope of certification", "Tablets (film-coated), including highly potent oral solid dosage forms (containment line OSD-2); primary and secondary packaging; quality control testing; batch certification"],
        row!["Date of issue", "1 October 2022"],
        row!["Valid until", "30 September 2025"],
    ]);
    d.h1("Certification");
    d.p("On the basis of the inspection carried out on 15–17 August 2022, it is certified that the above manufacturer complies with the requirements of Good Manufacturing Practice for Drugs (2010 revision) and its annexes, which are consistent with the WHO GMP guidelines, for the scope listed above.");
    d.p("This certificate reflects the status of the site at the time of the inspection noted above and should not be relied upon to reflect the compliance status if more than three years have elapsed since the date of that inspection. The certificate is valid until 30 September 2025.");
    d.h2("Products manufactured on the certified lines (non-exhaustive)");
    d.table(&[40.0, 30.0, 30.0], &["Product", "Dosage form", "Line"], vec![
        row!["Examplinib mesilate tablets 50 mg / 100 mg", "Film-coated tablet", "OSD-2 (containment)"],
        row!["Examplarsartan tablets 80 mg (fictional)", "Tablet", "OSD-1"],
        row!["Sampleprazole capsules 20 mg (fictional)", "Hard capsule", "OSD-1"],
    ]);
    d.sign(&["Guangdong Medical Products Administration (stamp — synthetic)", "Issued at Guangzhou, 1 October 2022"]);
    d
}

fn gmp_huizhou() -> Doc {
    let mut d = Doc::new(
        "company-files/GMP certificate Huizhou API site.pdf",
        "Certificate of GMP Compliance – Huizhou API site",
        Lang::En,
        "Guangdong Medical Products Administration",
        "Certificate No. GD-GMP-2024-0388",
        date(2024, 5, 20),
    );
    d.title(
        "Certificate of GMP Compliance of a Manufacturer",
        &["药品GMP符合性证明（出口用，中英文）", "Active pharmaceutical ingredient manufacture"],
    );
    d.kv_rows(vec![
        row!["Certificate number", "GD-GMP-2024-0388"],
        row!["Name of manufacturer", format!("{API_CO} ({API_CO_ZH})")],
        row!["Site address", API_ADDR],
        row!["Manufacturing licence", "粤20190077"],
        row!["Date of last inspection", "8–10 April 2024"],
        row!["Scope of certification", "Active pharmaceutical ingredients by chemical synthesis: examplinib mesilate (highly potent, dedicated suite API-3); quality control testing"],
        row!["Date of issue", "20 May 2024"],
        row!["Valid until", "19 May 2027"],
    ]);
    d.h1("Certification");
    d.p("On the basis of the inspection carried out on 8–10 April 2024, it is certified that the above manufacturer complies with Good Manufacturing Practice for Drugs (2010 revision), Annex 2 (Active Pharmaceutical Ingredients), which is consistent with ICH Q7, for the scope listed above. No critical or major deficiencies were recorded; three minor observations were closed on 30 April 2024.");
    d.sign(&["Guangdong Medical Products Administration (stamp — synthetic)", "Issued at Guangzhou, 20 May 2024"]);
    d
}

/// Shared English prescribing information text (used by the package insert and, reformatted,
/// by the FDA draft labelling and the EU SmPC).
pub fn pi_sections_en(d: &mut Doc) {
    d.h1("1. Name of the medicinal product");
    d.p("Examplix 50 mg film-coated tablets; Examplix 100 mg film-coated tablets (examplinib).");
    d.h1("2. Qualitative and quantitative composition");
    d.p("Each 50 mg tablet contains examplinib mesilate equivalent to 50 mg examplinib. Each 100 mg tablet contains examplinib mesilate equivalent to 100 mg examplinib. For the full list of excipients, see section 6.1.");
    d.h1("3. Pharmaceutical form");
    d.p("50 mg: yellow, round, biconvex film-coated tablet, 8 mm, debossed \"EX\" and \"50\". 100 mg: yellow, oval, biconvex film-coated tablet, 14 × 7 mm, debossed \"EX\" and \"100\".");
    d.h1("4. Clinical particulars");
    d.h2("4.1 Therapeutic indications");
    d.p(INDICATION);
    d.p("EGFR mutation status must be established with a validated test before starting treatment.");
    d.h2("4.2 Posology and method of administration");
    d.p("The recommended dose is 100 mg examplinib once daily, taken at about the same time each day, with or without food, until disease progression or unacceptable toxicity. Tablets are swallowed whole with water.");
    d.table(&[40.0, 60.0], &["Adverse reaction", "Dose modification"], vec![
        row!["QTc interval > 500 ms on at least 2 separate ECGs", "Withhold until QTc < 481 ms or baseline, then resume at 50 mg"],
        row!["Interstitial lung disease / pneumonitis (any grade)", "Permanently discontinue"],
        row!["Grade 3 or higher diarrhoea or rash", "Withhold up to 3 weeks; resume at 100 mg or 50 mg when grade ≤ 2"],
        row!["Other grade 3 or higher adverse reactions", "Withhold up to 3 weeks; resume at 50 mg when grade ≤ 2"],
    ]);
    d.p("Special populations: no dose adjustment in patients aged ≥ 65 years, with mild or moderate renal impairment (CrCL 30–89 mL/min) or mild hepatic impairment. Not studied in severe hepatic impairment. Paediatric population: no relevant use.");
    d.h2("4.3 Contraindications");
    d.p("Hypersensitivity to the active substance or to any of the excipients. Concomitant use with St John's Wort.");
    d.h2("4.4 Special warnings and precautions for use");
    d.bullets(&[
        "Interstitial lung disease (ILD)/pneumonitis occurred in 2.9% of patients in EXP-301 (grade ≥ 3: 0.7%). Interrupt treatment in patients with acute onset or worsening of pulmonary symptoms; discontinue if ILD is confirmed.",
        "QTc interval prolongation: a concentration-dependent increase in QTc (mean 10.8 ms at steady state of 100 mg) was observed. Monitor ECGs and electrolytes in patients with congenital long QT syndrome, heart failure or on medicines that prolong QTc.",
        "Keratitis: refer patients with eye pain, redness or blurred vision to an ophthalmologist.",
        "Embryo-fetal toxicity: women of childbearing potential must use effective contraception during treatment and for 6 weeks after the last dose; men for 4 months.",
    ]);
    d.h2("4.5 Interaction with other medicinal products");
    d.p("Examplinib is metabolised mainly by CYP3A4. Strong CYP3A4 inducers (e.g. rifampicin) decreased examplinib AUC by 71%; avoid concomitant use. Strong CYP3A4 inhibitors (itraconazole) increased AUC by 1.3-fold; no dose adjustment. Examplinib is a BCRP inhibitor; monitor patients taking BCRP substrates with a narrow therapeutic index (e.g. rosuvastatin).");
    d.h2("4.6 Fertility, pregnancy and lactation");
    d.p("Examplinib may cause fetal harm (embryo-lethality and reduced fetal weight in rats at exposures below clinical exposure). It should not be used during pregnancy. Breast-feeding should be discontinued during treatment and for 2 weeks after the last dose.");
    d.h2("4.8 Undesirable effects");
    d.p("Safety data are based on 305 patients treated with examplinib 100 mg in EXP-301 (median exposure 17.9 months) and 231 patients in EXP-102 and EXP-201.");
    d.table(&[34.0, 22.0, 22.0, 22.0], &["Adverse reaction (MedDRA PT)", "All grades (%)", "Grade ≥ 3 (%)", "Frequency"], vec![
        row!["Diarrhoea", "51.6", "2.3", "Very common"],
        row!["Rash (grouped terms)", "44.8", "1.0", "Very common"],
        row!["Paronychia", "31.4", "0.3", "Very common"],
        row!["Stomatitis", "27.5", "0.7", "Very common"],
        row!["Dry skin", "26.1", "0", "Very common"],
        row!["Decreased appetite", "20.3", "1.3", "Very common"],
        row!["ALT increased", "13.1", "1.6", "Very common"],
        row!["Electrocardiogram QT prolonged", "5.2", "1.0", "Common"],
        row!["Interstitial lung disease", "2.9", "0.7", "Common"],
        row!["Keratitis", "0.7", "0", "Uncommon"],
    ]);
    d.h2("4.9 Overdose");
    d.p("There is no specific antidote. Doses up to 300 mg daily were given in EXP-102; dose-limiting toxicities were diarrhoea and QTc prolongation. Treat symptomatically and monitor ECG.");
    d.h1("5. Pharmacological properties");
    d.h2("5.1 Pharmacodynamic properties");
    d.p("Pharmacotherapeutic group: antineoplastic agents, protein kinase inhibitors, EGFR tyrosine kinase inhibitors. ATC code: L01EB99 (placeholder; not assigned). Examplinib is an irreversible, third-generation EGFR tyrosine kinase inhibitor that binds covalently to Cys797. It inhibits EGFR exon 19 deletion, L858R and T790M mutant kinases at low nanomolar concentrations (IC50 0.9–2.1 nM) with approximately 40-fold selectivity over wild-type EGFR.");
    d.p("Clinical efficacy (EXP-301): 612 patients with previously untreated EGFR-mutated advanced NSCLC were randomised 1:1 to examplinib 100 mg or gefitinib 250 mg once daily. Median progression-free survival (BICR) was 19.3 months versus 10.2 months (HR 0.46; 95% CI 0.37–0.57; p < 0.0001). Objective response rate was 79.4% versus 68.6%. Overall survival was immature at the primary analysis (HR 0.78; 95% CI 0.60–1.02).");
    d.h2("5.2 Pharmacokinetic properties");
    d.p("After oral administration, peak plasma concentrations are reached at a median of 6 hours. Exposure increases dose-proportionally from 25 to 200 mg; steady state is reached by day 15 with about 3-fold accumulation. A high-fat meal had no clinically relevant effect. Plasma protein binding is 94.6%. The mean terminal half-life is 46 hours. Elimination is mainly in faeces (81%), 11% in urine.");
    d.h1("6. Pharmaceutical particulars");
    d.h2("6.1 List of excipients");
    d.p("Tablet core: mannitol, microcrystalline cellulose, croscarmellose sodium, hydroxypropyl cellulose, sodium stearyl fumarate. Film coat: polyvinyl alcohol, titanium dioxide (E171), macrogol 3350, talc, iron oxide yellow (E172).");
    d.h2("6.3 Shelf life and 6.4 storage");
    d.p("36 months. Do not store above 30 °C. Store in the original package to protect from moisture.");
    d.h2("6.5 Nature and contents of container");
    d.p("OPA/Al/PVC–aluminium blisters of 10 tablets; cartons of 30 tablets (3 blisters).");
    d.h1("7. Marketing authorisation holder and manufacturer");
    d.p(&format!("{CO}, {CO_ADDR}. Drug substance: {API_CO}, Huizhou, China."));
}

fn package_insert_en() -> Doc {
    let mut d = Doc::new(
        "company-files/package-insert-en.pdf",
        "Examplix package insert (English)",
        Lang::En,
        CO,
        "EXB-LBL-PI-EN v2.0",
        date(2025, 7, 28),
    );
    d.title(
        "Examplix (examplinib) 50 mg and 100 mg film-coated tablets",
        &["Package insert – English", "Proposed text for Hong Kong and export markets, based on the NMPA-approved Chinese insert of 18 June 2025", "Version 2.0, 28 July 2025"],
    );
    d.boxed("Prescription-only medicine", &["Read all of this leaflet carefully before you start taking this medicine. Keep out of the reach of children.", "Hong Kong registration number: HK-XXXXX (to be assigned)"]);
    pi_sections_en(&mut d);
    d.note("Date of revision of the text: July 2025.");
    d
}

fn insert_zh() -> Doc {
    let mut d = zh("company-files/说明书-中文.pdf", "甲磺酸艾普利替尼片说明书", "核准日期：2025年06月18日", NMPA_APPROVAL);
    d.title("甲磺酸艾普利替尼片说明书", &["核准日期：2025年06月18日", "请仔细阅读说明书并在医师指导下使用", "警示语：间质性肺病和QT间期延长（详见【注意事项】）"]);
    d.h1("【药品名称】");
    d.kv_rows(vec![
        row!["通用名称", PRODUCT_ZH],
        row!["商品名称", format!("{TRADE_ZH}（{TRADE}）")],
        row!["英文名称", "Examplinib Mesilate Tablets"],
        row!["汉语拼音", "Jiahuangsuan Aipulitini Pian"],
    ]);
    d.h1("【成份】");
    d.p(&format!("本品主要成份为甲磺酸艾普利替尼。化学名称：{CHEM_NAME}。分子式：{FORMULA}；分子量：{MW_SALT}（游离碱 {MW_BASE}）。辅料：甘露醇、微晶纤维素、交联羧甲基纤维素钠、羟丙纤维素、硬脂富马酸钠、薄膜包衣预混剂（黄色）。"));
    d.h1("【性状】");
    d.p("50mg：黄色圆形双凸薄膜衣片，一面刻有“EX”和“50”，除去包衣后显类白色。100mg：黄色椭圆形双凸薄膜衣片，一面刻有“EX”和“100”。");
    d.h1("【适应症】");
    d.p(INDICATION_ZH);
    d.h1("【规格】");
    d.p("（1）50mg；（2）100mg（按C24H28FN7O3计）。");
    d.h1("【用法用量】");
    d.p("推荐剂量为每次100mg，每日一次，口服，空腹或与食物同服均可，直至疾病进展或出现不可耐受的毒性。治疗前应经国家药品监督管理局批准的检测方法确认EGFR突变状态。");
    d.table(&[45.0, 55.0], &["不良反应", "剂量调整"], vec![
        row!["至少两次心电图QTc间期>500ms", "暂停用药直至QTc<481ms或恢复至基线，然后以50mg恢复给药"],
        row!["间质性肺病/肺炎（任何级别）", "永久停药"],
        row!["≥3级腹泻或皮疹", "暂停用药最多3周，恢复至≤2级后以100mg或50mg恢复给药"],
    ]);
    d.h1("【不良反应】");
    d.p("在EXP-301研究中，305例患者接受本品100mg治疗，中位暴露时间17.9个月。最常见（≥20%）的不良反应为腹泻（51.6%）、皮疹（44.8%）、甲沟炎（31.4%）、口腔炎（27.5%）、皮肤干燥（26.1%）和食欲下降（20.3%）。≥3级不良事件发生率为33.7%（吉非替尼组41.2%）。");
    d.h1("【禁忌】");
    d.p("对本品任何成份过敏者禁用。禁止与圣约翰草合用。");
    d.h1("【注意事项】");
    d.bullets(&[
        "间质性肺病：EXP-301研究中间质性肺病/肺炎发生率为2.9%（≥3级0.7%）。出现急性呼吸道症状时应暂停用药并及时评估，确诊后永久停药。",
        "QTc间期延长：稳态时QTc平均延长10.8ms。先天性长QT综合征、充血性心力衰竭、电解质异常或合用延长QT间期药物的患者应定期监测心电图和电解质。",
        "角膜炎：出现眼痛、眼红或视物模糊的患者应及时就诊眼科。",
        "胚胎-胎儿毒性：育龄期女性在治疗期间及末次给药后6周内应采取有效避孕措施。",
    ]);
    d.h1("【孕妇及哺乳期妇女用药】");
    d.p("妊娠期间不应使用本品。哺乳期妇女在治疗期间及末次给药后2周内应停止哺乳。");
    d.h1("【儿童用药】");
    d.p("尚未确立本品在18岁以下患者中的安全性和有效性。");
    d.h1("【老年用药】");
    d.p("65岁及以上患者无需调整剂量。");
    d.h1("【药物相互作用】");
    d.p("本品主要经CYP3A4代谢。强效CYP3A4诱导剂（如利福平）使本品AUC降低71%，应避免合用。强效CYP3A4抑制剂伊曲康唑使AUC升高1.3倍，无需调整剂量。");
    d.h1("【临床试验】");
    d.p("EXP-301是一项随机、双盲、多中心III期研究，共入组612例初治EGFR突变阳性晚期NSCLC患者（中国大陆210例、中国香港24例），按1:1随机接受本品100mg或吉非替尼250mg每日一次。独立评审委员会评估的中位无进展生存期分别为19.3个月和10.2个月（HR 0.46；95%CI 0.37–0.57；p<0.0001）。客观缓解率分别为79.4%和68.6%。中国亚组（n=234）HR为0.44（95%CI 0.32–0.60）。");
    d.h1("【药理毒理】");
    d.p("本品为不可逆第三代EGFR酪氨酸激酶抑制剂，与EGFR Cys797共价结合。大鼠胚胎-胎儿发育毒性试验中，20mg/kg/天剂量下观察到胚胎致死。");
    d.h1("【药代动力学】");
    d.p("口服后中位达峰时间约6小时，终末半衰期约46小时，稳态蓄积约3倍。血浆蛋白结合率94.6%。主要经粪便排泄（81%）。");
    d.h1("【贮藏】");
    d.p("不超过30℃保存，置于原包装内以防潮。");
    d.h1("【包装】");
    d.p("聚酰胺/铝/聚氯乙烯-铝泡罩包装，每板10片，每盒3板。");
    d.h1("【有效期】");
    d.p("36个月。");
    d.h1("【执行标准】");
    d.p("国家药品监督管理局药品注册标准 YBH01232025。");
    d.h1("【批准文号】");
    d.p(&format!("50mg：{NMPA_NO_50}；100mg：{NMPA_NO_100}"));
    d.h1("【上市许可持有人】及【生产企业】");
    d.kv_rows(vec![
        row!["名称", CO_ZH],
        row!["注册地址", CO_ADDR_ZH],
        row!["生产地址", CO_ADDR_ZH],
        row!["邮政编码", "518118"],
        row!["电话号码", "0755-0000 0000（虚构）"],
    ]);
    d
}

fn carton_zh(strength: &str) -> Doc {
    let no = if strength == "50" { NMPA_NO_50 } else { NMPA_NO_100 };
    let mut d = Doc::new(
        &format!("company-files/Label artwork carton {strength}mg.pdf"),
        &format!("包装标签样稿 外盒 {strength}mg / Label artwork carton {strength} mg"),
        Lang::ZhHans,
        CO_ZH,
        &format!("ART-CN-CTN-{strength}-V03"),
        date(2025, 6, 25),
    );
    d.title(
        &format!("外盒标签设计稿 {strength}mg（中国大陆）"),
        &[&format!("Artwork: carton, {strength} mg × 30 tablets, mainland China (NMPA)"), "版本 V03 · 尺寸 120 × 62 × 28 mm · 专色 PANTONE 116 C / 黑色", "状态：已批准（依据2025年6月18日核准说明书）"],
    );
    d.boxed("主展示面 FRONT PANEL", &[
        PRODUCT_ZH,
        &format!("{TRADE_ZH}® {TRADE}"),
        "Examplinib Mesilate Tablets",
        &format!("规格：{strength}mg（按C24H28FN7O3计）"),
        "30片/盒（10片/板 × 3板）",
        "处方药 Rx",
        CO_ZH,
    ]);
    d.boxed("侧面 1 SIDE PANEL 1", &[
        "【适应症】EGFR外显子19缺失或外显子21（L858R）置换突变阳性的局部晚期或转移性非小细胞肺癌成人患者的一线治疗。",
        "【用法用量】【不良反应】【禁忌】【注意事项】详见说明书。",
        "【贮藏】不超过30℃保存，置于原包装内以防潮。",
    ]);
    d.boxed("侧面 2 SIDE PANEL 2", &[
        &format!("【批准文号】{no}"),
        "【生产日期】YYYYMMDD   【产品批号】XXXXXXXX   【有效期至】YYYYMMDD",
        &format!("【上市许可持有人】{CO_ZH}  地址：{CO_ADDR_ZH}"),
        "【药品追溯码】（20位追溯码区域 / 二维码区域）",
    ]);
    d.boxed("底面 BOTTOM", &["请仔细阅读说明书并在医师指导下使用", "请置于儿童不能触及处"]);
    d.note("设计说明：字体为思源黑体/Noto Sans CJK SC；所有必须标注内容符合《药品说明书和标签管理规定》（局令第24号）。This artwork is for mainland China only and carries no Hong Kong registration particulars.");
    d
}

fn approval_zh() -> Doc {
    let mut d = Doc::new(
        "company-files/药品注册证书.pdf",
        "药品注册证书",
        Lang::ZhHans,
        "国家药品监督管理局",
        &format!("证书编号：{NMPA_CERT_100}"),
        NMPA_APPROVAL,
    );
    for (cert, no, spec) in [(NMPA_CERT_100, NMPA_NO_100, "100mg"), (NMPA_CERT_50, NMPA_NO_50, "50mg")] {
        if spec == "50mg" {
            d.page_break();
        }
        d.title(&format!("国家药品监督管理局 药品注册证书（{spec}）"), &[&format!("证书编号：{cert}")]);
        d.kv_rows(vec![
            row!["药品名称", format!("{PRODUCT_ZH}（商品名：{TRADE_ZH}）\n英文名/拉丁名：Examplinib Mesilate Tablets")],
            row!["主要成份", "甲磺酸艾普利替尼"],
            row!["剂型", "片剂（薄膜衣片）"],
            row!["申请事项", "药品注册（境内生产）"],
            row!["注册分类", "化学药品1类"],
            row!["规格", format!("{spec}（按C24H28FN7O3计）")],
            row!["包装规格", "30片/盒"],
            row!["药品有效期", "36个月"],
            row!["处方药/非处方药", "处方药"],
            row!["药品批准文号", no],
            row!["药品批准文号有效期", "至2030年06月17日"],
            row!["上市许可持有人", format!("名称：{CO_ZH}\n地址：{CO_ADDR_ZH}")],
            row!["生产企业", format!("名称：{CO_ZH}\n地址：{CO_ADDR_ZH}")],
            row!["受理号", NMPA_ACCEPT],
            row!["药品标准编号", "YBH01232025"],
        ]);
        d.h2("审批结论");
        d.p(&format!("根据《中华人民共和国药品管理法》及有关规定，经审查，本品符合药品注册的有关要求，批准注册，发给药品注册证书。质量标准、说明书、标签及生产工艺照所附执行。药品生产企业应当符合药品生产质量管理规范要求方可生产销售。本品为附条件批准以外的常规批准；适用优先审评审批程序（突破性治疗药物）。\n适应症：{INDICATION_ZH}"));
        d.p("上市后要求：1. 完成EXP-301研究总生存期最终分析，并于2027年12月31日前提交研究报告。2. 开展上市后安全性研究，重点关注间质性肺病和QT间期延长风险。");
        d.p("附件：药品质量标准、说明书、标签、生产工艺信息表。");
        d.sign(&["国家药品监督管理局（药品注册专用章 — 合成示例）", "2025年06月18日"]);
    }
    d
}

fn approval_en() -> Doc {
    let mut d = en(
        "company-files/NMPA approval certificate - English translation.pdf",
        "NMPA Drug Registration Certificate – English translation",
        "TR-2025-031",
        date(2025, 7, 10),
    );
    d.title(
        "Drug Registration Certificate – English translation",
        &["Translation of: 药品注册证书 (company-files/药品注册证书.pdf), certificates 2025S01873 and 2025S01874", "Translated by Example Language Services Ltd.; see the certified translation statement TR-2025-031"],
    );
    for (cert, no, spec) in [(NMPA_CERT_100, "Guoyao Zhunzi H20253127", "100 mg"), (NMPA_CERT_50, "Guoyao Zhunzi H20253128", "50 mg")] {
        d.h1(&format!("National Medical Products Administration – Drug Registration Certificate ({spec})"));
        d.kv_rows(vec![
            row!["Certificate number", cert],
            row!["Drug name", "Examplinib Mesilate Tablets (trade name: Yipuli / Examplix)"],
            row!["Active ingredient", "Examplinib mesilate"],
            row!["Dosage form", "Tablet (film-coated)"],
            row!["Application type", "Drug registration (domestic manufacture)"],
            row!["Registration category", "Chemical drug, Class 1 (innovative drug)"],
            row!["Strength", format!("{spec} (as C24H28FN7O3)")],
            row!["Pack size", "30 tablets per carton"],
            row!["Shelf life", "36 months"],
            row!["Prescription status", "Prescription-only"],
            row!["Drug approval number", no],
            row!["Validity of approval number", "Until 17 June 2030"],
            row!["Marketing authorisation holder", format!("{CO}, {CO_ADDR}")],
            row!["Manufacturer", format!("{CO}, {CO_ADDR}")],
            row!["Acceptance number", NMPA_ACCEPT],
            row!["Drug standard number", "YBH01232025"],
        ]);
        d.h2("Conclusion of review");
        d.p("In accordance with the Drug Administration Law of the People's Republic of China and related regulations, upon review the product meets the requirements for drug registration; registration is approved and this certificate is issued. The quality standard, package insert, labels and manufacturing process shall be implemented as attached. Priority review procedure applied (breakthrough therapy drug).");
        d.p(&format!("Indication: {INDICATION}"));
        d.p("Post-marketing requirements: (1) complete the final overall-survival analysis of EXP-301 and submit the report by 31 December 2027; (2) conduct a post-marketing safety study focusing on interstitial lung disease and QT prolongation.");
        d.p("Date of approval: 18 June 2025. [Seal: National Medical Products Administration, special seal for drug registration]");
    }
    d
}

fn translation_certificate() -> Doc {
    let d = Doc::new(
        "company-files/Certified translation statement.pdf",
        "Certificate of translation accuracy",
        Lang::En,
        "Example Language Services Ltd. (Hong Kong)",
        "TR-2025-031",
        date(2025, 7, 10),
    );
    letter(
        d,
        &["Example Language Services Ltd., 20/F, 1 Example Street, Central, Hong Kong", "Certified legal and technical translation – Chinese / English"],
        &[&format!("To: {HK_CO}"), HK_ADDR],
        "10 July 2025",
        "Certified translation – Examplinib registration documents",
        &[
            "We hereby certify that the English documents listed below are complete and accurate translations of the Chinese originals provided to us by Examplar Pharma (Hong Kong) Limited on 3 July 2025. The translations were prepared by a qualified translator and independently reviewed by a second linguist.",
            "1. Drug Registration Certificates 2025S01873 and 2025S01874 (药品注册证书), issued by the National Medical Products Administration on 18 June 2025 → \"NMPA approval certificate - English translation.pdf\" (TR-2025-031-01, 4 pages).",
            "2. Drug Manufacturing Licence 粤20160321 (药品生产许可证), issued by the Guangdong Medical Products Administration on 6 January 2025 → \"Manufacturing licence Shenzhen - English translation.pdf\" (TR-2025-031-02, 2 pages).",
            "The Chinese package insert (说明书) was not part of this order and has not been translated by us.",
        ],
        "Yours faithfully,",
        &["Chan Ka Yan, Certified Translator (HKITI member no. 0000, fictional)", "For and on behalf of Example Language Services Ltd.", "10 July 2025"],
    )
}

fn licence_zh() -> Doc {
    let mut d = Doc::new(
        "company-files/药品生产许可证-深圳.pdf",
        "药品生产许可证（副本）",
        Lang::ZhHans,
        "广东省药品监督管理局",
        "编号：粤20160321",
        date(2025, 1, 6),
    );
    d.title("药品生产许可证（副本）", &["编号：粤20160321", "分类码：AhCh"]);
    d.kv_rows(vec![
        row!["企业名称", CO_ZH],
        row!["注册地址", CO_ADDR_ZH],
        row!["社会信用代码", CO_USCC],
        row!["法定代表人", "陈示例"],
        row!["企业负责人", "王样本"],
        row!["质量负责人", "李质量"],
        row!["生产负责人", "赵生产"],
        row!["质量受权人", "刘放行"],
        row!["生产地址和生产范围", format!("{CO_ADDR_ZH}：片剂（含高活性药物，OSD-2车间），硬胶囊剂")],
        row!["受托生产情况", "无"],
        row!["发证机关", "广东省药品监督管理局"],
        row!["签发人", "（签名）"],
        row!["发证日期", "2025年01月06日"],
        row!["有效期至", "2030年01月05日"],
    ]);
    d.h2("变更记录");
    d.table(&[20.0, 40.0, 40.0], &["日期", "变更事项", "变更内容"], vec![
        row!["2021-03-18", "生产范围变更", "增加片剂（含高活性药物，OSD-2车间）"],
        row!["2025-01-06", "许可证重新发放（换证）", "有效期延续至2030年01月05日"],
    ]);
    d.note("监制：国家药品监督管理局。本副本与正本具有同等法律效力。");
    d
}

fn licence_en() -> Doc {
    let mut d = en(
        "company-files/Manufacturing licence Shenzhen - English translation.pdf",
        "Drug Manufacturing Licence (duplicate) – English translation",
        "TR-2025-031-02",
        date(2025, 7, 10),
    );
    d.title("Drug Manufacturing Licence (duplicate) – English translation", &["Translation of: 药品生产许可证（副本）粤20160321 (company-files/药品生产许可证-深圳.pdf)", "Certified by Example Language Services Ltd., statement TR-2025-031"]);
    d.kv_rows(vec![
        row!["Licence number", "Yue 20160321 (粤20160321)"],
        row!["Classification code", "AhCh"],
        row!["Company name", CO],
        row!["Registered address", CO_ADDR],
        row!["Unified social credit code", CO_USCC],
        row!["Legal representative", "Chen Shili"],
        row!["Person in charge of the enterprise", "Wang Yangben"],
        row!["Head of quality", "Li Zhiliang"],
        row!["Head of production", "Zhao Shengchan"],
        row!["Qualified person (batch release)", "Liu Fangxing"],
        row!["Manufacturing address and scope", format!("{CO_ADDR}: tablets (including highly potent drugs, workshop OSD-2); hard capsules")],
        row!["Contract manufacturing", "None"],
        row!["Issuing authority", "Guangdong Medical Products Administration"],
        row!["Date of issue", "6 January 2025"],
        row!["Valid until", "5 January 2030"],
    ]);
    d.h2("Record of changes");
    d.table(&[20.0, 40.0, 40.0], &["Date", "Change", "Details"], vec![
        row!["2021-03-18", "Change of manufacturing scope", "Added tablets (including highly potent drugs, workshop OSD-2)"],
        row!["2025-01-06", "Re-issue of licence (renewal)", "Validity extended to 5 January 2030"],
    ]);
    d
}

fn ib() -> Doc {
    let mut d = en("company-files/IB_examplinib_edition-7.pdf", "Investigator's Brochure – Examplinib, Edition 7", "EXB-IB-007", date(2024, 2, 15));
    d.title("Investigator's Brochure", &["Examplinib (EXB-1207) film-coated tablets", "Edition 7 · 15 February 2024 · supersedes Edition 6 (20 February 2023)", "Confidential – property of Shenzhen Examplar Biopharma Co., Ltd."]);
    d.h1("1. Summary");
    d.p("Examplinib (development code EXB-1207) is an oral, irreversible, third-generation EGFR tyrosine kinase inhibitor with selectivity for sensitising (exon 19 deletion, L858R) and T790M resistance mutations over wild-type EGFR. As of the data lock point (30 November 2023), 1,012 subjects have received examplinib: 48 healthy volunteers (EXP-101), 96 patients in EXP-102, 138 in EXP-201 and 305 in EXP-301 (blinded treatment), plus 425 patients in ongoing studies.");
    d.h1("2. Physical, chemical and pharmaceutical properties");
    d.kv_rows(vec![
        row!["Chemical name", CHEM_NAME],
        row!["Molecular formula", FORMULA],
        row!["Relative molecular mass", format!("{MW_SALT} (mesilate); {MW_BASE} (free base)")],
        row!["Appearance", "White to off-white crystalline powder (Form I)"],
        row!["Solubility", "Freely soluble at pH 1.2; slightly soluble at pH 6.8 (0.21 mg/mL)"],
        row!["Formulation", "Film-coated tablets 50 mg and 100 mg (as free base)"],
        row!["Storage", "Below 30 °C, in the original blister"],
    ]);
    d.h1("3. Nonclinical studies");
    d.p("Pharmacology: IC50 0.9 nM (exon 19 deletion), 1.2 nM (L858R), 2.1 nM (L858R/T790M), 48 nM (wild type). Dose-dependent tumour regression in PC-9 and H1975 xenografts from 5 mg/kg/day. Safety pharmacology: hERG IC50 8.6 µM; QTc increase of 12 ms in conscious dogs at 30 mg/kg.");
    d.p("Toxicology: target organs in 13-week studies were skin, gastrointestinal tract, cornea and lung (rat NOAEL 10 mg/kg/day; dog NOAEL 5 mg/kg/day). Examplinib was not mutagenic (Ames) or clastogenic (rat micronucleus). Embryo-lethality in rats at 20 mg/kg/day (NOAEL 5 mg/kg/day).");
    d.h1("4. Effects in humans");
    d.table(&[14.0, 36.0, 12.0, 38.0], &["Study", "Design / population", "N", "Key results"], vec![
        row!["EXP-101", "Phase 1 SAD/MAD, healthy Chinese adults", "48", "t½ 46 h; dose-proportional 25–200 mg; no SAE"],
        row!["EXP-102", "Phase 1/2 escalation/expansion, Asian NSCLC", "96", "MTD 200 mg; RP2D 100 mg; ORR 80.0% (first-line cohort)"],
        row!["EXP-201", "Phase 2 single-arm, first-line, Chinese NSCLC", "138", "ORR 77.5% (IRC); median PFS 18.1 months"],
        row!["EXP-301", "Phase 3 vs gefitinib, first-line, global", "612", "Blinded; primary analysis pending at data lock"],
    ]);
    d.h1("5. Summary of data and guidance for the investigator");
    d.p("Reference safety information (for expectedness): diarrhoea, rash, paronychia, stomatitis, dry skin, decreased appetite, ALT/AST increased, ECG QT prolonged, interstitial lung disease, keratitis. Investigators should obtain ECGs at baseline, cycle 1 day 15 and every 3 cycles, and interrupt treatment for new pulmonary symptoms.");
    d
}
