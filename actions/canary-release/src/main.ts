import { runActionStep } from '@roadstop/action';
import { canaryReleaseStep } from '@roadstop/release/step';

export const run = (): Promise<void> => runActionStep('canary-release', canaryReleaseStep);
