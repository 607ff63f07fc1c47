// The typed IPC client: the only file that names Tauri commands. A screen whose api lands
// later gets its functions here, and nothing else in the UI talks to Tauri's `invoke`.
import { Channel, invoke } from '@tauri-apps/api/core';
import type {
  ApiError,
  AppSettings,
  AuditRecord,
  ChainBreak,
  DocumentDetail,
  DocumentRow,
  DocumentTypeInfo,
  Facts,
  FactsImportReport,
  ImportReport,
  Language,
  Progress,
  ProjectSummary,
  TypeChange,
} from './types';

/** Turns whatever a command rejected with into an `ApiError` the UI can show. */
export function asApiError(e: unknown): ApiError {
  if (e && typeof e === 'object' && 'code' in e && 'message' in e) {
    return { code: String(e.code), message: String(e.message) } as ApiError;
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

  importPaths: (paths: string[], job: string, onProgress: (p: Progress) => void) =>
    call<ImportReport>('import_paths', { paths, job, onProgress: progressChannel(onProgress) }),
  jobCancel: (job: string) => call<boolean>('job_cancel', { job }),

  factsGet: () => call<Facts>('facts_get'),
  factsSave: (facts: Facts) => call<FactsImportReport>('facts_save', { facts }),
  factsExportText: () => call<string>('facts_export_text'),
  factsImportText: (text: string) => call<FactsImportReport>('facts_import_text', { text }),

  auditLog: (limit = 1000) => call<AuditRecord[]>('audit_log', { limit }),
  auditVerify: () => call<ChainBreak | null>('audit_verify'),

  // Arriving with dossier-rules and dossier-package (issue 5 wires them as they land):
  // gaps / matrix / routeHk / build / validate / reports.
};
