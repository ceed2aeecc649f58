import { createResult, type GateResult } from '@roadstop/core';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import {
  decodeState,
  encodeState,
  GITHUB_COMMENT_LIMIT,
  hasMarker,
  holdsUpdate,
  markerLine,
  mergeStates,
  mergeUpdate,
  renderComment,
  resultToRow,
  sanitizeUntrusted,
  type CommentRow,
  type CommentState,
  type CommentUpdate,
} from '../src/index.js';

const SHA_A = 'a'.repeat(40);
const SHA_B = 'b'.repeat(40);
const options = { key: 'ci', serverUrl: 'https://github.com', repository: 'octo-org/webapp' };

function row(id: string, fields: Partial<CommentRow> = {}): CommentRow {
  const job = id.split('@')[1];
  return { id, gate: id.split('@')[0]!, ...(job ? { job } : {}), status: 'pass', headline: `${id} ok`, sha: SHA_A, runId: 10, at: '2025-06-01T10:00:00Z', ...fields };
}

function update(fields: Partial<CommentUpdate> = {}): CommentUpdate {
  return { sha: SHA_A, runId: 10, at: '2025-06-01T10:00:00Z', rows: [], ...fields };
}

function result(fields: Partial<GateResult> = {}): GateResult {
  return createResult({
    gate: 'bundle-budget',
    status: 'pass',
    headline: 'main bundle 142 kB of 400 kB',
    metrics: {},
    checks: [{ name: 'main bundle', status: 'pass', value: 142_000, limit: 400_000, unit: 'bytes', baseline: 140_000, details: { compression: 'gzip' } }],
    items: [],
    messages: [],
    settings: {},
    createdAt: '2025-06-01T10:00:00Z',
    ...fields,
  });
}

describe('marker', () => {
  it.each([
    { body: `${markerLine('ci')}\nhello`, key: 'ci', found: true },
    { body: `${markerLine('ci')}\r\nhello`, key: 'ci', found: true },
    { body: markerLine('ci'), key: 'ci', found: true },
    { body: `${markerLine('ci-2')}\nhello`, key: 'ci', found: false },
    { body: `${markerLine('ci')}\nhello`, key: 'ci-2', found: false },
    { body: `quote:\n${markerLine('ci')}\nhello`, key: 'ci', found: false },
    { body: null, key: 'ci', found: false },
  ])('$key in $body → $found', ({ body, key, found }) => {
    expect(hasMarker(body, key)).toBe(found);
  });

  it('keeps a key that would close the HTML comment inside it', () => {
    expect(markerLine('a --> <b>')).toBe('<!-- roadstop:pr-staging-comment key=a%20--%3E%20%3Cb%3E -->');
  });
});

describe('state', () => {
  const state: CommentState = { v: 1, revision: 3, head: { sha: SHA_A, runId: 10 }, rows: [row('coverage-gate', { headline: '--> <!-- é 😀' })], updatedAt: '2025-06-01T10:00:00Z' };

  it('round-trips through the body, with no --> in the encoded form', () => {
    const encoded = encodeState(state);
    expect(encoded.slice(4, -4)).not.toContain('--');
    // Read back, the text is made inert as fresh rows are.
    expect(decodeState(`${markerLine('ci')}\ntext\n\n${encoded}`)).toEqual({ ...state, rows: [{ ...state.rows[0]!, headline: '--&gt; &lt;!-- é 😀' }] });
  });

  it.each([
    ['no state', 'just text'],
    ['not base64url', '<!-- roadstop:state ***** -->'],
    ['not deflate', '<!-- roadstop:state aGVsbG8 -->'],
    ['unterminated', '<!-- roadstop:state aGVsbG8'],
    ['another version', encodeState({ ...state, v: 2 as 1 })],
  ])('%s → undefined', (_, body) => {
    expect(decodeState(body)).toBeUndefined();
  });
});

