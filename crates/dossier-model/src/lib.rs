//! Domain types of Dossier Bridge: the vocabulary of `DESIGN.md` as plain data.
//!
//! No I/O lives here. Types derive `serde` so the store, the TOML facts file and the api's DTOs
//! can share them, but the choice of wire format belongs to the callers.

pub mod day;
mod document;
mod facts;
mod finding;
mod ids;
pub mod text;

pub use document::{Classification, ClassificationOrigin, Document, FileKind, PdfFacts, Scope};
pub use facts::{Approval, DocumentFacts, Facts, Modality, Product, RegionCounts, Site, Study};
pub use finding::{Finding, Severity};
pub use ids::{ApplicationId, DocumentId};
