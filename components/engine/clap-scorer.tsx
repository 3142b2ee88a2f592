'use client';

import { useMutation } from '@tanstack/react-query';
import { useId, useMemo, useState } from 'react';
import type { AudioEmbedding } from '@/lib/engine/protocol';
import { useClapEngine } from '@/lib/engine/use-clap-engine';
import { formatPrompt, samplePromptParts } from '@/lib/genki/prompts';
import { writeNpy } from '@/lib/npy';
import { fetchTextEmbeddings } from '@/lib/queries/clap';
import { ModelStatus } from './model-status';

const MAX_BYTES = 200 * 1024 * 1024;

function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += (a[i] ?? 0) * (b[i] ?? 0);
  return dot;
}

interface ScoreResult {
  score: number;
  audio: AudioEmbedding;
  prompt: string;
  fileName: string;
}

/** Score one clip against one prompt, in this browser, the way a validator scores it. */
export function ClapScorer() {
  const engine = useClapEngine();
  const ids = { file: useId(), prompt: useId(), seed: useId() };
  const [file, setFile] = useState<File | null>(null);
  const [prompt, setPrompt] = useState('');
  const [seed, setSeed] = useState('genki');

  const score = useMutation({
    mutationFn: async (): Promise<ScoreResult> => {
      if (!file) throw new Error('Choose an audio file first.');
      if (file.size > MAX_BYTES) throw new Error(`${file.name} is over ${MAX_BYTES / 1024 / 1024} MB.`);
      if (!prompt.trim()) throw new Error('Write a prompt first.');
      const client = await engine.load();
      const [audio, text] = await Promise.all([
        client.embedAudio(await file.arrayBuffer(), { fileName: file.name, seed }),
        fetchTextEmbeddings([prompt.trim()]),
      ]);
      const textEmbedding = text.embeddings[0];
      if (!textEmbedding) throw new Error('The server returned no prompt embedding.');
      return {
        score: cosine(audio.embedding, textEmbedding),
        audio,
        prompt: prompt.trim(),
        fileName: file.name,
      };
    },
  });

  const download = useMemo(() => {
    if (!score.data) return null;
    const blob = new Blob([writeNpy(score.data.audio.embedding, [1, 512]) as BlobPart], {
      type: 'application/octet-stream',
    });
    return URL.createObjectURL(blob);
  }, [score.data]);

  return (
    <div className="stack">
      <ModelStatus {...engine} />
      <form
        className="card stack"
        aria-label="Score a clip"
        onSubmit={(event) => {
          event.preventDefault();
          score.mutate();
        }}
      >
        <div className="field">
          <label htmlFor={ids.file}>Audio file</label>
          <input
            id={ids.file}
            type="file"
            accept="audio/*,.wav,.flac,.ogg,.mp3,.mod,.xm,.s3m,.it"
            onChange={(event) => setFile(event.target.files?.[0] ?? null)}
          />
          <p className="hint">
            WAV, FLAC, Ogg Vorbis, MP3 or a tracker module (.mod .xm .s3m .it). It never leaves this browser.
          </p>
        </div>
        <div className="field">
          <label htmlFor={ids.prompt}>Prompt</label>
          <textarea
            id={ids.prompt}
            rows={2}
            value={prompt}
            onChange={(event) => setPrompt(event.target.value)}
          />
          <button
            type="button"
            className="button button-ghost"
            onClick={() => setPrompt(formatPrompt(samplePromptParts()))}
          >
            Use a validator-style prompt
          </button>
        </div>
        <div className="field">
          <label htmlFor={ids.seed}>Window seed</label>
          <input
            id={ids.seed}
            value={seed}
            onChange={(event) => setSeed(event.target.value)}
            maxLength={200}
          />
          <p className="hint">
            Clips longer than 10 s are scored on three 10 s windows drawn from this seed (policy
            genki-windows-v1); use a validator’s published seed to reproduce its number.
          </p>
        </div>
        <div>
          <button type="submit" className="button button-primary" disabled={score.isPending}>
            {score.isPending ? 'Scoring…' : 'Score'}
          </button>
        </div>
        {score.error && (
          <p className="alert" role="alert">
            {score.error.message}
          </p>
        )}
      </form>
      {score.data && (
        <section className="card" aria-label="Result" aria-live="polite">
          <p className="score-value">
            CLAP score <strong data-testid="clap-score">{score.data.score.toFixed(4)}</strong>
            {engine.manifest?.isTestModel && <span className="badge badge-warn">test model</span>}
          </p>
          <dl className="facts">
            <dt>Clip</dt>
            <dd>
              {score.data.fileName}: {score.data.audio.source.format.toUpperCase()},{' '}
              {score.data.audio.source.sampleRate} Hz, {score.data.audio.source.channels} ch,{' '}
              {score.data.audio.source.durationSeconds.toFixed(2)} s
            </dd>
            <dt>Windows</dt>
            <dd>
              {score.data.audio.windowOffsets.map((offset) => `${(offset / 48000).toFixed(2)} s`).join(', ')}
            </dd>
            <dt>Prompt</dt>
            <dd>{score.data.prompt}</dd>
          </dl>
          {download && (
            <a className="button" href={download} download={`${score.data.fileName}.clap.npy`}>
              Download the audio embedding (.npy)
            </a>
          )}
        </section>
      )}
    </div>
  );
}
