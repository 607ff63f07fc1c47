// The one verdict of a build, as the app words it: the same sum (`ValidationVerdict` in
// crates/dossier-package/src/validate/verdict.rs) the CLI, `dossier validate` and the gap report
// show. "No findings" is said only when nothing failed and nothing was left undecided, so it can
// never stand above "would be rejected".
import type { Finding } from './types';

export interface ValidationVerdict {
  rules: number;
  rules_failed: number;
  errors: number;
  warnings: number;
  notes: number;
  /** Failed problems by the region's own level (`P/F`, `BP`, `High`, `错误`…). */
  levels: Record<string, number>;
  undecided: number;
  rejecting: number;
  would_be_rejected: boolean;
}

export interface VerdictMessage {
  key: 'build.verdictRejected' | 'build.verdictWarnings' | 'build.verdictUndecided' | 'build.verdictUnchecked' | 'build.clean';
  tone: 'error' | 'warning' | 'info' | 'ok';
  params: Record<string, string | number>;
}

/** `P/F 3, BP 115`: the failures by the region's level, for the message. */
export function levelList(verdict: ValidationVerdict): string {
  return Object.entries(verdict.levels)
    .map(([level, n]) => `${level} ${n}`)
    .join(', ');
}

/** The message over a build's result: planning findings and the validation's verdict together. */
export function verdictMessage(findings: Finding[], verdict: ValidationVerdict | null | undefined): VerdictMessage {
  const planned = findings.filter((f) => f.severity === 'error' || f.severity === 'warning').length;
  if (!verdict) {
    return { key: 'build.verdictUnchecked', tone: 'info', params: {} };
  }
  if (verdict.would_be_rejected) {
    return { key: 'build.verdictRejected', tone: 'error', params: { n: verdict.rejecting, levels: levelList(verdict) } };
  }
  const warnings = verdict.warnings + planned;
  if (warnings > 0) {
    return { key: 'build.verdictWarnings', tone: 'warning', params: { n: warnings } };
  }
  if (verdict.undecided > 0) {
    return { key: 'build.verdictUndecided', tone: 'info', params: { n: verdict.undecided } };
  }
  if (findings.length > 0 || verdict.notes > 0) {
    return { key: 'build.verdictWarnings', tone: 'info', params: { n: 0 } };
  }
  return { key: 'build.clean', tone: 'ok', params: {} };
}

/** The counts shown over a build: its planning findings and the verdict's failures together, so
 * "Error 0" never stands above "would be rejected". */
export function buildCounts(findings: Finding[], verdict: ValidationVerdict | null | undefined): { error: number; warning: number; info: number } {
  const c = { error: 0, warning: 0, info: 0 };
  for (const f of findings) c[f.severity] += 1;
  c.error += verdict?.errors ?? 0;
  c.warning += verdict?.warnings ?? 0;
  c.info += verdict?.notes ?? 0;
  return c;
}
