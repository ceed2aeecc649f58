import { expect, test } from '@playwright/test';

test('the trips page renders from the build', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('#app')).not.toBeEmpty();
});

test('a trip added in the form is listed, and the Stops link opens the lazy route', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('New trip').fill('Mountain pass');
  await page.getByRole('button', { name: 'Add' }).click();
  await expect(page.locator('ul.trips li', { hasText: 'Mountain pass' })).toContainText('Mountain pass — 0 stops, 0 km');
  await page.getByRole('link', { name: 'Stops' }).click();
  await expect(page.locator('#app table thead')).toContainText('Stop');
});
