import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runActionStep } from '@roadstop/action';
import { redactText } from '@roadstop/core';
import { releaseError, renderReleaseMarkdown, runRelease } from '@roadstop/release';
import { readReleaseInputs } from './inputs.js';

export const run = (): Promise<void> =>
  runActionStep('canary-release', async (step) => {
    step.saveState('isPost', 'true');
    const { options, secrets, scratch } = readReleaseInputs(step);
    const outcome = await runRelease(options, {
      scratch,
      log: (text) => step.info(redactText(text, secrets)),
      onMoved: () => step.saveState('moved', 'true'),
      secrets,
    });
    // Done when nothing is left split: promoted, rolled back, or never moved. Otherwise the post step rolls back.
    if (outcome.decision === 'promote' || outcome.rolledBack || outcome.steps.length === 0) step.saveState('finished', 'true');
    const report = join(scratch, 'canary-release.json');
    const { error, ...rest } = outcome;
    writeFileSync(report, redactText(JSON.stringify({ ...rest, ...(error ? { error: error.message } : {}), steps: rest.steps }, null, 2), secrets));
    step.output('decision', outcome.decision);
    step.output('weight', outcome.weight);
    step.output('report', report);
    await step.summary(redactText(renderReleaseMarkdown(outcome, options.steps), secrets));
    const failure = releaseError(outcome);
    if (failure) throw failure;
    if (outcome.decision !== 'promote') step.fail(redactText(`${outcome.decision}: ${outcome.reason}`, secrets));
  });
