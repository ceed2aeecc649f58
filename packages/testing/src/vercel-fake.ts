import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in of Vercel's Rolling Releases API on 127.0.0.1, answering as documented
 * (https://vercel.com/docs/rest-api/rolling-release/…), with the fields @vercel/sdk validates:
 * - `PATCH /v1/projects/{idOrName}/rolling-release/config` with `{"enabled","advancementType","stages":[{"targetPercentage","requireApproval"}]}`;
 * - `POST /v1/projects/{idOrName}/rolling-release/start` with `{"canaryDeploymentId"}`,
 *   `POST …/approve-stage` with `{"nextStageIndex","canaryDeploymentId"}`, `POST …/complete` with `{"canaryDeploymentId"}`,
 *   `GET /v1/projects/{idOrName}/rolling-release`: each answers `{"rollingRelease":{"state":"ACTIVE"|"COMPLETE"|"ABORTED",
 *   "activeStage","nextStage","stages":[{"index","isFinalStage","targetPercentage","requireApproval","duration"}],
 *   "canaryDeployment","currentDeployment","advancementType","queuedDeploymentId","startedAt","updatedAt","substate"}}`;
 * - `POST /v1/projects/{projectId}/rollback/{deploymentId}` (Instant Rollback, https://vercel.com/docs/rest-api/projects/point-production-traffic-to-a-previous-production-deployment-by-id): 201, no body;
 * - `GET /v13/deployments/{idOrUrl}` (https://vercel.com/docs/rest-api/deployments/get-a-deployment-by-id-or-url): `{"id","url","name","meta":{"githubCommitSha"}}`.
 * Errors are `{"error":{"code","message"}}`: 401 without the token, 403 on a Hobby plan (no Rolling Releases),
 * 404 for an unknown project or deployment. `misbehave` answers instead on demand (429, 5xx, …).
 */
export interface VercelRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

export interface VercelAnswer {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface VercelDeployment {
  id: string;
  url: string;
  sha: string;
}

export interface VercelFake {
  url: string;
  token: string;
  project: { id: string; name: string };
  plan: 'pro' | 'hobby';
  deployments: VercelDeployment[];
  /** The deployment serving production (the stable one). */
  production: string;
  requests: VercelRequest[];
  config?: { stages: { targetPercentage: number; requireApproval: boolean }[] };
  rollingRelease?: { state: 'ACTIVE' | 'COMPLETE' | 'ABORTED'; stage: number; canary: string; current: string; startedAt: number; updatedAt: number };
  misbehave?: (request: VercelRequest) => VercelAnswer | undefined;
  /** The share of traffic the canary gets now, 0–100: what a load generator splits by. */
  canaryPercentage(): number;
  /** The deployment a request with this random number in [0, 1) is served by. */
  route(random: number): VercelDeployment;
  close(): Promise<void>;
}

const error = (status: number, code: string, message: string): VercelAnswer => ({ status, body: { error: { code, message } } });

export async function startVercelFake(options: { token?: string; deployments: VercelDeployment[]; production: string }): Promise<VercelFake> {
  const fake: VercelFake = {
    url: '',
    token: options.token ?? 'vercel-fake-token',
    project: { id: 'prj_fake1234', name: 'webapp' },
    plan: 'pro',
    deployments: options.deployments,
    production: options.production,
    requests: [],
    canaryPercentage: () => {
      const rr = fake.rollingRelease;
      if (!rr || !fake.config) return 0;
      if (rr.state !== 'ACTIVE') return fake.production === rr.canary ? 100 : 0;
      return fake.config.stages[rr.stage]?.targetPercentage ?? 0;
    },
    route: (random) => {
      const rr = fake.rollingRelease;
      const id = rr && random * 100 < fake.canaryPercentage() ? rr.canary : rr && rr.state === 'ACTIVE' ? rr.current : fake.production;
      return fake.deployments.find((deployment) => deployment.id === id)!;
    },
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((done) => server.close(() => done()));
    },
  };

  const deploymentJson = (id: string) => {
    const deployment = fake.deployments.find((one) => one.id === id)!;
    return { id: deployment.id, name: fake.project.name, url: deployment.url, createdAt: 1_700_000_000_000, readyState: 'READY', target: 'production' };
  };
  const rollingReleaseJson = () => {
    const rr = fake.rollingRelease;
    if (!rr) return { rollingRelease: null };
    const stages = (fake.config?.stages ?? []).map((stage, index, all) => ({ index, isFinalStage: index === all.length - 1, targetPercentage: stage.targetPercentage, requireApproval: stage.requireApproval, duration: null }));
    return {
      rollingRelease: {
        state: rr.state,
        activeStage: rr.state === 'ACTIVE' ? (stages[rr.stage] ?? null) : null,
        nextStage: rr.state === 'ACTIVE' ? (stages[rr.stage + 1] ?? null) : null,
        stages,
        canaryDeployment: deploymentJson(rr.canary),
        currentDeployment: deploymentJson(rr.current),
        advancementType: 'manual-approval',
        queuedDeploymentId: null,
        startedAt: rr.startedAt,
        updatedAt: rr.updatedAt,
        substate: null,
      },
    };
  };

  const answer = (request: VercelRequest): VercelAnswer => {
    if (request.headers.authorization !== `Bearer ${fake.token}`) return error(401, 'forbidden', 'Not authorized');
    const parts = request.path.split('/').filter((part) => part !== '').map(decodeURIComponent);
    if (parts[0] === 'v13' && parts[1] === 'deployments' && parts.length === 3) {
      const deployment = fake.deployments.find((one) => one.id === parts[2] || one.url === parts[2]);
      return deployment ? { body: { ...deploymentJson(deployment.id), meta: { githubCommitSha: deployment.sha } } } : error(404, 'not_found', 'Deployment not found');
    }
    if (parts[0] !== 'v1' || parts[1] !== 'projects' || (parts[2] !== fake.project.id && parts[2] !== fake.project.name)) return error(404, 'not_found', 'Project not found');
    if (parts[3] === 'rollback' && request.method === 'POST' && parts.length === 5) {
      if (!fake.deployments.some((one) => one.id === parts[4])) return error(404, 'not_found', 'Deployment not found');
      fake.production = String(parts[4]);
      if (fake.rollingRelease?.state === 'ACTIVE') fake.rollingRelease = { ...fake.rollingRelease, state: 'ABORTED', updatedAt: Date.now() };
      return { status: 201 };
    }
    if (parts[3] !== 'rolling-release') return error(404, 'not_found', 'Not found');
    if (fake.plan === 'hobby') return error(403, 'forbidden', 'Rolling Releases are not available on the Hobby plan');
    const body = (request.body ?? {}) as Record<string, unknown>;
    const action = parts[4];
    if (action === 'config' && request.method === 'PATCH') {
      const stages = body.stages;
      if (body.enabled !== true || !Array.isArray(stages) || stages.length === 0) return error(400, 'bad_request', 'stages are required');
      fake.config = { stages: stages as { targetPercentage: number; requireApproval: boolean }[] };
      return { body: { rollingRelease: { target: 'production', stages: fake.config.stages } } };
    }
    if (action === undefined && request.method === 'GET') return { body: rollingReleaseJson() };
    const canary = body.canaryDeploymentId;
    if (action === 'start' && request.method === 'POST') {
      if (!fake.config) return error(400, 'bad_request', 'Rolling Releases are not configured for this project');
      if (typeof canary !== 'string' || !fake.deployments.some((one) => one.id === canary)) return error(404, 'not_found', 'Deployment not found');
      if (fake.rollingRelease?.state !== 'ACTIVE' || fake.rollingRelease.canary !== canary) fake.rollingRelease = { state: 'ACTIVE', stage: 0, canary, current: fake.production, startedAt: Date.now(), updatedAt: Date.now() };
      return { body: rollingReleaseJson() };
    }
    const rr = fake.rollingRelease;
    if (!rr || rr.state !== 'ACTIVE' || rr.canary !== canary) return error(400, 'bad_request', 'No active rolling release for this deployment');
    if (action === 'approve-stage' && request.method === 'POST') {
      const next = body.nextStageIndex;
      if (typeof next !== 'number' || next !== rr.stage + 1 || !fake.config?.stages[next]) return error(400, 'bad_request', `nextStageIndex must be ${rr.stage + 1}`);
      rr.stage = next;
      rr.updatedAt = Date.now();
      if (fake.config.stages[next].targetPercentage === 100) {
        rr.state = 'COMPLETE';
        fake.production = rr.canary;
      }
      return { body: rollingReleaseJson() };
    }
    if (action === 'complete' && request.method === 'POST') {
      rr.state = 'COMPLETE';
      fake.production = rr.canary;
      return { body: rollingReleaseJson() };
    }
    return error(404, 'not_found', 'Not found');
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      let body: unknown;
      try {
        body = chunks.length > 0 ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined;
      } catch {
        body = undefined;
      }
      const request: VercelRequest = { method: req.method ?? 'GET', path: url.pathname, headers: req.headers, body };
      fake.requests.push(request);
      const reply = fake.misbehave?.(request) ?? answer(request);
      if (res.destroyed) return;
      res.writeHead(reply.status ?? 200, { ...(reply.body !== undefined ? { 'content-type': 'application/json' } : {}), ...reply.headers });
      res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}
