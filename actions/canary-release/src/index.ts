import { startAction } from '@roadstop/action/entry';

// One bundle for both steps: the runner sets STATE_isPost in the post step once the main step saved it.
await startAction(() => (process.env.STATE_isPost === 'true' ? import('./post.js') : import('./main.js')));
