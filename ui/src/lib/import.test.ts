import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ImportEctdReport, ImportReport } from './types';

const calls: string[] = [];
const ectdReport = (path: string): ImportEctdReport => ({
  sequences: ['0000', '0001'],
  region: 'cn',
  imported: 2,
  already_known: 0,
  bytes: 10,
  checksum_mismatches: 0,
  findings: [{ rule: '11.2', severity: 'error', message: `${path}: wrong MD5`, code: 'leaf-checksum-mismatch', params: {} }],
  cancelled: false,
});
const filesReport: ImportReport = { files_seen: 1, imported: 1, already_known: 0, bytes: 5, with_findings: 0, skipped: [], cancelled: false };

vi.mock('./ipc', () => ({
  api: {
    importKinds: async (paths: string[]) => paths.map((p) => p.endsWith('.zip') || p.endsWith('/0000')),
    importEctd: async (path: string, _job: string, _progress: unknown, application: string | null = null) => {
      calls.push(application ? `ectd ${path} --application ${application}` : `ectd ${path}`);
      return { ...ectdReport(path), application, recorded: application ? ['0000', '0001'] : [] };
    },
    importPaths: async (paths: string[]) => {
      calls.push(`files ${paths.join(',')}`);
      return filesReport;
    },
    documentsList: async () => [],
    projectSummary: async () => null,
  },
  asApiError: (e: unknown) => e,
}));

const { historyTargets, importJob, importPaths, recordHistory, splitByKind } = await import('./app.svelte');

describe('importing what was dropped or chosen', () => {
  beforeEach(() => {
    calls.length = 0;
  });

  it('splits eCTD sequences from loose documents, keeping their order', () => {
    expect(splitByKind(['a.pdf', 'client.zip', 'b', 'app/0000'], [false, true, false, true])).toEqual({
      ectd: ['client.zip', 'app/0000'],
      files: ['a.pdf', 'b'],
    });
  });

  it('reads each eCTD source with its backbone and imports the rest as documents, in one job', async () => {
    await importPaths(['/in/a.pdf', '/in/client.zip', '/in/app/0000', '/in/folder']);
    expect(calls).toEqual(['ectd /in/client.zip', 'ectd /in/app/0000', 'files /in/a.pdf,/in/folder']);
    expect(importJob.ectd.map((r) => r.findings[0].message)).toEqual(['/in/client.zip: wrong MD5', '/in/app/0000: wrong MD5']);
    expect(importJob.report).toEqual(filesReport);
    expect(importJob.id).toBeNull();
  });

  it('a drop of only a sequence runs no document import', async () => {
    await importPaths(['/in/client.zip']);
    expect(calls).toEqual(['ectd /in/client.zip']);
    expect(importJob.report).toBeNull();
  });

  it('records an imported sequence as the history of an application of its region, as import-ectd --application does', async () => {
    await importPaths(['/in/a.pdf', '/in/app/0000']);
    calls.length = 0;
    await recordHistory(0, 'app_cn');
    expect(calls).toEqual(['ectd /in/app/0000 --application app_cn']);
    expect(importJob.ectd[0].recorded).toEqual(['0000', '0001']);
    expect(importJob.report).toEqual(filesReport);
  });

  it('offers only the applications that file eCTD in the sequence\'s region', () => {
    const app = (id: string, format: string) => ({ id, format }) as unknown as import('./types').ApplicationInfo;
    const apps = [app('app_eu', 'ectd-eu'), app('app_cn', 'ectd-cn'), app('app_hk', 'hk-ctd')];
    expect(historyTargets(apps, 'cn').map((a) => a.id)).toEqual(['app_cn']);
    expect(historyTargets(apps, null)).toEqual([]);
  });
});
