'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { exportStateOptions } from '@/lib/datasets/client/export-client';
import { type HubPushProgress, type HubPushResult, pushToHub } from '@/lib/datasets/hub-push';

const STAGE_LABEL: Record<HubPushProgress['stage'], string> = {
  'reading files': 'Reading the files from Genki Studio',
  'creating the repo': 'Creating the repo',
  'listing the repo': 'Checking what the repo already has',
  uploading: 'Uploading to the Hub',
  committing: 'Committing',
  done: 'Done',
};

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * Push to a Hugging Face dataset repo, straight from this browser to the Hub. The access token lives
 * only in this component's state for the push: it is never stored, logged, put in a URL or sent to
 * Genki Studio's server, and it is cleared once the push has succeeded.
 */
export function HubPushForm({
  datasetId,
  hubUrl,
  suggestedRepo,
}: {
  datasetId: string;
  hubUrl: string;
  suggestedRepo: string;
}) {
  const ids = { namespace: useId(), repo: useId(), token: useId(), tokenHint: useId() };
  const [namespace, setNamespace] = useState('');
  const [repo, setRepo] = useState(suggestedRepo);
  const [visibility, setVisibility] = useState<'private' | 'public'>('private');
  const [token, setToken] = useState('');
  const [progress, setProgress] = useState<HubPushProgress | null>(null);
  const queryClient = useQueryClient();
  // A full "namespace/name" in the Repository field wins; otherwise the namespace is prefixed.
  const repoId = repo.includes('/')
    ? repo.trim()
    : namespace.trim()
      ? `${namespace.trim()}/${repo.trim()}`
      : '';

  const push = useMutation({
    mutationFn: async (): Promise<HubPushResult> => {
      if (!repoId) throw new Error('Write your Hugging Face username or organisation as the namespace.');
      if (!token) throw new Error('Paste a Hugging Face access token with write access.');
      setProgress(null);
      // The manifest lists the current clips: fetch it fresh so nothing changed since the page loaded.
      const state = await queryClient.fetchQuery({ ...exportStateOptions(datasetId), staleTime: 0 });
      if (state.kind === 'blocked') throw new Error(state.message);
      return pushToHub({
        manifest: state.manifest,
        repo: repoId,
        accessToken: token,
        hubUrl,
        visibility,
        onProgress: setProgress,
      });
    },
    onSuccess: () => setToken(''),
  });

  const total = progress?.totalBytes ?? 0;
  const done = progress ? progress.readBytes / 2 + progress.uploadedBytes / 2 : 0;

  return (
    <section className="card stack" aria-labelledby="push-heading">
      <h2 id="push-heading">Push to the Hugging Face Hub</h2>
      <form
        className="stack"
        aria-labelledby="push-heading"
        autoComplete="off"
        onSubmit={(event) => {
          event.preventDefault();
          push.mutate();
        }}
      >
        <div className="grid grid-2">
          <div className="field">
            <label htmlFor={ids.namespace}>Namespace</label>
            <input
              id={ids.namespace}
              value={namespace}
              onChange={(event) => setNamespace(event.target.value)}
              placeholder="your-username or organisation"
              autoComplete="off"
              spellCheck={false}
              maxLength={96}
            />
          </div>
          <div className="field">
            <label htmlFor={ids.repo}>Repository</label>
            <input
              id={ids.repo}
              value={repo}
              onChange={(event) => setRepo(event.target.value)}
              autoComplete="off"
              spellCheck={false}
              maxLength={96}
              required
            />
          </div>
        </div>
        <p className="hint">
          {repoId ? (
            <>
              Pushes to <code>{`${hubUrl}/datasets/${repoId}`}</code>
            </>
          ) : (
            'Pushes to your-namespace/repository on the Hub.'
          )}
        </p>
        <fieldset className="plain-fieldset">
          <legend>Visibility (for a new repo; an existing repo keeps its own)</legend>
          <label className="choice">
            <input
              type="radio"
              name="visibility"
              checked={visibility === 'private'}
              onChange={() => setVisibility('private')}
            />{' '}
            Private
          </label>
          <label className="choice">
            <input
              type="radio"
              name="visibility"
              checked={visibility === 'public'}
              onChange={() => setVisibility('public')}
            />{' '}
            Public
          </label>
        </fieldset>
        <div className="field">
          <label htmlFor={ids.token}>Hugging Face token</label>
          <input
            id={ids.token}
            type="password"
            value={token}
            onChange={(event) => setToken(event.target.value)}
            autoComplete="off"
            spellCheck={false}
            aria-describedby={ids.tokenHint}
            data-1p-ignore
            data-lpignore="true"
          />
          <p className="hint" id={ids.tokenHint}>
            A token with write access (huggingface.co/settings/tokens). It goes from this browser to the Hub
            only: Genki Studio never stores it or sends it to its server.
          </p>
        </div>
        <div>
          <button type="submit" className="button button-primary" disabled={push.isPending}>
            {push.isPending ? 'Pushing…' : 'Push to the Hub'}
          </button>
        </div>
      </form>
      {push.isPending && progress && (
        <div className="import-progress" aria-live="polite">
          <progress value={done} max={Math.max(1, total)} aria-label="Push progress" />
          <p className="hint">
            {STAGE_LABEL[progress.stage]}
            {total > 0 &&
              ` · ${mb(progress.readBytes)} read, ${mb(progress.uploadedBytes)} uploaded of ${mb(total)}`}
          </p>
        </div>
      )}
      {push.error && (
        <p className="alert" role="alert">
          {push.error.message}
        </p>
      )}
      {push.data && (
        <div className="notice" role="status">
          <p>
            Pushed {push.data.files} files to <a href={push.data.repoUrl}>{push.data.repo}</a>
            {push.data.created ? ' (new repo)' : ''}.
          </p>
          <p>
            Commit{' '}
            <a href={push.data.commitUrl}>
              <code data-testid="commit-sha">{push.data.commitSha}</code>
            </a>
          </p>
        </div>
      )}
    </section>
  );
}
