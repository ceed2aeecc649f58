import { ConfigurationError } from '@roadstop/core';
import type { VercelPlatformOptions } from './options.js';
import { PlatformError, type Labels, type PlatformAdapter, type PlatformDeps } from './platforms.js';

/** The longest one Vercel request may take. */
const REQUEST_TIMEOUT_MS = 30_000;
const MAX_TEXT = 300;

/** What the ramp reads of a rolling release (https://vercel.com/docs/rest-api/rolling-release/get-the-active-rolling-release-information-for-a-project). */
interface RollingRelease {
  state: string;
  activeStage: { index: number; targetPercentage: number } | null;
  canaryDeployment: { id: string; url?: string } | null;
  currentDeployment: { id: string } | null;
}

const text = (value: unknown) => String(value).replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').slice(0, MAX_TEXT);

/**
 * Vercel Rolling Releases (https://vercel.com/docs/rolling-releases), through @vercel/sdk's standalone functions over
 * VercelCore, imported only here, after every input was checked (the whole `Vercel` class costs seconds to load).
 * prepare: the project's rolling-release config gets one manual-approval stage per step; the canary deployment and
 * its git SHA are read. move: step 1 starts the rolling release for the canary, each later step approves the next
 * stage. promote: complete. rollback: abort, the documented way: an Instant Rollback of production to the stable
 * deployment the rolling release was serving (POST /v1/projects/{projectId}/rollback/{deploymentId}), which ends
 * the rolling release with 100% of traffic on stable. Rolling Releases need a Pro or Enterprise plan: a 403 or 404
 * before any traffic moves is one ConfigurationError naming vercel-project and the plan.
 */
