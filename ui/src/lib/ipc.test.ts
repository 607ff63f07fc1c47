import { describe, expect, it } from 'vitest';
import { asApiError } from './ipc';

describe('errors from commands', () => {
  it('keeps the code and message of an ApiError', () => {
    expect(asApiError({ code: 'invalid', message: '`x` is not a document type' })).toEqual({
      code: 'invalid',
      message: '`x` is not a document type',
    });
  });

  it('turns anything else into an internal error with a readable message', () => {
    expect(asApiError(new Error('boom'))).toEqual({ code: 'internal', message: 'boom' });
    expect(asApiError('command documents_list not allowed')).toEqual({ code: 'internal', message: 'command documents_list not allowed' });
  });
});

describe('a build its findings stop', () => {
  it('keeps the findings so the screen can word them', () => {
    const f = { rule: 'DB-PKG-EMPTY', severity: 'error', message: 'sequence 0001 would send nothing', code: 'sequence-empty', params: { sequence: '0001' } };
    expect(asApiError({ code: 'invalid', message: 'cannot be built', findings: [f] })).toEqual({ code: 'invalid', message: 'cannot be built', findings: [f] });
  });
});
