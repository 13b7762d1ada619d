import { Ajv, type Options } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { createError } from '../../errors.js';

const shared: Options = { allErrors: false, useDefaults: true, strict: false, removeAdditional: false };

/**
 * Bodies are checked strictly: no type coercion (a capacity of "10" or true is an error, not 10 or 1) and unknown
 * keys are refused rather than silently dropped (Fastify's default Ajv removes them). Query strings and path
 * parameters arrive as text, so they are coerced.
 */
function createAjv(coerceTypes: Options['coerceTypes']): Ajv {
  const ajv = new Ajv({ ...shared, coerceTypes });
  addFormats.default(ajv);
  return ajv;
}

/** The first key at any depth that MongoDB would read as an operator or a path, e.g. `$where` or `a.b`. */
export function findOperatorKey(value: unknown, path = ''): string | null {
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findOperatorKey(item, `${path}/${index}`);
      if (found) return found;
    }
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key.startsWith('$') || key.includes('.')) return `${path}/${key}`;
      const found = findOperatorKey(item, `${path}/${key}`);
      if (found) return found;
    }
  }
  return null;
}

export const validation = fp(
  async (app: FastifyInstance) => {
    const strict = createAjv(false);
    const coercing = createAjv('array');
    app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? strict : coercing).compile(schema));
    app.addHook('preValidation', async (request) => {
      const key = findOperatorKey(request.body);
      if (key) {
        throw createError('CAMPUS_ERR_VALIDATION', `body${key}: keys may not start with '$' or contain '.'`, {
          details: { location: 'body', field: key },
        });
      }
    });
  },
  { name: 'campus-validation' },
);
