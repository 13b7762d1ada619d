import { describe, expect, it } from 'vitest';
import { ApiError, clientErrorCodes, createApiClient, toApiError } from './api-client.js';

type Answer = { status: number; body: string } | Error;

/** A fetch that answers from a script and records what was asked. */
function scriptedFetch(answer: Answer) {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const fetchImpl = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    if (answer instanceof Error) throw answer;
    return new Response(answer.body, { status: answer.status });
  }) as unknown as typeof fetch;
  return { calls, fetchImpl };
}

async function caught(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe('api client', () => {
  it('sends the bearer token and reads JSON', async () => {
    const { calls, fetchImpl } = scriptedFetch({ status: 200, body: '{"sessions":[],"nextCursor":null}' });
    const client = createApiClient({ getToken: async () => 'tok-1', fetch: fetchImpl });
    await expect(client.listSessions({ limit: 20, cursor: 'abc_1' })).resolves.toEqual({
      sessions: [],
      nextCursor: null,
    });
    expect(calls[0]?.url).toBe('/api/sessions?limit=20&cursor=abc_1');
    expect(calls[0]?.init.headers).toMatchObject({ authorization: 'Bearer tok-1' });
  });

  it('posts JSON bodies and sends no body when registering', async () => {
    const { calls, fetchImpl } = scriptedFetch({ status: 201, body: '{"id":"r1"}' });
    const client = createApiClient({ getToken: async () => 't', fetch: fetchImpl });
    await client.register('s/1');
    expect(calls[0]).toMatchObject({
      url: '/api/sessions/s%2F1/registrations',
      init: { method: 'POST', body: undefined },
    });
    expect(calls[0]?.init.headers).not.toHaveProperty('content-type');
    await client.searchPeople('ada l');
    expect(calls[1]?.url).toBe('/api/people?search=ada+l&limit=10');
  });

  it('sends approval decisions and settings as JSON to the routes the API names', async () => {
    const { calls, fetchImpl } = scriptedFetch({ status: 200, body: '{}' });
    const client = createApiClient({ getToken: async () => 't', fetch: fetchImpl });
    await client.decideApproval('a/1', 'decline', 'Not this month');
    await client.updateApprovalSettings({ delegate: null, rules: [{ maxHours: 2 }] });
    await client.cancelMyRegistration('s1');
    expect(calls.map(({ url, init }) => [init.method, url, init.body])).toEqual([
      ['POST', '/api/approvals/a%2F1/decision', '{"decision":"decline","comment":"Not this month"}'],
      ['PUT', '/api/me/approval-settings', '{"delegate":null,"rules":[{"maxHours":2}]}'],
      ['POST', '/api/sessions/s1/registrations/me/cancel', undefined],
    ]);
  });

  it("keeps the API's code, message and refused field", async () => {
    const body = JSON.stringify({
      statusCode: 400,
      code: 'CAMPUS_ERR_VALIDATION',
      error: 'Bad Request',
      message: 'capacity must be a whole number from 1 to 10000',
      details: { field: '/capacity' },
    });
    const { fetchImpl } = scriptedFetch({ status: 400, body });
    const error = await caught(
      createApiClient({ getToken: async () => 't', fetch: fetchImpl }).createSession({} as never),
    );
    expect(error).toMatchObject({
      status: 400,
      code: 'CAMPUS_ERR_VALIDATION',
      message: 'capacity must be a whole number from 1 to 10000',
      field: '/capacity',
    });
  });

  it('tells the app about a 401 so it can sign in again', async () => {
    const seen: ApiError[] = [];
    const body =
      '{"statusCode":401,"code":"CAMPUS_ERR_UNAUTHENTICATED","error":"Unauthorized","message":"token expired"}';
    const { fetchImpl } = scriptedFetch({ status: 401, body });
    const client = createApiClient({
      getToken: async () => 't',
      fetch: fetchImpl,
      onUnauthorized: (e) => seen.push(e),
    });
    const error = await caught(client.getMe());
    expect(seen).toEqual([error]);
    expect(error.code).toBe('CAMPUS_ERR_UNAUTHENTICATED');
  });

  it('gives a readable message when the connection fails', async () => {
    const { fetchImpl } = scriptedFetch(new TypeError('Failed to fetch'));
    const error = await caught(createApiClient({ getToken: async () => 't', fetch: fetchImpl }).getMe());
    expect(error).toMatchObject({ status: 0, code: clientErrorCodes.network });
    expect(error.message).toMatch(/could not be reached/);
  });

  it('rejects a success answer that is not JSON', async () => {
    const { fetchImpl } = scriptedFetch({ status: 200, body: '<html>proxy</html>' });
    const error = await caught(createApiClient({ getToken: async () => 't', fetch: fetchImpl }).getMe());
    expect(error.code).toBe(clientErrorCodes.badResponse);
  });

  it('reads a delete answered 204 No Content as done', async () => {
    const urls: string[] = [];
    const fetchImpl = (async (url: string) => {
      urls.push(url);
      return new Response(null, { status: 204 });
    }) as unknown as typeof fetch;
    await expect(
      createApiClient({ getToken: async () => 't', fetch: fetchImpl }).deleteAudience('a/1'),
    ).resolves.toBeUndefined();
    expect(urls).toEqual(['/api/audiences/a%2F1']);
  });
});

describe('toApiError', () => {
  it('explains a gateway error page without showing its HTML', () => {
    const error = toApiError(502, '<html><body>Bad gateway</body></html>');
    expect(error).toMatchObject({ status: 502, code: 'TAB_ERR_HTTP_502', field: undefined });
    expect(error.message).toBe('Campus is having trouble right now. Try again in a few minutes.');
  });

  it('names the status when nothing else is known', () => {
    expect(toApiError(418, '').message).toBe('Campus could not handle the request (HTTP 418).');
    expect(toApiError(403, '{}').message).toBe('You do not have access to this part of Campus.');
  });

  it('ignores a details.field that is not a string', () => {
    const error = toApiError(
      400,
      JSON.stringify({ code: 'CAMPUS_ERR_VALIDATION', message: 'bad', details: { field: 3 } }),
    );
    expect(error.field).toBeUndefined();
  });
});
