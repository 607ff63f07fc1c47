import { describe, expect, it } from 'vitest';
import type { PlanRow } from '../../lib/types';
import { orderedPlan, replaceChoices, targetLabel } from './plan';

const row = (over: Partial<PlanRow>): PlanRow => ({
  operation: 'new',
  section: '2.7.4',
  title: 't',
  document: 'doc_1',
  href: null,
  target: null,
  suggested: null,
  suggested_title: null,
  ...over,
});

describe('the build plan', () => {
  it('shows what is sent first, sections in CTD number order', () => {
    const rows = [
      row({ operation: 'unchanged', section: '2.5' }),
      row({ operation: 'new', section: '3.2.P.10' }),
      row({ operation: 'new', section: '3.2.P.2' }),
      row({ operation: 'replace', section: '5.3.1' }),
    ];
    expect(orderedPlan(rows).map((r) => `${r.operation} ${r.section}`)).toEqual([
      'replace 5.3.1',
      'new 3.2.P.2',
      'new 3.2.P.10',
      'unchanged 2.5',
    ]);
  });

  it('offers the suggested leaf first, then the other current leaves of the section', () => {
    const old = { sequence: '0000', id: 'lf-a', backbone: 'index' as const };
    const other = { sequence: '0001', id: 'lf-b', backbone: 'index' as const };
    const fresh = row({ suggested: old, suggested_title: 'Old summary' });
    const rows = [
      fresh,
      row({ operation: 'unchanged', target: old, title: 'Old summary' }),
      row({ operation: 'unchanged', target: other, title: 'Other' }),
      row({ operation: 'unchanged', section: '2.5', target: { ...other, id: 'lf-c' } }),
    ];
    expect(replaceChoices(fresh, rows).map((c) => targetLabel(c.target))).toEqual(['0000:lf-a', '0001:lf-b']);
    expect(replaceChoices(rows[1], rows)).toEqual([]);
  });
});
