/**
 * Cross-site request forgery defence for mutating routes: the browser's Origin header must be the
 * studio's own origin. The session cookie is SameSite=Strict as well; this check also covers
 * sign-in itself, which has no session yet.
 */

import { AuthError } from '../auth/errors';
import type { Config } from '../env';

/** The origin this server answers on: GENKI_PUBLIC_ORIGIN when set, else the request's own host. */
export function serverOrigin(request: Request, config: Pick<Config, 'publicOrigin'>): string {
  if (config.publicOrigin) return config.publicOrigin;
  const url = new URL(request.url);
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host') ?? url.host;
  const proto =
    request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim() ?? url.protocol.replace(':', '');
  return `${proto}://${host}`;
}

export function assertSameOrigin(request: Request, config: Pick<Config, 'publicOrigin'>): string {
  const expected = serverOrigin(request, config);
  const origin = request.headers.get('origin');
  if (!origin || origin !== expected) throw new AuthError('bad_origin');
  if (request.headers.get('sec-fetch-site') === 'cross-site') throw new AuthError('bad_origin');
  return expected;
}
