//! All sample documents. Each submodule returns the documents of one part of the dossier.

use crate::doc::Doc;

mod company;
mod facts;
mod m1_cn;
mod m1_hk;
mod m1_us_eu;
mod m2;
mod m3;
mod m4;
mod m5;

/// Every document, in a fixed order.
pub fn all() -> Vec<Doc> {
    let mut v = Vec::new();
    v.extend(company::docs());
    v.extend(m1_cn::docs());
    v.extend(m1_hk::docs());
    v.extend(m1_us_eu::docs());
    v.extend(m2::docs());
    v.extend(m3::docs());
    v.extend(m4::docs());
    v.extend(m5::docs());
    v
}
