//! Hostile cases: zips, backbones and sequence folders under import-ectd and validate (issue 14: 3, 4, 6, 7, 8; names and titles inside zips and backbones).
//!
//! Table cases go in [`cases`] (run by the test below on one project with a built sequence, each
//! followed by the whole-project checks of [`super::run`]); a case that needs a test of its own
//! is a `#[test]` here whose name is listed in [`STANDALONE`].

#[allow(unused_imports)]
use super::{Case, Expect};

/// The names of this module's standalone `#[test]` functions, counted by the suite's size test.
pub(super) const STANDALONE: &[&str] = &[];

pub(super) fn cases() -> Vec<Case> {
    vec![]
}

#[test]
fn hostile_zips_and_backbones_are_refused_and_cost_nothing() {
    let cases = cases();
    if !cases.is_empty() {
        super::run(cases);
    }
}
