// Choosing documents for a checklist item: the documents whose type the item takes first, then
// the rest, filtered by a search over name, type, section and the type's title.
import type { DocumentRow, DocumentTypeInfo, ItemResult } from './types';

export interface PickerQuery {
  text: string;
  /** Only documents of a type the item takes (when it names any). */
  plausibleOnly: boolean;
}

export interface PickerResult {
  rows: DocumentRow[];
  /** How many matched before the list was cut to `limit`. */
  total: number;
}

/** Does `row` look like it belongs on `item`: its type is one the item takes, or its section one of the item's. */
export function plausible(row: DocumentRow, item: Pick<ItemResult, 'doc_types' | 'sections'>): boolean {
  if (row.doc_type && item.doc_types.includes(row.doc_type)) return true;
  return !!row.section && item.sections.some((s) => row.section === s || row.section!.startsWith(`${s}.`));
}

export function pickDocuments(
  rows: DocumentRow[],
  item: Pick<ItemResult, 'doc_types' | 'sections'>,
  query: PickerQuery,
  types: Map<string, DocumentTypeInfo>,
  limit = 200,
): PickerResult {
  const words = query.text.toLowerCase().split(/\s+/).filter(Boolean);
  const haystack = (r: DocumentRow) => {
    const t = r.doc_type ? types.get(r.doc_type) : undefined;
    return [r.path, r.doc_type, r.section, t?.title, t?.title_zh_hans, t?.title_zh_hant].filter(Boolean).join(' ').toLowerCase();
  };
  const matches = rows.filter((r) => {
    if (query.plausibleOnly && !plausible(r, item)) return false;
    if (words.length === 0) return true;
    const h = haystack(r);
    return words.every((w) => h.includes(w));
  });
  // Plausible first, then by path: a stable order people can scan.
  const ranked = matches
    .map((r) => ({ r, p: plausible(r, item) ? 0 : 1 }))
    .sort((a, b) => a.p - b.p || a.r.path.localeCompare(b.r.path))
    .map(({ r }) => r);
  return { rows: ranked.slice(0, limit), total: ranked.length };
}

/** Checklist items of an analysis for a document: those taking its type first. */
export function itemsFor(items: ItemResult[], row: DocumentRow): { takes: ItemResult[]; other: ItemResult[] } {
  const takes = items.filter((i) => plausible(row, i));
  const other = items.filter((i) => !plausible(row, i));
  return { takes, other };
}
