// App-wide state shared by the screens: the open project, its documents, the document-type
// vocabulary, the current screen and the running import. Screens read it; only the functions
// here change it, each after a successful command.
import { api, asApiError } from './ipc';
import type { ApiError, ApplicationInfo, DocumentRow, DocumentTypeInfo, ImportEctdReport, ImportReport, Progress, ProjectSummary } from './types';
import type { DocumentFilters } from './documents';
import { NO_FILTERS } from './documents';

export type Screen = 'dashboard' | 'documents' | 'facts' | 'applications' | 'route' | 'build' | 'reports' | 'audit';
export const SCREENS: Screen[] = ['dashboard', 'documents', 'facts', 'applications', 'route', 'build', 'reports', 'audit'];

export const app = $state({
  screen: 'dashboard' as Screen,
  /** `null` until a project is open; the welcome screen shows instead. */
  project: null as ProjectSummary | null,
  starting: true,
  startupProgress: null as Progress | null,
  startupError: null as ApiError | null,
  types: new Map<string, DocumentTypeInfo>(),
  /** Set by a dashboard link so the documents screen opens pre-filtered. */
  documentFilters: { ...NO_FILTERS } as DocumentFilters,
  /** Set by a gap's link so the documents screen opens with that document's panel. */
  documentSelected: null as string | null,
  /** The application the applications and build screens open on (set by dashboard links). */
  application: null as string | null,
});

/**
 * The project's document rows. Held raw (not deeply reactive): 10,000 rows as deep proxies
 * cost a second of start-up and slow every filter; rows are replaced, never mutated in place.
 */
class Library {
  rows = $state.raw<DocumentRow[]>([]);
  loaded = $state(false);
}
export const library = new Library();

export const importJob = $state({
  id: null as string | null,
  progress: null as Progress | null,
  report: null as ImportReport | null,
  /** One report per eCTD sequence, application folder or zip among the paths. */
  ectd: [] as ImportEctdReport[],
  /** The path each of `ectd` was read from (to record it as an application's history later). */
  ectdPaths: [] as string[],
  error: null as ApiError | null,
  cancelling: false,
});

export function go(screen: Screen, filters?: Partial<DocumentFilters>, document: string | null = null) {
  if (filters) app.documentFilters = { ...NO_FILTERS, ...filters };
  app.documentSelected = document;
  app.screen = screen;
}

/** Opens the applications (or build) screen on one application. */
export function goApplication(id: string, screen: Screen = 'applications') {
  app.application = id;
  app.screen = screen;
}

export async function startup(): Promise<void> {
  app.starting = true;
  app.startupError = null;
  try {
    // In parallel: the vocabulary is only needed once rows are shown.
    const [types, summary] = await Promise.all([
      api.documentTypes(),
      api.projectStartup((p) => (app.startupProgress = p)),
    ]);
    app.types = new Map(types.map((t) => [t.id, t]));
    await adopt(summary);
  } catch (e) {
    app.startupError = asApiError(e);
  } finally {
    app.starting = false;
    app.startupProgress = null;
  }
}

/** Makes a freshly opened project current and loads its documents. */
export async function adopt(summary: ProjectSummary): Promise<void> {
  // Marks for measuring time to interactive (read by ui/e2e/measure.mjs); they cost nothing.
  performance.mark('dossier:project-open');
  app.project = summary;
  app.startupError = null;
  library.loaded = false;
  app.screen = 'dashboard';
  // The summary just came with the project; only the rows are still to load.
  library.rows = await api.documentsList();
  library.loaded = true;
  performance.mark('dossier:documents-loaded');
}

export async function refreshDocuments(): Promise<void> {
  const [rows, summary] = await Promise.all([api.documentsList(), api.projectSummary()]);
  library.rows = rows;
  app.project = summary;
  library.loaded = true;
  performance.mark('dossier:documents-loaded');
}

export async function refreshSummary(): Promise<void> {
  app.project = await api.projectSummary();
}

/** Puts a corrected row in place without reloading 10,000 rows. */
export function replaceRow(row: DocumentRow) {
  const i = library.rows.findIndex((r) => r.id === row.id);
  if (i < 0) return;
  const next = library.rows.slice();
  next[i] = row;
  library.rows = next;
}

/** The paths that are eCTD sequences (read with their backbone) apart from loose documents. */
export function splitByKind(paths: string[], ectd: boolean[]): { ectd: string[]; files: string[] } {
  return { ectd: paths.filter((_, i) => ectd[i]), files: paths.filter((_, i) => !ectd[i]) };
}

/** Imports dropped or chosen paths: an eCTD sequence, application folder or zip of one keeps
 * its sections, titles and lifecycle (and says what is wrong with it); anything else comes in
 * as documents. */
export async function importPaths(paths: string[]): Promise<void> {
  if (importJob.id || paths.length === 0) return;
  const id = `imp_${Date.now().toString(36)}`;
  Object.assign(importJob, { id, progress: null, report: null, ectd: [], ectdPaths: [], error: null, cancelling: false });
  const onProgress = (p: Progress) => (importJob.progress = p);
  try {
    const split = splitByKind(paths, await api.importKinds(paths));
    for (const path of split.ectd) {
      if (importJob.cancelling) break;
      importJob.ectd = [...importJob.ectd, await api.importEctd(path, id, onProgress)];
      importJob.ectdPaths = [...importJob.ectdPaths, path];
    }
    if (split.files.length > 0 && !importJob.cancelling) importJob.report = await api.importPaths(split.files, id, onProgress);
    await refreshDocuments();
  } catch (e) {
    importJob.error = asApiError(e);
  } finally {
    importJob.id = null;
  }
}

/** The applications an imported sequence of `region` can be the history of: those filing eCTD
 * in that region. */
export function historyTargets(apps: ApplicationInfo[], region: ImportEctdReport['region']): ApplicationInfo[] {
  return region ? apps.filter((a) => a.format === `ectd-${region}`) : [];
}

/** Records the `i`-th eCTD import of the last job as application `application`'s history (the
 * documents are already in: only the sequences and their leaves are recorded), as
 * `dossier import-ectd PATH --application APP` does. */
export async function recordHistory(i: number, application: string): Promise<void> {
  const path = importJob.ectdPaths[i];
  if (importJob.id || path === undefined) return;
  const id = `imp_${Date.now().toString(36)}`;
  Object.assign(importJob, { id, progress: null, error: null, cancelling: false });
  try {
    const report = await api.importEctd(path, id, (p: Progress) => (importJob.progress = p), application);
    importJob.ectd = importJob.ectd.map((r, j) => (j === i ? report : r));
    await refreshDocuments();
  } catch (e) {
    importJob.error = asApiError(e);
  } finally {
    importJob.id = null;
  }
}

export async function cancelImport(): Promise<void> {
  if (!importJob.id) return;
  importJob.cancelling = true;
  await api.jobCancel(importJob.id);
}

export function dismissImport() {
  importJob.report = null;
  importJob.ectd = [];
  importJob.ectdPaths = [];
  importJob.error = null;
  importJob.progress = null;
}
