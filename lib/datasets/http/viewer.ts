/** The signed-in address behind a read request (null for anonymous visitors), from the session cookie. */
import 'server-only';
import { findSession } from '../../auth/sessions';
import { getDb } from '../../db';
import { sessionToken } from '../../http/guard';

export function viewerOf(request: Request): string | null {
  return findSession(getDb(), sessionToken(request))?.address ?? null;
}
