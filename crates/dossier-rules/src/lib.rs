//! Regulatory knowledge as data: loads `templates/` and answers questions from it.
//!
//! The templates are embedded in the binary, so the CLI and the app carry the exact rules they
//! were tested with. Loading never stops at the first problem: it returns what could be loaded
//! plus every diagnostic at once.
//!
//! Deliberately pure: nothing here opens the database, the file system or the clock.

mod classify;
pub mod condition;
mod ctd;
mod doc_types;
mod gaps;
pub mod headings;
mod matrix;
mod route;
mod snapshot;
mod profiles;
mod templates;

pub use classify::{Guess, HeadingType, classify, type_for_section, type_from_heading};
pub use ctd::{CtdNode, CtdTree};
pub use doc_types::{DocType, DocTypes};
pub use gaps::{AppAnalysis, Gap, ItemResult, Placement, Readiness, Status, analyse};
pub use headings::{Heading, Headings, Instance, Unresolved};
pub use matrix::{Matrix, MatrixRow, reuse_matrix};
pub use route::{ConditionResult, Evidence, RouteResult, Verdict, evaluate_routes};
pub use snapshot::{AppSnapshot, ManualAssignment, Snapshot};
pub use profiles::{
    Check, Confidence, Format, Item, LanguageRule, M1Node, Profile, ProfileHeader, Profiles, ReferenceCountry,
    Requirement, Route, RouteCondition, RouteStatus,
};
pub use templates::{Diagnostic, Folder, Source, Templates};
