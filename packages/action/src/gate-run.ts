// fs.promises is read when first used: the promise API (and the streams it loads) costs a step that stops at its config.
import { promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative, resolve } from 'node:path';
import {
  isBlocking,
  prepareReportPath,
  redactSecrets,
  writeResult,
  type GateDescriptor,
  type GateEnv,
  type GateOptionsBase,
  type GateStatus,
  type RunnerContext,
  type StepInputs,
} from '@roadstop/core';
import { acquireBaseline, acquireChanges, publishBaseline, uploadResultArtifact } from '@roadstop/github';
import { coreIo, info, stepPrefix } from './io.js';

export interface GateOutcome {
  status: GateStatus;
  report: string;
  headline: string;
  /** Whether this gate should fail the step, after fail-on. */
  blocking: boolean;
}

/** What gate-step.ts has read and checked before this module is loaded. */
export interface ResolvedGate {
  options: GateOptionsBase;
  context: RunnerContext;
  workspace: string;
  /** Input values masked in the log (secret inputs, credentials in URLs): scrubbed from the result too. */
  masked: string[];
  outputPrefix: string;
}

/**
 * The rest of one gate's step once its config and options are read
 * (gate-step.ts runGateInStep): report path, baseline, run, result file,
 * outputs, annotations, summary and the baseline upload.
 */
export async function runResolvedGate(gate: GateDescriptor, inputs: StepInputs<Partial<Record<string, string>>>, resolved: ResolvedGate): Promise<GateOutcome> {
  const { options, context, workspace, masked, outputPrefix } = resolved;
  const temp = process.env.RUNNER_TEMP || tmpdir();
  // A report written over the baseline it is compared with would destroy the baseline: refused.
  const baselineFile = options.baseline.kind === 'file' ? { baseline: resolve(workspace, options.baseline.path) } : {};
  const reportPath = await prepareReportPath(inputs.report, { workspace, gate: gate.name, temp, ...baselineFile });
  const acquired = await acquireBaseline(options.baseline, {
    gate: gate.name,
    ranges: gate.resultRanges,
    context,
    token: inputs.token,
    artifactName: inputs.artifactName,
    workspace,
    temp: join(temp, `roadstop-baseline-${gate.name}`),
    log: info,
  });

  const scratch = join(temp, 'roadstop', gate.name);
  await fsp.mkdir(scratch, { recursive: true });
  const secrets = inputs.token ? [inputs.token, ...masked] : masked;
  const env: GateEnv = {
    where: 'action',
    workspace,
    scratch,
    ...(acquired.baseline ? { baseline: acquired.baseline } : {}),
    messages: acquired.messages,
    ...(context.sha ? { commit: context.sha } : {}),
    ...(context.ref ? { ref: context.ref } : {}),
    log: info,
    changes: (base) => acquireChanges({ workspace, context, token: inputs.token, log: info, ...(base ? { base } : {}) }),
    uploadArtifact: async (name, files, root) => {
      const [first, ...rest] = files;
      // upload: never means nothing of the step's leaves the runner, reports included.
      if (!first || inputs.upload === 'never') return undefined;
      const uploaded = await uploadResultArtifact({ name, file: first, files: rest, root });
      return uploaded.uploaded ? `uploaded ${files.length} file${files.length === 1 ? '' : 's'} as artifact '${name}' (id ${uploaded.id})` : uploaded.reason;
    },
    artifactName: inputs.artifactName,
    secrets,
  };
  const result = redactSecrets(await gate.run(options, env), secrets);

  await writeResult(reportPath, result);
  const io = coreIo(stepPrefix(gate));
  const outputs: Record<string, string | number | undefined> = { status: result.status, report: reportPath, ...gate.outputValues(result) };
  for (const [name, value] of Object.entries(outputs)) io.output(`${outputPrefix}${name}`, value === undefined ? '' : String(value));
  for (const message of result.messages) {
    io.annotate(message.file && isAbsolute(message.file) ? { ...message, file: relative(workspace, message.file) } : message);
  }
  await io.summary(gate.renderMarkdown(result));
  // The result is written and stands: a failed upload (quota, a name taken) is a warning, not the step's end.
  try {
    const published = await publishBaseline({ mode: inputs.upload, context, artifactName: inputs.artifactName, reportPath });
    if (published) io.notice(published);
  } catch (error) {
    io.annotate({ level: 'warning', title: 'Baseline', text: `the result was not uploaded as the baseline artifact: ${(error as Error).message}` });
  }
  return { status: result.status, report: reportPath, headline: result.headline, blocking: isBlocking(result, options.failOn) };
}
