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
