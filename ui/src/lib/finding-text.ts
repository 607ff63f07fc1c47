// Build, import and validation findings in the UI's language. As with gaps (gap-text.ts), the
// Rust side writes English and says what kind of message it is (`code`) with the values it was
// written from (`params`); the Chinese UIs word it from `finding.<code>`. Validation problems
// carry the catalogue's own Chinese message and fix. English, and any finding without a code,
// keeps the original text.
import { format, MESSAGES } from './i18n/index.svelte';
import type { ApiError, Finding, Language, ValidationProblem, Wording } from './types';

// The packaging regions' codes, as the UI names regions elsewhere.
const REGION_KEYS: Record<string, string> = {
  eu: 'region.eu',
  us: 'region.us',
  cn: 'region.mainland_china',
  hk: 'region.hong_kong',
};

/** A finding's values made readable in `lang`: scope fields, repeated-heading kinds, regions. */
function readable(params: Record<string, string>, lang: Language): Record<string, string> {
  const m = MESSAGES[lang];
  const p = { ...params };
  if (p.field) p.field = m[`scope.field.${p.field}`] ?? p.field;
  if (p.kind) p.kind = m[`heading.kind.${p.kind}`] ?? p.kind;
  if (p.region && REGION_KEYS[p.region]) p.region = m[REGION_KEYS[p.region]] ?? p.region;
  return p;
}

export function findingText(f: Finding, lang: Language): string {
  if (lang === 'en' || !f.code) return f.message;
  const text = MESSAGES[lang][`finding.${f.code}`];
  return text ? format(text, readable(f.params ?? {}, lang)) : f.message;
}

/** An error from a command in `lang`: a code with a wording of its own (`error.<code>`: an eCTD
 *  v4.0 unit handed to import or validation) is worded in Chinese; English keeps the message,
 *  which names the input. */
export function errorText(e: ApiError, lang: Language): string {
  if (lang === 'en') return e.message;
  return MESSAGES[lang][`error.${e.code}`] ?? e.message;
}

/** A validation problem's message and fix in `lang` (English where the catalogue has none). */
export function problemText(p: ValidationProblem, lang: Language): Wording {
  const local = lang === 'zh-Hans' ? p.zh_hans : lang === 'zh-Hant' ? p.zh_hant : null;
  return {
    message: local?.message || p.message,
    fix: local?.fix || p.fix,
  };
}
