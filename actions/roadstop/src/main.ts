import { resolve } from 'node:path';
import * as core from '@actions/core';
import { ConfigurationError, loadConfig, readRunnerContext, UPLOAD_MODES, worstStatus, type GateStatus, type UploadMode } from '@roadstop/core';
import { reportError, runGate as runBundleBudget, type GateOutcome } from '../../bundle-budget/src/main.js';
import { runGate as runCoverageGate } from '../../coverage-gate/src/main.js';

const PREFIX = 'roadstop';

type GateRunner = (inputs: { config: string; gate: Record<string, never>; report: string; artifactName: string; upload: UploadMode; token: string }, prefix: string) => Promise<GateOutcome>;

/** Gates this action can run, in the order a pipeline wants them: tests before build output. */
const GATES: Record<string, GateRunner> = { 'coverage-gate': runCoverageGate, 'bundle-budget': runBundleBudget };

/**
 * The one-line adoption: `uses: owner/roadstop@v1` runs every gate the config
 * names, each with its own outputs (`<gate>-status`, `<gate>-report`), and
 * fails when any gate blocks.
 */
export async function run(): Promise<void> {
  try {
    const token = core.getInput('github-token');
    if (token) core.setSecret(token);
    const configPath = core.getInput('config');
    const upload = core.getInput('upload') || 'auto';
    if (!(UPLOAD_MODES as readonly string[]).includes(upload)) {
      throw new ConfigurationError(`'${upload}' is not one of ${UPLOAD_MODES.join(', ')}`, { input: 'upload' });
    }
    const workspace = resolve(readRunnerContext().workspace);
    const config = await loadConfig(configPath, { workspace, input: 'config' });
    const named = Object.keys(GATES).filter((gate) => config.root.has(gate));
    if (named.length === 0) {
      throw new ConfigurationError(
        `names no gate this action runs (${Object.keys(GATES).join(', ')})`,
        { input: 'config', file: config.file ?? configPath },
        'add a section such as coverage-gate: or bundle-budget:',
      );
    }
    const statuses: GateStatus[] = [];
    const reports: Record<string, string> = {};
    const blocking: string[] = [];
    for (const gate of named) {
      try {
        const outcome = await GATES[gate]!(
          { config: configPath, gate: {}, report: '', artifactName: `roadstop-${gate}`, upload: upload as UploadMode, token },
          `${gate}-`,
        );
        statuses.push(outcome.status);
        reports[gate] = outcome.report;
        if (outcome.blocking) blocking.push(`${gate}: ${outcome.headline}`);
      } catch (error) {
        // One gate's mistake must not hide the others' results.
        reportError(`${PREFIX} ${gate}`, error);
        statuses.push('fail');
      }
    }
    core.setOutput('status', worstStatus(statuses));
    core.setOutput('report', JSON.stringify(reports));
    if (blocking.length > 0) core.setFailed(`${PREFIX}: ${blocking.join('; ')}`);
  } catch (error) {
    reportError(PREFIX, error);
  }
}
