import { existsSync, statSync } from 'node:fs';
import { isAbsolute, resolve, sep } from 'node:path';
import { ConfigurationError, givenInput, type ConfigSection, type InputDefinition } from '@roadstop/core';
import { INPUT_DEFINITIONS as WATCH_SECRETS, INPUT_NAMES as WATCH_INPUTS, parseDuration, resolveCanaryWatchOptions, type CanaryWatchOptions } from '@roadstop/canary/options';
import { PLATFORMS, type PlatformName } from './platforms.js';

/** The canary-watch inputs canary-release passes through to each step's watch (fail-on is the ramp's own business). */
export const WATCH_INPUT_NAMES = WATCH_INPUTS.filter((name) => name !== 'fail-on');

export const RELEASE_INPUT_NAMES = ['platform', 'steps', 'on-inconclusive', 'deploy', 'rollback', 'promote', 'command-timeout', 'vercel-token', 'vercel-project', 'vercel-team', 'deployment', 'vercel-api-url', 'timeout-minutes', 'working-directory'] as const;
/** The Slack inputs that are secrets: read with the others so that they are masked by their one declaration below. */
export const RELEASE_SLACK_SECRET_INPUTS = ['slack-token', 'slack-webhook-url'] as const;
export type ReleaseInputName = (typeof RELEASE_INPUT_NAMES)[number] | (typeof WATCH_INPUT_NAMES)[number] | (typeof RELEASE_SLACK_SECRET_INPUTS)[number];
export type ReleaseRawInputs = Partial<Record<ReleaseInputName, string>>;

/** Masked before anything else runs: the watch's secrets, the Vercel token, the Slack token and each webhook URL. */
export const RELEASE_INPUT_DEFINITIONS: Partial<Record<ReleaseInputName, InputDefinition>> = {
  ...WATCH_SECRETS,
  'vercel-token': { secret: true },
  'slack-token': { secret: true },
  // Several webhooks, one a line or comma-separated, as slack-notify reads them: each URL masked on its own.
  'slack-webhook-url': { secret: true, secretParts: (value) => value.split(/[\s,]+/).filter((url) => url !== '') },
};

/** What a timeout must leave beyond the watches: the traffic moves, the promotion, a rollback. */
export const MOVE_MINUTES = 10;

/** At most this many steps: each is a watch of at least a second, and a ramp of 20 is already unusual (Argo's examples use 3 to 6). */
export const MAX_STEPS = 20;

export interface CommandPlatformOptions {
  kind: 'command';
  deploy: string;
  rollback: string;
  promote?: string;
  timeoutMs: number;
  /** The folder the commands run in (absolute, inside the workspace). */
  cwd: string;
}

export interface VercelPlatformOptions {
  kind: 'vercel';
  token: string;
  project: string;
  team?: string;
  deployment: string;
  apiUrl: string;
}

export interface ReleaseOptions {
  platform: CommandPlatformOptions | VercelPlatformOptions;
  /** Rising weights in percent, the last 100. */
  steps: number[];
  onInconclusive: 'rollback' | 'continue';
  /** The watch of every step; its labels may be replaced by what the platform learns while deploying. */
  watch: CanaryWatchOptions;
  /** Explicit labels always win over the platform's. */
  explicitLabels: { canary?: string; baseline?: string };
}

/** `10,25,50,100` (commas or spaces; a trailing % allowed): rising whole percentages ending at 100. */
export function parseSteps(text: string): number[] {
  const where = { input: 'steps' };
  const parts = text.split(/[\s,]+/).filter((part) => part !== '');
  if (parts.length === 0) throw new ConfigurationError('no steps', where, 'e.g. 10,25,50,100');
  if (parts.length > MAX_STEPS) throw new ConfigurationError(`${parts.length} steps: at most ${MAX_STEPS}`, where);
  const steps = parts.map((part) => {
    const match = /^(\d{1,3})%?$/.exec(part);
    const value = match ? Number(match[1]) : Number.NaN;
    if (!Number.isInteger(value) || value < 1 || value > 100) throw new ConfigurationError(`'${part.slice(0, 20)}' is not a whole percentage from 1 to 100`, where, 'e.g. 10,25,50,100');
    return value;
  });
  for (let index = 1; index < steps.length; index++) {
    if (steps[index]! <= steps[index - 1]!) throw new ConfigurationError(`the steps must rise: ${steps[index]} comes after ${steps[index - 1]}`, where, 'e.g. 10,25,50,100');
  }
  if (steps.at(-1) !== 100) throw new ConfigurationError(`the last step is ${steps.at(-1)}, not 100`, where, 'end the ramp at 100: the canary then takes all traffic before it is promoted');
  return steps;
}

