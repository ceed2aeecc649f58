import { runActionStep } from '@roadstop/action';
import { stagingComment } from '@roadstop/comment';

export const run = (): Promise<void> => runActionStep('pr-staging-comment', (step) => stagingComment(step));
