import type { z } from 'zod';
import { PublicError } from './errors';

export const DEFAULT_JSON_LIMIT = 64 * 1024;

/** Reads a JSON body with a size cap and validates it; every failure is a 4xx with a clear message. */
export async function readJson<T extends z.ZodType>(
  request: Request,
  schema: T,
  limit = DEFAULT_JSON_LIMIT,
): Promise<z.infer<T>> {
  const type = request.headers.get('content-type') ?? '';
  if (!type.toLowerCase().startsWith('application/json')) {
    throw new PublicError('unsupported_media_type', 'Send the request body as application/json.', 415);
  }
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > limit)
    throw new PublicError('payload_too_large', `The request body is over ${limit} bytes.`, 413);
  const text = await request.text();
  if (Buffer.byteLength(text) > limit) {
    throw new PublicError('payload_too_large', `The request body is over ${limit} bytes.`, 413);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new PublicError('invalid_json', 'The request body is not valid JSON.');
  }
  return parseBody(data, schema);
}

/** Validates already-parsed JSON; the first problem becomes a 400 naming the field. */
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
