import type { GitHubClient } from '@roadstop/github';
import { truncateCodePoints } from '@roadstop/render';
import type { DeploymentStatus } from './state.js';

/** GitHub refuses a deployment status description over 140 characters. */
export const MAX_STATUS_DESCRIPTION = 140;

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
}

/**
 * A GitHub deployment of the commit to the environment (one per commit, key
 * and environment: parallel jobs and re-runs add statuses to it) and a status
 * with `environment_url`, which makes the pull request show "View deployment".
 */
export async function recordDeployment(client: GitHubClient, repo: RepoRef, request: DeploymentRequest): Promise<number> {
  const description = truncateCodePoints(`roadstop ${request.key}: ${request.status}${request.url ? ` at ${request.url}` : ''}`, MAX_STATUS_DESCRIPTION);
  const { data: existing } = await client.rest.repos.listDeployments({ ...repo, sha: request.sha, environment: request.environment, per_page: 100 });
  let id = (existing as Deployment[]).find((deployment) => ownedBy(deployment, request.key))?.id;
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
    if (!('id' in data)) throw new Error(`GitHub did not create the deployment: ${data.message ?? 'no reason given'}`);
    id = data.id;
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

/** Mark every deployment of this key and pull request in the environment inactive (`on: pull_request` `closed`). Their ids. */
export async function deactivateDeployments(client: GitHubClient, repo: RepoRef, request: { environment: string; key: string; pullRequest?: number; sha?: string }): Promise<number[]> {
  const ids: number[] = [];
  let pages = 0;
  for await (const page of client.paginate.iterator(client.rest.repos.listDeployments, { ...repo, environment: request.environment, per_page: 100 })) {
    for (const deployment of page.data as Deployment[]) {
      if (!ownedBy(deployment, request.key)) continue;
      const pr = (payloadOf(deployment) as { roadstop?: { pr?: unknown } } | null)?.roadstop?.pr;
      if (request.pullRequest !== undefined ? pr === request.pullRequest : true) ids.push(deployment.id);
    }
    // Deployments come newest first; a closed pull request's are among the latest.
    if (++pages >= 5) break;
  }
  for (const id of ids) {
    await client.rest.repos.createDeploymentStatus({ ...repo, deployment_id: id, state: 'inactive', description: truncateCodePoints(`roadstop ${request.key}: closed`, MAX_STATUS_DESCRIPTION) });
  }
  return ids;
}

function ownedBy(deployment: Deployment, key: string): boolean {
  return (payloadOf(deployment) as { roadstop?: { key?: unknown } } | null)?.roadstop?.key === key;
}

/** GitHub hands the payload back as an object, or as the string it was given. */
function payloadOf(deployment: Deployment): unknown {
  return typeof deployment.payload === 'string' ? safeJson(deployment.payload) : deployment.payload;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
