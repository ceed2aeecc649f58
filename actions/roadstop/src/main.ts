import { runRootAction } from '@roadstop/action';
import { GATES } from '@roadstop/gates';

export const run = (): Promise<void> => runRootAction(GATES);
