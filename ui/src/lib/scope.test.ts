import { describe, expect, it } from 'vitest';
import { MESSAGES } from './i18n/index.svelte';
import { fromStudy, scopeChange, scopeLabelKey, scopeNeededKey, scopeSelect } from './scope';
import type { ScopeField, ScopeFieldName } from './types';

const FIELDS: ScopeFieldName[] = ['substance', 'manufacturer', 'dosage_form', 'indication', 'excipient'];
const field = (over: Partial<ScopeField> = {}): ScopeField => ({
  field: 'indication',
  options: ['NSCLC', 'gastric cancer'],
  value: null,
  needed: true,
  ...over,
});

describe('scope labels', () => {
  it('every field has a label and a warning in all three languages', () => {
    for (const [lang, messages] of Object.entries(MESSAGES)) {
      for (const f of FIELDS) {
        expect(messages[scopeLabelKey(f)], `${lang} label of ${f}`).toBeTruthy();
        expect(messages[scopeNeededKey(f)], `${lang} warning of ${f}`).toBeTruthy();
      }
    }
    expect(MESSAGES['zh-Hans'][scopeLabelKey('indication')]).toBe('适应症');
    expect(MESSAGES['zh-Hant'][scopeLabelKey('dosage_form')]).toBe('劑型');
  });

  it('names the 3.2.P.4 excipient field in each language', () => {
    expect(MESSAGES.en[scopeLabelKey('excipient')]).toBe('Excipient');
    expect(MESSAGES['zh-Hans'][scopeLabelKey('excipient')]).toBe('辅料');
    expect(MESSAGES['zh-Hant'][scopeLabelKey('excipient')]).toBe('輔料');
    expect(MESSAGES.en[scopeNeededKey('excipient')]).toMatch(/excipients/);
  });
});

describe('the change sent for one select', () => {
  it('names only that field, in the camelCase the command takes', () => {
    expect(scopeChange('indication', 'NSCLC')).toEqual({ indication: 'NSCLC' });
    expect(scopeChange('dosage_form', 'tablet')).toEqual({ dosageForm: 'tablet' });
    expect(scopeChange('manufacturer', ' Plant A ')).toEqual({ manufacturer: 'Plant A' });
    expect(scopeChange('excipient', ' lactose monohydrate ')).toEqual({ excipient: 'lactose monohydrate' });
  });

  it('"not stated" is an empty string, which clears the field', () => {
    expect(scopeChange('substance', '')).toEqual({ substance: '' });
    expect(scopeChange('excipient', '  ')).toEqual({ excipient: '' });
  });
});

describe('the select', () => {
  it('starts on "not stated" when the document says nothing', () => {
    expect(scopeSelect(field())).toEqual({ options: ['NSCLC', 'gastric cancer'], selected: '' });
  });

  it('selects the recorded spelling of a value stated in another case', () => {
    expect(scopeSelect(field({ value: 'Gastric Cancer' })).selected).toBe('gastric cancer');
  });

  it('matches an excipient like any other field', () => {
    const f = field({ field: 'excipient', options: ['Lactose monohydrate', 'Magnesium stearate'], value: 'magnesium STEARATE' });
    expect(scopeSelect(f)).toEqual({ options: ['Lactose monohydrate', 'Magnesium stearate'], selected: 'Magnesium stearate' });
  });

  it('keeps a value the facts no longer record, so the select does not hide it', () => {
    expect(scopeSelect(field({ value: 'melanoma' }))).toEqual({ options: ['NSCLC', 'gastric cancer', 'melanoma'], selected: 'melanoma' });
  });
});

describe('an indication from the study', () => {
  it('is told apart from one stated on the document', () => {
    const shown = field({ value: 'NSCLC', needed: false });
    expect(fromStudy(shown, {}, 'EXP-301')).toBe(true);
    expect(fromStudy(shown, { indication: 'NSCLC' }, 'EXP-301')).toBe(false);
    expect(fromStudy(shown, {}, null)).toBe(false);
    expect(fromStudy(field({ field: 'dosage_form', value: 'tablet' }), {}, 'EXP-301')).toBe(false);
    expect(fromStudy(field({ field: 'excipient', value: 'lactose' }), {}, 'EXP-301')).toBe(false);
  });
});
