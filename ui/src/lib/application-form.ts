// The application editor's form: what a person fills in, checked before it is sent, and turned
// into `dossier app add` / `dossier app set` arguments. The api checks the route again.
import { isDate, type Problems } from './facts-check';
import type { ApplicationChange, ApplicationInfo, NewApplication } from './types';

/** A fact is recorded as yes or no, or left unrecorded (`''`). */
export type FactValue = '' | 'yes' | 'no';

export interface ApplicationForm {
  profile: string;
  title: string;
  route: string;
  targetDate: string;
  facts: Record<string, FactValue>;
}

export function formOf(a: ApplicationInfo): ApplicationForm {
  const facts: Record<string, FactValue> = {};
  for (const [k, v] of Object.entries(a.facts)) if (typeof v === 'boolean') facts[k] = v ? 'yes' : 'no';
  return { profile: a.profile, title: a.title, route: a.route ?? '', targetDate: a.target_date ?? '', facts };
}

export function emptyForm(profile = ''): ApplicationForm {
  return { profile, title: '', route: '', targetDate: '', facts: {} };
}

/** `today` is `YYYY-MM-DD`; a target date in the past is refused on a new date only. */
export function checkApplication(f: ApplicationForm, today: string, existing: ApplicationInfo | null): Problems {
  const out: Problems = {};
  if (!f.profile) out.profile = { key: 'editor.err.profile' };
  if (existing && !f.title.trim()) out.title = { key: 'editor.err.name' };
  const date = f.targetDate.trim();
  if (date && !isDate(date)) out.targetDate = { key: 'editor.err.date' };
  else if (date && date < today && date !== existing?.target_date) out.targetDate = { key: 'editor.err.datePast', params: { date } };
  return out;
}

export function newApplication(f: ApplicationForm): NewApplication {
  const facts: Record<string, boolean> = {};
  for (const [k, v] of Object.entries(f.facts)) if (v) facts[k] = v === 'yes';
  return {
    profile: f.profile,
    title: f.title.trim() || null,
    route: f.route || null,
    target_date: f.targetDate.trim() || null,
    facts,
  };
}

/** Only what changed; an unrecorded fact that was recorded is unset, and an emptied route or
 * target date is cleared (`null`, as `dossier app set --route none`). */
export function changeOf(before: ApplicationInfo, f: ApplicationForm): ApplicationChange {
  const change: ApplicationChange = { set: {}, unset: [] };
  if (f.title.trim() !== before.title) change.title = f.title.trim();
  if (f.route !== (before.route ?? '')) change.route = f.route || null;
  const date = f.targetDate.trim();
  if (date !== (before.target_date ?? '')) change.target_date = date || null;
  const old = formOf(before).facts;
  for (const name of new Set([...Object.keys(old), ...Object.keys(f.facts)])) {
    const now = f.facts[name] ?? '';
    if (now === (old[name] ?? '')) continue;
    if (now) change.set![name] = now === 'yes';
    else change.unset!.push(name);
  }
  return change;
}
