// DTOs as they cross IPC, mirrored by hand from dossier-api / dossier-model (serde names).
// When a Rust DTO changes, change it here in the same commit.
import type { ValidationVerdict } from './verdict';

export type ErrorCode = 'not-found' | 'invalid' | 'busy' | 'incompatible' | 'cancelled' | 'io' | 'unsupported' | 'internal';

/** `dossier_api::ApiError`: every failed command rejects with one of these. */
export interface ApiError {
  code: ErrorCode;
  message: string;
  /** A build its own findings stop: those findings (the message lists them in English). */
  findings?: Finding[];
}

export type Language = 'en' | 'zh-Hans' | 'zh-Hant';
export type Severity = 'info' | 'warning' | 'error';
export type ClassificationOrigin = 'guess' | 'facts' | 'user';
export type FileKind = 'pdf' | 'xml' | 'other';

export interface Finding {
  rule: string;
  severity: Severity;
  /** English. */
  message: string;
  /** The kind of message, worded in other languages as `finding.<code>` from `params`. */
  code?: string;
  params?: Record<string, string>;
}

export interface AppSettings {
  language: Language | null;
  last_project: string | null;
  sample: string | null;
}

export interface ProjectSummary {
  path: string;
  id: string;
  name: string;
  created_at: string;
  schema_version: number;
  documents: number;
  total_bytes: number;
  studies: number;
  approvals: number;
  applications: number;
  inn: string | null;
  documents_to_review: number;
  documents_with_findings: number;
}

export interface Progress {
  phase: string;
  done: number;
  total: number;
  bytes_done: number;
  bytes_total: number;
  item: string;
}

export interface DocumentRow {
  id: string;
  path: string;
  file_name: string;
  size: number;
  sha256: string;
  md5: string;
  version: number;
  kind: FileKind;
  pdf_version: string | null;
  pages: number | null;
  encrypted: boolean | null;
  bookmarks: boolean | null;
  doc_type: string | null;
  section: string | null;
  confidence: number;
  classified_by: ClassificationOrigin;
  needs_review: boolean;
  language: string | null;
  study: string | null;
  /** Which instance of a repeated heading it belongs to; unset fields are left out. */
  scope: Scope;
  expires: string | null;
  findings: Finding[];
}

export interface PdfFacts {
  header_version: string | null;
  catalog_version: string | null;
  pages: number | null;
  encrypted: boolean;
  has_bookmarks: boolean;
}

export interface DocumentDetail {
  id: string;
  sha256: string;
  md5: string;
  size: number;
  file_name: string;
  source_path: string;
  version: number;
  kind: FileKind;
  pdf: PdfFacts | null;
  classification: { doc_type: string | null; section: string | null; confidence: number; origin: ClassificationOrigin };
  language: string | null;
  title: string | null;
  issued: string | null;
  expires: string | null;
  study: string | null;
  scope: Scope;
  translation_of: string | null;
  imported_at: string;
  findings: Finding[];
  doc_type_title: string | null;
  section_title: string | null;
  needs_review: boolean;
}

export interface DocumentTypeInfo {
  id: string;
  title: string;
  title_zh_hans: string | null;
  title_zh_hant: string | null;
  sections: string[];
  unconfirmed: boolean;
}

export interface TypeChange {
  docType: string;
  section: string | null;
  language: string | null;
}

/** The settable parts of a document's scope (snake_case, as `dossier-api` names them). */
export type ScopeFieldName = 'substance' | 'manufacturer' | 'dosage_form' | 'indication' | 'excipient';

/**
 * Which instance of a repeated CTD heading a document belongs to: 3.2.S per drug substance and
 * manufacturer, 3.2.P per dosage form, 3.2.P.4 per excipient, 2.7.3 and 5.3.5 per indication.
 */
export type Scope = Partial<Record<ScopeFieldName, string>>;

/** One field of a document's scope a person can set (`document_scope_fields`). */
export interface ScopeField {
  field: ScopeFieldName;
  /** The values the product facts record, in their order. */
  options: string[];
  /** What the document states now (an indication may come from its study). */
  value: string | null;
  /** Several options and none stated: the eCTD build stops until one is chosen. */
  needed: boolean;
}

