// Filtering and sorting of the document table. The whole list is loaded once per project
// (10,000 rows is a few MB), so filters answer instantly on the client without a round trip.
import type { DocumentRow } from './types';

export type ReviewFilter = 'all' | 'needs-review' | 'confirmed' | 'findings' | 'unclassified';

export interface DocumentFilters {
  text: string;
  docType: string; // '' = any
  section: string; // prefix, '' = any
  language: string; // '' = any, '-' = none recorded
  review: ReviewFilter;
  study: string; // '' = any
}

export const NO_FILTERS: DocumentFilters = { text: '', docType: '', section: '', language: '', review: 'all', study: '' };

export type SortKey = 'path' | 'type' | 'section' | 'language' | 'confidence' | 'size' | 'findings';

export function matches(row: DocumentRow, f: DocumentFilters): boolean {
  if (f.docType && row.doc_type !== f.docType) return false;
  if (f.section && !sectionWithin(row.section, f.section)) return false;
  if (f.language === '-' ? row.language !== null : f.language && row.language !== f.language) return false;
  if (f.study && row.study !== f.study) return false;
  switch (f.review) {
    case 'needs-review':
      if (!row.needs_review) return false;
      break;
    case 'confirmed':
      if (row.classified_by === 'guess') return false;
      break;
    case 'findings':
      if (row.findings.length === 0) return false;
      break;
    case 'unclassified':
      if (row.doc_type !== null) return false;
      break;
  }
  if (f.text) {
    const needle = f.text.toLowerCase();
    if (!row.path.toLowerCase().includes(needle) && !(row.doc_type ?? '').includes(needle)) return false;
  }
  return true;
}

/** `3.2.P` matches `3.2.P` and `3.2.P.5.1` but not `3.2.P5` — same rule as the store's filter. */
export function sectionWithin(section: string | null, prefix: string): boolean {
  if (!section) return false;
  const p = prefix.trim();
  return section === p || section.startsWith(p.endsWith('.') || p.endsWith(':') ? p : `${p}.`);
}

export function filterRows(rows: DocumentRow[], f: DocumentFilters): DocumentRow[] {
  return rows.filter((r) => matches(r, f));
}

export function sortRows(rows: DocumentRow[], key: SortKey, ascending: boolean): DocumentRow[] {
  const value = (r: DocumentRow): string | number => {
    switch (key) {
      case 'path':
        return r.path;
      case 'type':
        return r.doc_type ?? '\uffff';
      case 'section':
        return r.section ?? '\uffff';
      case 'language':
        return r.language ?? '\uffff';
      case 'confidence':
        return r.confidence;
      case 'size':
        return r.size;
      case 'findings':
        return r.findings.length;
    }
  };
  const sign = ascending ? 1 : -1;
  return [...rows].sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    const c = typeof va === 'number' ? va - (vb as number) : compareText(va, vb as string);
    return c !== 0 ? sign * c : compareText(a.path, b.path);
  });
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Distinct non-empty values of one field, sorted, for the filter menus. */
export function distinct(rows: DocumentRow[], pick: (r: DocumentRow) => string | null): string[] {
  const seen = new Set<string>();
  for (const r of rows) {
    const v = pick(r);
    if (v) seen.add(v);
  }
  return [...seen].sort();
}

/** Documents per CTD module (1–5) for the dashboard chart; `null` sections count as unplaced. */
export function countByModule(rows: DocumentRow[]): { module: string; count: number }[] {
  const counts = new Map<string, number>([['1', 0], ['2', 0], ['3', 0], ['4', 0], ['5', 0], ['?', 0]]);
  for (const r of rows) {
    const s = r.section ?? '';
    const m = s.includes(':') ? '1' : s.charAt(0);
    const key = counts.has(m) && m !== '?' ? m : '?';
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([module, count]) => ({ module, count }));
}
