/**
 * A `fetch` with deadlines, to hand to @huggingface/hub (every call there accepts `fetch`).
 * - `total` (API calls with small JSON answers): the whole exchange, body included, must finish
 *   within `timeoutMs`.
 * - `headers` (file downloads): response headers within `timeoutMs`; the body is policed by the
 *   reader, which calls `abort()` when no bytes arrive for too long.
 * Pure (no Node APIs).
 */
import { HubError } from './errors';

export const DEFAULT_HUB_TIMEOUT_MS = 30_000;

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
}

export interface TimedFetch {
  fetch: typeof fetch;
  /** Aborts every request made through this fetch, in flight or not yet started. */
  abort(reason: HubError): void;
  readonly signal: AbortSignal;
}

export function timedFetch(
  base: typeof fetch,
  options: { timeoutMs: number; signal?: AbortSignal; hubUrl: string; deadline?: 'total' | 'headers' },
): TimedFetch {
  const controller = new AbortController();
  const wrapped = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const deadline = new AbortController();
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const timer = setTimeout(() => {
      deadline.abort(
        new HubError(
          'timeout',
          `The Hugging Face Hub at ${options.hubUrl} did not answer within ${formatDuration(options.timeoutMs)} (${url}).`,
        ),
      );
    }, options.timeoutMs);
    // Aborting a finished exchange is a no-op; unref so a pending timer never delays process exit.
    if (typeof timer === 'object' && 'unref' in timer) timer.unref();
    const total = options.deadline === 'total';
    const signals = [controller.signal, deadline.signal];
    if (options.signal) signals.push(options.signal);
    if (init?.signal) signals.push(init.signal);
    try {
      const response = await base(input, { ...init, signal: AbortSignal.any(signals) });
      if (!total) clearTimeout(timer);
      return response;
    } catch (error) {
      clearTimeout(timer);
      // fetch rejects with the abort reason; surface our HubError rather than a bare AbortError.
      const reason = [controller.signal, deadline.signal].find((signal) => signal.aborted)?.reason;
      if (reason instanceof HubError) throw reason;
      if (options.signal?.aborted)
        throw new HubError('aborted', 'The download was cancelled.', { cause: error });
      throw error;
    }
  };
  return {
    fetch: wrapped as typeof fetch,
    abort: (reason) => controller.abort(reason),
    signal: controller.signal,
  };
}