export function vercelPlatform(options: VercelPlatformOptions, steps: readonly number[], deps: PlatformDeps, needLabels = true): PlatformAdapter {
  const team = options.team !== undefined ? { teamId: options.team } : {};
  const query = options.team !== undefined ? `?teamId=${encodeURIComponent(options.team)}` : '';
  const project = encodeURIComponent(options.project);
  let canaryId: string | undefined;
  let canarySha: string | undefined;
  let stableId: string | undefined;
  let stableSha: string | undefined;

  /**
   * Plain fetch for two calls: the deployment (its id and meta.githubCommitSha) and the config. @vercel/sdk 1.28.35's
   * updateRollingReleaseConfig sends no request body (its generated function sets `body = null`), so the stages
   * cannot be configured through it: the documented body goes here instead. Redirects are not followed.
   */
  const call = async (method: 'GET' | 'PATCH', path: string, body?: unknown): Promise<{ status: number; json: unknown }> => {
    let response: Response;
    try {
      response = await fetch(`${options.apiUrl}${path}`, {
        method,
        headers: { Authorization: `Bearer ${options.token}`, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        redirect: 'manual',
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      throw new PlatformError(`cannot reach Vercel (vercel-api-url) at ${new URL(options.apiUrl).origin}: ${text((error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message)}`);
    }
    const raw = (await response.text()).slice(0, 1_000_000);
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      json = undefined;
    }
    return { status: response.status, json };
  };
  const refused = (status: number, what: string, json: unknown): Error => {
    const detail = text((json as { error?: { message?: unknown } } | undefined)?.error?.message ?? 'no message');
    if (status === 401) return new ConfigurationError(`Vercel refused the token: HTTP 401 (${detail})`, { input: 'vercel-token' }, 'a Vercel access token with access to the project (and the team, with vercel-team)');
    if (status === 403 || status === 404) {
      return new ConfigurationError(`Vercel answered HTTP ${status} to ${what} of project '${options.project}' (${detail}): Rolling Releases need a Pro or Enterprise plan, and the project must exist under the token's account${options.team ? ` or team ${options.team}` : ' (set vercel-team for a team project)'}`, { input: 'vercel-project' });
    }
    if (status === 429) return new PlatformError(`Vercel is rate limiting ${what}: HTTP 429`);
    return new PlatformError(`Vercel answered HTTP ${status} to ${what}: ${detail}`);
  };

  const loadSdk = async () => {
    const [{ VercelCore }, start, approve, complete, get, rollback] = await Promise.all([
      import('@vercel/sdk/core.js'),
      import('@vercel/sdk/funcs/rollingReleaseStartRollingRelease.js'),
      import('@vercel/sdk/funcs/rollingReleaseApproveRollingReleaseStage.js'),
      import('@vercel/sdk/funcs/rollingReleaseCompleteRollingRelease.js'),
      import('@vercel/sdk/funcs/rollingReleaseGetRollingRelease.js'),
      import('@vercel/sdk/funcs/projectsRequestRollback.js'),
    ]);
    const client = new VercelCore({ bearerToken: options.token, serverURL: options.apiUrl, timeoutMs: REQUEST_TIMEOUT_MS });
    return { client, start: start.rollingReleaseStartRollingRelease, approve: approve.rollingReleaseApproveRollingReleaseStage, complete: complete.rollingReleaseCompleteRollingRelease, get: get.rollingReleaseGetRollingRelease, rollback: rollback.projectsRequestRollback };
  };
  let sdk: ReturnType<typeof loadSdk> | undefined;
  const client = () => (sdk ??= loadSdk());

  /** An SDK result: its value, or the error as the user's (401/403/404) or the environment's. */
  const value = <T>(result: { ok: true; value: T } | { ok: false; error: unknown }, what: string): T => {
    if (result.ok) return result.value;
    const error = result.error as { statusCode?: number; body?: string; message?: string };
    if (typeof error.statusCode === 'number') {
      let json: unknown;
      try {
        json = JSON.parse(error.body ?? '');
      } catch {
        json = undefined;
      }
      throw refused(error.statusCode, what, json);
    }
    throw new PlatformError(`Vercel: ${what} failed: ${text(error.message ?? error)}`);
  };

  const shaOf = async (id: string): Promise<string | undefined> => {
    const { status, json } = await call('GET', `/v13/deployments/${encodeURIComponent(id)}${query}`);
    if (status !== 200) throw refused(status, `reading deployment ${id}`, json);
    const sha = (json as { meta?: { githubCommitSha?: unknown } } | undefined)?.meta?.githubCommitSha;
    return typeof sha === 'string' && /^[0-9a-f]{7,64}$/i.test(sha) ? sha : undefined;
  };

  const checked = (release: unknown, what: string): RollingRelease => {
    const rr = (release as { rollingRelease?: unknown } | undefined)?.rollingRelease as RollingRelease | null | undefined;
    if (!rr || typeof rr.state !== 'string') throw new PlatformError(`Vercel answered ${what} without a rolling release`);
    return rr;
  };

  return {
    async prepare() {
      const { status, json } = await call('GET', `/v13/deployments/${encodeURIComponent(options.deployment)}${query}`);
      if (status === 404) throw new ConfigurationError(`Vercel knows no deployment '${options.deployment}'`, { input: 'deployment' }, 'the ID (dpl_…) or URL of the canary deployment');
      if (status !== 200) throw refused(status, 'reading the canary deployment', json);
      const deployment = json as { id?: unknown; meta?: { githubCommitSha?: unknown } };
      if (typeof deployment.id !== 'string') throw new PlatformError('Vercel answered the deployment without an id');
      canaryId = deployment.id;
      const sha = deployment.meta?.githubCommitSha;
      if (typeof sha === 'string' && /^[0-9a-f]{7,64}$/i.test(sha)) canarySha = sha;
      const stages = steps.map((targetPercentage) => ({ targetPercentage, requireApproval: targetPercentage < 100 }));
      // https://vercel.com/docs/rest-api/rolling-release/update-the-rolling-release-settings-for-the-project
      const config = await call('PATCH', `/v1/projects/${project}/rolling-release/config${query}`, { enabled: true, advancementType: 'manual-approval', stages });
      if (config.status >= 300) throw refused(config.status, 'configuring Rolling Releases', config.json);
      deps.log(`canary-release: Vercel Rolling Releases configured for ${options.project}: manual approval at ${steps.join(', ')}%`);
    },
    async move(weight, step): Promise<Labels> {
      const api = await client();
      const canaryDeploymentId = canaryId!;
      let rr: RollingRelease;
      if (step === 1) {
        rr = checked(value(await api.start(api.client, { idOrName: options.project, ...team, requestBody: { canaryDeploymentId } }), 'starting the rolling release'), 'the start');
        stableId = rr.currentDeployment?.id;
      } else {
        rr = checked(value(await api.approve(api.client, { idOrName: options.project, ...team, requestBody: { nextStageIndex: step - 1, canaryDeploymentId } }), `approving stage ${step}`), 'the approval');
      }
      const now = rr.state === 'COMPLETE' ? 100 : rr.activeStage?.targetPercentage;
      if (now !== weight) throw new PlatformError(`Vercel's rolling release is at ${now === undefined ? 'no stage' : `${now}%`} (state ${text(rr.state)}), not ${weight}%`);
      const labels: Labels = {};
      if (canarySha !== undefined) labels.canary = canarySha;
      // Explicit labels always win: then no deployment's metadata is read.
      if (needLabels && stableId !== undefined) stableSha ??= await shaOf(stableId);
      if (stableSha !== undefined) labels.baseline = stableSha;
      return labels;
    },
    async rollback() {
      const api = await client();
      // Read the state first: a second call (the post step), a release already over, or none started, does nothing.
      const read = value(await api.get(api.client, { idOrName: options.project, ...team }), 'reading the rolling release');
      if (read.rollingRelease === null) {
        deps.log('canary-release: Vercel has no rolling release for the project: nothing to abort');
        return;
      }
      const rr = checked(read, 'the read');
      // In the post step the canary's id is not known yet: the input (an id or a URL) names it.
      const mine = [canaryId, options.deployment].filter((one) => one !== undefined);
      const ours = mine.includes(rr.canaryDeployment?.id ?? '') || mine.includes(rr.canaryDeployment?.url ?? '');
      const stable = stableId ?? rr.currentDeployment?.id;
      // COMPLETE after the last stage (100%) was approved: the canary serves production, and the same Instant Rollback takes it back.
      const completedHere = rr.state === 'COMPLETE' && stable !== undefined && stable !== rr.canaryDeployment?.id;
      if (!ours || (rr.state !== 'ACTIVE' && !completedHere)) {
        deps.log(`canary-release: Vercel's rolling release is ${text(rr.state)}${ours ? '' : ' for another deployment'}: nothing to abort`);
        return;
      }
      if (stable === undefined) throw new PlatformError('Vercel’s rolling release names no current deployment to go back to');
      value(await api.rollback(api.client, { projectId: options.project, deploymentId: stable, ...team, description: 'roadstop canary-release: the canary failed its watch' }), 'rolling production back to the stable deployment');
      deps.log(`canary-release: Vercel rolled back to ${stable}: the rolling release is aborted, 100% on stable`);
    },
    async promote() {
      const api = await client();
      const rr = checked(value(await api.get(api.client, { idOrName: options.project, ...team }), 'reading the rolling release'), 'the read');
      if (rr.state === 'COMPLETE') return;
      value(await api.complete(api.client, { idOrName: options.project, ...team, requestBody: { canaryDeploymentId: canaryId! } }), 'completing the rolling release');
    },
  };
}
