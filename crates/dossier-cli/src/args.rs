use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(name = "dossier", version, about = "Dossier Bridge: one body of product data, every authority's dossier")]
pub struct Cli {
    /// The project folder (NAME.dossier).
    #[arg(long, global = true, env = "DOSSIER_PROJECT")]
    pub project: Option<PathBuf>,
    /// Print machine-readable JSON instead of text.
    #[arg(long, global = true)]
    pub json: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a project; with --from, import a sample or company folder (documents + facts.toml).
    Init {
        dir: PathBuf,
        #[arg(long)]
        from: Option<PathBuf>,
    },
    /// Show what the project holds.
    Info,
    /// Import files and folders (re-importing the same content changes nothing).
    Import {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Import the documents of an eCTD sequence, application folder or zip, with their CTD
    /// sections, titles and lifecycle history; checksums are verified.
    ImportEctd(crate::import_ectd::ImportEctdArgs),
    /// The document library.
    #[command(subcommand)]
    Docs(DocsCommand),
    /// Product facts, studies and approvals as an editable TOML file.
    #[command(subcommand)]
    Facts(FactsCommand),
    /// List the document types the importer and the rules know.
    Types,
    /// The audit trail of every change.
    #[command(subcommand)]
    Audit(AuditCommand),
    /// Applications: filings to one authority profile each.
    #[command(subcommand)]
    App(crate::apps::AppCommand),
    /// Gap analysis: every checklist item's status, worst first, with rule, source and action.
    Gaps {
        #[arg(long)]
        app: Option<String>,
        #[arg(long)]
        csv: bool,
    },
    /// Which document serves which applications.
    Matrix {
        #[arg(long)]
        csv: bool,
    },
    /// Which evaluation routes are open, and why.
    Route {
        #[arg(value_enum)]
        region: crate::analysis::RouteRegion,
    },
    /// Check that the project is whole: store integrity, every stored file against its hash,
    /// the audit chain. Exits 1 when something is wrong.
    Verify,
    /// Tools for developers: synthetic projects for benchmarks.
    #[command(subcommand, hide = true)]
    Dev(crate::dev::DevCommand),
    /// Check a templates folder (authority profiles, document types) and list every problem.
    Templates {
        /// The folder to check; the built-in templates when left out.
        dir: Option<PathBuf>,
    },
    /// Build the next eCTD sequence of an application (folder, optional zip), validated.
    Build(crate::build::BuildArgs),
    /// The plan of an application's next sequence (as `build --dry-run` shows it); change a
    /// `new` into a `replace` of a chosen current leaf (and back), or the leaf title.
    Plan(crate::plan::PlanArgs),
    /// The sequences built for an application, with their lifecycle counts; with --cumulative,
    /// every leaf still current after them (what the regulator holds), with its lifecycle.
    Sequences {
        #[arg(long)]
        app: String,
        #[arg(long)]
        cumulative: bool,
    },
    /// Show an application's envelope facts (EU, NMPA, FDA), or --set them from a TOML file.
    Envelope {
        #[arg(long)]
        app: String,
        #[arg(long)]
        set: Option<PathBuf>,
    },
    /// Validate an eCTD sequence or application folder (any tool's) against the published rules
    /// of its region; exits 1 when an error-level rule fails. Never modifies the folder.
    Validate {
        path: PathBuf,
        /// The region's rules; detected from m1/<region>/ when left out.
        #[arg(long, value_enum)]
        region: Option<crate::validate::ValidateRegion>,
        /// One CSV row per problem (sequence, rule, level, status, file, message, action).
        #[arg(long, conflicts_with = "json")]
        csv: bool,
    },
    /// Util files the program cannot ship (FDA's us-regional DTD).
    #[command(subcommand)]
    Util(crate::build::UtilCommand),
    /// Generated documents: the gap report (PDF, CSV, JSON) and cover letters.
    #[command(subcommand)]
    Report(crate::report::ReportCommand),
}

#[derive(Debug, Subcommand)]
pub enum DocsCommand {
    /// List documents, optionally filtered.
    List(ListArgs),
    /// Everything about one document (id, id prefix, SHA-256 or path).
    Show { doc: String },
    /// Correct a document's type (and section or language).
    SetType {
        doc: String,
        doc_type: String,
        #[arg(long)]
        section: Option<String>,
        #[arg(long)]
        language: Option<String>,
    },
    /// Which instance of a repeated heading (3.2.S per substance and manufacturer, 3.2.P per
    /// dosage form, 3.2.P.4 per excipient, 2.7.3 / 5.3.5 per indication) a document belongs to. Without options it
    /// shows the choices; an empty value ("") clears one.
    Scope {
        doc: String,
        #[arg(long)]
        substance: Option<String>,
        #[arg(long)]
        manufacturer: Option<String>,
        #[arg(long)]
        dosage_form: Option<String>,
        #[arg(long)]
        indication: Option<String>,
        #[arg(long)]
        excipient: Option<String>,
    },
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[arg(long = "type")]
    pub doc_type: Option<String>,
    /// A CTD section; includes its subsections.
    #[arg(long)]
    pub section: Option<String>,
    #[arg(long)]
    pub language: Option<String>,
    #[arg(long)]
    pub study: Option<String>,
    /// Only guesses worth a second look (low confidence).
    #[arg(long)]
    pub review: bool,
}

#[derive(Debug, Subcommand)]
pub enum FactsCommand {
    /// Write the facts as TOML (to stdout, or --out FILE).
    Export {
        #[arg(long)]
        out: Option<PathBuf>,
        /// Replace the --out file if it exists.
        #[arg(long, requires = "out")]
        force: bool,
    },
    /// Replace the stored facts with a TOML file; nothing changes if any part is wrong.
    Import { file: PathBuf },
}

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Recent changes, newest first.
    Log {
        #[arg(long, default_value_t = 50)]
        limit: usize,
    },
    /// Check that no record was edited, deleted or reordered behind the app's back.
    Verify,
}
