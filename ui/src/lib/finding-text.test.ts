import { describe, expect, it } from 'vitest';
import { errorText, findingText, problemText } from './finding-text';
import type { Finding, ValidationProblem } from './types';

const unstated: Finding = {
  rule: 'DB-PKG-INSTANCE',
  severity: 'error',
  message: 'b.pdf (doc_1) is on 5.3.5, which is repeated per indication, and the product has 2: A; B; say which…',
  code: 'instance-unstated',
  params: { file: 'b.pdf', document: 'doc_1', section: '5.3.5', field: 'indication', choices: 'A; B' },
};

describe('findingText', () => {
  it('words a coded finding in Chinese, naming the field in that language', () => {
    const text = findingText(unstated, 'zh-Hans');
    expect(text).toContain('b.pdf（doc_1）位于 5.3.5');
    expect(text).toContain('适应症');
    expect(text).not.toMatch(/\{\w+\}/);
    expect(findingText(unstated, 'zh-Hant')).toContain('適應症');
  });

  it('names the repeated heading kind and the region in the reader’s language', () => {
    const f: Finding = {
      rule: 'DB-PKG-INSTANCE',
      severity: 'error',
      message: 'x',
      code: 'instance-unrecorded',
      params: { file: 'a.pdf', section: '3.2.P.4', kind: 'excipient' },
    };
    expect(findingText(f, 'zh-Hans')).toContain('按辅料分别重复');
    const g: Finding = { ...f, code: 'section-not-regional', params: { file: 'a', document: 'd', section: 'cn:9', region: 'cn' } };
    expect(findingText(g, 'zh-Hant')).toContain('中國內地');
  });

  it('words a malformed backbone with its file, line, column and reason', () => {
    const f: Finding = {
      rule: 'DB-US-INDEX-XML',
      severity: 'error',
      message: '0001/index.xml: not well-formed XML at line 8, column 1: …',
      code: 'backbone-malformed',
      params: { sequence: '0001', path: 'index.xml', line: '8', column: '1', reason: 'the file ends inside the element <leaf> opened at line 4' },
    };
    expect(findingText(f, 'zh-Hans')).toContain('0001/index.xml：第 8 行第 1 列');
    expect(findingText(f, 'zh-Hant')).toContain('第 8 行第 1 欄');
    expect(findingText(f, 'zh-Hant')).toContain('opened at line 4');
    expect(findingText(f, 'zh-Hans')).not.toMatch(/\{\w+\}/);
  });

  it('keeps the English message in English, without a code, and for a code it does not know', () => {
    expect(findingText(unstated, 'en')).toBe(unstated.message);
    expect(findingText({ ...unstated, code: undefined }, 'zh-Hans')).toBe(unstated.message);
    expect(findingText({ ...unstated, code: 'no-such-code' }, 'zh-Hant')).toBe(unstated.message);
  });
});

describe('problemText', () => {
  const p: ValidationProblem = {
    rule: '11.2',
    level: 'P/F',
    severity: 'error',
    status: 'fail',
    file: 'm2/a.pdf',
    message: 'the checksum does not match',
    fix: 'Rebuild.',
    zh_hans: { message: '校验和不符', fix: '重新构建。' },
    zh_hant: { message: '校驗和不符', fix: '' },
  };

  it('takes the catalogue’s wording in the reader’s script, English where it has none', () => {
    expect(problemText(p, 'zh-Hans')).toEqual({ message: '校验和不符', fix: '重新构建。' });
    expect(problemText(p, 'zh-Hant')).toEqual({ message: '校驗和不符', fix: 'Rebuild.' });
    expect(problemText(p, 'en')).toEqual({ message: p.message, fix: p.fix });
  });
});

describe('errorText', () => {
  it('words an eCTD v4.0 refusal in Chinese and keeps the English message naming the input', () => {
    const e = { code: 'unsupported' as const, message: '/x/app: this is an eCTD v4.0 submission unit (submissionunit.xml, HL7 RPS); …' };
    expect(errorText(e, 'en')).toBe(e.message);
    expect(errorText(e, 'zh-Hans')).toContain('eCTD v4.0 提交单元');
    expect(errorText(e, 'zh-Hant')).toContain('eCTD v4.0 提交單元');
    expect(errorText({ code: 'io', message: 'disk full' }, 'zh-Hans')).toBe('disk full');
  });
});
