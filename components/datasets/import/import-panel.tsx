'use client';

import { useQuery } from '@tanstack/react-query';
import { useLocalImports } from '@/lib/datasets/client/use-imports';
import { datasetImportsOptions } from '@/lib/queries/datasets';
import { DropZone } from './drop-zone';
import { HubImportForm } from './hub-import-form';
import { ImportDraftCard } from './import-draft-card';
import { ImportJobCard } from './import-job-card';

/**
 * Adding audio to a dataset: files, folders and zips (uploaded by this browser, resumable after a
 * reload) or a Hugging Face dataset repo (downloaded by the server), plus every import's progress.
 */
export function ImportPanel({ datasetId }: { datasetId: string }) {
  const local = useLocalImports().filter((entry) => entry.datasetId === datasetId);
  const imports = useQuery(datasetImportsOptions(datasetId));
  const serverJobs = imports.data?.imports ?? [];
  const known = new Set(serverJobs.map((job) => job.id));
  const localById = new Map(
    local.flatMap((entry) => (entry.importId ? [[entry.importId, entry] as const] : [])),
  );
  const drafts = local.filter((entry) => !entry.importId);
  // Created here a moment ago but not in the (polled) list yet.
  const fresh = local.filter((entry) => entry.importId && !known.has(entry.importId));

  return (
    <section className="import-panel stack" aria-labelledby="import-heading">
      <h2 id="import-heading">Add audio</h2>
      <div className="grid grid-2">
        <DropZone datasetId={datasetId} />
        <div className="card">
          <HubImportForm datasetId={datasetId} />
        </div>
      </div>
      {imports.error && (
        <p className="alert" role="alert">
          The import list could not be loaded: {imports.error.message}
        </p>
      )}
      {(drafts.length > 0 || fresh.length > 0 || serverJobs.length > 0) && (
        <div className="import-list stack">
          <h3 className="visually-hidden">Imports</h3>
          {drafts.map((draft) => (
            <ImportDraftCard key={draft.key} draft={draft} />
          ))}
          {fresh.map((entry) =>
            entry.importId ? (
              <ImportJobCard
                key={entry.key}
                importId={entry.importId}
                initial={undefined}
                local={entry}
                expanded
              />
            ) : null,
          )}
          {serverJobs.map((job, index) => (
            <ImportJobCard
              key={job.id}
              importId={job.id}
              initial={job}
              local={localById.get(job.id)}
              expanded={index === 0 && fresh.length === 0}
            />
          ))}
        </div>
      )}
    </section>
  );
}
