import { runGateAction } from '@roadstop/action';
import { coverageGate } from '@roadstop/coverage/gate';

export const run = (): Promise<void> => runGateAction(coverageGate);
