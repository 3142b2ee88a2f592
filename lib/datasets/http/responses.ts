/** Small shared pieces of the dataset route handlers. */

/** Route context of a dynamic segment, as Next.js 16 passes it (params are a promise). */
export interface IdContext {
  params: Promise<{ id: string }>;
}

/** Dataset data is per-user and changes constantly: never cached by the browser or a proxy. */
export function json(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: { 'cache-control': 'no-store' } });
}

/** Validates already-parsed JSON with the same message format as readJson. */
export { parseBody } from '../../http/body';
