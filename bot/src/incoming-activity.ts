/** An activity body that passed the checks below, or the first problem found, worded for the caller. */
export type ReadActivity = { ok: true; activity: Record<string, unknown> } | { ok: false; problem: string };

function parseJson(body: unknown): { ok: true; value: unknown } | { ok: false; problem: string } {
  if (typeof body !== 'string' && !(body instanceof Uint8Array)) return { ok: true, value: body };
  const text = typeof body === 'string' ? body : new TextDecoder().decode(body);
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, problem: `The request body is not valid JSON: ${(error as Error).message}` };
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nonEmptyString(value: unknown): boolean {
  return typeof value === 'string' && value.trim() !== '';
}

/**
 * Checks the fields the Bot Framework protocol makes every activity carry and that the bot relies on to answer
 * (replies go to serviceUrl + conversation.id). The host may hand over the body parsed or as raw text/bytes.
 */
export function readActivity(body: unknown): ReadActivity {
  const parsed = parseJson(body);
  if (!parsed.ok) return parsed;
  const activity = parsed.value;
  if (!isObject(activity))
    return { ok: false, problem: 'The request body must be a Bot Framework activity (a JSON object).' };
  if (!nonEmptyString(activity.type))
    return { ok: false, problem: 'activity.type is required (a non-empty string).' };
  if (!nonEmptyString(activity.channelId))
    return { ok: false, problem: 'activity.channelId is required (a non-empty string).' };
  if (!nonEmptyString(activity.serviceUrl))
    return { ok: false, problem: 'activity.serviceUrl is required (a non-empty string).' };
  if (!isObject(activity.conversation) || !nonEmptyString(activity.conversation.id)) {
    return { ok: false, problem: 'activity.conversation.id is required (a non-empty string).' };
  }
  if (!isObject(activity.from) || !nonEmptyString(activity.from.id)) {
    return { ok: false, problem: 'activity.from.id is required (a non-empty string).' };
  }
  // botbuilder rewrites timestamps in place; the caller's object stays as it was.
  return { ok: true, activity: structuredClone(activity) };
}