/** Every input checked, nothing run: a mistake is found before any traffic moves. */
export function resolveReleaseOptions(section: ConfigSection, inputs: ReleaseRawInputs, workspace: string): ReleaseOptions {
  const given = (name: ReleaseInputName) => givenInput(inputs, name);
  const platformName = given('platform') ?? 'command';
  if (!(PLATFORMS as readonly string[]).includes(platformName)) throw new ConfigurationError(`unknown platform '${platformName.slice(0, 40)}'`, { input: 'platform' }, `use ${PLATFORMS.join(' or ')}`);
  const steps = parseSteps(given('steps') ?? '10,25,50,100');
  const onInconclusive = given('on-inconclusive') ?? 'rollback';
  if (onInconclusive !== 'rollback' && onInconclusive !== 'continue') throw new ConfigurationError(`'${onInconclusive.slice(0, 40)}' is not one of rollback, continue`, { input: 'on-inconclusive' });

  const platform = resolvePlatform(platformName as PlatformName, given, workspace);
  const watchInputs = Object.fromEntries(WATCH_INPUT_NAMES.flatMap((name) => (inputs[name] !== undefined ? [[name, inputs[name]]] : [])));
  // The labels may come from the platform (the deployments' SHAs, the deploy command's labels file) once traffic moves.
  const canary = given('canary-label');
  const baseline = given('baseline-label');
  const watch = resolveCanaryWatchOptions(section, { ...watchInputs, 'fail-on': 'rollback' }, workspace);
  const timeout = given('timeout-minutes');
  if (timeout !== undefined) checkTimeout(timeout, steps.length, watch.durationMs);
  return { platform, steps, onInconclusive, watch, explicitLabels: { ...(canary !== undefined ? { canary } : {}), ...(baseline !== undefined ? { baseline } : {}) } };
}

/**
 * The job's timeout must hold every step's watch plus MOVE_MINUTES, or the runner kills the ramp halfway and only
 * the post step's rollback is left: refused before anything moves, with the timeout it needs.
 */
export function checkTimeout(text: string, stepCount: number, durationMs: number): void {
  const where = { input: 'timeout-minutes' };
  if (!/^\d{1,5}$/.test(text) || Number(text) < 1) throw new ConfigurationError(`'${text.slice(0, 20)}' is not a whole number of minutes`, where, 'e.g. 120');
  const needed = Math.ceil((stepCount * durationMs) / 60_000) + MOVE_MINUTES;
  const duration = durationMs % 60_000 === 0 ? `${durationMs / 60_000}m` : `${Math.ceil(durationMs / 1000)}s`;
  if (Number(text) < needed) {
    throw new ConfigurationError(`${text} is shorter than ${stepCount} steps × ${duration} of watching + ${MOVE_MINUTES} minutes for the moves`, where, `set it to ${needed} or more, or shorten duration`);
  }
}

