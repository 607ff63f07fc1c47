//! eCTD and CTD packaging, and inspection of the files that go into a package.
//!
//! - [`plan`]: pure and deterministic. From plain data (documents placed on sections, earlier
//!   sequences, envelope facts) to every leaf of the next sequence: paths, ids, operations.
//! - [`backbone`]: pure. The plan as `index.xml` and the regional backbone (EU, NMPA, FDA).
//! - [`write`], [`zip`]: the only I/O. Temp folder or file, renamed into place when complete.
//! - [`reader`]: reading existing sequences for import, hostile-input safe (no entities, no
//!   href out of the sequence), with [`unzip`] for zips (no zip slip, no bomb, no duplicate or
//!   disagreeing entries) and [`regular`] for opening a stranger's files (no link, FIFO or
//!   device, a cap on what is read).
//! - [`hk`]: the Hong Kong CTD bundle: pure plan, `index.csv`, and its writer.
//! - [`validate`]: DTD/XSD (libxml2), util MD5s, leaf checksums of a built sequence.
//! - [`pdf`]: PDF facts read at import.
//! - [`portable`]: pure. Whether a file or folder name survives Windows, macOS and gateways.
//!
//! Deliberately absent: the database (the api layer gives us plain data), the clock and
//! randomness (the EU UUID and any date are inputs), and authority lists (Module 1 trees come
//! from `templates/authorities/` through the caller).

pub mod backbone;
mod blob;
pub mod cumulative;
pub mod envelope;
mod error;
pub mod hk;
pub mod names;
pub mod pdf;
pub mod plan;
pub mod portable;
pub mod reader;
pub mod regular;
pub mod unzip;
pub mod util;
pub mod v4;
pub mod validate;
pub mod write;
pub mod zip;

use serde::{Deserialize, Serialize};

pub use blob::BlobRef;
pub use envelope::{CnEnvelope, CvCode, Envelope, EuEnvelope, UsEnvelope};
pub use error::{Error, Result};
pub use plan::{
    Backbone, Heading, Instance, KeptLeaf, LeafSource, Operation, PlanChoice, PlanInput, PlannedLeaf, PriorLeaf, RegionalNode,
    SequencePlan, Suggestion, Target,
    heading_key, kind_noun,
    plan, sequence_name,
};
pub use write::{WriteOptions, WriteProgress, Written, write_sequence};

/// The eCTD regions this crate writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Region {
    Us,
    Eu,
    Cn,
}

impl Region {
    pub fn code(self) -> &'static str {
        match self {
            Region::Us => "us",
            Region::Eu => "eu",
            Region::Cn => "cn",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "us" => Some(Region::Us),
            "eu" => Some(Region::Eu),
            "cn" => Some(Region::Cn),
            _ => None,
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Region::Us => "US",
            Region::Eu => "EU",
            Region::Cn => "China",
        }
    }
}
