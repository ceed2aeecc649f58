import { defineConfig } from 'vitest/config';

// Two suites: unit (pure functions, in-process) and integration (built dist/, real servers, real tools).
// GitHub's workflow parser imports its JSON schemas without import attributes, which Node refuses: vite transforms it.
const server = { deps: { inline: ['@actions/workflow-parser'] } };

export default defineConfig({
  test: {
    // One temporary root per run, removed at its end: see packages/testing/src/temp-root.ts.
    globalSetup: ['packages/testing/src/temp-root.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          server,
          include: ['packages/*/test/**/*.test.ts', 'actions/*/test/**/*.test.ts'],
          exclude: ['**/*.integration.test.ts', '**/node_modules/**'],
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'integration',
          server,
          include: ['packages/*/test/**/*.integration.test.ts', 'actions/*/test/**/*.integration.test.ts'],
          exclude: ['**/node_modules/**'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
    coverage: { provider: 'v8', include: ['packages/*/src/**', 'actions/*/src/**'] },
  },
});
