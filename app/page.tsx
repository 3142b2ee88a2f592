import Link from 'next/link';

const DOORS = [
  {
    href: '/datasets',
    title: 'Miner studio',
    body: 'Curate chiptune clips and captions, fine-tune Ruby on the Crynux network, preview CLAP scores in your browser and commit your model on chain.',
    cta: 'Open the miner studio',
  },
  {
    href: '/validator',
    title: 'Validator dashboard',
    body: 'Run the Genki-Dama scoring loop: CLAP quality against the prompt, Fréchet Audio Distance for diversity between miners, then weights on chain.',
    cta: 'Open the validator dashboard',
  },
  {
    href: '/listen',
    title: 'Listen',
    body: 'Hear what Ruby, the subnet’s chiptune MusicGen model, makes from a prompt. No account or wallet needed.',
    cta: 'Listen to Ruby',
  },
] as const;

export default function HomePage() {
  return (
    <div className="stack">
      <section className="hero" aria-labelledby="hero-title">
        <p className="eyebrow">Genki-Dama subnet · Bittensor</p>
        <h1 id="hero-title">The studio for chiptune game music models</h1>
        <p>
          Genki Studio takes a Genki-Dama miner from a folder of chiptune tracks to a scored, committed model
          without a GPU box or a terminal, and gives validators the same scoring engine in a dashboard they
          host.
        </p>
      </section>

      <section aria-labelledby="doors-title">
        <h2 id="doors-title" className="visually-hidden">
          Where to start
        </h2>
        <div className="grid grid-3">
          {DOORS.map((door) => (
            <Link key={door.href} href={door.href} className="card door">
              <h2>{door.title}</h2>
              <p>{door.body}</p>
              <span className="door-cta" aria-hidden="true">
                {door.cta} →
              </span>
            </Link>
          ))}
        </div>
      </section>

      <section className="card" aria-labelledby="how-title">
        <h2 id="how-title">How Genki-Dama works</h2>
        <ol className="steps">
          <li>
            <div>
              <strong>Curate.</strong> Miners gather chiptune clips with captions that describe instruments,
              mood and tempo, the words validators prompt with.
            </div>
          </li>
          <li>
            <div>
              <strong>Fine-tune.</strong> Ruby is MusicGen fine-tuned on those clips; the weights go to a
              Hugging Face model repo.
            </div>
          </li>
          <li>
            <div>
              <strong>Commit.</strong> The miner signs an on-chain commitment naming the repo, its revision
              and a hash tied to their hotkey.
            </div>
          </li>
          <li>
            <div>
              <strong>Score.</strong> Validators generate 30-second clips from random chiptune prompts, score
              prompt adherence with CLAP and diversity with Fréchet Audio Distance, and set weights on chain.
            </div>
          </li>
        </ol>
      </section>
    </div>
  );
}
