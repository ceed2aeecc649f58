import { runGateAction } from '@roadstop/action';
import { coverageGate } from '@roadstop/coverage';

export const run = (): Promise<void> => runGateAction(coverageGate);
