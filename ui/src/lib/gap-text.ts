// Gap messages in the UI's language. The rules write every gap in English (`message`, `action`)
// and also say what kind of message it is (`code`) with the values it was written from
// (`params`); here the Chinese UIs word it from those. English keeps the rules' own text, which
// carries details (a PDF's version, a library's error) that a code does not.
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
  /** The template's English action, shown beside a localised one (templates carry no Chinese actions yet). */
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
  return p;
}

export function gapText(gap: Gap, lang: Language, words: GapWords): GapText {
  if (lang === 'en') return { message: gap.message, action: gap.action, original: null };
  const params = gapParams(gap, lang, words);
  const code = gap.code ? lookup(lang, `gapmsg.${gap.code}`) : undefined;
  const message = code ? format(code, params) : gap.message;
  const generated = gap.action_code ? lookup(lang, `gapact.${gap.action_code}`) : undefined;
  if (generated) {
    // `record-facts` ends with the template's action, which is English: show it apart.
    const original = gap.action_code === 'record-facts' ? templateAction(gap) : null;
    return { message, action: format(generated, params), original };
  }
  const byStatus = lookup(lang, `gapact.status.${gap.status}`);
  return byStatus ? { message, action: format(byStatus, params), original: gap.action } : { message, action: gap.action, original: null };
}

/** The template's part of a generated "record the facts; then: …" action. */
function templateAction(gap: Gap): string | null {
  const i = gap.action.indexOf('; then: ');
  return i >= 0 ? gap.action.slice(i + '; then: '.length) : null;
}
