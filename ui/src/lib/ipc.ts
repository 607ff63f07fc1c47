// The typed IPC client: the only file that names Tauri commands. A screen whose api lands
// later gets its functions here, and nothing else in the UI talks to Tauri's `invoke`.
import { Channel, invoke } from '@tauri-apps/api/core';
import type {
  ApiError,
  AppAnalysis,
  ApplicationChange,
  ApplicationInfo,
  ApplicationOptions,
  AppSettings,
  AuditRecord,
  BuildReport,
  Built,
  ChainBreak,
  CumulativeLeaf,
  DocumentDetail,
  DocumentRow,
  DocumentTypeInfo,
  Facts,
  FactsImportReport,
  Finding,
  ImportEctdReport,
  ImportReport,
  Language,
  Matrix,
  NewApplication,
  ProfileInfo,
  Progress,
  ProjectSummary,
  ReportWritten,
  RouteReport,
  ScopeChange,
  ScopeField,
  SequenceRow,
  TypeChange,
  ValidationReport,
} from './types';

/** Turns whatever a command rejected with into an `ApiError` the UI can show. */
export function asApiError(e: unknown): ApiError {
  if (e && typeof e === 'object' && 'code' in e && 'message' in e) {
    const findings = 'findings' in e && Array.isArray(e.findings) ? (e.findings as Finding[]) : undefined;
    return { code: String(e.code), message: String(e.message), ...(findings ? { findings } : {}) } as ApiError;
  }
  return { code: 'internal', message: e instanceof Error ? e.message : String(e) };
}

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (e) {
    throw asApiError(e);
  }
}

function progressChannel(onProgress: (p: Progress) => void): Channel<Progress> {
  const channel = new Channel<Progress>();
  channel.onmessage = onProgress;
  return channel;
}

export const api = {
  appSettings: () => call<AppSettings>('app_settings'),
  setLanguage: (language: Language) => call<void>('set_language', { language }),

  projectStartup: (onProgress: (p: Progress) => void) =>
    call<ProjectSummary>('project_startup', { onProgress: progressChannel(onProgress) }),
  projectOpen: (path: string) => call<ProjectSummary>('project_open', { path }),
  projectCreate: (path: string, from: string | null, onProgress: (p: Progress) => void) =>
    call<ProjectSummary>('project_create', { path, from, onProgress: progressChannel(onProgress) }),
  projectSummary: () => call<ProjectSummary>('project_summary'),

  documentsList: () => call<DocumentRow[]>('documents_list'),
  documentShow: (id: string) => call<DocumentDetail>('document_show', { id }),
  documentSetType: (id: string, change: TypeChange) => call<DocumentRow>('document_set_type', { id, change }),
  documentTypes: () => call<DocumentTypeInfo[]>('document_types'),
  documentScopeFields: (id: string) => call<ScopeField[]>('document_scope_fields', { id }),
  documentSetScope: (id: string, change: ScopeChange) => call<DocumentRow>('document_set_scope', { id, change }),

  importPaths: (paths: string[], job: string, onProgress: (p: Progress) => void) =>
    call<ImportReport>('import_paths', { paths, job, onProgress: progressChannel(onProgress) }),
  /** For each path: an eCTD sequence, application folder or zip of one (true), or documents. */
  importKinds: (paths: string[]) => call<boolean[]>('import_kinds', { paths }),
  /** With `application`, the sequences are also recorded as that application's lifecycle history. */
  importEctd: (path: string, job: string, onProgress: (p: Progress) => void, application: string | null = null) =>
    call<ImportEctdReport>('import_ectd', { path, application, job, onProgress: progressChannel(onProgress) }),
  jobCancel: (job: string) => call<boolean>('job_cancel', { job }),

  factsGet: () => call<Facts>('facts_get'),
  factsSave: (facts: Facts) => call<FactsImportReport>('facts_save', { facts }),
  factsExportText: () => call<string>('facts_export_text'),
  factsImportText: (text: string) => call<FactsImportReport>('facts_import_text', { text }),

  auditLog: (limit = 1000) => call<AuditRecord[]>('audit_log', { limit }),
  auditVerify: () => call<ChainBreak | null>('audit_verify'),

  gaps: (app?: string) => call<AppAnalysis[]>('gaps', { app: app ?? null }),
  reuseMatrix: () => call<Matrix>('reuse_matrix'),
  routeHk: () => call<RouteReport>('route_hk'),
  applicationsList: () => call<ApplicationInfo[]>('applications_list'),
  sequencesList: (app: string) => call<SequenceRow[]>('sequences_list', { app }),
  cumulativeView: (app: string) => call<CumulativeLeaf[]>('cumulative_view', { app }),
  itemAssign: (app: string, item: string, document: string) => call<void>('item_assign', { app, item, document }),
  itemUnassign: (app: string, item: string, document: string | null = null) =>
    call<boolean>('item_unassign', { app, item, document }),
  profilesList: () => call<ProfileInfo[]>('profiles_list'),
  applicationOptions: (profile: string) => call<ApplicationOptions>('application_options', { profile }),
  applicationAdd: (app: NewApplication) => call<ApplicationInfo>('application_add', { new: app }),
  applicationUpdate: (app: string, change: ApplicationChange) =>
    call<ApplicationInfo>('application_update', { app, change }),
  itemNotApplicable: (app: string, item: string, reason: string) => call<void>('item_not_applicable', { app, item, reason }),

  /** HK applications build a CTD bundle, the others their next eCTD sequence; cancel with `jobCancel(job)`. */
  buildApp: (app: string, zip: boolean, job: string, onProgress: (p: Progress) => void) =>
    call<Built>('build_app', { app, zip, job, onProgress: progressChannel(onProgress) }),
  /** The plan of the next eCTD sequence; nothing is written. */
  buildPlan: (app: string) => call<BuildReport>('build_plan', { app }),
  /** Send `document` as a replace of `replaces` ([sequence, leaf]), or with `asNew` back to the planner's choice. */
  planReplace: (app: string, document: string, replaces: [string, string] | null, asNew = false) =>
    call<BuildReport>('set_plan_choice', { app, document, replaces, new: asNew, title: null, setTitle: false }),
  /** The leaf title to send (empty: the document's own). */
  planTitle: (app: string, document: string, title: string) =>
    call<BuildReport>('set_plan_choice', { app, document, replaces: null, new: false, title, setTitle: true }),
  validatePath: (path: string, region: string | null = null) => call<ValidationReport>('validate_path', { path, region }),

  /** The format follows the file's extension (.pdf, .csv, .json). */
  reportGaps: (path: string, app: string | null, language: Language) =>
    call<ReportWritten>('report_gaps', { path, app, language }),
  reportCoverLetter: (app: string, path: string) => call<ReportWritten>('report_cover_letter', { app, path }),
};
