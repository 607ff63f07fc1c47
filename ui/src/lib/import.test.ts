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
    importEctd: async (path: string) => {
      calls.push(`ectd ${path}`);
      return ectdReport(path);
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

const { importJob, importPaths, splitByKind } = await import('./app.svelte');

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
});
