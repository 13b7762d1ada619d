/**
 * Typing a list of values ("Finance, Sales") with suggestions: the suggestions are for the value being typed, the
 * one after the last comma, and choosing one puts it in that place.
 */

/** The value being typed: after the last comma of a list, else the whole text. */
export function valueBeingTyped(text: string, list: boolean): string {
  return (list ? text.slice(text.lastIndexOf(',') + 1) : text).trim();
}

/** The text once `value` is chosen for the value being typed; a list keeps its earlier values. */
export function withChosenValue(text: string, value: string, list: boolean): string {
  if (!list) return value;
  const earlier = text
    .slice(0, Math.max(0, text.lastIndexOf(',')))
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '' && entry.toLowerCase() !== value.toLowerCase());
  return [...earlier, value].join(', ');
}

/** "1 person", "42 people". */
export function peopleCount(people: number): string {
  return people === 1 ? '1 person' : `${people.toLocaleString('en-US')} people`;
}
