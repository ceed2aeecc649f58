import { runGateAction } from '@roadstop/action';
import { lighthouseGate } from '@roadstop/lighthouse/gate';

export const run = (): Promise<void> => runGateAction(lighthouseGate);
