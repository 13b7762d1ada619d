import type { FastifyInstance } from 'fastify';
import { beforeEach, describe, expect, it } from 'vitest';
import { ORGANIZER, WRITER, useFreshHarness } from './test-harness.js';

const VIEW = `/v1.0/users/${ORGANIZER.id}/calendarView`;

let app: FastifyInstance;
useFreshHarness((harness) => ({ app } = harness));

async function create(subject: string, start: string, end: string, timeZone: string) {
  const response = await app.inject({
    method: 'POST',
    url: `/v1.0/users/${ORGANIZER.id}/events`,
    headers: WRITER,
    payload: { subject, start: { dateTime: start, timeZone }, end: { dateTime: end, timeZone } },
  });
  expect(response.statusCode).toBe(201);
}

beforeEach(async () => {
  await create('Paris afternoon', '2026-03-10T14:00:00', '2026-03-10T15:00:00', 'Europe/Paris');
  await create('Seattle morning', '2026-03-10T08:00:00', '2026-03-10T09:00:00', 'Pacific Standard Time');
  await create('Next week', '2026-03-17T10:00:00', '2026-03-17T11:00:00', 'UTC');
  await create('Early UTC', '2026-03-10T09:00:00', '2026-03-10T09:30:00', 'UTC');
});

const subjects = (body: { value: Array<{ subject: string }> }) => body.value.map((event) => event.subject);

describe('GET /users/{id}/calendarView', () => {
  it('returns the events overlapping the window, by start time, in UTC by default', async () => {
    const response = await app.inject({
      method: 'GET',
      url: `${VIEW}?startDateTime=2026-03-10T00:00:00Z&endDateTime=2026-03-11T00:00:00Z`,
      headers: WRITER,
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(subjects(body)).toEqual(['Early UTC', 'Paris afternoon', 'Seattle morning']);
    expect(body.value[1].start).toEqual({ dateTime: '2026-03-10T13:00:00.0000000', timeZone: 'UTC' });
    // 8:00 in Seattle on 10 March 2026 is daylight time (UTC-7), two days after the US switch.
    expect(body.value[2].start).toEqual({ dateTime: '2026-03-10T15:00:00.0000000', timeZone: 'UTC' });
    expect(body['@odata.context']).toBe(
      `https://graph.microsoft.com/v1.0/$metadata#users('${ORGANIZER.id}')/calendarView`,
    );
  });

  it('reads window bounds with an offset and lower-case parameter names', async () => {
    const response = await app.inject({
      method: 'GET',
      url: `${VIEW}?startdatetime=${encodeURIComponent('2026-03-10T04:00:00-08:00')}&enddatetime=${encodeURIComponent('2026-03-10T14:30:00+00:00')}`,
      headers: WRITER,
    });
    expect(subjects(response.json())).toEqual(['Paris afternoon']);
  });

  it('shows start and end in the zone of Prefer: outlook.timezone, Windows or IANA', async () => {
    const inZone = (zone: string) =>
      app.inject({
        method: 'GET',
        url: `${VIEW}?startDateTime=2026-03-10T12:00:00&endDateTime=2026-03-10T14:00:00&$select=subject,start,end`,
        headers: { ...WRITER, prefer: `outlook.timezone="${zone}"` },
      });
    const pacific = await inZone('Pacific Standard Time');
    expect(pacific.headers['preference-applied']).toBe('outlook.timezone="Pacific Standard Time"');
    expect(pacific.json().value[0]).toMatchObject({
      subject: 'Paris afternoon',
      start: { dateTime: '2026-03-10T06:00:00.0000000', timeZone: 'Pacific Standard Time' },
      end: { dateTime: '2026-03-10T07:00:00.0000000', timeZone: 'Pacific Standard Time' },
    });
    expect((await inZone('Asia/Tokyo')).json().value[0].start).toEqual({
      dateTime: '2026-03-10T22:00:00.0000000',
      timeZone: 'Asia/Tokyo',
    });
    expect((await inZone('Europe/Paris')).json().value[0].start).toEqual({
      dateTime: '2026-03-10T14:00:00.0000000',
      timeZone: 'Europe/Paris',
    });
  });

  it('pages with $top and @odata.nextLink', async () => {
    const first = await app.inject({
      method: 'GET',
      url: `${VIEW}?startDateTime=2026-03-01T00:00:00Z&endDateTime=2026-04-01T00:00:00Z&$top=3`,
      headers: WRITER,
    });
    const page1 = first.json();
    expect(subjects(page1)).toEqual(['Early UTC', 'Paris afternoon', 'Seattle morning']);
    const next = new URL(page1['@odata.nextLink']);
    expect(next.searchParams.get('$skip')).toBe('3');
    const second = await app.inject({
      method: 'GET',
      url: `${next.pathname}${next.search}`,
      headers: WRITER,
    });
    expect(subjects(second.json())).toEqual(['Next week']);
    expect(second.json()['@odata.nextLink']).toBeUndefined();
  });

  it('requires both window parameters', async () => {
    const response = await app.inject({
      method: 'GET',
      url: `${VIEW}?startDateTime=2026-03-10T00:00:00Z`,
      headers: WRITER,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('ErrorInvalidParameters');
  });

  it('lists the mailbox with $top paging through GET /events too', async () => {
    const response = await app.inject({
      method: 'GET',
      url: `/v1.0/users/${ORGANIZER.id}/events?$top=2&$select=subject`,
      headers: WRITER,
    });
    const body = response.json();
    expect(subjects(body)).toEqual(['Paris afternoon', 'Seattle morning']);
    expect(body['@odata.nextLink']).toContain('%24skip=2');
    expect(body['@odata.context']).toBe(
      `https://graph.microsoft.com/v1.0/$metadata#users('${ORGANIZER.id}')/events(subject)`,
    );
  });
});
