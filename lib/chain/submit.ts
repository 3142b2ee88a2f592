/**
 * Signing and sending one extrinsic, following it ready → inBlock → finalized under a deadline.
 * The signer is the caller's: a browser wallet's injected `signer` (signPayload), or a keyring pair
 * (CLI, tests). The nonce comes from `system_accountNextIndex`, which counts the node's pool, so a
 * quick second transaction does not reuse a pending nonce. Failures become ChainErrors: refused
 * before inclusion (`rejected`), included but failed (`dispatch`, with the pallet error's words),
 * connection lost (`disconnected`), no progress in time (`timeout`).
 */
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import type { KeyringPair } from '@polkadot/keyring/types';
import type { DispatchError } from '@polkadot/types/interfaces';
import type { ISubmittableResult, Signer } from '@polkadot/types/types';
import { z } from 'zod';
import { type ChainConnection, duration } from './connection';
import { ChainError, dispatchWords, submitError } from './errors';
import type { BlockRef } from './query';

export type ChainSigner =
  | { kind: 'pair'; pair: KeyringPair }
  | { kind: 'injected'; address: string; signer: Signer };

export type SubmitStage = 'signing' | 'future' | 'ready' | 'inBlock' | 'finalized';

export interface SubmitOptions {
  /** Resolve once included (`inBlock`) or only once finalized (default). */
  waitFor?: 'inBlock' | 'finalized';
  /**
   * Deadline from the moment the transaction is signed and sent until the confirmation asked for
   * (default 120 s). Time spent in the wallet does not count: a miner reading the request, or
   * confirming on a Ledger, must not find the page has given up on a transaction it then sends.
   */
  timeoutMs?: number;
  /** Deadline for the signer to sign (default 10 min; a keyring pair signs at once). */
  signTimeoutMs?: number;
  onStatus?: (stage: SubmitStage, blockHash?: string) => void;
}

export interface Inclusion {
  txHash: string;
  block: BlockRef;
  finalized: boolean;
  /** `section.method` of the transaction's events, e.g. `commitments.Commitment`. */
  events: string[];
}

export const DEFAULT_SUBMIT_TIMEOUT_MS = 120_000;
export const DEFAULT_SIGN_TIMEOUT_MS = 600_000;

export function signerAddress(signer: ChainSigner): string {
  return signer.kind === 'pair' ? signer.pair.address : signer.address;
}

export function dispatchFailure(conn: ChainConnection, error: DispatchError): ChainError {
  let detail: string = error.type;
  let words = `the call failed (${error.type})`;
  if (error.isModule) {
    const meta = conn.api.registry.findMetaError(error.asModule);
    detail = `${meta.section}.${meta.name}`;
    words = dispatchWords(meta.section, meta.name, meta.docs.join(' '));
  } else if (error.isToken) {
    detail = `token.${error.asToken.type}`;
    words =
      String(error.asToken.type) === 'FundsUnavailable'
        ? 'not enough funds'
        : `token error ${error.asToken.type}`;
  }
  return new ChainError(
    'dispatch',
    conn.endpoint,
    words,
    `The transaction was included but failed: ${words} (${detail})`,
    detail,
  );
}

/** The wallet's signer, calling `onSigned` the moment it hands back a signature. */
function startsClockWhenSigned(signer: Signer, onSigned: () => void): Signer {
  const thenSigned = <A, R>(sign: ((argument: A) => Promise<R>) | undefined) =>
    sign &&
    (async (argument: A) => {
      const result = await sign.call(signer, argument);
      onSigned();
      return result;
    });
  return { ...signer, signPayload: thenSigned(signer.signPayload), signRaw: thenSigned(signer.signRaw) };
}

const header = z.object({ number: z.string().regex(/^0x[0-9a-f]+$/i) });

export async function submitExtrinsic(
  conn: ChainConnection,
  tx: SubmittableExtrinsic<'promise'>,
  signer: ChainSigner,
  options: SubmitOptions = {},
): Promise<Inclusion> {
  const { endpoint } = conn;
  const waitFor = options.waitFor ?? 'finalized';
  const timeoutMs = options.timeoutMs ?? DEFAULT_SUBMIT_TIMEOUT_MS;
  const signTimeoutMs = options.signTimeoutMs ?? DEFAULT_SIGN_TIMEOUT_MS;
  const address = signerAddress(signer);
  const nonce = await conn.rpc('system_accountNextIndex', [address], z.number().int().nonnegative());
  options.onStatus?.('signing');

  return new Promise<Inclusion>((resolve, reject) => {
    let settled = false;
    let unsubscribe: (() => void) | undefined;
    const finish = (error: Error | undefined, value?: Inclusion) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      stopWatchingConnection();
      unsubscribe?.();
      if (error) reject(error);
      else if (value) resolve(value);
    };
    // First the wallet's deadline; once signed and sent, the chain's.
    let timer = setTimeout(() => {
      const message = `Nothing was signed within ${duration(signTimeoutMs)}, so nothing was sent`;
      finish(new ChainError('signing_timeout', endpoint, 'the wallet did not sign in time', message));
    }, signTimeoutMs);
    const awaitConfirmation = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const message = `No ${waitFor} confirmation from ${endpoint} within ${duration(timeoutMs)}; the transaction may still land`;
        finish(new ChainError('timeout', endpoint, 'the chain did not confirm in time', message));
      }, timeoutMs);
    };
    const lost = () =>
      new ChainError(
        'disconnected',
        endpoint,
        'lost the connection to the chain',
        `Lost the connection to ${endpoint} while waiting for the transaction; it may or may not have been included`,
      );
    const stopWatchingConnection = conn.onDisconnect(() => finish(lost()));
    if (!conn.connected) return finish(lost());

    const included = async (result: ISubmittableResult, blockHash: string, finalized: boolean) => {
      const { number } = await conn.rpc('chain_getHeader', [blockHash], header);
      finish(undefined, {
        txHash: result.txHash.toHex(),
        block: { hash: blockHash, number: Number.parseInt(number, 16) },
        finalized,
        events: result.events.map(({ event }) => `${event.section}.${event.method}`),
      });
    };

    const onResult = (result: ISubmittableResult) => {
      const { status, dispatchError } = result;
      if (status.isFuture) options.onStatus?.('future');
      else if (status.isReady) options.onStatus?.('ready');
      else if (status.isInBlock || status.isFinalized) {
        const blockHash = (status.isInBlock ? status.asInBlock : status.asFinalized).toHex();
        if (dispatchError) return finish(dispatchFailure(conn, dispatchError));
        options.onStatus?.(status.isInBlock ? 'inBlock' : 'finalized', blockHash);
        if (status.isFinalized || waitFor === 'inBlock') {
          included(result, blockHash, status.isFinalized).catch((error: Error) => finish(error));
        }
      } else if (status.isDropped || status.isInvalid || status.isUsurped || status.isFinalityTimeout) {
        const words = `the node reported the transaction ${status.type.toLowerCase()}`;
        finish(new ChainError('rejected', endpoint, words, `${endpoint}: ${words}`, status.type));
      }
    };

    let sending: Promise<() => void>;
    if (signer.kind === 'pair') {
      awaitConfirmation();
      sending = tx.signAndSend(signer.pair, { nonce }, onResult);
    } else {
      sending = tx.signAndSend(
        signer.address,
        { nonce, signer: startsClockWhenSigned(signer.signer, awaitConfirmation) },
        onResult,
      );
    }
    sending
      .then((stop) => {
        unsubscribe = stop;
        if (settled) stop();
      })
      .catch((error: unknown) => finish(submitError(endpoint, error)));
  });
}
