/** The signed-in account for server components, read from the session cookie. */
import 'server-only';
import { cookies } from 'next/headers';
import { getDb } from '../db';
import { getConfig } from '../env';
import { type Roles, rolesFor } from './roles';
import { findSession, SESSION_COOKIE } from './sessions';

export interface CurrentUser {
  address: string;
  displayName: string | null;
  roles: Roles;
}

export async function getCurrentUser(): Promise<CurrentUser | null> {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  const session = findSession(getDb(), token);
  if (!session) return null;
  return {
    address: session.address,
    displayName: session.displayName,
    roles: rolesFor(session.address, getConfig()),
  };
}
