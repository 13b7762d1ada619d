import type { Expert } from '../api-types.js';

const fieldNames: Record<Expert['matchedIn'][number], string> = {
  skills: 'skills',
  responsibilities: 'responsibilities',
  jobTitle: 'job title',
  aboutMe: 'about me',
};

/** Why the API ranked someone: their skills that match, else the fields the topic was found in. */
export function matchReason(expert: Pick<Expert, 'matchedIn' | 'matchingSkills'>): string {
  if (expert.matchingSkills.length > 0) return `Skills: ${expert.matchingSkills.join(', ')}`;
  return `Found in ${expert.matchedIn.map((field) => fieldNames[field]).join(', ')}`;
}
