import { createError } from '../../errors.js';
import type { DirectoryIndexRegistry } from '../audiences/directory-index-registry.js';
import { requireOrganizer } from '../audiences/manage-audiences.js';
import type { Person } from '../people/person.js';
import type { Actor } from '../shared/tenant-scope.js';
import { EXACT_SKILL_BONUS, EXPERT_WEIGHTS, rankExperts, type ExpertField } from './rank-experts.js';

/** A person who may present on the topic, with why they rank where they do. */
export interface Expert extends Person {
  score: number;
  matchedIn: ExpertField[];
  matchedWords: Partial<Record<ExpertField, string[]>>;
  matchingSkills: string[];
  exactSkill: boolean;
}

export interface ExpertSearch {
  topic: string;
  /** The topic's words that were searched for. */
  words: string[];
  scoring: { weights: typeof EXPERT_WEIGHTS; exactSkillBonus: number };
  experts: Expert[];
}

/** Organizers look for presenters on a topic among enabled people of the synced directory. */
export async function searchExperts(
  ports: { directory: Pick<DirectoryIndexRegistry, 'current'> },
  actor: Actor,
  topic: string,
  limit: number,
): Promise<ExpertSearch> {
  requireOrganizer(actor, 'search for experts');
  const index = await ports.directory.current(actor);
  const { words, experts } = rankExperts(index, topic, limit);
  if (words.length === 0) {
    throw createError(
      'CAMPUS_ERR_VALIDATION',
      'topic has no words to search for (common words such as "and" are ignored)',
      {
        details: { location: 'querystring', field: '/topic' },
      },
    );
  }
  return {
    topic,
    words,
    scoring: { weights: EXPERT_WEIGHTS, exactSkillBonus: EXACT_SKILL_BONUS },
    experts: experts.map(({ row, ...ranking }) => ({ ...index.asPerson(row), ...ranking })),
  };
}
