// Pure helpers over the analysis DTOs: worst gaps across applications, checklist items grouped
// by CTD module, the documents serving several applications, findings by severity.
import type { AppAnalysis, Finding, Gap, ItemResult, Language, Matrix, MatrixRow, Severity, Status } from './types';

/** Error-level gaps of every application, worst first (each analysis is already worst first). */
export function worstGaps(analyses: AppAnalysis[], limit = 8): Gap[] {
  const all = analyses.flatMap((a) => a.gaps.map((g, i) => ({ g, i })));
  return all
    .filter(({ g }) => g.severity === 'error')
    .sort((x, y) => x.i - y.i || x.g.application.localeCompare(y.g.application))
    .slice(0, limit)
    .map(({ g }) => g);
}

/** `hk:application` and `eu:1.3.1` are Module 1; `3.2.P.5.1` is Module 3; none is `?`. */
export function moduleOf(section: string | undefined): string {
  if (!section) return '?';
  if (section.includes(':')) return '1';
  const m = /^(\d)/.exec(section);
  return m ? m[1] : '?';
}

export interface ItemGroup {
  module: string;
  items: ItemResult[];
}

/** Items grouped by the module of their first section, modules in order, template order within. */
export function groupByModule(items: ItemResult[]): ItemGroup[] {
  const groups = new Map<string, ItemResult[]>();
  for (const item of items) {
    const m = moduleOf(item.sections[0]);
    groups.set(m, [...(groups.get(m) ?? []), item]);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([module, items]) => ({ module, items }));
}

/** Rows of the reuse matrix whose document serves two or more applications, most used first. */
export function sharedRows(matrix: Matrix, min = 2): MatrixRow[] {
  const used = (r: MatrixRow) => Object.values(r.uses).filter((items) => items.length > 0).length;
  return matrix.rows
    .filter((r) => used(r) >= min)
    .sort((a, b) => used(b) - used(a) || a.path.localeCompare(b.path));
}

export function groupBySeverity<T extends { severity: Severity }>(findings: T[]): { severity: Severity; items: T[] }[] {
  const order: Severity[] = ['error', 'warning', 'info'];
  return order
    .map((severity) => ({ severity, items: findings.filter((f) => f.severity === severity) }))
    .filter((g) => g.items.length > 0);
}

export function countBySeverity(findings: Finding[]): Record<Severity, number> {
  const c: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) c[f.severity] += 1;
  return c;
}

/** The badge colour of an item status. */
export function statusTone(s: Status): 'ok' | 'error' | 'warning' | 'info' | '' {
  switch (s) {
    case 'satisfied':
      return 'ok';
    case 'missing':
    case 'expired':
    case 'format-problem':
      return 'error';
    case 'needs-translation':
    case 'expiring':
      return 'warning';
    case 'undecided':
      return 'info';
    default:
      return '';
  }
}

/** A title in the chosen language where the template has one. */
export function localTitle(
  x: { title: string; title_zh_hans: string | null; title_zh_hant: string | null },
  lang: Language,
): string {
  if (lang === 'zh-Hans' && x.title_zh_hans) return x.title_zh_hans;
  if (lang === 'zh-Hant' && x.title_zh_hant) return x.title_zh_hant;
  return x.title;
}

/** A route's summary in the chosen language where the template has one. */
export function localSummary(
  r: { summary: string; summary_zh_hans: string | null; summary_zh_hant: string | null },
  lang: Language,
): string {
  return localTitle({ title: r.summary, title_zh_hans: r.summary_zh_hans, title_zh_hant: r.summary_zh_hant }, lang);
}

/** What to do about a route condition, in the chosen language where the template has it. */
export function localFix(c: { fix: string; fix_zh_hans: string | null; fix_zh_hant: string | null }, lang: Language): string {
  return localTitle({ title: c.fix, title_zh_hans: c.fix_zh_hans, title_zh_hant: c.fix_zh_hant }, lang);
}
