import type { Metadata } from 'next';
import Link from 'next/link';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { SignInPrompt } from '@/components/wallet/sign-in-prompt';
import { getCurrentUser } from '@/lib/auth/current-user';

export const metadata: Metadata = { title: 'Datasets' };

export default async function DatasetsPage() {
  const user = await getCurrentUser();
  return (
    <>
      <PageHeader eyebrow="Miner studio" title="Datasets">
        <p>
          A dataset is a set of chiptune clips, each with a caption and a licence. Ruby learns from the
          captions, and validators prompt with the same kind of words, so good captions raise your score.
        </p>
      </PageHeader>
      {user ? (
        <EmptyState
          title="No datasets yet"
          actions={
            <Link className="button" href="/listen">
              Hear what Ruby makes today
            </Link>
          }
        >
          <p>Start with 50 to 200 chiptune tracks you may use. What makes a dataset score well:</p>
          <ul className="muted" style={{ textAlign: 'left', display: 'inline-block' }}>
            <li>clips of 30 seconds or more (validators generate 30 s clips; training uses 30 s windows);</li>
            <li>captions of at least 8 words naming instruments, mood, tempo and use in a game;</li>
            <li>a known licence for every clip, so the dataset can be published.</li>
          </ul>
        </EmptyState>
      ) : (
        <SignInPrompt title="Sign in to curate datasets">
          <p>Your datasets are private to your account until you choose to publish them.</p>
        </SignInPrompt>
      )}
    </>
  );
}
