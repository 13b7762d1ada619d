import type { ApprovalSettingsRequest, ApprovalSettingsView } from '../api-types.js';

/** The settings as they stand, in the shape PUT takes (the API replaces them whole). */
export function toSettingsRequest(view: ApprovalSettingsView): ApprovalSettingsRequest {
  return {
    delegate: view.delegate && { userId: view.delegate.userId, until: view.delegate.until },
    rules: view.rules.map((rule) => ({ maxHours: rule.maxHours })),
  };
}

/** The settings with another standing rule; a limit already there is not added twice. */
export function withRule(settings: ApprovalSettingsRequest, maxHours: number): ApprovalSettingsRequest {
  if (settings.rules.some((rule) => rule.maxHours === maxHours)) return settings;
  return { ...settings, rules: [...settings.rules, { maxHours }].sort((a, b) => a.maxHours - b.maxHours) };
}

export function withoutRule(settings: ApprovalSettingsRequest, maxHours: number): ApprovalSettingsRequest {
  return { ...settings, rules: settings.rules.filter((rule) => rule.maxHours !== maxHours) };
}

/**
 * The end of a delegation chosen with a date input (YYYY-MM-DD): the end of that day in the viewer's zone, so the
 * delegate can still decide on the last day. An empty input means no end.
 */
export function untilFromDateInput(value: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  return new Date(year, month - 1, day, 23, 59, 59).toISOString();
}
