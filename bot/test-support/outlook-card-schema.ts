import { fileURLToPath } from 'node:url';
import { validateAdaptiveCard, type CardValidation } from './adaptive-card-schema.js';

/** The official Adaptive Card 1.4 schema, for cards sent to Outlook: ADAPTIVE_CARD_1_4_SCHEMA, or ../shared. */
export const outlookCardSchemaPath =
  process.env.ADAPTIVE_CARD_1_4_SCHEMA ??
  fileURLToPath(new URL('../../../shared/schemas/adaptive-card-1.4.schema.json', import.meta.url));

/**
 * Checks an Outlook actionable-message card against the 1.4 schema. `originator` is an Outlook host property that
 * Microsoft documents for actionable messages (the provider id) but the Adaptive Card schema does not list, and the
 * schema allows no unknown top-level property; it is set aside here and returned for the caller to check.
 */
export function validateOutlookCard(card: unknown): CardValidation & { originator: unknown } {
  const { originator, ...rest } = card as Record<string, unknown>;
  return { ...validateAdaptiveCard(rest, outlookCardSchemaPath), originator };
}
