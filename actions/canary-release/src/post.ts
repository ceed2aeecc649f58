import { runActionStep } from '@roadstop/action';
import { redactText } from '@roadstop/core';
import { rollbackUnfinished } from '@roadstop/release';
import { readReleaseInputs } from './inputs.js';

/** The post step (runs on every outcome): a ramp that moved traffic and did not finish is rolled back. */
export const run = (): Promise<void> =>
  runActionStep('canary-release', async (step) => {
    if (step.state('moved') !== 'true' || step.state('finished') === 'true') return;
    const { options, secrets, scratch } = readReleaseInputs(step);
    step.info('canary-release: the release did not finish (cancelled, timed out or its rollback failed): rolling back');
    await rollbackUnfinished(options, { scratch, log: (text) => step.info(redactText(text, secrets)) });
    step.info('canary-release: rolled back: all traffic on stable');
  });
