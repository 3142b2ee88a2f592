'use client';

import type { ModelInfo, ModelManifest } from '@/lib/engine/protocol';
import type { LoadProgress } from '@/lib/engine/use-clap-engine';

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

const STAGE_LABEL: Record<LoadProgress['stage'], string> = {
  download: 'Downloading the model',
  compile: 'Preparing the model',
  decode: 'Decoding audio',
  features: 'Computing features',
  embed: 'Embedding',
};

/** Which model scores run on, on which backend, and how far its download has got. */
export function ModelStatus({
  manifest,
  manifestError,
  info,
  progress,
  loadError,
}: {
  manifest: ModelManifest | null;
  manifestError: string | null;
  info: ModelInfo | null;
  progress: LoadProgress | null;
  loadError: string | null;
}) {
  if (manifestError) {
    return (
      <p className="alert" role="alert">
        {manifestError}
      </p>
    );
  }
  if (!manifest) return <p aria-live="polite">Looking up the scoring model…</p>;
  const total = manifest.files.reduce((sum, file) => sum + file.size, 0);
  return (
    <section className="card" aria-label="Scoring model">
      <dl className="facts">
        <dt>Model</dt>
        <dd>
          {manifest.label} <code>{manifest.revision.slice(0, 12)}</code>{' '}
          {manifest.isTestModel && (
            <span className="badge badge-warn" data-testid="test-model-badge">
              Test model: scores are not real CLAP scores
            </span>
          )}
        </dd>
        <dt>Runs on</dt>
        <dd>
          {info
            ? `${info.backend === 'webgpu' ? 'WebGPU' : `WASM, ${info.threads} thread${info.threads === 1 ? '' : 's'}`} · ${info.variant}`
            : `Not loaded yet (up to ${mb(total)} the first time, then cached in this browser)`}
        </dd>
      </dl>
      {progress && !info && (
        <div aria-live="polite">
          <p>
            {STAGE_LABEL[progress.stage]}
            {progress.stage === 'download' &&
              progress.total > 0 &&
              `: ${mb(progress.loaded)} of ${mb(progress.total)}`}
          </p>
          {progress.stage === 'download' && progress.total > 0 && (
            <progress value={progress.loaded} max={progress.total} aria-label="Model download" />
          )}
        </div>
      )}
      {loadError && (
        <p className="alert" role="alert">
          The model could not be loaded: {loadError}
        </p>
      )}
    </section>
  );
}
