import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runActionStep } from '@roadstop/action';
import { redactText } from '@roadstop/core';
import { releaseError, renderReleaseMarkdown, runRelease } from '@roadstop/release';
import { readReleaseInputs } from './inputs.js';
import { slackLifecycle } from './slack.js';

export const run = (): Promise<void> =>
  runActionStep('canary-release', async (step) => {
    step.saveState('isPost', 'true');
    const { options, secrets, scratch } = readReleaseInputs(step);
    const slack = slackLifecycle(step);
    const total = options.steps.length;
    await slack?.send('started', { text: `canary release: ${options.steps.join(' → ')}%, ${options.watch.durationMs / 1000}s watch per step` });
    const outcome = await runRelease(options, {
      scratch,
      log: (text) => step.info(redactText(text, secrets)),
      onMoved: () => step.saveState('moved', 'true'),
      onStep: async (record) => {
        const reasons = record.reasons.map((one) => `${one.name}: ${one.verdict}: ${one.reason}`).join('\n');
        await slack?.send('progress', { step: `${record.step}/${total}`, weight: record.weight, text: redactText(`step ${record.step} at ${record.weight}%: ${record.decision ?? 'stopped'}: ${record.reason}${reasons ? `\n${reasons}` : ''}`, secrets) });
      },
      secrets,
    });
    const event = outcome.decision === 'promote' ? 'succeeded' : outcome.rolledBack ? 'rolled-back' : 'failed';
    await slack?.send(event, { text: redactText(`${outcome.decision}: ${outcome.reason}`, secrets), weight: outcome.weight });
    // Done when nothing is left split: promoted, rolled back, or never moved. Otherwise the post step rolls back.
    if (outcome.decision === 'promote' || outcome.rolledBack || outcome.steps.length === 0) step.saveState('finished', 'true');
    const report = join(scratch, 'canary-release.json');
    const { error, ...rest } = outcome;
    writeFileSync(report, redactText(JSON.stringify({ ...rest, ...(error ? { error: error.message } : {}), steps: rest.steps }, null, 2), secrets));
    step.output('decision', outcome.decision);
    step.output('weight', outcome.weight);
    step.output('report', report);
    await step.summary(redactText(renderReleaseMarkdown(outcome, options.steps), secrets));
    const failure = releaseError(outcome, secrets);
    if (failure) throw failure;
    if (outcome.decision !== 'promote') step.fail(redactText(`${outcome.decision}: ${outcome.reason}`, secrets));
  });
