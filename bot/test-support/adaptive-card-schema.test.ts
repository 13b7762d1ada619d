import { describe, expect, it } from 'vitest';
import { validateAdaptiveCard } from './adaptive-card-schema.js';

const minimal = {
  type: 'AdaptiveCard',
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
  version: '1.5',
  body: [{ type: 'TextBlock', text: 'Hello' }],
};

describe('validateAdaptiveCard', () => {
  it('accepts a card that follows the official schema', () => {
    expect(validateAdaptiveCard(minimal)).toEqual({ valid: true, errors: [] });
  });

  it('rejects a property the schema does not know, naming where it is', () => {
    const result = validateAdaptiveCard({
      ...minimal,
      body: [{ type: 'TextBlock', text: 'Hi', colour: 'red' }],
    });
    expect(result.valid).toBe(false);
    expect(result.errors.join('\n')).toContain('/body/0');
  });

  it('rejects an Action.OpenUrl without its url', () => {
    const result = validateAdaptiveCard({ ...minimal, actions: [{ type: 'Action.OpenUrl', title: 'Open' }] });
    expect(result.valid).toBe(false);
  });
});
