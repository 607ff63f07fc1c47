// Which instance of a repeated CTD heading a document belongs to (3.2.S per drug substance and
// manufacturer, 3.2.P per dosage form, 3.2.P.4 per excipient, 2.7.3 and 5.3.5 per indication).
// `dossier-api` decides which fields a document has and which values are allowed; this only
// words and shapes them.
import type { Scope, ScopeChange, ScopeField, ScopeFieldName } from './types';

/** The message key of a field's label: Drug substance, Manufacturer, Dosage form, Indication, Excipient. */
export function scopeLabelKey(field: ScopeFieldName): string {
  return `scope.field.${field}`;
}

/** The message key of the warning shown when the build cannot pick an instance by itself. */
export function scopeNeededKey(field: ScopeFieldName): string {
  return `scope.needed.${field}`;
}

/** The change `document_set_scope` takes for one select: only that field, `''` clearing it. */
export function scopeChange(field: ScopeFieldName, value: string): ScopeChange {
  const key: keyof ScopeChange = field === 'dosage_form' ? 'dosageForm' : field;
  return { [key]: value.trim() };
}

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

export interface ScopeSelect {
  /** The choices after the empty "not stated" one. */
  options: string[];
  /** The option to select: `''` for "not stated". */
  selected: string;
}

/**
 * The select's choices and current choice. The api compares values without regard to case, so
 * a stated value is matched the same way; one the facts no longer record is still listed, so the
 * select shows what the document says rather than pretending it says nothing.
 */
export function scopeSelect(field: ScopeField): ScopeSelect {
  const value = field.value?.trim() ?? '';
  if (!value) return { options: field.options, selected: '' };
  const match = field.options.find((o) => same(o, value));
  return match !== undefined ? { options: field.options, selected: match } : { options: [...field.options, value], selected: value };
}

/** The indication shown comes from the document's study, not from the document itself. */
export function fromStudy(field: ScopeField, scope: Scope, study: string | null): boolean {
  return field.field === 'indication' && !!field.value && !scope.indication && !!study;
}
