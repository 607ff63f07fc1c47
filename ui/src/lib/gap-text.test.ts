import { describe, expect, it } from 'vitest';
import { gapText } from './gap-text';
import type { Gap } from './types';

const words = {
  itemTitle: (id: string) => ({ 'hk-gmp': 'GMP证书' })[id],
  typeTitle: (id: string) => ({ 'clinical-study-synopsis': '临床研究摘要' })[id],
};

function gap(over: Partial<Gap>): Gap {
  return {
    application: 'app_hk',
    item: 'hk-gmp',
    item_title: 'GMP certificate',
    section: 'hk:1.3',
    status: 'missing',
    severity: 'error',
    rule: 'hk-gmp',
    source: 'HK-03',
    confidence: 'confirmed',
    message: 'GMP certificate: no document yet',
    action: 'Obtain a certified true copy of the GMP certificate and import it.',
    action_zh_hans: null,
    action_zh_hant: null,
    document: null,
    code: 'missing',
    params: { item: 'hk-gmp' },
    action_code: null,
    ...over,
  };
}

describe('gap messages', () => {
  it('English keeps the rules’ own words', () => {
    const g = gap({});
    expect(gapText(g, 'en', words)).toEqual({ message: g.message, action: g.action, template: null, original: null });
  });

  it('without a Chinese action in the template, a generic instruction is shown with the English one kept apart', () => {
    const text = gapText(gap({}), 'zh-Hans', words);
    expect(text.message).toBe('GMP证书：尚无文件');
    expect(text.action).not.toMatch(/[A-Za-z]{4}/);
    expect(text.original).toContain('certified true copy');
  });

  it('languages, facts and companion types are named in Chinese', () => {
    const lang = gapText(gap({ code: 'no-version-in', status: 'needs-translation', params: { item: 'hk-gmp', need: 'zh-Hant', have: 'en' } }), 'zh-Hant', words);
    expect(lang.message).toContain('繁體中文');
    expect(lang.message).toContain('英文');
    const undecided = gapText(
      gap({ code: 'undecided', status: 'undecided', action_code: 'record-facts', params: { item: 'hk-gmp', facts: 'applicant_in_region', app: 'app_hk' }, action: 'Record applicant_in_region on the application (dossier app set app_hk FACT=true|false); then: Import it.' }),
      'zh-Hans',
      words,
    );
    expect(undecided.message).not.toContain('applicant_in_region');
    expect(undecided.original).toBe('Import it.');
    const companion = gapText(gap({ code: 'companion', action_code: 'import-companion', params: { path: 'm5/csr.pdf', study: 'EX-301', companion: 'clinical-study-synopsis' } }), 'zh-Hans', words);
    expect(companion.message).toContain('临床研究摘要');
    expect(companion.action).toContain('EX-301');
  });

  it('a document without its repeated heading instance is worded with the field named in Chinese', () => {
    const g = gap({
      code: 'instance-unstated',
      status: 'undecided',
      rule: 'DB-PKG-INSTANCE',
      action_code: 'set-scope',
      params: { path: 'm5/csr.pdf', section: '5.3.5.1', field: 'indication', choices: 'NSCLC; gastric cancer', stated: '' },
    });
    const hans = gapText(g, 'zh-Hans', words);
    expect(hans.message).toBe('m5/csr.pdf 位于 5.3.5.1，该章节按适应症分别重复；产品信息记录了多个（NSCLC; gastric cancer），但文件未指明属于哪一个');
    expect(hans.action).toBe('指明其所属适应症：打开该文件，在“所属”中选择');
    const hant = gapText({ ...g, code: 'instance-unknown', params: { ...g.params, field: 'dosage_form', stated: 'syrup' } }, 'zh-Hant', words);
    expect(hant.message).toContain('劑型「syrup」');
  });

  it('an unknown code falls back to the English message', () => {
    expect(gapText(gap({ code: 'something-new' }), 'zh-Hans', words).message).toBe('GMP certificate: no document yet');
  });

  it('the template’s own Chinese action replaces the English fallback', () => {
    const zh = { action_zh_hans: '取得每个生产场地 GMP 证书的核证副本并导入。', action_zh_hant: '取得每個生產場地 GMP 證書的核證副本並匯入。' };
    const hans = gapText(gap(zh), 'zh-Hans', words);
    expect(hans).toEqual({ message: 'GMP证书：尚无文件', action: zh.action_zh_hans, template: null, original: null });
    expect(gapText(gap(zh), 'zh-Hant', words).action).toBe(zh.action_zh_hant);
    expect(gapText(gap(zh), 'en', words).action).toContain('certified true copy');
    const expired = gapText(gap({ ...zh, status: 'expired', code: 'expired', params: { path: 'gmp.pdf', day: '2025-09-30' } }), 'zh-Hant', words);
    expect(expired.action).not.toBe(zh.action_zh_hant);
    expect(expired.template).toBe(zh.action_zh_hant);
    expect(expired.original).toBeNull();
    const undecided = gapText(
      gap({ ...zh, code: 'undecided', status: 'undecided', action_code: 'record-facts', params: { item: 'hk-gmp', facts: 'applicant_in_region', app: 'app_hk' }, action: 'Record applicant_in_region on the application (dossier app set app_hk FACT=true|false); then: Import it.' }),
      'zh-Hans',
      words,
    );
    expect(undecided.template).toBe(zh.action_zh_hans);
    expect(undecided.original).toBeNull();
  });
});
