//! All sample documents. Each submodule returns the documents of one part of the dossier.

use crate::doc::Doc;

pub fn all() -> Vec<Doc> {
    let mut v = Vec::new();
    v.extend(test::docs());
    v
}

mod test;