/** `document_set_scope`'s change: a missing field is left as it is, `''` clears it. */
export interface ScopeChange {
  substance?: string;
  manufacturer?: string;
  dosageForm?: string;
  indication?: string;
  excipient?: string;
}

export interface ImportReport {
  files_seen: number;
  imported: number;
  already_known: number;
  bytes: number;
  with_findings: number;
  skipped: { path: string; kind: 'hidden' | 'link' | 'special' | 'sparse' | 'project' | 'unreadable' | 'changed'; reason: string }[];
  cancelled: boolean;
}

/** An existing eCTD sequence (folder, application folder or zip) read with its backbone. */
export interface ImportEctdReport {
  /** Sequence numbers read, in order. */
  sequences: string[];
  region: 'eu' | 'us' | 'cn' | null;
  imported: number;
  already_known: number;
  bytes: number;
  checksum_mismatches: number;
  /** Everything wrong with the input, each naming the sequence and file. */
  findings: Finding[];
  cancelled: boolean;
  /** The application the sequences were recorded for as its history, if one was named. */
  application?: string | null;
  /** Sequences recorded as its history by this import; those recorded before from the same index.xml. */
  recorded?: string[];
  already_recorded?: string[];
  /** The one validator's verdict of the sequences as received (what `dossier validate` says). */
  verdict?: import('./verdict').ValidationVerdict | null;
}

export type Modality = 'chemical' | 'biological' | 'vaccine' | 'advanced-therapy' | 'tcm';
export const MODALITIES: Modality[] = ['chemical', 'biological', 'vaccine', 'advanced-therapy', 'tcm'];

export interface Site {
  name: string;
  address?: string | null;
  country: string;
  role: string;
  /** The drug substance a drug substance manufacturer makes, when the product has several. */
  substance?: string | null;
}

export interface Product {
  inn: string;
  trade_names: string[];
  modality: Modality;
  dosage_forms: string[];
  strengths: string[];
  route?: string | null;
  indications: string[];
  /** Excipients controlled one by one in 3.2.P.4 (a heading each); left out when none. */
  excipients?: string[];
  applicant?: string | null;
  mah?: string | null;
  atc?: string | null;
  site?: Site[];
}

export const REGIONS = ['hong_kong', 'mainland_china', 'other_asia', 'us', 'eu', 'rest_of_world'] as const;
export type Region = (typeof REGIONS)[number];
export type RegionCounts = { total: number } & Record<Region, number>;

export interface Study {
  id: string;
  title?: string | null;
  phase: string;
  design?: string | null;
  indication?: string | null;
  pivotal: boolean;
  csr?: string | null;
  subjects: RegionCounts;
}

export interface Approval {
  authority: string;
  country: string;
  date: string;
  number?: string | null;
  indication?: string | null;
  designations?: string[];
  proof?: string | null;
}

/** `dossier_model::Facts` with its serde names (`study`, `approval`, `document`). */
export interface Facts {
  product?: Product | null;
  study?: Study[];
  approval?: Approval[];
  document?: Record<string, unknown>[];
}

export interface FactsImportReport {
  studies: number;
  approvals: number;
  documents_described: number;
}

export interface AuditRecord {
  seq: number;
  at: string;
  actor: string;
  action: string;
  subject: string;
  before: string | null;
  after: string | null;
  hash: string;
}

export interface ChainBreak {
  seq: number;
  reason: string;
}

// ---- analysis (dossier_rules / dossier_api::analysis) ------------------------------------------
export type Status =
  | 'satisfied'
  | 'not-applicable'
  | 'undecided'
  | 'expiring'
  | 'needs-translation'
  | 'expired'
  | 'format-problem'
  | 'missing';
