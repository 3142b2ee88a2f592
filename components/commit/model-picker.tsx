'use client';

import { useEffect, useId, useState } from 'react';
import { hubOwnerSchema } from '@/lib/commit/hub-models';
import type { ModelChoice } from './use-model-choice';

const dateTime = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'UTC',
});

/** Owner → public model repo → revision (full SHA). Controlled by `useModelChoice`. */
export function ModelPicker({ choice, hubUrl }: { choice: ModelChoice; hubUrl: string }) {
  const ids = { owner: useId(), ownerHint: useId(), repo: useId(), revisions: useId() };
  const [draft, setDraft] = useState(choice.owner);
  // The owner can arrive after mount (remembered from the last visit): show it in the field.
  useEffect(() => setDraft(choice.owner), [choice.owner]);
  const [ownerError, setOwnerError] = useState<string | null>(null);
  const { models, commits } = choice;

  return (
    <>
      <form
        className="inline-form"
        aria-label="Find your models on the Hub"
        onSubmit={(event) => {
          event.preventDefault();
          const parsed = hubOwnerSchema.safeParse(draft);
          setOwnerError(parsed.success ? null : (parsed.error.issues[0]?.message ?? 'Invalid name.'));
          if (parsed.success) choice.submitOwner(parsed.data);
        }}
      >
        <div className="field">
          <label htmlFor={ids.owner}>Hugging Face username or organisation</label>
          <input
            id={ids.owner}
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
            aria-describedby={ids.ownerHint}
            aria-invalid={ownerError ? true : undefined}
            autoComplete="off"
            spellCheck={false}
            maxLength={96}
          />
          <p className="hint" id={ids.ownerHint}>
            Public model repos only, listed from {hubUrl}: validators download without a token.
          </p>
        </div>
        <button type="submit" className="button">
          List my models
        </button>
      </form>
      {ownerError && (
        <p className="alert" role="alert">
          {ownerError}
        </p>
      )}
      {models.isFetching && <p aria-live="polite">Listing the model repos of {choice.owner}…</p>}
      {models.error && (
        <p className="alert" role="alert">
          {models.error.message}
        </p>
      )}
      {models.data && models.data.length === 0 && (
        <p className="notice">
          No public model repos under <strong>{choice.owner}</strong> on {hubUrl}. Push your model there (
          <code>state_dict.bin</code> and <code>compression_state_dict.bin</code>) and make it public.
        </p>
      )}
      {models.data && models.data.length > 0 && (
        <div className="field">
          <label htmlFor={ids.repo}>Model repo</label>
          <select id={ids.repo} value={choice.repo} onChange={(event) => choice.setRepo(event.target.value)}>
            <option value="">Choose a repo…</option>
            {models.data.map((model) => (
              <option key={model.name} value={model.name}>
                {model.name}
              </option>
            ))}
          </select>
        </div>
      )}
      {choice.repo && commits.isFetching && !commits.data && <p aria-live="polite">Listing commits…</p>}
      {commits.error && (
        <p className="alert" role="alert">
          {commits.error.message}
        </p>
      )}
      {choice.repo && commits.data && (
        <fieldset className="plain-fieldset revision-list">
          <legend id={ids.revisions}>Revision of {choice.repo}</legend>
          {commits.data.length === 0 && <p className="hint">This repo has no commits yet.</p>}
          <ul>
            {commits.data.map((commit, index) => (
              <li key={commit.oid}>
                <label className="choice revision">
                  <input
                    type="radio"
                    className="choice-radio"
                    name="revision"
                    value={commit.oid}
                    checked={choice.commit === commit.oid}
                    onChange={() => choice.setCommit(commit.oid)}
                  />
                  <span className="revision-text">
                    <span className="revision-title">
                      {commit.title || '(no title)'}
                      {index === 0 && <span className="badge">latest</span>}
                    </span>
                    <code className="sha">{commit.oid}</code>
                    <span className="hint">
                      {dateTime.format(new Date(commit.date))} UTC
                      {commit.authors.length > 0 && ` · ${commit.authors.join(', ')}`}
                    </span>
                  </span>
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      )}
    </>
  );
}
