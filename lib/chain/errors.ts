/**
 * One error type for everything that goes wrong talking to a chain, with a `code` callers can
 * branch on, the endpoint it happened on, and `words`: a short phrase for the UI
 * ("not registered on this netuid", "rate or space limit reached", …).
 */
export type ChainErrorCode =
  /** No connection within the deadline, or the endpoint refused. */
  | 'connect_failed'
  /** A read or a submission got no answer within its deadline. */
  | 'timeout'
  /** The connection dropped while waiting (a submission may or may not have landed). */
  | 'disconnected'
  /** The node refused the transaction before inclusion (1010 …: signature, nonce, fees). */
  | 'rejected'
  /** The transaction was included but its call failed (a pallet error such as SpaceLimitExceeded). */
  | 'dispatch'
  /** The wallet (or the user in it) declined to sign. */
  | 'signing_rejected'
  /** The wallet did not sign within its (generous) deadline; its request may still be open. */
  | 'signing_timeout'
  /** The caller asked for something impossible (e.g. a commitment over 128 bytes). */
  | 'invalid_input'
  /** The chain answered with data that does not have the expected shape. */
  | 'bad_data'
  /** The node answered a read with an error (unknown or pruned block, unsupported method, …). */
  | 'rpc';

export class ChainError extends Error {
  override name = 'ChainError';
  constructor(
    readonly code: ChainErrorCode,
    readonly endpoint: string,
    readonly words: string,
    message: string,
    /** The chain's own name for the failure: `commitments.SpaceLimitExceeded`, `1010: …`. */
    readonly detail?: string,
  ) {
    super(message);
  }
}

/** Short phrases for the pallet errors the studio's calls can hit; others fall back to their docs. */
const DISPATCH_WORDS: Record<string, string> = {
  'commitments.AccountNotAllowedCommit': 'not registered on this netuid',
  'commitments.SpaceLimitExceeded': 'rate or space limit reached',
  'commitments.CommitmentSetRateLimitExceeded': 'rate or space limit reached',
  'commitments.TooManyFieldsInCommitmentInfo': 'too many fields in the commitment',
  'subtensorModule.HotKeyNotRegisteredInSubNet': 'not registered on this netuid',
  'subtensorModule.HotKeyAlreadyRegisteredInSubNet': 'already registered on this netuid',
  'subtensorModule.NotEnoughBalanceToStake': 'not enough balance for the registration burn',
  'subtensorModule.TooManyRegistrationsThisBlock': 'too many registrations in this block; try again',
  'subtensorModule.NonAssociatedColdKey': 'this hotkey belongs to another coldkey',
  'subtensorModule.CommitRevealEnabled': 'commit-reveal is on: commit the weights, then reveal them',
  'subtensorModule.CommitRevealDisabled': 'commit-reveal is off: set the weights directly',
  'subtensorModule.SettingWeightsTooFast': 'weights rate limit reached',
  'subtensorModule.CommittingWeightsTooFast': 'weights rate limit reached',
  'subtensorModule.NeuronNoValidatorPermit': 'no validator permit',
  'subtensorModule.NotEnoughStakeToSetWeights': 'not enough stake to set weights',
  'subtensorModule.IncorrectWeightVersionKey': 'weights version key is too old',
  'subtensorModule.TooManyUnrevealedCommits': 'too many unrevealed weight commits',
  'subtensorModule.RevealTooEarly': 'too early to reveal these weights',
  'subtensorModule.ExpiredWeightCommit': 'the weight commit expired',
  'subtensorModule.InvalidRevealCommitHashNotMatch': 'revealed weights do not match the commit',
  'subtensorModule.NoWeightsCommitFound': 'no weight commit to reveal',
  'subtensorModule.WeightVecLengthIsLow': 'too few weights',
  'subtensorModule.UidVecContainInvalidOne': 'weights name a uid that does not exist',
};

export function dispatchWords(section: string, name: string, docs?: string): string {
  return DISPATCH_WORDS[`${section}.${name}`] ?? (docs?.trim() || `${section}.${name}`);
}

/** The node's 1010/1011/1012/1013/1014 answers, turned into a phrase. */
const REJECTION_WORDS: [RegExp, string][] = [
  [/bad signature/i, 'the chain rejected the signature (wrong key or network)'],
  [/outdated|\bstale\b/i, 'nonce already used: another transaction from this account landed first'],
  [/valid in the future/i, 'nonce is ahead of the account: an earlier transaction is missing'],
  [/pay some fees|balance too low/i, 'the account cannot pay the transaction fee'],
  [/ancient birth block/i, 'the transaction expired before it reached the chain'],
  [/call is not expected/i, 'this chain does not accept this call'],
  [/priority is too low|already imported/i, 'an identical transaction is already pending'],
  [
    /exceeds its limit/i,
    'the transaction carries more items than the chain allows (at most 3 commitment fields)',
  ],
];

export function rejectionWords(message: string): string {
  for (const [pattern, words] of REJECTION_WORDS) if (pattern.test(message)) return words;
  return 'the chain refused the transaction';
}

const SIGNING_REFUSED = /cancel|reject|denied|declined/i;

/** Errors from `signAndSend`: RPC rejections (`1010: …`), wallet refusals, or anything else. */
export function submitError(endpoint: string, error: unknown): ChainError {
  if (error instanceof ChainError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (/^10\d\d:/.test(message)) {
    const words = rejectionWords(message);
    return new ChainError(
      'rejected',
      endpoint,
      words,
      `${endpoint} refused the transaction: ${words} (${message})`,
      message,
    );
  }
  if (SIGNING_REFUSED.test(message)) {
    return new ChainError(
      'signing_rejected',
      endpoint,
      'signing was cancelled',
      `The wallet did not sign: ${message}`,
    );
  }
  return new ChainError(
    'rejected',
    endpoint,
    'the transaction could not be sent',
    `Sending to ${endpoint} failed: ${message}`,
    message,
  );
}
