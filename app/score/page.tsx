import type { Metadata } from 'next';
import { ClapScorer } from '@/components/engine/clap-scorer';
import { PageHeader } from '@/components/ui/page-header';

export const metadata: Metadata = { title: 'Score a clip' };

export default function ScorePage() {
  return (
    <>
      <PageHeader eyebrow="Miner studio" title="Score a clip">
        <p>
          Check a clip the way Genki-Dama validators do: its CLAP similarity to a prompt, computed in your
          browser with the same engine the validator runs. Prompts like the validator’s use the chiptune
          style, three moods and two instruments.
        </p>
      </PageHeader>
      <ClapScorer />
    </>
  );
}
