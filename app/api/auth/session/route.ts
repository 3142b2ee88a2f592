import { NextResponse } from 'next/server';
import { rolesFor } from '@/lib/auth/roles';
import { type SessionResponse, signInRequestSchema } from '@/lib/auth/schemas';
import { findSession, revokeSession, SESSION_COOKIE } from '@/lib/auth/sessions';
import { completeSignIn } from '@/lib/auth/sign-in';
import { getDb } from '@/lib/db';
import { getConfig } from '@/lib/env';
import { readJson } from '@/lib/http/body';
import { errorResponse } from '@/lib/http/errors';
import { guardAnonymousMutation, guardMutation, sessionToken } from '@/lib/http/guard';

export const dynamic = 'force-dynamic';

const noStore = { 'cache-control': 'no-store' };

/** Who is signed in (or `{ user: null }`). */
export async function GET(request: Request) {
  try {
    const session = findSession(getDb(), sessionToken(request));
    const body: SessionResponse = {
      user: session
        ? {
            address: session.address,
            displayName: session.displayName,
            roles: rolesFor(session.address, getConfig()),
          }
        : null,
    };
    return Response.json(body, { headers: noStore });
  } catch (error) {
    return errorResponse(error);
  }
}

/** Step 2 of sign-in: verify the extension's signature of the challenge and set the session cookie. */
export async function POST(request: Request) {
  try {
    const { origin } = guardAnonymousMutation(request);
    const input = await readJson(request, signInRequestSchema);
    const session = await completeSignIn(getDb(), {
      nonce: input.nonce,
      address: input.address,
      signature: input.signature,
      displayName: input.name,
    });
    const body: SessionResponse = {
      user: {
        address: session.address,
        displayName: session.displayName,
        roles: rolesFor(session.address, getConfig()),
      },
    };
    const response = NextResponse.json(body, { headers: noStore });
    response.cookies.set(SESSION_COOKIE, session.token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: origin.startsWith('https:'),
      path: '/',
      expires: session.expiresAt,
    });
    return response;
  } catch (error) {
    return errorResponse(error);
  }
}

/** Sign out: revoke the session server-side and clear the cookie. */
export async function DELETE(request: Request) {
  try {
    const { origin } = guardMutation(request);
    revokeSession(getDb(), sessionToken(request));
    const response = NextResponse.json({ user: null } satisfies SessionResponse, { headers: noStore });
    response.cookies.set(SESSION_COOKIE, '', {
      httpOnly: true,
      sameSite: 'strict',
      secure: origin.startsWith('https:'),
      path: '/',
      maxAge: 0,
    });
    return response;
  } catch (error) {
    return errorResponse(error);
  }
}
