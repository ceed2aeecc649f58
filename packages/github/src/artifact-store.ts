import { readdir, rm } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import { toGitHubError } from './errors.js';

/*
 * @actions/artifact is imported on first use, not at the top: the
 * @actions/github inside it reads GITHUB_API_URL once, when it is loaded, and
 * gates that never touch artifacts should not pay for loading the Azure SDK.
 */
type ArtifactModule = typeof import('@actions/artifact');
let artifactModule: Promise<ArtifactModule> | undefined;
function loadArtifactModule(): Promise<ArtifactModule> {
  artifactModule ??= import('@actions/artifact');
  return artifactModule;
}

export interface DownloadBaselineOptions {
  /** A token with `actions: read` on the repository. */
  token: string;
  owner: string;
  repo: string;
  runId: number;
  artifactId: number;
  /** Directory to extract into; the artifact goes to its own subdirectory there. */
  destination: string;
}

/**
 * Downloads the baseline run's result artifact and returns the path of the
 * one JSON file in it. Uses the public artifacts API (GITHUB_API_URL, then the
 * signed blob URL it redirects to), which works across runs, unlike the
 * runtime-token API that only sees the current run.
 */
export async function downloadBaselineResult(options: DownloadBaselineOptions): Promise<string> {
  const { token, owner, repo, runId, artifactId } = options;
  // A fresh directory per artifact, so a leftover JSON file can never pass for the result.
  const directory = join(options.destination, `artifact-${artifactId}`);
  await rm(directory, { recursive: true, force: true });
  const { DefaultArtifactClient } = await loadArtifactModule();
  try {
    await new DefaultArtifactClient().downloadArtifact(artifactId, {
      path: directory,
      findBy: { token, workflowRunId: runId, repositoryOwner: owner, repositoryName: repo },
    });
  } catch (error) {
    throw toGitHubError(error, `downloading artifact ${artifactId} of run ${runId}`);
  }
  const files = await jsonFiles(directory);
  if (files.length !== 1) {
    const found = files.length === 0 ? 'none' : files.map((file) => relative(directory, file)).join(', ');
    throw new Error(`artifact ${artifactId} of run ${runId} should hold exactly one JSON result file, found ${found}`);
  }
  return files[0]!;
}

async function jsonFiles(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.json'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
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
  const { DefaultArtifactClient } = await loadArtifactModule();
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
