// End-to-end tests of the example app against its build (gates.yml's e2e job downloads the build into dist/).
import { defineConfig } from '@playwright/test';

// On GitHub, `npx playwright install --with-deps chromium` downloads Playwright's own Chromium and this stays unset.
// CHROMIUM_PATH names a Chromium already on the machine instead (Debian's /usr/bin/chromium, where Playwright's
// download cannot run); roadstop's local job runner sets it.
const chromium = process.env.CHROMIUM_PATH;

export default defineConfig({
  testDir: 'e2e',
  reporter: [['list']],
  use: {
    baseURL: 'http://127.0.0.1:4173',
    trace: 'retain-on-failure',
    ...(chromium ? { launchOptions: { executablePath: chromium } } : {}),
  },
  webServer: { command: 'npx vite preview --port 4173 --strictPort', url: 'http://127.0.0.1:4173', reuseExistingServer: false },
});
