import { startAction } from '@roadstop/action/entry';

await startAction(() => import('./main.js'));
