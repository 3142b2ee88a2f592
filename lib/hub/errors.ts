/**
 * Errors from talking to the Hugging Face Hub. Each has a code for programs and a message for the
 * operator that says what happened and what to configure. Pure (no Node APIs).
 */

export type HubErrorCode =
  /** DNS, refused connection, TLS: nothing answered. */
  | 'unreachable'
  /** Something answered, but too slowly (no response headers, or a stalled body). */
  | 'timeout'
  /** Repo, revision or file does not exist. */
  | 'not_found'
  /** Private or gated repo: Genki Studio only fetches public repos. */
  | 'forbidden'
  /** The bytes do not match the size or hash the Hub listed. */
  | 'corrupt'
  /** Any other HTTP failure or an answer we could not parse. */
  | 'bad_response'
  | 'aborted';

export class HubError extends Error {
  override name = 'HubError';
  constructor(
    readonly code: HubErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The hint appended to "could not reach the Hub" messages when a model was being fetched. */
export const MODEL_OFFLINE_HINT =
  'Set GENKI_HF_HUB_URL, or pass a local model directory (genki make-test-model DIR creates a small test model).';

/** One line describing a low-level failure: undici hides the useful part in `cause`. */
export function describeCause(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause;
  if (cause instanceof Error) {
    const code = (cause as Error & { code?: unknown }).code;
    return `${error.message} (${typeof code === 'string' ? `${code}: ` : ''}${cause.message})`;
  }
  return error.message;
}
