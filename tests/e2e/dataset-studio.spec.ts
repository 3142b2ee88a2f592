/**
 * The dataset studio end to end, as a miner uses it: create a dataset, import real audio (WAV,
 * FLAC, Ogg Vorbis, a tracker module we wrote ourselves) and a zip, review and caption, score with
 * the fixture CLAP model, then publish to a Hub stand-in that speaks the real upload API — with the
 * hostile inputs along the way (corrupt, empty and oversized files, `../` zip entries, HTML and
 * script in names and captions, a Hub that fails mid-push). No script from user data may ever run.
 */
import fs from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';
import { writeAudioFiles } from '../support/audio-fixtures';
import { LocalHub } from '../support/local-hub';
import { buildMod } from '../support/mod-writer';
import { chiptune } from '../support/signals';
import { makeTempDir } from '../support/temp-dir';
import { encodeWav } from '../support/wav-writer';
import { E2E_HUB_PORT } from './config';
import { expect, signInAs, test } from './fixtures';

const TOKEN = 'hf_e2e_bob_token';
const HOSTILE_NAME = 'boss <img src=x onerror=alert(1)> battle.wav';
const HOSTILE_CAPTION =
  'A tense chiptune boss battle with square leads <script>alert("caption")</script> and noise drums.';
const temp = makeTempDir('genki-studio-e2e-');
let hub: LocalHub;

test.beforeAll(async () => {
  hub = await LocalHub.start({ port: E2E_HUB_PORT });
  hub.addToken(TOKEN, 'bob');
});
test.afterAll(async () => {
  await hub?.close();
  temp.cleanup();
});

function audioFiles() {
  const written = writeAudioFiles(temp.dir, [
    {
      name: 'forest-theme.flac',
      format: 'FLAC',
      subtype: 'PCM_16',
      rate: 32000,
      channels: 1,
      seconds: 31,
      seed: 4,
    },
    {
      name: 'cave-loop.ogg',
      format: 'OGG',
      subtype: 'VORBIS',
      rate: 44100,
      channels: 2,
      seconds: 12,
      seed: 5,
    },
  ]);
  const file = (name: string) => {
    const entry = written.get(name);
    if (!entry) throw new Error(`missing ${name}`);
    return { name, mimeType: 'application/octet-stream', buffer: Buffer.from(entry.bytes) };
  };
  // A mastered track has no DC offset (raw pulse waves do; the quality check would flag it).
  const raw = chiptune(44100, 32, 7);
  const mean = raw.reduce((sum, value) => sum + value, 0) / raw.length;
  const left = raw.map((value) => value - mean);
  return [
    {
      name: 'title-screen.wav',
      mimeType: 'audio/wav',
      buffer: Buffer.from(encodeWav([left, left.map((v) => -v)], 44100)),
    },
    file('forest-theme.flac'),
    file('cave-loop.ogg'),
    {
      name: 'our-own-song.mod',
      mimeType: 'application/octet-stream',
      buffer: Buffer.from(buildMod({ title: 'genki e2e' })),
    },
    {
      name: HOSTILE_NAME,
      mimeType: 'audio/wav',
      buffer: Buffer.from(encodeWav([chiptune(22050, 6, 8)], 22050)),
    },
    {
      name: 'corrupt.wav',
      mimeType: 'audio/wav',
      buffer: Buffer.from('RIFF\u00ff\u0000\u0000\u0000WAVEfmt this is not audio'),
    },
    { name: 'empty.wav', mimeType: 'audio/wav', buffer: Buffer.alloc(0) },
  ];
}

