// Checks the facts forms before they are sent, so a person sees each problem beside its field.
// The store checks again on save (import_facts); its message is shown when it finds more.
import { REGIONS, type Approval, type Facts, type Product, type Study } from './types';

/** Field path (`study.0.subjects.total`) → message key and parameters. */
export type Problems = Record<string, { key: string; params?: Record<string, string | number> }>;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

function isCount(n: unknown): boolean {
  return typeof n === 'number' && Number.isInteger(n) && n >= 0;
}

export function checkProduct(p: Product, out: Problems = {}): Problems {
  if (!p.inn.trim()) out['product.inn'] = { key: 'facts.err.inn' };
  (p.site ?? []).forEach((s, i) => {
    if (!s.name.trim()) out[`product.site.${i}.name`] = { key: 'facts.err.required' };
    if (!/^[A-Z]{2}$/.test(s.country)) out[`product.site.${i}.country`] = { key: 'facts.err.country' };
    if (!s.role.trim()) out[`product.site.${i}.role`] = { key: 'facts.err.required' };
  });
  return out;
}

export function checkStudies(studies: Study[], out: Problems = {}): Problems {
  const seen = new Set<string>();
  studies.forEach((s, i) => {
    const id = s.id.trim();
    if (!id) out[`study.${i}.id`] = { key: 'facts.err.studyId' };
    else if (seen.has(id)) out[`study.${i}.id`] = { key: 'facts.err.studyDuplicate', params: { id } };
    seen.add(id);
    if (!s.phase.trim()) out[`study.${i}.phase`] = { key: 'facts.err.phase' };
    for (const field of ['total', ...REGIONS] as const) {
      if (!isCount(s.subjects[field])) out[`study.${i}.subjects.${field}`] = { key: 'facts.err.count' };
    }
    const sum = REGIONS.reduce((acc, r) => acc + (isCount(s.subjects[r]) ? s.subjects[r] : 0), 0);
    if (isCount(s.subjects.total) && sum > s.subjects.total) {
      out[`study.${i}.subjects.total`] = { key: 'facts.err.regionSum', params: { sum, total: s.subjects.total } };
    }
  });
  return out;
}

export function checkApprovals(approvals: Approval[], out: Problems = {}): Problems {
  approvals.forEach((a, i) => {
    if (!a.authority.trim()) out[`approval.${i}.authority`] = { key: 'facts.err.authority' };
    if (!/^([A-Z]{2}|EU)$/.test(a.country)) out[`approval.${i}.country`] = { key: 'facts.err.approvalCountry' };
    if (!isDate(a.date)) out[`approval.${i}.date`] = { key: 'facts.err.date' };
  });
  return out;
}

export function checkFacts(f: Facts): Problems {
  const out: Problems = {};
  if (f.product) checkProduct(f.product, out);
  checkStudies(f.study ?? [], out);
  checkApprovals(f.approval ?? [], out);
  return out;
}

/** Optional text fields: an empty input means "not recorded", not an empty string. */
export function orNull(s: string | null | undefined): string | null {
  const v = (s ?? '').trim();
  return v ? v : null;
}

/** Lists edited as one entry per line. */
export function lines(text: string): string[] {
  return text.split('\n').map((l) => l.trim()).filter(Boolean);
}

/** The product's lists, edited one entry per line (in the form's order); `excipients` may be absent. */
export const PRODUCT_LISTS = ['trade_names', 'dosage_forms', 'strengths', 'excipients', 'indications'] as const;

/**
 * What the forms hold, cleaned the way the facts file wants it: no blank list entries, and an
 * empty optional text (a site's address or drug substance too) sent as null, never as `""`,
 * which the store would keep as a value.
 */
export function cleanFacts(f: Facts): Facts {
  const copy: Facts = JSON.parse(JSON.stringify(f));
  const p = copy.product;
  if (p) {
    for (const k of PRODUCT_LISTS) p[k] = lines((p[k] ?? []).join('\n'));
    for (const k of ['route', 'applicant', 'mah', 'atc'] as const) p[k] = orNull(p[k]);
    for (const s of p.site ?? []) {
      s.address = orNull(s.address);
      s.substance = orNull(s.substance);
    }
  }
  for (const s of copy.study ?? []) for (const k of ['title', 'design', 'indication', 'csr'] as const) s[k] = orNull(s[k]);
  for (const a of copy.approval ?? []) for (const k of ['number', 'indication', 'proof'] as const) a[k] = orNull(a[k]);
  return copy;
}
