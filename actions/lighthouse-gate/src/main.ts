import { runGateAction } from '@roadstop/action';
import { lighthouseGate } from '@roadstop/lighthouse';

export const run = (): Promise<void> => runGateAction(lighthouseGate);
