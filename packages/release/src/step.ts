import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ActionStep } from '@roadstop/action';
import { redactText } from '@roadstop/core';
import { readReleaseInputs } from './step-inputs.js';

/**
 * The canary-release action's step body, for the main step and the post step alike (one bundle: the runner gives
 * the post step the state the main step saved, STATE_isPost among it), as slack-notify's body lives in its package.
 */
export function canaryReleaseStep(step: ActionStep): Promise<void> {
  return step.state('isPost') === 'true' ? postStep(step) : mainStep(step);
}

async function mainStep(step: ActionStep): Promise<void> {
  step.saveState('isPost', 'true');
  const { options, secrets, scratch } = readReleaseInputs(step);
  // The ramp (the providers, the platform, the HTTP client), the report and Slack load once the inputs and the
  // config are read: a step that stops at a mistake there never parses them.
  const [{ releaseJson, runRelease, throwRampError }, { renderReleaseMarkdown }, { slackLifecycle }] = await Promise.all([import('./release.js'), import('./render.js'), import('./slack-lifecycle.js')]);
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
  writeFileSync(report, releaseJson(outcome, secrets));
  step.output('decision', outcome.decision);
  step.output('weight', outcome.weight);
  step.output('report', report);
  await step.summary(redactText(renderReleaseMarkdown(outcome, options.steps), secrets));
  throwRampError(outcome, secrets);
  if (outcome.decision !== 'promote') step.fail(redactText(`${outcome.decision}: ${outcome.reason}`, secrets));
}

/** The post step (runs on every outcome): a ramp that moved traffic and did not finish is rolled back. */
async function postStep(step: ActionStep): Promise<void> {
  if (step.state('moved') !== 'true' || step.state('finished') === 'true') return;
  const { options, secrets, scratch } = readReleaseInputs(step);
  const { rollbackUnfinished } = await import('./release.js');
  step.info('canary-release: the release did not finish (cancelled, timed out or its rollback failed): rolling back');
  await rollbackUnfinished(options, { scratch, log: (text) => step.info(redactText(text, secrets)) });
  step.info('canary-release: rolled back: all traffic on stable');
}
