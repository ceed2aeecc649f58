// fs.promises is read when first used: the promise API (and the streams it loads) costs a step that stops at its config.
import { promises as fsp } from 'node:fs';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { edgeFetch } from '@roadstop/core';
import type { GitHubClient } from './client.js';
import { toGitHubError } from './errors.js';
import { openGitHubClient } from './lazy-client.js';
import { DEFAULT_REQUEST_TIMEOUT_MS, formatMs, NetworkBudgetError, type NetworkBudget } from './network-budget.js';

export interface DownloadBaselineOptions {
  /** A token with `actions: read` on the repository. */
  token: string;
  /** The client to ask the API with; default: one made from `token` and GITHUB_API_URL. */
  octokit?: GitHubClient;
  /** The lookup's budget: the blob download is aborted when it runs out. */
  budget?: NetworkBudget;
  /** How long the blob storage may go without answering; default DEFAULT_REQUEST_TIMEOUT_MS. */
  requestTimeoutMs?: number;
  owner: string;
  repo: string;
  runId: number;
  artifactId: number;
  /** Directory to extract into; the artifact goes to its own subdirectory there. */
  destination: string;
}

/** A result artifact holds a result and maybe reports: more than this is not a baseline. */
const MAX_ARTIFACT_BYTES = 256 * 1024 * 1024;

/**
 * Downloads the baseline run's result artifact and returns the path of the
 * one JSON file in it: the public artifacts API answers with a redirect to a
 * signed blob URL, which is fetched without the token.
 *
 * Not @actions/artifact's downloadArtifact: it takes no signal and sets no
 * deadline before the blob answers (and retries five times), so a silent
 * server would hold the step, and its sockets the process, without end.
 */
export async function downloadBaselineResult(options: DownloadBaselineOptions): Promise<string> {
  const { owner, repo, runId, artifactId, budget } = options;
  const octokit = options.octokit ?? (await openGitHubClient({ token: options.token, ...(budget ? { budget } : {}) }));
  // A fresh directory per artifact, so a leftover JSON file can never pass for the result.
  const directory = join(options.destination, `artifact-${artifactId}`);
  await fsp.rm(directory, { recursive: true, force: true });
  let location: string | undefined;
  try {
    const { headers } = await octokit.rest.actions.downloadArtifact({ owner, repo, artifact_id: artifactId, archive_format: 'zip', request: { redirect: 'manual' } });
    location = headers.location;
  } catch (error) {
    throw toGitHubError(error, `downloading artifact ${artifactId} of run ${runId}`);
  }
  if (!location) throw new Error(`GitHub gave no download address for artifact ${artifactId} of run ${runId}`);
  const zip = await fetchBlob(location, `downloading artifact ${artifactId} of run ${runId} from blob storage`, options);
  // fflate on first use too: only a download needs it.
  const { unzipSync } = await import('fflate');
  const entries = unzipJson(unzipSync, zip, `artifact ${artifactId} of run ${runId}`);
  if (entries.length !== 1) {
    const found = entries.length === 0 ? 'none' : entries.map(([name]) => join(...name.split('/'))).join(', ');
    throw new Error(`artifact ${artifactId} of run ${runId} should hold exactly one JSON result file, found ${found}`);
  }
  const [name, bytes] = entries[0]!;
  const file = join(directory, ...name.split('/'));
  await fsp.mkdir(dirname(file), { recursive: true });
  await fsp.writeFile(file, bytes);
  return file;
}

async function fetchBlob(url: string, what: string, options: DownloadBaselineOptions): Promise<Uint8Array> {
  const timeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const timeout = AbortSignal.timeout(timeoutMs);
  const budget = options.budget;
  // The signed URL carries its own authority: no token travels to blob storage.
  try {
    const response = await edgeFetch(url, { signal: AbortSignal.any([timeout, ...(budget ? [budget.signal] : [])]) });
    if (!response.ok) {
      await response.body?.cancel();
      throw new Error(`blob storage answered ${response.status} while ${what}`);
    }
    const length = Number(response.headers.get('content-length'));
    if (length > MAX_ARTIFACT_BYTES) {
      await response.body?.cancel();
      throw new Error(`the artifact is ${length} bytes, more than a result artifact holds (${MAX_ARTIFACT_BYTES}), while ${what}`);
    }
    return new Uint8Array(await response.arrayBuffer());
  } catch (error) {
    if (budget?.signal.aborted) throw new NetworkBudgetError(budget.ms, what);
    if (timeout.aborted) throw new Error(`blob storage did not answer within ${formatMs(timeoutMs)} while ${what}; run the job again later`, { cause: error });
    throw error;
  }
}

/** The JSON files of a zip archive, by their path inside it; other files are not inflated. */
function unzipJson(unzipSync: typeof import('fflate').unzipSync, zip: Uint8Array, what: string): [string, Uint8Array][] {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(zip, { filter: (file) => file.name.endsWith('.json') && file.originalSize <= MAX_ARTIFACT_BYTES });
  } catch (error) {
    throw new Error(`${what} is not a zip archive (${(error as Error).message})`, { cause: error });
  }
  return Object.entries(files)
    .filter(([name]) => !name.split('/').some((part) => part === '..' || part === '') && !isAbsolute(name) && !name.includes('\\'))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

export interface UploadResultOptions {
  /** Artifact name, the one `findBaselineRun` later looks for. */
  name: string;
  /** The result JSON file; it is stored at the artifact's root. */
  file: string;
  /** Further files to store beside it (e.g. the reports a gate wrote), kept relative to `root`. */
  files?: string[];
  /** The folder paths in the artifact are taken from; default: the result file's folder. */
  root?: string;
  retentionDays?: number;
}

export type UploadResult = { uploaded: true; id: number } | { uploaded: false; reason: string };

/**
 * Uploads this run's result so later pull requests can use it as their
 * baseline. Outside a job (a local run, a test) there is nowhere to upload
 * to: that is reported, not thrown, because the gate itself still counts.
 */
export async function uploadResultArtifact(options: UploadResultOptions): Promise<UploadResult> {
  const missing = ['ACTIONS_RUNTIME_TOKEN', 'ACTIONS_RESULTS_URL'].filter((name) => !process.env[name]);
  if (missing.length > 0) {
    return {
      uploaded: false,
      reason: `not running inside a GitHub Actions job (${missing.join(' and ')} not set), so the result was not uploaded as an artifact`,
    };
  }
  // @actions/artifact is imported on first use, not at the top: the @actions/github inside it reads GITHUB_API_URL
  // once, when it is loaded, and gates that never touch artifacts should not pay for loading the Azure SDK.
  const { DefaultArtifactClient } = await import('@actions/artifact');
  let id: number | undefined;
  try {
    ({ id } = await new DefaultArtifactClient().uploadArtifact(
      options.name,
      [options.file, ...(options.files ?? [])],
      options.root ?? dirname(options.file),
      options.retentionDays === undefined ? {} : { retentionDays: options.retentionDays },
    ));
  } catch (error) {
    // Inside a job an upload failure is real (quota, a name already used in this run): say which artifact.
    const detail = error instanceof Error ? error.message : String(error);
    throw new Error(`could not upload the result as artifact '${options.name}': ${detail}`, { cause: error });
  }
  if (id === undefined) {
    return { uploaded: false, reason: `GitHub accepted artifact '${options.name}' (${basename(options.file)}) but returned no id` };
  }
  return { uploaded: true, id };
}
