import type { Metadata } from 'next';
import Link from 'next/link';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { SignInPrompt } from '@/components/wallet/sign-in-prompt';
import { getCurrentUser } from '@/lib/auth/current-user';

export const metadata: Metadata = { title: 'Fine-tunes' };

export default async function FinetunesPage() {
  const user = await getCurrentUser();
  return (
    <>
      <PageHeader eyebrow="Miner studio" title="Fine-tunes">
        <p>
          Fine-tunes train Ruby (MusicGen) on one of your published datasets using GPUs on the Crynux network.
          Each run pins the dataset revision it trained on, reports progress and loss, and pushes the weights
          to your Hugging Face model repo, ready to commit.
        </p>
      </PageHeader>
      {user ? (
        <EmptyState
          title="No fine-tunes yet"
          actions={
            <Link className="button button-primary" href="/datasets">
              Go to your datasets
            </Link>
          }
        >
          <p>
            A fine-tune needs a published dataset. Curate and publish one first; then launch a run from here
            and follow it to a model you can commit.
          </p>
        </EmptyState>
      ) : (
        <SignInPrompt title="Sign in to launch fine-tunes">
          <p>Runs, their logs and their results belong to the account that launched them.</p>
        </SignInPrompt>
      )}
    </>
  );
}
