'use client';

/** Owner settings: name and description, sharing, and deletion (confirmed by typing the name). */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import { DATASET_LIMITS, type DatasetSummary } from '@/lib/datasets/model';
import { datasetKeys, updateDataset } from '@/lib/queries/datasets';
import { DeleteDataset } from './delete-dataset';

export function DatasetSettings({ dataset }: { dataset: DatasetSummary }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const ids = { name: useId(), description: useId(), share: useId(), shareHint: useId() };
  const [name, setName] = useState(dataset.name);
  const [description, setDescription] = useState(dataset.description);

  const save = useMutation({
    mutationFn: (patch: { name?: string; description?: string; visibility?: 'private' | 'shared' }) =>
      updateDataset(dataset.id, patch),
    onSuccess: (summary) => {
      queryClient.setQueryData(datasetKeys.detail(dataset.id), summary);
      void queryClient.invalidateQueries({ queryKey: datasetKeys.list() });
      // The header and the page title are server-rendered.
      router.refresh();
    },
  });
  const detailsChanged = name.trim() !== dataset.name || description !== dataset.description;

  return (
    <section className="card stack-tight dataset-settings" aria-labelledby="settings-heading">
      <h2 id="settings-heading">Settings</h2>
      <form
        className="stack-tight"
        aria-label="Name and description"
        onSubmit={(event) => {
          event.preventDefault();
          if (name.trim() && detailsChanged) save.mutate({ name: name.trim(), description });
        }}
      >
        <div className="field">
          <label htmlFor={ids.name}>Name</label>
          <input
            id={ids.name}
            value={name}
            required
            maxLength={DATASET_LIMITS.nameMaxLength}
            onChange={(event) => setName(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={ids.description}>Description</label>
          <textarea
            id={ids.description}
            value={description}
            rows={3}
            maxLength={DATASET_LIMITS.descriptionMaxLength}
            onChange={(event) => setDescription(event.target.value)}
          />
        </div>
        <div className="button-row">
          <button
            type="submit"
            className="button button-primary"
            disabled={!name.trim() || !detailsChanged || save.isPending}
          >
            {save.isPending ? 'Saving…' : 'Save changes'}
          </button>
          <span className="hint" role="status" aria-live="polite">
            {save.isSuccess && !detailsChanged ? 'Saved.' : ''}
          </span>
        </div>
      </form>

      <div className="setting-row">
        <div>
          <label htmlFor={ids.share} className="setting-label">
            Share this dataset
          </label>
          <p id={ids.shareHint} className="hint">
            {dataset.visibility === 'shared'
              ? 'Anyone can browse and listen to it. Only you can change it.'
              : 'Only you can see it. Sharing lets anyone browse and listen to it; only you can change it.'}
          </p>
        </div>
        <input
          id={ids.share}
          type="checkbox"
          role="switch"
          className="switch"
          checked={dataset.visibility === 'shared'}
          aria-checked={dataset.visibility === 'shared'}
          aria-describedby={ids.shareHint}
          disabled={save.isPending}
          onChange={(event) => save.mutate({ visibility: event.target.checked ? 'shared' : 'private' })}
        />
      </div>
      {save.error && (
        <p className="alert" role="alert">
          {save.error.message}
        </p>
      )}

      <DeleteDataset dataset={dataset} />
    </section>
  );
}
