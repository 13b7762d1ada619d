import { createError } from '../../errors.js';

/** The values that place a list's next page, as the opaque text the list hands out as its cursor. */
export function encodePageCursor(values: ReadonlyArray<string | number>): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/**
 * The values of a cursor a list handed out, as `read` takes them (null when they are not its own); anything else is a
 * 400 naming `cursor`, with `message` saying what it is not.
 */
export function decodePageCursor<T>(
  cursor: string,
  read: (values: unknown[]) => T | null,
  message = 'cursor is not a page cursor returned by this list',
): T {
  let decoded: unknown = null;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    // Not base64url JSON: answered below like any other foreign cursor.
  }
  const values = Array.isArray(decoded) ? read(decoded) : null;
  if (values !== null) return values;
  throw createError('CAMPUS_ERR_VALIDATION', message, {
    details: { location: 'querystring', field: '/cursor' },
  });
}
