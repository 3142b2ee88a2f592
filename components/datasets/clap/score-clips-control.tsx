'use client';

import { useQuery } from '@tanstack/react-query';
import { ModelStatus } from '@/components/engine/model-status';
import { datasetWindowSeed } from '@/lib/datasets/client/clip-embedding';
import { useClipScoring } from '@/lib/datasets/client/use-clip-scoring';
import { clipListOptions } from '@/lib/queries/datasets';
import { TestModelNote } from './test-model-note';

/**
 * "Score all clips" / "Score N stale clips": CLAP previews of a dataset's captioned clips, computed
 * in this browser. Stale means never scored, or scored before the caption or trim changed.
 */
export function ScoreClipsControl({ datasetId }: { datasetId: string }) {
  const scoring = useClipScoring(datasetId);
  const clips = useQuery(clipListOptions(datasetId));
  const rows = clips.data?.clips ?? [];
  const captioned = rows.filter((row) => row.caption.trim() !== '');
  const stale = captioned.filter((row) => row.clapScore === null || row.clapStale);
  const uncaptioned = rows.length - captioned.length;
  const isTest = scoring.isTestModel ?? scoring.engine.manifest?.isTestModel ?? false;
  const busy = scoring.running || !clips.data;

  return (
    <section className="card stack score-clips" aria-labelledby="score-clips-heading">
      <div>
        <h2 id="score-clips-heading">CLAP preview</h2>
        <p className="hint">
          Each clip is scored against its own caption in this browser, on the same engine validators run, with
          the window seed <code>{datasetWindowSeed(datasetId)}</code>. A validator prompts with its own words
          and seed, so read these as a guide to how well captions describe the audio.
        </p>
      </div>
      {isTest && <TestModelNote />}
      <div className="button-row">
        <button
          type="button"
          className="button button-primary"
          disabled={busy || captioned.length === 0}
          onClick={() => void scoring.scoreClips(captioned.map((row) => row.id))}
        >
          Score all clips
        </button>
        {stale.length > 0 && stale.length < captioned.length && (
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() => void scoring.scoreClips(stale.map((row) => row.id))}
          >
            Score {stale.length} stale clip{stale.length === 1 ? '' : 's'}
          </button>
        )}
      </div>
      {clips.data && (
        <p className="hint">
          {captioned.length} captioned clip{captioned.length === 1 ? '' : 's'}, {stale.length} without a
          current score
          {uncaptioned > 0 &&
            `; ${uncaptioned} clip${uncaptioned === 1 ? ' has' : 's have'} no caption yet and cannot be scored`}
          .
        </p>
      )}
      {scoring.running && !scoring.engine.info && <ModelStatus {...scoring.engine} />}
      {scoring.progress && (
        <div className="import-progress">
          <progress
            value={scoring.progress.done}
            max={Math.max(1, scoring.progress.total)}
            aria-label="Scoring progress"
            aria-valuetext={`${scoring.progress.done} of ${scoring.progress.total} clips`}
          />
          <p className="hint" aria-live="polite">
            {scoring.running ? 'Scoring' : 'Scored'} {scoring.progress.done} of {scoring.progress.total} clips
          </p>
        </div>
      )}
      {scoring.error && (
        <p className="alert" role="alert">
          {scoring.error}
        </p>
      )}
    </section>
  );
}
