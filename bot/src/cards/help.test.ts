import { describe, expect, it } from 'vitest';
import { validateAdaptiveCard } from '../../test-support/adaptive-card-schema.js';
import { buildHelpCard, buildWelcomeCard } from './help.js';

const tabUrl = 'https://teams.microsoft.com/l/entity/campus-app/campus';

describe('help and welcome cards', () => {
  it('help names the commands and opens Campus', () => {
    const card = buildHelpCard({ tabUrl });
    expect(validateAdaptiveCard(card)).toEqual({ valid: true, errors: [] });
    const facts = card.body.flatMap((element) =>
      element.type === 'FactSet' ? element.facts.map((f) => f.title) : [],
    );
    expect(facts).toEqual(['sessions', 'my sessions', 'help']);
    expect(card.actions).toEqual([{ type: 'Action.OpenUrl', title: 'Open Campus', url: tabUrl }]);
  });

  it('welcome greets the person by first name', () => {
    const card = buildWelcomeCard({ displayName: 'Adele Vance', tabUrl });
    expect(validateAdaptiveCard(card).valid).toBe(true);
    expect(card.body[0]).toMatchObject({ text: 'Welcome to Campus, Adele' });
  });

  it('welcome still reads well without a name', () => {
    expect(buildWelcomeCard({ displayName: ' ', tabUrl }).body[0]).toMatchObject({
      text: 'Welcome to Campus',
    });
  });
});
