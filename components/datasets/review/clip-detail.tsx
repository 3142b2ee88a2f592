'use client';

/**
 * The detail pane of the selected clip. The waveform stays mounted across clips (one wavesurfer
 * instance for the whole session); the editor is mounted per clip so its draft flushes on switch.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type Ref, useImperativeHandle, useRef } from 'react';
import { useClipScoring } from '@/lib/datasets/client/use-clip-scoring';
import type { ClipRow, ClipStatus } from '@/lib/datasets/model';
import { formatClock } from '@/lib/datasets/review/format';
import type { ReviewAction } from '@/lib/datasets/review/shortcuts';
import { clipOptions, datasetKeys } from '@/lib/queries/datasets';
import { LicenceBadge, QualityBadge, ScoreBadge, StatusBadge } from '../shared/clip-badges';
import { ClipEditor, type ClipEditorHandle } from './clip-editor';
import { QualityChecks } from './quality-checks';
import { StatusActions, type StatusActionsHandle } from './status-actions';
import { useClipPatch } from './use-clip-mutations';
import { type WaveformHandle, WaveformPlayer } from './waveform-player';

export interface ClipDetailHandle {
  run(action: ReviewAction): void;
}

interface ClipDetailProps {
  datasetId: string;
  clipId: string;
  /** The list row, shown while the full clip loads. */
  row: ClipRow | undefined;
  canEdit: boolean;
  autoplay: boolean;
  onDecide: (status: ClipStatus, reportReason?: string | null) => void;
  decisionError: string | null;
  ref?: Ref<ClipDetailHandle>;
}

export function ClipDetail({
  datasetId,
  clipId,
  row,
  canEdit,
  autoplay,
  onDecide,
  decisionError,
  ref,
}: ClipDetailProps) {
  const queryClient = useQueryClient();
  const clipQuery = useQuery(clipOptions(clipId));
  const clip = clipQuery.data?.id === clipId ? clipQuery.data : undefined;
  const trimPatch = useClipPatch(datasetId);
  const scoring = useClipScoring(datasetId);
  const waveform = useRef<WaveformHandle>(null);
  const editor = useRef<ClipEditorHandle>(null);
  const status = useRef<StatusActionsHandle>(null);

  useImperativeHandle(ref, () => ({
    run(action) {
      if (action === 'play-pause') waveform.current?.playPause();
      else if (action === 'zoom-in') waveform.current?.zoom(1);
      else if (action === 'zoom-out') waveform.current?.zoom(-1);
      else if (action === 'toggle-spectrogram') waveform.current?.toggleSpectrogram();
      if (!canEdit) return;
      if (action === 'accept') onDecide('accepted');
      else if (action === 'skip') onDecide('skipped');
      else if (action === 'report') status.current?.openReport();
      else if (action === 'focus-caption') editor.current?.focusCaption();
      else if (action === 'trim-start') waveform.current?.setTrimEdge('start');
      else if (action === 'trim-end') waveform.current?.setTrimEdge('end');
    },
  }));

  const fileName = clip?.fileName ?? row?.fileName ?? 'Loading…';
  const durationSeconds = clip?.durationSeconds ?? row?.durationSeconds ?? 0;
  const currentStatus = clip?.status ?? row?.status ?? 'new';
  const stale = row?.clapStale ?? false;
  const hasCaption = (clip?.caption ?? row?.caption ?? '').trim() !== '';

  async function score() {
    await scoring.scoreClips([clipId]);
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: datasetKeys.clip(clipId) }),
      queryClient.invalidateQueries({ queryKey: datasetKeys.detail(datasetId) }),
    ]);
  }

  return (
    <section className="clip-detail" aria-labelledby="clip-detail-title">
      <header className="clip-detail-head">
        <h2 id="clip-detail-title" className="clip-title" title={fileName}>
          {fileName}
        </h2>
        <p className="clip-meta muted">
          {clip?.sourcePath && clip.sourcePath !== clip.fileName && <span>{clip.sourcePath} · </span>}
          {clip ? (
            <span>
              {clip.format.toUpperCase()}
              {clip.isRenderedModule ? ' (tracker module, rendered)' : ''} ·{' '}
              {(clip.sampleRate / 1000).toFixed(1)} kHz ·{' '}
              {clip.channels === 1 ? 'mono' : `${clip.channels} channels`} · {formatClock(durationSeconds)}
            </span>
          ) : (
            <span>{formatClock(durationSeconds)}</span>
          )}
          {clip?.isRenderedModule && (
            <>
              {' · '}
              <a href={`/api/clips/${encodeURIComponent(clipId)}/source`} download>
                Download the module
              </a>
            </>
          )}
        </p>
        <div className="clip-badges">
          <StatusBadge status={currentStatus} />
          {clip && <QualityBadge level={clip.quality.level} />}
          <LicenceBadge licence={clip?.licence ?? row?.licence ?? null} />
          <ScoreBadge
            score={clip?.clap?.score ?? row?.clapScore ?? null}
            stale={stale}
            isTestModel={clip?.clap?.isTestModel ?? false}
          />
          {canEdit && (
            <button
              type="button"
              className="button button-small"
              onClick={() => void score()}
              disabled={scoring.running || !hasCaption}
              title={
                hasCaption
                  ? undefined
                  : 'Write a caption first: the score compares the audio with its caption'
              }
            >
              {scoring.running ? 'Scoring…' : clip?.clap ? 'Score again' : 'Score'}
            </button>
          )}
        </div>
      </header>

      <WaveformPlayer
        ref={waveform}
        clipId={clipId}
        fileName={fileName}
        durationSeconds={durationSeconds}
        trim={clip?.trim ?? null}
        onTrimChange={canEdit && clip ? (trim) => trimPatch.mutate({ clipId, patch: { trim } }) : undefined}
        autoplay={autoplay}
      />
      {trimPatch.error && (
        <p className="alert" role="alert">
          The trim was not saved: {trimPatch.error.message}
        </p>
      )}

      {canEdit && (
        <StatusActions
          ref={status}
          status={currentStatus}
          reportReason={clip?.reportReason ?? null}
          onSetStatus={onDecide}
          error={decisionError}
        />
      )}

      {clip ? (
        <>
          <ClipEditor key={clip.id} ref={editor} clip={clip} readOnly={!canEdit} />
          <QualityChecks quality={clip.quality} />
        </>
      ) : clipQuery.isError ? (
        <p className="alert" role="alert">
          This clip could not be loaded: {clipQuery.error.message}
        </p>
      ) : (
        <p className="muted" aria-live="polite">
          Loading the clip…
        </p>
      )}
    </section>
  );
}
