import type { Metadata } from 'next';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';

export const metadata: Metadata = { title: 'Listen' };

export default function ListenPage() {
  return (
    <>
      <PageHeader eyebrow="Demo" title="Listen to Ruby">
        <p>
          Ruby is MusicGen fine-tuned by Genki-Dama miners for chiptune game music: square and pulse leads,
          triangle bass, noise-channel drums. Every track here comes with the prompt it was made from.
        </p>
      </PageHeader>
      <EmptyState title="No tracks published yet">
        <p>
          Tracks appear here once a validator on this studio has scored models. Validators prompt with the
          chiptune vocabulary, for example: “Electronic chiptune, energetic, happy, game, synthesizer, drums”.
        </p>
      </EmptyState>
    </>
  );
}