describe('state read back is checked in full', () => {
  const good: CommentState = {
    v: 1,
    revision: 2,
    head: { sha: SHA_A, runId: 10 },
    deployment: { environment: 'preview', status: 'ready', url: 'https://pr-7.preview.example/', sha: SHA_A, runId: 10, at: '2025-06-01T10:00:00Z' },
    rows: [row('coverage-gate@test')],
    updatedAt: '2025-06-01T10:00:00Z',
  };
  const body = (state: unknown) => `${markerLine('ci')}\n${encodeState(state as CommentState)}`;

  it('a well-formed state reads back', () => {
    expect(decodeState(body(good))?.head).toEqual(good.head);
  });

  it.each<[string, (state: CommentState) => unknown]>([
    ['a run id of 2^53-1 in the head (it would freeze the comment)', (state) => ({ ...state, head: { sha: SHA_A, runId: Number.MAX_SAFE_INTEGER } })],
    ['a negative run id in a row', (state) => ({ ...state, rows: [{ ...state.rows[0]!, runId: -1 }] })],
    ['a fractional revision', (state) => ({ ...state, revision: 1.5 })],
    ['a deployment URL that is javascript:', (state) => ({ ...state, deployment: { ...state.deployment!, url: 'javascript:alert(1)' } })],
    ['a deployment URL with credentials', (state) => ({ ...state, deployment: { ...state.deployment!, url: 'https://user:pass@evil.example/' } })],
    ['a deployment status not in the enum', (state) => ({ ...state, deployment: { ...state.deployment!, status: 'pwned' } })],
    ['a row status not in the enum', (state) => ({ ...state, rows: [{ ...state.rows[0]!, status: 'merge-it' }] })],
    ['a row link that is data:', (state) => ({ ...state, rows: [{ ...state.rows[0]!, link: 'data:text/html,<script>' }] })],
    ['a commit that is not hex', (state) => ({ ...state, head: { sha: 'main\n::error::x', runId: 1 } })],
    ['a headline with a newline', (state) => ({ ...state, rows: [{ ...state.rows[0]!, headline: 'ok\n::stop-commands::tok' }] })],
    ['a time that is not one', (state) => ({ ...state, updatedAt: 'yesterday' })],
    ['rows that are not a list', (state) => ({ ...state, rows: { 0: state.rows[0] } })],
    ['1,001 rows', (state) => ({ ...state, rows: Array.from({ length: 1001 }, (_, index) => ({ ...state.rows[0]!, id: `g${index}` })) })],
  ])('%s → no state (the comment is rebuilt from the run)', (_name, forge) => {
    expect(decodeState(body(forge(good)))).toBeUndefined();
  });

  it('text read back is made inert as fresh rows are; the gates\' folds stay', () => {
    const forged = { ...good, rows: [{ ...good.rows[0]!, headline: '<img src=x onerror=alert(1)> @admin', detail: '<details><summary>ok</summary>\n\n<script>alert(1)</script> [x](javascript:alert(1)) [y](https://ok.example) @octo-org/all\n\n</details>' }] };
    const [read] = decodeState(body(forged))!.rows;
    expect(read!.headline).toBe('&lt;img src=x onerror=alert(1)&gt; &#64;admin');
    expect(read!.detail).toContain('<details><summary>ok</summary>');
    expect(read!.detail).toContain('[y](https://ok.example)');
    expect(read!.detail).not.toMatch(/<script|javascript:|@octo-org/);
  });
});

