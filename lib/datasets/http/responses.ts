/** Small shared pieces of the dataset route handlers. */
import type { z } from 'zod';
import { PublicError } from '../../http/errors';

/** Route context of a dynamic segment, as Next.js 16 passes it (params are a promise). */
export interface IdContext {
  params: Promise<{ id: string }>;
}

/** Dataset data is per-user and changes constantly: never cached by the browser or a proxy. */
export function json(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: { 'cache-control': 'no-store' } });
}

/** Validates already-parsed JSON with the same message format as readJson. */
export function parseBody<T extends z.ZodType>(data: unknown, schema: T): z.infer<T> {
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first?.path.length ? `${first.path.join('.')}: ` : '';
    throw new PublicError(
      'invalid_request',
      `Invalid request. ${where}${first?.message ?? 'unexpected shape'}`,
    );
  }
  return parsed.data;
}
