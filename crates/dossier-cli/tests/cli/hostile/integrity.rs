//! Hostile cases: damaged blobs, edits behind the program's back, control characters in facts (issue 14: 2, 17, 18).
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
fn hostile_damage_and_text_are_caught_and_cost_nothing() {
    let cases = cases();
    if !cases.is_empty() {
        super::run(cases);
    }
}
