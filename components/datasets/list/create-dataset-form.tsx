'use client';

/** Creates a dataset (POST /api/datasets, which checks the session and Origin) and opens it. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import { DATASET_LIMITS } from '@/lib/datasets/model';
import { createDataset, datasetKeys } from '@/lib/queries/datasets';

export function CreateDatasetForm({ compact = false }: { compact?: boolean }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const ids = { name: useId(), description: useId(), error: useId() };
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const create = useMutation({
    mutationFn: () =>
      createDataset({
        name: name.trim(),
        ...(description.trim() ? { description: description.trim() } : {}),
      }),
    onSuccess: (dataset) => {
      void queryClient.invalidateQueries({ queryKey: datasetKeys.list() });
      router.push(`/datasets/${encodeURIComponent(dataset.id)}`);
    },
  });

  return (
    <form
      className={compact ? 'create-dataset create-dataset-compact' : 'card create-dataset stack-tight'}
      aria-label="Create a dataset"
      onSubmit={(event) => {
        event.preventDefault();
        if (name.trim()) create.mutate();
      }}
    >
      {!compact && <h2>New dataset</h2>}
      <div className="field">
        <label htmlFor={ids.name}>Dataset name</label>
        <input
          id={ids.name}
          value={name}
          required
          maxLength={DATASET_LIMITS.nameMaxLength}
          placeholder="e.g. Overworld themes"
          aria-describedby={create.error ? ids.error : undefined}
          onChange={(event) => setName(event.target.value)}
        />
      </div>
      {!compact && (
        <div className="field">
          <label htmlFor={ids.description}>
            Description <span className="muted">(optional)</span>
          </label>
          <textarea
            id={ids.description}
            value={description}
            rows={2}
            maxLength={DATASET_LIMITS.descriptionMaxLength}
            placeholder="What the clips have in common, where they come from"
            onChange={(event) => setDescription(event.target.value)}
          />
        </div>
      )}
      {create.error && (
        <p id={ids.error} className="alert" role="alert">
          {create.error.message}
        </p>
      )}
      <div>
        <button type="submit" className="button button-primary" disabled={!name.trim() || create.isPending}>
          {create.isPending ? 'Creating…' : 'Create dataset'}
        </button>
      </div>
    </form>
  );
}
