import { runGateAction } from '@roadstop/action';
import { canaryWatchGate } from '@roadstop/canary/gate';

export const run = (): Promise<void> => runGateAction(canaryWatchGate);
