// Route evidence in the UI's language. The rules write each evidence line in English (`text`)
// and also say what it is (`code`) with the values it was written from (`params`); the line is
// worded here from those, and falls back to the English text for a code it does not know.
import { format, MESSAGES } from './i18n/index.svelte';
import type { ConditionResult, Evidence, Language } from './types';

function lookup(lang: Language, key: string): string | undefined {
  return MESSAGES[lang][key];
}

/** A name from the message files (`region.mainland_china`), or the key's value unchanged. */
function named(lang: Language, prefix: string, value: string): string {
  return lookup(lang, `${prefix}.${value}`) ?? value;
}

export function evidenceText(e: Evidence, lang: Language): string {
  const p = e.params;
  switch (e.code) {
    case 'document':
      return p.path ?? e.text;
    case 'reference-approval': {
      const key = p.number ? 'evidence.reference-approval.number' : 'evidence.reference-approval';
      const text = lookup(lang, key);
      return text ? format(text, p) : e.text;
    }
    case 'clinical-subjects': {
      const text = lookup(lang, 'evidence.clinical-subjects');
      const count = lookup(lang, 'evidence.count');
      if (!text || !count || !p.regions) return e.text;
      const counts = p.regions
        .split(',')
        .map((r) => format(count, { region: named(lang, 'region', r), n: p[r] ?? '?' }))
        .join(lookup(lang, 'evidence.separator') ?? ', ');
      return format(text, { study: p.study, total: p.total, counts });
    }
    case 'designation':
    case 'modality':
    case 'fact': {
      const text = lookup(lang, `evidence.${e.code}`);
      if (!text) return e.text;
      return format(text, {
        ...p,
        designation: named(lang, 'designation', p.designation ?? ''),
        modality: named(lang, 'modality', p.modality ?? ''),
        fact: named(lang, 'fact', p.fact ?? ''),
        value: p.value === 'true' ? (lookup(lang, 'evidence.yes') ?? p.value) : p.value === 'false' ? (lookup(lang, 'evidence.no') ?? p.value) : (p.value ?? ''),
      });
    }
    default:
      return e.text;
  }
}

/** A condition's evidence lines in `lang`. */
export function conditionEvidence(c: Pick<ConditionResult, 'evidence' | 'evidence_codes'>, lang: Language): string[] {
  return c.evidence_codes ? c.evidence_codes.map((e) => evidenceText(e, lang)) : c.evidence;
}
