import { defineConfig } from 'vitest/config';

export default defineConfig({
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false },
  test: {
    include: ['src/**/*.test.ts'],
    // coverage/lcov.info is what coverage-gate reads (gates.yml's coverage-files default): the lcov reporter writes it.
    // The logic is unit-tested; pages and main.ts are DOM wiring, left to end-to-end tests.
    coverage: { provider: 'v8', include: ['src/store.ts', 'src/trip-math.ts'], reporter: ['text', 'lcov'], reportsDirectory: 'coverage' },
  },
});
