import { describe, expect, it } from 'vitest';
import { countByModule, distinct, filterRows, NO_FILTERS, sectionWithin, sortRows } from './documents';
import type { DocumentRow } from './types';

function row(over: Partial<DocumentRow>): DocumentRow {
  return {
    id: 'doc_0', path: 'm1/a.pdf', file_name: 'a.pdf', size: 10, sha256: '', md5: '', version: 1, kind: 'pdf',
    pdf_version: '1.7', pages: 1, encrypted: false, bookmarks: false, doc_type: null, section: null, confidence: 0,
    classified_by: 'guess', needs_review: false, language: null, study: null, scope: {}, expires: null, findings: [], ...over,
  };
}

const rows = [
  row({ id: 'doc_1', path: 'm3/spec.pdf', doc_type: 'specification', section: '3.2.P.5.1', confidence: 0.9, language: 'en', size: 300 }),
  row({ id: 'doc_2', path: 'm5/exp-301-csr.pdf', doc_type: 'clinical-study-report', section: '5.3.5.1', study: 'EXP-301', size: 100 }),
  row({ id: 'doc_3', path: 'misc/x.pdf', needs_review: true, confidence: 0.2, size: 200 }),
  row({ id: 'doc_4', path: 'm1/cn/letter.pdf', doc_type: 'cover-letter', section: 'cn:1.0', classified_by: 'user', confidence: 1, language: 'zh-Hans',
    findings: [{ rule: 'DB-IMP-EMPTY', severity: 'error', message: 'empty' }] }),
];
const ids = (rs: DocumentRow[]) => rs.map((r) => r.id);

describe('document filters', () => {
  it('no filter keeps every row', () => {
    expect(filterRows(rows, NO_FILTERS)).toHaveLength(4);
  });

  it('each filter narrows to what it names', () => {
    expect(ids(filterRows(rows, { ...NO_FILTERS, docType: 'specification' }))).toEqual(['doc_1']);
    expect(ids(filterRows(rows, { ...NO_FILTERS, section: '3.2.P' }))).toEqual(['doc_1']);
    expect(ids(filterRows(rows, { ...NO_FILTERS, language: 'zh-Hans' }))).toEqual(['doc_4']);
    expect(ids(filterRows(rows, { ...NO_FILTERS, language: '-' }))).toEqual(['doc_2', 'doc_3']);
    expect(ids(filterRows(rows, { ...NO_FILTERS, study: 'EXP-301' }))).toEqual(['doc_2']);
    expect(ids(filterRows(rows, { ...NO_FILTERS, review: 'needs-review' }))).toEqual(['doc_3']);
    expect(ids(filterRows(rows, { ...NO_FILTERS, review: 'confirmed' }))).toEqual(['doc_4']);
    expect(ids(filterRows(rows, { ...NO_FILTERS, review: 'findings' }))).toEqual(['doc_4']);
    expect(ids(filterRows(rows, { ...NO_FILTERS, review: 'unclassified' }))).toEqual(['doc_3']);
    expect(ids(filterRows(rows, { ...NO_FILTERS, text: 'CSR' }))).toEqual(['doc_2']);
  });

  it('a section prefix matches whole CTD levels only, as the store does', () => {
    expect(sectionWithin('3.2.P.5.1', '3.2.P')).toBe(true);
    expect(sectionWithin('3.2.P', '3.2.P')).toBe(true);
    expect(sectionWithin('3.2.P5', '3.2.P')).toBe(false);
    expect(sectionWithin(null, '3')).toBe(false);
  });
});

describe('sorting', () => {
  it('sorts by size both ways and ties break on path', () => {
    expect(ids(sortRows(rows, 'size', true))).toEqual(['doc_4', 'doc_2', 'doc_3', 'doc_1']);
    expect(ids(sortRows(rows, 'size', false))).toEqual(['doc_1', 'doc_3', 'doc_2', 'doc_4']);
  });

  it('unclassified rows sort after classified ones', () => {
    expect(ids(sortRows(rows, 'type', true)).at(-1)).toBe('doc_3');
  });

  it('does not reorder the array it was given', () => {
    const before = ids(rows);
    sortRows(rows, 'size', true);
    expect(ids(rows)).toEqual(before);
  });
});

describe('dashboard counts', () => {
  it('counts per CTD module, regional Module 1 codes in module 1, no section apart', () => {
    const counts = Object.fromEntries(countByModule(rows).map((c) => [c.module, c.count]));
    expect(counts).toEqual({ '1': 1, '2': 0, '3': 1, '4': 0, '5': 1, '?': 1 });
  });

  it('lists the distinct values for the filter menus', () => {
    expect(distinct(rows, (r) => r.study)).toEqual(['EXP-301']);
  });
});
