import { useEffect, useState } from 'react';
import type { ApiClient } from '../api-client.js';
import type { RegistrationView } from '../api-types.js';
import { declineCommentOf } from './registration-words.js';

/**
 * The supervisor's comments on the viewer's declined registrations, by registration id. The comment lives in the
 * registration's history, so it is read only for registrations a supervisor declined. A history that cannot be read
 * leaves the comment out: the decline itself is still shown.
 */
export function useDeclineComments(
  api: ApiClient,
  registrations: readonly RegistrationView[],
): ReadonlyMap<string, string | null> {
  const [comments, setComments] = useState<ReadonlyMap<string, string | null>>(new Map());
  const wanted = registrations
    .filter(
      (registration) => registration.status === 'declined' && registration.closedBy?.role === 'supervisor',
    )
    .map((registration) => registration.id)
    .sort()
    .join(' ');

  useEffect(() => {
    if (!wanted) return;
    let current = true;
    void Promise.all(
      wanted.split(' ').map(async (id) => {
        const history = await api.getRegistrationHistory(id).catch(() => null);
        return [id, history && declineCommentOf(history.changes)] as const;
      }),
    ).then((entries) => current && setComments(new Map(entries)));
    return () => {
      current = false;
    };
  }, [api, wanted]);

  return comments;
}
