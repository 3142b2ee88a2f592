/** Site navigation as data: the header, the home page's doors and tests all read it. */
export interface NavItem {
  href: string;
  label: string;
  audience: 'miner' | 'validator' | 'visitor';
}

export const NAV_ITEMS: readonly NavItem[] = [
  { href: '/datasets', label: 'Datasets', audience: 'miner' },
  { href: '/finetunes', label: 'Fine-tunes', audience: 'miner' },
  { href: '/score', label: 'Score', audience: 'miner' },
  { href: '/commit', label: 'Commit', audience: 'miner' },
  { href: '/validator', label: 'Validator', audience: 'validator' },
  { href: '/listen', label: 'Listen', audience: 'visitor' },
];

export const NETWORK_LABELS = {
  local: 'Local (simulated chain)',
  test: 'Bittensor testnet',
  finney: 'Bittensor finney',
} as const;
