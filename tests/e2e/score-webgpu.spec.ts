/**
 * The same check on WebGPU: Chromium's SwiftShader adapter (software Vulkan) runs the ORT WebGPU
 * execution provider — slow, but the numbers must still match Node within 1e-4. Runs in the
 * `webgpu` Playwright project, whose browser is launched with --enable-unsafe-webgpu.
 */
import { expect, test } from './fixtures';
import { cleanupScoreFlow, scoreAndCompare } from './fixtures/score-flow';

test.afterAll(cleanupScoreFlow);

test('the worker embeds a clip on WebGPU (SwiftShader, fp32) and matches Node within 1e-4', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.goto('/');
  const adapter = await page.evaluate(async () => {
    const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
    return Boolean(await gpu?.requestAdapter());
  });
  expect(adapter, 'Chromium should expose a SwiftShader WebGPU adapter with --enable-unsafe-webgpu').toBe(
    true,
  );
  await scoreAndCompare(page, 'webgpu', 'WebGPU');
});
