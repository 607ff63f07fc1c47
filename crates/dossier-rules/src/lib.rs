//! Regulatory knowledge as data: loads `templates/` and answers questions from it.
//!
//! The templates are embedded in the binary, so the CLI and the app carry the exact rules they
//! were tested with. Loading never stops at the first problem: it returns what could be loaded
//! plus every diagnostic at once.
//!
//! Deliberately pure: nothing here opens the database, the file system or the clock.

mod classify;
mod ctd;
mod doc_types;
mod templates;

pub use classify::{Guess, classify};
pub use ctd::{CtdNode, CtdTree};
pub use doc_types::{DocType, DocTypes};
pub use templates::{Diagnostic, Templates};
