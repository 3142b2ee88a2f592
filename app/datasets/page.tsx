import type { Metadata } from 'next';
import { CreateDatasetForm } from '@/components/datasets/list/create-dataset-form';
import { DatasetCard } from '@/components/datasets/list/dataset-card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { SignInPrompt } from '@/components/wallet/sign-in-prompt';
import { loadDatasetList } from '@/lib/datasets/page-data';

export const metadata: Metadata = { title: 'Datasets' };

export default async function DatasetsPage() {
  const { user, mine, shared } = await loadDatasetList();
  return (
    <>
      <PageHeader eyebrow="Miner studio" title="Datasets">
        <p>
          A dataset is a set of chiptune clips, each with a caption and a licence. Ruby learns from the
          captions, and validators prompt with the same kind of words, so good captions raise your score.
        </p>
      </PageHeader>
      <div className="stack">
        {!user ? (
          <SignInPrompt title="Sign in to curate datasets">
            <p>Your datasets are private to your account until you choose to share them.</p>
          </SignInPrompt>
        ) : mine.length === 0 ? (
          <EmptyState title="No datasets yet" actions={<CreateDatasetForm compact />}>
            <p>Start with 50 to 200 chiptune tracks you may use. What makes a dataset score well:</p>
            <ul className="muted empty-list">
              <li>
                clips of 30 seconds or more (validators generate 30 s clips; training uses 30 s windows);
              </li>
              <li>captions of at least 8 words naming instruments, mood, tempo and use in a game;</li>
              <li>a known licence for every clip, so the dataset can be published.</li>
            </ul>
          </EmptyState>
        ) : (
          <section aria-labelledby="mine-heading" className="stack-tight">
            <div className="section-head">
              <h2 id="mine-heading">Your datasets</h2>
              <span className="muted">{mine.length}</span>
            </div>
            <div className="dataset-grid">
              {mine.map((dataset) => (
                <DatasetCard key={dataset.id} dataset={dataset} />
              ))}
              <CreateDatasetForm />
            </div>
          </section>
        )}
        <section aria-labelledby="shared-heading" className="stack-tight">
          <div className="section-head">
            <h2 id="shared-heading">Shared by other miners</h2>
            <span className="muted">{shared.length}</span>
          </div>
          {shared.length === 0 ? (
            <p className="muted">
              No one has shared a dataset yet. Shared datasets can be browsed and listened to by anyone, and
              only their owner can change them.
            </p>
          ) : (
            <div className="dataset-grid">
              {shared.map((dataset) => (
                <DatasetCard key={dataset.id} dataset={dataset} />
              ))}
            </div>
          )}
        </section>
      </div>
    </>
  );
}
