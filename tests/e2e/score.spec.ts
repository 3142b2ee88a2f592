/**
 * The CLAP worker in Chromium, end to end: the page posts a real audio file to the module worker,
 * which decodes, resamples, extracts features and embeds with onnxruntime-web; the embedding the
 * user downloads must match the Node engine (onnxruntime-node) on the same test model within 1e-4.
 */
import { chiptune } from '../support/signals';
import { encodeWav } from '../support/wav-writer';
import { expect, test } from './fixtures';
import { cleanupScoreFlow, PROMPT, scoreAndCompare } from './fixtures/score-flow';

test.afterAll(cleanupScoreFlow);

test('the worker embeds a clip in Chromium (WASM, fp32) and matches Node within 1e-4', async ({
  page,
  consoleErrors,
}) => {
  await scoreAndCompare(page, 'wasm', 'WASM, 2 threads');
  expect(consoleErrors).toEqual([]);
});

test('a corrupt file gets a clear error and the page keeps working', async ({ page }) => {
  await page.goto('/score?backend=wasm');
  await page.getByLabel('Audio file').setInputFiles({
    name: 'broken.wav',
    mimeType: 'audio/wav',
    buffer: Buffer.from('RIFF\u0010\u0000\u0000\u0000WAVEfmt garbage'),
  });
  await page.getByLabel('Prompt').fill(PROMPT);
  await page.getByRole('button', { name: 'Score', exact: true }).click();
  await expect(page.getByRole('form', { name: 'Score a clip' }).getByRole('alert')).toContainText(
    /corrupt WAV/i,
    {
      timeout: 60_000,
    },
  );

  const wav = encodeWav([chiptune(32000, 3, 9)], 32000, { bits: 24 });
  await page
    .getByLabel('Audio file')
    .setInputFiles({ name: 'ok.wav', mimeType: 'audio/wav', buffer: Buffer.from(wav) });
  await page.getByRole('button', { name: 'Score', exact: true }).click();
  await expect(page.getByTestId('clap-score')).toBeVisible({ timeout: 60_000 });
});
