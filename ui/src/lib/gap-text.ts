// Gap messages in the UI's language. The rules write every gap in English (`message`, `action`)
// and also say what kind of message it is (`code`) with the values it was written from
// (`params`); here the Chinese UIs word it from those. English keeps the rules' own text, which
// carries details (a PDF's version, a library's error) that a code does not. The template's own
// action comes in both Chinese scripts (`action_zh_*`); the English one is shown, labelled, only
// for a template that lacks them (a folder loaded with `dossier templates DIR`).
import { format, MESSAGES } from './i18n/index.svelte';
import type { Gap, Language } from './types';

export interface GapWords {
  /** A checklist item's title in the UI's language. */
  itemTitle: (item: string) => string | undefined;
  /** A document type's title in the UI's language. */
  typeTitle: (docType: string) => string | undefined;
}

export interface GapText {
  message: string;
  action: string;
  /** The item's own action from the template, in the UI's language, when `action` is a more specific step. */
  template: string | null;
  /** The template's English action, shown beside a generic localised one when the template has no Chinese action. */
  original: string | null;
}

function lookup(lang: Language, key: string): string | undefined {
  return MESSAGES[lang][key];
}

/** `en+zh-Hans` → `英文+简体中文`; unknown codes stay as they are. */
function languages(lang: Language, codes: string): string {
  return codes
    .split(/([+,]\s*)/)
    .map((part) => lookup(lang, `lang.${part.trim()}`) ?? part)
    .join('');
}

function facts(lang: Language, names: string): string {
  return names
    .split(', ')
    .map((n) => lookup(lang, `fact.${n}`) ?? n)
    .join('、');
}

/** The values of a gap made readable in `lang`: item and type titles, language and fact names. */
export function gapParams(gap: Gap, lang: Language, words: GapWords): Record<string, string> {
  const p: Record<string, string> = { ...gap.params };
  if (p.item) p.item = words.itemTitle(p.item) ?? gap.item_title;
  if (p.companion) p.companion = words.typeTitle(p.companion) ?? p.companion;
  if (p.have) p.have = languages(lang, p.have);
  if (p.need) p.need = languages(lang, p.need);
  if (p.facts) p.facts = facts(lang, p.facts);
  if (p.field) p.field = lookup(lang, `scope.field.${p.field}`) ?? p.field;
  return p;
}

/** The template's action in `lang`, when the template has it in that language. */
export function localAction(x: { action_zh_hans: string | null; action_zh_hant: string | null }, lang: Language): string | null {
  if (lang === 'zh-Hans') return x.action_zh_hans;
  if (lang === 'zh-Hant') return x.action_zh_hant;
  return null;
}

export function gapText(gap: Gap, lang: Language, words: GapWords): GapText {
  if (lang === 'en') return { message: gap.message, action: gap.action, template: null, original: null };
  const params = gapParams(gap, lang, words);
  const code = gap.code ? lookup(lang, `gapmsg.${gap.code}`) : undefined;
  const message = code ? format(code, params) : gap.message;
  const local = localAction(gap, lang);
  const generated = gap.action_code ? lookup(lang, `gapact.${gap.action_code}`) : undefined;
  if (generated) {
    // `record-facts` ends with the template's action: shown apart, in English only as a fallback.
    if (gap.action_code !== 'record-facts') return { message, action: format(generated, params), template: null, original: null };
    return { message, action: format(generated, params), template: local, original: local ? null : templateAction(gap) };
  }
  // A missing document: the item's own action says exactly what to get. Otherwise (expired, wrong
  // language, …) the step for that status comes first and the item's action after it.
  if (local && gap.status === 'missing') return { message, action: local, template: null, original: null };
  const byStatus = lookup(lang, `gapact.status.${gap.status}`);
  if (!byStatus) return { message, action: local ?? gap.action, template: null, original: null };
  return { message, action: format(byStatus, params), template: local, original: local ? null : gap.action };
}

/** The template's part of a generated "record the facts; then: …" action. */
function templateAction(gap: Gap): string | null {
  const i = gap.action.indexOf('; then: ');
  return i >= 0 ? gap.action.slice(i + '; then: '.length) : null;
}
