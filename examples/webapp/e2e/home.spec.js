import { expect, test } from '@playwright/test';

test('the trips page renders from the build', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('#app')).not.toBeEmpty();
});
