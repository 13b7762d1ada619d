import { describe, expect, it } from 'vitest';
import { matchReason } from './match-reason.js';

describe('why an expert was found', () => {
  it('names the matching skills first', () => {
    expect(
      matchReason({ matchedIn: ['skills', 'jobTitle'], matchingSkills: ['Power BI', 'Power Automate'] }),
    ).toBe('Skills: Power BI, Power Automate');
  });

  it('else names the fields the topic was found in', () => {
    expect(matchReason({ matchedIn: ['responsibilities', 'aboutMe'], matchingSkills: [] })).toBe(
      'Found in responsibilities, about me',
    );
  });
});
