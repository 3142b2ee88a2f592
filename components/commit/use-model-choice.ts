'use client';

import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { hubOwnerSchema } from '@/lib/commit/hub-models';
import { hubCommitsOptions, hubModelsOptions } from '@/lib/queries/commit';

/** The last Hub owner listed on this browser: a returning miner sees their models at once. */
const OWNER_STORAGE_KEY = 'genki.commit.hub-owner';

function rememberedOwner(): string {
  try {
    const parsed = hubOwnerSchema.safeParse(window.localStorage.getItem(OWNER_STORAGE_KEY));
    return parsed.success ? parsed.data : '';
  } catch {
    return ''; // storage disabled: nothing remembered, nothing lost
  }
}

/**
 * The miner's path to one pinned revision: owner → their public model repos → the repo's commits.
 * The newest commit is preselected (what a miner who just pushed wants); picking another is one
 * click. A commitment always names a full 40-hex SHA, never a branch.
 *
 * The preselection is pinned once the list arrives: the list refetches (stale after a minute, and
 * on window focus — e.g. when the wallet's popup closes), and a commit pushed meanwhile must not
 * swap the revision under a commitment that is being signed.
 */
export function useModelChoice(hubUrl: string) {
  const [owner, setOwner] = useState('');
  const [repo, setRepoState] = useState('');
  const [chosenCommit, setCommit] = useState<string | null>(null);
  const models = useQuery(hubModelsOptions(hubUrl, owner));
  const commits = useQuery(hubCommitsOptions(hubUrl, repo));
  const newest = commits.data?.[0]?.oid ?? null;
  useEffect(() => {
    if (chosenCommit === null && newest !== null) setCommit(newest);
  }, [chosenCommit, newest]);
  // After hydration only: the server render cannot know what this browser remembered.
  useEffect(() => setOwner((current) => current || rememberedOwner()), []);
  const setRepo = (next: string) => {
    setRepoState(next);
    setCommit(null);
  };
  return {
    owner,
    submitOwner: (next: string) => {
      setOwner(next);
      try {
        window.localStorage.setItem(OWNER_STORAGE_KEY, next);
      } catch {
        // Storage disabled: the owner is simply not remembered.
      }
      setRepo('');
    },
    models,
    repo,
    setRepo,
    commits,
    commit: chosenCommit ?? newest ?? '',
    setCommit,
  };
}

export type ModelChoice = ReturnType<typeof useModelChoice>;
