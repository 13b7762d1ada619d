import { describe, expect, it } from 'vitest';
import { addWorkingDays } from './working-days.js';

describe('addWorkingDays', () => {
  it('skips the weekend: Friday afternoon plus two working days is Tuesday afternoon', () => {
    // Friday 7 March 2025, 10:00 in London (GMT).
    expect(addWorkingDays(new Date('2025-03-07T10:00:00Z'), 2, 'Europe/London')).toEqual(
      new Date('2025-03-11T10:00:00Z'),
    );
  });

  it('counts Monday to Wednesday within one week', () => {
    expect(addWorkingDays(new Date('2025-03-03T09:15:00Z'), 2, 'Europe/London')).toEqual(
      new Date('2025-03-05T09:15:00Z'),
    );
  });

  it('treats a request made on Saturday like one made on Friday evening: due on Tuesday', () => {
    expect(addWorkingDays(new Date('2025-03-08T12:00:00Z'), 2, 'Europe/London')).toEqual(
      new Date('2025-03-11T12:00:00Z'),
    );
  });

  it('keeps the wall-clock time across a daylight-saving change (Los Angeles, 9 March 2025)', () => {
    // Friday 15:00 PST (UTC-8) → Tuesday 15:00 PDT (UTC-7).
    expect(addWorkingDays(new Date('2025-03-07T23:00:00Z'), 2, 'America/Los_Angeles')).toEqual(
      new Date('2025-03-11T22:00:00Z'),
    );
  });

  it("counts days on the approver's calendar: the same instant is Friday in Los Angeles and Saturday in Tokyo", () => {
    const instant = new Date('2025-03-07T23:30:00Z');
    // Friday 15:30 in Los Angeles → Tuesday 15:30 PDT.
    expect(addWorkingDays(instant, 2, 'America/Los_Angeles')).toEqual(new Date('2025-03-11T22:30:00Z'));
    // Saturday 08:30 in Tokyo → Tuesday 08:30 JST.
    expect(addWorkingDays(instant, 2, 'Asia/Tokyo')).toEqual(new Date('2025-03-10T23:30:00Z'));
  });
});
