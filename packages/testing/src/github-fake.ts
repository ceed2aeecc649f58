import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stateful fake of the GitHub REST and GraphQL calls pr-staging-comment
 * makes, on 127.0.0.1: comments that several processes create, edit and
 * delete concurrently, which a replay of recordings cannot express. Answers
 * have GitHub's shapes, status codes and Link pagination, as documented:
 * - issue comments: https://docs.github.com/en/rest/issues/comments (list 200 with `Link`, create 201,
 *   get/update 200, delete 204, 404 `Not Found`, 422 `Validation Failed`), each with `user.login`;
 * - deployments: https://docs.github.com/en/rest/deployments/deployments (list 200, create 201, with
 *   `creator.login`) and https://docs.github.com/en/rest/deployments/statuses (create 201);
 * - pulls: https://docs.github.com/en/rest/pulls/pulls (list, get);
 * - GraphQL: https://docs.github.com/en/graphql/reference/queries#viewer (`viewer { login }`: the app's
 *   bot user for an installation token) and .../mutations#minimizecomment; errors come with 200;
 *   `nodes(ids:)` (https://docs.github.com/en/graphql/reference/queries#nodes, at most 100 IDs) answering
 *   IssueComment's `id`, `author { login }`, `editor { login }` (the last editor, null when never edited) and
 *   `lastEditedAt` (https://docs.github.com/en/graphql/reference/objects#issuecomment); a GraphQL actor's
 *   login has no `[bot]` suffix (`github-actions`); an unknown ID is a null node with a NOT_FOUND error;
 * - GET /user: https://docs.github.com/en/rest/users/users#get-the-authenticated-user, which answers 403
 *   "Resource not accessible by integration" to an installation token (`ghs_`);
 * - rate limits: https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api (429 or
 *   403 with `retry-after` / `x-ratelimit-remaining: 0`); 401 `Bad credentials` / `Requires authentication`.
 * 403 (a fork's read-only token), 422 (a body over the limit), 429 (with
 * retry-after), any status, garbage bodies, resets and slowness are switched
 * on per test.
 */
export interface FakeComment {
  id: number;
  node_id: string;
  issue: number;
  body: string;
  html_url: string;
  created_at: string;
  updated_at: string;
  minimized?: string;
  /** `user.login` of the author: the token's account for comments the action posts. */
  login: string;
  /** GraphQL `editor.login` and `lastEditedAt`: who edited the comment last, and when; absent when never edited. */
  editor?: string;
  lastEditedAt?: string;
}

export interface FakePullRequest {
  number: number;
  headSha: string;
  headRef: string;
  /** `owner/repo` of the head: another repository for a fork. */
  headRepo: string;
  state?: 'open' | 'closed';
}

export interface FakeDeployment {
  id: number;
  ref: string;
  sha: string;
  environment: string;
  transient_environment: boolean;
  production_environment: boolean;
  payload: unknown;
  description: string | null;
  creator: { login: string; type: string };
  statuses: { id: number; state: string; environment_url?: string; log_url?: string; description?: string }[];
}

export interface FakeRequest {
  method: string;
  path: string;
  body: string;
  status: number;
}

export interface FakeGitHubBehaviour {
  /** Every write (POST, PATCH, DELETE, GraphQL) answered 403 "Resource not accessible by integration", as a fork's token is. */
  readOnly: boolean;
  /** Bodies longer than this (in characters) are refused with GitHub's 422. */
  maxBodyChars: number;
  /** Delay before each answer, to widen the windows concurrent writers race in. */
  latencyMs: number;
  /** The account the token acts as (GraphQL `viewer.login`, the author of what it posts). */
  login: string;
}

/** What the next matching requests get instead of GitHub's answer. */
export type FakeFailure =
  | { kind: 'status'; status: number; body?: unknown; headers?: Record<string, string> }
  /** 200 with a body that is not what the docs promise: an HTML page, JSON of another shape, or megabytes. */
  | { kind: 'garbage'; body: 'html' | 'wrong-shape' | 'huge' }
  /** The connection is reset before any answer. */
  | { kind: 'reset' };

export interface FakeGitHub {
  /** `http://127.0.0.1:PORT`: GITHUB_API_URL for the action. */
  url: string;
  owner: string;
  repo: string;
  requests: FakeRequest[];
  behaviour: FakeGitHubBehaviour;
  comments(issue: number): FakeComment[];
  /** Comments by others (`login`, default `octocat`), e.g. 150 of them to push the sticky one to page two; `createdAt` for older ones. */
  addComment(issue: number, body: string, createdAt?: string, login?: string): FakeComment;
  /** `login` edits comment `id` (a repository admin may edit anyone's comment): body, `editor`, `lastEditedAt`, `updated_at`; `''` for an account deleted since (GraphQL `editor: null`). */
  editComment(id: number, body: string, login: string): FakeComment;
  addPullRequest(pull: FakePullRequest): void;
  deployments: FakeDeployment[];
  /** The next `count` requests get a 429 with `retry-after: seconds`. */
  rateLimitNext(count: number, seconds: number): void;
  /** The next `count` requests whose `METHOD path` (GraphQL: `POST /graphql field`, e.g. `POST /graphql nodes`) matches `match` (all when absent) fail as told. */
  failNext(count: number, failure: FakeFailure, match?: RegExp): void;
  close(): Promise<void>;
}

const GITHUB_BODY_LIMIT = 65_536;
/** A token the fake answers 401 `Bad credentials` to. */
export const BAD_TOKEN = 'ghs_revokedTokenForTests000000000000';
const RESET = -1;
const GARBAGE = Symbol('garbage');

export async function startFakeGitHub(options: { owner?: string; repo?: string } = {}): Promise<FakeGitHub> {
  const owner = options.owner ?? 'octo-org';
  const repo = options.repo ?? 'webapp';
  const comments: FakeComment[] = [];
  const pulls = new Map<number, FakePullRequest>();
  const deployments: FakeDeployment[] = [];
  const requests: FakeRequest[] = [];
  const behaviour: FakeGitHubBehaviour = { readOnly: false, maxBodyChars: GITHUB_BODY_LIMIT, latencyMs: 0, login: 'github-actions[bot]' };
  let rateLimited = { count: 0, seconds: 1 };
  const failures: { count: number; failure: FakeFailure; match?: RegExp }[] = [];
  let nextId = 1000;
  // The real time, strictly increasing, as GitHub's own timestamps are for one issue's comments.
  let clock = 0;
  const now = () => new Date((clock = Math.max(Date.now(), clock + 1))).toISOString();
  let base = '';

  const addComment = (issue: number, body: string, createdAt?: string, login = 'octocat'): FakeComment => {
    const id = ++nextId;
    const at = createdAt ?? now();
    const comment: FakeComment = { id, node_id: `IC_${id}`, issue, body, html_url: `https://github.com/${owner}/${repo}/pull/${issue}#issuecomment-${id}`, created_at: at, updated_at: at, login };
    comments.push(comment);
    return comment;
  };
  const view = (comment: FakeComment) => ({
    id: comment.id,
    node_id: comment.node_id,
    body: comment.body,
    html_url: comment.html_url,
    issue_url: `${base}/repos/${owner}/${repo}/issues/${comment.issue}`,
    user: { login: comment.login, type: comment.login.endsWith('[bot]') ? 'Bot' : 'User' },
    created_at: comment.created_at,
    updated_at: comment.updated_at,
  });
  const pullView = (pull: FakePullRequest) => ({
    number: pull.number,
    state: pull.state ?? 'open',
    head: { sha: pull.headSha, ref: pull.headRef, repo: { full_name: pull.headRepo }, label: `${pull.headRepo.split('/')[0]}:${pull.headRef}` },
    base: { ref: 'main', repo: { full_name: `${owner}/${repo}` } },
  });

  const handle = (method: string, url: URL, body: string, token: string): [number, unknown, Record<string, string>?] => {
    const path = url.pathname;
    const write = method !== 'GET' && method !== 'HEAD';
    // A GraphQL request is told apart by its first field: `POST /graphql viewer`, `POST /graphql nodes`.
    const field = path === '/graphql' ? /\{\s*([A-Za-z_]\w*)/.exec(graphqlQuery(body))?.[1] : undefined;
    const subject = `${method} ${path}${field ? ` ${field}` : ''}`;
    const failure = failures.find((item) => item.count > 0 && (!item.match || item.match.test(subject)));
    if (failure) {
      failure.count--;
      const { failure: what } = failure;
      if (what.kind === 'status') return [what.status, what.body ?? { message: `fake failure ${what.status}` }, what.headers];
      if (what.kind === 'garbage') return [200, GARBAGE, { 'x-fake-garbage': what.body }];
      return [RESET, undefined];
    }
    if (rateLimited.count > 0) {
      rateLimited.count--;
      return [429, { message: 'API rate limit exceeded for installation.', documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api' }, { 'retry-after': String(rateLimited.seconds), 'x-ratelimit-remaining': '0' }];
    }
    const json = (): Record<string, unknown> => (body ? (JSON.parse(body) as Record<string, unknown>) : {});
    // A GraphQL query reads: a read-only token may ask who it is.
    if (method === 'POST' && path === '/graphql' && /^\s*(query\s*)?\{\s*viewer\s*\{\s*login\s*\}\s*\}\s*$/.test(String(json().query))) {
      return [200, { data: { viewer: { login: behaviour.login } } }];
    }
    // So does the look-up of who wrote and last edited comments.
    if (method === 'POST' && path === '/graphql' && /^\s*query\s*\(\s*\$ids\s*:\s*\[ID!\]!\s*\)\s*\{\s*nodes\s*\(\s*ids\s*:\s*\$ids\s*\)/.test(String(json().query))) {
      const ids = (json().variables as { ids?: unknown } | undefined)?.ids;
      if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string')) return [200, { errors: [{ message: 'Variable $ids of type [ID!]! was provided invalid value' }] }];
      if (ids.length > 100) return [200, { errors: [{ type: 'EXCESSIVE_PAGINATION', message: 'You may not request more than 100 node IDs at once' }] }];
      const actor = (login: string) => ({ login: login.replace(/\[bot\]$/, '') });
      const nodes = (ids as string[]).map((id) => {
        const comment = comments.find((item) => item.node_id === id);
        return comment ? { id, author: actor(comment.login), editor: comment.editor ? actor(comment.editor) : null, lastEditedAt: comment.lastEditedAt ?? null } : null;
      });
      const missing = nodes.flatMap((node, index) => (node ? [] : [{ type: 'NOT_FOUND', path: ['nodes', index], message: `Could not resolve to a node with the global id of '${ids[index]}'` }]));
      return [200, { data: { nodes }, ...(missing.length > 0 ? { errors: missing } : {}) }];
    }
    if (write && behaviour.readOnly) {
      return [403, { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest' }];
    }
    const repoPrefix = `/repos/${owner}/${repo}`;
    if (method === 'GET' && path === '/user') {
      // An installation token is not a user: GitHub refuses GET /user to it.
      if (/^ghs_/.test(token)) return [403, { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest/users/users#get-the-authenticated-user', status: '403' }];
      return [200, { login: behaviour.login, id: 1, type: 'User' }];
    }
    if (method === 'POST' && path === '/graphql') {
      const { variables } = json() as { variables?: { id?: string } };
      const target = comments.find((comment) => comment.node_id === variables?.id);
      if (!target) return [200, { data: null, errors: [{ type: 'NOT_FOUND', message: `Could not resolve to a node with the global id of '${variables?.id}'` }] }];
      // Only the author (or a maintainer) may minimize; the fake token is neither for others' comments.
      if (target.login !== behaviour.login) return [200, { data: { minimizeComment: null }, errors: [{ type: 'FORBIDDEN', message: 'Resource not accessible by integration' }] }];
      target.minimized = 'OUTDATED';
      return [200, { data: { minimizeComment: { minimizedComment: { isMinimized: true } } } }];
    }
    if (!path.startsWith(`${repoPrefix}/`)) return [404, { message: 'Not Found' }];
    const rest = path.slice(repoPrefix.length);
    let match: RegExpExecArray | null;
    if ((match = /^\/issues\/(\d+)\/comments$/.exec(rest))) {
      const issue = Number(match[1]);
      if (method === 'POST') {
        const text = stringField(json().body);
        if (Array.from(text).length > behaviour.maxBodyChars) return tooLong();
        return [201, view(addComment(issue, text, undefined, behaviour.login))];
      }
      const since = url.searchParams.get('since');
      const list = comments.filter((comment) => comment.issue === issue && (!since || comment.updated_at >= since)).sort((a, b) => a.id - b.id);
      return paginate(url, list.map(view));
    }
    if ((match = /^\/issues\/comments\/(\d+)$/.exec(rest))) {
      const comment = comments.find((item) => item.id === Number(match![1]));
      if (!comment) return [404, { message: 'Not Found' }];
      if (method === 'GET') return [200, view(comment)];
      // Another account's comment: the token may read it, but neither edit nor delete it.
      if (comment.login !== behaviour.login) return [403, { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest/issues/comments' }];
      if (method === 'DELETE') {
        comments.splice(comments.indexOf(comment), 1);
        return [204, undefined];
      }
      if (method === 'PATCH') {
        const text = stringField(json().body);
        if (Array.from(text).length > behaviour.maxBodyChars) return tooLong();
        comment.body = text;
        comment.updated_at = now();
        comment.editor = behaviour.login;
        comment.lastEditedAt = comment.updated_at;
        return [200, view(comment)];
      }
    }
    if (rest === '/pulls' && method === 'GET') {
      const head = url.searchParams.get('head');
      const state = url.searchParams.get('state') ?? 'open';
      const list = [...pulls.values()].filter((pull) => (state === 'all' || (pull.state ?? 'open') === state) && (!head || `${pull.headRepo.split('/')[0]}:${pull.headRef}` === head));
      return paginate(url, list.map(pullView));
    }
    if ((match = /^\/pulls\/(\d+)$/.exec(rest)) && method === 'GET') {
      const pull = pulls.get(Number(match[1]));
      return pull ? [200, pullView(pull)] : [404, { message: 'Not Found' }];
    }
    if (rest === '/deployments') {
      if (method === 'POST') {
        const given = json();
        const deployment: FakeDeployment = {
          id: ++nextId,
          ref: stringField(given.ref),
          sha: stringField(given.ref),
          environment: stringField(given.environment) || 'production',
          transient_environment: given.transient_environment === true,
          production_environment: given.production_environment === true,
          payload: given.payload ?? {},
          description: typeof given.description === 'string' ? given.description : null,
          creator: { login: behaviour.login, type: behaviour.login.endsWith('[bot]') ? 'Bot' : 'User' },
          statuses: [],
        };
        if (deployment.description && deployment.description.length > 140) return [422, { message: 'Validation Failed', errors: [{ resource: 'Deployment', field: 'description', code: 'custom', message: 'description is too long (maximum is 140 characters)' }] }];
        deployments.push(deployment);
        return [201, deploymentView(deployment)];
      }
      const sha = url.searchParams.get('sha');
      const environment = url.searchParams.get('environment');
      const list = deployments.filter((item) => (!sha || item.sha === sha) && (!environment || item.environment === environment)).reverse();
      return paginate(url, list.map(deploymentView));
    }
    if ((match = /^\/deployments\/(\d+)\/statuses$/.exec(rest))) {
      const deployment = deployments.find((item) => item.id === Number(match![1]));
      if (!deployment) return [404, { message: 'Not Found' }];
      if (method === 'POST') {
        const given = json();
        if (typeof given.description === 'string' && given.description.length > 140) return [422, { message: 'Validation Failed', errors: [{ resource: 'DeploymentStatus', field: 'description', code: 'custom', message: 'description is too long (maximum is 140 characters)' }] }];
        const status = {
          id: ++nextId,
          state: stringField(given.state),
          ...(typeof given.environment_url === 'string' ? { environment_url: given.environment_url } : {}),
          ...(typeof given.log_url === 'string' ? { log_url: given.log_url } : {}),
          ...(typeof given.description === 'string' ? { description: given.description } : {}),
        };
        deployment.statuses.push(status);
        return [201, status];
      }
      return [200, [...deployment.statuses].reverse()];
    }
    return [404, { message: `Not Found (the fake has no ${method} ${rest})` }];
  };

  const deploymentView = (deployment: FakeDeployment) => {
    const { statuses: _statuses, ...rest } = deployment;
    return { ...rest, url: `${base}/repos/${owner}/${repo}/deployments/${deployment.id}` };
  };

  function paginate(url: URL, items: unknown[]): [number, unknown, Record<string, string>] {
    const perPage = Math.min(100, Math.max(1, Number(url.searchParams.get('per_page') ?? 30)));
    const page = Math.max(1, Number(url.searchParams.get('page') ?? 1));
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const pageUrl = (number: number) => {
      const next = new URL(url.toString());
      next.searchParams.set('page', String(number));
      next.searchParams.set('per_page', String(perPage));
      return `<${base}${next.pathname}${next.search}>`;
    };
    const links: string[] = [];
    if (page < last) links.push(`${pageUrl(page + 1)}; rel="next"`, `${pageUrl(last)}; rel="last"`);
    if (page > 1) links.push(`${pageUrl(1)}; rel="first"`, `${pageUrl(page - 1)}; rel="prev"`);
    return [200, items.slice((page - 1) * perPage, page * perPage), links.length > 0 ? { link: links.join(', ') } : {}];
  }

  function tooLong(): [number, unknown] {
    return [422, { message: 'Validation Failed', errors: [{ resource: 'IssueComment', code: 'unprocessable', field: 'data', message: `Body is too long (maximum is ${behaviour.maxBodyChars} characters)` }] }];
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const method = (req.method ?? 'GET').toUpperCase();
      const url = new URL(req.url ?? '/', base);
      const answer = () => {
        let reply: [number, unknown, Record<string, string>?];
        const auth = /^(?:token|bearer) (\S+)$/i.exec(req.headers.authorization ?? '');
        if (!auth) reply = [401, { message: 'Requires authentication', documentation_url: 'https://docs.github.com/rest' }];
        else if (auth[1] === BAD_TOKEN) reply = [401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' }];
        else {
          try {
            reply = handle(method, url, body, auth[1]!);
          } catch (error) {
            reply = [400, { message: `Problems parsing JSON (${(error as Error).message})` }];
          }
        }
        const [status, data, headers = {}] = reply;
        requests.push({ method, path: `${url.pathname}${url.search}`, body, status });
        if (status === RESET) {
          req.socket.destroy();
          return;
        }
        if (data === GARBAGE) {
          const kind = headers['x-fake-garbage'];
          if (kind === 'html') {
            res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
            res.end('<html><body><h1>502 Bad Gateway</h1><p>echo: Authorization: token ' + (auth?.[1] ?? '') + '</p></body></html>');
          } else if (kind === 'wrong-shape') {
            res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
            res.end(JSON.stringify({ ok: true, items: 'not a list', data: { viewer: 7 } }));
          } else {
            // Megabytes of JSON that is not what was asked for: the client must not choke on it or quote it.
            const chunk = JSON.stringify({ message: 'x'.repeat(1024 * 1024) });
            res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
            res.end(`[${Array(8).fill(chunk).join(',')}]`);
          }
          return;
        }
        const text = data === undefined ? '' : JSON.stringify(data);
        res.writeHead(status, { ...headers, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'x-github-media-type': 'github.v3; format=json' });
        res.end(text);
      };
      if (behaviour.latencyMs > 0) setTimeout(answer, behaviour.latencyMs);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    owner,
    repo,
    requests,
    behaviour,
    deployments,
    comments: (issue) => comments.filter((comment) => comment.issue === issue).sort((a, b) => a.id - b.id),
    addComment,
    editComment: (id, body, login) => {
      const comment = comments.find((item) => item.id === id);
      if (!comment) throw new Error(`the fake has no comment ${id}`);
      comment.body = body;
      comment.updated_at = comment.lastEditedAt = now();
      comment.editor = login;
      return comment;
    },
    addPullRequest: (pull) => void pulls.set(pull.number, pull),
    rateLimitNext: (count, seconds) => void (rateLimited = { count, seconds }),
    failNext: (count, failure, match) => void failures.push({ count, failure, ...(match ? { match } : {}) }),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function graphqlQuery(body: string): string {
  try {
    return stringField((JSON.parse(body) as { query?: unknown } | null)?.query);
  } catch {
    return '';
  }
}

function stringField(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
