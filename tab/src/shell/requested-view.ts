import type { KeyValueStorage } from '../auth/token-store.js';

const storageKey = 'campus.view';

/**
 * Links open a page of the tab with `?view=` (approval mails link to `/?view=approvals`). Signing in leaves the
 * page for the authority and comes back to `/`, so the signed-out page remembers the view for after the return.
 */
export function rememberRequestedView(url: URL, storage: KeyValueStorage): void {
  const view = url.searchParams.get('view');
  if (view) storage.setItem(storageKey, view);
}

/** The view the address asks for, else the one remembered before signing in (read once). */
export function takeRequestedView(url: URL, storage: KeyValueStorage): string | null {
  const remembered = storage.getItem(storageKey);
  storage.removeItem(storageKey);
  return url.searchParams.get('view') ?? remembered;
}