function resolvePlatform(name: PlatformName, given: (name: ReleaseInputName) => string | undefined, workspace: string): ReleaseOptions['platform'] {
  if (name === 'command') {
    const deploy = given('deploy');
    const rollback = given('rollback');
    if (deploy === undefined) throw new ConfigurationError('platform command needs deploy', { input: 'deploy' }, 'a shell command that gives the canary $CANARY_WEIGHT percent of the traffic');
    if (rollback === undefined) throw new ConfigurationError('platform command needs rollback', { input: 'rollback' }, 'a shell command that sends all traffic back to the stable version');
    const timeoutText = given('command-timeout') ?? '10m';
    const timeoutMs = parseDuration(timeoutText, { input: 'command-timeout' });
    if (timeoutMs > 3_600_000) throw new ConfigurationError(`'${timeoutText}' is longer than 1h`, { input: 'command-timeout' });
    const promote = given('promote');
    return { kind: 'command', deploy, rollback, timeoutMs, cwd: commandFolder(given('working-directory') ?? '.', workspace), ...(promote !== undefined ? { promote } : {}) };
  }
  const token = given('vercel-token');
  if (token === undefined) throw new ConfigurationError('platform vercel needs vercel-token', { input: 'vercel-token' }, 'a Vercel access token from secrets: ${{ secrets.VERCEL_TOKEN }}');
  if (!/^[\x21-\x7e]+$/.test(token)) throw new ConfigurationError('holds a space, a line break or a control character', { input: 'vercel-token' }, 'paste the token alone');
  const project = given('vercel-project');
  if (project === undefined) throw new ConfigurationError('platform vercel needs vercel-project', { input: 'vercel-project' }, 'the project’s ID (prj_…) or name');
  if (!/^[A-Za-z0-9._-]{1,100}$/.test(project)) throw new ConfigurationError(`'${project.slice(0, 100)}' is not a Vercel project ID or name`, { input: 'vercel-project' });
  const team = given('vercel-team');
  if (team !== undefined && !/^[A-Za-z0-9_-]{1,100}$/.test(team)) throw new ConfigurationError(`'${team.slice(0, 100)}' is not a Vercel team ID`, { input: 'vercel-team' });
  const deploymentText = given('deployment');
  if (deploymentText === undefined) throw new ConfigurationError('platform vercel needs deployment', { input: 'deployment' }, 'the canary deployment’s ID (dpl_…) or URL, e.g. from vercel deploy --prod --skip-domain');
  const deployment = deploymentId(deploymentText);
  const apiUrl = (given('vercel-api-url') ?? 'https://api.vercel.com').replace(/\/+$/, '');
  let parsed: URL;
  try {
    parsed = new URL(apiUrl);
  } catch {
    throw new ConfigurationError(`'${apiUrl.slice(0, 200)}' is not a URL`, { input: 'vercel-api-url' });
  }
  if ((parsed.protocol !== 'https:' && parsed.protocol !== 'http:') || parsed.username !== '' || parsed.password !== '') throw new ConfigurationError('must be an http(s) URL without credentials', { input: 'vercel-api-url' });
  return { kind: 'vercel', token, project, deployment, apiUrl, ...(team !== undefined ? { team } : {}) };
}

/** The commands' folder: relative to the workspace, inside it, and there. */
function commandFolder(text: string, workspace: string): string {
  const where = { input: 'working-directory' };
  const root = resolve(workspace);
  const folder = resolve(root, text);
  if (isAbsolute(text) || (folder !== root && !folder.startsWith(`${root}${sep}`))) throw new ConfigurationError(`'${text.slice(0, 200)}' is not a folder inside the workspace`, where, 'a path relative to the repository root, e.g. apps/web');
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new ConfigurationError(`'${text.slice(0, 200)}' is not a folder of the workspace`, where);
  return folder;
}

/** `dpl_…`, or a deployment URL (https://app-abc123.vercel.app), which Vercel's API also takes as the idOrUrl. */
function deploymentId(text: string): string {
  if (/^dpl_[A-Za-z0-9]{1,64}$/.test(text)) return text;
  const host = /^(?:https?:\/\/)?([a-z0-9.-]{1,253})\/?$/i.exec(text)?.[1];
  if (host !== undefined && host.includes('.')) return host.toLowerCase();
  throw new ConfigurationError(`'${text.slice(0, 100)}' is not a deployment ID or URL`, { input: 'deployment' }, 'dpl_… or the URL vercel deploy printed');
}
