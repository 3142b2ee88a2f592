import { type ChallengeResponse, challengeRequestSchema } from '@/lib/auth/schemas';
import { issueChallenge } from '@/lib/auth/sign-in';
import { getDb } from '@/lib/db';
import { readJson } from '@/lib/http/body';
import { errorResponse } from '@/lib/http/errors';
import { guardAnonymousMutation } from '@/lib/http/guard';

export const dynamic = 'force-dynamic';

/** Step 1 of sign-in: a single-use message for the extension to sign. */
export async function POST(request: Request) {
  try {
    const { origin } = guardAnonymousMutation(request);
    const { address } = await readJson(request, challengeRequestSchema);
    const challenge = issueChallenge(getDb(), { address, origin });
    const body: ChallengeResponse = {
      nonce: challenge.nonce,
      message: challenge.message,
      expiresAt: challenge.expiresAt.toISOString(),
    };
    return Response.json(body, { headers: { 'cache-control': 'no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}
