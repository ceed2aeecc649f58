/** Controls (but tab and newline) and the bidirectional overrides that make text read otherwise than it is (CVE-2021-42574). */
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g;

/** Text from a file nobody vouches for, without the characters that hide or reorder what a reader sees. */
export function removeInvisible(text: string): string {
  return text.replace(INVISIBLE, '');
}

/** At most `max` code points, with an ellipsis when cut. */
export function truncateCodePoints(text: string, max: number): string {
  const points = Array.from(text);
  if (points.length <= max) return text;
  return `${points.slice(0, Math.max(0, max - 1)).join('')}…`;
}
