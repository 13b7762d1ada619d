import { describe, expect, it } from 'vitest';
import { decodePageCursor, encodePageCursor } from './page-cursor.js';

const asPair = ([time, id, ...rest]: unknown[]) =>
  typeof time === 'number' && typeof id === 'string' && rest.length === 0 ? { time, id } : null;

describe('page cursors', () => {
  it('gives back the values a cursor was made of', () => {
    expect(decodePageCursor(encodePageCursor([1_700_000_000_000, 'session-1']), asPair)).toEqual({
      time: 1_700_000_000_000,
      id: 'session-1',
    });
  });

  it('refuses text that is not JSON, and values the list does not take, naming the cursor', () => {
    for (const foreign of ['not-a-cursor', encodePageCursor(['session-1']), encodePageCursor([1, 'a', 'b'])]) {
      let refusal: unknown;
      try {
        decodePageCursor(foreign, asPair, 'cursor is not a page cursor of this list');
      } catch (error) {
        refusal = error;
      }
      expect(refusal).toMatchObject({
        code: 'CAMPUS_ERR_VALIDATION',
        message: 'cursor is not a page cursor of this list',
        details: { location: 'querystring', field: '/cursor' },
      });
    }
  });
});