describe('mergeUpdate', () => {
  const base: CommentState = { v: 1, revision: 1, head: { sha: SHA_A, runId: 10 }, rows: [row('coverage-gate@test')], updatedAt: '2025-06-01T10:00:00Z' };
  const cases: { name: string; update: CommentUpdate; rows: string[]; changed: boolean; stale: boolean; head?: string }[] = [
    { name: 'a parallel job adds its row', update: update({ rows: [row('bundle-budget@build')] }), rows: ['bundle-budget@build', 'coverage-gate@test'], changed: true, stale: false },
    { name: 'the same row again changes nothing, whatever its time', update: update({ at: '2025-06-02T00:00:00Z', rows: [row('coverage-gate@test', { at: '2025-06-02T00:00:00Z' })] }), rows: ['coverage-gate@test'], changed: false, stale: false },
    { name: 'a newer commit replaces the row', update: update({ sha: SHA_B, runId: 11, rows: [row('coverage-gate@test', { sha: SHA_B, runId: 11, status: 'fail' })] }), rows: ['coverage-gate@test'], changed: true, stale: false, head: SHA_B },
    { name: 'an older commit writes nothing', update: update({ sha: SHA_B, runId: 9, rows: [row('bundle-budget@build', { sha: SHA_B, runId: 9 })] }), rows: ['coverage-gate@test'], changed: false, stale: true },
    { name: 'an older run of the same commit keeps the newer row', update: update({ runId: 9, rows: [row('coverage-gate@test', { runId: 9, status: 'fail' })] }), rows: ['coverage-gate@test'], changed: false, stale: false },
  ];
  it.each(cases)('$name', ({ update: given, rows, changed, stale, head }) => {
    const outcome = mergeUpdate(base, given);
    expect(outcome.state.rows.map((item) => item.id)).toEqual(rows);
    expect({ changed: outcome.changed, stale: outcome.stale }).toEqual({ changed, stale });
    expect(outcome.state.revision).toBe(changed ? 2 : 1);
    if (head) expect(outcome.state.head?.sha).toBe(head);
    if (!changed) expect(outcome.state.updatedAt).toBe(base.updatedAt);
  });

  it('keeps the newer run row when the older arrives later', () => {
    const newer = mergeUpdate(base, update({ runId: 12, rows: [row('coverage-gate@test', { runId: 12, status: 'warn' })] })).state;
    expect(mergeUpdate(newer, update({ runId: 11, rows: [row('coverage-gate@test', { runId: 11, status: 'fail' })] })).state.rows[0]!.status).toBe('warn');
  });

  it('the deployment of the latest run wins', () => {
    const deployment = { environment: 'preview', status: 'ready' as const, url: 'https://a.example', sha: SHA_A, runId: 10, at: 'x' };
    const first = mergeUpdate(undefined, update({ deployment })).state;
    expect(mergeUpdate(first, update({ runId: 9, deployment: { ...deployment, runId: 9, status: 'failed' } })).state.deployment?.status).toBe('ready');
    expect(mergeUpdate(first, update({ runId: 11, deployment: { ...deployment, runId: 11, status: 'building' } })).state.deployment?.status).toBe('building');
  });
});

describe('mergeStates and holdsUpdate', () => {
  it('folds duplicate comments into one holding every row', () => {
    const a = mergeUpdate(undefined, update({ rows: [row('coverage-gate@test')] })).state;
    const b = mergeUpdate(undefined, update({ rows: [row('bundle-budget@build')] })).state;
    const merged = mergeStates([a, undefined, b])!;
    expect(merged.rows.map((item) => item.id)).toEqual(['bundle-budget@build', 'coverage-gate@test']);
    expect(holdsUpdate(merged, update({ rows: [row('coverage-gate@test')] }))).toBe(true);
    expect(holdsUpdate(a, update({ rows: [row('bundle-budget@build')] }))).toBe(false);
    expect(holdsUpdate(undefined, update())).toBe(false);
  });
});

describe('sanitizeUntrusted', () => {
  it.each([
    ['<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert(1)&gt;'],
    ['[click](https://evil.example)', '&#91;click&#93;(https://evil.example)'],
    ['![](https://tracker.example/p.gif)', '!&#91;&#93;(https://tracker.example/p.gif)'],
    ['ping @octo-org/everyone', 'ping &#64;octo-org/everyone'],
    ['<!-- roadstop:state x -->', '&lt;!-- roadstop:state x --&gt;'],
    ['evil\u202e\u0007txt', 'eviltxt'],
    ['plain 42 kB', 'plain 42 kB'],
  ])('%s → %s', (text, expected) => {
    expect(sanitizeUntrusted(text)).toBe(expected);
  });
});

describe('resultToRow', () => {
  it('takes status, headline, main figure and delta, and the gate renderer for the detail', () => {
    const made = resultToRow(result(), { sha: SHA_A, runId: 10, at: 'now', job: 'build', link: 'https://github.com/octo-org/webapp/actions/runs/10' });
    expect(made).toMatchObject({ id: 'bundle-budget@build', gate: 'bundle-budget', status: 'pass', headline: 'main bundle 142 kB of 400 kB', figure: '142 kB', delta: '+2 kB (+1.43%)' });
    expect(made.detail).toContain('Bundle budget: pass');
  });

  it('makes an untrusted headline and check names inert, in the row and in the detail', () => {
    const made = resultToRow(result({ headline: '<b>@admin</b> [x](https://evil)', checks: [{ name: '<script>', status: 'pass', value: 1, unit: 'count' }] }), { sha: SHA_A, runId: 1, at: 'now' });
    expect(made.headline).toBe('&lt;b&gt;&#64;admin&lt;/b&gt; &#91;x&#93;(https://evil)');
    expect(made.detail).not.toMatch(/<script>|<b>|@admin|\[x\]/);
  });

  it('renders a gate this build does not know with the generic table', () => {
    const made = resultToRow(result({ gate: 'future-gate', checks: [{ name: 'speed', status: 'warn', value: 0.5, unit: 'ratio', baseline: 0.25 }] }), { sha: SHA_A, runId: 1, at: 'now' });
    expect(made).toMatchObject({ figure: '0.5', delta: '+0.25' });
    expect(made.detail).toContain('future-gate');
  });
});

