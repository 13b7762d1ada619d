/**
 * The tab's only door to the Campus API: adds the bearer token, turns every failure (error bodies, proxies'
 * HTML pages, dropped connections) into an ApiError with a message fit to show the user.
 */
import type {
  ApprovalSettingsRequest,
  ApprovalSettingsView,
  ApprovalView,
  CampusNotification,
  RegistrationChange,
  AudiencePreview,
  AudienceMemberPage,
  AudienceRule,
  AudienceView,
  ClientConfig,
  Expert,
  FieldValue,
  GroupSummary,
  SuggestedField,
  CreateSessionRequest,
  Me,
  MySession,
  Person,
  RegistrationView,
  SessionPage,
  SessionView,
} from './api-types.js';

/** Codes the tab makes up itself, for failures that never reached the API or got no readable answer. */
export const clientErrorCodes = {
  network: 'TAB_ERR_NETWORK',
  badResponse: 'TAB_ERR_BAD_RESPONSE',
  signedOut: 'TAB_ERR_SIGNED_OUT',
  sso: 'TAB_ERR_SSO',
} as const;

/** A failed API call. `field` is the JSON pointer (e.g. /capacity) of the input the API refused, if any. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly field: string | undefined;
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    options: { field?: string; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.field = options.field;
  }
}

/** What the user reads when the sign-in is gone or refused: the remedy, not the protocol detail. */
export const signedOutMessage = 'Your sign-in has expired. Sign in again.';

const statusMessages: Record<number, string> = {
  401: signedOutMessage,
  403: 'You do not have access to this part of Campus.',
  404: 'Campus could not find what you asked for.',
  429: 'Campus is busy right now. Wait a moment and try again.',
};

/** Maps a failed response's status and text to an ApiError; the API's own message wins when there is one. */
export function toApiError(status: number, bodyText: string): ApiError {
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    body = undefined;
  }
  if (isErrorBody(body)) {
    const field = typeof body.details?.field === 'string' ? body.details.field : undefined;
    return new ApiError(status, body.code ?? `TAB_ERR_HTTP_${status}`, body.message, { field });
  }
  const message =
    statusMessages[status] ??
    (status >= 500
      ? 'Campus is having trouble right now. Try again in a few minutes.'
      : `Campus could not handle the request (HTTP ${status}).`);
  return new ApiError(status, `TAB_ERR_HTTP_${status}`, message);
}

function isErrorBody(
  body: unknown,
): body is { code?: string; message: string; details?: { field?: unknown } } {
  return (
    typeof body === 'object' &&
    body !== null &&
    typeof (body as { message?: unknown }).message === 'string' &&
    (body as { message: string }).message.length > 0
  );
}

/** Sends one request and parses its JSON answer; every failure becomes an ApiError. */
async function requestJson<T>(fetchImpl: typeof fetch, url: string, init: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetchImpl(url, init);
  } catch (cause) {
    throw new ApiError(
      0,
      clientErrorCodes.network,
      'Campus could not be reached. Check your connection and try again.',
      { cause },
    );
  }
  const text = await response.text();
  if (!response.ok) throw toApiError(response.status, text);
  // 204 No Content (a delete) has no body to read.
  if (response.status === 204) return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch (cause) {
    throw new ApiError(
      response.status,
      clientErrorCodes.badResponse,
      'Campus sent an answer the tab could not read.',
      { cause },
    );
  }
}

/** Reads where to sign in; the one call made before there is a token. */
export function fetchClientConfig(fetchImpl: typeof fetch = fetch): Promise<ClientConfig> {
  return requestJson<ClientConfig>(fetchImpl, '/api/config', { headers: { accept: 'application/json' } });
}

/** How the client gets its token and hears that the token stopped working. */
export interface ApiClientOptions {
  getToken: () => Promise<string>;
  /** Called on every 401 before the error is thrown, so the app can ask for a new sign-in. */
  onUnauthorized?: (error: ApiError) => void;
  fetch?: typeof fetch;
}

/** The Campus API, typed. */
export type ApiClient = ReturnType<typeof createApiClient>;

