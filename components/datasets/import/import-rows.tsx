'use client';

import { useMutation } from '@tanstack/react-query';
import { type ItemView, itemView } from '@/lib/datasets/client/import-progress';
import { retryItem } from '@/lib/datasets/client/import-retry';
import type { LocalImport } from '@/lib/datasets/client/import-store';
import type { ImportItem, ImportJob } from '@/lib/datasets/model';
import { formatBytes } from './format-bytes';

function RetryButton({
  datasetId,
  importId,
  item,
}: {
  datasetId: string;
  importId: string;
  item: ImportItem;
}) {
  const retry = useMutation({ mutationFn: () => retryItem(datasetId, importId, item) });
  return (
    <>
      <button
        type="button"
        className="button button-small"
        onClick={() => retry.mutate()}
        disabled={retry.isPending}
      >
        Retry
      </button>
      {retry.error && (
        <span className="import-row-error" role="alert">
          {retry.error.message}
        </span>
      )}
    </>
  );
}

function StateCell({ view }: { view: ItemView }) {
  return (
    <td className="import-state" data-state={view.state}>
      {view.label}
      {view.state === 'uploading' && view.fraction !== null && (
        <progress value={view.fraction} max={1} aria-label={`${view.fileName} upload`} />
      )}
    </td>
  );
}

/** One row per file, named by its path, with its state and a Retry button when it failed. */
export function ImportRows({ job, local }: { job: ImportJob; local: LocalImport | undefined }) {
  if (job.items.length === 0) return null;
  return (
    <div className="import-rows">
      <table>
        <caption className="visually-hidden">Files in {job.label}</caption>
        <thead>
          <tr>
            <th scope="col">File</th>
            <th scope="col">Size</th>
            <th scope="col">State</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {job.items.map((item) => {
            const view = itemView(item, local, job.kind);
            return (
              <tr key={item.id} data-state={view.state}>
                <th scope="row" className="import-file">
                  {view.path}
                </th>
                <td className="import-size">{formatBytes(view.size)}</td>
                <StateCell view={view} />
                <td>
                  {view.canRetry && <RetryButton datasetId={job.datasetId} importId={job.id} item={item} />}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** Files this browser refused before upload, each with its reason. */
export function RefusedList({ refused }: { refused: LocalImport['refused'] }) {
  if (refused.length === 0) return null;
  return (
    <details className="import-refused" open={refused.length <= 10}>
      <summary>
        {refused.length} file{refused.length === 1 ? ' was' : 's were'} not imported
      </summary>
      <ul>
        {refused.map((entry) => (
          <li key={`${entry.path}:${entry.reason}`}>
            <code>{entry.path}</code>: {entry.reason}
          </li>
        ))}
      </ul>
    </details>
  );
}
