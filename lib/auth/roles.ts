import type { Config } from '../env';

export interface Roles {
  /** Every signed-in account can curate datasets, launch fine-tunes and commit models. */
  miner: true;
  /** Listed in GENKI_ADMIN_ADDRESSES: may run the validator dashboard's admin actions. */
  validatorAdmin: boolean;
}

export function rolesFor(address: string, config: Pick<Config, 'adminAddresses'>): Roles {
  return { miner: true, validatorAdmin: config.adminAddresses.includes(address) };
}