export const STATUSES: Status[] = [
  'satisfied', 'not-applicable', 'undecided', 'expiring', 'needs-translation', 'expired', 'format-problem', 'missing',
];
export type Confidence = 'confirmed' | 'unconfirmed';
export type Requirement = 'always' | 'optional' | 'conditional';
export type Verdict = 'open' | 'closed' | 'undecided' | 'not-yet-available';
export const VERDICTS: Verdict[] = ['open', 'closed', 'undecided', 'not-yet-available'];
export type PackageFormat = 'hk-ctd' | 'ectd-us' | 'ectd-eu' | 'ectd-cn';

export interface Placement {
  item: string;
  section: string;
  document: string;
  manual: boolean;
}

export interface Gap {
  application: string;
  item: string;
  item_title: string;
  section: string | null;
  status: Status;
  severity: Severity;
  rule: string;
  source: string;
  confidence: Confidence;
  message: string;
  action: string;
  /** The template's action in Chinese (null when the action was generated for this gap alone). */
  action_zh_hans: string | null;
  action_zh_hant: string | null;
  document: string | null;
  /** What kind of message it is (`missing`, `expired`, …, or a `DB-PDF-…` rule), for wording it in the UI's language. */
  code: string;
  params: Record<string, string>;
  /** Set when the action was generated (not the template's English text). */
  action_code: string | null;
}

export interface ItemResult {
  item: string;
  title: string;
  title_zh_hans: string | null;
  title_zh_hant: string | null;
  sections: string[];
  /** Document types the item takes. */
  doc_types: string[];
  requirement: Requirement;
  status: Status;
  confidence: Confidence;
  documents: Placement[];
  not_applicable_reason: string | null;
  /** What to do for the item, from the template. */
  action: string;
  action_zh_hans: string | null;
  action_zh_hant: string | null;
}

export interface Readiness {
  required: number;
  satisfied: number;
  percent: number;
}

export interface AppAnalysis {
  application: string;
  profile: string;
  title: string;
  route: string | null;
  items: ItemResult[];
  gaps: Gap[];
  readiness: Readiness;
}

export interface MatrixRow {
  document: string;
  path: string;
  doc_type: string | null;
  uses: Record<string, string[]>;
}

export interface Matrix {
  applications: string[];
  rows: MatrixRow[];
}

/** One line of route evidence: its code and values for wording it, and the rules' English. */
export interface Evidence {
  code: string;
  params: Record<string, string>;
  text: string;
}

export interface ConditionResult {
  id: string;
  title: string;
  title_zh_hans: string | null;
  title_zh_hant: string | null;
  met: boolean | null;
  document: boolean;
  evidence: string[];
  /** The same lines as `evidence`, each with its code and values. */
  evidence_codes: Evidence[];
  fix: string;
  fix_zh_hans: string | null;
  fix_zh_hant: string | null;
  source: string;
  confidence: Confidence;
}

export interface RouteResult {
  id: string;
  title: string;
  title_zh_hans: string | null;
  title_zh_hant: string | null;
  summary: string;
  summary_zh_hans: string | null;
  summary_zh_hant: string | null;
  verdict: Verdict;
  available_from: string | null;
  source: string;
  confidence: Confidence;
  conditions: ConditionResult[];
  missing_documents: string[];
}

export interface RouteReport {
  profile: string;
  application: string | null;
  routes: RouteResult[];
  reference_countries: Record<string, string[]>;
}

/** `dossier_api::ApplicationInfo`: the store's application flattened with its profile. */
export interface ApplicationInfo {
  id: string;
  profile: string;
  route: string | null;
  title: string;
  created_at: string;
  target_date: string | null;
  facts: Record<string, unknown>;
  profile_title: string;
  authority: string;
  format: PackageFormat;
}

export interface SequenceRow {
  number: string;
  kind: string;
  region: string;
  built_at: string;
  folder: string;
  index_md5: string;
  new: number;
  replaced: number;
  deleted: number;
}

/** A leaf still current after an application's sequences (the cumulative view). */
export interface CumulativeLeaf {
  section: string;
  /** What each repeated-heading instance it sits under names (a substance, an indication…). */
  instances: string[];
  title: string;
  document: string | null;
  /** The sequence that sent the file, and its path there. */
  sequence: string;
  href: string | null;
  lifecycle: { sequence: string; operation: 'new' | 'append' | 'replace' | 'delete' }[];
}

