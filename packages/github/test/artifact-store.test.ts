import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { GitHubRefusedError } from '../src/errors.js';
import { readRecordings, rec, startReplayServer, type Recording, type ReplayServer } from '@roadstop/testing';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadBaselineResult, uploadResultArtifact } from '../src/artifact-store.js';
import { fixture, TOKEN } from './scenario.js';

const BLOB_SCOPE = 'https://productionresultssa3.blob.core.windows.net:443';
const result = { gate: 'bundle-budget', commit: 'a625406f6977d45c1391b078f4d3656e0b75bfcb', totals: { 'dist/app.js': { gzip: 48213 } } };

/** The blob storage answer for a signed artifact URL: the zip itself. */
function blobRecording(path: string, files: Record<string, string>): Recording {
  const zip = zipSync(Object.fromEntries(Object.entries(files).map(([name, text]) => [name, strToU8(text)])));
  return {
    scope: BLOB_SCOPE,
    method: 'get',
    path,
    status: 200,
    response: Buffer.from(zip).toString('base64'),
    responseIsBinary: true,
    headers: {
      'content-type': 'application/zip',
      'content-disposition': 'attachment; filename="roadstop-bundle-budget.zip"',
      'x-ms-blob-type': 'BlockBlob',
      'x-ms-version': '2025-05-05',
    },
  };
}

let server: ReplayServer;
let savedApiUrl: string | undefined;

beforeAll(async () => {
  const recorded = await readRecordings(fixture('artifact-download.json'));
  const location = new URL(String((recorded[0]?.headers as Record<string, string>)['location']));
  server = await startReplayServer([
    ...recorded,
    blobRecording(location.pathname + location.search, { 'bundle-budget.json': JSON.stringify(result) }),
    // An artifact holding two JSON files, which cannot be told apart.
    rec('GET', '/repos/octo-org/webapp/actions/artifacts/777/zip', 302, '', { location: `${BLOB_SCOPE.replace(':443', '')}/two.zip?sig=x` }),
    blobRecording('/two.zip?sig=x', { 'a.json': '{}', 'nested/b.json': '{}' }),
  ]);
  // @actions/artifact reaches the API through @actions/github, which reads
  // GITHUB_API_URL once, when it is first loaded: so before the first download.
  savedApiUrl = process.env['GITHUB_API_URL'];
  process.env['GITHUB_API_URL'] = server.url;
});

afterAll(async () => {
  if (savedApiUrl === undefined) delete process.env['GITHUB_API_URL'];
  else process.env['GITHUB_API_URL'] = savedApiUrl;
  await server.close();
});

describe('downloadBaselineResult', () => {
  it('follows the redirect to blob storage, unzips, and returns the one JSON file', async () => {
    const destination = await mkdtemp(join(tmpdir(), 'baseline-'));
    // A stale file in the destination must not count as the result.
    await writeFile(join(destination, 'stale.json'), '{}');
    const file = await downloadBaselineResult({ token: TOKEN, owner: 'octo-org', repo: 'webapp', runId: 15510002468, artifactId: 3290004445, destination });
    expect(relative(destination, file)).toBe(join('artifact-3290004445', 'bundle-budget.json'));
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(result);
    const apiRequest = server.requests.find((r) => r.path === '/repos/octo-org/webapp/actions/artifacts/3290004445/zip');
    expect(apiRequest?.headers.authorization).toBe(`token ${TOKEN}`);
    const blobRequest = server.requests.find((r) => r.path.includes('/actions-results/'));
    // The signed URL carries its own authority: the token must not travel to blob storage.
    expect(blobRequest?.headers.authorization).toBeUndefined();
  });

  it('names `actions: read` when the token may not download the artifact', async () => {
    const destination = await mkdtemp(join(tmpdir(), 'baseline-'));
    const error = await downloadBaselineResult({ token: TOKEN, owner: 'octo-org', repo: 'webapp', runId: 1, artifactId: 4040404040, destination }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(GitHubRefusedError);
    expect((error as GitHubRefusedError).message).toContain('GitHub refused downloading artifact 4040404040 of run 1 (403): Resource not accessible by integration');
    expect((error as GitHubRefusedError).message).toContain('`actions: read`');
  });

  it('refuses an artifact that holds more than one JSON file', async () => {
    const destination = await mkdtemp(join(tmpdir(), 'baseline-'));
    await expect(
      downloadBaselineResult({ token: TOKEN, owner: 'octo-org', repo: 'webapp', runId: 2, artifactId: 777, destination }),
    ).rejects.toThrow(`artifact 777 of run 2 should hold exactly one JSON result file, found a.json, ${join('nested', 'b.json')}`);
  });

  it('replayed every request it made', () => {
    expect(server.unmatched).toEqual([]);
    expect(server.pending()).toEqual([]);
  });
});

describe('uploadResultArtifact', () => {
  it('reports, rather than throws, that there is nowhere to upload outside a job', async () => {
    const saved = { token: process.env['ACTIONS_RUNTIME_TOKEN'], url: process.env['ACTIONS_RESULTS_URL'] };
    delete process.env['ACTIONS_RUNTIME_TOKEN'];
    delete process.env['ACTIONS_RESULTS_URL'];
    try {
      const dir = await mkdtemp(join(tmpdir(), 'result-'));
      const file = join(dir, 'bundle-budget.json');
      await writeFile(file, JSON.stringify(result));
      expect(await uploadResultArtifact({ name: 'roadstop-bundle-budget', file, retentionDays: 90 })).toEqual({
        uploaded: false,
        reason:
          'not running inside a GitHub Actions job (ACTIONS_RUNTIME_TOKEN and ACTIONS_RESULTS_URL not set), so the result was not uploaded as an artifact',
      });
    } finally {
      if (saved.token !== undefined) process.env['ACTIONS_RUNTIME_TOKEN'] = saved.token;
      if (saved.url !== undefined) process.env['ACTIONS_RESULTS_URL'] = saved.url;
    }
  });
});