test('a miner curates, scores and publishes a dataset; hostile input never runs or loses anything', async ({
  page,
  wallet,
}) => {
  test.setTimeout(240_000);
  void wallet;
  const dialogs: string[] = [];
  page.on('dialog', async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });

  await page.goto('/datasets');
  await signInAs(page, 'Bob');

  // Create a dataset whose name carries markup: it must show as text.
  const create = page.getByRole('form', { name: 'Create a dataset' });
  await create.getByLabel('Dataset name').fill('Chiptune <i>set</i> one');
  await create.getByRole('button', { name: 'Create dataset' }).click();
  await expect(page).toHaveURL(/\/datasets\/ds_[A-Za-z0-9]+$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Chiptune <i>set</i> one');
  const datasetId = new URL(page.url()).pathname.split('/').pop() as string;

  // An oversized file is refused in the browser before any upload (a sparse 101 MB file on disk).
  const huge = path.join(temp.dir, 'huge.wav');
  fs.writeFileSync(huge, '');
  fs.truncateSync(huge, 101 * 1024 * 1024);
  await page.getByLabel('Add files').setInputFiles(huge);
  await expect(page.getByText(/huge\.wav.*too large/i).first()).toBeVisible();

  // Real files of every kind, plus a corrupt and an empty one.
  await page.getByLabel('Add files').setInputFiles(audioFiles());
  const filesCard = page.getByRole('region', { name: /files/i }).last();
  for (const name of [
    'title-screen.wav',
    'forest-theme.flac',
    'cave-loop.ogg',
    'our-own-song.mod',
    HOSTILE_NAME,
  ]) {
    await expect(page.getByRole('row', { name: new RegExp(`${escapeRegExp(name)}.*Imported`) })).toBeVisible({
      timeout: 90_000,
    });
  }
  await expect(page.getByRole('row', { name: /corrupt\.wav.*Failed/ })).toBeVisible();
  // An empty file is refused in the browser, with its name and the reason.
  await expect(page.getByText('empty.wav').first()).toBeVisible();
  await expect(page.getByText(': the file is empty').first()).toBeVisible();
  void filesCard;

  // A zip with a `../` entry (refused) and an audiofolder caption (imported as text).
  const zip = zipSync({
    'pack/ok-jingle.wav': encodeWav([chiptune(22050, 4, 9)], 22050),
    '../escape.wav': encodeWav([chiptune(22050, 2, 10)], 22050),
    'pack/metadata.jsonl': new TextEncoder().encode(
      `${JSON.stringify({ file_name: 'ok-jingle.wav', caption: HOSTILE_CAPTION })}\n`,
    ),
  });
  await page
    .getByLabel('Import a zip')
    .setInputFiles({ name: 'pack.zip', mimeType: 'application/zip', buffer: Buffer.from(zip) });
  const zipCard = page.getByRole('region', { name: 'pack.zip' });
  await expect(zipCard.getByRole('listitem').filter({ hasText: '../escape.wav' })).toContainText(
    'its path climbs out with ".."',
  );
  await expect(page.getByRole('row', { name: /ok-jingle\.wav.*Imported/ })).toBeVisible({ timeout: 60_000 });

  // What the server holds now: six clips, the tracker module kept as its source, quality checked.
  const clips = (await (await page.request.get(`/api/datasets/${datasetId}/clips`)).json()) as {
    clips: {
      id: string;
      fileName: string;
      format: string;
      isRenderedModule: boolean;
      caption: string;
      qualityLevel: string;
    }[];
  };
  expect(clips.clips.map((clip) => clip.fileName).sort()).toEqual(
    [
      HOSTILE_NAME,
      'cave-loop.ogg',
      'forest-theme.flac',
      'ok-jingle.wav',
      'our-own-song.mod',
      'title-screen.wav',
    ].sort(),
  );
  expect(clips.clips.find((clip) => clip.fileName === 'our-own-song.mod')).toMatchObject({
    format: 'mod',
    isRenderedModule: true,
  });
  expect(clips.clips.find((clip) => clip.fileName === 'ok-jingle.wav')?.caption).toBe(HOSTILE_CAPTION);
  expect(clips.clips.find((clip) => clip.fileName === 'title-screen.wav')?.qualityLevel).toBe('pass');

  // Review: caption and licence the keepers, skip the rest.
  await page.getByRole('link', { name: 'Review', exact: true }).click();
  const list = page.getByRole('listbox', { name: 'Clips' });
  await expect(list.getByRole('option')).toHaveCount(6);
  await expect(list.getByRole('option', { name: HOSTILE_NAME })).toBeVisible();
  const keep: Record<string, string> = {
    'title-screen.wav':
      'An energetic chiptune title screen theme with a bright square lead, triangle bass and noise drums.',
    'forest-theme.flac':
      'A calm, melodic chiptune forest theme with soft pulse arpeggios over a slow triangle bass.',
    'our-own-song.mod':
      'A cheerful four-channel tracker tune with square leads and snappy noise percussion for a game.',
  };
  for (const [name, text] of Object.entries(keep)) {
    await list.getByRole('option', { name }).click();
    const caption = page.getByRole('textbox', { name: 'Caption' });
    await caption.fill(text);
    await page.getByRole('combobox', { name: 'Licence', exact: true }).selectOption('CC-BY-4.0');
    await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();
    await page.getByRole('button', { name: 'Accept', exact: true }).click();
    await expect(list.getByRole('option', { name })).toContainText('Accepted');
  }
  // The zip's clip keeps its imported (hostile) caption as plain text; licence it and accept it.
  await list.getByRole('option', { name: 'ok-jingle.wav' }).click();
  await expect(page.getByRole('textbox', { name: 'Caption' })).toHaveValue(HOSTILE_CAPTION);
  await page.getByRole('combobox', { name: 'Licence', exact: true }).selectOption('CC0-1.0');
  await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();
  await page.getByRole('button', { name: 'Accept', exact: true }).click();
  for (const name of ['cave-loop.ogg', HOSTILE_NAME]) {
    await list.getByRole('option', { name }).click();
    await page.getByRole('button', { name: 'Skip', exact: true }).click();
    await expect(list.getByRole('option', { name })).toContainText('Skipped');
  }

  // Score every captioned clip in the browser with the fixture model.
  await page.getByRole('link', { name: 'Insights', exact: true }).click();
  await page.getByRole('button', { name: 'Score all clips' }).click();
  await expect(page.getByTestId('test-model-note').first()).toBeVisible();
  await expect(page.getByTestId('mean-score')).toHaveText(/-?\d\.\d+/, { timeout: 90_000 });
  await expect(page.getByRole('img', { name: 'Score histogram' })).toBeVisible();
  const scored = (await (await page.request.get(`/api/datasets/${datasetId}/clips`)).json()) as {
    clips: { fileName: string; clapScore: number | null }[];
  };
  for (const name of [...Object.keys(keep), 'ok-jingle.wav']) {
    expect(scored.clips.find((clip) => clip.fileName === name)?.clapScore).toEqual(expect.any(Number));
  }

  // Publish: the Hub fails mid-push first — a clear error, nothing committed — then the retry lands.
  await page.getByRole('link', { name: 'Publish', exact: true }).click();
  await page.getByLabel('Namespace').fill('bob');
  await page.getByLabel('Repository').fill('chiptune-set-one');
  await page.getByLabel('Hugging Face token').fill(TOKEN);
  hub.addFault({ kind: 'status', status: 500, match: /\/commit\//, times: 1 });
  await page.getByRole('button', { name: 'Push to the Hub' }).click();
  await expect(
    page
      .getByRole('alert')
      .filter({ hasText: /500|failed|Hub/i })
      .first(),
  ).toBeVisible({ timeout: 60_000 });
  // Creating the repo may have made its initial commit, but none of the dataset landed.
  const before = hub.repos.get('dataset:bob/chiptune-set-one');
  const head = before?.refs.get('main');
  expect(head ? before?.commits.get(head)?.files.has('metadata.jsonl') : false).toBe(false);
  if (!(await page.getByLabel('Hugging Face token').inputValue()))
    await page.getByLabel('Hugging Face token').fill(TOKEN);
  await page.getByRole('button', { name: 'Push to the Hub' }).click();
  const sha = (await page.getByTestId('commit-sha').textContent({ timeout: 60_000 })) ?? '';
  expect(sha).toMatch(/^[0-9a-f]{40}$/);

  // The published repo is an audiofolder with the four kept clips and their captions.
  const repo = hub.repos.get('dataset:bob/chiptune-set-one');
  const files = repo?.commits.get(sha)?.files;
  if (!files) throw new Error('nothing was committed');
  const metadata = new TextDecoder().decode(files.get('metadata.jsonl')?.content);
  const rows = metadata
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { file_name: string; caption: string; licence: string });
  expect(rows).toHaveLength(4);
  for (const row of rows) expect(files.has(row.file_name)).toBe(true);
  expect(rows.map((row) => row.caption).sort()).toEqual([...Object.values(keep), HOSTILE_CAPTION].sort());
  expect(rows.every((row) => row.file_name.startsWith('data/') && !row.file_name.includes('..'))).toBe(true);
  // The token reached the Hub only: never our own server.
  expect(hub.requests.some((request) => request.authorization === `Bearer ${TOKEN}`)).toBe(true);

  // No script from user data ran anywhere along the way.
  expect(dialogs).toEqual([]);
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

test('a Hub audiofolder imports at a chosen revision, with its captions', async ({ page, wallet }) => {
  void wallet;
  const caption = 'A bright chiptune shop theme with a bouncy square lead over a triangle bass line.';
  const first = hub.commit(
    'carol/shop-themes',
    {
      'data/shop.wav': encodeWav([chiptune(22050, 5, 21)], 22050),
      'data/metadata.jsonl': `${JSON.stringify({ file_name: 'shop.wav', caption, license: 'CC0-1.0' })}\n`,
    },
    { kind: 'dataset' },
  );
  // A later commit the miner did not choose: importing `first` must not see it.
  hub.commit(
    'carol/shop-themes',
    { 'data/later.wav': encodeWav([chiptune(22050, 3, 22)], 22050) },
    { kind: 'dataset' },
  );

  await page.goto('/datasets');
  await signInAs(page, 'Bob');
  const create = page.getByRole('form', { name: 'Create a dataset' });
  await create.getByLabel('Dataset name').fill('From the Hub');
  await create.getByRole('button', { name: 'Create dataset' }).click();
  await expect(page).toHaveURL(/\/datasets\/ds_/);

  const form = page.getByRole('form', { name: 'Import from the Hugging Face Hub' });
  await form.getByLabel('Dataset repo').fill('carol/no-such-repo');
  await form.getByRole('button', { name: 'Import from the Hub' }).click();
  await expect(form.getByRole('alert')).toContainText(/not found|no-such-repo/i);

  await form.getByLabel('Dataset repo').fill('carol/shop-themes');
  await form.getByLabel('Revision').fill(first);
  await form.getByRole('button', { name: 'Import from the Hub' }).click();
  await expect(page.getByRole('row', { name: /shop\.wav.*Imported/ })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('row', { name: /later\.wav/ })).toHaveCount(0);

  await page.getByRole('link', { name: 'Review', exact: true }).click();
  await expect(page.getByRole('textbox', { name: 'Caption' })).toHaveValue(caption);
});

test('an import survives a page reload: the browser resumes uploads from its own storage', async ({
  page,
  wallet,
}) => {
  void wallet;
  await page.goto('/datasets');
  await signInAs(page, 'Bob');
  const create = page.getByRole('form', { name: 'Create a dataset' });
  await create.getByLabel('Dataset name').fill('Reload me');
  await create.getByRole('button', { name: 'Create dataset' }).click();
  await expect(page).toHaveURL(/\/datasets\/ds_/);

  // Hold every upload so the reload happens mid-import.
  await page.route('**/api/imports/*/items/*', () => undefined);
  const files = [1, 2, 3].map((n) => ({
    name: `level-${n}.wav`,
    mimeType: 'audio/wav',
    buffer: Buffer.from(encodeWav([chiptune(22050, 4, 30 + n)], 22050)),
  }));
  await page.getByLabel('Add files').setInputFiles(files);
  await expect(page.getByRole('row', { name: /level-1\.wav/ })).toBeVisible();
  // Reload once every file is safely in the browser's own storage (a reload before that loses the
  // bytes of files still being copied; those would wait for the file to be added again).
  await expect(page.getByTestId('stash-state')).toHaveText(/a reload resumes the upload/);
  await page.unroute('**/api/imports/*/items/*');
  await page.reload();
  for (const file of files) {
    await expect(
      page.getByRole('row', { name: new RegExp(`${file.name.replace('.', '\\.')}.*Imported`) }),
    ).toBeVisible({
      timeout: 60_000,
    });
  }
});
