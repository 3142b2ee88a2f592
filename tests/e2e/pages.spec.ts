import { expect, test } from './fixtures';

const PAGES = [
  { path: '/', heading: 'The studio for chiptune game music models' },
  { path: '/datasets', heading: 'Datasets' },
  { path: '/finetunes', heading: 'Fine-tunes' },
  { path: '/commit', heading: 'Commit your model' },
  { path: '/validator', heading: 'Validator dashboard' },
  { path: '/listen', heading: 'Listen to Ruby' },
];

for (const { path, heading } of PAGES) {
  test(`${path} renders with landmarks, one h1 and no console errors`, async ({ page, consoleErrors }) => {
    const response = await page.goto(path);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
    await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
    await expect(page.getByRole('banner')).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
    await expect(page.getByRole('main')).toBeVisible();
    await expect(page.getByRole('contentinfo')).toContainText('Local (simulated chain)');
    await page.waitForLoadState('networkidle');
    expect(consoleErrors).toEqual([]);
  });
}

test('the home page has three doors that lead to their pages', async ({ page }) => {
  await page.goto('/');
  for (const [name, url, heading] of [
    ['Miner studio', '/datasets', 'Datasets'],
    ['Validator dashboard', '/validator', 'Validator dashboard'],
    ['Listen', '/listen', 'Listen to Ruby'],
  ] as const) {
    await page
      .getByRole('main')
      .getByRole('link', { name: new RegExp(`^${name}`) })
      .click();
    await expect(page).toHaveURL(url);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
    await expect(
      page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: heading.split(' ')[0] }),
    ).toHaveAttribute('aria-current', 'page');
    await page.goto('/');
  }
});

test('the theme toggle switches between dark and light and survives a reload', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/');
  const html = page.locator('html');
  await expect(html).toHaveAttribute('data-theme', 'light');
  await page.getByRole('button', { name: 'Switch to dark theme' }).click();
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await page.reload();
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await page.getByRole('button', { name: 'Switch to light theme' }).click();
  await expect(html).toHaveAttribute('data-theme', 'light');
});

test('an unknown address shows a helpful 404 page', async ({ page }) => {
  const response = await page.goto('/no-such-page');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await page.getByRole('link', { name: 'Go to the start page' }).click();
  await expect(page).toHaveURL('/');
});

test('GET /api/health reports version, database and config', async ({ request }) => {
  const response = await request.get('/api/health');
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(body).toMatchObject({
    status: 'ok',
    version: expect.stringMatching(/^\d+\.\d+\.\d+/),
    database: { status: 'ok', schemaVersion: expect.any(Number) },
    config: { status: 'ok', network: 'local', adminAddresses: 1 },
  });
  expect(body.database.schemaVersion).toBe(body.database.latestSchemaVersion);
});

test('pages are cross-origin isolated (needed for threaded WASM)', async ({ page }) => {
  const response = await page.goto('/');
  expect(response?.headers()['cross-origin-opener-policy']).toBe('same-origin');
  expect(response?.headers()['cross-origin-embedder-policy']).toBe('require-corp');
  expect(await page.evaluate(() => window.crossOriginIsolated)).toBe(true);
});
