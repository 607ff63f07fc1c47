// The plan panel's logic, kept out of the component so it can be tested: the order rows are
// shown in, and which change each row offers.
import type { PlanRow, PlanTarget } from '../../lib/types';

const ORDER: Record<PlanRow['operation'], number> = { replace: 0, new: 1, append: 2, delete: 3, unchanged: 4 };

/** What is sent first (replace, new, append, delete), then what stays; each group by section. */
export function orderedPlan(rows: PlanRow[]): PlanRow[] {
  return [...rows].sort(
    (a, b) =>
      ORDER[a.operation] - ORDER[b.operation] ||
      a.section.localeCompare(b.section, 'en', { numeric: true }) ||
      a.title.localeCompare(b.title),
  );
}

/** `SEQ:LEAF`, as the CLI spells a target. */
export function targetLabel(t: PlanTarget | null): string {
  return t ? `${t.sequence}:${t.id}` : '';
}

/**
 * The current leaves a `new` row may replace: the suggested one first, then every unchanged
 * leaf on the same section (a person may know better than the suggestion).
 */
export function replaceChoices(row: PlanRow, rows: PlanRow[]): { target: PlanTarget; title: string }[] {
  if (row.operation !== 'new') return [];
  const out: { target: PlanTarget; title: string }[] = [];
  if (row.suggested) out.push({ target: row.suggested, title: row.suggested_title ?? '' });
  for (const r of rows) {
    if (r.operation !== 'unchanged' || r.section !== row.section || !r.target) continue;
    if (out.some((o) => targetLabel(o.target) === targetLabel(r.target))) continue;
    out.push({ target: r.target, title: r.title });
  }
  return out;
}

/** A `replace` the planner did not find by path was a person's choice: it can go back to `new`. */
export function canUndoReplace(row: PlanRow): boolean {
  return row.operation === 'replace' && row.document !== null;
}
