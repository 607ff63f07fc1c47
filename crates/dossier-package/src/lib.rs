//! eCTD and CTD packaging, and inspection of the files that go into a package.
//!
//! Today this crate inspects PDFs at import ([`pdf`]); the sequence planner, writer, reader and
//! validator arrive with the packaging issue. The planning half stays pure: it takes a project
//! snapshot and returns values.

pub mod pdf;
