import { useEffect, useState } from 'react';
import type { ApiClient } from '../api-client.js';
import type { AudiencePreview, AudienceRule } from '../api-types.js';
import { useDebouncedValue } from '../shared/use-debounced-value.js';

/** The preview's answer for one rule (as JSON text), or why there is none. */
export type PreviewAnswer = { rule: string; preview: AudiencePreview } | { rule: string; error: Error };

/** Pause after the last edit before asking: typing a value does not send a request per key. */
const settleMs = 400;

/**
 * The preview of the rule being edited, asked again once edits pause. `answer` is the latest answer that arrived
 * for the rule on screen or an earlier one (so the numbers stay while the next ones load); `pending` says the rule
 * on screen has not been answered yet.
 */
export function useAudiencePreview(
  api: ApiClient,
  rule: AudienceRule | null,
): { answer: PreviewAnswer | null; pending: boolean; current: boolean } {
  const key = rule === null ? null : JSON.stringify(rule);
  const settled = useDebouncedValue(key, settleMs);
  const [answer, setAnswer] = useState<PreviewAnswer | null>(null);

  useEffect(() => {
    if (settled === null) return;
    let latest = true;
    api.previewAudience(JSON.parse(settled) as AudienceRule).then(
      (preview) => latest && setAnswer({ rule: settled, preview }),
      (error: Error) => latest && setAnswer({ rule: settled, error }),
    );
    return () => {
      latest = false;
    };
  }, [api, settled]);

  if (key === null) return { answer: null, pending: false, current: true };
  const current = answer?.rule === key;
  return { answer, pending: !current, current };
}
