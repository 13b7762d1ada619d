/** Words too common in profiles and topics to say anything about expertise. */
const STOP_WORDS = new Set([
  'a', 'about', 'an', 'and', 'ask', 'at', 'by', 'for', 'from', 'how', 'i', 'in', 'into', 'is', 'it', 'me', 'mostly',
  'my', 'of', 'on', 'or', 'our', 'the', 'to', 'us', 'we', 'what', 'with', 'work', 'you',
]);

/**
 * The distinct search words of a text: lower case, split on anything but letters and digits ("S/4HANA" gives
 * "s" and "4hana", "Power BI" gives "power" and "bi"), stop words and single letters dropped.
 */
export function wordsOf(text: string | null): string[] {
  if (!text) return [];
  const words = new Set<string>();
  for (const word of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (word.length > 1 && !STOP_WORDS.has(word)) words.add(word);
  }
  return [...words];
}
