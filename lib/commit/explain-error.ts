/**
 * Failures of a chain submission, in words a miner can act on. ChainError already carries a short
 * phrase (`words`) and the chain's own name for the failure (`detail`); this adds the context only
 * the page knows: which netuid, when the commitment budget resets, whether the node is still there.
 * Pure.
 */
import { ChainError } from '../chain/errors';
import type { SpaceBudget } from './space-budget';

export interface Explanation {
  /** One short sentence: what happened. */
  title: string;
  /** What it means and what to do next. */
  detail: string;
  /** The chain's or wallet's own name for it, for bug reports (`commitments.SpaceLimitExceeded`). */
  technical?: string;
}

export interface ExplainContext {
  netuid: number;
  /** The hotkey's budget before the attempt, to say when it resets. */
  budget?: SpaceBudget | null;
  bestBlock?: number | null;
  /** False when the page has lost its connection to the node by the time the error arrives. */
  connected?: boolean;
}

function wentAway(endpoint: string, technical?: string): Explanation {
  return {
    title: 'The chain node went away.',
    detail: `The connection to ${endpoint} closed while the transaction was on its way, so it may or may not have been included. Reconnect, then check the commitment read back below before trying again.`,
    technical,
  };
}

export function explainSubmitError(error: unknown, context: ExplainContext): Explanation {
  if (!(error instanceof ChainError)) {
    const message = error instanceof Error ? error.message : String(error);
    return { title: 'The submission failed.', detail: message };
  }
  const { netuid } = context;
  const technical = error.detail;
  // A send that failed because the socket had just closed reads best as "the node went away".
  if (error.code === 'disconnected' || (context.connected === false && error.code === 'rejected')) {
    return wentAway(error.endpoint, technical ?? error.message);
  }
  switch (error.detail) {
    case 'commitments.AccountNotAllowedCommit':
    case 'subtensorModule.HotKeyNotRegisteredInSubNet':
      return {
        title: `Not registered on netuid ${netuid}.`,
        detail: `The chain accepts commitments only from hotkeys registered on netuid ${netuid}, and this account is not (AccountNotAllowedCommit). Register the hotkey on the subnet, or pick the hotkey that is registered.`,
        technical,
      };
    case 'commitments.SpaceLimitExceeded':
    case 'commitments.CommitmentSetRateLimitExceeded': {
      const budget = context.budget;
      const resets =
        budget && context.bestBlock != null
          ? ` It resets at block #${budget.resetsAtBlock}, in ${Math.max(0, budget.resetsAtBlock - context.bestBlock)} blocks, when netuid ${netuid}'s next epoch starts.`
          : ` It resets when netuid ${netuid}'s next epoch starts (every tempo + 1 blocks).`;
      return {
        title: 'Rate or space limit reached.',
        detail: `This hotkey has used its commitment budget for this epoch${budget ? ` (${budget.used} of ${budget.maxSpace} bytes; each commitment costs at least 100)` : ''}.${resets} Your previous commitment stays on chain until then.`,
        technical,
      };
    }
  }
  switch (error.code) {
    case 'signing_rejected':
      return {
        title: 'Your wallet extension refused to sign.',
        detail: 'Nothing was sent to the chain. Submit again and approve the request in the extension.',
        technical: error.message,
      };
    case 'signing_timeout':
      return {
        title: 'Your wallet did not sign in time.',
        detail: `${error.message}. If the request is still open in the extension, reject it there, then submit again; approving it now would still send it.`,
      };
    case 'connect_failed':
      return {
        title: 'Cannot reach the chain node.',
        detail: `${error.message}. Check the endpoint, or that the node is running.`,
      };
    case 'timeout':
      return {
        title: 'The chain did not answer in time.',
        detail: `${error.message}. Check the commitment read back below before submitting again.`,
      };
    case 'rejected':
      return {
        title: `The chain refused the transaction: ${error.words}.`,
        detail: /signature/.test(error.words)
          ? 'The signature does not verify on this chain: the wallet may have signed for another network.'
          : error.message,
        technical,
      };
    case 'dispatch':
      return { title: `The transaction failed: ${error.words}.`, detail: error.message, technical };
    default:
      return {
        title: `The chain node reported a problem: ${error.words}.`,
        detail: error.message,
        technical,
      };
  }
}
