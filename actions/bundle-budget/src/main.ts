import { runGateAction } from '@roadstop/action';
import { bundleBudgetGate } from '@roadstop/bundle';

export const run = (): Promise<void> => runGateAction(bundleBudgetGate);
