import type { ActionStep } from '@roadstop/action';
import { slackNotify, type SlackEvent } from '@roadstop/slack';

/** canary-release's own Slack inputs, mapped onto slack-notify's. */
export const SLACK_RELEASE_INPUTS = { 'slack-token': 'token', 'slack-webhook-url': 'webhook-url', 'slack-channel': 'channel', 'slack-api-url': 'api-url', title: 'title', environment: 'environment', version: 'version' } as const;

export interface SlackLifecycle {
  send(event: SlackEvent, fields: { text: string; step?: string; weight?: number }): Promise<void>;
}

/**
 * The slack-notify lifecycle from inside the ramp: `started`, a `progress` per step, then `succeeded`,
 * `rolled-back` or `failed`, through slack-notify's own slackNotify (its inputs checked, Block Kit fitted, its
 * retries). With a bot token the first message's channel and ts are kept, so every later event updates it and
 * threads its verdict; with a webhook each event is a message of its own. Slack failing never stops a release:
 * fail-on-error is false, and a refusal is a warning.
 */
export function slackLifecycle(step: ActionStep): SlackLifecycle | undefined {
  if (step.input('slack-token') === '' && step.input('slack-webhook-url') === '') return undefined;
  let thread: { ts: string; channel: string } | undefined;
  return {
    async send(event, fields) {
      const outputs: Record<string, string> = {};
      const values: Record<string, string> = { event, text: fields.text, 'fail-on-error': 'false', ...(fields.step ? { 'canary-step': fields.step } : {}), ...(fields.weight !== undefined ? { 'canary-weight': String(fields.weight) } : {}) };
      for (const [own, theirs] of Object.entries(SLACK_RELEASE_INPUTS)) if (step.input(own) !== '') values[theirs] = step.input(own);
      if (thread) Object.assign(values, thread);
      const inner: ActionStep = {
        ...step,
        input: (name) => values[name] ?? '',
        output: (name, value) => void (outputs[name] = value === undefined ? '' : String(value)),
        // slack-notify's table of deliveries belongs to its own step; here the release's summary is the one.
        summary: () => Promise.resolve(),
        fail: (text) => step.annotate({ level: 'warning', text, title: 'canary-release: Slack' }),
      };
      try {
        await slackNotify(inner);
      } catch (error) {
        // Before any traffic moves, a Slack mistake is the user's to fix; during the ramp it must never stop a rollback.
        if (event === 'started') throw error;
        step.annotate({ level: 'warning', text: `Slack: the ${event} message was not sent: ${error instanceof Error ? error.message : String(error)}`, title: 'canary-release: Slack' });
        return;
      }
      if (!thread && outputs.ts && outputs.channel) thread = { ts: outputs.ts, channel: outputs.channel };
    },
  };
}
