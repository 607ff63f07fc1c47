import { describe, expect, it } from 'vitest';
import { conditionEvidence, evidenceText } from './route-text';
import type { Evidence } from './types';

const study: Evidence = {
  code: 'clinical-subjects',
  params: { study: 'EXP-301', total: '48', regions: 'hong_kong,mainland_china', hong_kong: '8', mainland_china: '40' },
  text: 'study EXP-301: 8 hong kong, 40 mainland china of 48 subjects',
};
const registered: Evidence = { code: 'fact', params: { fact: 'registered_in_region', value: 'false' }, text: 'registered_in_region = false' };
const approval: Evidence = {
  code: 'reference-approval',
  params: { authority: 'NMPA', country: 'CN', date: '2025-06-18', number: '国药准字H20253127' },
  text: 'NMPA (CN) approval of 2025-06-18, 国药准字H20253127',
};

describe('route evidence', () => {
  it('reads in each language without the rules’ field names', () => {
    expect(evidenceText(study, 'zh-Hans')).toBe('研究 EXP-301：香港 8 名、中国内地 40 名（共 48 名受试者）');
    expect(evidenceText(study, 'zh-Hant')).toBe('研究 EXP-301：香港 8 名、中國內地 40 名（共 48 名受試者）');
    expect(evidenceText(study, 'en')).toBe('Study EXP-301: 8 Hong Kong, 40 Mainland China of 48 subjects');
    expect(evidenceText(registered, 'zh-Hans')).toBe('产品已在该地区注册：否');
    expect(evidenceText(registered, 'en')).not.toContain('registered_in_region');
    expect(evidenceText(approval, 'zh-Hant')).toBe('NMPA（CN）於 2025-06-18 批准，編號 国药准字H20253127');
    expect(evidenceText({ ...approval, params: { ...approval.params, number: '' } }, 'en')).toBe('NMPA (CN) approval of 2025-06-18');
    expect(evidenceText({ code: 'designation', params: { designation: 'breakthrough', authority: 'NMPA' }, text: 'breakthrough (NMPA)' }, 'zh-Hans')).toBe('NMPA：突破性治疗认定');
    expect(evidenceText({ code: 'document', params: { path: 'hk/expert.pdf' }, text: 'hk/expert.pdf' }, 'zh-Hant')).toBe('hk/expert.pdf');
  });

  it('an unknown code keeps the English text', () => {
    expect(evidenceText({ code: 'something-new', params: {}, text: 'as the rules wrote it' }, 'zh-Hans')).toBe('as the rules wrote it');
    expect(conditionEvidence({ evidence: ['a'], evidence_codes: [{ code: 'x', params: {}, text: 'a' }] }, 'zh-Hant')).toEqual(['a']);
  });
});
