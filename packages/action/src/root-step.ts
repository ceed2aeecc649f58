import { resolve } from 'node:path';
import { ConfigurationError, DEFAULT_CONFIG_PATH, loadConfig, readRunnerContext, UPLOAD_MODES, worstStatus, type GateDescriptor, type GateStatus, type UploadMode } from '@roadstop/core';
import { configSections } from '@roadstop/gates';
import { fail, getInput, reportError, setOutput, setSecret } from './io.js';
import { runGateInStep } from './gate-step.js';

const PREFIX = 'roadstop';

/**
 * The one-line adoption: `uses: owner/roadstop@v1` runs every gate of the
 * registry that the config names, in the registry's order, each with its own
 * outputs (`<gate>-status`, `<gate>-report`), and fails when any gate blocks.
 */
export async function runRootAction(registry: readonly GateDescriptor[]): Promise<void> {
  // A gate that owns its step (canary-watch's watch) is never run here.
  const gates = registry.filter((gate) => !gate.ownStep);
  try {
    const token = getInput('github-token');
    setSecret(token);
    const configPath = getInput('config');
    const upload = getInput('upload') || 'auto';
    if (!(UPLOAD_MODES as readonly string[]).includes(upload)) {
      throw new ConfigurationError(`'${upload}' is not one of ${UPLOAD_MODES.join(', ')}`, { input: 'upload' });
    }
    const workspace = resolve(readRunnerContext().workspace);
    // Each gate's step reads it again and warns of deprecated keys; this read only finds the gates it names.
    const config = loadConfig(configPath, { workspace, input: 'config', sections: configSections(registry) });
    const names = gates.map((gate) => gate.name).join(', ');
    if (config.file === undefined) {
      throw new ConfigurationError(
        `config file not found: ${configPath || DEFAULT_CONFIG_PATH} does not exist in the workspace`,
        { input: 'config' },
        `the root action runs the gates a config file names (${names}); add the file, or use one gate's action with inputs`,
      );
    }
    const named = gates.filter((gate) => config.root.has(gate.name));
    if (named.length === 0) {
      throw new ConfigurationError(`names no gate this action runs (${names})`, { input: 'config', file: config.file }, `add a section such as ${gates.map((gate) => `${gate.name}:`).join(' or ')}`);
    }
    const statuses: GateStatus[] = [];
    const reports: Record<string, string> = {};
    const blocking: string[] = [];
    for (const gate of named) {
      try {
        const outcome = await runGateInStep(gate, { config: configPath, gate: {}, report: '', artifactName: `roadstop-${gate.name}`, upload: upload as UploadMode, token }, `${gate.name}-`);
        statuses.push(outcome.status);
        reports[gate.name] = outcome.report;
        if (outcome.blocking) blocking.push(`${gate.name}: ${outcome.headline}`);
      } catch (error) {
        // One gate's mistake must not hide the others' results.
        reportError(`${PREFIX} ${gate.name}`, error);
        statuses.push('fail');
      }
    }
    setOutput('status', worstStatus(statuses));
    setOutput('report', JSON.stringify(reports));
    if (blocking.length > 0) fail(`${PREFIX}: ${blocking.join('; ')}`);
  } catch (error) {
    reportError(PREFIX, error);
  }
}
