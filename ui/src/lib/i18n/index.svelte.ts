// Interface language: English, 简体中文, 繁體中文. Every UI string lives in the three message
// files; `t()` falls back to English (and then to the key) so a missing translation shows
// something readable instead of nothing, and the unit test fails on it.
import en from './en.json';
import zhHans from './zh-Hans.json';
import zhHant from './zh-Hant.json';
import type { DocumentTypeInfo, Language } from '../types';

export type Messages = Record<string, string>;

export const MESSAGES: Record<Language, Messages> = { en, 'zh-Hans': zhHans, 'zh-Hant': zhHant };
export const LANGUAGES: { id: Language; label: string }[] = [
  { id: 'en', label: 'English' },
  { id: 'zh-Hans', label: '简体中文' },
  { id: 'zh-Hant', label: '繁體中文' },
];

export const i18n = $state<{ lang: Language }>({ lang: 'en' });

/** `t('docs.count', { n: 3 })` replaces `{n}` in the message. */
export function t(key: string, params?: Record<string, string | number>): string {
  const text = MESSAGES[i18n.lang][key] ?? en[key as keyof typeof en] ?? key;
  return params ? format(text, params) : text;
}

export function format(text: string, params: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function isLanguage(s: string | null | undefined): s is Language {
  return s === 'en' || s === 'zh-Hans' || s === 'zh-Hant';
}

/** The language a first start picks from the system: Traditional for TW/HK/MO. */
export function systemLanguage(navigatorLanguage: string): Language {
  const l = navigatorLanguage.toLowerCase();
  if (!l.startsWith('zh')) return 'en';
  return /hant|tw|hk|mo/.test(l) ? 'zh-Hant' : 'zh-Hans';
}

/** A document type's title in the chosen language, where the template has one. */
export function typeTitle(info: DocumentTypeInfo | undefined, fallback: string | null, lang: Language = i18n.lang): string {
  if (!info) return fallback ?? '';
  if (lang === 'zh-Hans' && info.title_zh_hans) return info.title_zh_hans;
  if (lang === 'zh-Hant' && info.title_zh_hant) return info.title_zh_hant;
  return info.title;
}

export function setLang(lang: Language) {
  i18n.lang = lang;
  document.documentElement.lang = lang;
}
