import { describe, expect, it } from 'vitest';
import { changeOf, checkApplication, emptyForm, formOf, newApplication } from './application-form';
import type { ApplicationInfo } from './types';

const hk: ApplicationInfo = {
  id: 'app_hk', profile: 'hk-dh-new-product', route: '1plus', title: 'HK', created_at: '', target_date: '2026-12-31',
  facts: { applicant_in_region: true }, profile_title: 'HK', authority: 'DH', format: 'hk-ctd',
} as ApplicationInfo;

describe('the application editor form', () => {
  it('refuses a malformed or past target date, with the date in the message', () => {
    const f = { ...formOf(hk), targetDate: '2026-02-30' };
    expect(checkApplication(f, '2026-06-01', hk).targetDate?.key).toBe('editor.err.date');
    const past = checkApplication({ ...f, targetDate: '2025-01-01' }, '2026-06-01', hk).targetDate;
    expect(past).toEqual({ key: 'editor.err.datePast', params: { date: '2025-01-01' } });
    expect(checkApplication(formOf(hk), '2027-06-01', hk), 'an unchanged past date is left alone').toEqual({});
  });

  it('a new application needs a profile; its name may stay empty', () => {
    expect(checkApplication(emptyForm(), '2026-06-01', null).profile?.key).toBe('editor.err.profile');
    expect(newApplication({ ...emptyForm('fda-nda'), facts: { paediatric: 'no', trade_name_used: '' } })).toEqual({
      profile: 'fda-nda', title: null, route: null, target_date: null, facts: { paediatric: false },
    });
  });

  it('sends only what changed, and unsets a fact made unrecorded', () => {
    const f = { ...formOf(hk), targetDate: '2027-03-31', facts: { applicant_in_region: '' as const, paediatric: 'yes' as const } };
    expect(changeOf(hk, f)).toEqual({ target_date: '2027-03-31', set: { paediatric: true }, unset: ['applicant_in_region'] });
    expect(changeOf(hk, formOf(hk))).toEqual({ set: {}, unset: [] });
  });

  it('an emptied route or target date is sent as null, which clears it', () => {
    expect(changeOf(hk, { ...formOf(hk), route: '', targetDate: ' ' })).toEqual({ route: null, target_date: null, set: {}, unset: [] });
    expect(changeOf({ ...hk, route: null, target_date: null }, { ...formOf(hk), route: '', targetDate: '' })).toEqual({ set: {}, unset: [] });
  });
});