// ---- build, validate, reports -------------------------------------------------------------------
export interface BuildReport {
  application: string;
  profile: string;
  region: string;
  sequence: string;
  dry_run: boolean;
  folder: string | null;
  zip: string | null;
  new: number;
  replaced: number;
  deleted: number;
  unchanged: number;
  files: number;
  bytes: number;
  findings: Finding[];
  /// The plan: every leaf sent and every placement kept, with its operation, target and title.
  plan: PlanRow[];
  /// The table of contents written beside the sequence.
  toc: string | null;
  /// A cover letter generated because none was placed.
  generated: { document: string; path: string; item: string; section: string; pages: number } | null;
  /** The region's full catalogue, run before the sequence got its name; null for a dry run. */
  validation: ValidationReport['sequences'][number] | null;
  verdict: ValidationVerdict | null;
}

/** A leaf an operation points back to. */
export interface PlanTarget {
  sequence: string;
  id: string;
  backbone: 'index' | 'regional';
}

/** One row of the plan shown before a build (`dossier build --dry-run`). */
export interface PlanRow {
  operation: 'new' | 'replace' | 'append' | 'delete' | 'unchanged';
  section: string;
  title: string;
  document: string | null;
  href: string | null;
  target: PlanTarget | null;
  /** For a `new` leaf: the current leaf it may be a new version of. */
  suggested: PlanTarget | null;
  suggested_title: string | null;
}

export interface BundleReport {
  application: string;
  profile: string;
  number: string;
  dry_run: boolean;
  folder: string | null;
  zip: string | null;
  files: number;
  bytes: number;
  cover_letter: string | null;
  findings: Finding[];
  rows: { path: string; item: string; item_title: string; section: string; document: string }[];
  /** Our PDF rules for Hong Kong (`DB-HK-PDF-…`) over every PDF of the bundle. */
  validation: { problems: ValidationProblem[]; rules: { rule: string; level: string; status: string; problems: number }[] } | null;
  verdict: ValidationVerdict | null;
}

export type Built = ({ kind: 'sequence' } & BuildReport) | ({ kind: 'bundle' } & BundleReport);

export interface ValidationProblem {
  rule: string;
  level: string;
  severity: Severity;
  status: string;
  file: string;
  message: string;
  fix: string;
  /** The catalogue's message and fix in 简体 and 繁體 (a check's English detail in brackets). */
  zh_hans: Wording;
  zh_hant: Wording;
}

export interface Wording {
  message: string;
  fix: string;
}

export interface ValidationReport {
  sequences: {
    sequence: string;
    folder: string;
    region: string;
    files: number;
    bytes: number;
    problems: ValidationProblem[];
    rules: { rule: string; level: string; status: string; problems: number }[];
  }[];
  verdict: ValidationVerdict;
}

export interface ReportWritten {
  path: string;
  format: 'pdf' | 'csv' | 'json';
  bytes: number;
  pages: number | null;
}

export interface RouteOption {
  id: string;
  title: string;
  title_zh_hans: string | null;
  title_zh_hant: string | null;
}

export interface ApplicationOptions {
  profile: string;
  routes: RouteOption[];
  facts: { name: string; read_by_profile: boolean }[];
}

/** `dossier app add`: only `profile` is required. */
export interface NewApplication {
  profile: string;
  id?: string | null;
  route?: string | null;
  title?: string | null;
  target_date?: string | null;
  facts?: Record<string, boolean>;
}

/** `dossier app set`: a missing field is left as it is. */
export interface ApplicationChange {
  route?: string | null;
  title?: string | null;
  target_date?: string | null;
  set?: Record<string, boolean>;
  unset?: string[];
}

export interface ProfileInfo {
  id: string;
  title: string;
  title_zh_hans: string | null;
  title_zh_hant: string | null;
  authority: string;
  region: string;
  format: PackageFormat;
  routes: string[];
  items: number;
}
