import type { Network } from '@/lib/env';
import { NETWORK_LABELS } from '@/lib/site';
import packageJson from '@/package.json';

export function SiteFooter({ network }: { network: Network }) {
  return (
    <footer className="site-footer">
      <div className="container">
        <span>Genki Studio {packageJson.version} · for the Genki-Dama subnet on Bittensor</span>
        <span>
          Network:{' '}
          <span className={network === 'local' ? 'badge badge-warn' : 'badge'} data-testid="network-badge">
            {NETWORK_LABELS[network]}
          </span>
        </span>
      </div>
    </footer>
  );
}
