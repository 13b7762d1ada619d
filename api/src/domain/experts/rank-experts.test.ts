import { describe, expect, it } from 'vitest';
import { DirectoryIndex } from '../audiences/directory-index.js';
import { person, pid } from '../audiences/test-support.js';
import { wordsOf } from '../audiences/words.js';
import { EXACT_SKILL_BONUS, EXPERT_WEIGHTS, rankExperts } from './rank-experts.js';

const people = [
  person(1, { displayName: 'Sam Skills', jobTitle: 'Accountant', skills: ['Power BI', 'SAP'] }),
  person(2, { displayName: 'Rita Responsible', jobTitle: 'Analyst', skills: ['Power Automate'], responsibilities: ['Power BI reporting and dashboards'] }),
  person(3, { displayName: 'Tom Title', jobTitle: 'Power BI Developer' }),
  person(4, { displayName: 'Abby About', aboutMeWords: wordsOf('I build Power BI dashboards for Finance.') }),
  person(5, { displayName: 'Dana Disabled', skills: ['Power BI'], accountEnabled: false }),
  person(6, { displayName: 'Nobody Relevant', skills: ['Kubernetes'] }),
  person(7, { displayName: 'Aaron Skills', jobTitle: 'Accountant', skills: ['power bi', 'Excel macros'] }),
];
const index = DirectoryIndex.of(people);

describe('rankExperts', () => {
  it('ranks skills over responsibilities over job title over aboutMe, and explains each score', () => {
    const { words, experts } = rankExperts(index, 'Power BI', 10);
    expect(words).toEqual(['power', 'bi']);
    expect(experts.map((expert) => index.displayNames[expert.row])).toEqual(['Aaron Skills', 'Sam Skills', 'Rita Responsible', 'Tom Title', 'Abby About']);
    const skilled = 2 * EXPERT_WEIGHTS.skills + EXACT_SKILL_BONUS;
    expect(experts.map((expert) => expert.score)).toEqual([skilled, skilled, EXPERT_WEIGHTS.skills + 2 * EXPERT_WEIGHTS.responsibilities, 2 * EXPERT_WEIGHTS.jobTitle, 2 * EXPERT_WEIGHTS.aboutMe]);
    expect(experts[1]).toMatchObject({ matchedIn: ['skills'], matchedWords: { skills: ['power', 'bi'] }, matchingSkills: ['Power BI'], exactSkill: true });
    expect(experts[2]).toMatchObject({
      matchedIn: ['skills', 'responsibilities'],
      matchedWords: { skills: ['power'], responsibilities: ['power', 'bi'] },
      matchingSkills: ['Power Automate'],
      exactSkill: false,
    });
  });

  it('leaves out disabled people and people with no matching word', () => {
    const ids = rankExperts(index, 'power bi', 10).experts.map((expert) => index.ids[expert.row]);
    expect(ids).not.toContain(pid(5));
    expect(ids).not.toContain(pid(6));
  });

  it('keeps the best ones when limited, and ignores words that say nothing', () => {
    expect(rankExperts(index, 'power bi', 2).experts.map((expert) => index.displayNames[expert.row])).toEqual(['Aaron Skills', 'Sam Skills']);
    expect(rankExperts(index, 'the and of', 5)).toEqual({ words: [], experts: [] });
    expect(rankExperts(index, 'Kubernetes', 5).experts.map((expert) => index.ids[expert.row])).toEqual([pid(6)]);
  });
});
