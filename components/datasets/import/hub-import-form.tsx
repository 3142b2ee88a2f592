'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { createHubImport } from '@/lib/datasets/client/import-api';
import { datasetKeys } from '@/lib/queries/datasets';

const REPO_PATTERN = /^[A-Za-z0-9][\w.-]{0,95}\/[A-Za-z0-9][\w.-]{0,95}$/;

/** Import a Hugging Face dataset repo at a revision; the server downloads and processes it. */
export function HubImportForm({ datasetId }: { datasetId: string }) {
  const ids = { repo: useId(), revision: useId(), hint: useId() };
  const [repo, setRepo] = useState('');
  const [revision, setRevision] = useState('main');
  const queryClient = useQueryClient();
  const start = useMutation({
    mutationFn: () => {
      const name = repo.trim().replace(/^https?:\/\/[^/]+\/datasets\//, '');
      if (!REPO_PATTERN.test(name))
        throw new Error('Write the repo as owner/name, e.g. genki-dama/chiptune-loops.');
      return createHubImport(datasetId, { repo: name, revision: revision.trim() || 'main' });
    },
    onSuccess: () => {
      setRepo('');
      void queryClient.invalidateQueries({ queryKey: datasetKeys.imports(datasetId) });
    },
  });

  return (
    <form
      className="hub-import"
      aria-label="Import from the Hugging Face Hub"
      onSubmit={(event) => {
        event.preventDefault();
        start.mutate();
      }}
    >
      <div className="field">
        <label htmlFor={ids.repo}>Dataset repo</label>
        <input
          id={ids.repo}
          value={repo}
          onChange={(event) => setRepo(event.target.value)}
          placeholder="owner/name"
          aria-describedby={ids.hint}
          autoComplete="off"
          spellCheck={false}
          maxLength={200}
          required
        />
      </div>
      <div className="field">
        <label htmlFor={ids.revision}>Revision</label>
        <input
          id={ids.revision}
          value={revision}
          onChange={(event) => setRevision(event.target.value)}
          placeholder="main"
          autoComplete="off"
          spellCheck={false}
          maxLength={128}
        />
      </div>
      <p className="hint" id={ids.hint}>
        A dataset repo in the audiofolder layout (audio files plus an optional metadata.jsonl or metadata.csv
        with captions). The revision is a branch, a tag or a commit id.
      </p>
      <div>
        <button type="submit" className="button" disabled={start.isPending}>
          {start.isPending ? 'Starting…' : 'Import from the Hub'}
        </button>
      </div>
      {start.error && (
        <p className="alert" role="alert">
          {start.error.message}
        </p>
      )}
    </form>
  );
}
