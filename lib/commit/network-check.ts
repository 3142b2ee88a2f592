/**
 * "Is this the chain we mean?" by genesis hash, the one identifier a node cannot fake by accident:
 * the chain the page connected to against the one the studio's server is configured for, and a
 * wallet account restricted to one chain (`meta.genesisHash`) against the chain it would sign for.
 * A signature over another chain's genesis never verifies, so catching this before signing spares
 * the miner a confusing "bad signature". Pure.
 */
import { FINNEY_GENESIS_HASH } from '../chain/networks';

export type NetworkProblemCode = 'wrong_chain' | 'account_elsewhere' | 'unverified';

export interface NetworkProblem {
  code: NetworkProblemCode;
  /** Blocking problems stop the page from asking the wallet to sign. */
  blocking: boolean;
  message: string;
}

const short = (hash: string) => `${hash.slice(0, 10)}…${hash.slice(-4)}`;

export function describeGenesis(hash: string): string {
  return hash.toLowerCase() === FINNEY_GENESIS_HASH ? `${short(hash)} (finney)` : short(hash);
}

export function checkChainGenesis(options: {
  networkLabel: string;
  chainGenesis: string;
  expectedGenesis: string | null;
}): NetworkProblem | null {
  const { networkLabel, chainGenesis, expectedGenesis } = options;
  if (!expectedGenesis) {
    return {
      code: 'unverified',
      blocking: false,
      message: `The studio's server could not tell which chain it expects, so this node (genesis ${describeGenesis(chainGenesis)}) is not checked against ${networkLabel}. Make sure it serves ${networkLabel}.`,
    };
  }
  if (chainGenesis.toLowerCase() === expectedGenesis.toLowerCase()) return null;
  return {
    code: 'wrong_chain',
    blocking: true,
    message: `Wrong network: this node's chain has genesis ${describeGenesis(chainGenesis)}, but the studio is configured for ${networkLabel} (genesis ${describeGenesis(expectedGenesis)}). Commitments made there never reach this subnet's validators; connect to a ${networkLabel} node.`,
  };
}

export function checkAccountGenesis(options: {
  accountGenesis: string | null | undefined;
  chainGenesis: string;
}): NetworkProblem | null {
  const { accountGenesis, chainGenesis } = options;
  if (!accountGenesis || accountGenesis.toLowerCase() === chainGenesis.toLowerCase()) return null;
  return {
    code: 'account_elsewhere',
    blocking: true,
    message: `Your wallet restricts this account to another network (genesis ${describeGenesis(accountGenesis)}); this chain's genesis is ${describeGenesis(chainGenesis)}. Allow the account on any chain in the extension's settings, or pick another account.`,
  };
}
