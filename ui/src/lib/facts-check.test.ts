import { describe, expect, it } from 'vitest';
import { checkApprovals, checkProduct, checkStudies, cleanFacts, isDate, lines } from './facts-check';
import type { Facts, Product, Study } from './types';

const study = (over: Partial<Study> = {}): Study => ({
  id: 'EXP-301', phase: '3', pivotal: true,
  subjects: { total: 10, hong_kong: 2, mainland_china: 3, other_asia: 0, us: 0, eu: 0, rest_of_world: 0 },
  ...over,
});

describe('facts checks', () => {
  it('accepts a sound study', () => {
    expect(checkStudies([study()])).toEqual({});
  });

  it('says when the regions add up to more than the total, with both numbers', () => {
    const p = checkStudies([study({ subjects: { ...study().subjects, total: 4 } })]);
    expect(p['study.0.subjects.total']).toEqual({ key: 'facts.err.regionSum', params: { sum: 5, total: 4 } });
  });

  it('flags a duplicate protocol number on the second study only', () => {
    const p = checkStudies([study(), study()]);
    expect(Object.keys(p)).toEqual(['study.1.id']);
  });

  it('rejects negative, fractional and empty subject counts', () => {
    const s = study();
    (s.subjects as Record<string, unknown>).eu = null;
    s.subjects.us = -1;
    s.subjects.other_asia = 1.5;
    const p = checkStudies([s]);
    expect(Object.keys(p).sort()).toEqual(['study.0.subjects.eu', 'study.0.subjects.other_asia', 'study.0.subjects.us']);
  });

  it('wants an INN and ISO country codes for sites', () => {
    const p = checkProduct({ inn: ' ', trade_names: [], modality: 'chemical', dosage_forms: [], strengths: [], indications: [],
      site: [{ name: 'Plant', country: 'China', role: 'manufacturer' }] });
    expect(Object.keys(p).sort()).toEqual(['product.inn', 'product.site.0.country']);
  });

  it('accepts EU as an approval country and real dates only', () => {
    expect(checkApprovals([{ authority: 'EMA', country: 'EU', date: '2024-02-29' }])).toEqual({});
    const p = checkApprovals([{ authority: '', country: 'EU', date: '2023-02-29' }]);
    expect(Object.keys(p).sort()).toEqual(['approval.0.authority', 'approval.0.date']);
    expect(isDate('2025-13-01')).toBe(false);
  });

  it('drops blank lines from list fields', () => {
    expect(lines('a\n\n  b  \n')).toEqual(['a', 'b']);
  });
});

const product = (over: Partial<Product> = {}): Product => ({
  inn: 'examplinib', trade_names: ['Examplix'], modality: 'chemical', dosage_forms: ['tablet'], strengths: ['50 mg'],
  indications: ['NSCLC'], site: [{ name: 'Plant', country: 'CN', role: 'drug substance manufacturer', address: null }],
  ...over,
});

describe('the facts sent on save', () => {
  it('cleans the excipients like the other lists: trimmed, blank lines dropped', () => {
    const p = cleanFacts({ product: product({ excipients: [' Lactose monohydrate ', '', 'Magnesium stearate', '  '] }) }).product!;
    expect(p.excipients).toEqual(['Lactose monohydrate', 'Magnesium stearate']);
    expect(p.trade_names).toEqual(['Examplix']);
  });

  it('sends a product without excipients as an empty list, as the other lists, and keeps it saveable', () => {
    const p = cleanFacts({ product: product() }).product!;
    expect(p.excipients).toEqual([]);
    expect(cleanFacts({ product: product({ indications: [''] }) }).product!.indications).toEqual([]);
    expect(checkProduct(p)).toEqual({});
  });

  it("sends an empty site drug substance as null, never as ''", () => {
    const f: Facts = { product: product({ site: [
      { name: 'A', country: 'CN', role: 'drug substance manufacturer', substance: '' },
      { name: 'B', country: 'CN', role: 'drug substance manufacturer', substance: '  ' },
      { name: 'C', country: 'CN', role: 'drug substance manufacturer' },
      { name: 'D', country: 'IN', role: 'drug substance manufacturer', substance: ' examplinib ' },
    ] }) };
    const sites = cleanFacts(f).product!.site!;
    expect(sites.map((s) => s.substance)).toEqual([null, null, null, 'examplinib']);
    expect(JSON.stringify(sites)).not.toContain('""');
  });

  it('does not change what the form holds', () => {
    const f: Facts = { product: product({ excipients: ['a', ''] }) };
    cleanFacts(f);
    expect(f.product!.excipients).toEqual(['a', '']);
  });

  it('leaves facts without a product alone', () => {
    expect(cleanFacts({ study: [], approval: [] })).toEqual({ study: [], approval: [] });
  });
});
