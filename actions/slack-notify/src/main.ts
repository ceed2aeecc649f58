import { runActionStep } from '@roadstop/action';
import { slackNotify } from '@roadstop/slack';

export const run = (): Promise<void> => runActionStep('slack-notify', (step) => slackNotify(step));
