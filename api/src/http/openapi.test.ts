import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from './test-support.js';

interface Operation {
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

describe('the OpenAPI document', () => {
  let t: Awaited<ReturnType<typeof buildTestApp>>;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('is served and gives every route a response schema, errors included', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/docs/json' });
    expect(response.statusCode).toBe(200);
    const paths = response.json().paths as Record<string, Record<string, Operation>>;
    const operations = Object.entries(paths).flatMap(([route, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ name: `${method.toUpperCase()} ${route}`, operation })),
    );
    expect(operations.map((op) => op.name)).toEqual(expect.arrayContaining(['POST /api/sessions', 'GET /api/me/sessions', 'GET /readyz']));
    const withoutSuccessSchema = operations
      .filter(({ operation }) => !Object.entries(operation.responses ?? {}).some(([status, answer]) => status.startsWith('2') && answer.content?.['application/json']?.schema))
      .map((op) => op.name);
    expect(withoutSuccessSchema).toEqual([]);
    const apiWithoutErrorSchema = operations
      .filter(({ name }) => name.includes(' /api/') && name !== 'GET /api/config')
      .filter(({ operation }) => !operation.responses?.['4XX'] && !operation.responses?.['4xx'])
      .map((op) => op.name);
    expect(apiWithoutErrorSchema).toEqual([]);
  });
});
