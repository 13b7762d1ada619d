import type { ApprovalView } from '../api-types.js';

/** How many decided requests one page of the Decided list holds. */
export const decidedPageSize = 10;

/**
 * The Decided list: what the viewer decided on this page view first (newest first), then the pages the API gave
 * (newest decision first), each request once. A request decided here is also on a page loaded afterwards.
 */
export function mergeDecided(
  decidedHere: readonly ApprovalView[],
  pages: readonly (readonly ApprovalView[])[],
): ApprovalView[] {
  const seen = new Set<string>();
  const merged: ApprovalView[] = [];
  for (const approval of [...decidedHere, ...pages.flat()]) {
    if (seen.has(approval.id)) continue;
    seen.add(approval.id);
    merged.push(approval);
  }
  return merged;
}
