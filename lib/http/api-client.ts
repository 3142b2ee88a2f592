/** Browser-side fetch helper: JSON in, zod-checked JSON out, server error messages surfaced as-is. */
import type { z } from 'zod';

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
  ) {
    super(message);
  }
}

/**
 * fetch() to one of the studio's own routes, same-origin and uncached; a network failure becomes
 * an ApiError in words. For callers that read the response themselves (a 409 with a body).
 */
export async function apiFetch(
  path: string,
  init: { method?: string; body?: unknown } = {},
): Promise<Response> {
  try {
    return await fetch(path, {
      method: init.method ?? 'GET',
      headers: init.body === undefined ? undefined : { 'content-type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    throw new ApiError(
      'Genki Studio could not be reached. Check your connection and try again.',
      0,
      'network',
    );
  }
}

export async function apiRequest<T extends z.ZodType>(
  path: string,
  schema: T,
  init: { method?: string; body?: unknown } = {},
): Promise<z.infer<T>> {
  const response = await apiFetch(path, init);
  const data: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = (data as { error?: { code?: string; message?: string } } | undefined)?.error;
    throw new ApiError(
      error?.message ?? `The server answered ${response.status}.`,
      response.status,
      error?.code ?? 'http',
    );
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success)
    throw new ApiError('The server sent an unexpected answer.', response.status, 'bad_response');
  return parsed.data;
}
