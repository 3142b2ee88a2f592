'use client';

/** Deleting removes every clip, caption and import: confirmed in a dialog by typing the dataset's name. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useId, useRef, useState } from 'react';
import type { DatasetSummary } from '@/lib/datasets/model';
import { plural } from '@/lib/datasets/review/format';
import { datasetKeys, deleteDataset } from '@/lib/queries/datasets';

export function DeleteDataset({ dataset }: { dataset: DatasetSummary }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const dialog = useRef<HTMLDialogElement>(null);
  const ids = { title: useId(), confirm: useId() };
  const [typed, setTyped] = useState('');
  const remove = useMutation({
    mutationFn: () => deleteDataset(dataset.id),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: datasetKeys.detail(dataset.id) });
      void queryClient.invalidateQueries({ queryKey: datasetKeys.list() });
      dialog.current?.close();
      router.push('/datasets');
      router.refresh();
    },
  });

  return (
    <div className="danger-zone">
      <div>
        <h3>Delete this dataset</h3>
        <p className="hint">
          Removes its {plural(dataset.stats.clips, 'clip')}, captions, tags and imports. This cannot be
          undone.
        </p>
      </div>
      <button
        type="button"
        className="button button-danger"
        aria-haspopup="dialog"
        onClick={() => {
          setTyped('');
          remove.reset();
          dialog.current?.showModal();
        }}
      >
        Delete dataset…
      </button>
      <dialog ref={dialog} className="modal" aria-labelledby={ids.title}>
        <form
          className="stack-tight"
          onSubmit={(event) => {
            event.preventDefault();
            if (typed === dataset.name) remove.mutate();
          }}
        >
          <h2 id={ids.title}>Delete “{dataset.name}”?</h2>
          <p>
            {plural(dataset.stats.clips, 'clip')} with their captions, tags and licences will be deleted.
            Anything you published to the Hub stays there.
          </p>
          <div className="field">
            <label htmlFor={ids.confirm}>Type the dataset’s name to confirm</label>
            <input
              id={ids.confirm}
              value={typed}
              autoComplete="off"
              onChange={(event) => setTyped(event.target.value)}
            />
          </div>
          {remove.error && (
            <p className="alert" role="alert">
              {remove.error.message}
            </p>
          )}
          <div className="dialog-actions">
            <button type="button" className="button" onClick={() => dialog.current?.close()}>
              Cancel
            </button>
            <button
              type="submit"
              className="button button-danger"
              disabled={typed !== dataset.name || remove.isPending}
            >
              {remove.isPending ? 'Deleting…' : 'Delete forever'}
            </button>
          </div>
        </form>
      </dialog>
    </div>
  );
}
