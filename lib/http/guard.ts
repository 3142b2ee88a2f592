/**
 * Every mutating route starts here: check Origin, then (unless the route is sign-in itself) the
 * session cookie.
 */
import 'server-only';
import { AuthError } from '../auth/errors';
import { type Roles, rolesFor } from '../auth/roles';
import { findSession, SESSION_COOKIE, type Session } from '../auth/sessions';
import { getDb } from '../db';
import { getConfig } from '../env';
import { assertSameOrigin } from './origin';

export function sessionToken(request: Request): string | undefined {
  const header = request.headers.get('cookie');
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === SESSION_COOKIE) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

export interface MutationContext {
  origin: string;
  session: Session;
  roles: Roles;
}

export function guardAnonymousMutation(request: Request): { origin: string } {
  return { origin: assertSameOrigin(request, getConfig()) };
}

export function guardMutation(request: Request): MutationContext {
  const config = getConfig();
  const origin = assertSameOrigin(request, config);
  const session = findSession(getDb(), sessionToken(request));
  if (!session) throw new AuthError('no_session');
  return { origin, session, roles: rolesFor(session.address, config) };
}
