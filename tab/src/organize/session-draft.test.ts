import { describe, expect, it } from 'vitest';
import {
  createDraft,
  fieldForPointer,
  toCreateSessionRequest,
  validateDraft,
  withStart,
  type SessionDraft,
} from './session-draft.js';

const now = new Date('2026-11-30T12:00:00Z');

function validDraft(): SessionDraft {
  return {
    ...createDraft('Europe/Paris', now),
    title: '  Intro to TypeScript ',
    abstract: 'Types for people who write JavaScript.',
    presenter: { id: '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f', displayName: 'Ada Lovelace' },
  };
}

describe('session draft', () => {
  it('starts tomorrow 10:00–11:00 in the chosen zone, online, with 20 seats', () => {
    expect(createDraft('Pacific/Auckland', now)).toMatchObject({
      start: '2026-12-02T10:00',
      end: '2026-12-02T11:00',
      timeZone: 'Pacific/Auckland',
      online: true,
      capacity: '20',
    });
  });

  it('accepts a complete draft and builds the API body from it', () => {
    const draft = validDraft();
    expect(validateDraft(draft, now)).toEqual({});
    expect(toCreateSessionRequest({ ...draft, location: '  ' })).toEqual({
      title: 'Intro to TypeScript',
      abstract: 'Types for people who write JavaScript.',
      presenterId: '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f',
      start: { dateTime: '2026-12-01T10:00:00', timeZone: 'Europe/Paris' },
      end: { dateTime: '2026-12-01T11:00:00', timeZone: 'Europe/Paris' },
      capacity: 20,
      online: true,
      location: null,
    });
  });

  it('names every missing or wrong field', () => {
    const errors = validateDraft(
      {
        ...validDraft(),
        title: 'ab',
        abstract: ' ',
        presenter: null,
        capacity: '2.5',
        online: false,
        location: '',
      },
      now,
    );
    expect(Object.keys(errors).sort()).toEqual(['abstract', 'capacity', 'location', 'presenterId', 'title']);
    expect(validateDraft({ ...validDraft(), capacity: '0' }, now).capacity).toMatch(/from 1 to 10000/);
    expect(validateDraft({ ...validDraft(), timeZone: 'Nowhere/Else' }, now)).toEqual({
      timeZone: 'Choose a time zone from the list.',
    });
  });

  it('checks the schedule in the chosen zone: future start, end after start, at most 12 hours', () => {
    // 12:00 UTC is 13:00 in Paris, so 12:30 Paris time has passed already while 12:30 in New York has not.
    const past = { ...validDraft(), start: '2026-11-30T12:30', end: '2026-11-30T13:30' };
    expect(validateDraft(past, now).start).toBe('The session must start in the future.');
    expect(validateDraft({ ...past, timeZone: 'America/New_York' }, now)).toEqual({});
    expect(validateDraft({ ...validDraft(), end: '2026-12-01T09:00' }, now).end).toBe(
      'The session must end after it starts.',
    );
    expect(validateDraft({ ...validDraft(), end: '2026-12-01T22:01' }, now).end).toBe(
      'A session lasts at most 12 hours.',
    );
    expect(validateDraft({ ...validDraft(), start: '' }, now).start).toBe(
      'Enter the date and time the session starts.',
    );
  });

  it('moves the end along when the start passes it', () => {
    const draft = validDraft();
    expect(withStart(draft, '2026-12-01T09:00')).toMatchObject({
      start: '2026-12-01T09:00',
      end: '2026-12-01T11:00',
    });
    expect(withStart(draft, '2026-12-01T11:30')).toMatchObject({
      start: '2026-12-01T11:30',
      end: '2026-12-01T12:30',
    });
  });

  it("maps the API's JSON pointers to form fields", () => {
    expect(fieldForPointer('/capacity')).toBe('capacity');
    expect(fieldForPointer('/start/dateTime')).toBe('start');
    expect(fieldForPointer('/end/timeZone')).toBe('timeZone');
    expect(fieldForPointer('/presenterId')).toBe('presenterId');
    expect(fieldForPointer('/online')).toBeNull();
    expect(fieldForPointer(undefined)).toBeNull();
  });
});
