import { describe, expect, it } from 'vitest';
import { countUnread, newestAt } from './notification-words.js';

const at = (createdAt: string) => ({ createdAt });

describe('unread notifications', () => {
  const notifications = [
    at('2026-11-25T10:00:00.000Z'),
    at('2026-11-25T09:00:00.000Z'),
    at('2026-11-24T18:00:00.000Z'),
  ];

  it('counts those after the last look, and all of them before any look', () => {
    expect(countUnread(notifications, '2026-11-25T09:00:00.000Z')).toBe(1);
    expect(countUnread(notifications, '2026-11-25T10:00:00.000Z')).toBe(0);
    expect(countUnread(notifications, null)).toBe(3);
  });

  it('remembers the newest one as seen, in whatever order they come', () => {
    expect(newestAt([notifications[2]!, notifications[0]!, notifications[1]!])).toBe(
      '2026-11-25T10:00:00.000Z',
    );
    expect(newestAt([])).toBeNull();
  });
});
