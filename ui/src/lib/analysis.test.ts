import { describe, expect, it } from 'vitest';
import { groupByModule, groupBySeverity, moduleOf, sharedRows, worstGaps } from './analysis';
import type { AppAnalysis, Gap, ItemResult } from './types';

const gap = (application: string, rule: string, severity: Gap['severity']): Gap => ({
  application, item: rule, item_title: rule, section: null, status: 'missing', severity, rule,
  source: 's', confidence: 'confirmed', message: 'm', action: 'a', action_zh_hans: null, action_zh_hant: null, document: null, code: 'missing', params: {}, action_code: null,
});
const analysis = (application: string, gaps: Gap[]): AppAnalysis => ({
  application, profile: 'p', title: application, route: null, items: [], gaps,
  readiness: { required: 1, satisfied: 0, percent: 0 },
});
const item = (id: string, sections: string[]): ItemResult => ({
  item: id, title: id, title_zh_hans: null, title_zh_hant: null, sections, doc_types: [], requirement: 'always',
  status: 'missing', confidence: 'confirmed', documents: [], not_applicable_reason: null, action: 'a', action_zh_hans: null, action_zh_hant: null,
});

describe('analysis helpers', () => {
  it('worst gaps keep errors only, interleaving applications by rank, up to the limit', () => {
    const a = analysis('app_a', [gap('app_a', 'a1', 'error'), gap('app_a', 'a2', 'error'), gap('app_a', 'a3', 'warning')]);
    const b = analysis('app_b', [gap('app_b', 'b1', 'error')]);
    expect(worstGaps([a, b], 2).map((g) => g.rule)).toEqual(['a1', 'b1']);
    expect(worstGaps([a, b]).map((g) => g.rule)).toEqual(['a1', 'b1', 'a2']);
  });

  it('regional sections are Module 1; ICH sections their first digit', () => {
    expect(moduleOf('hk:gmp-certificates')).toBe('1');
    expect(moduleOf('3.2.P.5.1')).toBe('3');
    expect(moduleOf(undefined)).toBe('?');
    const groups = groupByModule([item('x', ['2.5']), item('y', ['hk:application']), item('z', ['2.3'])]);
    expect(groups.map((g) => [g.module, g.items.map((i) => i.item)])).toEqual([['1', ['y']], ['2', ['x', 'z']]]);
  });

  it('shared rows are documents serving two or more applications', () => {
    const rows = sharedRows({
      applications: ['a', 'b'],
      rows: [
        { document: 'd1', path: 'one.pdf', doc_type: null, uses: { a: ['i'], b: [] } },
        { document: 'd2', path: 'two.pdf', doc_type: null, uses: { a: ['i'], b: ['j'] } },
      ],
    });
    expect(rows.map((r) => r.document)).toEqual(['d2']);
  });

  it('groups findings by severity, worst first, leaving out empty groups', () => {
    const g = groupBySeverity([
      { rule: 'r1', severity: 'info' as const, message: '' },
      { rule: 'r2', severity: 'error' as const, message: '' },
    ]);
    expect(g.map((x) => x.severity)).toEqual(['error', 'info']);
  });
});
