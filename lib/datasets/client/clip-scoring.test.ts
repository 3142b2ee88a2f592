import { describe, expect, it } from 'vitest';
import type { ClapClient } from '../../engine/clap-client';
import type { Clip } from '../model';
import { datasetWindowSeed } from './clip-embedding';
import { type ClapPreviewRequest, ClipScoringRun, type ScoringState } from './clip-scoring';
import { captionHash } from './sha256';

const unit = (i: number) => {
  const out = new Float32Array(512);
  out[i] = 1;
  return out;
};

function clip(id: string, caption: string, trim: Clip['trim'] = null): Clip {
  return {
    id,
    datasetId: 'ds_0000000000',
    fileName: `${id}.wav`,
    caption,
    trim,
    audioSha256: 'a'.repeat(64),
  } as Clip;
}

const info = {
  repo: 'genki/test',
  revision: 'r1',
  label: 'test',
  isTestModel: true,
  backend: 'wasm',
  variant: 'fp32',
  threads: 1,
} as const;

function harness(clips: Clip[], { badAudio = new Set<string>() } = {}) {
  const stored: [string, ClapPreviewRequest][] = [];
  const states: ScoringState[] = [];
  const textCalls: string[][] = [];
  const run = new ClipScoringRun(
    {
      getClient: async () => ({}) as ClapClient,
      fetchClip: async (id) => {
        const found = clips.find((entry) => entry.id === id);
        if (!found) throw new Error('There is no clip with this id');
        return found;
      },
      textEmbeddings: async (texts) => {
        textCalls.push(texts);
        // Caption "…N" embeds as unit vector N.
        return {
          repo: 'genki/test',
          revision: 'r1',
          isTestModel: true,
          embeddings: texts.map((text) => unit(Number(text.at(-1)))),
        };
      },
      putClap: async (id, body) => {
        stored.push([id, body]);
        return clips.find((entry) => entry.id === id) as Clip;
      },
      onStored: () => undefined,
      embed: async (_client, target) => {
        if (badAudio.has(target.id)) throw new Error('its audio could not be decoded');
        const embedding = new Float32Array(512);
        embedding[1] = 0.6;
        embedding[2] = 0.8;
        return { embedding, info, seed: datasetWindowSeed(target.datasetId), trim: target.trim };
      },
    },
    (state) => states.push(state),
  );
  return { run, stored, states, textCalls };
}

describe('clip scoring run', () => {
  it('stores a preview per clip with the cosine, caption hash, seed, trim and model', async () => {
    const clips = [
      clip('clip_a000000000', 'caption 1'),
      clip('clip_b000000000', 'caption 2', { start: 1, end: 9 }),
    ];
    const { run, stored, states, textCalls } = harness(clips);
    await run.score(clips.map((entry) => entry.id));
    expect(textCalls).toEqual([['caption 1', 'caption 2']]);
    expect(stored.map(([id, body]) => [id, body.score])).toEqual([
      ['clip_a000000000', expect.closeTo(0.6, 6)],
      ['clip_b000000000', expect.closeTo(0.8, 6)],
    ]);
    expect(stored[1]?.[1]).toMatchObject({
      model: 'genki/test@r1',
      isTestModel: true,
      variant: 'fp32',
      captionHash: await captionHash('caption 2'),
      trim: { start: 1, end: 9 },
      windowSeed: 'dataset:ds_0000000000',
    });
    expect(stored[0]?.[1].embedding).toHaveLength(512);
    expect(states.at(-1)).toEqual({
      running: false,
      progress: { done: 2, total: 2 },
      error: null,
      isTestModel: true,
    });
  });

  it('reports clips it cannot score and scores the rest', async () => {
    const clips = [
      clip('clip_a000000000', 'caption 1'),
      clip('clip_b000000000', '  '),
      clip('clip_c000000000', 'caption 3'),
    ];
    const { run, stored, states } = harness(clips, { badAudio: new Set(['clip_c000000000']) });
    await run.score([...clips.map((entry) => entry.id), 'clip_zzzzzzzzzz']);
    expect(stored.map(([id]) => id)).toEqual(['clip_a000000000']);
    const last = states.at(-1);
    expect(last?.progress).toEqual({ done: 4, total: 4 });
    expect(last?.error).toMatch(/^3 clips could not be scored: /);
    expect(last?.error).toContain('clip_b000000000.wav: it has no caption to score against');
    expect(last?.error).toContain('clip_c000000000.wav: its audio could not be decoded');
  });

  it('adds clips asked for during a run to that run', async () => {
    const clips = [clip('clip_a000000000', 'caption 1'), clip('clip_b000000000', 'caption 2')];
    const { run, stored } = harness(clips);
    const first = run.score(['clip_a000000000']);
    const second = run.score(['clip_b000000000', 'clip_a000000000']);
    expect(second).toBe(first);
    await first;
    expect(stored.map(([id]) => id).sort()).toEqual(['clip_a000000000', 'clip_b000000000']);
    expect(run.state.progress).toEqual({ done: 2, total: 2 });
  });
});
