/**
 * The review workspace end to end: clips imported through the real routes, then reviewed with the
 * keyboard (step, accept, report, caption, licence, trim), with view state kept in the URL.
 */
import { createHash } from 'node:crypto';
import type { Page } from '@playwright/test';
import { chiptune } from '../support/signals';
import { encodeWav } from '../support/wav-writer';
import { expect, signInAs, test } from './fixtures';

const RATE = 22_050;
const FILES = [
  { fileName: 'overworld <b>theme</b>.wav', seconds: 8, seed: 1 },
  { fileName: 'boss-battle.wav', seconds: 6, seed: 2 },
  { fileName: 'victory-jingle.wav', seconds: 4, seed: 3 },
];

/** Creates a dataset and imports the files through the API, as the browser import client does. */
async function seedDataset(page: Page): Promise<string> {
  const origin = new URL(page.url()).origin;
  const headers = { origin };
  const created = await page.request.post('/api/datasets', { data: { name: 'Review spec' }, headers });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const files = FILES.map((file) => {
    const bytes = Buffer.from(encodeWav([chiptune(RATE, file.seconds, file.seed)], RATE));
    return { ...file, bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
  });
  const job = (await (
    await page.request.post(`/api/datasets/${id}/imports`, {
      headers,
      data: {
        kind: 'files',
        label: 'spec',
        items: files.map((file) => ({
          fileName: file.fileName,
          relativePath: null,
          size: file.bytes.length,
          sha256: file.sha256,
        })),
      },
    })
  ).json()) as { id: string; items: { id: string; fileName: string }[] };
  for (const item of job.items) {
    const file = files.find((candidate) => candidate.fileName === item.fileName);
    if (!file) throw new Error(`no bytes for ${item.fileName}`);
    const put = await page.request.put(`/api/imports/${job.id}/items/${item.id}`, {
      headers: { ...headers, 'content-type': 'application/octet-stream' },
      data: file.bytes,
    });
    expect(put.ok()).toBe(true);
  }
  await expect
    .poll(
      async () =>
        ((await (await page.request.get(`/api/imports/${job.id}`)).json()) as { state: string }).state,
      {
        timeout: 60_000,
      },
    )
    .toBe('done');
  return id;
}

test('a miner reviews clips with the keyboard', async ({ page, wallet, consoleErrors }) => {
  void wallet;
  await page.goto('/datasets');
  // Edward, not Alice: other specs expect Alice to start with no datasets (the data dir is shared).
  await signInAs(page, 'Edward \\(ed25519\\)');
  const datasetId = await seedDataset(page);

  await page.goto(`/datasets/${datasetId}/review`);
  const list = page.getByRole('listbox', { name: 'Clips' });
  await expect(list.getByRole('option')).toHaveCount(3);
  // File names are text, never markup.
  await expect(list.getByRole('option', { name: 'overworld <b>theme</b>.wav' })).toBeVisible();
  await expect(list.getByRole('option', { name: 'overworld <b>theme</b>.wav' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await expect(page).toHaveURL(/[?&]clip=clip_/);

  const waveform = page.getByRole('region', { name: 'Waveform' });
  await expect(waveform.getByRole('button', { name: 'Play', exact: true })).toBeEnabled();
  await expect(waveform.getByRole('button', { name: 'Zoom in' })).toBeEnabled();
  await expect(waveform.getByRole('button', { name: 'Spectrogram' })).toHaveAttribute(
    'aria-pressed',
    'false',
  );

  // J moves on (and plays); K comes back.
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  await page.keyboard.press('j');
  await expect(list.getByRole('option', { name: 'boss-battle.wav' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await page.keyboard.press('k');
  await expect(list.getByRole('option', { name: 'overworld <b>theme</b>.wav' })).toHaveAttribute(
    'aria-selected',
    'true',
  );

  // E edits the caption; it autosaves.
  await page.keyboard.press('e');
  const caption = page.getByRole('textbox', { name: 'Caption' });
  await expect(caption).toBeFocused();
  await page.keyboard.type(
    'An upbeat 8-bit overworld theme with a square lead, triangle bass and noise drums.',
  );
  await expect(page.getByText('Reviewed by you')).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();
  await page.keyboard.press('Escape');

  await page.getByRole('combobox', { name: 'Licence', exact: true }).selectOption('CC0-1.0');
  await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();

  // The trim edges go to the playhead; an edge that would cross the other one is refused.
  await waveform.getByRole('button', { name: 'Set trim end' }).click();
  await expect(waveform.getByText(/The trim end must be after the trim start/)).toBeVisible();
  const canvas = await waveform.locator('[data-ready="true"]').boundingBox();
  if (!canvas) throw new Error('the waveform is not drawn');
  await page.mouse.click(canvas.x + canvas.width / 2, canvas.y + canvas.height / 2);
  await waveform.getByRole('button', { name: 'Set trim start' }).click();
  await expect(waveform.getByText(/^Trim 0:04\.\d – 0:08\.0/)).toBeVisible();
  await waveform.getByRole('button', { name: 'Clear trim' }).click();
  await expect(waveform.getByText(/^No trim/)).toBeVisible();

  // A accepts and moves to the next clip.
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  await page.keyboard.press('a');
  await expect(list.getByRole('option', { name: 'boss-battle.wav' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await expect(list.getByRole('option', { name: 'overworld <b>theme</b>.wav' })).toContainText('Accepted');

  // R reports with a reason.
  await page.keyboard.press('r');
  const report = page.getByRole('dialog', { name: 'Report this clip' });
  await report.getByRole('radio', { name: 'Not chiptune' }).check();
  await report.getByRole('button', { name: 'Report clip' }).click();
  await expect(list.getByRole('option', { name: 'boss-battle.wav' })).toContainText('Reported');

  // ? lists every shortcut.
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  await page.keyboard.press('?');
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(sheet).toBeVisible();
  await expect(sheet).toContainText('Set the trim start at the playhead');
  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();

  // Filters live in the URL; the back button undoes them.
  await page.getByRole('combobox', { name: 'Status' }).selectOption('accepted');
  await expect(page).toHaveURL(/status=accepted/);
  await expect(list.getByRole('option')).toHaveCount(1);
  await page.goBack();
  await expect(list.getByRole('option')).toHaveCount(3);

  // The decisions reached the server.
  const rows = (await (await page.request.get(`/api/datasets/${datasetId}/clips`)).json()) as {
    clips: { fileName: string; status: string; licence: string | null; caption: string }[];
  };
  expect(rows.clips.find((row) => row.fileName.startsWith('overworld'))).toMatchObject({
    status: 'accepted',
    licence: 'CC0-1.0',
  });
  expect(rows.clips.find((row) => row.fileName === 'boss-battle.wav')?.status).toBe('reported');
  expect(consoleErrors).toEqual([]);
});
