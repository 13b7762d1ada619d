import type { FastifyInstance } from 'fastify';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  ATTENDEE_NY,
  ATTENDEE_TOKYO,
  ORGANIZER,
  WRITER,
  appCaller,
  as,
  delegatedCaller,
  useFreshHarness,
} from './test-harness.js';

let app: FastifyInstance;
useFreshHarness((harness) => ({ app } = harness));

async function postEvent(mailbox: string, event: Record<string, unknown>) {
  const response = await app.inject({
    method: 'POST',
    url: `/v1.0/users/${mailbox}/events`,
    headers: WRITER,
    payload: event,
  });
  expect(response.statusCode).toBe(201);
}

beforeEach(async () => {
  // Yuki is busy 09:00-10:00 Tokyo time on 10 March, which is 17:00-18:00 on 9 March in Seattle (daylight time).
  await postEvent(ATTENDEE_TOKYO.id, {
    subject: 'Team standup',
    location: { displayName: 'Shibuya 3F' },
    start: { dateTime: '2026-03-10T09:00:00', timeZone: 'Tokyo Standard Time' },
    end: { dateTime: '2026-03-10T10:00:00', timeZone: 'Tokyo Standard Time' },
  });
  // An invitation Yuki has not answered shows as tentative in her calendar: 19:00-19:30 Seattle time.
  await postEvent(ORGANIZER.id, {
    subject: 'Invitation',
    start: { dateTime: '2026-03-10T02:00:00', timeZone: 'UTC' },
    end: { dateTime: '2026-03-10T02:30:00', timeZone: 'UTC' },
    attendees: [{ emailAddress: { address: ATTENDEE_TOKYO.mail } }],
  });
});

function getSchedule(headers: Record<string, string>, schedules: string[], interval?: number) {
  return app.inject({
    method: 'POST',
    url: `/v1.0/users/${ORGANIZER.id}/calendar/getSchedule`,
    headers,
    payload: {
      schedules,
      startTime: { dateTime: '2026-03-09T16:00:00', timeZone: 'Pacific Standard Time' },
      endTime: { dateTime: '2026-03-09T20:00:00', timeZone: 'Pacific Standard Time' },
      ...(interval === undefined ? {} : { availabilityViewInterval: interval }),
    },
  });
}

describe('POST /users/{id}/calendar/getSchedule', () => {
  it('reports a busy block from another time zone in the requested zone', async () => {
    const response = await getSchedule(as(appCaller('Calendars.Read')), [
      ATTENDEE_TOKYO.mail,
      ATTENDEE_NY.mail,
    ]);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body['@odata.context']).toBe(
      'https://graph.microsoft.com/v1.0/$metadata#Collection(microsoft.graph.scheduleInformation)',
    );
    const [yuki, noah] = body.value;
    expect(yuki.scheduleId).toBe(ATTENDEE_TOKYO.mail);
    expect(yuki.availabilityView).toBe('00220010');
    expect(yuki.scheduleItems).toEqual([
      {
        isPrivate: false,
        status: 'busy',
        subject: 'Team standup',
        location: 'Shibuya 3F',
        start: { dateTime: '2026-03-09T17:00:00.0000000', timeZone: 'Pacific Standard Time' },
        end: { dateTime: '2026-03-09T18:00:00.0000000', timeZone: 'Pacific Standard Time' },
      },
      expect.objectContaining({
        status: 'tentative',
        start: { dateTime: '2026-03-09T19:00:00.0000000', timeZone: 'Pacific Standard Time' },
      }),
    ]);
    expect(yuki.workingHours).toEqual({
      daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
      startTime: '08:00:00.0000000',
      endTime: '17:00:00.0000000',
      timeZone: { name: 'Tokyo Standard Time' },
    });
    expect(noah.availabilityView).toBe('00000000');
    expect(noah.scheduleItems).toEqual([]);
  });

  it('uses the interval given, in minutes', async () => {
    const response = await getSchedule(WRITER, [ATTENDEE_TOKYO.mail], 60);
    expect(response.json().value[0].availabilityView).toBe('0201');
  });

  it('hides subjects from a delegated user looking at a colleague', async () => {
    const response = await getSchedule(as(delegatedCaller(ORGANIZER.id, 'Calendars.ReadBasic')), [
      ATTENDEE_TOKYO.mail,
    ]);
    const [item] = response.json().value[0].scheduleItems;
    expect(item).toEqual({
      status: 'busy',
      start: { dateTime: '2026-03-09T17:00:00.0000000', timeZone: 'Pacific Standard Time' },
      end: { dateTime: '2026-03-09T18:00:00.0000000', timeZone: 'Pacific Standard Time' },
    });
  });

  it('answers an error entry for an unknown schedule', async () => {
    const response = await getSchedule(WRITER, ['ghost@contoso-dev.onmicrosoft.com']);
    expect(response.statusCode).toBe(200);
    expect(response.json().value[0]).toMatchObject({
      scheduleId: 'ghost@contoso-dev.onmicrosoft.com',
      error: { responseCode: 'ErrorMailRecipientNotFound', message: expect.any(String) },
    });
  });

  it('rejects a bad time zone and a missing schedules list', async () => {
    const badZone = await app.inject({
      method: 'POST',
      url: `/v1.0/users/${ORGANIZER.id}/calendar/getSchedule`,
      headers: WRITER,
      payload: {
        schedules: [ATTENDEE_NY.mail],
        startTime: { dateTime: '2026-03-09T16:00:00', timeZone: 'Mars/Olympus' },
        endTime: { dateTime: '2026-03-09T20:00:00', timeZone: 'UTC' },
      },
    });
    expect(badZone.statusCode).toBe(400);
    expect(badZone.json().error.code).toBe('TimeZoneNotSupportedException');
    const none = await getSchedule(WRITER, []);
    expect(none.statusCode).toBe(400);
    expect(none.json().error.code).toBe('ErrorInvalidParameter');
  });

  it('requires a calendar permission', async () => {
    const response = await getSchedule(as(appCaller('Mail.Send')), [ATTENDEE_NY.mail]);
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('ErrorAccessDenied');
  });
});
