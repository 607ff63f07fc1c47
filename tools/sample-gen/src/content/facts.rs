//! Shared facts of the fictional product, reused across documents so they agree with each other
//! and with `sample-dossiers/examplinib/facts.toml`. Everything here is invented.

use crate::doc::{Date, Doc, Lang, date};

pub const TRADE: &str = "Examplix";
pub const TRADE_ZH: &str = "易普利";
pub const PRODUCT_ZH: &str = "甲磺酸艾普利替尼片";
pub const PRODUCT_EN: &str = "Examplinib Film-coated Tablets 50 mg and 100 mg";

pub const CO: &str = "Shenzhen Examplar Biopharma Co., Ltd.";
pub const CO_ZH: &str = "深圳示例生物医药有限公司";
pub const CO_ADDR: &str = "18 Examplar Road, Pingshan District, Shenzhen, Guangdong 518118, China";
pub const CO_ADDR_ZH: &str = "广东省深圳市坪山区示例路18号";
pub const CO_USCC: &str = "91440300MA5EXMPL7X";

pub const API_CO: &str = "Examplar Pharmaceutical (Huizhou) Co., Ltd.";
pub const API_CO_ZH: &str = "示例制药（惠州）有限公司";
pub const API_ADDR: &str = "6 Example Chemical Park Road, Daya Bay Economic and Technological Development Zone, Huizhou, Guangdong 516083, China";
pub const API_ADDR_ZH: &str = "广东省惠州市大亚湾经济技术开发区示例化工园路6号";

pub const HK_CO: &str = "Examplar Pharma (Hong Kong) Limited";
pub const HK_CO_ZH: &str = "示例製藥（香港）有限公司";
pub const HK_ADDR: &str = "Unit 1208, 12/F, Example Tower, 8 Science Park Avenue, Sha Tin, New Territories, Hong Kong";

pub const US_AGENT: &str = "Examplar Therapeutics Inc., 100 Example Way, Suite 400, Princeton, NJ 08540, USA";
pub const EU_MAH: &str = "Examplar Biopharma Europe B.V., Examplelaan 10, 2132 AB Hoofddorp, The Netherlands";

pub const CRO: &str = "Example Preclinical Services (Suzhou) Co., Ltd.";

pub const INDICATION: &str = "Examplix as monotherapy is indicated for the first-line treatment of adult patients with locally advanced or metastatic non-small-cell lung cancer (NSCLC) whose tumours have epidermal growth factor receptor (EGFR) exon 19 deletions or exon 21 (L858R) substitution mutations.";
pub const INDICATION_ZH: &str = "本品单药适用于表皮生长因子受体（EGFR）外显子19缺失或外显子21（L858R）置换突变阳性的局部晚期或转移性非小细胞肺癌（NSCLC）成人患者的一线治疗。";

pub const NMPA_APPROVAL: Date = date(2025, 6, 18);
pub const NMPA_NO_100: &str = "国药准字H20253127";
pub const NMPA_NO_50: &str = "国药准字H20253128";
pub const NMPA_CERT_100: &str = "2025S01873";
pub const NMPA_CERT_50: &str = "2025S01874";
pub const NMPA_ACCEPT: &str = "CXHS2400157";
pub const NMPA_IND: &str = "CXHL1900312";

pub const CHEM_NAME: &str = "N-{5-[(4-{1-cyclopropyl-1H-pyrazol-4-yl}-5-fluoropyrimidin-2-yl)amino]-4-methoxy-2-[(2-methoxyethyl)(methyl)amino]phenyl}prop-2-enamide methanesulfonate";
pub const FORMULA: &str = "C24H28FN7O3 · CH4O3S";
pub const MW_SALT: &str = "577.63";
pub const MW_BASE: &str = "481.53";

/// Shorthand: a document issued by the Shenzhen company in English.
pub fn en(path: &str, title: &str, reference: &str, d: Date) -> Doc {
    Doc::new(path, title, Lang::En, CO, reference, d)
}

/// Shorthand: a document issued by the Shenzhen company in Simplified Chinese.
pub fn zh(path: &str, title: &str, reference: &str, d: Date) -> Doc {
    Doc::new(path, title, Lang::ZhHans, CO_ZH, reference, d)
}

/// Standard document-control table for technical reports.
pub fn control(doc: &mut Doc, number: &str, version: &str, d: Date, author: &str, approver: &str) {
    doc.kv_rows(vec![
        crate::row!["Document number", number],
        crate::row!["Version / status", version],
        crate::row!["Effective date", d.long()],
        crate::row!["Prepared by", author],
        crate::row!["Approved by", approver],
    ]);
}

/// A business letter on letterhead.
#[allow(clippy::too_many_arguments)]
pub fn letter(
    mut d: Doc,
    sender_lines: &[&str],
    recipient: &[&str],
    date_line: &str,
    subject: &str,
    paras: &[&str],
    closing: &str,
    signer: &[&str],
) -> Doc {
    let title = d.title.clone();
    d.title(&title, sender_lines);
    for r in recipient {
        d.p(r);
    }
    d.space(4.0).p(date_line).space(2.0);
    d.h3(subject);
    for p in paras {
        d.p(p);
    }
    d.p(closing);
    d.sign(signer);
    d
}
