import { runGateAction } from '@roadstop/action';
import { bundleBudgetGate } from '@roadstop/bundle/gate';

export const run = (): Promise<void> => runGateAction(bundleBudgetGate);
