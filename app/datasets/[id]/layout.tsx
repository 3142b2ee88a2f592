import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { DatasetHeader } from '@/components/datasets/header/dataset-header';
import { ImportResumer } from '@/components/datasets/import/import-resumer';
import { PlaybackGuard } from '@/components/datasets/shared/playback-guard';
import { SignInPrompt } from '@/components/wallet/sign-in-prompt';
import { loadDatasetPage } from '@/lib/datasets/page-data';

interface Props {
  children: ReactNode;
  params: Promise<{ id: string }>;
}

export async function generateMetadata({ params }: Pick<Props, 'params'>): Promise<Metadata> {
  const { dataset } = await loadDatasetPage((await params).id);
  return { title: dataset ? dataset.name : 'Dataset' };
}

/** Every dataset tab: the header with live stats, then the tab. Private datasets of others are 404s. */
export default async function DatasetLayout({ children, params }: Props) {
  const { id } = await params;
  const { user, dataset } = await loadDatasetPage(id);
  if (!dataset) {
    // Signed out, a private dataset looks exactly like a missing one; offer to sign in, in case it is theirs.
    if (!user)
      return (
        <SignInPrompt title="Sign in to open this dataset">
          <p>
            This dataset is either private or does not exist. If it is yours, sign in with the wallet account
            that created it.
          </p>
        </SignInPrompt>
      );
    notFound();
  }
  return (
    <>
      <PlaybackGuard />
      {/* After a reload on any tab, uploads still waiting in this browser's OPFS carry on. */}
      {dataset.isOwner && <ImportResumer />}
      <DatasetHeader dataset={dataset} />
      <div className="dataset-tab-body">{children}</div>
    </>
  );
}