export function createApiClient({ getToken, onUnauthorized, fetch: fetchImpl = fetch }: ApiClientOptions) {
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    try {
      // Inside the try: a token source that finds the sign-in gone throws a 401 ApiError, handled like the API's.
      const headers: Record<string, string> = {
        accept: 'application/json',
        authorization: `Bearer ${await getToken()}`,
      };
      if (body !== undefined) headers['content-type'] = 'application/json';
      return await requestJson<T>(fetchImpl, path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) onUnauthorized?.(error);
      throw error;
    }
  }

  return {
    getMe: () => call<Me>('GET', '/api/me'),
    listSessions: ({ limit, cursor }: { limit: number; cursor?: string | null }) => {
      const query = new URLSearchParams({ limit: String(limit) });
      if (cursor) query.set('cursor', cursor);
      return call<SessionPage>('GET', `/api/sessions?${query}`);
    },
    getSession: (id: string) => call<SessionView>('GET', `/api/sessions/${encodeURIComponent(id)}`),
    createSession: (request: CreateSessionRequest) => call<SessionView>('POST', '/api/sessions', request),
    searchPeople: (search: string, limit = 10) =>
      call<{ people: Person[] }>(
        'GET',
        `/api/people?${new URLSearchParams({ search, limit: String(limit) })}`,
      ),
    register: (sessionId: string) =>
      call<RegistrationView>('POST', `/api/sessions/${encodeURIComponent(sessionId)}/registrations`),
    listMySessions: () => call<{ sessions: MySession[] }>('GET', '/api/me/sessions'),
    cancelMyRegistration: (sessionId: string) =>
      call<RegistrationView>(
        'POST',
        `/api/sessions/${encodeURIComponent(sessionId)}/registrations/me/cancel`,
      ),
    getRegistrationHistory: (registrationId: string) =>
      call<{ registration: RegistrationView; changes: RegistrationChange[] }>(
        'GET',
        `/api/registrations/${encodeURIComponent(registrationId)}/history`,
      ),
    listMyNotifications: (limit = 50) =>
      call<{ notifications: CampusNotification[] }>('GET', `/api/me/notifications?limit=${limit}`),
    listApprovals: () => call<{ approvals: ApprovalView[] }>('GET', '/api/approvals'),
    listDecidedApprovals: ({ limit, cursor }: { limit: number; cursor?: string | null }) => {
      const query = new URLSearchParams({ limit: String(limit) });
      if (cursor) query.set('cursor', cursor);
      return call<{ approvals: ApprovalView[]; nextCursor: string | null }>(
        'GET',
        `/api/approvals/decided?${query}`,
      );
    },
    getApproval: (id: string) => call<ApprovalView>('GET', `/api/approvals/${encodeURIComponent(id)}`),
    decideApproval: (id: string, decision: 'approve' | 'decline', comment: string | null) =>
      call<ApprovalView>('POST', `/api/approvals/${encodeURIComponent(id)}/decision`, { decision, comment }),
    getApprovalSettings: () => call<ApprovalSettingsView>('GET', '/api/me/approval-settings'),
    updateApprovalSettings: (settings: ApprovalSettingsRequest) =>
      call<ApprovalSettingsView>('PUT', '/api/me/approval-settings', settings),
    previewAudience: (rule: AudienceRule) =>
      call<AudiencePreview>('POST', '/api/audiences/preview', { rule }),
    listAudiences: ({ limit, cursor }: { limit: number; cursor?: string | null }) => {
      const query = new URLSearchParams({ limit: String(limit) });
      if (cursor) query.set('cursor', cursor);
      return call<{ audiences: AudienceView[]; nextCursor: string | null }>('GET', `/api/audiences?${query}`);
    },
    createAudience: (audience: { name: string; description?: string | null; rule: AudienceRule }) =>
      call<AudienceView>('POST', '/api/audiences', audience),
    updateAudience: (
      id: string,
      change: { name?: string; description?: string | null; rule?: AudienceRule },
    ) => call<AudienceView>('PATCH', `/api/audiences/${encodeURIComponent(id)}`, change),
    deleteAudience: (id: string) => call<void>('DELETE', `/api/audiences/${encodeURIComponent(id)}`),
    listAudienceMembers: (id: string, { limit, cursor }: { limit: number; cursor?: string | null }) => {
      const query = new URLSearchParams({ limit: String(limit) });
      if (cursor) query.set('cursor', cursor);
      return call<AudienceMemberPage>('GET', `/api/audiences/${encodeURIComponent(id)}/members?${query}`);
    },
    searchGroups: (search: string, limit = 10) =>
      call<{ groups: GroupSummary[] }>(
        'GET',
        `/api/groups?${new URLSearchParams({ search, limit: String(limit) })}`,
      ),
    findGroups: (ids: readonly string[]) =>
      call<{ groups: GroupSummary[] }>('GET', `/api/groups?${new URLSearchParams({ ids: ids.join(',') })}`),
    listFieldValues: (field: SuggestedField, search: string, limit = 20) =>
      call<{ values: FieldValue[] }>(
        'GET',
        `/api/audiences/values/${field}?${new URLSearchParams({ search, limit: String(limit) })}`,
      ),
    searchExperts: (topic: string, limit = 10) =>
      call<{ words: string[]; experts: Expert[] }>(
        'GET',
        `/api/experts?${new URLSearchParams({ topic, limit: String(limit) })}`,
      ),
  };
}
