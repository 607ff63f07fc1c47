import { describe, expect, it } from 'vitest';
import { format, i18n, MESSAGES, systemLanguage, t, typeTitle } from './index.svelte';
import { SCREENS } from '../app.svelte';
import { REGIONS, MODALITIES, STATUSES, VERDICTS } from '../types';

const en = MESSAGES.en;
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

// Every UI source file as text (Vite's glob import: no Node APIs in the UI's types).
const SOURCES = import.meta.glob(['../../**/*.svelte', '../../**/*.ts', '!../../**/*.test.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

describe('message files', () => {
  it('every language has exactly the English keys, none empty, with the same placeholders', () => {
    for (const [lang, messages] of Object.entries(MESSAGES)) {
      expect(Object.keys(messages).sort(), `${lang} keys`).toEqual(Object.keys(en).sort());
      for (const [key, text] of Object.entries(messages)) {
        expect(text.trim(), `${lang} ${key} is empty`).not.toBe('');
        expect(placeholders(text), `${lang} ${key} placeholders`).toEqual(placeholders(en[key]));
      }
    }
  });

  it('every literal key the UI asks for exists', () => {
    const used = new Set<string>();
    expect(Object.keys(SOURCES).length, 'the glob found the UI sources').toBeGreaterThan(20);
    for (const text of Object.values(SOURCES)) {
      for (const m of text.matchAll(/\bt\('([\w.-]+)'/g)) used.add(m[1]);
    }
    used.delete('docs.count'); // the example in index.svelte.ts's comment
    const missing = [...used].filter((k) => !(k in en));
    expect(missing, 'keys used in the UI but absent from en.json').toEqual([]);
  });

  it('every key built from a name exists (screens, regions, modalities)', () => {
    const built = [
      ...SCREENS.map((s) => `nav.${s}`),
      ...REGIONS.map((r) => `region.${r}`),
      ...MODALITIES.map((m) => `modality.${m}`),
      ...STATUSES.map((s) => `status.${s}`),
      ...VERDICTS.map((v) => `verdict.${v}`),
      ...['applications', 'route', 'build', 'reports'].map((s) => `${s}.intro`),
    ];
    expect(built.filter((k) => !(k in en))).toEqual([]);
  });

  it('the Chinese files are in their own script, not a copy of each other', () => {
    expect(MESSAGES['zh-Hans']['nav.documents']).toBe('文件');
    expect(MESSAGES['zh-Hans']['docs.col.type']).not.toEqual(MESSAGES['zh-Hant']['docs.col.type']);
  });
});

describe('t', () => {
  it('translates and fills placeholders in the chosen language', () => {
    i18n.lang = 'zh-Hans';
    expect(t('import.counts', { done: 3, total: 10 })).toBe('3 / 10 个文件');
    i18n.lang = 'en';
    expect(t('import.counts', { done: 3, total: 10 })).toBe('3 of 10 files');
  });

  it('shows the key rather than nothing when a message is missing', () => {
    expect(t('no.such.key')).toBe('no.such.key');
  });

  it('leaves unknown placeholders visible', () => {
    expect(format('{a} {b}', { a: 1 })).toBe('1 {b}');
  });
});

describe('language choice', () => {
  it('a first start follows the system: Traditional for Hong Kong and Taiwan', () => {
    expect(systemLanguage('zh-HK')).toBe('zh-Hant');
    expect(systemLanguage('zh-TW')).toBe('zh-Hant');
    expect(systemLanguage('zh-CN')).toBe('zh-Hans');
    expect(systemLanguage('en-GB')).toBe('en');
  });

  it('document type titles use the template title in the chosen language, else English', () => {
    const info = { id: 'cpp', title: 'Certificate of Pharmaceutical Product', title_zh_hans: '药品证明书', title_zh_hant: null, sections: [], unconfirmed: false };
    expect(typeTitle(info, 'cpp', 'zh-Hans')).toBe('药品证明书');
    expect(typeTitle(info, 'cpp', 'zh-Hant')).toBe('Certificate of Pharmaceutical Product');
    expect(typeTitle(undefined, 'cpp', 'en')).toBe('cpp');
  });
});
