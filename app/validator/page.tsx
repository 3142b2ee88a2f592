import type { Metadata } from 'next';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { getCurrentUser } from '@/lib/auth/current-user';
import { getConfig } from '@/lib/env';
import { NETWORK_LABELS } from '@/lib/site';

export const metadata: Metadata = { title: 'Validator dashboard' };

export default async function ValidatorPage() {
  const [user, config] = [await getCurrentUser(), getConfig()];
  const access = !user
    ? 'Read-only. Sign in with an address listed in GENKI_ADMIN_ADDRESSES to run admin actions.'
    : user.roles.validatorAdmin
      ? 'You are a validator admin on this dashboard.'
      : 'Read-only: your address is not listed in GENKI_ADMIN_ADDRESSES on this server.';
  return (
    <>
      <PageHeader eyebrow="Validators" title="Validator dashboard">
        <p>
          The dashboard runs the Genki-Dama scoring loop on this server and shows every miner’s latest scores
          and weights.
        </p>
      </PageHeader>
      <div className="grid grid-2">
        <section className="card" aria-labelledby="status-title">
          <h2 id="status-title">This validator</h2>
          <dl className="facts">
            <dt>Network</dt>
            <dd>{NETWORK_LABELS[config.network]}</dd>
            <dt>Admins configured</dt>
            <dd>{config.adminAddresses.length}</dd>
            <dt>Your access</dt>
            <dd>{access}</dd>
          </dl>
        </section>
        <section className="card" aria-labelledby="formula-title">
          <h2 id="formula-title">How miners are scored</h2>
          <ol className="steps">
            <li>
              <div>
                <strong>Quality:</strong> mean CLAP similarity between each prompt and the clip the model made
                from it.
              </div>
            </li>
            <li>
              <div>
                <strong>Diversity:</strong> mean Fréchet Audio Distance from every other miner’s clips.
              </div>
            </li>
            <li>
              <div>
                <strong>Weights:</strong> both min-max normalised, averaged, sharpened by softmax(score /
                0.01), then smoothed 50/50 with the previous weights.
              </div>
            </li>
          </ol>
        </section>
      </div>
      <div style={{ marginTop: '1.5rem' }}>
        <EmptyState title="No scoring rounds yet">
          <p>
            When the scoring loop runs, each round appears here with the prompts it used, every miner’s CLAP
            and FAD numbers, the resulting weights and the block they were set in.
          </p>
        </EmptyState>
      </div>
    </>
  );
}
