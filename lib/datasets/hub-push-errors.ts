/**
 * Errors of the browser's Hub push (lib/datasets/hub-push.ts): one code for the UI and one
 * sentence a miner can act on. The access token never appears in a message: library errors carry
 * request URLs (never headers), and every message is scrubbed of the token anyway.
 */
import { HubApiError } from '@huggingface/hub';

export type HubPushErrorCode =
  /** The request itself is wrong: repo id, token shape, manifest. */
  | 'invalid'
  /** The Hub rejected the token (401). */
  | 'unauthorized'
  /** The token may not write there (403). */
  | 'forbidden'
  | 'not_found'
  /** Reading the dataset's files from Genki Studio failed. */
  | 'source_failed'
  /** Nothing answered at the Hub URL. */
  | 'unreachable'
  /** The Hub answered with an error mid-push. */
  | 'hub_failed'
  | 'aborted';

export class HubPushError extends Error {
  override name = 'HubPushError';
  constructor(
    readonly code: HubPushErrorCode,
    message: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export type PushStage =
  | 'reading files'
  | 'creating the repo'
  | 'listing the repo'
  | 'uploading'
  | 'committing';

/** Retrying is always safe: uploads are content-addressed and the commit is all-or-nothing. */
const RETRY_HINT = 'Nothing was committed; push again to retry (files already uploaded are not sent twice).';

export function scrub(text: string, token: string): string {
  return token ? text.split(token).join('[token]') : text;
}

function detailOf(error: HubApiError): string {
  return (error.message.split('. URL:')[0] ?? error.message).trim();
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
}

/** Any failure of a Hub call → a HubPushError naming the Hub, the repo and the stage. */
export function toPushError(
  error: unknown,
  context: { hubUrl: string; repo: string; token: string; stage: PushStage },
): HubPushError {
  if (error instanceof HubPushError) return error;
  const { hubUrl, repo, token, stage } = context;
  const make = (code: HubPushErrorCode, message: string, status?: number) =>
    new HubPushError(code, scrub(message, token), status, { cause: error });
  if (isAbort(error)) return make('aborted', 'The push was cancelled. Nothing was committed.');
  if (error instanceof HubApiError) {
    const status = error.statusCode;
    const detail = detailOf(error);
    if (status === 401) {
      return make(
        'unauthorized',
        `The Hugging Face Hub at ${hubUrl} rejected the access token (HTTP 401: ${detail}). Check that the token is valid and has write access (${hubUrl}/settings/tokens).`,
        status,
      );
    }
    if (status === 403) {
      return make(
        'forbidden',
        `The access token may not write to the dataset ${repo} on ${hubUrl} (HTTP 403: ${detail}). Use a token with write access to that namespace.`,
        status,
      );
    }
    if (status === 404) {
      return make(
        'not_found',
        `The Hub at ${hubUrl} could not find ${repo} while ${stage} (HTTP 404: ${detail}).`,
        status,
      );
    }
    return make(
      'hub_failed',
      `The Hub at ${hubUrl} failed while ${stage} (HTTP ${status}: ${detail}). ${RETRY_HINT}`,
      status,
    );
  }
  if (error instanceof TypeError) {
    // fetch's network failure (undici says "fetch failed", browsers "Failed to fetch"/"Load failed").
    return make(
      'unreachable',
      `Could not reach the Hugging Face Hub at ${hubUrl} while ${stage} (${error.message}). ${RETRY_HINT}`,
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return make(
    'hub_failed',
    `Pushing to ${repo} on ${hubUrl} failed while ${stage}: ${message}. ${RETRY_HINT}`,
  );
}
