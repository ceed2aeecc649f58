import { GitHubFailure, GitHubGarbageError, type GitHubClient } from '@roadstop/github';
import { truncateCodePoints } from '@roadstop/render';
import { sanitizeUntrusted } from './sanitize.js';
import type { DeploymentStatus } from './state.js';
import { writtenBy, type CommentIdentity } from './sticky.js';

/** GitHub refuses a deployment status description over 140 characters. */
const MAX_STATUS_DESCRIPTION = 140;

const STATE: Record<DeploymentStatus, 'in_progress' | 'success' | 'failure' | 'inactive'> = {
  building: 'in_progress',
  ready: 'success',
  failed: 'failure',
  inactive: 'inactive',
};

export interface RepoRef {
  owner: string;
  repo: string;
}

export interface DeploymentRequest {
  sha: string;
  environment: string;
  /** Previews: GitHub shows them as temporary environments. */
  transient: boolean;
  status: Exclude<DeploymentStatus, 'inactive'>;
  url?: string;
  logUrl?: string;
  key: string;
  pullRequest?: number;
}

interface Deployment {
  id: number;
  payload: unknown;
  creator?: { login?: unknown } | null;
}

/** Deployments of one commit and environment read at most: roadstop adds one per key. */
const MAX_DEPLOYMENT_PAGES = 5;

/**
 * A GitHub deployment of the commit to the environment (one per commit, key
 * and environment: parallel jobs and re-runs add statuses to it) and a status
 * with `environment_url`, which makes the pull request show "View deployment".
 * GitHub has no "create unless it exists": find, create, then look again;
 * when two jobs both created one, every job settles on the oldest, and the
 * newer one is marked inactive so the pull request shows one.
 */
export async function recordDeployment(client: GitHubClient, repo: RepoRef, request: DeploymentRequest, identity?: CommentIdentity): Promise<number> {
  const description = truncateCodePoints(`roadstop ${request.key}: ${request.status}${request.url ? ` at ${request.url}` : ''}`, MAX_STATUS_DESCRIPTION);
  const mine = async () => (await listDeployments(client, repo, { sha: request.sha, environment: request.environment })).filter((deployment) => ownedBy(deployment, request.key, identity));
  let id = (await mine()).at(0)?.id;
  if (id === undefined) {
    const { data } = await client.rest.repos.createDeployment({
      ...repo,
      ref: request.sha,
      environment: request.environment,
      transient_environment: request.transient,
      production_environment: false,
      auto_merge: false,
      required_contexts: [],
      description,
      payload: { roadstop: { key: request.key, ...(request.pullRequest ? { pr: request.pullRequest } : {}) } },
    });
    const created = data as { id?: unknown; message?: unknown };
    if (!Number.isSafeInteger(created.id) || (created.id as number) <= 0) {
      if (typeof created.message === 'string') throw new GitHubFailure(`GitHub did not create the deployment of ${request.environment} (202): ${sanitizeUntrusted(created.message, 200)}`);
      throw new GitHubGarbageError(`creating the deployment of ${request.environment}`, 'a deployment');
    }
    // Re-check: another job may have created one at the same moment. The oldest is the one.
    id = (await mine()).at(0)?.id ?? (created.id as number);
    if (id !== created.id) {
      await client.rest.repos.createDeploymentStatus({ ...repo, deployment_id: created.id as number, state: 'inactive', description: truncateCodePoints(`roadstop ${request.key}: duplicate of ${id}`, MAX_STATUS_DESCRIPTION) });
    }
  }
  await client.rest.repos.createDeploymentStatus({
    ...repo,
    deployment_id: id,
    state: STATE[request.status],
    description,
    ...(request.url ? { environment_url: request.url } : {}),
    ...(request.logUrl ? { log_url: request.logUrl } : {}),
    auto_inactive: false,
  });
  return id;
}

/**
 * Mark the deployments of this key and this pull request in the environment
 * inactive (`on: pull_request` `closed`). Their ids. Without a pull request
 * nothing is deactivated: "every preview of the key" is never what one
 * closed pull request means.
 */
export async function deactivateDeployments(
  client: GitHubClient,
  repo: RepoRef,
  request: { environment: string; key: string; pullRequest: number },
  identity?: CommentIdentity,
): Promise<number[]> {
  const ids: number[] = [];
  for (const deployment of await listDeployments(client, repo, { environment: request.environment })) {
    if (!ownedBy(deployment, request.key, identity)) continue;
    if (roadstopPayload(deployment)?.pr === request.pullRequest) ids.push(deployment.id);
  }
  for (const id of ids) {
    await client.rest.repos.createDeploymentStatus({ ...repo, deployment_id: id, state: 'inactive', description: truncateCodePoints(`roadstop ${request.key}: closed`, MAX_STATUS_DESCRIPTION) });
  }
  return ids;
}

/** Deployments, newest first as GitHub lists them (https://docs.github.com/en/rest/deployments/deployments#list-deployments), checked; oldest first out. */
async function listDeployments(client: GitHubClient, repo: RepoRef, filter: { sha?: string; environment: string }): Promise<Deployment[]> {
  const found: Deployment[] = [];
  let pages = 0;
  for await (const page of client.paginate.iterator(client.rest.repos.listDeployments, { ...repo, ...filter, per_page: 100 })) {
    const data: unknown = page.data;
    if (!Array.isArray(data)) throw new GitHubGarbageError(`listing the deployments of ${filter.environment}`, 'a list of deployments');
    for (const item of data) {
      const id = (item as Partial<Deployment> | null)?.id;
      if (!Number.isSafeInteger(id) || (id as number) <= 0) throw new GitHubGarbageError(`listing the deployments of ${filter.environment}`, 'a list of deployments');
      found.push(item as Deployment);
    }
    // Deployments come newest first; this commit's, or a closed pull request's, are among the latest.
    if (++pages >= MAX_DEPLOYMENT_PAGES) break;
  }
  return found.sort((a, b) => a.id - b.id);
}

/** Ours: roadstop's payload with this key, and, when the token's account is known, created by it. */
function ownedBy(deployment: Deployment, key: string, identity?: CommentIdentity): boolean {
  if (identity && !(typeof deployment.creator?.login === 'string' && writtenBy({ user: { login: deployment.creator.login } }, identity))) return false;
  return roadstopPayload(deployment)?.key === key;
}

/** roadstop's part of a deployment's payload, which GitHub hands back as an object, or as the string it was given. */
function roadstopPayload(deployment: Deployment): { key?: unknown; pr?: unknown } | undefined {
  let payload = deployment.payload;
  try {
    if (typeof payload === 'string') payload = JSON.parse(payload);
  } catch {
    return undefined;
  }
  return (payload as { roadstop?: { key?: unknown; pr?: unknown } } | null)?.roadstop;
}
