//! Hostile cases: output paths, paths inside the project, read-only projects, files read whole, messages (issue 14: 1, 10, 11, 15, 16).
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
fn hostile_output_and_project_paths_are_refused_and_cost_nothing() {
    let cases = cases();
    if !cases.is_empty() {
        super::run(cases);
    }
}
