//! Handlers shared by every caller: the `dossier` CLI and the desktop app call these and
//! nothing below them, so both behave the same (gitbutler's `but-api` pattern).
//!
//! A handler takes an open [`Project`], plain arguments and, for long work, a progress sink;
//! it returns a DTO or an [`ApiError`] whose `code` a program can match and whose `message` a
//! person can act on. Nothing here knows about terminals or windows.

mod analysis;
mod applications;
mod audit;
mod build;
mod plan;
pub use plan::{PlanChange, PlanRow, set_plan_choice};
mod bundle;
mod docs;
mod error;
mod facts;
mod generated;
mod headings;
mod import;
mod import_ectd;
mod imported_history;
mod paths;
mod progress;
mod project;
mod report;
mod types;
mod validate;
mod verify;

pub use analysis::{RouteReport, gaps, matrix, placements, route_hk, snapshot};
pub use applications::{
    ApplicationChange, ApplicationInfo, ApplicationOptions, FactOption, NewApplication, RouteOption, add_application,
    application_options, assign, import_applications_file, list_applications, mark_not_applicable, unassign,
    update_application,
};
pub use audit::{audit_head, audit_log, audit_verify};
pub use build::{
    BuildOptions, BuildReport, SequenceRow, UtilAdded, add_util_file, build, cumulative, envelope, regional_nodes, sequences,
    set_envelope, set_envelope_file,
};
pub use dossier_package::cumulative::{CumulativeLeaf, Step as LifecycleStep};
pub use bundle::{BundleReport, PackageKind, build_bundle, package_kind};
pub use docs::{DocumentDetail, DocumentRow, SetType, list_documents, set_document_type, show_document};
pub use error::{ApiError, ErrorCode, Result};
pub use facts::{FactsImportReport, export_facts, import_facts, import_facts_file};
pub use generated::{GeneratedDocument, attach_cover_letter};
pub use headings::{ScopeField, SetScope, scope_fields, set_document_scope};
pub use import::{ImportOptions, ImportReport, Skipped, import_paths};
pub use import_ectd::{ImportEctdReport, ImportedLeaf, ectd_sources, import_ectd, import_ectd_into};
pub use paths::{check_new_project_folder, check_output_file, check_output_folder, write_output};
pub use progress::{Progress, ProgressSink};
pub use report::{GapReportOptions, ReportFormat, ReportWritten, gap_report, write_cover_letter, write_gap_report};
pub use project::{InitReport, Project, ProjectSummary, init_project, project_summary};
pub use verify::{VerifyReport, verify_folder, verify_project};
pub use validate::{ValidationReport, validate_folder};
pub use dossier_package::validate::{Problem as ValidationProblem, RuleStatus, Status as ValidationStatus, Verdict as ValidationVerdict};
pub use types::{DocumentTypeInfo, ProfileInfo, check_templates, ctd_folder, document_types, profiles};

pub use dossier_report::{GapReport, Lang};
pub use dossier_rules::{AppAnalysis, Confidence, Gap, ItemResult, Matrix, Placement, Readiness, RouteResult, Status, Verdict};
pub use dossier_store::{Actor, Application, AuditRecord, ChainBreak, ChainHead, DocumentFilter};
