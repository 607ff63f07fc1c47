use crate::doc::*;
use crate::row;

pub fn docs() -> Vec<Doc> {
    let mut d = Doc::new("test/test.pdf", "Drug Product Specification", Lang::En, "Shenzhen Examplar Biopharma Co., Ltd.", "EXB-QC-SPEC-002 v3.0", date(2024, 3, 12));
    d.title("Examplinib Film-coated Tablets 50 mg and 100 mg", &["3.2.P.5.1 Specification(s)", "Release and shelf-life specification"]);
    d.h1("1. Scope").p("This specification applies to Examplinib film-coated tablets 50 mg and 100 mg manufactured at the Pingshan site. 本规范适用于深圳坪山生产基地生产的易普利（甲磺酸依格普利尼片）。这是一个很长的中文句子，用于检查中文文本的自动换行是否正确，以及标点符号，如逗号、句号。是否不会出现在行首。");
    d.h2("1.1 Tests");
    let mut rows = Vec::new();
    for i in 0..30 { rows.push(row![format!("Test {i}"), "HPLC (EXB-AP-004)", "95.0%–105.0% of label claim; individual unspecified impurity ≤ 0.10%", "ChP 0512"]); }
    d.table(&[22.0, 22.0, 40.0, 16.0], &["Test", "Method", "Acceptance criterion", "Reference"], rows);
    d.bullets(&["First bullet point text that is long enough to wrap across more than one line in the document body area.", "Second"]);
    d.boxed("FRONT PANEL", &["Examplix 100 mg", "易普利 100毫克"]);
    d.sign(&["Dr Li Wei, Head of Quality Control", "Date: 12 March 2024"]);
    vec![d]
}