describe('renderComment', () => {
  const md = new MarkdownIt({ html: true });
  const state = (rows: CommentRow[]): CommentState => ({
    v: 1,
    revision: 1,
    head: { sha: SHA_A, runId: 10 },
    deployment: { environment: 'preview', status: 'ready', url: 'https://pr-7.preview.example/', sha: SHA_A, runId: 10, at: '2025-06-01T10:00:00Z' },
    rows,
    updatedAt: '2025-06-01T10:00:00Z',
  });

  it('shows the deployment, one row per gate in registry order, and the details; the state reads back', () => {
    const rows = [row('bundle-budget@build', { detail: 'bundle detail' }), row('coverage-gate@test', { detail: 'coverage detail', sha: SHA_B })];
    const { body, markdown, omitted } = renderComment(state(rows), options);
    expect(body.startsWith(markerLine('ci'))).toBe(true);
    expect(markdown).toContain('| preview | ✅ ready | [https://pr-7.preview.example/](https://pr-7.preview.example/) | [aaaaaaa](https://github.com/octo-org/webapp/commit/');
    expect(markdown.indexOf('Coverage')).toBeLessThan(markdown.indexOf('Bundle budget'));
    expect(markdown).toContain('(older commit)');
    expect(markdown).toContain('<summary>Bundle budget (build): pass</summary>');
    expect(omitted).toEqual([]);
    expect(decodeState(body)).toEqual(state(rows.map((item) => ({ ...item, headline: sanitizeUntrusted(item.headline) }))));
  });

  it.each([
    { name: 'one large detail', details: [66_000, 100], omittedCount: 1 },
    { name: 'many medium details', details: [15_000, 15_000, 15_000, 15_000, 15_000, 15_000], omittedCount: 2 },
    { name: 'surrogate pairs and tags in the details', details: [40_000, 40_000], omittedCount: 1, emoji: true },
  ])('stays under the limit with $name, leaving whole blocks out and saying so', ({ details, omittedCount, emoji }) => {
    const rows = details.map((size, index) =>
      row(`gate-${index}`, { detail: emoji ? `<b>${'😀'.repeat(size / 2 - 4)}</b>` : `| a | b |\n| - | - |\n${'| x | y |\n'.repeat(size / 10)}` }),
    );
    const { body, markdown, omitted } = renderComment(state(rows), options);
    expect(body.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(omitted).toHaveLength(omittedCount);
    expect(markdown).toContain('Left out to stay within');
    // Every block kept is whole: each <details> closed, each tag closed, no lone surrogate.
    expect(markdown.match(/<details>/g)?.length).toBe(markdown.match(/<\/details>/g)?.length);
    expect(markdown.match(/<b>/g)?.length ?? 0).toBe(markdown.match(/<\/b>/g)?.length ?? 0);
    expect(markdown).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    expect(() => md.render(markdown)).not.toThrow();
    const kept = decodeState(body)!;
    expect(kept.rows).toHaveLength(rows.length);
  });

  it('drops table rows last, when even the table does not fit', () => {
    const rows = Array.from({ length: 400 }, (_, index) => row(`gate-${String(index).padStart(3, '0')}`, { headline: 'h'.repeat(150), detail: 'd' }));
    const { body, omitted } = renderComment(state(rows), { ...options, maxChars: 20_000 });
    expect(body.length).toBeLessThanOrEqual(20_000);
    expect(omitted.at(-1)).toMatch(/^\d+ rows of the table$/);
  });

  it('says so when a gate report was too long to keep at all', () => {
    const { markdown, omitted } = renderComment(state([row('coverage-gate@test', { detailTooLong: true })]), options);
    expect(omitted).toEqual(['details of Coverage (test) (over 20,000 characters)']);
    expect(markdown).toContain('Left out to stay within');
  });

  it('an identical state renders an identical body (nothing to write)', () => {
    const rows = [row('coverage-gate@test')];
    expect(renderComment(state(rows), options).body).toBe(renderComment(state(rows), options).body);
  });
});
