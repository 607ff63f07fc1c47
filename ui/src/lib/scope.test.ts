import { describe, expect, it } from 'vitest';
import { MESSAGES } from './i18n/index.svelte';
import { fromStudy, scopeChange, scopeLabelKey, scopeNeededKey, scopeSelect } from './scope';
import type { ScopeField, ScopeFieldName } from './types';

const FIELDS: ScopeFieldName[] = ['substance', 'manufacturer', 'dosage_form', 'indication'];
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
});

describe('the change sent for one select', () => {
  it('names only that field, in the camelCase the command takes', () => {
    expect(scopeChange('indication', 'NSCLC')).toEqual({ indication: 'NSCLC' });
    expect(scopeChange('dosage_form', 'tablet')).toEqual({ dosageForm: 'tablet' });
    expect(scopeChange('manufacturer', ' Plant A ')).toEqual({ manufacturer: 'Plant A' });
  });

  it('"not stated" is an empty string, which clears the field', () => {
    expect(scopeChange('substance', '')).toEqual({ substance: '' });
  });
});

describe('the select', () => {
  it('starts on "not stated" when the document says nothing', () => {
    expect(scopeSelect(field())).toEqual({ options: ['NSCLC', 'gastric cancer'], selected: '' });
  });

  it('selects the recorded spelling of a value stated in another case', () => {
    expect(scopeSelect(field({ value: 'Gastric Cancer' })).selected).toBe('gastric cancer');
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
  });
});
