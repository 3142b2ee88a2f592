'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { reviewHref } from '@/components/datasets/insights/clip-map';
import { EXPORT_FORMATS, exportStateOptions, exportZipUrl } from '@/lib/datasets/client/export-client';
import { HubPushForm } from './hub-push-form';

const FORMAT_HINT: Record<(typeof EXPORT_FORMATS)[number], string> = {
  audiofolder: 'Hugging Face audiofolder: data/ plus metadata.jsonl, loads with datasets.load_dataset.',
  audiocraft: 'Audiocraft training layout: the WAV and JSON pairs the Genki-Dama trainer reads.',
};

export function PublishForm({ datasetId, hubUrl }: { datasetId: string; hubUrl: string }) {
  const state = useQuery(exportStateOptions(datasetId));

  if (state.error) {
    return (
      <p className="alert" role="alert">
        {state.error.message}
      </p>
    );
  }
  if (!state.data) return <p aria-live="polite">Checking whether the dataset can be exported…</p>;
  if (state.data.kind === 'blocked') {
    const { clips, message } = state.data;
    return (
      <section className="card stack" aria-labelledby="export-blocked-heading">
        <h2 id="export-blocked-heading">Not ready to publish</h2>
        <p>{message}</p>
        <p className="hint">
          Every exported clip needs a caption and a known licence. Fix these clips (or skip them) and come
          back.
        </p>
        <ul className="export-blocked" aria-label="Clips to fix">
          {clips.map((clip) => (
            <li key={clip.id}>
              <Link href={reviewHref(datasetId, clip.id)}>{clip.fileName}</Link>: {clip.reason}
            </li>
          ))}
        </ul>
        <div>
          <button
            type="button"
            className="button"
            onClick={() => void state.refetch()}
            disabled={state.isFetching}
          >
            Check again
          </button>
        </div>
      </section>
    );
  }
  const { manifest } = state.data;
  const bytes = manifest.files.reduce((sum, file) => sum + file.size, 0);
  return (
    <div className="stack">
      <section className="card stack" aria-labelledby="downloads-heading">
        <h2 id="downloads-heading">Download</h2>
        <p className="hint">
          {manifest.files.length} files, {(bytes / 1024 / 1024).toFixed(1)} MB before zipping.
        </p>
        <ul className="download-list">
          {EXPORT_FORMATS.map((format) => (
            <li key={format}>
              <a className="button" href={exportZipUrl(datasetId, format)} download>
                Download {format} zip
              </a>{' '}
              <span className="hint">{FORMAT_HINT[format]}</span>
            </li>
          ))}
        </ul>
      </section>
      <HubPushForm datasetId={datasetId} hubUrl={hubUrl} suggestedRepo={manifest.suggestedRepo} />
    </div>
  );
}
