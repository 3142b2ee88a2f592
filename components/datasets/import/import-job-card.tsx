'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { overallProgress } from '@/lib/datasets/client/import-progress';
import type { LocalImport } from '@/lib/datasets/client/import-store';
import type { ImportJob } from '@/lib/datasets/model';
import { datasetKeys, importJobOptions } from '@/lib/queries/datasets';
import { ImportRows, RefusedList } from './import-rows';

const KIND_LABEL: Record<ImportJob['kind'], string> = { files: 'Files', zip: 'Zip', hub: 'Hugging Face Hub' };

/** The newer of two views of the same job (the list and the job query poll separately). */
function newest(a: ImportJob | undefined, b: ImportJob | undefined): ImportJob | undefined {
  if (!a) return b;
  if (!b) return a;
  return a.updatedAt >= b.updatedAt ? a : b;
}

/** Keeps the dataset's clip list and stats fresh while an import adds clips to it. */
function useRefreshDatasetOnProgress(job: ImportJob | undefined) {
  const queryClient = useQueryClient();
  const seen = useRef<string | null>(null);
  const datasetId = job?.datasetId;
  const signature = job ? `${job.state}:${job.counts.done ?? 0}` : null;
  useEffect(() => {
    if (!datasetId || signature === null) return;
    if (seen.current !== null && seen.current !== signature) {
      void queryClient.invalidateQueries({ queryKey: datasetKeys.detail(datasetId) });
    }
    seen.current = signature;
  }, [datasetId, signature, queryClient]);
}

export function ImportJobCard({
  importId,
  initial,
  local,
  expanded,
}: {
  importId: string;
  initial: ImportJob | undefined;
  local: LocalImport | undefined;
  expanded: boolean;
}) {
  const live = !initial || initial.state === 'running' || local?.phase === 'uploading';
  const query = useQuery({ ...importJobOptions(importId), enabled: live });
  const job = newest(query.data, initial);
  useRefreshDatasetOnProgress(job);

  if (!job) {
    return (
      <section className="card import-job" aria-label={local?.label ?? 'Import'}>
        <p aria-live="polite">{query.error ? query.error.message : 'Starting the import…'}</p>
      </section>
    );
  }
  const progress = overallProgress(job, local);
  const body = (
    <>
      {job.state === 'running' || expanded ? (
        <div className="import-progress">
          <progress
            value={progress.value}
            max={progress.max}
            aria-label="Import progress"
            aria-valuetext={progress.text}
          />
          <p className="hint" aria-live="polite">
            {progress.text}
          </p>
        </div>
      ) : (
        <p className="hint">{progress.text}</p>
      )}
      {job.error && (
        <p className="alert" role="alert">
          {job.error}
        </p>
      )}
      {local?.phase === 'uploading' && !local.resumable && (
        <p className="notice">
          This browser cannot keep the files for later (no private file storage, or it is full): keep this tab
          open until the upload finishes.
        </p>
      )}
      {local?.phase === 'uploading' && local.resumable && (
        <p className="hint" aria-live="polite" data-testid="stash-state">
          {local.stashing
            ? 'Keeping a copy of each file in this browser so the import survives a reload…'
            : 'Every file is kept in this browser until the server has it: a reload resumes the upload.'}
        </p>
      )}
      {local?.resumed && <p className="hint">Resumed after the page was reloaded.</p>}
      {local && local.skipped > 0 && (
        <p className="hint">
          {local.skipped} other entr{local.skipped === 1 ? 'y was' : 'ies were'} skipped (folders, hidden
          files, non-audio files).
        </p>
      )}
      {local?.warnings.map((warning) => (
        <p key={warning} className="hint">
          {warning}
        </p>
      ))}
      <RefusedList refused={local?.refused ?? []} />
      <ImportRows job={job} local={local} />
    </>
  );
  const title = (
    <>
      <span className="import-label">{job.label}</span> <span className="badge">{KIND_LABEL[job.kind]}</span>{' '}
      <span
        className={`badge ${job.state === 'failed' ? 'badge-danger' : job.state === 'done' ? 'badge-ok' : ''}`}
      >
        {job.state === 'running' ? 'Running' : job.state === 'done' ? 'Finished' : 'Failed'}
      </span>
    </>
  );
  if (job.state === 'running' || expanded) {
    return (
      <section className="card import-job" aria-label={job.label}>
        <h3 className="import-title">{title}</h3>
        {body}
      </section>
    );
  }
  return (
    <details className="card import-job">
      <summary className="import-title">{title}</summary>
      {body}
    </details>
  );
}
