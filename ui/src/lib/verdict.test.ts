import { describe, expect, it } from 'vitest';
import { buildCounts, verdictMessage, type ValidationVerdict } from './verdict';
import type { Finding } from './types';

const clean: ValidationVerdict = { rules: 92, rules_failed: 0, errors: 0, warnings: 0, notes: 0, levels: {}, undecided: 0, rejecting: 0, would_be_rejected: false };

describe('verdictMessage', () => {
  it('never says "no findings" when the verdict is a rejection, even with no planning finding', () => {
    const rejected: ValidationVerdict = { ...clean, rules_failed: 2, errors: 2, levels: { 'P/F': 2 }, rejecting: 2, would_be_rejected: true };
    const m = verdictMessage([], rejected);
    expect(m.key).toBe('build.verdictRejected');
    expect(m.tone).toBe('error');
    expect(m.params).toEqual({ n: 2, levels: 'P/F 2' });
  });

  it('says "no findings" only when nothing failed, nothing was undecided and nothing was planned', () => {
    expect(verdictMessage([], clean).key).toBe('build.clean');
    expect(verdictMessage([], { ...clean, undecided: 1 }).key).toBe('build.verdictUndecided');
    expect(verdictMessage([], { ...clean, warnings: 3, levels: { BP: 3 } }).params).toEqual({ n: 3 });
    const note: Finding = { rule: 'DB-GEN-LETTER', severity: 'info', message: 'generated' };
    expect(verdictMessage([note], clean).key).not.toBe('build.clean');
  });

  it('does not claim a check that did not run', () => {
    expect(verdictMessage([], null).key).toBe('build.verdictUnchecked');
  });
});

describe('buildCounts', () => {
  it('counts the verdict\'s failures with the planning findings, so a rejection never shows "Error 0"', () => {
    const rejected: ValidationVerdict = { ...clean, rules_failed: 2, errors: 2, warnings: 5, levels: { 错误: 2 }, rejecting: 2, would_be_rejected: true };
    const note: Finding = { rule: 'DB-GEN-LETTER', severity: 'info', message: 'generated' };
    expect(buildCounts([note], rejected)).toEqual({ error: 2, warning: 5, info: 1 });
    expect(buildCounts([], null)).toEqual({ error: 0, warning: 0, info: 0 });
  });
});
