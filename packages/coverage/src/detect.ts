/** The families a report's first bytes tell apart; JSON and XML dialects are settled while parsing. */
export type ReportFamily = 'lcov' | 'json' | 'xml';

const LCOV_FIRST_LINE = /^(?:TN|SF|VER|FN|FNDA|FNF|FNH|FNL|FNA|DA|LF|LH|BRDA|BRF|BRH):|^end_of_record$/;

/**
 * Which family a report belongs to, from its first bytes (never its name:
 * CI artifacts get renamed). Undefined when it is none of them; `empty` when
 * there is nothing but whitespace.
 */
export function detectFamily(head: Uint8Array): ReportFamily | 'empty' | undefined {
  let start = 0;
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) start = 3;
  while (start < head.length && (head[start] === 0x20 || head[start] === 0x0a || head[start] === 0x0d || head[start] === 0x09)) start += 1;
  if (start >= head.length) return 'empty';
  const first = head[start];
  if (first === 0x3c) return 'xml';
  if (first === 0x7b) return 'json';
  let end = start;
  while (end < head.length && head[end] !== 0x0a && head[end] !== 0x0d) end += 1;
  const firstLine = Buffer.from(head.buffer, head.byteOffset + start, end - start).toString('utf8');
  return LCOV_FIRST_LINE.test(firstLine) ? 'lcov' : undefined;
}
