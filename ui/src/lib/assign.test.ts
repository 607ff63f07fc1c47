import { describe, expect, it } from 'vitest';
import { itemsFor, pickDocuments, plausible } from './assign';
import type { DocumentRow, DocumentTypeInfo, ItemResult } from './types';

function row(id: string, path: string, doc_type: string | null, section: string | null): DocumentRow {
  return { id, path, file_name: path.split('/').pop()!, size: 1, sha256: '', md5: '', version: 1, kind: 'pdf', pdf_version: '1.7', pages: 1, encrypted: false, bookmarks: false, doc_type, section, confidence: 1, classified_by: 'rule', needs_review: false, language: 'en', study: null, scope: {}, expires: null, findings: [] } as unknown as DocumentRow;
}
const gmp = row('doc_1', 'company/gmp-site-a.pdf', 'gmp-certificate', 'cn:1.11.2');
const csr = row('doc_2', 'm5/csr-301.pdf', 'clinical-study-report', '5.3.5.1');
const q = row('doc_3', 'm3/32p5/spec.pdf', null, '3.2.P.5.1');
const types = new Map<string, DocumentTypeInfo>([['gmp-certificate', { id: 'gmp-certificate', title: 'GMP certificate', title_zh_hans: 'GMP证书', title_zh_hant: 'GMP證書', sections: [], unconfirmed: false }]]);
const item = { doc_types: ['gmp-certificate'], sections: ['hk:1.3'] };

describe('the assign picker', () => {
  it('offers the types the item takes first, then the rest', () => {
    const r = pickDocuments([csr, q, gmp], item, { text: '', plausibleOnly: false }, types);
    expect(r.rows.map((x) => x.id)).toEqual(['doc_1', 'doc_3', 'doc_2']);
    expect(pickDocuments([csr, q, gmp], item, { text: '', plausibleOnly: true }, types).total).toBe(1);
  });

  it('searches path, section and the type title in any language', () => {
    expect(pickDocuments([csr, q, gmp], item, { text: 'GMP证书', plausibleOnly: false }, types).rows).toEqual([gmp]);
    expect(pickDocuments([csr, q, gmp], item, { text: '3.2.p', plausibleOnly: false }, types).rows).toEqual([q]);
    expect(pickDocuments([csr, q, gmp], item, { text: 'csr 301', plausibleOnly: false }, types).rows).toEqual([csr]);
  });

  it('cuts long lists and says how many matched', () => {
    const many = Array.from({ length: 500 }, (_, i) => row(`doc_${i}`, `x/${String(i).padStart(3, '0')}.pdf`, null, null));
    const r = pickDocuments(many, item, { text: '', plausibleOnly: false }, types, 50);
    expect(r.rows.length).toBe(50);
    expect(r.total).toBe(500);
  });

  it('a section under the item’s is plausible too', () => {
    expect(plausible(q, { doc_types: [], sections: ['3.2.P.5'] })).toBe(true);
    expect(plausible(q, { doc_types: [], sections: ['3.2.P.5.10'] })).toBe(false);
  });

  it('a document’s items split into those that take it and the others', () => {
    const items = [{ item: 'a', doc_types: ['gmp-certificate'], sections: [] }, { item: 'b', doc_types: [], sections: ['2.5'] }] as unknown as ItemResult[];
    const { takes, other } = itemsFor(items, gmp);
    expect(takes.map((i) => i.item)).toEqual(['a']);
    expect(other.map((i) => i.item)).toEqual(['b']);
  });
});
