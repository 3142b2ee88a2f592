/**
 * What the dataset pages (server components) read: the same access rules and summaries the API
 * routes use, called directly instead of over HTTP. `cache` shares one read between a layout and
 * its page within a request.
 */
import 'server-only';
import { cache } from 'react';
import { type CurrentUser, getCurrentUser } from '../auth/current-user';
import { getDb } from '../db';
import { PublicError } from '../http/errors';
import { readableDataset } from './access';
import { listDatasets, summarize } from './datasets-store';
import type { DatasetSummary } from './model';

export interface DatasetPageData {
  user: CurrentUser | null;
  /** null when there is no such dataset, or it is private to someone else (the same 404 either way). */
  dataset: DatasetSummary | null;
}

export const loadDatasetPage = cache(async (id: string): Promise<DatasetPageData> => {
  const user = await getCurrentUser();
  const viewer = user?.address ?? null;
  try {
    const db = getDb();
    return { user, dataset: summarize(db, readableDataset(db, id, viewer), viewer) };
  } catch (error) {
    if (error instanceof PublicError && error.status === 404) return { user, dataset: null };
    throw error;
  }
});

export const loadDatasetList = cache(async () => {
  const user = await getCurrentUser();
  return { user, ...listDatasets(getDb(), user?.address ?? null) };
});
